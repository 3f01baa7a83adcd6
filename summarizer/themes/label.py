"""Name an automatic theme by 2-3 terms that set its papers apart from the rest of the day.

A label is read by a human scanning the table of contents, so it prefers
phrases ("gradient descent") over their words, skips words that describe any
ML paper (LABEL_GENERIC), never says the same thing twice (LLM / LLMs,
class / classification), and spells terms the way the abstracts do (LoRA, LLMs).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

LABEL_TERMS = 3
MIN_COVERAGE = 0.12  # a label term must occur in this share of the theme's papers
CANDIDATES = 60  # how far down the ranking a phrase may come from to absorb its words
BIGRAM_BOOST = 1.25  # a phrase names a topic better than either of its words

# fine as clustering features, too vague to name a theme by
_LABEL_GENERIC_WORDS = """
adaptive dynamic human local global language weights weight class label labels sample samples inference
evaluation accuracy optimal algorithm algorithms theory error errors loss function functions features feature
space information prediction predictions level multi real world tasks general generalization robust robustness
complex simple simplicity time scale scaling quality generation parameters process processing domain domains
distribution distributions structure structures system systems technique techniques strategy strategies
classes standard scenarios modeling target remains upper mean
machine computation computational dynamically adaptively effectiveness efficiency practical theoretical empirical
empirically
"""
LABEL_GENERIC = frozenset(_LABEL_GENERIC_WORDS.split())


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ification", "ation", "ations", "ing", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def same_topic(a: str, b: str) -> bool:
    """LLM ~ LLMs, class ~ classification, descent ~ gradient descent."""
    sa, sb = {_stem(w) for w in a.split()}, {_stem(w) for w in b.split()}
    if sa & sb:
        return True
    return any(x.startswith(y) or y.startswith(x) for x in sa for y in sb if min(len(x), len(y)) >= 3)


def _generic(term: str) -> bool:
    return all(word in LABEL_GENERIC for word in term.split())


def surface_form(term: str, docs: list[str], plural: bool = False) -> str | None:
    """The spelling the papers use most, None if they never write it (a bigram bridging a stop word).

    Capitals are kept only where they are not Title Case (LoRA, GPT-4; not Time Series).
    With `plural`, the last word may carry a plural ending (a singular key, LLM, matches LLMs).
    """
    spelled = r"[\s\-]+".join(re.escape(w) for w in term.split()) + ("(?:s|es)?" if plural else "")
    pattern = re.compile(rf"(?<![\w-]){spelled}(?![\w-])", re.IGNORECASE)
    forms = Counter(m.group(0) for doc in docs for m in pattern.finditer(doc))
    if not forms:
        return None
    form = forms.most_common(1)[0][0]
    parts = re.split(r"[\s\-]", form)
    coined = any(any(c.isupper() for c in w[1:]) for w in parts)
    return form if coined else form.lower()


def column_mean(matrix: csr_matrix) -> np.ndarray:
    """`matrix.mean(axis=0)` without its copy of the whole matrix (scipy scales every entry, then sums):
    a product with a column of 1/n gives the same float32 values bit for bit."""
    rows = matrix.shape[0]
    return np.asarray(matrix.T @ np.full(rows, 1.0 / max(rows, 1), dtype=matrix.dtype)).ravel()


def label_terms(members: csr_matrix, everyone: csr_matrix, vocab: np.ndarray, abstracts: list[str],
                taken: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Top distinctive terms of `members` (rows of the TF-IDF matrix) against `everyone`.

    Terms in `taken` (lower case) already name another theme and are skipped.
    """
    weights = column_mean(members) - column_mean(everyone)
    coverage = np.asarray((members > 0).mean(axis=0)).ravel()
    is_bigram = np.array([" " in str(t) for t in vocab])
    enough = max(MIN_COVERAGE, 2 / max(members.shape[0], 1))  # and in two papers at least: not one paper's quirk
    score = np.where(coverage >= enough - 1e-9, weights, 0.0) * np.where(is_bigram, BIGRAM_BOOST, 1.0)
    topics: list[str] = []  # one term per topic, best first; a phrase may later absorb its words
    strength: dict[str, float] = {}
    spelling: dict[str, str] = {}
    for index in np.argsort(-score, kind="stable")[:CANDIDATES]:
        term, value = str(vocab[index]), float(score[index])
        if value <= 0:
            break
        if term in taken or _generic(term):
            continue
        related = [t for t in topics if same_topic(term, t)]
        merge = (bool(related) and " " in term and all(" " not in t for t in related)
                 and value >= 0.5 * max(strength[t] for t in related))
        if (related and not merge) or (not related and len(topics) >= 2 * LABEL_TERMS):
            continue
        if (form := surface_form(term, abstracts)) is None:
            continue
        if merge:  # the phrase replaces its words: "gradient, descent" -> "gradient descent"
            topics[topics.index(related[0])] = term
            topics = [t for t in topics if t not in related[1:]]
        else:
            topics.append(term)
        strength[term], spelling[term] = value, form
    return [spelling[t] for t in topics[:LABEL_TERMS]]


def label(terms: list[str]) -> str:
    """Join the terms, capitalised like a heading unless the first is coined (LoRA, LLMs stay as written)."""
    text = ", ".join(terms) or "Miscellaneous"
    first = re.split(r"[\s\-,]", text)[0]
    return text if any(c.isupper() for c in first[1:]) else text[0].upper() + text[1:]
