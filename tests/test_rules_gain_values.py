"""Which numbers are claimed results: each value rule on real abstract sentences, and the traps it must skip.

The sentences come from papers of other fields and venues (eval/labeled.jsonl, batch 7): latencies and frame
rates, bare scores named by a metric, slash lists, signed and paired changes, and numbers that are not results.
"""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_scores, gain_units
from summarizer.extract.rules.gains import find_gains
from summarizer.extract.rules.sentences import split_sentences


def _values(text: str) -> list[str]:
    return [g.value for g in find_gains(split_sentences(text))]


def _spans(text: str, scores: list[gain_scores.Score]) -> list[tuple[str, str | None]]:
    return [(text[s.start:s.end], s.metric) for s in scores]


# ---------------------------------------------------------------- rates and times (gain_units)

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Specifically, for a 2048x1024 input, we achieve 68.4% Mean IOU on the Cityscapes test dataset with speed of "
     "105 FPS on one NVIDIA Titan XP card.", [("105 FPS", "speed")]),
    ("On average, participants achieved a text entry speed of 9.9 WPM across all sessions, and were able to type "
     "as fast as 15.2 WPM by the end of the last day.", [("9.9 WPM", "text entry speed"), ("15.2 WPM", None)]),
    ("SwipeKey users achieved a speed of 11 in words per minute (WPM), a 53% improvement from baseline.",
     [("11", "speed")]),
])
def test_achieved_rates(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    assert _spans(sentence, gain_units.achieved_rates(sentence)) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("At 320x320 YOLOv3 runs in 22 ms at 28.2 mAP, as accurate as SSD but three times faster.", ["22 ms"]),
    ("It achieves 57.9 AP50 in 51 ms on a Titan X, compared to 57.5 AP50 in 198 ms by RetinaNet, similar "
     "performance but 3.8x faster.", ["51 ms"]),
    ("A GQ-CNN trained with only synthetic data from Dex-Net 2.0 can be used to plan grasps in 0.8s with a success "
     "rate of 93% on eight known objects.", ["0.8s"]),
])
def test_achieved_times(sentence: str, expected: list[str]) -> None:
    assert [sentence[s.start:s.end] for s in gain_units.achieved_times(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Each ECG record in the training set is 30 seconds long and can contain more than one rhythm type.",
    "Our model establishes a new single-model state-of-the-art BLEU score of 41.8 after training for 3.5 days on "
    "eight GPUs.",
    "The clips were recorded at 30 fps with a handheld camera and we achieve 71.2% accuracy on them.",
    "Dialogue systems of the 1990s could answer within 2 s timeout windows only for scripted domains.",
])
def test_setup_times_and_rates_are_not_results(sentence: str) -> None:
    assert gain_units.find_unit_results(sentence) == []


# ---------------------------------------------------------------- bare scores (gain_scores)

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Experiments using all labeled data of Librispeech achieve 1.8/3.3 WER on the clean/other test sets.",
     [("1.8", "WER"), ("3.3", "WER")]),
    ("On the widely used LibriSpeech benchmark, our model achieves WER of 2.1%/4.3% without using a language model.",
     [("2.1%", "WER"), ("4.3%", "WER")]),
])
def test_slash_list(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(sentence, gain_scores.slash_list(sentence)) == expected


def test_a_slash_fraction_without_a_metric_is_no_result() -> None:
    assert gain_scores.slash_list("For some ε > 10^-36 we give a randomized 3/2-ε approximation for metric TSP.") == []
    assert _values("For some ε > 10^-36 we give a randomized 3/2-ε approximation for metric TSP.") == []


def test_score_then_comparison_keeps_the_subjects_score_only() -> None:
    sentence = ("The average F1 score, which is the harmonic mean of the positive predictive value and sensitivity, "
                "for the DNN (0.837) exceeded that of average cardiologists (0.780).")
    assert _spans(sentence, gain_scores.score_then_comparison(sentence)) == [("0.837", "average F1 score")]
    assert _values(sentence) == ["0.837"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("When validated against an independent test dataset, the DNN achieved an average area under the receiver "
     "operating characteristic curve (AUC) of 0.97.",
     [("0.97", "average area under the receiver operating characteristic curve (AUC)")]),
    ("It obtains new state-of-the-art results, including pushing SQuAD v1.1 question answering Test F1 to 93.2.",
     [("93.2", "Test F1")]),
    ("The predictions made by AlphaFold had a median domain GDT_TS of 92.4; this is the first time.",
     [("92.4", "GDT_TS")]),
])
def test_metric_of_number_reads_spelled_out_names_raised_levels_and_had(sentence: str, expected: list) -> None:
    assert _spans(sentence, gain_scores.metric_of_number(sentence)) == expected


def test_had_never_vouches_for_a_generic_score() -> None:
    assert gain_scores.metric_of_number("The benchmark has an average score of 3.2 per item.") == []


def test_a_score_compared_with_the_next_best() -> None:
    sentence = ("In the assessors' ranking by summed z-scores (>2.0), AlphaFold scored 244.0 compared to 90.8 by the "
                "next best group.")
    assert _spans(sentence, gain_scores.score_on_benchmark(sentence)) == [("244.0", "score")]
    assert _values(sentence) == ["244.0"]


