"""Is a token shaped like a coined name? Two questions, asked by two rule families.

`is_name_like` (method rules: `method`, `method_forms`) asks whether a token could be the
name a paper coins for its method: `LoRA+`, `WeLore`, `ARM`, `GPT-4`, `P-learner`, but
never a common acronym (`CNN`, `LLM`) or a function word. `name_like` (task rules:
`task`, `task_choice`) asks whether a token names an artifact or a version of one, so
that a phrase made only of such tokens (`Dex-Net 2.0`, `MobileNetV3`) is no problem
statement. They differ on purpose: a version number `2.0` or a hyphenated coinage
`Dex-Net` is an artifact's name (`name_like`) but no method name on its own
(`is_name_like` is False), while an all-capitals `ARM` may be a coined method name
(`is_name_like`) but is no artifact name to `name_like`. Unifying them is not a pure
refactor: with `is_name_like` in the task rules, 3 dev task phrases change (the
`Dex-Net 2.0` paper's task becomes `dex-net`).
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllLemmas

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


@cache
def name_like(token: str) -> bool:
    """`2.0`, `MobileNetV3`, `YOLOv3`, `Dex-Net`: a digit, a capital inside a word (not after a hyphen:
    `Delta-Compression` is Title Case) or a capitalised part the lexicon does not know marks a coined name."""
    core = token.strip("()[],.:;")
    if not core:
        return False
    if any(c.isdigit() for c in core) or re.search(r"[a-z][A-Z]", core):
        return True
    parts = core.split("-")
    return len(parts) > 1 and any(p[:1].isupper() and not getAllLemmas(p.lower()) for p in parts)
