"""Task on whole papers (title + the abstract's opening): the title's slogan or the method's own name loses to
the problem the abstract keeps writing about. Real titles and sentences from the sample pages and other venues."""

from __future__ import annotations

import pytest

from tests.task_helpers import task_of

_task = task_of


@pytest.mark.parametrize(("title", "abstract", "method", "task"), [
    # a slogan head ending in `!` or `?`: the subtitle names the topic
    ("Heavy Labels Out! Dataset Distillation with Label Space Lightening",
     "Dataset distillation or condensation aims to condense a large-scale training dataset into a much smaller "
     "synthetic one such that the training performance of distilled and original sets on neural networks are "
     "similar.", "HeLlO", "dataset distillation"),
    # `A ... Perspective with ...` says how the paper looks at it; the head names what it looks at
    ("On the Generalization of SFT: A Reinforcement Learning Perspective with Reward Rectification",
     "We present a simple yet theoretically motivated improvement to Supervised Fine-Tuning (SFT) for the Large "
     "Language Model (LLM), addressing its limited generalization compared to reinforcement learning (RL).", "DFT",
     "generalization of SFT"),
    # `A New Algorithm and Convergence Analysis` is generic; `Bilevel Optimization` is the problem
    ("Bilevel Optimization under Unbounded Smoothness: A New Algorithm and Convergence Analysis",
     "Bilevel optimization is an important formulation for many machine learning problems. Current bilevel "
     "optimization algorithms assume that the gradient of the upper-level function is Lipschitz.", None,
     "bilevel optimization"),
])
def test_slogans_and_generic_subtitles_lose_to_the_topic(title: str, abstract: str, method: str | None,
                                                         task: str) -> None:
    assert _task(title, abstract, method) == task


def test_a_clause_title_falls_back_to_what_the_abstract_calls_the_problem() -> None:
    # `Lottery Jackpots Exist` has a finite verb: a claim, not a noun phrase
    title = "Lottery Jackpots Exist in Pre-trained Models"
    abstract = ("Network pruning is an effective approach to reduce network complexity with acceptable performance "
                "compromise. Existing studies achieve the sparsity of neural networks via time-consuming weight "
                "training, which greatly limits the applications of network pruning.")
    assert _task(title, abstract) == "network pruning"


def test_a_wh_clause_subtitle_is_never_the_task() -> None:
    title = "Beyond Size: How Gradients Shape Pruning Decisions in Large Language Models"
    abstract = ("Large Language Models (LLMs) with a billion or more parameters are prime targets for network "
                "pruning, which aims to reduce a portion of the network weights without compromising performance.")
    task = _task(title, abstract)
    assert task is not None and "How" not in task and "Beyond" not in task and "pruning" in task.lower()


@pytest.mark.parametrize(("title", "abstract", "method", "task"), [
    # the expanded name opens with the method's adjective: the rest is the problem (vision, NLP)
    ("Robust Test-Time Adaptation in Dynamic Scenarios",
     "Test-time adaptation (TTA) intends to adapt the pretrained model to test distributions with only unlabeled "
     "test data streams.", "RoTTA", "test-time adaptation"),
    ("DoRA: Weight-Decomposed Low-Rank Adaptation",
     "Among the widely used parameter-efficient finetuning (PEFT) methods, LoRA and its variants have gained "
     "considerable popularity because of avoiding additional inference costs. Aiming to resemble the learning "
     "capacity of FT from the findings, we propose Weight-Decomposed LowRank Adaptation (DoRA).", "DoRA",
     "low-rank adaptation"),
])
def test_the_method_name_spelled_out_is_not_the_task(title: str, abstract: str, method: str, task: str) -> None:
    assert _task(title, abstract, method) == task


def test_an_area_is_not_the_problem_but_a_classic_problem_is() -> None:
    # `the field of online algorithms` is where the problem lives; the title cut names the paper's problem
    title = "Time Fairness in Online Knapsack Problems"
    abstract = ("The online knapsack problem is a classic problem in the field of online algorithms. Its canonical "
                "version asks how to pack items of different values and weights arriving online. We formalize a "
                "practically-relevant notion of time fairness which effectively models a trade off between static "
                "and dynamic pricing.")
    assert _task(title, abstract) == "time fairness"


def test_a_platform_after_for_is_not_the_problem() -> None:
    # vision: `for Mobile Devices` says where it runs; the network design is the problem
    title = "ShuffleNet: An Extremely Efficient Convolutional Neural Network for Mobile Devices"
    abstract = ("We introduce an extremely computation-efficient CNN architecture named ShuffleNet, which is "
                "designed specially for mobile devices with very limited computing power.")
    task = _task(title, abstract, "ShuffleNet")
    assert task is not None and "convolutional neural network" in task


def test_a_trial_subtitle_leaves_the_outcome_in_the_claim() -> None:
    # medicine: `A randomized-controlled trial` is the design; the claim's object is the problem
    title = ("Open-label placebos reduce test anxiety and improve self-management skills: "
             "A randomized-controlled trial")
    abstract = ("Open-label placebos (OLPs) have been shown to be effective in reducing test anxiety. "
                "We examined whether OLPs reduce test anxiety in students before exams.")
    assert _task(title, abstract) == "test anxiety"


def test_without_an_abstract_the_title_grammar_decides() -> None:
    assert _task("Flexible Model Aggregation for Quantile Regression", "") == "quantile regression"
