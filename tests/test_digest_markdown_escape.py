"""Markdown output is text a person reads raw: backslash escapes where a renderer would see markup, no HTML entities."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.render import md_code, md_escape
from summarizer.themes import assign_themes
from tests.cards_factory import sample_cards

READ_AS_WRITTEN = ["0.94 -> 0.98", "p<0.005 and HR=2.99", "Transformer & Frequency-domain Learning",
                   "s > 0 and a <= b", "x -> y => z"]


@pytest.mark.parametrize("text", READ_AS_WRITTEN)
def test_plain_text_is_not_entity_escaped(text: str) -> None:
    """`0.94 -> 0.98` must not come out as `0.94 -&gt; 0.98` in digest.md (nothing there needs escaping)."""
    assert md_escape(text) == text


@pytest.mark.parametrize("text", [
    *READ_AS_WRITTEN,
    "<script>alert(1)</script> & <b>Bold</b>", "<img src=x onerror=alert(3)>", "<!-- hidden -->",
    "<https://example.org>", "&amp; &copy; &#62; &#x3E; are entities", "> a quote opener", "  > indented too",
    "*emph* _under_ `code` [x](javascript:alert(2)) | pipe # hash ~strike~ back\\slash",
])
def test_commonmark_shows_the_text_as_written(text: str) -> None:
    rendered = MarkdownIt("commonmark").renderInline(md_escape(text))
    assert rendered == html.escape(text, quote=False).replace('"', "&quot;")
    assert "<" not in rendered.replace("&lt;", "")  # no tag of any kind survived


def test_a_leading_quote_marker_stays_text_in_a_block() -> None:
    rendered = MarkdownIt("commonmark").render(md_escape("> 5% better"))
    assert "<blockquote>" not in rendered and "&gt; 5% better" in rendered


@pytest.mark.parametrize("name", ["gpt_4o*mini", "org/model-v1", "a`b", "`x`", "<b>m</b>"])
def test_a_code_span_shows_the_name_verbatim(name: str) -> None:
    """The model name in the header is a code span: escapes there would be shown (`gpt\\_4o`), so none are made."""
    rendered = MarkdownIt("commonmark").renderInline(md_code(name))
    assert rendered == f"<code>{html.escape(name, quote=False)}</code>"


def test_the_header_shows_the_model_name_as_written(tmp_path: Path) -> None:
    meta = DigestMeta(date="2026-11-22", sources=["a.jsonl"], backend="llm", model="org/gemma_3*it")
    write_digest(assign_themes(list(sample_cards())[:3]), {}, tmp_path, meta)
    header = (tmp_path / "digest.md").read_text(encoding="utf-8").splitlines()[3]
    assert header == "Extracted by the `llm` backend (`org/gemma_3*it`)."
