"""Day listings built from the bundled sample pages, and a counting extractor for the daily tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from summarizer.extract.base import CardResult, OnDone
from summarizer.extract.rules import RulesExtractor
from summarizer.models import Paper
from summarizer.sources import load_papers

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"


@cache
def sample_papers() -> tuple[Paper, ...]:
    return tuple(load_papers([SAMPLES / "001_79eeb3c8989dd413.txt"]).papers)


def arxiv_record(index: int, version: int = 1, day: str | None = None, extra: str = "") -> dict[str, str]:
    """Sample paper `index` as an arXiv listing record: id 2410.1NNNN, the given version."""
    paper = sample_papers()[index]
    record = {"title": paper.title, "abstract": paper.abstract + extra,
              "url": f"https://arxiv.org/abs/2410.{10000 + index}v{version}"}
    return record | ({"date": day} if day else {})


def write_listing(path: Path, records: Sequence[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(list(records), indent=1) + "\n", encoding="utf-8")
    return path


class CountingExtractor:
    """The rules backend, counting the papers it is asked to extract (a model would be called for each)."""

    def __init__(self) -> None:
        self.inner = RulesExtractor()
        self.info = self.inner.info
        self.extracted: list[str] = []

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        self.extracted += [p.title for p in papers]
        return self.inner.extract_all(papers, on_done)
