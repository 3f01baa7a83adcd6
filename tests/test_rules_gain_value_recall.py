"""Value recall of gain records: the ways abstracts outside ML-arXiv state a result, and the numbers to skip.

Sentences are real abstract sentences (eval/labeled.jsonl: batch 12 of speech, medicine, systems, retrieval,
time series, chemistry and RL papers, and earlier dev batches); the traps are settings, data sizes, hardware
ratings, confidence intervals and other parties' numbers, which must never become gains.
"""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_units
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
