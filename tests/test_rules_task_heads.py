"""Task phrases judged by their head noun: a problem is an activity or a field, never a quality of the result,
a quantity, an artifact's relation to another, the means after `using`, or one bare word (real dev titles)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task_abstract import problem_mentions
from summarizer.extract.rules.task_heads import (
    activity_word,
    dangling_adjective,
    head_words,
    names_a_quality,
    names_an_activity,
    names_an_artifact,
    studies_objects,
)
from tests.task_helpers import task_of


@pytest.mark.parametrize(("phrase", "heads"), [
    ("AlexNet-level accuracy", ["accuracy"]),
    ("Speed and Accuracy of Object Detection", ["speed", "accuracy"]),
    ("reducing streaming ASR model delay", ["reducing"]),
    ("distilled version of BERT", ["version"]),
])
def test_head_words(phrase: str, heads: list[str]) -> None:
    assert head_words(phrase) == heads


@pytest.mark.parametrize(("phrase", "quality"), [
    ("AlexNet-level accuracy", True),
    ("Incremental Improvement", True),
    ("Extremely Low FLOPs", True),
    ("50x fewer parameters", True),
    ("Speed and Accuracy of Object Detection", True),
    ("object detection", False),
    ("robustness of dynamic mechanisms in neural networks", False),  # a phenomenon an analysis studies
    ("reducing streaming ASR model delay", False),
])
def test_names_a_quality(phrase: str, quality: bool) -> None:
    assert names_a_quality(phrase) is quality


def test_names_an_artifact() -> None:
    assert names_an_artifact("distilled version of BERT")
    assert not names_an_artifact("knowledge distillation of BERT")


@pytest.mark.parametrize(("phrase", "dangling"), [
    ("smaller", True), ("cheaper and lighter", True), ("interference induced", True), ("raw audio", False),
    ("image recognition", False), ("distribution shift", False),
])
def test_dangling_adjective(phrase: str, dangling: bool) -> None:
    assert dangling_adjective(phrase) is dangling


def test_activity_word() -> None:
    assert all(activity_word(w) for w in ("planning", "detection", "management", "analysis", "inference"))
    assert not any(activity_word(w) for w in ("network", "model", "roadmaps", "string"))


@pytest.mark.parametrize(("title", "abstract", "method", "task"), [
    # a quality of the result in the title is skipped; a quality *of* a task gives the task
    ("YOLOv4: Optimal Speed and Accuracy of Object Detection",
     "There are a huge number of features which are said to improve Convolutional Neural Network (CNN) accuracy.",
     "YOLOv4", "object detection"),
    ("MicroNet: Improving Image Recognition with Extremely Low FLOPs",
     "This paper aims at addressing the problem of substantial performance degradation at extremely low "
     "computational cost (e.g. 5M FLOPs on ImageNet classification). We found that two factors, sparse "
     "connectivity and dynamic activation function, are effective to improve the accuracy.",
     "MicroNet", "image recognition"),
    # `finding the optimal design` is made of words any paper uses: the title's problem wins
    ("CARMI: A Cache-Aware Learned Index with a Cost-based Construction Algorithm",
     "Learned indexes, which use machine learning models to replace traditional index structures, have shown "
     "promising results in recent studies. We formulate the problem of finding the optimal design of a learned "
     "index as an optimization problem.", "CARMI", "learned index"),
    # the title chunk after `using` is the means; the abstract names the unnamed contribution's purpose
    ("Robotic Navigation Using Harmonic Function-based Probabilistic Roadmaps",
     "This paper presents a new hybrid motion planning technique based on Harmonic Functions (HF) and "
     "Probabilistic Roadmaps (PRM). The proposed Harmonic Function-based Probabilistic Roadmap (HFPRM) method "
     "comprises three phases.", "HFPRM", "hybrid motion planning"),
    ("Conversational Analysis using Utterance-level Attention-based Bidirectional Recurrent Neural Networks",
     "Recent approaches for dialogue act recognition have shown that context from preceding utterances is "
     "important to classify the subsequent one. We propose an utterance-level attention-based bidirectional "
     "recurrent neural network (Utt-Att-BiRNN) model to analyze the importance of preceding utterances.",
     "Utt-Att-BiRNN", "conversational analysis"),
    # one bare word from a question title widens to the noun phrase the abstract writes it in
    ("Does Management Matter? Evidence from India",
     "A long-standing question is whether differences in management practices across firms can explain "
     "differences in productivity. To investigate this, we ran a management field experiment on large Indian "
     "textile firms. We provided free consulting on management practices to randomly chosen treatment plants.",
     None, "management practices"),
])
def test_problem_heads_on_real_titles(title: str, abstract: str, method: str | None, task: str) -> None:
    assert task_of(title, abstract, method) == task


def test_unnamed_contribution_needs_an_activity_before_its_head() -> None:
    """`a new hybrid motion planning technique` names a purpose; `an ... neural network model` its make-up."""
    planning = split_sentences("This paper presents a new hybrid motion planning technique based on HF.")
    network = split_sentences("We propose an utterance-level attention-based bidirectional recurrent neural "
                              "network model to analyze the importance of preceding utterances.")
    assert [h.value for h in problem_mentions(planning)] == ["hybrid motion planning"]
    assert problem_mentions(network) == []


def test_a_passive_agent_is_not_the_means() -> None:
    """`Imposed by Self-Distillation`: the agent of a passive is what the paper studies, not how it solves it."""
    title = ("Even your Teacher Needs Guidance: Ground-Truth Targets Dampen Regularization Imposed by "
             "Self-Distillation")
    abstract = ("Knowledge distillation is classically a procedure where a neural network is trained on the output "
                "of another network along with the original targets in order to transfer knowledge between the "
                "architectures. The special case of self-distillation, where the network architectures are "
                "identical, has been observed to improve generalization accuracy. In this paper, we consider an "
                "iterative variant of self-distillation in a kernel regression setting.")
    assert task_of(title, abstract) == "self-distillation"


def test_one_word_widens_only_to_a_two_word_chunk() -> None:
    """`useful characterization of multicalibration` holds the word but runs into praise: the word stays."""
    abstract = ("We study the connection between multicalibration and boosting for squared error regression. First "
                "we prove a useful characterization of multicalibration in terms of a ``swap regret'' like condition "
                "on squared error. Using this characterization, we give an exceedingly simple algorithm that can be "
                "analyzed both as a boosting algorithm for regression and as a multicalibration algorithm.")
    assert task_of("Multicalibration as Boosting for Regression", abstract) == "multicalibration"


@pytest.mark.parametrize(("activity", "target", "studied_on"), [
    ("Comparing Speech and Keyboard Text Entry", "Short Messages in Two Languages on Touchscreen Phones", True),
    ("A Generative Model", "Raw Audio", False),  # a method head before `for`
    ("An Efficient Parallel Solver", "SDD Linear Systems", False),  # an agent noun is a method's name
    ("Iterative Refinement", "Machine Translation", False),  # an activity after `for` is the problem
    ("Model Scaling", "Convolutional Neural Networks", False),  # a model class is what the method is for
    ("Matrix Estimation", "Individual Fairness", False),  # `fairness` is no plural of things
])
def test_studies_objects(activity: str, target: str, studied_on: bool) -> None:
    assert studies_objects(activity, target) is studied_on


def test_activity_on_objects_gives_the_activity() -> None:
    title = "Comparing Speech and Keyboard Text Entry for Short Messages in Two Languages on Touchscreen Phones"
    abstract = ("With the ubiquity of mobile touchscreen devices like smartphones, two widely used text entry methods "
                "have emerged: small touch-based keyboards and speech recognition.")
    assert task_of(title, abstract) == "comparing speech and keyboard text entry"


def test_an_activity_headed_title_phrase_outranks_the_abstracts_framing() -> None:
    """`Music Source Separation` (before `in the Waveform Domain`) over `the task of isolating contributions`."""
    abstract = ("Source separation for music is the task of isolating contributions, or stems, from different "
                "instruments recorded individually and arranged together to form a song. Such components include "
                "voice, bass, drums and any other accompaniments.")
    assert task_of("Music Source Separation in the Waveform Domain", abstract) == "music source separation"
    assert names_an_activity("Music Source Separation")
    assert not names_an_activity("Incorporating LLM Priors")  # a leading gerund says what the method does


def test_a_coordination_after_by_is_all_means() -> None:
    """`by Representing and Predicting Spans`: both conjuncts are how SpanBERT improves pre-training; nor is an
    abstract chunk that runs into a relative clause (`pre-training method that`) a task."""
    abstract = ('We present SpanBERT, a pre-training method that is designed to better represent and predict spans of'
                ' text. Our approach extends BERT by (1) masking contiguous random spans, rather than random tokens, '
                'and (2) training the span boundary representations to predict the entire content of the masked span,'
                ' without relying on the individual token representations within it. SpanBERT consistently outperform'
                's BERT and our better-tuned baselines, with substantial gains on span selection tasks such as questi'
                'on answering and coreference resolution. In particular, with the same training data and model size a'
                's BERT-large, our single model obtains 94.6% and 88.7% F1 on SQuAD 1.1 and 2.0, respectively. We als'
                'o achieve a new state of the art on the OntoNotes coreference resolution task (79.6% F1), strong per'
                'formance on the TACRED relation extraction benchmark, and even show gains on GLUE.')
    task = task_of("SpanBERT: Improving Pre-training by Representing and Predicting Spans", abstract, "SpanBERT")
    assert task not in ("predicting spans", "pre-training method that")


@pytest.mark.parametrize(("activity", "target"), [("Deep Extractor", "Music Sources")])
def test_an_agent_noun_is_a_method_head(activity: str, target: str) -> None:
    """`Demucs: Deep Extractor for Music Sources`: the extractor is the method, the sources what it is for."""
    assert not studies_objects(activity, target)
