"""Assign cards to the user's themes by similarity; what fits none goes to `Other`."""

from __future__ import annotations

import re

import numpy as np
from sklearn.preprocessing import normalize

from summarizer.models import PaperCard
from summarizer.themes.model import OTHER, Theme, ThemedCards, finalise
from summarizer.themes.spec import ThemeDef, ThemeSpec
from summarizer.themes.text import texts, vectorizer

KEYWORD_BONUS = 0.15  # one keyword named in the paper outweighs a vague textual resemblance
MIN_SCORE = 0.08


def _keyword_hits(theme: ThemeDef, text: str) -> int:
    return sum(bool(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.IGNORECASE)) for k in theme.keywords)


def _theme_text(theme: ThemeDef) -> str:
    return " ".join([theme.name, theme.description, *(theme.keywords * 2)])


def assign_to_spec(cards: list[PaperCard], spec: ThemeSpec) -> ThemedCards:
    docs = texts(cards)
    vec = vectorizer(len(docs) + len(spec.themes))
    vec.set_params(min_df=1, max_df=1.0)
    matrix = vec.fit_transform(docs + [_theme_text(t) for t in spec.themes])
    matrix = normalize(matrix)
    similarity = (matrix[: len(docs)] @ matrix[len(docs):].T).toarray()
    bonus = np.array([[_keyword_hits(t, doc) for t in spec.themes] for doc in docs], dtype=float)
    scores = similarity + KEYWORD_BONUS * bonus
    labels = [spec.themes[int(row.argmax())].name if row.max() >= MIN_SCORE else OTHER for row in scores]
    themes = {t.name: Theme(name=t.name, description=t.description, terms=list(t.keywords)) for t in spec.themes}
    themes[OTHER] = Theme(name=OTHER, description="papers that fit none of the themes")
    return finalise(cards, labels, themes)
