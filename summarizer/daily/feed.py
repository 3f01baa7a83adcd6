"""`feed.xml`: one Atom feed for the whole archive, over the last 30 days.

The feed id is made once per archive (stored in papers.db), each paper's entry
id is its canonical key (`tag:` URI), and `<updated>` is when its card last
changed - so a rerun, or the same paper listed again, never looks new to a reader.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from urllib.parse import quote

from summarizer.daily.memory import Seen
from summarizer.digest.render import writable
from summarizer.digest.view import safe_url

ATOM = "http://www.w3.org/2005/Atom"


def entry_id(key: str) -> str:
    """A stable, valid IRI for a canonical paper key (`arxiv:2310.01234` -> `tag:summarizer,2024:arxiv:2310.01234`)."""
    return "tag:summarizer,2024:" + quote(key, safe=":./-_")


def _summary(seen: Seen) -> str:
    card = seen.card
    parts = [card.summary or "", f"Method: {card.method.name}" if card.method.name else "",
             f"Task: {card.task}" if card.task else ""]
    parts += [f"Gain: {g.value}" + (f" {g.metric}" if g.metric else "") for g in card.claimed_gains[:3]]
    parts += [f"Why it may interest you: {'; '.join(card.relevance_reasons)}"] if card.relevance_reasons else []
    return "\n".join(p for p in parts if p) or card.title


def window(papers: list[Seen], newest_day: str, days: int) -> list[Seen]:
    """Papers whose card was shown (first seen or updated) in the `days` days up to the newest archived day."""
    start = (date.fromisoformat(newest_day) - timedelta(days=days - 1)).isoformat()
    return [p for p in papers if p.card_day >= start]


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def render_archive_feed(feed_id: str, papers: list[Seen], title: str = "Research digest") -> str:
    """Entries newest change first; the feed's `updated` is its newest entry's."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ordered = sorted(papers, key=lambda p: (p.updated, p.key), reverse=True)
    _add(feed, "title", title)
    _add(feed, "id", feed_id)
    _add(feed, "updated", ordered[0].updated if ordered else "1970-01-01T00:00:00Z")
    _add(feed, "link", rel="alternate", href="index.html", type="text/html")
    _add(_add(feed, "author"), "name", "summarizer")
    for seen in ordered:
        node = _add(feed, "entry")
        _add(node, "title", seen.card.title)
        _add(node, "id", entry_id(seen.key))
        _add(node, "published", f"{seen.first_seen}T00:00:00Z")
        _add(node, "updated", seen.updated)
        _add(node, "link", rel="alternate", href=f"{seen.card_day}/digest.html#p-{seen.paper_id}", type="text/html")
        if url := safe_url(seen.card.url):
            _add(node, "link", rel="related", href=url)
        if seen.card.theme:
            _add(node, "category", term=seen.card.theme)
        _add(node, "summary", _summary(seen))
    ET.indent(feed)
    return writable('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n")
