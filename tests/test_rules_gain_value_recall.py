"""Value recall of gain records: the ways abstracts outside ML-arXiv state a result, and the numbers to skip.

Sentences are real abstract sentences (eval/labeled.jsonl: batch 12 of speech, medicine, systems, retrieval,
time series, chemistry and RL papers, and earlier dev batches); the traps are settings, data sizes, hardware
ratings, confidence intervals and other parties' numbers, which must never become gains.
"""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_reported, gain_units
from summarizer.extract.rules.gains import find_gains
from summarizer.extract.rules.sentences import split_sentences


def _values(text: str) -> list[str]:
    return [g.value for g in find_gains(split_sentences(text))]


# ---------------------------------------------------------------- systems rates and durations (gain_units)

@pytest.mark.parametrize(("sentence", "expected"), [
    ("In our experiments, we demonstrate scaling beyond 1.8 million tasks per second and better performance than "
     "existing specialized systems for several challenging reinforcement learning applications.",
     ["1.8 million tasks per second"]),
    ("FDS applications achieve single-process read and write performance of more than 2 GB/s.", ["2 GB/s"]),
    ("As a result, when running OPT-175B on a single 16GB GPU, FlexGen achieves significantly higher throughput "
     "compared to state-of-the-art offloading systems, reaching a generation throughput of 1 token/s for the first "
     "time with an effective batch size of 144.", ["1 token/s"]),
])
def test_rates_with_scale_words_and_systems_units(sentence: str, expected: list[str]) -> None:
    assert [sentence[s.start:s.end] for s in gain_units.achieved_rates(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("We measure recovery of 92 GB data lost to disk failure in 6.2 s and recovery from a total machine failure "
     "with 655 GB of data in 33.7 s.", ["6.2 s", "33.7 s"]),
    ("On the HELM benchmark, FlexGen can benchmark a 30B model with a 16GB GPU on 7 representative sub-scenarios "
     "in 21 hours.", ["21 hours"]),
])
def test_durations_of_recovery_and_benchmarking(sentence: str, expected: list[str]) -> None:
    assert [sentence[s.start:s.end] for s in gain_units.achieved_times(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "The servers are connected by a 10 Gbps network and we train for 12 hours.",
    "Each session lasted 45 minutes and participants typed for 20 minutes.",
    "Each node runs on a 100 Gbps network with eight GPUs.",
])
def test_hardware_ratings_and_session_lengths_are_not_results(sentence: str) -> None:
    assert gain_units.find_unit_results(sentence) == []


# ---------------------------------------------------------------- scores as reports write them (gain_reported)

_EYEART = ("The AI software showed 95.8% (95% CI 92.9–98.7) sensitivity and 80.2% (95% CI 72.6–87.8) specificity for "
           "detecting any DR and 99.1% (95% CI 95.1–99.9) sensitivity and 80.4% (95% CI 73.9–85.9) specificity in "
           "detecting STDR with a kappa agreement of k = 0.78 (p< 0.001) and k = 0.75 (p< 0.001), respectively.")


def test_value_then_interval_then_metric() -> None:
    found = gain_reported.value_interval_metric(_EYEART)
    assert [(_EYEART[s.start:s.end], s.metric) for s in found] == [
        ("95.8%", "sensitivity"), ("80.2%", "specificity"), ("99.1%", "sensitivity"), ("80.4%", "specificity")]


def test_symbol_values_share_their_metric_and_skip_p_values() -> None:
    found = gain_reported.symbol_values(_EYEART)
    assert [(_EYEART[s.start:s.end], s.metric) for s in found] == [("0.78", "kappa"), ("0.75", "kappa")]
    p_value = "Agreement was measured by the kappa statistic with p = 0.01 for all raters."
    assert gain_reported.symbol_values(p_value) == []


def test_a_clinical_results_sentence_gives_every_result_and_no_interval_bound() -> None:
    assert _values(_EYEART) == ["95.8%", "80.2%", "99.1%", "80.4%", "0.78", "0.75"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In the CASP13 FM assessors' ranking by summed z‐scores, this system scored highest with 68.3 vs 48.2 for the "
     "next closest group (an average GDT_TS of 61.4).", ["68.3"]),
    ("Furthermore, although speech made fewer errors during entry (5.30% vs. 11.22% corrected error rate), it left "
     "slightly more errors in the final transcribed text (1.30% vs. 0.79% uncorrected error rate).", ["5.30%"]),
])
def test_the_subjects_side_of_a_favourable_versus(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


def test_human_normalized_is_a_metric_not_a_compared_human() -> None:
    sentence = ("Our full self-supervised objective, which combines future prediction and data augmentation, achieves "
                "a median human-normalized score of 0.415 on Atari in a setting limited to 100k steps of environment "
                "interaction, which represents a 55% relative improvement over the previous state-of-the-art.")
    assert _values(sentence) == ["0.415", "55%"]
    assert _values("The system scores 0.41 F1, while human annotators reach an F1 of 0.87.") == ["0.41"]
