"""Is a token shaped like a coined name? Shared by the method-name rules (`method`, `method_forms`)."""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import words
from summarizer.extract.rules.lexicon import COMMON_ACRONYMS

STOP_WORDS = words(
    "a an the this that these those our we it its in on of for to with by and or as is are be from at via "
    "which who whose where when while how new novel simple general first")


def is_name_like(token: str) -> bool:
    """`LoRA+`, `WeLore`, `ARM`, `GPT-4`, `P-learner`: shaped like a coined name, not a word."""
    core = token.strip("-.")
    if len(core) < 2 or core in COMMON_ACRONYMS or core.lower() in STOP_WORDS:
        return False
    if re.match(r"[A-Z]-", core):
        return True
    inner_upper = any(ch.isupper() and core[i - 1] not in "- " for i, ch in enumerate(core) if i)
    return (core[0].isupper() and (inner_upper or any(ch.isdigit() for ch in core))) or (
        core[0].islower() and inner_upper) or core.endswith("+")
