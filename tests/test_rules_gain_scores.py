"""Achieved scores without a unit of change: each rule on real abstract sentences, and the traps it must skip."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_scores
from summarizer.extract.rules.gain_scores import find_scores
from summarizer.extract.rules.gains import find_gains
from summarizer.extract.rules.sentences import split_sentences


def _scores(text: str) -> list[tuple[str, str | None]]:
    return [(text[s.start:s.end], s.metric) for s in find_scores(text)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The model achieved an MAE of 182 rating points in the test data.", [("182", "MAE")]),
    ("The proposed model achieves a mean concordance index (C-index) of 0.77 and a time-dependent area under the "
     "curve (AUC) of 0.84, outperforming state-of-the-art methods.",
     [("0.77", "mean concordance index (C-index)"), ("0.84", "time-dependent area under the curve (AUC)")]),
    ("By using SVR with the best hyperparameters of BCM model, we find the lowest Mean Squared Error (MSE) "
     "score 0.00347.", [("0.00347", "Mean Squared Error (MSE)")]),
    ("GradNormLoRP achieves an average score of 80.65, surpassing LoRA's score of 79.23.",
     [("80.65", "average score")]),
])
def test_metric_of_number(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(sentence[s.start:s.end], s.metric) for s in gain_scores.metric_of_number(sentence)] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Our classifier reaches 0.89 accuracy on the held-out hospital.", [("0.89", "accuracy")]),
    ("The detector obtains 45.2 mAP on COCO with a single scale.", [("45.2", "mAP")]),
])
def test_number_then_metric(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(sentence[s.start:s.end], s.metric) for s in gain_scores.number_then_metric(sentence)] == expected


def test_score_on_benchmark() -> None:
    sentence = "The fine-tuned 8B model scores above 32 on HealthBench Hard."
    assert [(sentence[s.start:s.end], s.metric) for s in gain_scores.score_on_benchmark(sentence)] == [("32", "score")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("All reported methods give substantial improvements, and we see improvements of 4.3--11.2 BLEU over our "
     "baseline systems.", [("4.3--11.2 BLEU", "BLEU")]),
    ("By making less than one modification per sentence, we improve the output of a phrase-based translation "
     "system by up to 0.4 BLEU on WMT15 German-English translation.", [("0.4 BLEU", "BLEU")]),
    ("We find that 4-bit LoRA fine-tuned models outperform base models by 34 points and GPT-4 by 10 points on "
     "average.", [("34 points", None), ("10 points", None)]),
])
def test_points_of_change(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    found = gain_scores.points_of_change(sentence)
    assert [(sentence[s.start:s.end], s.metric) for s in found] == expected
    assert all(s.change for s in found)


def test_respective_list_shares_the_metric() -> None:
    sentence = ("Bone achieved fine-tuning scores of 49.36 and 8.8, respectively, outperforming PISSA by 5.84% "
                "and 1.96%.")
    assert _scores(sentence) == [("49.36", "fine-tuning scores"), ("8.8", "fine-tuning scores")]


@pytest.mark.parametrize("sentence", [
    "We train with a batch size of 128 and a learning rate of 0.001 for 100 epochs.",
    "The previous best F1 of 0.81 was reported by a rule-based system.",
    "GradNormLoRP is compared with LoRA's score of 79.23 on GLUE.",
    "On GLM-130B and OPT-66B, our method even achieves the same level of accuracy at 2-bit quantization.",
    "We keep pseudo-labels with a confidence score of 0.9 and achieve strong gains.",
    "We map 3 inputs to 2 outputs and achieve good results.",
    "In the human evaluation, our systems were the best constrained system for 7 out of 8 directions.",
    "The accuracy of 90% is used as the stopping threshold, which every method reaches.",
])
def test_settings_and_others_numbers_are_not_scores(sentence: str) -> None:
    assert _scores(sentence) == []


def test_an_achieved_score_becomes_a_gain_with_its_metric() -> None:
    text = "Our regressor achieves an MAE of 11.87 on the ETTh1 benchmark, while the baseline needs more data."
    [gain] = find_gains(split_sentences(text))
    assert (gain.value, gain.metric, gain.baseline, gain.dataset) == ("11.87", "MAE", None, "ETTh1 benchmark")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("On GSM8K, our 7B model is up to 2.3 points higher than the instruction-tuned baseline.", [("2.3 points", None)]),
    ("The system is 1.8 BLEU better than the strongest cascade.", [("1.8 BLEU", "BLEU")]),
])
def test_points_then_change_word(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert _scores(sentence) == expected


def test_a_margin_in_parentheses_is_the_claim() -> None:
    [gain] = find_gains(split_sentences("Our detector outperforms YOLOv8 by a large margin (3.2%) on COCO."))
    assert (gain.value, gain.baseline, gain.dataset) == ("3.2%", "YOLOv8", "COCO")


def test_number_then_metric_prefers_the_metric_right_after_the_number() -> None:
    text = "Our model obtains a 41.16 ROUGE-1 score on the CNN/Daily Mail dataset."
    assert _scores(text) == [("41.16", "ROUGE-1")]


def test_a_setting_word_after_an_achieved_multiple_is_the_claim() -> None:
    text = "On the OBW dataset, our method achieved 6.6 times compression rate for the embedding and softmax matrices."
    [gain] = find_gains(split_sentences(text))
    assert (gain.value, gain.dataset) == ("6.6 times", "OBW dataset")
