"""Atom feed of the digest: one entry per paper, categorised by theme.

Built with ElementTree rather than a template, so escaping is the XML
library's job and the output is always well-formed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from summarizer.digest.view import DigestView, EntryView

ATOM = "http://www.w3.org/2005/Atom"


def _summary(entry: EntryView) -> str:
    parts = [f"Method: {entry.method}" if entry.method else "", f"Task: {entry.task}" if entry.task else ""]
    parts += [f"Gain: {g.value}" + (f" {g.metric}" if g.metric else "") + (f" vs {g.baseline}" if g.baseline else "")
              for g in entry.gains]
    parts += [f"Code: {u}" for u in entry.code_urls]
    return "\n".join(p for p in parts if p) or entry.title


def render_feed(view: DigestView) -> str:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    updated = f"{view.meta.date}T00:00:00Z"
    header = {"title": f"{view.meta.title} — {view.meta.date}", "id": f"urn:summarizer:digest:{view.meta.date}",
              "updated": updated}
    for tag, text in header.items():
        ET.SubElement(feed, f"{{{ATOM}}}{tag}").text = text
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = "summarizer"
    for theme in view.themes:
        for entry in theme.entries:
            node = ET.SubElement(feed, f"{{{ATOM}}}entry")
            ET.SubElement(node, f"{{{ATOM}}}title").text = entry.title
            ET.SubElement(node, f"{{{ATOM}}}id").text = f"urn:summarizer:paper:{entry.id}"
            ET.SubElement(node, f"{{{ATOM}}}updated").text = updated
            ET.SubElement(node, f"{{{ATOM}}}category", term=theme.key, label=theme.name)
            if entry.url:
                ET.SubElement(node, f"{{{ATOM}}}link", href=entry.url, rel="alternate")
            ET.SubElement(node, f"{{{ATOM}}}summary").text = _summary(entry)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
