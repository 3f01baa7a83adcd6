"""Gain-record slots read from the grammar of result sentences (clause frames, owners of a measure, lists, colons),
each rule on real abstract sentences from several fields, with the trap where a nearby word must stay out."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_baseline, gain_dataset, gain_metric
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


# ---------------------------------------------------------------- baseline: other cues of comparison

def test_comparable_to_a_score_names_what_it_was_compared_with() -> None:
    # speech synthesis (Tacotron 2)
    sentence = ("Our model achieves a mean opinion score (MOS) of 4.53 comparable to a MOS of 4.58 for professionally "
                "recorded speech.")
    assert _gains(sentence)["4.53"].baseline == "professionally recorded speech"


def test_over_a_benchmark_is_a_compared_system_but_against_a_data_set_is_where() -> None:
    # time series (N-BEATS); medicine (retinal grading)
    sentence = ("We demonstrate state-of-the-art performance for two configurations of N-BEATS for all the datasets, "
                "improving forecast accuracy by 11% over a statistical benchmark and by 3% over last year's winner of "
                "the M4 competition.")
    assert _gains(sentence)["11%"].baseline == "statistical benchmark"
    tested = ("Testing against the independent, multiethnic data set achieved an AUC, sensitivity, and specificity of "
              "0.955, 92.5%, and 98.5%, respectively.")
    assert _gains(tested)["92.5%"].baseline is None


def test_a_purpose_infinitive_compares_nothing() -> None:
    # reinforcement learning (MEME): `to outperform the human baseline` is what the reduction is for
    sentence = ("Taking Agent57 as a starting point, we employ a diverse set of strategies to achieve a 200-fold "
                "reduction of experience needed for all games to outperform the human baseline within our novel agent "
                "MEME.")
    assert _gains(sentence)["200-fold"].baseline is None


def test_main_verb_comparison_reaches_a_later_change_in_its_clause() -> None:
    # reinforcement learning (CURL)
    sentence = ("CURL outperforms prior pixel-based methods, both model-based and model-free, on complex tasks in the "
                "DeepMind Control Suite and Atari Games showing 1.9x and 1.2x performance gains at the 100K "
                "environment and interaction steps benchmarks respectively.")
    assert _gains(sentence)["1.9x"].baseline == "prior pixel-based methods"
    assert gain_baseline.main_verb_baseline("It outperforms all by 3%.", 14) is None


def test_a_comparative_conjunct_without_a_number_owns_its_comparison() -> None:
    # systems (Ray)
    sentence = ("In our experiments, we demonstrate scaling beyond 1.8 million tasks per second and better performance "
                "than existing specialized systems for several challenging reinforcement learning applications.")
    assert _gains(sentence)["1.8 million tasks per second"].baseline is None


# ---------------------------------------------------------------- dataset: frames, colons, lists, equipment

@pytest.mark.parametrize(("sentence", "value", "dataset"), [
    # medicine: evaluation sets named by what they are, opening the sentence
    ("In the internal validation data set, the area under the curve (AUC), sensitivity, and specificity of the DLA "
     "for vision-threatening referable DR were 0.989, 97.0%, and 91.4%, respectively.", "97.0%",
     "internal validation data set"),
    ("When validated against an independent test dataset annotated by a consensus committee of board-certified "
     "practicing cardiologists, the DNN achieved an average area under the receiver operating characteristic curve "
     "(AUC) of 0.97.", "0.97", "independent test dataset"),
])
def test_opening_evaluation_frame(sentence: str, value: str, dataset: str) -> None:
    assert _gains(sentence)[value].dataset == dataset


def test_experiments_on_a_dataset_frame_what_they_show() -> None:
    # music (Demucs): `Experiments on X show that ...` (the value `6.3 SDR` itself is the value rules' business)
    sentence = ("Experiments on the MusDB dataset show that, with proper data augmentation, Demucs beats all existing "
                "state-of-the-art architectures, including Conv-Tasnet, with 6.3 SDR on average.")
    assert gain_dataset.framed_dataset(sentence, 0) == "MusDB dataset"
    assert gain_dataset.framed_dataset("In this paper, we reduce the error by 3%.", 0) is None


def test_a_later_clause_with_its_own_subject_leaves_the_frame() -> None:
    # NLP compression: `, and when combined with quantization, our method ...` is a clause of its own
    sentence = ("On the OBW dataset, our method achieved 6.6 times compression rate for the embedding and softmax "
                "matrices, and when combined with quantization, our method can achieve 26 times compression rate.")
    gains = _gains(sentence)
    assert (gains["6.6 times"].dataset or "").startswith("OBW") and gains["26 times"].dataset is None


def test_a_colon_elaboration_was_measured_where_its_claim_was() -> None:
    # vision (Batch Normalization)
    sentence = ("Using an ensemble of batch-normalized networks, we improve upon the best published result on ImageNet "
                "classification: reaching 4.9% top-5 validation error (and 4.8% test error), exceeding the accuracy of "
                "human raters.")
    assert _gains(sentence)["4.9%"].dataset == "ImageNet"


def test_a_comparison_participle_with_its_own_number_is_a_claim_apart() -> None:
    sentence = ("For instance, under the constraint of 12M FLOPs, MicroNet achieves 59.4% top-1 accuracy on ImageNet "
                "classification, outperforming MobileNetV3 by 9.6%.")
    gain = _gains(sentence)["9.6%"]  # the margin inherits the claim's metric and dataset (GUIDELINES §11 a)
    assert (gain.metric, gain.baseline, gain.dataset) == ("top-1 accuracy", "MobileNetV3", "ImageNet")


def test_slash_partner_and_equipment() -> None:
    # speech (wav2vec 2.0): the evaluation set after a slash pair; speech synthesis: `on CPU` is the hardware
    sentence = "Experiments using all labeled data of Librispeech achieve 1.8/3.3 WER on the clean/other test sets."
    assert _gains(sentence)["1.8"].dataset == "clean/other test sets"
    cpu = ("Finally, a small footprint version of HiFi-GAN generates samples 13.4 times faster than real-time on CPU "
           "with comparable quality to an autoregressive counterpart.")
    assert _gains(cpu)["13.4 times"].dataset is None


def test_named_evaluation_sets_pair_with_values_in_order() -> None:
    # vision (DeepLabv3+): no `respectively`, the list sits in the clause the result participle elaborates
    sentence = ("We demonstrate the effectiveness of the proposed model on PASCAL VOC 2012 and Cityscapes datasets, "
                "achieving the test set performance of 89.0% and 82.1% without any post-processing.")
    gains = _gains(sentence)
    assert (gains["89.0%"].dataset, gains["82.1%"].dataset) == ("PASCAL VOC 2012", "Cityscapes")
    robots = ("Extensive experiments validate the system's robust zero-shot capability on unseen objects and tasks, "
              "demonstrating a 22.5% and 25.0% higher success rate compared to state-of-the-art VLA and hierarchical "
              "baselines, respectively.")
    assert _gains(robots)["25.0%"].dataset != "tasks"


# ---------------------------------------------------------------- metric: `<measure> of N`, counts, speed-ups

@pytest.mark.parametrize(("sentence", "value", "metric"), [
    # robotics (Dex-Net 3.0), HCI text entry, storage systems (FDS), NLP (LoRA), speech synthesis (FastSpeech)
    ("When evaluated on novel objects, Dex-Net 3.0 achieves success rates of 98%, 82%, and 58% respectively.", "82%",
     "success rates"),
    ("Through an evaluation, we show that participants are able to quickly learn how to use the 1Line keyboard and "
     "type at a rate of over 30 WPM after just five 20-minute typing sessions.", "30 WPM", "rate"),
    ("FDS applications achieve single-process read and write performance of more than 2 GB/s.", "2 GB/s",
     "single-process read and write performance"),
    ("Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce the number of trainable parameters by 10,000 "
     "times and the GPU memory requirement by 3 times.", "10,000 times", "trainable parameters"),
    ("Most importantly, compared with autoregressive Transformer TTS, our model speeds up mel-spectrogram generation "
     "by 270x and the end-to-end speech synthesis by 38x.", "38x", "end-to-end speech synthesis"),
])
def test_metric_from_the_noun_phrase(sentence: str, value: str, metric: str) -> None:
    assert _gains(sentence)[value].metric == metric


@pytest.mark.parametrize(("sentence", "value"), [
    ("We show an absolute reduction of 5.7% in false positives.", "5.7%"),
])
def test_of_value_needs_a_measure(sentence: str, value: str) -> None:
    assert gain_metric.metric_of_value(sentence, sentence.index(value), sentence.index(value) + len(value)) is None


def test_opening_comparison_reaches_its_result_participle() -> None:
    # NLP benchmarks (DeBERTa): the frame carries into `, achieving improvements on MNLI by +0.9%`
    sentence = ("Compared to RoBERTa-Large, a DeBERTa model trained on half of the training data performs consistently "
                "better on a wide range of NLP tasks, achieving improvements on MNLI by +0.9% (90.2% vs. 91.1%), on "
                "SQuAD v2.0 by +2.3% (88.4% vs. 90.7%) and RACE by +3.6% (83.2% vs. 86.8%).")
    assert gain_baseline.framed_baseline(sentence, sentence.index("achieving")) == "RoBERTa-Large"


def test_a_split_is_no_measure() -> None:
    # a split says where, an evaluative word how good: the measure is the generic `performance` (GUIDELINES §11 f)
    sentence = "We achieve the test set performance of 89.0% and 82.1% without any post-processing."
    assert gain_metric.metric_of_value(sentence, sentence.index("82.1%"), sentence.index("82.1%") + 5) == "performance"
    sentence = "We also observe competitive performance of 2.7%/6.3% with a small model of only 10M parameters."
    assert gain_metric.metric_of_value(sentence, sentence.index("2.7%"), sentence.index("2.7%") + 4) == "performance"


# ---------------------------------------------------------------- a participle with its own numbers; lists; asides

def test_a_being_participle_with_numbers_is_its_own_claim() -> None:
    # vision (EfficientDet): the achieved AP is not compared; the size and FLOPs claims are, and on no dataset
    sentence = ("In particular, with single model and single-scale, our EfficientDet-D7 achieves state-of-the-art "
                "55.1 AP on COCO test-dev with 77M parameters and 410B FLOPs, being 4x - 9x smaller and using "
                "13x - 42x fewer FLOPs than previous detectors.")
    gains = _gains(sentence)
    assert (gains["55.1"].baseline, gains["55.1"].dataset) == (None, "COCO")
    assert (gains["4x - 9x"].baseline, gains["4x - 9x"].dataset) == ("previous detectors", None)


def test_e_g_ends_no_clause() -> None:
    # security (certified robustness)
    sentence = ("We use randomized smoothing to obtain an ImageNet classifier with e.g. a certified top-1 accuracy of "
                "49% under adversarial perturbations with norm less than 0.5 (=127/255).")
    gain = _gains(sentence)["49%"]
    assert (gain.metric, gain.dataset) == ("certified top-1 accuracy", "ImageNet")


def test_elided_on_in_a_list_of_on_x_by_n() -> None:
    # NLP benchmarks (DeBERTa)
    sentence = ("Compared to RoBERTa-Large, a DeBERTa model trained on half of the training data performs consistently "
                "better on a wide range of NLP tasks, achieving improvements on MNLI by +0.9% (90.2% vs. 91.1%), on "
                "SQuAD v2.0 by +2.3% (88.4% vs. 90.7%) and RACE by +3.6% (83.2% vs. 86.8%).")
    assert gain_dataset.elided_on_before(sentence, sentence.index("+3.6%")) == "RACE"
    beats = "Our tagger beats the rule system and Stanza by 3%."  # no `on X by N` item first: Stanza is compared
    assert gain_dataset.elided_on_before(beats, beats.index("3%")) is None


def test_points_of_a_metric_and_a_restated_baseline() -> None:
    # music (Demucs): `by 1.6 points of SDR`, `the state-of-the-art model on waveforms, that is, Wave-U-Net,`
    sentence = ("(i) We introduce a simple convolutional and recurrent model that outperforms the state-of-the-art "
                "model on waveforms, that is, Wave-U-Net, by 1.6 points of SDR (signal to distortion ratio).")
    gain = _gains(sentence)["1.6 points"]
    assert (gain.metric, gain.baseline) == ("SDR", "Wave-U-Net")


@pytest.mark.parametrize(("sentence", "value", "metric"), [
    # 3D detection (PointPillars): `runtime` is a measure; music (Demucs): `without any loss` is a side condition
    ("This detection performance is achieved while running at 62 Hz: a 2 - 4 fold runtime improvement.",
     "2 - 4 fold", "runtime"),
    ("Using recent development in model quantization, Demucs can be compressed down to 120MB without any loss of "
     "accuracy.", "120MB", None),
])
def test_words_after_the_number(sentence: str, value: str, metric: str | None) -> None:
    assert _gains(sentence)[value].metric == metric


def test_standard_splits_pair_in_order_though_lower_case() -> None:
    # speech (HuBERT)
    sentence = ("Using a 1B parameter model, HuBERT shows up to 19% and 13% relative WER reduction on the more "
                "challenging dev-other and test-other evaluation subsets.")
    gains = _gains(sentence)
    assert (gains["19%"].dataset, gains["13%"].dataset) == ("dev-other", "test-other")
