"""Gain-record slots scored with the abbreviations the abstract itself defines (`word error rate (WER)`)."""

from __future__ import annotations

from summarizer.evaluation.labels import GoldGain
from summarizer.evaluation.text_scores import defined_abbreviations, score_gain_records, slot_right

ABSTRACT = ("Although all these schemes are successful in reducing delay, ASR word error rate (WER) often severely "
            "degrades. On the One-Billion-Word (OBW) dataset, our method achieved 6.6 times compression rate.")


def test_defined_abbreviations_need_matching_initials() -> None:
    found = defined_abbreviations(ABSTRACT + " Large language models (LLMs) and the Hidden-Unit BERT (HuBERT) model.")
    assert found == {"wer": "word error rate", "obw": "One-Billion-Word", "llms": "Large language models"}
    assert defined_abbreviations("We train a residual network (VGG) on images.") == {}  # initials do not match


def test_an_abbreviation_the_abstract_defines_names_the_same_slot() -> None:
    aliases = defined_abbreviations(ABSTRACT)
    assert slot_right("WER", "word error rate", aliases=aliases)
    assert slot_right("word error rate", "WER", lenient=False, aliases=aliases)
    assert slot_right("OBW dataset", "One-Billion-Word dataset", aliases=aliases)
    assert not slot_right("WER", "word error rate")  # not defined: still different labels
    assert not slot_right("WER", "latency", aliases=aliases)


def test_gain_records_use_the_abstracts_abbreviations() -> None:
    gold = [GoldGain(value="7.3%", metric="WER", baseline=None, dataset=None)]
    pred = [{"value": "7.3%", "metric": "word error rate", "baseline": None, "dataset": None}]
    assert score_gain_records(gold, pred, ABSTRACT)[0].tp == 1
    assert score_gain_records(gold, pred)[0].tp == 0


def test_a_comparative_and_its_measure_noun_are_the_same_metric() -> None:
    assert slot_right("faster", "speed") and slot_right("more accurate", "accuracy")
    assert slot_right("faster on inference", "inference speed") and slot_right("smaller", "size", lenient=False)
    assert not slot_right("faster", "accuracy")
