"""Task: a short problem phrase sliced from the title or abstract, never the whole title."""

from __future__ import annotations

import pytest

from tests.task_helpers import task_of

_task = task_of


@pytest.mark.parametrize(("title", "method", "task"), [
    ("Flexible Model Aggregation for Quantile Regression", None, "quantile regression"),
    ("ARM: Refining Multivariate Forecasting with Adaptive Temporal-Contextual Learning", "ARM",
     "multivariate forecasting"),
    ("AirCast: Improving Air Pollution Forecasting Through Multi-Variable Data Alignment", "AirCast",
     "air pollution forecasting"),
    ("Covariate balancing using the integral probability metric for causal inference", None, "causal inference"),
    ("LISA: Layerwise Importance Sampling for Memory-Efficient Large Language Model Fine-Tuning", "LISA",
     "memory-efficient large language model fine-tuning"),
    ("Ugly Ducklings or Swans: A Tiered Quadruplet Network with Patient-Specific Mining for Improved Skin "
     "Lesion Classification", None, "skin lesion classification"),
    ("Contextual Bandits with Online Neural Regression", None, "contextual bandits"),
])
def test_task_from_title_structure(title: str, method: str | None, task: str) -> None:
    assert _task(title, method=method) == task


def test_problem_of_in_abstract_when_the_title_names_no_problem() -> None:
    # the title is a slogan the abstract never repeats; the abstract states the problem
    title = "Rewriting the Rulebook"
    abstract = ("In this paper, we revisit the problem of sparse linear regression in the local differential "
                "privacy (LDP) model. Existing research has focused on lower bounds.")
    assert _task(title, abstract) == "sparse linear regression"


def test_a_title_phrase_the_abstract_writes_beats_the_abstract_framing() -> None:
    title = "Improved Analysis of Sparse Linear Regression in Local Differential Privacy Model"
    abstract = ("In this paper, we revisit the problem of sparse linear regression in the local differential "
                "privacy (LDP) model. Existing research has focused on lower bounds.")
    assert _task(title, abstract) == "sparse linear regression in local differential privacy model"


@pytest.mark.parametrize(("title", "method", "task"), [
    ("Balancing the Scales: A Comprehensive Study on Tackling Class Imbalance in Binary Classification", None,
     "class imbalance in binary classification"),
    ("Weight Normalization: A Simple Reparameterization to Accelerate Training of Deep Neural Networks",
     "Weight Normalization", "training of deep neural networks"),
    ("Spurious Feature Diversification Improves Out-of-distribution Generalization", None,
     "out-of-distribution generalization"),
    ("DiscQuant: A Quantization Method for Neural Networks Inspired by Discrepancy Theory", "DiscQuant",
     "quantization method for neural networks"),
])
def test_task_from_subtitles_goals_and_questions(title: str, method: str | None, task: str) -> None:
    assert _task(title, method=method) == task


@pytest.mark.parametrize("title", ["How Does Vision-Language Adaptation Impact the Safety of Vision Language Models?",
                                   "Why Do We Need Weight Decay in Modern Deep Learning?"])
def test_question_titles_keep_their_topic(title: str) -> None:
    task = _task(title)
    assert task is not None and len(task.split()) >= 2 and task.split()[0] not in {"How", "Why", "Do", "Does"}


def test_scaling_laws_for_any_budget_is_not_a_task() -> None:
    assert _task("Time Matters: Scaling Laws for Any Budget") != "Any Budget"


def test_long_titles_are_cut_to_a_short_phrase() -> None:
    title = ("LocalValueBench: A Collaboratively Built and Extensible Benchmark for Evaluating Localized Value "
             "Alignment and Ethical Safety in Large Language Models")
    task = _task(title, method="LocalValueBench")
    assert task is not None and len(task.split()) <= 8 and not task.endswith(" in")


@pytest.mark.parametrize("title", ["", ":", "A", "for for for", "x" * 5000, "中文标题：研究"])
def test_odd_titles_never_raise(title: str) -> None:
    _task(title, "")


@pytest.mark.parametrize(("title", "task"), [
    # the method's own adjectives are not the problem (LLMs, MoE, adversarial training)
    ("Delta-CoMe: Training-Free Delta-Compression with Mixed-Precision for Large Language Models", "delta-compression"),
    ("Doubly Robust Instance-Reweighted Adversarial Training", "adversarial training"),
    ("Auxiliary-Loss-Free Load Balancing Strategy for Mixture-of-Experts",
     "load balancing strategy for mixture-of-experts"),
    # `A, B, and C` lists its topics; the last one is the paper's
    ("Masks, Signs, And Learning Rate Rewinding", "learning rate rewinding"),
    # a slogan subtitle talks about the problem the head names (economics, medicine)
    ("The Employment Effects of Minimum Wages: Some Questions We Need to Answer",
     "employment effects of minimum wages"),
    ("Randomized Clinical Trials: The Meeting Place of Medical Practice and Clinical Research",
     "randomized clinical trials"),
    # `Problem with ...` belongs to the problem (theory); `(Kernel)` does not end the phrase
    ("The Knapsack Problem with Neighbour Constraints", "knapsack problem with neighbour constraints"),
    ("An Agnostic View on the Cost of Overfitting in (Kernel) Ridge Regression",
     "cost of overfitting in (Kernel) ridge regression"),
    # `... made simple` is a slogan (materials science), an audience after `for` (HCI), `Augmented with`
    ("Machine learning assisted crystal structure prediction made simple",
     "machine learning assisted crystal structure prediction"),
    ("LipType: A Silent Speech Recognizer Augmented with an Independent Repair Model", "silent speech recognizer"),
])
def test_title_grammar_beyond_the_samples(title: str, task: str) -> None:
    assert _task(title) == task


@pytest.mark.parametrize(("title", "task"), [
    # `X based on Y` keeps X: only `X-based Y` drops the method's adjective
    ("A survey on the method of image segmentation based on deep learning", "image segmentation"),
])
def test_subtitles_and_participles(title: str, task: str) -> None:
    assert _task(title) == task


def test_long_phrases_end_before_a_preposition_not_mid_noun_phrase() -> None:
    task = _task("Beyond Size: How Gradients Shape Pruning Decisions in Large Language Models and Vision Transformers")
    assert task is not None and not task.endswith(("Large", "Large Language"))
