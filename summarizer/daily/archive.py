"""The archive on disk: one folder per day, swapped in whole, and `index.html` over all days.

Every link is relative (`2024-10-08/digest.html`, `../index.html`), so the
folder works from file:// and as static pages anywhere. A day's folder is
built beside the archive and renamed into place, so a reader never sees half
a day; the day pages' navigation is fenced by comments so that a later day can
add its "next" link to the page before it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from summarizer.atomic import write_text_atomic
from summarizer.daily.memory import DaySummary
from summarizer.digest.render import md_escape, writable

FEED_DAYS = 30
_NAV = re.compile(r"<!-- daily-nav -->.*?<!-- /daily-nav -->", re.S)


@dataclass
class UpdatedEntry:
    """A paper seen before whose new arXiv version this day lists."""

    id: str
    title: str
    url: str | None
    version: int | None
    first_seen: str


@cache
def _env(autoescape: bool) -> Environment:
    env = Environment(loader=PackageLoader("summarizer.daily", "templates"), undefined=StrictUndefined,
                      autoescape=autoescape, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    return env


def day_blocks(previous: str | None, following: str | None, notes: list[str],
               updated: list[UpdatedEntry]) -> tuple[str, str]:
    """The archive's part of a day page (navigation, notes, updated papers), as HTML and Markdown."""
    values = {"previous": previous, "following": following, "notes": notes, "updated": updated}
    return (_env(True).get_template("day.html.j2").render(**values),
            _env(False).get_template("day.md.j2").render(**values))


def insert_html(page: str, block: str) -> str:
    """Put the archive block under the digest's header (or at the top of <main>/<body>)."""
    for marker in ("</header>", "<main>", "<body>"):
        if marker in page:
            return page.replace(marker, marker + "\n" + block, 1)
    return block + page


def insert_markdown(page: str, block: str) -> str:
    """Put the archive block under the digest's title line."""
    title, _, rest = page.partition("\n")
    return f"{title}\n\n{block}\n{rest.lstrip()}"


def relink(day_dir: Path, previous: str | None, following: str | None) -> None:
    """Rewrite a day page's navigation so it points at its current neighbours."""
    html_nav, md_nav = (_NAV.search(b) for b in day_blocks(previous, following, [], []))
    for name, nav in (("digest.html", html_nav), ("digest.md", md_nav)):
        path = day_dir / name
        if nav is None or not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        old = _NAV.search(text)
        new = text if old is None else text[:old.start()] + nav.group(0) + text[old.end():]
        if new != text:
            write_text_atomic(path, new)


@contextmanager
def staged_day(site: Path, day: str) -> Iterator[Path]:
    """A fresh folder beside the archive; removed unless `swap_in` moved it into place."""
    site.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{day}.", suffix=".staging", dir=site))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging` with renames: the old day stays whole until the new one is in place."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    staging.mkdir()  # so staged_day's cleanup has its folder back
    shutil.rmtree(old, ignore_errors=True)


def write_index(site: Path, days: list[DaySummary], papers: int, title: str = "Research digest") -> Path:
    html = _env(True).get_template("index.html.j2").render(title=title, days=days, papers=papers,
                                                           feed_days=FEED_DAYS)
    return write_text_atomic(site / "index.html", writable(html))
