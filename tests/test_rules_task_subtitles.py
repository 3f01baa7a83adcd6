"""Which part of a two-part title names the problem, when the second part is the paper's material rather than its
topic: a list of the parts (`: A, B, and C`), what is done to the head's problem (`: comparing X and Y`), a genre
noun with its setting (`An Intercomparison for X over Y`); and a number's comma never splits off a chunk
(`37,000 Volunteers`). Real titles and abstract sentences (eval/labeled.jsonl, dev)."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.task import _title_chunks
from summarizer.extract.rules.task_title import title_core
from tests.task_helpers import task_of

_GALAXIES = ("Classifying the morphologies of galaxies is an important step in understanding their physical "
             "properties and evolutionary histories. The advent of large-scale surveys has hastened the need to "
             "develop techniques for automated morphological classification.")
_DOWNSCALING = ("Deep Learning (DL) has shown promise for downscaling global climate change projections under "
                "different approaches, including Perfect Prognosis (PP) and Regional Climate Model (RCM) emulation.")
_TYPING = ("This paper presents a large-scale dataset on mobile text entry collected via a web-based transcription "
           "task performed by 37,370 volunteers. The average typing speed was 36.2 WPM with 2.3% uncorrected errors. "
           "The scale of the data enables powerful statistical analyses on the correlation between typing "
           "performance and various factors, such as demographics, finger usage, and use of intelligent text entry "
           "techniques.")
_OPTIMIZER = ("Query optimizer is at the heart of the database systems. Cost-based optimizer studied in this paper "
              "is adopted in almost all current database systems.")


@pytest.mark.parametrize(("title", "head"), [
    ("Morphological classification of galaxies with deep learning: comparing 3-way and 4-way CNNs",
     "Morphological classification of galaxies with deep learning"),
    ("A Survey on Advancing the DBMS Query Optimizer: Cardinality Estimation, Cost Model, and Plan Enumeration",
     "A Survey on Advancing the DBMS Query Optimizer"),
])
def test_a_subtitle_of_material_leaves_the_head(title: str, head: str) -> None:
    assert title_core(title, None) == (0, head)


@pytest.mark.parametrize(("title", "abstract", "task"), [
    ("Morphological classification of galaxies with deep learning: comparing 3-way and 4-way CNNs", _GALAXIES,
     "morphological classification of galaxies"),
    ("A Survey on Advancing the DBMS Query Optimizer: Cardinality Estimation, Cost Model, and Plan Enumeration",
     _OPTIMIZER, "DBMS query optimizer"),
    # a question head with a genre subtitle: the question's `for` names the problem
    ("Are Deep Learning Methods Suitable for Downscaling Global Climate Projections? An Intercomparison for "
     "Temperature and Precipitation over Spain", _DOWNSCALING, "downscaling global climate projections"),
])
def test_task_of_titles_with_material_subtitles(title: str, abstract: str, task: str) -> None:
    assert task_of(title, abstract) == task


def test_a_number_is_no_noun_chunk() -> None:
    title = "How do People Type on Mobile Devices? Observations from a Study with 37,000 Volunteers"
    assert all(not hit.value[0].isdigit() for hit in _title_chunks(title))
    task = task_of(title, _TYPING)
    assert task is not None and ("typing" in task or "text entry" in task)  # the abstract's topic, not a count
