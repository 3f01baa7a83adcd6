"""The reader's interest profile, and how well each card fits it (`relevance`, 0-1, with reasons).

Three signals, each explainable in a reason line, combined as a noisy-or (any one
strong signal is enough; several add up without passing 1):

- keywords/phrases with weights: 1 - exp(-sum of matched weights), a title match counting 1.5x;
- authors or organisations: 0.8 when one of them wrote the paper;
- liked papers: a TF-IDF + logistic-regression model learned from them against the day's
  other papers (what arxiv-sanity does), so "more like these" needs no download.

Excluded phrases hide a paper: relevance 0 and a reason saying which phrase.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from summarizer.errors import InputError
from summarizer.models import PaperCard
from summarizer.text import normalise_title

AUTHOR_WEIGHT = 0.8
TITLE_BOOST = 1.5
LIKE_REASON = 0.1  # likeness (0: the day's median paper, 1: a liked one) from which a liked paper is named
_ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5})(?:v\d+)?$", re.I)


class Profile(BaseModel):
    """`[profile]` of profile.toml (see examples/profile.toml)."""

    keywords: dict[str, float] = Field(default_factory=dict, description="phrase -> weight (a list means weight 1)")
    exclude: list[str] = Field(default_factory=list, description="phrases that hide a paper")
    authors: list[str] = Field(default_factory=list, description="authors or organisations to follow")
    liked: list[str] = Field(default_factory=list, description="titles, arXiv ids or paths to cards.jsonl files")
    min_relevance: float | None = Field(None, ge=0, le=1, description="drop papers below this from the digest")
    base_dir: Path = Field(Path(), exclude=True, description="where relative `liked` paths are resolved")

    @field_validator("keywords", mode="before")
    @classmethod
    def _list_means_weight_one(cls, value: Any) -> Any:
        return {str(k): 1.0 for k in value} if isinstance(value, list) else value


def load_profile(path: Path) -> Profile:
    """The profile, or one InputError line naming the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"is not a readable TOML profile ({exc})") from None
    table = data.get("profile", data)
    try:
        return Profile.model_validate({**table, "base_dir": path.parent})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"[profile] {where}: {first['msg']}") from None


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Case-insensitive whole-word match; hyphens and spaces interchangeable; plural -s allowed."""
    words = [re.escape(w) for w in re.split(r"[\s\-_]+", phrase.strip()) if w]
    return re.compile(r"(?<![A-Za-z0-9])" + r"[\s\-_]*".join(words) + r"(?:e?s)?(?![A-Za-z0-9])", re.I)


def _text(card: PaperCard) -> str:
    return f"{card.title}\n{card.abstract}"


def _matches(phrases: Iterable[str], text: str) -> list[str]:
    return [p for p in phrases if p.strip() and phrase_pattern(p).search(text)]


def excluded_by(card: PaperCard, profile: Profile) -> str | None:
    found = _matches(profile.exclude, _text(card))
    return found[0] if found else None


def _keyword_signal(card: PaperCard, profile: Profile) -> tuple[float, list[str]]:
    total, reasons = 0.0, []
    for phrase in _matches(profile.keywords, _text(card)):
        in_title = bool(phrase_pattern(phrase).search(card.title))
        total += profile.keywords[phrase] * (TITLE_BOOST if in_title else 1.0)
        reasons.append(f"keyword: {phrase}" + (" (title)" if in_title else ""))
    return (1 - math.exp(-max(total, 0.0)), reasons)


def _author_signal(card: PaperCard, profile: Profile) -> tuple[float, list[str]]:
    names = [normalise_title(n) for n in [*card.authors, card.organization or ""] if n]
    for wanted in profile.authors:
        key = normalise_title(wanted)
        if key and any(re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", n) for n in names):
            return AUTHOR_WEIGHT, [f"author: {wanted}"]
    return 0.0, []


class LikedModel:
    """TF-IDF + logistic regression: liked papers against the pool they are read with.

    The pool doubles as the negatives (what arxiv-sanity does), so each pool paper is scored by a model
    that did not see it (5-fold cross-fitting): a paper like the liked ones is not pushed down for
    having been a negative itself.
    """

    FOLDS = 5

    def __init__(self, liked: Sequence[tuple[str, str]], pool: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.titles = [title for title, _ in liked]
        liked_texts = [text for _, text in liked]
        self.pool = list(pool)
        self.vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
        matrix = self.vectorizer.fit_transform([*liked_texts, *self.pool])
        self.liked_matrix, self.pool_matrix = matrix[: len(liked_texts)], matrix[len(liked_texts):]
        self.negatives = [i for i, text in enumerate(self.pool) if text not in set(liked_texts)]
        self.models = [self._fit([i for i in self.negatives if i % self.FOLDS != fold]) for fold in range(self.FOLDS)]

    def _fit(self, negatives: list[int]) -> Any:
        from scipy.sparse import vstack
        from sklearn.linear_model import LogisticRegression

        positives = self.liked_matrix
        rows = vstack([positives, self.pool_matrix[negatives]]) if negatives else positives
        labels = [1] * positives.shape[0] + [0] * len(negatives)
        if len(set(labels)) < 2:
            return None
        return LogisticRegression(class_weight="balanced", C=10.0, max_iter=1000).fit(rows, labels)

    def score_pool(self) -> list[tuple[float, str]]:
        """(0-1 likeness, title of the nearest liked paper) per pool text, in order.

        The model's margin, scaled so the pool's median paper is 0 and the liked papers themselves 1:
        probabilities learned from a handful of positives sit near the base rate and mean nothing
        absolute, and a liked paper held out scores no better than the median (too few positives),
        so the liked papers' own margin is the only stable top of the scale.
        """
        import numpy as np

        nearest = (self.pool_matrix @ self.liked_matrix.T).toarray().argmax(axis=1)
        if any(model is None for model in self.models):
            return [(0.0, self.titles[int(i)]) for i in nearest]
        margins = np.array([float(self.models[i % self.FOLDS].decision_function(self.pool_matrix[i])[0])
                            for i in range(len(self.pool))])
        liked = float(np.mean([m.decision_function(self.liked_matrix).mean() for m in self.models]))
        floor = float(np.median(margins))
        scale = (margins - floor) / (liked - floor) if liked > floor else np.zeros_like(margins)
        return [(float(np.clip(s, 0, 1)), self.titles[int(i)]) for s, i in zip(scale, nearest, strict=True)]


def resolve_liked(profile: Profile, known: Sequence[PaperCard], warn: Callable[[str], None]) -> list[tuple[str, str]]:
    """(title, text) for every liked entry: a cards.jsonl file, an arXiv id or a title."""
    from summarizer.export import read_cards

    by_id = {c.arxiv_id: c for c in known if c.arxiv_id}
    by_title = {normalise_title(c.title): c for c in known}
    liked: list[tuple[str, str]] = []
    for entry in profile.liked:
        path = profile.base_dir / entry
        if entry.endswith(".jsonl"):
            if not path.exists():
                warn(f"profile: liked file {entry} not found; skipped")
                continue
            liked += [(c.title, _text(c)) for c in read_cards(path, warn)]
        elif match := _ARXIV_ID.match(entry.strip()):
            card = by_id.get(match.group(1))
            if card is None:
                warn(f"profile: liked paper {entry} is not in this listing or the archive; skipped")
            else:
                liked.append((card.title, _text(card)))
        else:
            card = by_title.get(normalise_title(entry))
            liked.append((card.title, _text(card)) if card else (entry, entry))
    return liked


def score_cards(cards: Sequence[PaperCard], profile: Profile, known: Sequence[PaperCard] = (),
                warn: Callable[[str], None] = lambda _m: None) -> list[PaperCard]:
    """Every card with `relevance` and `relevance_reasons` set; excluded ones at 0 with the phrase."""
    liked = resolve_liked(profile, [*cards, *known], warn) if profile.liked else []
    model = LikedModel(liked, [_text(c) for c in cards]) if liked else None
    liked_scores = model.score_pool() if model else [(0.0, "")] * len(cards)
    scored = []
    for card, (liked_p, nearest) in zip(cards, liked_scores, strict=True):
        if phrase := excluded_by(card, profile):
            scored.append(card.model_copy(update={"relevance": 0.0, "relevance_reasons": [f"excluded: {phrase}"]}))
            continue
        signals = [_keyword_signal(card, profile), _author_signal(card, profile),
                   (liked_p, [f"like: {nearest[:80]}"] if liked_p >= LIKE_REASON else [])]
        relevance = 1 - math.prod(1 - s for s, _ in signals)
        reasons = [r for _, rs in signals for r in rs]
        scored.append(card.model_copy(update={"relevance": round(relevance, 3), "relevance_reasons": reasons}))
    return scored
