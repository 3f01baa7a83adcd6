"""Value recall of gain records: the ways abstracts outside ML-arXiv state a result, and the numbers to skip.

Sentences are real abstract sentences (eval/labeled.jsonl: batch 12 of speech, medicine, systems, retrieval,
time series, chemistry and RL papers, and earlier dev batches); the traps are settings, data sizes, hardware
ratings, confidence intervals and other parties' numbers, which must never become gains.
"""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_lists, gain_reported, gain_units
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


# ---------------------------------------------------------------- result lists, sizes, shares (gain_lists, gains)

@pytest.mark.parametrize(("sentence", "expected"), [
    ("We demonstrate that on the widely used LibriSpeech benchmark, ContextNet achieves a word error rate (WER) of "
     "2.1%/4.6% without external language model (LM), 1.9%/4.1% with LM and 2.9%/7.0% with only 10M parameters on "
     "the clean/noisy LibriSpeech test sets.", ["2.1%", "4.6%", "1.9%", "4.1%", "2.9%", "7.0%"]),
    ("We show an absolute reduction of 5.7% and 1.2% (USA and UK) in false positives and 9.4% and 2.7% in false "
     "negatives.", ["5.7%", "1.2%", "9.4%", "2.7%"]),
    ("Using an ensemble of batch-normalized networks, we improve upon the best published result on ImageNet "
     "classification: reaching 4.9% top-5 validation error (and 4.8% test error), exceeding the accuracy of human "
     "raters.", ["4.9%", "4.8%"]),
    ("For the very deep VGG-16 model, our detection system has a frame rate of 5fps (including all steps) on a GPU, "
     "while achieving state-of-the-art object detection accuracy on PASCAL VOC 2007 (73.2% mAP) and 2012 (70.4% mAP) "
     "using 300 proposals per image.", ["73.2%", "70.4%"]),
])
def test_every_item_of_a_result_list(sentence: str, expected: list[str]) -> None:
    assert [v for v in _values(sentence) if v != "5fps"] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("For Switchboard, we achieve 7.2%/14.6% on the Switchboard/CallHome portion of the Hub5'00 test set without the "
     "use of a language model, and 6.8%/14.1% with shallow fusion, which compares to the previous state-of-the-art "
     "hybrid system at 8.3%/17.3% WER.", ["7.2%", "14.6%", "6.8%", "14.1%"]),
    ("Our model reaches 80% accuracy with 10% of the labeled data, and 85% with 20% of it.", ["80%", "85%"]),
    ("Our method achieves 71.2% accuracy at 50% sparsity and 69.0% at 70% sparsity.", ["71.2%", "69.0%"]),
    ("Our detector achieves 43.5% AP, whereas YOLOv3 (33.0% AP) and SSD (31.2% AP) lag behind.", ["43.5%"]),
])
def test_a_list_stops_at_a_comparison_and_skips_settings(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


def test_continued_result_needs_a_new_item_without_comparison() -> None:
    assert gain_lists.continued_result(" without external language model (LM), ")
    assert not gain_lists.continued_result(" with shallow fusion, which compares to the previous system at ")
    assert not gain_lists.continued_result(" AP, whereas YOLOv3 (")
    assert not gain_lists.continued_result(" AP, compared to SSD (")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("FlexGen further compresses the weights and the attention cache to 4 bits with negligible accuracy loss.",
     ["4 bits"]),
    ("Additionally, with model compression techniques we are able to compress SqueezeNet to less than 0.5MB (510x "
     "smaller than AlexNet).", ["0.5MB", "510x"]),
    ("Additionally, we use spherical Bessel functions and spherical harmonics to construct theoretically "
     "well-founded, orthogonal representations that achieve better performance than the currently prevalent "
     "Gaussian radial basis representations while using fewer than 1/4 of the parameters.", ["1/4"]),
    ("We find that it is possible to train a real-world object detector that is accurate to 1.5 cm and robust to "
     "distractors and partial occlusions using only data from a simulator with non-realistic random textures.",
     ["1.5 cm"]),
])
def test_sizes_shares_and_precisions_reached(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "We fine-tune a 4-bit model on a single 24GB GPU and report accuracy.",
    "Experts were trained with fewer than 1/4 of the parameters active per token.",
    "The lens was calibrated to 0.5 mm before the trials.",
])
def test_sizes_and_shares_used_as_settings_are_not_results(sentence: str) -> None:
    assert _values(sentence) == []


# ---------------------------------------------------------------- more ways of stating a result

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The agent resolves 12.5% of the issues in SWE-bench Lite.", ["12.5%"]),
    ("GraphCast significantly outperforms the most accurate operational deterministic systems on 90% of 1380 "
     "verification targets, and its forecasts support better severe event prediction.", ["90%"]),
    ("It reduces the number of queries by a factor of 3.", ["3"]),
    ("Median localization error was 2.3 m in the field trial.", ["2.3 m"]),
    ("Our method lowers latency by up to 40 ms.", ["40 ms"]),
    ("The prototype consumes only 2.1 W of power.", ["2.1 W"]),
    ("This detection performance is achieved while running at 62 Hz: a 2 - 4 fold runtime improvement.",
     ["62 Hz", "2 - 4 fold"]),
    ("The mean Dice coefficient was 0.91 for liver.", ["0.91"]),
    ("It achieves a compression ratio of 12.3 with negligible quality loss.", ["12.3"]),
    ("We observe a 3.4 dB gain in PSNR over bicubic interpolation.", ["3.4 dB"]),
    ("GraphSAINT demonstrates superior performance in both accuracy and training time on five large graphs, and "
     "achieves new state-of-the-art F1 scores for PPI (0.995) and Reddit (0.970).", ["0.995", "0.970"]),
    ("For training a 3-layer GCN on this data, Cluster-GCN is faster than the previous state-of-the-art VR-GCN (1523 "
     "seconds vs 1961 seconds) and using much less memory (2.2GB vs 11.2GB).", ["1523 seconds", "2.2GB"]),
])
def test_results_in_the_words_of_other_fields(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The survey response rate was 45% and 120 clinicians took part.",
    "The audio was sampled at 16 kHz and the IMU runs at 100 Hz.",
    "Our model achieves a mean opinion score (MOS) of 4.53 comparable to a MOS of 4.58 for professionally recorded "
    "speech.",
    "With speech recognition, the English input rate was 2.93 times faster (153 vs. 52 WPM) than the keyboard.",
    "Previous methods reach higher accuracy (81% vs 79%) but need labels.",
    "The learning rate was 0.001 and the threshold was 0.5.",
])
def test_settings_and_other_parties_stay_out(sentence: str) -> None:
    assert all(v not in _values(sentence) for v in ("45%", "100 Hz", "4.58", "153", "81%", "0.001", "0.5"))


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Dynamic evaluation improves the state-of-the-art word-level perplexities on the Penn Treebank and WikiText-2 "
     "datasets to 51.1 and 44.3 respectively.", ["51.1", "44.3"]),
    ("Our experiments show that DBW makes the training up to a factor 3 faster than the optimal static "
     "configuration.", ["3"]),
])
def test_levels_after_the_sets_and_factors_before_a_comparative(sentence: str, expected: list[str]) -> None:
    assert _values(sentence) == expected


def test_a_setting_brought_to_a_value_is_not_a_level_reached() -> None:
    assert _values("We increase the batch size to 4096 and the learning rate to 0.1.") == []
    assert gain_reported.levels_after_sets("We reduce the accuracy gap from 5.1 to 2.3 points.") == []
