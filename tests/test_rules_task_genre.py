"""Task rules from the batch-19 diagnosis that carry over to dev papers they were not written on: a genre noun
however it is qualified (`A Quantitative Study of`, `An Experimental Comparison of`) leaves its complement as the
topic, and a method modifier written with a space (`Deep Neural Network Based`) goes like its hyphenated form.
Real titles and abstract sentences (eval/labeled.jsonl, dev)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.task_trim import trim
from tests.task_helpers import task_of

_TOUCH = ("Touch input has been extensively studied. The influence of display orientation on users' performance "
          "and satisfaction, however, is not well understood. In an experiment, we manipulate the orientation of "
          "multi-touch surfaces to study how 16 participants tap and drag.")
_MALWARE = ("Over the last decade, there has been a significant increase in the number and sophistication of "
            "malware-related attacks and infections. Many detection techniques have been proposed to mitigate the "
            "malware threat.")
_JETS = ("Recent literature on deep neural networks for tagging of highly energetic jets resulting from top quark "
         "decays has focused on image based techniques or multivariate approaches using high-level jet substructure "
         "variables.")
_MOTIVATION = ("Developing motivational technology to support long-term behavior change is a challenge. A solution "
               "is to incorporate insights from behavior change theory and design technology to tailor to individual "
               "users.")


@pytest.mark.parametrize(("title", "abstract", "task"), [
    # a qualified genre noun: the kind of paper, not its topic
    ("An Experimental Comparison of Touch Interaction on Vertical and Horizontal Surfaces", _TOUCH,
     "touch interaction on vertical and horizontal surfaces"),
    ("A Quantitative Study of Accuracy in System Call-Based Malware Detection", _MALWARE,
     "system call-based Malware detection"),
    # `X Based` written with a space is the same method modifier as `X-Based`
    ("Jet Constituents for Deep Neural Network Based Top Quark Tagging", _JETS, "top quark tagging"),
    # ... but `Based on` is where the means start: the phrase before it stays
    ("Crowd-Designed Motivation: Motivational Messages for Exercise Adherence Based on Behavior Change Theory",
     _MOTIVATION, "motivational messages for exercise adherence"),
])
def test_genre_nouns_and_spaced_modifiers(title: str, abstract: str, task: str) -> None:
    assert task_of(title, abstract) == task


@pytest.mark.parametrize(("text", "kept"), [
    ("Deep Neural Network Based Top Quark Tagging", "Top Quark Tagging"),
    ("A Quantitative Study of Accuracy", "Accuracy"),
    ("An Experimental Comparison of Touch Interaction", "Touch Interaction"),
    # a modifier with only a head noun after it keeps its adjective (as `Dynamic Routing` does)
    ("Evidence Based Medicine", "Evidence Based Medicine"),
])
def test_trim_drops_genre_and_spaced_modifiers(text: str, kept: str) -> None:
    hit = trim(text, 0, "title")
    assert hit is not None and hit.value == kept
