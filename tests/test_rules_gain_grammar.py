"""Gain-record slots read from the grammar of result sentences (clause frames, owners of a measure, lists, colons),
each rule on real abstract sentences from several fields, with the trap where a nearby word must stay out."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_baseline
from summarizer.extract.rules.gains import GainHit, find_gains
from summarizer.extract.rules.sentences import split_sentences


def _gains(text: str) -> dict[str, GainHit]:
    return {g.value: g for g in find_gains(split_sentences(text))}


# ---------------------------------------------------------------- baseline: a sentence-opening comparison frame

@pytest.mark.parametrize(("sentence", "value", "baseline"), [
    # NLP (LoRA), speech synthesis (FastSpeech)
    ("Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of trainable parameters by 10,000 "
     "times and the GPU memory requirement by 3 times.", "3 times", "GPT-3 175B fine-tuned with Adam"),
    ("Most importantly, compared with autoregressive Transformer TTS, our model speeds up mel-spectrogram generation "
     "by 270x and the end-to-end speech synthesis by 38x.", "38x", "autoregressive Transformer TTS"),
])
def test_opening_comparison_frames_the_main_clause(sentence: str, value: str, baseline: str) -> None:
    assert _gains(sentence)[value].baseline == baseline


def test_opening_comparison_does_not_reach_a_later_clause() -> None:
    sentence = ("Compared to the baseline, our parser is 2x faster; on the noisy split it loses 3% accuracy.")
    assert gain_baseline.framed_baseline(sentence, sentence.index("on the noisy")) is None
    assert gain_baseline.framed_baseline("Compared to prior work, ours is 2x faster.", 0) == "prior work"


# ---------------------------------------------------------------- baseline: the system whose measure the verb changes

@pytest.mark.parametrize(("sentence", "value", "baseline"), [
    # machine translation, prompting (values in parentheses after each benchmark), model compression
    ("By making less than one modification per sentence, we improve the output of a phrase-based translation system "
     "by up to 0.4 BLEU on WMT15 German-English translation.", "0.4 BLEU", "phrase-based translation system"),
    ("Our extensive empirical evaluation shows that self-consistency boosts the performance of chain-of-thought "
     "prompting with a striking margin on a range of popular arithmetic and commonsense reasoning benchmarks, "
     "including GSM8K (+17.9%), SVAMP (+11.0%), AQuA (+12.2%), StrategyQA (+6.4%) and ARC-challenge (+3.9%).",
     "11.0%", "chain-of-thought prompting"),
])
def test_owner_of_the_changed_measure_is_the_baseline(sentence: str, value: str, baseline: str) -> None:
    assert _gains(sentence)[value].baseline == baseline


@pytest.mark.parametrize("sentence", [
    # the thing counted is a measure, not a system; a person's workload names no compared system
    "LoRA can reduce the number of trainable parameters by 10,000 times.",
    "We found that the AI system reduced the workload of the second reader by 88%.",
])
def test_owner_of_measure_needs_a_system(sentence: str) -> None:
    assert gain_baseline.owner_of_measure(sentence, sentence.index(" by ")) is None


# ---------------------------------------------------------------- baseline: `exceeded that of X`

def test_that_of_names_the_compared_group() -> None:
    # medicine (arrhythmia detection)
    sentence = ("The average F1 score, which is the harmonic mean of the positive predictive value and sensitivity, "
                "for the DNN (0.837) exceeded that of average cardiologists (0.780).")
    assert _gains(sentence)["0.837"].baseline == "average cardiologists"


# ---------------------------------------------------------------- baseline: a comparison owned by a later claim

def test_comparison_after_a_later_claim_with_its_own_comparative_is_that_claims() -> None:
    # robotics (Dex-Net 2.0): `3× faster than` belongs to 3×, not to 0.8s or 93%
    sentence = ("Experiments with over 1,000 trials on an ABB YuMi suggest that a GQ-CNN can be used to plan grasps in "
                "0.8s with a success rate of 93% on eight known objects with adversarial geometry and is 3× faster "
                "than registering point clouds to a precomputed dataset of objects.")
    gains = _gains(sentence)
    assert gains["0.8s"].baseline is None and gains["93%"].baseline is None
    assert gains["3×"].baseline == "registering point clouds"


@pytest.mark.parametrize(("sentence", "value", "baseline"), [
    # HCI text entry: an elided parallel claim shares the comparison
    ("Further, with speech, the English error rate was 20.4% lower, and Mandarin error rate 63.4% lower, than the "
     "keyboard.", "20.4%", "keyboard"),
    # vision: a coordinated comparative list shares it too
    ("EfficientNet-B7 achieves state-of-the-art 84.3% top-1 accuracy on ImageNet, while being 8.4x smaller and 6.1x "
     "faster on inference than the best existing ConvNet.", "8.4x", "best existing ConvNet"),
])
def test_parallel_claims_share_the_comparison(sentence: str, value: str, baseline: str) -> None:
    assert _gains(sentence)[value].baseline == baseline
