"""Themes -> the daily digest: Markdown, self-contained HTML, Atom feed."""

from __future__ import annotations

from pathlib import Path

from summarizer.atomic import write_text_atomic
from summarizer.digest.feed import render_feed
from summarizer.digest.overview import Overview
from summarizer.digest.render import render_html, render_markdown, writable
from summarizer.digest.view import DigestMeta, DigestView, build_view, view_of
from summarizer.themes import ThemedCards

__all__ = ["DigestMeta", "DigestView", "build_view", "view_of", "write_digest", "write_view"]


def write_digest(themed: ThemedCards, overviews: dict[str, Overview], out_dir: Path, meta: DigestMeta) -> list[Path]:
    """Write digest.md, digest.html and digest.xml atomically; return their paths."""
    return write_view(build_view(themed, overviews, meta), out_dir)


def write_view(view: DigestView, out_dir: Path) -> list[Path]:
    return [
        write_text_atomic(out_dir / "digest.md", writable(render_markdown(view))),
        write_text_atomic(out_dir / "digest.html", writable(render_html(view))),
        write_text_atomic(out_dir / "digest.xml", writable(render_feed(view))),
    ]
