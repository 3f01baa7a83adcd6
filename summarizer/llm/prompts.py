"""Prompt files: jinja2 templates in `summarizer/prompts/` (shipped in the wheel), versioned, hashed, checked.

A prompt `extract.v2` lives in `summarizer/prompts/extract.v2.md.j2`; its first line names
the same id, and it defines a `system` block (static instructions, first, so
provider prompt caching can reuse it) and a `user` block (the paper, last).
Rendering uses `StrictUndefined`, and the variables a template uses must be
the ones its caller declares, so a typo fails at load, not as an empty prompt.

The id and the file's sha256 are part of every cache key; the snapshot tests
(`tests/test_prompts_snapshot.py`) fail when a file changes without a bump.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from summarizer.errors import SummarizerError

PROMPTS_ENV = "SUMMARIZER_PROMPTS_DIR"
ROLES = ("system", "user")
_HEADER = re.compile(r"^\{#-?\s*prompt:\s*(?P<id>[\w-]+\.v\d+)\b")


def prompts_dir() -> Path:
    """`$SUMMARIZER_PROMPTS_DIR`, else the prompts shipped in the package (`summarizer/prompts/`)."""
    override = os.environ.get(PROMPTS_ENV)
    return Path(override) if override else Path(str(resources.files("summarizer") / "prompts"))


class PromptError(SummarizerError):
    """A prompt file is missing or malformed; the message names the file and the fix."""


_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


@dataclass(frozen=True)
class Prompt:
    """One loaded prompt version: render it to chat messages."""

    id: str
    path: Path
    source: str
    sha256: str
    variables: frozenset[str]
    _template: jinja2.Template = field(repr=False, compare=False)

    def render(self, **values: Any) -> list[dict[str, str]]:
        """System then user message; unknown or missing variables are errors."""
        extra = set(values) - self.variables
        if extra:
            raise PromptError(f"{self.path}: unexpected variables {sorted(extra)}")
        context = self._template.new_context(values)
        return [{"role": role, "content": "".join(self._template.blocks[role](context)).strip()}
                for role in ROLES]

    def fingerprint(self) -> dict[str, str]:
        """What identifies this prompt in cache keys and run.json."""
        return {"id": self.id, "sha256": self.sha256}


def load_prompt(prompt_id: str, variables: Iterable[str], directory: Path | None = None) -> Prompt:
    """Load `<directory>/<prompt_id>.md.j2`, checking its header, blocks and variables."""
    path = (directory or prompts_dir()) / f"{prompt_id}.md.j2"
    return _load(path, prompt_id, frozenset(variables))


@cache
def _load(path: Path, prompt_id: str, variables: frozenset[str]) -> Prompt:
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"{path}: cannot read prompt {prompt_id} ({exc}); set {PROMPTS_ENV} "
                          "to the folder holding the prompt files") from None
    header = _HEADER.match(source)
    if header is None or header.group("id") != prompt_id:
        raise PromptError(f"{path}: first line must be '{{#- prompt: {prompt_id} ... -#}}' "
                          "(the id in the file must match its name)")
    try:
        parsed = _ENV.parse(source)
        template = _ENV.from_string(source)
    except jinja2.TemplateSyntaxError as exc:
        raise PromptError(f"{path}:{exc.lineno}: {exc.message}") from None
    missing_blocks = [role for role in ROLES if role not in template.blocks]
    if missing_blocks:
        raise PromptError(f"{path}: define the blocks {missing_blocks} ({{% block system %}}...)")
    used = meta.find_undeclared_variables(parsed)
    if not used <= variables:
        raise PromptError(f"{path}: uses undeclared variables {sorted(used - variables)}; "
                          f"allowed: {sorted(variables)}")
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return Prompt(prompt_id, path, source, digest, variables, template)


def available_prompts(directory: Path | None = None) -> list[str]:
    """Every prompt id on disk (for the snapshot tests)."""
    return sorted(p.name.removesuffix(".md.j2") for p in (directory or prompts_dir()).glob("*.md.j2"))
