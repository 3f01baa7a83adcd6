"""Sentence splitting: offsets are exact and abbreviations, decimals and URLs never split."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.sentences import split_sentences


def test_offsets_slice_back_to_each_sentence() -> None:
    text = "  We propose LoRA-XS.  It reduces parameters by over 100x in 7B models!  Done? Yes  "
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "We propose LoRA-XS.", "It reduces parameters by over 100x in 7B models!", "Done?", "Yes"]
    assert all(text[s.start:s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", [
    "LLMs such as GPT-4, e.g. ChatGPT, are strong.",
    "As shown by Hu et al. LoRA is cheap.",
    "It reaches 2.4× speedup and 75.4% on MMLU.",
    "Code is at https://github.com/WenjieDu/SAITS.git for reuse.",
    "We compare i.e. Fig. 3 with Eq. 2 and prior work vs. Adam.",
])
def test_abbreviations_decimals_and_urls_do_not_split(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


def test_units_that_look_like_abbreviations_still_end_sentences() -> None:
    text = "It runs in 35.56 ms. In comparison, DT achieved 93.73%."
    assert [s.text for s in split_sentences(text)] == ["It runs in 35.56 ms.", "In comparison, DT achieved 93.73%."]


def test_url_at_sentence_end_still_splits() -> None:
    text = "Code: https://github.com/IST-DASLab/EvoPress. Experiments follow."
    assert [s.text for s in split_sentences(text)] == ["Code: https://github.com/IST-DASLab/EvoPress.",
                                                       "Experiments follow."]


@pytest.mark.parametrize("text", ["", "   ", "no terminal punctuation", "1. 2. 3.", "ünïcödé — ✓ 中文。"])
def test_odd_input_never_raises(text: str) -> None:
    sentences = split_sentences(text)
    assert all(text[s.start:s.end] == s.text for s in sentences)
