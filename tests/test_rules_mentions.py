"""`mentions`: a name as a whole name, the same answer as the word-boundary regex it replaces (speed)."""

from __future__ import annotations

import re

import pytest

from summarizer.extract.rules.mentions import mention_spans, mentions


def _regex(text: str, name: str, ignore_case: bool) -> bool:
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, flags) is not None


CASES = [
    ("We introduce ARM, a method.", "ARM", True),
    ("ARMs are limbs; LLM-ARM is another model.", "ARM", False),  # inside a word, inside a compound
    ("ARM_v2 and ARM-2 differ from arm.", "ARM", True),  # `arm` only when case is ignored
    ("The self-consistency of chains.", "self-consistency", True),
    ("Non-self-consistency is not the name.", "self-consistency", False),
    ("LoRA+ beats LoRA.", "LoRA+", True),
    ("ſelf-consistency in a long-s spelling.", "self-consistency", None),  # `re` folds `ſ`; ASCII lowering does not
    ("Ünïcode: ÄRM then ARM.", "ARM", True),
    ("ARMé and éARM.", "ARM", False),  # a non-ASCII letter continues the word
    ("ARM", "ARM", True),
    ("", "ARM", False),
]


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
@pytest.mark.parametrize("ignore_case", [False, True])
def test_mentions_agrees_with_the_boundary_regex(text: str, name: str, expected: bool | None,
                                                 ignore_case: bool) -> None:
    assert mentions(text, name, ignore_case) == _regex(text, name, ignore_case)
    if expected is not None and ignore_case:
        assert mentions(text, name, ignore_case) is expected


def test_case_matters_unless_ignored() -> None:
    assert not mentions("we use arm here", "ARM")
    assert mentions("we use arm here", "ARM", ignore_case=True)


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
def test_mention_spans_are_the_regex_finditer_spans(text: str, name: str, expected: bool | None) -> None:
    """gain_dataset reads every place a dataset is named; the spans must be exactly the regex's."""
    regex = [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)]
    assert mention_spans(text, name) == regex


def test_mention_spans_finds_every_whole_mention() -> None:
    text = "Experiments on ImageNet and ImageNet-V2 ... than X on ImageNet."
    assert mention_spans(text, "ImageNet") == [(15, 23), (54, 62)]
