"""arXiv API Atom feeds (`export.arxiv.org/api/query`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.errors import InputError
from summarizer.models import Paper
from summarizer.sources.records import RecordError, Warn, arxiv_id_of, located, make_paper

_NS = {"a": "http://www.w3.org/2005/Atom"}


def is_atom(text: str) -> bool:
    head = text[:2000]
    return "<feed" in head and "http://www.w3.org/2005/Atom" in head


def _text(entry: ET.Element, path: str) -> str | None:
    node = entry.find(path, _NS)
    return " ".join(node.text.split()) if node is not None and node.text else None


def parse_atom(text: str, source: str, warn: Warn) -> list[Paper]:
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(source, f"not well-formed Atom XML ({exc})") from None
    papers: list[Paper] = []
    for index, entry in enumerate(root.findall("a:entry", _NS)):
        entry_id = _text(entry, "a:id")
        link = next((node.get("href") for node in entry.findall("a:link", _NS)
                     if node.get("rel") == "alternate"), None)
        try:
            papers.append(make_paper(
                title=_text(entry, "a:title"), abstract=_text(entry, "a:summary"), source=source,
                position=len(papers), url=link or entry_id, arxiv_id=arxiv_id_of(entry_id, link),
                authors=[n for n in (_text(a, "a:name") for a in entry.findall("a:author", _NS)) if n],
                date=_text(entry, "a:published"), warn=located(warn, f"{source}: entry {index}"),
            ))
        except RecordError as exc:
            warn(f"{source}: entry {index}: {exc}")
    return papers
