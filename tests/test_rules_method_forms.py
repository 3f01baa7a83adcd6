"""The less common ways an abstract names its own method, each rule on real sentences (and its look-alikes)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules import method_forms as forms
from summarizer.extract.rules.method import find_method
from summarizer.extract.rules.sentences import split_sentences

_INTRO = ("propose", "presents", "introduces", "describe", "develop")


def _sentence(text: str):
    return split_sentences(text)[0]


def _after_intro(text: str) -> int:
    """Where the introduced phrase starts: just after the first introducing verb."""
    at = min(i for i in (text.find(f"{verb} ") for verb in _INTRO) if i >= 0)
    return text.index(" ", at) + 1


def _value(hit) -> str | None:
    return hit.value if hit else None


def _name(title: str, abstract: str) -> str | None:
    hit = find_method(title, abstract, split_sentences(abstract))
    return hit.name.value if hit else None


def test_title_defined_as_an_acronym_names_the_system() -> None:
    abstract = "Flat Datacenter Storage (FDS) is a high-performance, fault-tolerant, large-scale, blob store."
    assert _value(forms.title_acronym("Flat Datacenter Storage", abstract)) == "FDS"
    revisited = ("This work revisits the classical idea of spectrally transformed kernel regression (STKR), and "
                 "provides a new class of general and scalable STKR estimators.")
    assert forms.title_acronym("Spectrally Transformed Kernel Regression", revisited) is None
    assert forms.title_acronym("Flat Datacenter Storage: A Blob Store", abstract) is None  # a colon title is not a name


def test_title_half_framing_a_compound_name() -> None:
    title = "Utilizing Social Media Attributes for Enhanced Keyword Detection: An IDF-LDA Model Applied to Sina Weibo"
    assert _value(forms.title_framed_name(title)) == "IDF-LDA"
    assert forms.title_framed_name("Sentiment Analysis of Tweets: A BERT Model for Arabic") is None


@pytest.mark.parametrize(("text", "name"), [
    ("In this paper, we propose a generative adversarial network to simulate noisy spectrum from the clean spectrum "
     "(Simu-GAN), where only 10 minutes of unparalleled in-domain noisy speech data is required.", "Simu-GAN"),
    ("To address this limitation, we propose the Time-Series Neural Networks via Ensemble of Short-Term Dependencies "
     "(TSNN-ESTD).", "TSNN-ESTD"),
    ("In this paper we propose a new model for a class of rapid serial visual presentation (RSVP) interfaces [16] in "
     "the context of consumer video devices.", None),
    ("We develop a deep learning framework for question answering on the Stanford Question Answering Dataset (SQuAD), "
     "blending ideas from existing state-of-the-art models.", None),
    ("This paper presents a new hybrid motion planning technique based on Harmonic Functions (HF) and Probabilistic "
     "Roadmaps (PRM).", None),
    ("However, we propose to use uncertainty quantification (UQ) to improve the confidence in predictions.", None),
])
def test_acronym_closing_a_long_introduced_description(text: str, name: str | None) -> None:
    assert _value(forms.acronym_closing_description(_sentence(text), _after_intro(text))) == name


@pytest.mark.parametrize(("text", "name"), [
    ("To address these issues, this paper introduces an end-to-end framework PPI (keyPose and Pointflow Interface), "
     "which integrates the prediction of target gripper poses.", "PPI"),
    ("Based on this shortcut measurement, we propose a shortcut mitigation framework LTGR, to suppress the model from "
     "making overconfident predictions.", "LTGR"),
    ("We propose a novel sparsity-centric pruning method for pretrained LLMs.", None),
])
def test_name_right_after_its_method_noun(text: str, name: str | None) -> None:
    assert _value(forms.noun_then_name(_sentence(text), _after_intro(text))) == name


def test_name_right_after_the_article() -> None:
    text = ("We propose the P-learner, motivated by the R- and DR-learner, a tailored two-stage loss function for "
            "learning heterogeneous treatment effects.")
    assert _value(forms.article_then_name(_sentence(text), _after_intro(text))) == "P-learner"
    plain = "We propose the first algorithm for this setting."
    assert forms.article_then_name(_sentence(plain), _after_intro(plain)) is None


@pytest.mark.parametrize(("text", "name"), [
    ("The proposed Harmonic Function-based Probabilistic Roadmap (HFPRM) method comprises three phases.", "HFPRM"),
    ("Unlike previous work, the semantic conflicts detection-based MRC network (SCDNet) was proposed aiming at "
     "detections of no-answer questions.", "SCDNet"),
    ("In this work, a novel Dynamic Residual Classifier (DRC) is proposed to handle this challenging scenario.", "DRC"),
    ("Our proposed model aligns with the guidelines of Predict-and-Optimize (PnO) frameworks and can be efficiently "
     "solved.", None),
    ("The Transformer (TF) was proposed by Vaswani et al. for translation.", None),
])
def test_acronym_the_sentence_marks_as_proposed(text: str, name: str | None) -> None:
    assert _value(forms.proposed_acronym(_sentence(text))) == name


@pytest.mark.parametrize(("text", "name"), [
    ("We operationalize this objective with NovelQR, a novelty-driven quotation recommendation framework.", "NovelQR"),
    ("We describe AlphaFold, the protein structure prediction system that was entered by the group A7D in CASP13.",
     "AlphaFold"),
    ("We first analyze a deterministic variant by drawing parallels to the well-studied k-secretary problem and "
     "propose Virtual+, a simple yet practical online algorithm.", "Virtual+"),
    ("In this study, we closely examine WiSE-FT, a popular weight space ensemble method that interpolates between a "
     "pre-trained and a fine-tuned model.", None),
    ("Our method outperforms LLaMA-2, a strong open model, on every benchmark.", None),
    ("Graphstract, an implementation of a graphical help system, extends the ideas of Minimal Manuals.", None),
])
def test_coined_name_defined_by_an_appositive(text: str, name: str | None) -> None:
    assert _value(forms.appositive_definition(_sentence(text))) == name


def test_our_artefact_named_between_commas() -> None:
    text = ("Our trained LLM, SFR-Iterative-DPO-LLaMA-3-8B-R, achieves impressive performance on LLM chatbot "
            "benchmarks.")
    assert _value(forms.ours_between_commas(_sentence(text))) == "SFR-Iterative-DPO-LLaMA-3-8B-R"
    assert forms.ours_between_commas(_sentence("Our results, however, are preliminary.")) is None


@pytest.mark.parametrize(("abstract", "name"), [
    ("In this paper, we propose a novel delay constraining method, named self alignment.", "self alignment"),
    ("To address these challenges, we introduce a novel approach called weighted training.", "weighted training"),
    ("We consider the problem of recommending relevant content to users in the form of lists of items, called slates.",
     None),
    ("In this paper, we identify a fundamental issue of the standard MBRL framework -- what we call the objective "
     "mismatch issue.", None),
    ("We propose a data-free method for identifying such parameters, termed super weights, using a single forward "
     "pass through the model.", None),
])
def test_a_lower_case_name_must_name_a_method(abstract: str, name: str | None) -> None:
    assert _name("A title with no name in it", abstract) == name


@pytest.mark.parametrize(("title", "abstract", "name"), [
    ("A Fast Incremental Gaussian Mixture Model",
     "Our method builds upon online incremental learning, namely the Incremental Gaussian Mixture Network (IGMN).",
     None),
    ("A Fast Incremental Gaussian Mixture Model",
     "We start from previous efforts in online incremental learning, namely the Incremental Gaussian Mixture Network "
     "(IGMN).", None),
    ("A Fast Incremental Gaussian Mixture Model",
     "This work builds upon previous efforts in online incremental learning, namely the Incremental Gaussian Mixture "
     "Network (IGMN). In this work, we manage to reduce this complexity.", None),
    ("Robotic Navigation Using Harmonic Function-based Probabilistic Roadmaps",
     "This paper presents a new hybrid motion planning technique based on Harmonic Functions (HF) and Probabilistic "
     "Roadmaps (PRM). The proposed Harmonic Function-based Probabilistic Roadmap (HFPRM) method comprises three "
     "phases.", "HFPRM"),
    ("Flat Datacenter Storage",
     "Flat Datacenter Storage (FDS) is a high-performance blob store. We describe our FDS-based sort application.",
     "FDS"),
])
def test_borrowed_and_ingredient_names_give_way_to_the_proposal(title: str, abstract: str, name: str | None) -> None:
    assert _name(title, abstract) == name


_NEUTRAL = ("We show that an end-to-end deep learning approach can be used to recognize either English or Mandarin "
            "Chinese speech--two vastly different languages.")


@pytest.mark.parametrize(("title", "name"), [
    ("Deep Speech 2: End-to-End Speech Recognition in English and Mandarin", "Deep Speech 2"),
    ("Dex-Net 2.0: Deep Learning to Plan Robust Grasps with Synthetic Point Clouds and Analytic Grasp Metrics",
     "Dex-Net 2.0"),
    ("wav2vec 2.0: A Framework for Self-Supervised Learning of Speech Representations", "wav2vec 2.0"),
    ("ARC-NLP at PAN 2023: Hierarchical Long Text Classification for Trigger Detection", None),  # a year
    ("WMT 2020: Findings of the Shared Task on Chat Translation", None),  # a year, not a version
    ("Industry 4.0: A Survey of Smart Manufacturing", None),  # a study of the thing, not the thing
])
def test_versioned_title_prefix_is_a_name(title: str, name: str | None) -> None:
    assert _name(title, _NEUTRAL) == name


def test_appositive_name_after_an_article() -> None:
    abstract = ("We propose a new simple network architecture, the Transformer, based solely on attention mechanisms, "
                "dispensing with recurrence and convolutions entirely.")
    assert _name("Attention Is All You Need", abstract) == "Transformer"


def test_lower_case_appositive_counts_when_the_title_writes_it() -> None:
    abstract = ("In this paper, we propose a new decoding strategy, self-consistency, to replace the naive greedy "
                "decoding used in chain-of-thought prompting.")
    assert _name("Self-Consistency Improves Chain of Thought Reasoning in Language Models", abstract) == (
        "self-consistency")
    assert _name("Better Decoding for Chain of Thought Reasoning", abstract) is None
