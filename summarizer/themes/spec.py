"""User-defined themes from a small TOML or YAML file.

    [[theme]]
    name = "Efficient fine-tuning"
    description = "parameter-efficient adaptation of large pretrained models"
    keywords = ["LoRA", "adapter", "PEFT", "low-rank"]

YAML takes the same fields as a list under `themes:` (or a bare list).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from summarizer.errors import InputError


class ThemeDef(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    description: str = ""
    keywords: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _strip(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a theme needs a non-blank name")
        return value.strip()


class ThemeSpec(BaseModel):
    themes: list[ThemeDef] = Field(min_length=1)


def _raw(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        return yaml.safe_load(text)
    return tomllib.loads(text)


def load_theme_spec(path: Path) -> ThemeSpec:
    """Parse and check a themes file; every problem is one line naming the file."""
    try:
        data = _raw(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # TOML/YAML syntax errors come in several types
        kind = path.suffix.lstrip(".").upper() or "TOML"
        raise InputError(str(path), f"is not valid {kind} ({exc})".replace("\n", " ")) from None
    items = data if isinstance(data, list) else (data or {}).get("theme", (data or {}).get("themes"))
    try:
        spec = ThemeSpec(themes=items or [])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"themes file problem at {where}: {first['msg']} "
                                    "(expected [[theme]] entries with name, description and/or keywords)") from None
    names = [t.name.lower() for t in spec.themes]
    if len(set(names)) != len(names):
        raise InputError(str(path), "two themes share a name")
    if empty := [t.name for t in spec.themes if not t.description.strip() and not t.keywords]:
        raise InputError(str(path), f"theme {empty[0]!r} needs a description or keywords")
    return spec
