"""Atom feed (RFC 4287) of the digest: one entry per paper, categorised by theme.

The feed id is permanent (derived from the digest's title and sources, never
the run date), so a reader keeps one subscription across days; entries keep
the paper's id, so a paper seen yesterday is not new today. Built with
ElementTree rather than a template: escaping is the XML library's job.
"""

from __future__ import annotations

import os.path
import uuid
import xml.etree.ElementTree as ET

from summarizer.digest.view import DigestView, EntryView, ThemeView

ATOM = "http://www.w3.org/2005/Atom"
_NS = uuid.UUID("6f0c7a53-1d2e-4c1b-9a55-2f1b1e9b0d11")  # summarizer's namespace for feed ids


def feed_id(view: DigestView) -> str:
    """`urn:uuid:` from the title and where the sources live (their common folder, not the files of the day),
    so a daily run over the same folder keeps one feed."""
    sources = view.meta.sources
    local = sources and all("://" not in s for s in sources)
    where = os.path.commonpath(sources) if local and len(sources) > 1 else "|".join(sources)
    return f"urn:uuid:{uuid.uuid5(_NS, view.meta.title + '|' + where)}"


def _text(entry: EntryView) -> str:
    return "".join(text for text, _ in entry.outcome)


def _content(entry: EntryView) -> str:
    """Plain-text body: summary, outcome, each gain with its verbatim evidence, method, task, code."""
    parts = [entry.summary or "", f"Result: {_text(entry)}" if entry.outcome else ""]
    for ev in entry.evidence:
        claims = "; ".join(g.value + (f" {g.metric}" if g.metric else "") + (f" vs {g.baseline}" if g.baseline else "")
                           + (f" on {g.dataset}" if g.dataset else "") for g in ev.gains)
        quote = "".join(text for text, _ in ev.quote)
        parts.append(f"Gain: {claims}" + (f' ("{quote}")' if quote else ""))
    parts += [f"Method: {entry.method}" if entry.method else "", f"Task: {entry.task}" if entry.task else ""]
    parts += [f"Code: {u}" for u in entry.code_urls]
    return "\n".join(p for p in parts if p) or entry.title


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    node.text = text
    return node


def _entry(feed: ET.Element, entry: EntryView, theme: ThemeView, updated: str) -> None:
    node = _sub(feed, "entry")
    _sub(node, "title", entry.title)
    _sub(node, "id", f"urn:summarizer:paper:{entry.id}")
    _sub(node, "updated", updated)
    if entry.date and len(entry.date) == 10 and entry.date[4] == "-":
        _sub(node, "published", f"{entry.date}T00:00:00Z")
    for name in entry.byline.split(", ") if entry.byline and not entry.byline.endswith("authors") else []:
        _sub(_sub(node, "author"), "name", name)
    _sub(node, "link", rel="alternate", href=entry.url, title=entry.link.label)
    _sub(node, "category", term=theme.key, label=theme.name)
    if entry.summary:
        _sub(node, "summary", entry.summary)
    _sub(node, "content", _content(entry), type="text")


def render_feed(view: DigestView) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    updated = f"{view.meta.date}T00:00:00Z"
    _sub(feed, "title", view.meta.title)
    _sub(feed, "subtitle", f"{view.meta.cards} papers from {view.meta.sources_text}, {view.meta.date}")
    _sub(feed, "id", feed_id(view))
    _sub(feed, "updated", updated)
    _sub(feed, "link", rel="self", href=view.meta.feed_url or "digest.xml", type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href="digest.html", type="text/html")
    _sub(_sub(feed, "author"), "name", "summarizer")
    _sub(feed, "generator", "summarizer")
    for theme in view.themes:
        for entry in theme.entries:
            _entry(feed, entry, theme, updated)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
