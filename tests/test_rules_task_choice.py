"""The checks that decide whether a phrase can be a task, and the abstract's problem statements."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task_abstract import problem_mentions, problem_statements
from summarizer.extract.rules.task_case import lowercased
from summarizer.extract.rules.task_choice import abstract_counts, choose, reads_as_problem, spells_out, supported


@pytest.mark.parametrize("phrase", [
    "How Gradients Shape Pruning Decisions",  # a wh-clause
    "Lottery Jackpots Exist",  # a finite verb: a claim
    "Deep Learning", "Large Language Models", "pretrained LLMs",  # a whole field
    "randomized-controlled trial", "A Case Study",  # a study design
    "updating their internal parametric knowledge",  # a pronoun: a clause about something said before
    "Beyond Size", "From Reward Modeling to Online RLHF",  # where the paper goes, not what it studies
    "Theory and Practice", "effective learning",  # words any paper uses
])
def test_phrases_no_researcher_would_file_a_paper_under(phrase: str) -> None:
    assert not reads_as_problem(phrase, None)


@pytest.mark.parametrize("phrase", ["Dataset Distillation", "pruning large language models", "Anomaly Detection",
                                    "Randomized Clinical Trials", "Time Fairness", "test anxiety"])
def test_problem_phrases_pass(phrase: str) -> None:
    assert reads_as_problem(phrase, None)


def test_the_method_name_is_never_the_task() -> None:
    assert not reads_as_problem("ShuffleNet architecture", "ShuffleNet")


@pytest.mark.parametrize(("name", "phrase", "spelled"), [
    ("OLoRA", "Orthonormal Low-Rank Adaptation of Large Language Models", True),
    ("RoTTA", "Robust Test-Time Adaptation", True),
    ("EQ-Net", "Elastic Quantization Neural Networks", True),
    ("LISA", "Memory-Efficient Large Language Model Fine-Tuning", False),
    ("ARM", "Multivariate Forecasting", False),
    ("AI", "Artificial Intelligence", False),  # two capitals are too few to tell
])
def test_spells_out_the_method_name(name: str, phrase: str, spelled: bool) -> None:
    assert spells_out(name, phrase) is spelled


def test_a_slogan_made_of_words_the_abstract_never_writes_is_unsupported() -> None:
    counts = abstract_counts("Dataset distillation or condensation aims to condense a large-scale training dataset "
                             "into a much smaller synthetic one.")
    assert supported("Dataset Distillation", counts)
    assert not supported("Heavy Bananas Out", counts)


def _hits(*values: str) -> list[Hit]:
    return [Hit(v, 0, len(v), "title") for v in values]


def test_choose_takes_the_first_acceptable_multiword_phrase_in_order() -> None:
    counts = abstract_counts("Network pruning is an effective approach to reduce network complexity.")
    assert choose(_hits("Lottery Jackpots Exist", "Pruning", "Network pruning"), counts, None).value == \
        "Network pruning"
    # only one-word phrases pass: the first of them
    assert choose(_hits("Lottery Jackpots Exist", "Pruning"), counts, None).value == "Pruning"
    assert choose(_hits("How Gradients Shape"), counts, None) is None


def test_choose_stops_at_the_first_good_phrase_so_later_tiers_cost_nothing() -> None:
    def tiers():  # a later tier that raises proves it is never built
        yield from _hits("Network pruning")
        raise AssertionError("later tier built")
    counts = abstract_counts("Network pruning is an effective approach.")
    assert choose(tiers(), counts, None).value == "Network pruning"


@pytest.mark.parametrize(("abstract", "phrase"), [
    # theory: `we revisit the problem of X`; economics-style `we study X`
    ("In this paper, we revisit the problem of sparse linear regression in the local differential privacy (LDP) "
     "model.", "sparse linear regression"),
    ("We study the sample complexity of learning ReLU networks under Gaussian marginals.",
     "sample complexity of learning ReLU networks"),
])
def test_problem_statements(abstract: str, phrase: str) -> None:
    hits = problem_statements(split_sentences(abstract))
    assert hits and hits[0].value == phrase
    assert abstract[hits[0].start:hits[0].end] == phrase


@pytest.mark.parametrize(("abstract", "phrase"), [
    ("The online knapsack problem is a classic problem in the field of online algorithms.",
     "online knapsack problem"),
    ("In this paper, we introduce a novel approach for learning structured sparse neural networks, aimed at "
     "bridging the DNN hardware deployment challenges.", "learning structured sparse neural networks"),
    # a finite verb or an adverb ends the phrase
    ("Existing methods for computing Lipschitz constants either produce relatively loose upper bounds.",
     "computing Lipschitz constants"),
])
def test_problem_mentions(abstract: str, phrase: str) -> None:
    hits = problem_mentions(split_sentences(abstract))
    assert hits and hits[0].value == phrase
    assert abstract[hits[0].start:hits[0].end] == phrase


def test_an_area_a_count_or_a_pronoun_is_not_a_problem_statement() -> None:
    abstract = ("The online knapsack problem is a classic problem in the field of online algorithms. We address "
                "four language pairs. We study their behaviour.")
    assert all(h.value not in {"online algorithms", "four language pairs", "their behaviour"}
               for h in problem_statements(split_sentences(abstract)))


@pytest.mark.parametrize(("phrase", "written"), [
    ("Parameter-Efficient Fine-Tuning of Large Pre-Trained Models",
     "parameter-efficient fine-tuning of large pre-trained models"),
    ("Generalization of SFT", "generalization of SFT"),  # acronyms keep their case
    ("Online Platt Scaling", "online Platt scaling"),  # a name the lexicon does not know
    ("Markov Decision Processes", "Markov decision processes"),
    ("Bayesian Optimization", "Bayesian optimization"),  # an adjective made from a name
    ("Bilevel Optimization", "bilevel optimization"),  # jargon: a prefix and a known word
    ("Low-Resource Indo-European Languages", "low-resource Indo-European languages"),
    ("Network pruning", "network pruning"),  # an abstract phrase that opened its sentence
    ("speech recognition for Hinglish voice search", "speech recognition for Hinglish voice search"),
])
def test_the_task_is_written_in_lower_case_save_acronyms_and_names(phrase: str, written: str) -> None:
    hit = lowercased(Hit(phrase, 10, 10 + len(phrase), "title"))
    assert hit.value == written
    assert (hit.start, hit.end) == (10, 10 + len(phrase))
    assert hit.alignment == ("exact" if written == phrase else "normalised")
