"""Markdown and HTML from the digest view, through jinja2 templates.

HTML autoescapes everything and allows one script, the page's own filter code,
by its hash in the Content-Security-Policy (so nothing injected can run).
Markdown backslash-escapes what a Markdown renderer would otherwise interpret (inline
HTML, entities, links, emphasis, table pipes), so input text stays text, raw or rendered.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from summarizer.digest.links import encoded_url
from summarizer.digest.view import DigestView

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
# what CommonMark reads as markup: `<` opening a tag, comment or autolink; `&` opening an entity (`&amp;`, `&#62;`)
_MD_HTML = re.compile(r"<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)")
_MD_QUOTE = re.compile(r"^(\s*)>")  # a `>` opening a line starts a block quote
# characters XML 1.0 forbids and UTF-8 cannot encode (lone surrogates): a stray one would make
# the feed invalid or the write fail, and no reader can see them anyway
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def writable(text: str) -> str:
    """Drop what no output format can carry; run over every rendered document."""
    return _UNWRITABLE.sub("", text)


def md_escape(text: object) -> str:
    """One line of text a Markdown renderer shows as written, still readable raw: backslash escapes, never HTML
    entities (`0.94 -> 0.98` and `p<0.005` stay as they are; `<b>`, `&amp;` and a leading `>` are escaped)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))
    escaped = _MD_HTML.sub(r"\\\g<0>", escaped)
    return _MD_QUOTE.sub(r"\1\\>", escaped)


def md_code(text: object) -> str:
    """`text` as a Markdown code span, shown verbatim (backslash escapes are literal inside one, so `md_escape`
    would show `gpt\\_4`): fenced by more backticks than the text holds in a row."""
    body = str(text).replace("\n", " ")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def md_link(text: object, url: str | None) -> str:
    """`[text](<url>)` for an http(s) URL (percent-encoded), else the escaped text alone."""
    href = encoded_url(url)
    return f"[{md_escape(text)}](<{href}>)" if href else md_escape(text)


@cache
def _script() -> tuple[str, str]:
    """The page's filter script and its CSP source expression."""
    code = (files("summarizer.digest") / "templates" / "digest.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    return code, f"sha256-{digest}"


@cache
def _env(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("summarizer.digest", "templates"), undefined=StrictUndefined,
                      autoescape=autoescape, trim_blocks=False, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["md_code"] = md_code
    env.globals["md_link"] = md_link
    return env


def render_markdown(view: DigestView) -> str:
    text = _env(False).get_template("digest.md.j2").render(view=view, meta=view.meta)
    return re.sub(r"\n{3,}", "\n\n", text)


def render_html(view: DigestView) -> str:
    code, source = _script()
    return _env(True).get_template("digest.html.j2").render(view=view, meta=view.meta, script=Markup(code),
                                                             script_hash=source)
