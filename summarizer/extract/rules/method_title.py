"""A method name the title gives before its colon: `ARM: ...`, `Dex-Net 2.0: ...`, `Online Subspace Descent: ...`.

The prefix names the method when it is coined (`LoRA+`, a capitalised non-word), carries a version
number, or is a short capitalised phrase that the abstract introduces (`we propose X`) or the subtitle
describes (`X: A ...`). A topic (`Randomized Clinical Trials: The ...`) or a study (`Web 2.0: A Survey`)
is not a name.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit, words
from summarizer.extract.rules.mentions import mentions
from summarizer.extract.rules.method_intro import INTRO_VERB
from summarizer.extract.rules.names import STOP_WORDS as _STOP_WORDS
from summarizer.extract.rules.names import is_name_like
from summarizer.extract.rules.sentences import Sentence

_TITLE_PREFIX = re.compile(r"^\s*(?P<name>[^:?!]{1,40}?)\s?:\s")
_NOT_TITLE_NAMES = words(
    "beyond towards toward revisiting rethinking understanding position survey review overview tutorial "
    "benchmarking evaluation introduction perspective perspectives commentary editorial challenges lessons")
_STUDY_SUBTITLE = re.compile(r"\b(?:Study|Survey|Analysis|Review|Investigation|Perspective|Evaluation|Look|View|"
                             r"Taxonomy|Primer|Guide|Critique|Case|"
                             r"Comparison|Tutorial|Overview)\b")
# a version number, not a year (`ARC-NLP at PAN 2023` is a team at a workshop)
_VERSIONED = re.compile(r"(?:[A-Za-z][\w-]*\s){0,2}[A-Za-z][\w-]*\s?v?(?!(?:19|20)\d\d$)\d+(?:\.\d+)*")


def title_prefix_name(title: str, abstract: str, sentences: list[Sentence]) -> Hit | None:
    """The title's prefix before `: ` when it names the paper's method (see the module docstring), else None."""
    match = _TITLE_PREFIX.match(title)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    mentioned = mentions(abstract, name, ignore_case=True)
    coined = len(words) == 1 and (is_name_like(name) or (name[0].isupper() and name.lower() not in _NOT_TITLE_NAMES))
    subtitle = title[match.end():]
    described = bool(re.match(r"(?:A|An)\s", subtitle)) and not _STUDY_SUBTITLE.search(subtitle)
    phrase = 2 <= len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words) and words[0] not in (
        "The", "A", "An")
    introduced = mentioned and any(name.lower() in s.text.lower() and INTRO_VERB.search(s.text) for s in sentences)
    versioned = _is_versioned_name(name, subtitle)
    if not (coined or versioned or (phrase and (introduced or described))):  # `Randomized Clinical Trials: The ...`
        return None
    start = match.start("name") + match.group("name").index(name)
    return Hit(name, start, start + len(name), "title")


def _is_versioned_name(name: str, subtitle: str) -> bool:
    """`Dex-Net 2.0: ...`, `wav2vec 2.0: ...`, `Deep Speech 2: ...`: a title prefix carrying a version number is a
    name (a topic has no version), unless the subtitle announces a study of it (`Web 2.0: A Survey`)."""
    words = name.split()
    return bool(_VERSIONED.fullmatch(name)) and words[0] not in ("The", "A", "An") and not (
        set(words) & _STOP_WORDS) and not _STUDY_SUBTITLE.search(subtitle)
