"""The §11 double-labeling draw: deterministic, held-out papers with gains only, disjoint from the v2 draw.

`eval/draw_double_s11.py` decides which papers a second labeler relabels blind; if it read more gold than
"are there gains", or overlapped the papers already labeled twice, the agreement it feeds would be biased.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType

from summarizer.evaluation.labels import load_labeled

EVAL = Path(__file__).resolve().parents[1] / "eval"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draw_double_s11", EVAL / "draw_double_s11.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records() -> list[dict]:
    return [json.loads(line) for line in (EVAL / "labeled.jsonl").read_text().splitlines() if line.strip()]


def _ids(name: str) -> list[str]:
    return [line.split("\t")[0] for line in (EVAL / name).read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def test_the_stored_ids_are_the_draw_of_the_labeled_set_whatever_the_record_order() -> None:
    draw = _module()
    records = _records()
    v2 = set(_ids("double_labeled_v2_ids.txt"))
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    first = [r["id"] for r in draw.draw(records, v2)]
    assert first == [r["id"] for r in draw.draw(shuffled, v2)] == _ids("double_labeled_s11_ids.txt")
    assert first == sorted(first, key=lambda i: hashlib.sha1(i.encode()).hexdigest())


def test_the_draw_is_heldout_with_gains_and_disjoint_from_the_v2_draw() -> None:
    draw = _module()
    v2 = set(_ids("double_labeled_v2_ids.txt"))
    chosen = draw.draw(_records(), v2)
    assert len(chosen) == 15 and not {r["id"] for r in chosen} & v2
    assert all(r["split"] == "heldout" and r["gold"]["gains"] for r in chosen)


def test_the_draw_reads_only_whether_gains_are_empty() -> None:
    draw = _module()
    records = _records()
    blanked = [{**r, "gold": {"gains": ["x"] if r["gold"].get("gains") else []}} for r in records]
    assert [r["id"] for r in draw.draw(blanked, set())] == [r["id"] for r in draw.draw(records, set())]
    emptied = [{**r, "gold": {"gains": []}} for r in records]
    assert draw.draw(emptied, set()) == []


def test_second_s11_labels_cover_the_drawn_papers_with_the_same_abstracts() -> None:
    ids = _ids("double_labeled_s11_ids.txt")
    second = {r.id: r for r in load_labeled(EVAL / "labeled_second_s11.jsonl")}
    first = {r.id: r for r in load_labeled(EVAL / "labeled.jsonl")}
    assert set(ids) == set(second)
    for i in ids:
        assert second[i].has_v2 and second[i].split == "heldout"
        assert (second[i].title, second[i].abstract) == (first[i].title, first[i].abstract)
        assert second[i].gold.gains == [g.value for g in second[i].gold.gain_records or []]
        assert all(v in second[i].abstract for v in second[i].gold.gains)
        assert second[i].gold.summary not in second[i].abstract
