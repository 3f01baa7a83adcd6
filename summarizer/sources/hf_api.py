"""The Hugging Face daily-papers API (`/api/daily_papers`) JSON.

A record wraps the paper (`{"paper": {...}, "title", "publishedAt", ...}`);
records of `/api/papers/...` come unwrapped. Both are read.
"""

from __future__ import annotations

from typing import Any

from summarizer.models import Paper
from summarizer.sources.records import RecordError, Warn, located, make_paper

HF_PAPER_URL = "https://huggingface.co/papers/{}"


def is_daily_papers(data: Any) -> bool:
    records = data if isinstance(data, list) else [data]
    first = records[0] if records else None
    if not isinstance(first, dict):
        return False
    return isinstance(first.get("paper"), dict) or ("summary" in first and "id" in first)


def _organization(record: dict[str, Any], paper: dict[str, Any]) -> str | None:
    org = record.get("organization") or paper.get("organization")
    if isinstance(org, dict):
        return org.get("fullname") or org.get("name")
    return org if isinstance(org, str) else None


def parse_daily_papers(data: Any, source: str, warn: Warn) -> list[Paper]:
    papers: list[Paper] = []
    for index, record in enumerate(data if isinstance(data, list) else [data]):
        if not isinstance(record, dict):
            warn(f"{source}: record {index}: not an object; skipped")
            continue
        paper: dict[str, Any] = record["paper"] if isinstance(record.get("paper"), dict) else record
        arxiv_id = paper.get("id")
        authors = [a.get("name", "") for a in paper.get("authors") or [] if isinstance(a, dict)]
        try:
            papers.append(make_paper(
                title=paper.get("title") or record.get("title"),
                abstract=paper.get("summary") or record.get("summary"),
                source=source, position=len(papers), arxiv_id=arxiv_id,
                url=HF_PAPER_URL.format(arxiv_id) if arxiv_id else None, authors=authors,
                organization=_organization(record, paper),
                date=paper.get("publishedAt") or record.get("publishedAt"),
                upvotes=paper.get("upvotes", record.get("upvotes")), warn=located(warn, f"{source}: record {index}"),
            ))
        except RecordError as exc:
            warn(f"{source}: record {index}: {exc}")
    return papers
