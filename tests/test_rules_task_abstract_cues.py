"""How abstracts state their problem in their own words: real sentences from labeled and outside abstracts."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task_abstract import problem_statements


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
