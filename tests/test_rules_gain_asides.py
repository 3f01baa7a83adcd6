"""Which numbers are gains, on real sentences (batch 21 and dev, several fields): values restated in a bracket
after an accepted value, the levels of a margin in `(A vs. B)`, a small overhead claimed with `only`, a measure the
number is `of` (`a background rejection of 45`), and numbers that are someone else's or a setting."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_asides
from summarizer.extract.rules.gains import GainHit, find_gains
from summarizer.extract.rules.sentences import split_sentences

ICU = ("Results The proposed model achieved an AUPRC of 0.6156 (+36.41%) and an AUROC of 0.8955 (+7.64%) compared to a "
       "time-series-only baseline.")
BREADBOX = ("Concretely, simulating JOB-lite workload on IMDb speeds-up execution by 7.5 minutes (>30%) while "
            "incurring only 37 seconds overhead for online learning.")
DEBERTA = ("Compared to RoBERTa-Large, a DeBERTa model trained on half of the training data performs consistently "
           "better on a wide range of NLP tasks, achieving improvements on MNLI by +0.9% (90.2% vs. 91.1%), on SQuAD "
           "v2.0 by +2.3% (88.4% vs. 90.7%) and RACE by +3.6% (83.2% vs. 86.8%).")
GCPNET = ("GCPNet-EMA's accuracy estimations are 47% faster and more than 10% (6%) more correlated with ground-truth "
          "measures of per-residue (per-target) structural accuracy compared to baseline state-of-the-art methods.")


def _gains(text: str) -> dict[str, GainHit]:
    return {g.value: g for g in find_gains(split_sentences(text))}


def test_signed_margin_in_brackets_is_a_gain_and_takes_the_comparison() -> None:
    """Medicine (ICU mortality): the bracket restates each score as a margin over the baseline (§11 d)."""
    found = _gains(ICU)
    assert set(found) == {"0.6156", "36.41%", "0.8955", "7.64%"}
    assert (found["36.41%"].metric, found["36.41%"].baseline) == ("AUPRC", "time-series-only baseline")
    assert found["7.64%"].baseline == "time-series-only baseline"
    assert found["0.6156"].baseline is None  # the margin quantifies the comparison, not the absolute score


def test_bracketed_share_restates_the_amount_and_measures_the_same() -> None:
    """Databases: `by 7.5 minutes (>30%)`: 30% is the same speed-up, so it measures execution too (§11 a)."""
    found = _gains(BREADBOX)
    assert found["30%"].metric == found["7.5 minutes"].metric == "execution"


@pytest.mark.parametrize(("sentence", "value"), [
    (BREADBOX, "37 seconds"),  # databases
    ("It detects malware through mostly static code analysis with very low false positive rates, and with a typical "
     "overhead of only 2-5 milliseconds per JavaScript file.", "2-5 milliseconds"),  # security
])
def test_a_small_overhead_claimed_with_only_is_a_gain(sentence: str, value: str) -> None:
    assert _gains(sentence)[value].metric == "overhead"


def test_an_overhead_without_only_is_a_measurement() -> None:
    assert "12 seconds" not in _gains("The instrumentation adds 12 seconds overhead per run on average.")


def test_levels_of_a_margin_are_not_gains() -> None:
    """NLP: `by +0.9% (90.2% vs. 91.1%)`: the first level is RoBERTa's, the margin is the claim."""
    assert set(_gains(DEBERTA)) == {"0.9%", "2.3%", "3.6%"}


def test_a_bracket_with_one_value_after_a_margin_is_a_parallel_claim() -> None:
    """Structural biology: `more than 10% (6%) more correlated ... per-residue (per-target)` keeps 6%."""
    assert "6%" in _gains(GCPNET)
    at = GCPNET.index("6%")
    assert not gain_asides.levels_of_a_margin(GCPNET, at, at + 2)


@pytest.mark.parametrize(("sentence", "value"), [
    # physics: `at a 50% efficiency operating point` is where the rejection is read off
    ("The jet classification method achieves a background rejection of 45 at a 50% efficiency operating point for "
     "reconstruction level jets.", "50%"),
    # medicine: the compared model's AUC after `in comparison to`
    ("Convincingly, RETAIN achieved an AUC of 82% in comparison to an AUC of 79% for logistic regression.", "79%"),
    # NLP: the record the result is compared with
    ("We tested on the DSL Shared Task 2015 dataset, which is comparable to the maximum reported accuracy of 95.54% "
     "achieved so far.", "95.54%"),
    # MT: a sentence about another system
    ("For comparison, a phrase-based SMT system achieves a BLEU score of 33.3 on the same dataset.", "33.3"),
])
def test_settings_and_others_numbers_stay_out(sentence: str, value: str) -> None:
    assert value not in _gains(sentence)


def test_a_measure_the_number_is_of() -> None:
    """Physics: `a background rejection of 45` (a unit-less level bound by `of` to an outcome measure)."""
    found = _gains("The jet classification method achieves a background rejection of 45 at a 50% efficiency operating "
                   "point for reconstruction level jets.")
    assert found["45"].metric == "background rejection"
