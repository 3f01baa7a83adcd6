"""Themes for an archive: fitted on a fixed sample of the papers, every other paper placed chunk by chunk.

Clustering and naming hold the TF-IDF rows of every paper they see, and copies of them: ~4.5 KB per paper,
2.6 GB at 500,000 papers. Past FIT_CAP papers, themes are found on a fixed random sample of FIT_CAP of them
(the same input gives the same sample), exactly as for a run of that size; the other papers are then read
CHUNK at a time, put in the sample's TF-IDF space and placed by the rules that built the themes (gate.py):

1. the nearest theme (its gate's centroid) takes the paper when its gate would have kept it in the fit:
   the paper names the topic where it states its own, or mentions it and sits about as close as the
   theme's papers, or sits closer than half of them;
2. else the closest theme whose name the paper writes and whose papers it sits as close to as most of
   them do (`rescue`);
3. else the first leftover theme (`_Naming.leftovers`) whose name is in its title or task;
4. else Other, as are papers placed in a theme the fit dropped.

Only a theme number per paper stays. Names, key terms and figures (coherence, lift, support) are the
sample's; sizes count every paper. A topic too rare to put MIN_THEME_SIZE papers in the sample (fewer
than about 3 in FIT_CAP of the archive) forms no theme: its papers go to Other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.themes.auto import MIN_PAPERS, Fit, auto_themes, fit_themes
from summarizer.themes.cluster import threads
from summarizer.themes.gate import mentions, titled, writes
from summarizer.themes.model import ThemeAssignment, ThemeDoc, finalise_ids
from summarizer.themes.text import sample_indices, texts

FIT_CAP = 25_000  # papers the themes are fitted on; a run up to this size is themed whole
CHUNK = 5_000  # papers placed at a time
SAMPLE_SEED = 5


def automatic_themes(cards: Sequence[ThemeDoc], cap: int | None = None) -> ThemeAssignment:
    """`auto_themes` up to `cap` papers (FIT_CAP); past it, fitted on a sample and the rest placed."""
    cap = FIT_CAP if cap is None else cap
    if len(cards) <= max(cap, MIN_PAPERS):
        return auto_themes(cards)
    with threads(len(cards)):
        return _sampled(cards, cap)


def _sampled(cards: Sequence[ThemeDoc], cap: int) -> ThemeAssignment:
    sample = sample_indices(len(cards), cap, seed=SAMPLE_SEED)
    fit = fit_themes([cards[i] for i in sample.tolist()])
    numbers = np.full(len(cards), -1, dtype=np.int32)  # theme number per paper
    numbers[sample] = fit.labels
    unseen = np.ones(len(cards), dtype=bool)
    unseen[sample] = False
    ids: list[str] = []
    for start in range(0, len(cards), CHUNK):
        chunk = cards[start:start + CHUNK]  # a DocSpool reads a slice in one sequential pass
        ids.extend(doc.id for doc in chunk)
        rows = np.flatnonzero(unseen[start:start + len(chunk)])
        if len(rows):
            numbers[start + rows] = place(fit, [chunk[i] for i in rows.tolist()])
    return finalise_ids(ids, fit.names(numbers.tolist()), fit.kept)


def place(fit: Fit, docs: Sequence[ThemeDoc]) -> np.ndarray:
    """The theme number (-1: none) of each paper the fit did not see (steps 1-4 above)."""
    out = np.full(len(docs), -1, dtype=np.int32)
    if not fit.gates or not docs:
        return out
    clustered = np.array([g.strangers for g in fit.gates])
    leftover = np.flatnonzero(~clustered).tolist()
    sims = (fit.vectorizer.transform(texts(docs)) @ sp.vstack([g.centroid for g in fit.gates]).T).toarray()
    nearest = np.where(clustered, sims, -np.inf).argmax(axis=1)
    reach = clustered & (sims >= np.array([g.rescue_line for g in fit.gates]))  # who may rescue each paper
    for row, doc in enumerate(docs):
        t = int(nearest[row])
        if clustered[t] and fit.gates[t].admits(mentions(doc, fit.gates[t].parts), float(sims[row, t])):
            out[row] = t
            continue
        near = np.flatnonzero(reach[row])
        ranked = near[np.argsort(-sims[row, near], kind="stable")].tolist()
        found = next((u for u in ranked if writes(doc, fit.gates[u].parts)), None)
        out[row] = found if found is not None else next((u for u in leftover if titled(doc, fit.gates[u].parts)), -1)
    return out
