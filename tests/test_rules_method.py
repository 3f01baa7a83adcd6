"""Method names: title prefixes, explicit naming, acronym definitions, and honest abstention."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.method import find_method, is_name_like
from summarizer.extract.rules.method_intro import describe_unnamed
from summarizer.extract.rules.sentences import split_sentences


def _name(title: str, abstract: str) -> str | None:
    hit = find_method(title, abstract, split_sentences(abstract))
    return hit.name.value if hit else None


@pytest.mark.parametrize(("title", "abstract", "name"), [
    ("ARM: Refining Multivariate Forecasting with Adaptive Temporal-Contextual Learning",
     "To address this, we introduce ARM: a multivariate temporal-contextual adaptive learning method.", "ARM"),
    ("LoRA+: Efficient Low Rank Adaptation of Large Models", "We propose a simple fix.", "LoRA+"),
    ("Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
     "We propose Adafactor, which keeps factored second moments.", "Adafactor"),
    ("From GaLore to WeLore: How Low-Rank Weights Non-uniformly Emerge from Low-Rank Gradients",
     "Based on this, we propose Weight Low-Rank Projection (WeLore) that unifies weight compression.", "WeLore"),
    ("A Simple and Effective Pruning Approach for Large Language Models",
     "In this work, we introduce a novel, straightforward yet effective pruning method, termed Wanda "
     "(Pruning by Weights and activations), designed to induce sparsity in pretrained LLMs.", "Wanda"),
    ("Beyond Size: How Gradients Shape Pruning Decisions in Large Language Models",
     "We propose a novel sparsity-centric pruning method for pretrained LLMs, termed Gradient-based Language "
     "Model Pruner (GBLM-Pruner).", "GBLM-Pruner"),
    ("Modeling Long- and Short-Term Temporal Patterns with Deep Neural Networks",
     "In this paper, we propose a novel deep learning framework, namely Long- and Short-term Time-series "
     "network (LSTNet), to address this open challenge.", "LSTNet"),
    ("Self-Influence Guided Data Reweighting for Language Model Pre-training",
     "We fill this important gap and propose PRESENCE, a method for jointly reweighting samples.", "PRESENCE"),
    ("Weight Poisoning Attacks on Pre-trained Models",
     "We show that by applying a regularization method, which we call RIPPLe, and an initialization procedure, "
     "which we call Embedding Surgery, such attacks are possible.", "RIPPLe"),
    ("Knowledge Distillation Based on Transformed Teacher Matching",
     "We drop temperature scaling on the student side, and systematically study the resulting variant of KD, "
     "dubbed transformed teacher matching (TTM).", "TTM"),
    ("Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
     "In several recently proposed stochastic optimization methods, the updates are scaled by averages.", "Adafactor"),
    ("Weight Normalization: A Simple Reparameterization to Accelerate Training of Deep Neural Networks",
     "We present weight normalization: a reparameterization of the weight vectors in a neural network.",
     "Weight Normalization"),
    ("Regression Discontinuity Design with Distribution-Valued Outcomes",
     "This article introduces Regression Discontinuity Design (RDD) with Distribution-Valued Outcomes (R3D), "
     "extending the standard RDD framework.", "R3D"),
    ("Robust Test-Time Adaptation in Dynamic Scenarios",
     "In this work, we explore such practical test data streams, namely practical test-time adaptation (PTTA). "
     "To do so, we elaborate a Robust Test-Time Adaptation (RoTTA) method against the complex data stream.",
     "RoTTA"),
    ("NGBoost: Natural Gradient Boosting for Probabilistic Prediction",
     "We present Natural Gradient Boosting (NGBoost), an algorithm for generic probabilistic prediction.",
     "NGBoost"),
])
def test_names_the_papers_own_method(title: str, abstract: str, name: str) -> None:
    assert _name(title, abstract) == name


@pytest.mark.parametrize(("title", "abstract"), [
    ("A survey on online active learning", "This survey reviews recent online active learning methods."),
    ("Time Matters: Scaling Laws for Any Budget",
     "A primary cost driver for training large models is wall-clock training time. We show that popular "
     "time estimates based on FLOPs are poor estimates."),
    ("Flexible Model Aggregation for Quantile Regression",
     "Rather than proposing yet another (new) algorithm for quantile regression we adopt a meta viewpoint."),
    ("Improved Analysis of Sparse Linear Regression in Local Differential Privacy Model",
     "We propose an innovative NLDP algorithm, the very first of its kind for the problem."),
    ("Uncertainty quantification for improving radiomic-based models",
     "However, we propose to use uncertainty quantification (UQ) to improve the confidence in predictions."),
    ("Decentralised Traffic Incident Detection via Network Lasso",
     "We leverage an elegant but less explored distributed optimisation framework named Network Lasso, with "
     "guaranteed global convergence for convex problem formulations."),
    ("Balancing the Scales: A Comprehensive Study on Tackling Class Imbalance in Binary Classification",
     "Class imbalance is common. We compare oversampling, undersampling and cost-sensitive learning."),
    ("Deep Interest Network for Click-Through Rate Prediction",
     "To this end, we propose two techniques: mini-batch aware regularization and an adaptive activation."),
    ("Exploring Scaling Laws for Local SGD in Large Language Model Training",
     "This paper investigates scaling laws for local SGD in LLM training."),
])
def test_abstains_when_no_method_is_named(title: str, abstract: str) -> None:
    assert _name(title, abstract) is None


def test_description_is_the_introducing_sentence_and_spans_slice_back() -> None:
    title = "ARM: Refining Multivariate Forecasting"
    abstract = ("LTSF is important. To address this, we introduce ARM: a multivariate method. "
                "ARM demonstrates superior performance.")
    hit = find_method(title, abstract, split_sentences(abstract))
    assert hit is not None and hit.description is not None
    assert hit.description.value == "We introduce ARM: a multivariate method."  # the discourse frame is cut
    assert title[hit.name.start:hit.name.end] == "ARM" and hit.name.field == "title"
    assert abstract[hit.description.start:hit.description.end] == "we introduce ARM: a multivariate method."
    assert hit.description.span().alignment == "normalised"


@pytest.mark.parametrize(("abstract", "name"), [
    # appositives after the introduced noun phrase (bandits, PEFT, pruning)
    ("We propose a distributed batch elimination version of the LinUCB algorithm, DisBE-LUCB, where the agents "
     "share information in batches.", "DisBE-LUCB"),
    ("We propose a method, LoRA Silver Bullet or LoRA-SB, that approximates full fine-tuning within low-rank "
     "subspaces.", "LoRA-SB"),
    ("This work introduces an innovative unstructured dual-pruning methodology, D-Pruner, for domain-specific "
     "compression on LLM.", "D-Pruner"),
    ("We introduce a simple yet effective baseline, Timber, that needs no tuning.", "Timber"),
    # LaTeX quotes around a dubbed name, then its acronym
    ("We introduce a pruning framework, which we dub ``iterative Combinatorial Brain Surgeon'' (iCBS), that "
     "solves a sequence of combinatorial problems.", "iCBS"),
    # a multi-word capitalised name right after the verb
    ("Pretraining is memory hungry. We propose Online Subspace Descent, a new family of memory-efficient "
     "training algorithms.", "Online Subspace Descent"),
    ("We propose Loss-Free Balancing, featured by an auxiliary-loss-free load balancing strategy.",
     "Loss-Free Balancing"),
    # the paper's own thing, named in passing
    ("We show that our score - VSDR - can significantly improve the accuracy of policy ranking.", "VSDR"),
    ("We show that our stochastic prox-linear (SPL+) algorithm can better exploit the structure.", "SPL+"),
    # a long name before its acronym (HCI-style system names too)
    ("To characterize the structures, we propose the Subpopulation Structure Discovery with Large Language Models "
     "(SSD-LLM) framework, which employs world knowledge.", "SSD-LLM"),
    ("We present Tactile Data Explorer (TDE), a sonification tool that lets blind users explore charts.", "TDE"),
    # discourse adverbs and perfect tense before the verb; quoted names; `the X framework` (NLP, HCI, robotics, SE)
    ("We therefore present Qasper, a dataset of 5,049 questions over 1,585 NLP papers.", "Qasper"),
    ('We present "Ena", a novel EEG-eBike system that draws from the rider\'s neural activity.', "Ena"),
    ("We develop the SPOT framework, which explores within action safety zones.", "SPOT"),
    ("As a proof-of-concept, we have designed FEData, a prototype corpus for fuzz testing.", "FEData"),
])
def test_names_written_as_asides_are_found(abstract: str, name: str) -> None:
    assert _name("Untitled study", abstract) == name


def test_a_topic_title_head_is_not_a_method_name() -> None:
    abstract = "Randomized clinical trials are the gold standard. We discuss how randomized clinical trials are run."
    assert _name("Randomized Clinical Trials: The Meeting Place of Medical Practice and Clinical Research",
                 abstract) is None
    assert _name("QA Dataset Explosion: A Taxonomy of NLP Resources for Question Answering",
                 "The QA dataset explosion has been rapid. We survey the resources.") is None


def test_the_main_proposal_beats_a_component_named_in_a_detail_sentence() -> None:
    abstract = ("We propose the Subpopulation Structure Discovery with Large Language Models (SSD-LLM) framework, "
                "which analyzes captions. Furthermore, we propose complete workflows for downstream tasks, named "
                "Task-specific Tuning, showcasing applications.")
    assert _name("LLM as Dataset Analyst", abstract) == "SSD-LLM"


@pytest.mark.parametrize(("abstract", "start"), [
    ("Quantiles cross. We propose a penalized nonparametric approach to estimating the quantile regression "
     "process using deep networks.", "We propose a penalized nonparametric approach"),
    ("In this paper, we propose a novel method to address keyword detection in social media.",
     "We propose a novel method to address keyword detection"),
    ("We design a fast dynamic data structure for this task.", "We design a fast dynamic data structure"),
    ("We study the generalization of Adam and show it depends on the batch size.", None),
])
def test_an_unnamed_method_still_gets_its_description(abstract: str, start: str | None) -> None:
    hit = describe_unnamed(split_sentences(abstract))
    assert (hit.value if hit else None) == start if start is None else hit is not None and hit.value.startswith(start)


@pytest.mark.parametrize(("token", "expected"), [
    ("LoRA-XS", True), ("WeLore", True), ("ARM", True), ("LoRA+", True), ("P-learner", True),
    ("Entropy-Guided", False), ("Variance-Weighted", False), ("LLMs", False), ("The", False), ("Bayesian", False),
])
def test_name_likeness(token: str, expected: bool) -> None:
    assert is_name_like(token) is expected


def _description(title: str, abstract: str) -> str | None:
    hit = find_method(title, abstract, split_sentences(abstract))
    described = hit.description if hit else describe_unnamed(split_sentences(abstract))
    return described.value if described else None


@pytest.mark.parametrize(("title", "abstract", "start"), [
    # a result sentence says how well the method did, not what it is: the proposing sentence instead
    ("DiagNet: Detecting Objects using Diagonal Constraints on Adjacency Matrix of Graph Neural Network",
     "We propose DaigNet, a new approach to object detection with which we can detect an object bounding box using "
     "diagonal constraints on adjacency matrix of a graph convolutional network (GCN). Experiments show that the "
     "DiagNet achieves 7.5 % higher mAP50 on Pascal VOC than YOLOv1.", "We propose DaigNet, a new approach"),
    # the abstract writes the title's name in capitals
    ("Zozzle: Low-overhead Mostly Static JavaScript Malware Detection",
     "In-browser adoption has been slow. In this paper, we propose ZOZZLE, a low-overhead solution for detecting "
     "and preventing JavaScript malware that can be deployed in the browser.", "We propose ZOZZLE, a low-overhead"),
    # the name is never written in the abstract (but in its code URL): the sentence proposing the method
    ("EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
     "Based on this observation, we propose a new scaling method that uniformly scales all dimensions of "
     "depth/width/resolution using a simple yet highly effective compound coefficient. Source code is at "
     "https://github.com/tensorflow/tpu/tree/master/models/official/efficientnet.", "We propose a new scaling method"),
    # only result sentences mention it and nothing is proposed in other words: no description beats a wrong one
    ("wav2vec 2.0: A Framework for Self-Supervised Learning of Speech Representations",
     "We show for the first time that learning powerful representations from speech audio alone followed by "
     "fine-tuning on transcribed speech can outperform the best semi-supervised methods. When lowering the amount "
     "of labeled data to one hour, wav2vec 2.0 outperforms the previous state of the art.", None),
    # unnamed: a bracketed acronym among the modifiers, and a proposal stated as what it does
    ("Automated College Application Essay Grading",
     "This paper proposes a natural language processing (NLP) model which predicts the quality of a college "
     "application essay.", "This paper proposes a natural language processing (NLP) model"),
    ("Towards Fast and Accurate Streaming End-to-End ASR",
     "We propose to reduce E2E model's latency by extending the RNN-T endpointer (RNN-T EP) model with additional "
     "early and late penalties.", "We propose to reduce E2E model's latency"),
])
def test_the_description_says_what_the_method_does(title: str, abstract: str, start: str | None) -> None:
    described = _description(title, abstract)
    assert described is None if start is None else described is not None and described.startswith(start)


def test_a_name_after_propose_instead_is_the_method() -> None:
    abstract = ("While ConvTasnet beats many existing spectrogram-domain methods, it suffers from significant "
                "artifacts. We propose instead Demucs, a novel waveform-to-waveform model, with a U-Net structure.")
    assert _name("Music Source Separation in the Waveform Domain", abstract) == "Demucs"
