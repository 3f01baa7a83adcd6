"""How abstracts state their problem in their own words: real sentences from labeled and outside abstracts."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task_abstract import problem_statements, research_topics
from tests.task_helpers import task_of


@pytest.mark.parametrize(("abstract", "phrase"), [
    # an abstract that opens on its problem capitalises the article: `The task of X has been ...`
    ("The task of building general agents that perform well over a wide range of tasks has been an important goal "
     "in reinforcement learning since its inception.", "building general agents"),
    ("The problem of minimizing the cost associated with collecting labeled observations has gained a lot of "
     "attention in recent years, particularly in real-world applications where data is only available in an "
     "unlabeled form.", "minimizing the cost associated with collecting labeled observations"),
])
def test_a_sentence_that_opens_on_the_problem_of_x_frames_x(abstract: str, phrase: str) -> None:
    hits = problem_statements(split_sentences(abstract))
    assert hits and hits[0].value == phrase
    assert abstract[hits[0].start:hits[0].end] == phrase


@pytest.mark.parametrize(("abstract", "phrase"), [
    ("Most previous studies on intertemporal labor supply found very small or insignificant substitution effects.",
     "intertemporal labor supply"),
    ("The literature on the employment effects of minimum wages is about a century old, and includes hundreds of "
     "studies.", "employment effects of minimum wages"),
    ("Several recent work on speech synthesis have employed generative adversarial networks (GANs) to produce raw "
     "waveforms.", "speech synthesis"),
])
def test_the_topic_of_earlier_research_is_a_research_topic(abstract: str, phrase: str) -> None:
    hits = research_topics(split_sentences(abstract))
    assert hits and hits[0].value == phrase
    assert abstract[hits[0].start:hits[0].end] == phrase


_WAGES = ("Most previous studies on intertemporal labor supply found very small or insignificant substitution "
          "effects. It is not clear, however, whether these results are due to institutional constraints on workers' "
          "labor supply choices or whether the behavioral assumptions of the standard life cycle model with time "
          "separable preferences are empirically invalid. We conducted a randomized field experiment in a setting in "
          "which workers were free to choose their working times and their efforts during working time.")


def test_a_title_that_names_only_a_single_word_takes_the_background_research_topic() -> None:
    title = "Do workers work more if wages are high? Evidence from a randomized field experiment"
    assert task_of(title, _WAGES) == "intertemporal labor supply"


def test_the_title_noun_phrase_outranks_the_background_research_topic() -> None:
    """`Prior work on object detection repurposes classifiers`: the background is weaker than the title's phrase."""
    abstract = ("We present YOLO, a new approach to object detection. Prior work on object detection repurposes "
                "classifiers to perform detection.")
    assert task_of("You Only Look Once: Unified, Real-Time Object Detection", abstract, "YOLO") == \
        "real-time object detection"