def test_changes_written_before_their_metric() -> None:
    sentence = ("FlashAttention enables longer context in Transformers, yielding higher quality models (0.7 better "
                "perplexity on GPT-2 and 6.4 points of lift on long-document classification).")
    assert _spans(sentence, gain_scores.points_of_change(sentence)) == [("6.4 points", None), ("0.7", "perplexity")]


# ---------------------------------------------------------------- percentages and multipliers (gains)

@pytest.mark.parametrize(("sentence", "values"), [
    # a plus sign marks each benchmark's change
    ("Our extensive empirical evaluation shows that self-consistency boosts the performance of chain-of-thought "
     "prompting with a striking margin on a range of popular arithmetic and commonsense reasoning benchmarks, "
     "including GSM8K (+17.9%), SVAMP (+11.0%), AQuA (+12.2%), StrategyQA (+6.4%) and ARC-challenge (+3.9%).",
     ["17.9%", "11.0%", "12.2%", "6.4%", "3.9%"]),
    # the claim word after a pair covers both numbers
    ("In the final study with representative users, only 30% participants could use the default Qwerty. They were "
     "9% and 23% faster with manual and automated Crownboard, respectively.", ["9%", "23%"]),
    ("Our models achieve an average of 76.3% and 81.6% Spearman's correlation respectively, a 4.2% and 2.2% "
     "improvement compared to the previous best results.", ["76.3%", "81.6%", "4.2%", "2.2%"]),
    # the share of quality kept
    ("We show that it is possible to reduce the size of a BERT model by 40%, while retaining 97% of its language "
     "understanding capabilities and being 60% faster.", ["40%", "97%", "60%"]),
    # results quoted after the benchmark they were achieved on
    ("Our EfficientNets also transfer well and achieve state-of-the-art accuracy on CIFAR-100 (91.7%), Flowers "
     "(98.8%), and 3 other transfer learning datasets.", ["91.7%", "98.8%"]),
    ("The first Transformers to achieve better-than-chance performance on the Path-X challenge (seq. length 16K, "
     "61.4% accuracy) and Path-256 (seq. length 64K, 63.1% accuracy).", ["61.4%", "63.1%"]),
    # a before -> after pair that names its baseline level
    ("SwipeKey dramatically decreased character error rate (CER) from the baseline of 10% down to 3.4%.",
     ["10% -> 3.4%"]),
    # `the N% gain`, and the level a change brings the metric to
    ("In fact, the 2.8% gain of such net brings us to a 78.3% (std 0.77) AUC.", ["2.8%", "78.3%"]),
    # a slash pair after an accepted percentage
    ("We also observe competitive performance of 2.7%/6.3% with a small model of only 10M parameters.",
     ["2.7%", "6.3%"]),
])
def test_claimed_values(sentence: str, values: list[str]) -> None:
    assert _values(sentence) == values


@pytest.mark.parametrize("sentence", [
    # a description of the model, not a result
    "On the ImageNet dataset we evaluate residual nets with a depth of up to 152 layers—8x deeper than VGG nets but "
    "still having lower complexity.",
    # a requirement found in a pilot study
    "We first conducted a study to investigate optimal key size, and found that keys needed to be 55º or wider to "
    "achieve over 90% striking accuracy.",
    # a share of the participants, about the baseline keyboard
    "In the final study with representative users, only 30% participants could use the default Qwerty.",
    # a baseline's score quoted in parentheses
    "Our method achieves 10.36% accuracy, outperforming LoRA (5.50%) on the same budget.",
])
def test_values_that_are_not_results(sentence: str) -> None:
    assert "8x" not in _values(sentence) and "90%" not in _values(sentence) and "30%" not in _values(sentence)
    assert "5.50%" not in _values(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In the internal validation data set, the area under the curve (AUC), sensitivity, and specificity of the DLA "
     "for vision-threatening referable DR were 0.989, 97.0%, and 91.4%, respectively.",
     [("0.989", "area under the curve (AUC)"), ("97.0%", "sensitivity"), ("91.4%", "specificity")]),
    ("Testing against the independent, multiethnic data set achieved an AUC, sensitivity, and specificity of 0.955, "
     "92.5%, and 98.5%, respectively.", [("0.955", "AUC"), ("92.5%", "sensitivity"), ("98.5%", "specificity")]),
])
def test_metrics_respectively(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(sentence, gain_scores.metrics_respectively(sentence)) == expected
    assert _values(sentence) == [value for value, _ in expected]


@pytest.mark.parametrize("sentence", [
    "The precision and recall thresholds were 0.5 and 0.7, respectively.",
    "The AUC and F1 of the baseline were 0.81 and 0.72, respectively.",
    "Among false-positive cases, 85.6% were due to a misclassification of mild or moderate DR.",
])
def test_thresholds_baselines_and_error_shares_are_not_listed_results(sentence: str) -> None:
    assert gain_scores.metrics_respectively(sentence) == []


def test_resources_spent_are_not_gains() -> None:
    sentence = ("We test this hypothesis by training a predicted compute-optimal model, Chinchilla, that uses the same "
                "compute budget as Gopher but with 70B parameters and 4× more more data.")
    assert _values(sentence) == []
