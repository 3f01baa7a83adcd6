"""Themes several clusterings agree on: what keeps a day's themes when a few of its papers change.

On a day of 500 papers k-means finds no sharp clusters (silhouette ~0.13): two seeds on the same input
agree on the partition at an adjusted Rand index of ~0.4, and a change of 5 task phrases reshuffles it
as much. Every theme downstream (names, gates, `Other`) inherited that coin toss. So the day is clustered
several times (k around the target, one seed each), each run named and gated as before, and the runs
vote: a theme stands when at least MIN_VOTES of the runs form it (by its head phrase), and a paper joins
the standing theme that most runs put it in (MIN_PAPER_VOTES: one run that gated it in is enough). A topic one
clustering happened to split off is not a theme, and a paper one clustering happened to leave in
`Other` is not lost. Work is linear in papers x runs.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from summarizer.themes.gate import Gate
from summarizer.themes.model import Theme
from summarizer.themes.name import clash

MIN_VOTE_SHARE = 0.5  # a theme stands when more than half the runs form it
MIN_PAPER_VOTES = 1  # a paper joins the standing theme most runs put it in, when one run at least does


@dataclass
class Run:
    """One clustering's outcome: each paper's theme number (-1: Other) into its themes and gates."""

    labels: np.ndarray
    themes: list[Theme]
    gates: list[Gate]

    def key(self, number: int) -> str:
        """A theme's identity across runs: its head phrase (spelling and a second "for" phrase aside)."""
        return self.themes[number].phrases[0]


def min_votes(runs: int) -> int:
    return math.floor(runs * MIN_VOTE_SHARE) + 1


def standing(runs: list[Run]) -> list[tuple[str, list[tuple[int, int]]]]:
    """(key, the (run, theme number) pairs that formed it under its usual name) of the themes enough runs
    form, most voted and largest first; a key that names another standing theme's topic (`clash`) is
    dropped: one topic, one theme."""
    votes: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    forms: dict[str, list[tuple[int, int]]] = {}
    for r, run in enumerate(runs):
        counts = np.bincount(run.labels[run.labels >= 0], minlength=len(run.themes))
        seen: set[str] = set()
        for number in np.flatnonzero(counts).tolist():
            key = run.key(number)
            if key in seen:
                continue  # a run's two clusters of one name ("X", "X'") vote once
            seen.add(key)
            votes[key] += 1
            sizes[key] += int(counts[number])
            forms.setdefault(key, []).append((r, number))
    out: list[tuple[str, list[tuple[int, int]]]] = []
    parts: list[str] = []
    for key in sorted(votes, key=lambda k: (-votes[k], -sizes[k], k)):
        usual = _usual(runs, forms[key])
        r, number = usual[0]
        if votes[key] < min_votes(len(runs)) or any(clash(p, q) for p in runs[r].themes[number].phrases
                                                   for q in parts):
            continue
        out.append((key, usual))
        parts.extend(runs[r].themes[number].phrases)
    return out


def _usual(runs: list[Run], forms: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of a topic's themes in the runs that formed it, those under the name most of them give it (ties: the
    first in alphabetical order): "Class-incremental learning" or "Class incremental learning" is the runs'
    majority spelling, not whichever the first run happened to write."""
    names = Counter(runs[r].themes[t].name.rstrip("'") for r, t in forms)
    usual = min(names, key=lambda name: (-names[name], name))
    return [(r, t) for r, t in forms if runs[r].themes[t].name.rstrip("'") == usual]


def _closest(runs: list[Run], forms: list[tuple[int, int]], members: np.ndarray) -> tuple[int, int]:
    """The run's theme whose papers are most like the voted theme's (Jaccard; ties: the first run): its gate
    places unseen papers (archive.py), so it should be the gate of these papers, not of one run's."""
    def jaccard(form: tuple[int, int]) -> float:
        theirs = runs[form[0]].labels == form[1]
        return float((theirs & members).sum()) / max(int((theirs | members).sum()), 1)
    return max(forms, key=jaccard)


def vote(runs: list[Run]) -> tuple[np.ndarray, list[Theme], list[Gate]]:
    """Each paper's theme number (-1: Other) into the standing themes, and their themes and gates (of the run
    whose theme under the usual name is closest to the voted one)."""
    if len(runs) == 1:
        return runs[0].labels, runs[0].themes, runs[0].gates
    kept = standing(runs)
    column = {key: c for c, (key, _) in enumerate(kept)}
    n = len(runs[0].labels)
    tally = np.zeros((n, len(kept) + 1), dtype=np.int32)  # last column: Other or a theme that did not stand
    for run in runs:
        keys = np.array([column.get(run.key(t), len(kept)) for t in range(len(run.themes))] + [len(kept)])
        tally[np.arange(n), keys[run.labels]] += 1  # label -1 reads the last entry
    named = tally[:, :-1]
    best = named.argmax(axis=1) if len(kept) else np.zeros(n, dtype=int)  # ties: the most voted theme
    labels = np.where(named.max(axis=1, initial=0) >= MIN_PAPER_VOTES, best, -1)
    themes: list[Theme] = []
    gates: list[Gate] = []
    for c, (_, forms) in enumerate(kept):  # one theme per key: a run's "X'" (its second cluster of that name) is "X"
        r, t = _closest(runs, forms, labels == c)
        name = runs[r].themes[t].name.rstrip("'")
        while name in {theme.name for theme in themes}:
            name += "'"
        themes.append(dataclasses.replace(runs[r].themes[t], name=name, phrases=list(runs[r].themes[t].phrases)))
        gates.append(runs[r].gates[t])
    return labels, themes, gates
