"""The day's listing: local files, or fetched from the HF daily-papers API or an arXiv query.

A fetched listing is kept as raw bytes so the day's folder can hold exactly
what was read; parsing goes through the same loader as any local file.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

import httpx

from summarizer.errors import SummarizerError
from summarizer.sources import LoadResult, load_papers
from summarizer.sources.loader import expand_inputs

# the loader's messages for a listing that holds nothing: a quiet day, not a broken file
_EMPTY = ("is empty", "holds no papers")


@dataclass
class Listing:
    loaded: LoadResult
    raw: dict[str, bytes] = field(default_factory=dict)  # file name in the day's folder -> bytes as read

    @property
    def empty(self) -> bool:
        return not self.loaded.papers

    @property
    def broken(self) -> bool:
        """Some input could not be read for a reason other than being an empty listing (bad records count)."""
        return bool(self.loaded.warnings) or any(not any(mark in e for mark in _EMPTY) for e in self.loaded.errors)


def parse_day(text: str) -> str:
    """A strict YYYY-MM-DD, or a one-line error."""
    try:
        return Date.fromisoformat(text).isoformat()
    except ValueError:
        raise SummarizerError(f"--date {text!r} is not a date (expected YYYY-MM-DD)") from None


def listing_date(loaded: LoadResult) -> str | None:
    """The listing's own date: the newest paper date it carries (a listing is never older than its papers)."""
    dates = Counter(p.date for p in loaded.papers if p.date)
    return max(dates) if dates else None


def read_local(inputs: list[Path], fmt: str) -> Listing:
    files = expand_inputs(inputs)
    loaded = load_papers(inputs, fmt)
    raw: dict[str, bytes] = {}
    for path in files:
        try:
            raw.setdefault(path.name, path.read_bytes())
        except OSError:
            continue  # the loader already reported it
    return Listing(loaded, raw)


def fetch_listing(spec: str, day: str | None, client: httpx.Client | None = None, max_results: int = 200) -> Listing:
    """`hf` (daily papers of `day`) or `arxiv:QUERY`; the reply is parsed like a local file."""
    from summarizer.sources.fetch import fetch_arxiv, fetch_hf_daily

    if spec == "hf":
        name, data = "listing.hf.json", fetch_hf_daily(day, client)
    elif spec.startswith("arxiv:") and spec[6:].strip():
        name, data = "listing.arxiv.xml", fetch_arxiv(spec[6:].strip(), max_results, client)
    else:
        raise SummarizerError(f"--fetch {spec!r}: expected 'hf' or 'arxiv:QUERY' (e.g. arxiv:cat:cs.CL)")
    with tempfile.TemporaryDirectory(prefix="summarizer-fetch-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        loaded = load_papers([path])
    loaded.papers = [p.model_copy(update={"source": name}) for p in loaded.papers]
    loaded.errors = [e.replace(str(path), f"{spec} listing") for e in loaded.errors]
    return Listing(loaded, {name: data})
