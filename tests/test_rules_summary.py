"""Summary and outcome rules on real abstract sentences from several fields (not only the sample pages)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.discourse import trim_lead
from summarizer.extract.rules.outcome import find_outcome
from summarizer.extract.rules.sentences import Sentence, split_sentences
from summarizer.extract.rules.summary import (
    contribution_score,
    describes_means,
    find_summary,
    how_it_works,
    names_subject,
    naming_only,
    own_mechanism,
    presents_evaluation,
    standalone,
    title_overlap,
)

BERT = ("Language model pre-training has been shown to be effective for improving many natural language processing "
        "tasks. We introduce a new language representation model called BERT, which stands for Bidirectional "
        "Encoder Representations from Transformers. BERT is conceptually simple and empirically powerful. It "
        "obtains new state-of-the-art results on eleven natural language processing tasks, including pushing the "
        "GLUE score to 80.5% (7.7% point absolute improvement).")
RESNET = ("Deeper neural networks are more difficult to train. We present a residual learning framework to ease the "
          "training of networks that are substantially deeper than those used previously. We provide comprehensive "
          "empirical evidence showing that these residual networks are easier to optimize, and can gain accuracy "
          "from considerably increased depth. Our code is available at https://github.com/x/resnet.")
THEORY = ("Stochastic gradient descent is the workhorse of modern machine learning. However, its behaviour on "
          "non-smooth objectives is poorly understood. In this paper, we study the convergence of SGD on weakly "
          "convex functions. We prove that SGD converges to a stationary point at rate O(k^{-1/4}).")
HCI = ("Screen readers remain difficult to use on data-rich web pages. Prior work has shown that blind users spend "
       "much longer on charts than sighted users. To address this gap, we conducted a mixed-methods study with "
       "24 blind participants and designed VoxLens, a plug-in that gives holistic access to online charts. Our "
       "findings show that VoxLens users were 122% more accurate and spent 36% less time on chart tasks.")
POSITION = ("Benchmarks shape what the field works on. This position paper argues that leaderboards reward "
            "overfitting to static test sets. We outline five principles for living benchmarks and discuss open "
            "problems for the community.")
CLINICAL = ("Sepsis is a leading cause of in-hospital death. This retrospective study evaluates a gradient-boosted "
            "early-warning score on 41,000 intensive care admissions from three hospitals. The score detected "
            "sepsis a median of 4 hours earlier than the standard SIRS criteria, with an AUROC of 0.87.")


def _summary(text: str) -> str | None:
    hit = find_summary(split_sentences(text))
    return hit.as_sentence().value if hit else None


def _outcome(text: str) -> str | None:
    sentences = split_sentences(text)
    hit = find_outcome(sentences, find_summary(sentences), None)
    return hit.as_sentence().value if hit else None


@pytest.mark.parametrize(("abstract", "expected"), [
    (BERT, "We introduce a new language representation model called BERT"),
    (RESNET, "We present a residual learning framework"),
    (THEORY, "We study the convergence of SGD on weakly convex functions."),
    (HCI, "We conducted a mixed-methods study with 24 blind participants"),
    (POSITION, "This position paper argues that leaderboards reward overfitting"),
    (CLINICAL, "This retrospective study evaluates a gradient-boosted early-warning score"),
])
def test_summary_is_the_contribution_sentence_of_any_field(abstract: str, expected: str) -> None:
    summary = _summary(abstract)
    assert summary is not None and summary.startswith(expected)


def test_leading_discourse_is_trimmed_and_the_span_stays_exact() -> None:
    sentences = split_sentences(THEORY)
    hit = find_summary(sentences)
    assert hit is not None
    assert THEORY[hit.start:hit.end] == "we study the convergence of SGD on weakly convex functions."
    shown = hit.as_sentence()
    assert shown.value.startswith("We study") and shown.span().alignment == "normalised"


@pytest.mark.parametrize(("sentence", "trimmed"), [
    ("In this paper, we propose a method.", "we propose a method."),
    ("To address these challenges, we introduce X.", "we introduce X."),
    ("Here we show that mice sleep.", "we show that mice sleep."),
    ("In this paper, the authors survey methods.", "In this paper, the authors survey methods."),  # no subject left
    ("To this end, a new loss is used.", "To this end, a new loss is used."),
])
def test_trim_lead_keeps_a_sentence(sentence: str, trimmed: str) -> None:
    assert trim_lead(split_sentences(sentence)[0]).value == trimmed


def test_enumerated_details_do_not_beat_the_overview_sentence() -> None:
    text = ("Kernel methods are popular. In the present work, we consider the training of kernels with a family of "
            "spectral algorithms. Then, we derive the generalization error as a functional of the learning profile.")
    assert _summary(text) == "We consider the training of kernels with a family of spectral algorithms."
    sentences = split_sentences(text)
    assert contribution_score(sentences[2], 2) < contribution_score(sentences[1], 1)


def test_an_abstract_without_cues_falls_back_to_its_opening() -> None:
    text = "Deep ensembles are calibrated poorly under shift. Temperature scaling fixes part of it."
    assert _summary(text) == "Deep ensembles are calibrated poorly under shift."
    assert find_summary([]) is None


@pytest.mark.parametrize(("abstract", "expected"), [
    (BERT, "It obtains new state-of-the-art results on eleven natural language processing tasks"),
    (RESNET, "We provide comprehensive empirical evidence showing that these residual networks are easier"),
    (THEORY, "SGD converges to a stationary point"),  # the claim frame `We prove that` is trimmed
    (HCI, "VoxLens users were 122% more accurate"),
    (CLINICAL, "The score detected sepsis a median of 4 hours earlier"),
])
def test_outcome_is_the_main_claimed_result(abstract: str, expected: str) -> None:
    outcome = _outcome(abstract)
    assert outcome is not None and outcome.startswith(expected)


def test_no_result_claimed_means_no_outcome() -> None:
    assert _outcome(POSITION) is None


def test_other_papers_findings_and_code_notes_are_not_outcomes() -> None:
    text = ("Previous studies have shown that pruning improves robustness significantly. We study pruning of "
            "vision transformers. Code is publicly available at https://github.com/x/y.")
    assert _outcome(text) is None


def test_a_survey_sentence_is_not_a_result() -> None:
    text = ("Crystal structure prediction is hard. In this review, we present the machine learning models applied "
            "in CSP. We review graph neural networks and force fields, which have been demonstrated to speed up "
            "structure search significantly.")
    assert _outcome(text) is None


def test_to_do_so_is_a_frame_too() -> None:
    text = ("Test data streams change over time. To do so, we elaborate a Robust Test-Time Adaptation (RoTTA) method "
            "against the complex data stream.")
    expected = "We elaborate a Robust Test-Time Adaptation (RoTTA) method against the complex data stream."
    assert _summary(text) == expected


SAFE_CF = ("Tail performance is also a vital determinant of success for personalized recommender systems to reduce "
           "the risk of losing users with low satisfaction. This study introduces a \"safe\" collaborative filtering "
           "method that prioritizes recommendation quality for less-satisfied users rather than focusing on the "
           "average performance. To overcome computational challenges for web-scale recommender systems, we develop "
           "a robust yet practical algorithm that extends the most scalable method, implicit alternating least "
           "squares (iALS).")


def test_the_contribution_sentence_that_names_the_title_topic_wins() -> None:
    # both sentences are contributions; the one about what the title names is the paper's summary
    sentences = split_sentences(SAFE_CF)
    hit = find_summary(sentences, "Safe Collaborative Filtering")
    assert hit is not None and hit.value.startswith("This study introduces a \"safe\" collaborative filtering")
    untitled = find_summary(sentences)  # without the title the stronger `we develop` cue decides
    assert untitled is not None and untitled.value.startswith("we develop a robust yet practical algorithm")


def test_title_overlap_is_the_share_of_title_words_written() -> None:
    sentence = split_sentences("We propose an approach to estimate the performance a model reaches.")[0]
    assert title_overlap(sentence, {"predicting", "performance", "data", "requirement"}) == 0.25
    assert title_overlap(sentence, set()) == 0.0


def test_a_finding_in_the_passive_is_a_result() -> None:
    # the claim has no `we` and no evidence noun, only `is shown to`
    text = ("We design a sequence-aware recommender for retail. This method is empirically shown to give highly "
            "accurate predictions of user-item interactions for all users.")
    assert _outcome(text) == "This method is empirically shown to give highly accurate predictions of user-item " \
                             "interactions for all users."


def test_the_attained_headline_score_beats_a_description_of_the_system() -> None:
    text = ("We address question answering on SQuAD 2.0. By integrating two state-of-the-art architectures, our "
            "system extracts contextual word representations at word and character levels. Our best model so far "
            "obtains an F1 score of 75.8 and an EM score of 72.2 on the test leaderboard.")
    assert (_outcome(text) or "").startswith("Our best model so far obtains an F1 score of 75.8")


def test_prior_methods_as_the_baseline_are_not_a_citation() -> None:
    # `prior methods` is what the paper beats, not whose finding this is
    text = ("Bimanual manipulation needs precise localization. To address this, this paper introduces PPI, an "
            "end-to-end framework. In extensive evaluations, PPI significantly outperforms prior methods in both "
            "simulated and real-world experiments.")
    assert (_outcome(text) or "").startswith("In extensive evaluations, PPI significantly outperforms prior methods")
    assert _outcome("Prior methods have been shown to overfit small datasets significantly.") is None


# ------------------------------------------------ a naming-only contribution gives way to how the method works

HOT_SWAP = ("Most existing ownership protection solutions are designed for cloud-based AI-as-a-Service. To address "
            "these challenges, we propose Hot-Swap MarkBoard, an efficient watermarking method. It encodes "
            "user-specific n-bit binary signatures by independently embedding multiple watermarks into a "
            "multi-branch Low-Rank Adaptation (LoRA) module.")
ROLORA = ("Low-bit weight-activation quantization is hampered by outliers. In this paper, we propose RoLoRA, the "
          "first LoRA-based scheme for effective weight-activation quantization. RoLoRA utilizes rotation for "
          "outlier elimination and proposes rotation-aware fine-tuning to preserve the outlier-free "
          "characteristics in rotated LLMs. Experimental results show RoLoRA consistently improves low-bit LoRA "
          "convergence.")
YOLO = ("We present YOLO, a new approach to object detection. Prior work on object detection repurposes "
        "classifiers to perform detection. Instead, we frame object detection as a regression problem to "
        "spatially separated bounding boxes and associated class probabilities.")
CROWNBOARD = ("Text entry on smartwatches has not been well explored for the population. Crownboard enables people "
              "with limited dexterity enter text on a smartwatch using its crown. It uses an alphabetical layout "
              "divided into eight zones around the bezel. We validated its design in multiple studies.")


def _sentence(text: str) -> Sentence:
    return split_sentences(text)[0]


@pytest.mark.parametrize(("sentence", "name", "expected"), [
    ("To address these challenges, we propose Hot-Swap MarkBoard, an efficient watermarking method.",
     "Hot-Swap MarkBoard", True),
    ("We introduce a new language representation model called BERT, which stands for Bidirectional Encoder "
     "Representations from Transformers.", "BERT", True),
    ("In this paper, we address this dilemma with a novel Bilateral Segmentation Network (BiSeNet).", "BiSeNet", True),
    ("To address this limitation, we propose the Time-Series Neural Networks via Ensemble of Short-Term "
     "Dependencies (TSNN-ESTD).", None, True),
    # these say what the method does or how: they are the summary themselves
    ("we propose FedBR, a novel unified algorithm that reduces the local learning bias on features and "
     "classifiers to tackle these challenges.", "FedBR", False),
    ("we propose PagedAttention, an attention algorithm inspired by the classical virtual memory and paging "
     "techniques in operating systems.", "PagedAttention", False),
    ("We present a residual learning framework to ease the training of networks that are substantially deeper "
     "than those used previously.", None, False),
])
def test_naming_only_tells_a_bare_naming_from_a_description(sentence: str, name: str | None,
                                                           expected: bool) -> None:
    assert naming_only(_sentence(sentence), name) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("RoLoRA utilizes rotation for outlier elimination.", True),
    ("Specifically, we extract attention alignments from an encoder-decoder based teacher model.", True),
    ("Unlike recent language representation models, BERT is designed to pre-train deep bidirectional "
     "representations.", True),
    ("A single neural network predicts bounding boxes and class probabilities directly from full images.", True),
    ("It encodes user-specific n-bit binary signatures by embedding multiple watermarks.", False),
    ("This model leverages iTransformer as the base predictor.", False),
    ("They also improved scores on the NEJM Case Challenge from 7 to 16.", False),
    ("On top of it, we build vLLM, an LLM serving system.", False),
])
def test_standalone_refuses_a_subject_the_reader_cannot_resolve(sentence: str, expected: bool) -> None:
    assert standalone(_sentence(sentence)) is expected


def test_how_it_works_skips_the_gap_and_stops_at_the_results() -> None:
    following = split_sentences(YOLO)[1:]
    found = how_it_works(following)
    assert found is not None and found.text.startswith("Instead, we frame object detection as a regression")
    results = split_sentences("Experiments show that GEM generalizes across robot embodiments. GEM uses entropy.")
    assert how_it_works(results) is None


@pytest.mark.parametrize(("abstract", "name", "expected"), [
    (ROLORA, "RoLoRA", "RoLoRA utilizes rotation for outlier elimination"),
    (YOLO, "YOLO", "we frame object detection as a regression problem"),
    # the next sentence starts with `It`: read alone it says nothing, so the naming sentence stays
    (HOT_SWAP, "Hot-Swap MarkBoard", "we propose Hot-Swap MarkBoard, an efficient watermarking method."),
])
def test_a_naming_only_contribution_gives_way_to_the_mechanism(abstract: str, name: str, expected: str) -> None:
    hit = find_summary(split_sentences(abstract), "", name)
    assert hit is not None and hit.value.startswith(expected)
    assert abstract[hit.start:hit.end] == hit.value  # still an exact slice of the abstract


def test_the_method_as_the_agent_is_a_contribution_sentence() -> None:
    sentences = split_sentences(CROWNBOARD)
    assert names_subject(sentences[1], "Crownboard") and not names_subject(sentences[2], "Crownboard")
    hit = find_summary(sentences, "Crownboard: A One-Finger Crown-Based Smartwatch Keyboard", "Crownboard")
    assert hit is not None and hit.value.startswith("Crownboard enables people with limited dexterity")
    # a name in a result sentence is not the agent of the contribution
    result = split_sentences("MobileNetV3 is 3.2% more accurate on ImageNet than MobileNetV2.")[0]
    assert contribution_score(result, 0, "MobileNetV3") < 0


def test_a_discourse_adverb_between_we_and_the_verb_keeps_the_strong_cue() -> None:
    # `We thus present X` is the contribution move as much as `We present X`
    text = ("This paper introduces architectural and interaction patterns for integrating crowdsourced human "
            "contributions directly into user interfaces. We focus on writing, a complex generation task. We thus "
            "present Soylent, a word processing interface that enables writers to call on Mechanical Turk workers "
            "to shorten, proofread, and otherwise edit parts of their documents on demand.")
    sentences = split_sentences(text)
    assert contribution_score(sentences[2], 0) >= 4  # the strong-verb cue, not only `we`
    hit = find_summary(sentences, "Soylent: A Word Processor with a Crowd Inside")
    assert hit is not None and hit.value.startswith("We thus present Soylent")


def test_the_authors_are_an_agent_like_we() -> None:
    # economics and medicine abstracts often write the third person
    text = ("On April 1, 1992, New Jersey's minimum wage rose from 4.25 to 5.05 per hour. To evaluate the impact "
            "of the law, the authors surveyed 410 fast-food restaurants in New Jersey and eastern Pennsylvania "
            "before and after the rise.")
    assert (_summary(text) or "").startswith("To evaluate the impact of the law, the authors surveyed 410")


MONOLITH = ("These issues led us to reexamine traditional approaches and explore radically different design choices. "
            "In this paper, we present Monolith, a system tailored for online training. Our design has been driven "
            "by observations of our application workloads and production environment that reflects a marked "
            "departure from other recommendations systems.")
YOLOV3 = ("We present some updates to YOLO! We made a bunch of little design changes to make it better. We also "
          "trained this new network that's pretty swell.")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Our design has been driven by observations of our application workloads.", False),  # motivation, not means
    ("The architecture is inspired by the visual cortex.", False),
    ("We first design a Spatial Path with a small stride to preserve the spatial information.", True),
    ("RoLoRA utilizes rotation for outlier elimination.", True),
    ("We made a bunch of little design changes to make it better.", False),  # the noun `design` is no means
])
def test_describes_means_reads_how_not_why(sentence: str, expected: bool) -> None:
    assert describes_means(sentence.lower()) is expected


@pytest.mark.parametrize(("abstract", "name", "expected"), [
    (MONOLITH, "Monolith", "We present Monolith, a system tailored for online training."),
    (YOLOV3, "YOLOv3", "We present some updates to YOLO!"),
])
def test_the_naming_sentence_stays_when_the_next_one_says_no_how(abstract: str, name: str, expected: str) -> None:
    hit = find_summary(split_sentences(abstract), "", name)
    assert hit is not None and hit.as_sentence().value == expected


# --- batch 18 round: evaluation objects, the own method as the subject of the next sentence ---

SEQ2SEQ = ("Although DNNs work well whenever large labeled training sets are available, they cannot be used to map "
           "sequences to sequences. In this paper, we present a general end-to-end approach to sequence learning that "
           "makes minimal assumptions on the sequence structure. Our method uses a multilayered Long Short-Term Memory "
           "(LSTM) to map the input sequence to a vector of a fixed dimensionality, and then another deep LSTM to "
           "decode the target sequence from the vector. Our main result is that on an English to French translation "
           "task from the WMT-14 dataset, the translations produced by the LSTM achieve a BLEU score of 34.8.")
TACOTRON = ("This paper describes Tacotron 2, a neural network architecture for speech synthesis directly from text. "
            "Our model achieves a mean opinion score (MOS) of 4.53 comparable to a MOS of 4.58 for professionally "
            "recorded speech. To validate our design choices, we present ablation studies of key components of our "
            "system and evaluate the impact of using mel spectrograms as the input to WaveNet instead of linguistic, "
            "duration, and F0 features.")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("To validate our design choices, we present ablation studies of key components of our system.", True),
    ("We present a number of case studies, in which the tool was successfully used.", True),
    ("We also present two controlled experiments that evaluate bubble cursor performance.", True),
    ("We present SpanBERT, a pre-training method that is designed to better represent and predict spans of text.",
     False),
    ("In this paper, we present a general end-to-end approach to sequence learning.", False),
])
def test_presenting_an_evaluation_is_not_the_contribution(sentence: str, expected: bool) -> None:
    assert bool(presents_evaluation(sentence.lower())) is expected


def test_the_evaluation_sentence_does_not_beat_the_describing_one() -> None:
    hit = find_summary(split_sentences(TACOTRON), "Natural TTS Synthesis by Conditioning WaveNet on Mel Spectrogram "
                       "Predictions")
    assert hit is not None and hit.value.startswith("This paper describes Tacotron 2")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Our method uses a multilayered Long Short-Term Memory (LSTM) to map the input sequence to a vector.", True),
    ("Our pipeline generates instructions, input, and output samples from a language model, then filters invalid "
     "or similar ones before using them to finetune the original model.", True),
    ("Our approach extends BERT by (1) masking contiguous random spans, rather than random tokens.", True),
    ("In the speech input case, our speech recognition system gave an initial transcription, and then recognition "
     "errors could be corrected using either speech again or the smartphone keyboard.", True),
    # a result with the method as subject, a benefit with its bare name, the authors as subject: not the mechanism
    ("Our model achieves a mean opinion score (MOS) of 4.53 comparable to a MOS of 4.58 for professionally "
     "recorded speech.", False),
    ("Our experiment results and comparison show that our approach significantly outperforms the state-of-the-art.",
     False),
    ("By pipelining different sub-sequences of layers on separate accelerators, GPipe provides the flexibility of "
     "scaling a variety of different networks to gigantic sizes efficiently.", False),
    ("We use randomized smoothing to obtain an ImageNet classifier with e.g. a certified top-1 accuracy of 49%.",
     False),
])
def test_own_mechanism_is_the_own_method_saying_how_it_works(sentence: str, expected: bool) -> None:
    assert own_mechanism(split_sentences(sentence)[0]) is expected


def test_the_mechanism_after_a_contribution_sentence_is_the_summary() -> None:
    hit = find_summary(split_sentences(SEQ2SEQ), "Sequence to Sequence Learning with Neural Networks")
    assert hit is not None and hit.value.startswith("Our method uses a multilayered Long Short-Term Memory")
    assert SEQ2SEQ[hit.start:hit.end] == hit.value
