"""Per-sentence features of the learned summary and outcome rankers (`sentence_ranker.py`).

The rule scores (`contribution_score`, `result_score`) stay the backbone; the
ranker re-weighs them together with the cues they are made of and a few
signals they do not use (relative position, length, which sentence the rule
picked). Every feature is a small named function of one sentence in its
abstract, computed for all its sentences at once (a column); `SUMMARY_FEATURES` and `OUTCOME_FEATURES` fix
their order, which is the order of the weights in `ranker_weights.json`.
The expensive parts (rule scores, result cues, content words) are computed
once per abstract into the `Context` and shared by both rankers and the rules;
features are plain Python, no numpy or sklearn at extraction time, so the
rules stay under their speed budget.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from summarizer.extract.rules import outcome as oc
from summarizer.extract.rules import summary as sm
from summarizer.extract.rules.hits import Hit, content_words
from summarizer.extract.rules.result_cues import BACKGROUND_OPENER
from summarizer.extract.rules.sentences import Sentence

Feature = Callable[["Context"], list[float]]  # one value per sentence of the abstract


@dataclass
class Context:
    """What a feature may look at besides its sentence, computed once per abstract by the ranker."""

    sentences: list[Sentence]
    topic: frozenset[str]  # the title's content words
    name: str | None  # the method name the method rule found
    contribution: list[float] = field(default_factory=list)  # `contribution_score` per sentence
    cues: list[oc.ResultCues] = field(default_factory=list)  # `result_cues` per sentence
    summary_rule: int = -1  # index of the summary rule's sentence (-1: none)
    rule_summary: Hit | None = None  # the summary rule's own pick, trimmed
    summary: Hit | None = None  # the summary the ranker chose (the outcome rule and ranker avoid it)
    outcome_rule: int = -1  # index of the outcome rule's sentence (-1: none)
    columns: dict[str, list[float]] = field(default_factory=dict)  # feature values already computed

    def column(self, feature: Feature) -> list[float]:
        """`feature`'s values for every sentence, computed once per abstract (both rankers share most features;
        the outcome-only ones are first asked for after the outcome rule has run)."""
        values = self.columns.get(feature.__name__)
        if values is None:
            values = self.columns[feature.__name__] = feature(self)
        return values




# --- where and how long ---

def relative_position(ctx: Context) -> list[float]:
    """0 for the first sentence, 1 for the last: contribution comes early, results late."""
    last = max(1, len(ctx.sentences) - 1)
    return [i / last for i in range(len(ctx.sentences))]


def is_first(ctx: Context) -> list[float]:
    """The opening sentence: usually background, sometimes the whole contribution."""
    return [float(i == 0) for i in range(len(ctx.sentences))]


def is_last(ctx: Context) -> list[float]:
    """The closing sentence: a takeaway, a result or an availability note."""
    return [float(i == len(ctx.sentences) - 1) for i in range(len(ctx.sentences))]


def log_length(ctx: Context) -> list[float]:
    """log of the word count: a longer sentence shares more words with a one-sentence gold (ROUGE-1 recall)."""
    return [math.log(1 + len(s.text.split())) for s in ctx.sentences]


def content_size(ctx: Context) -> list[float]:
    """log of the number of distinct content words: the substance a gold sentence can share."""
    return [math.log(1 + len(sm.sentence_words(s.text))) for s in ctx.sentences]


def title_overlap(ctx: Context) -> list[float]:
    """Share of the title's content words the sentence writes (as the summary rule weighs it)."""
    if not ctx.topic:
        return [0.0] * len(ctx.sentences)
    return [len(ctx.topic & sm.sentence_words(s.text)) / len(ctx.topic) for s in ctx.sentences]


# --- the contribution move ---

def contribution(ctx: Context) -> list[float]:
    """The summary rule's contribution score (cues, frame, naming, detail and result penalties, position)."""
    return ctx.contribution


def is_summary_rule_pick(ctx: Context) -> list[float]:
    """The hand-weighted summary rule's choice: the ranker corrects the rule rather than starting from nothing."""
    return [float(i == ctx.summary_rule) for i in range(len(ctx.sentences))]


def follows_summary_rule_pick(ctx: Context) -> list[float]:
    """The sentence right after the summary rule's choice: where `how it works` is stated."""
    return [float(ctx.summary_rule >= 0 and i == ctx.summary_rule + 1) for i in range(len(ctx.sentences))]


def detail_opener(ctx: Context) -> list[float]:
    """`Then,` `Specifically,` `Moreover,`: a sentence that elaborates one stated before."""
    return [float(bool(sm.DETAIL_OPENER.match(s.text))) for s in ctx.sentences]


def method_subject(ctx: Context) -> list[float]:
    """The method's name (or `our method`) is the subject: `X does Y by Z`."""
    return [float(sm.names_subject(s, ctx.name) or bool(sm.OWN_METHOD_SUBJECT.match(s.text))) for s in ctx.sentences]


def names_method(ctx: Context) -> list[float]:
    """The sentence writes the method's name."""
    return [float(ctx.name is not None and ctx.name in s.text) for s in ctx.sentences]


def background_opener(ctx: Context) -> list[float]:
    """`However`, `Recent`, `Existing`: the background or gap move, not in the authors' voice."""
    return [float(bool(BACKGROUND_OPENER.match(s.text)) and not sm.FIRST_PERSON.search(s.text.lower()))
            for s in ctx.sentences]


# --- the result move ---

def is_outcome_rule_pick(ctx: Context) -> list[float]:
    """The hand-weighted outcome rule's choice."""
    return [float(i == ctx.outcome_rule) for i in range(len(ctx.sentences))]


def evidence(ctx: Context) -> list[float]:
    """`Experiments on X show`, `Our results indicate`: the evidence frame of a claim."""
    return [float(cues.evidence) for cues in ctx.cues]


def authors_claim(ctx: Context) -> list[float]:
    """`we show/find that`, `is shown to`: a claim in the authors' voice or the passive."""
    return [float(cues.claim) for cues in ctx.cues]


def comparisons(ctx: Context) -> list[float]:
    """How many comparison or advantage words (`outperforms`, `state-of-the-art`, `faster`), at most 2."""
    return [float(cues.comparisons) for cues in ctx.cues]


def quantified(ctx: Context) -> list[float]:
    """A number of change or a score (`13%`, `3x`, `an AUROC of 0.87`)."""
    return [float(cues.quantified) for cues in ctx.cues]


# Chosen by 5-fold CV on dev (eval/fit_sentence_ranker.py): features whose removal did not lower the CV score
# were left out (each costs time on every sentence, and is one more weight to trust).
SUMMARY_FEATURES: tuple[Feature, ...] = (
    contribution, title_overlap, is_summary_rule_pick, follows_summary_rule_pick, detail_opener, method_subject,
    names_method, background_opener, quantified, is_first, is_last, log_length, content_size,
)
OUTCOME_FEATURES: tuple[Feature, ...] = (
    is_outcome_rule_pick, contribution, evidence, authors_claim, comparisons, quantified, title_overlap,
    detail_opener, relative_position, is_first, is_last, log_length,
)


def feature_rows(features: tuple[Feature, ...], ctx: Context) -> list[list[float]]:
    """One row of feature values per sentence, in `features` order (for fitting)."""
    return [list(row) for row in zip(*(ctx.column(feature) for feature in features), strict=True)]


def linear_scores(features: tuple[Feature, ...], weights: list[float], ctx: Context) -> list[float]:
    """Each sentence's weighted sum of the features, one feature column at a time (cheaper than row by row)."""
    if len(features) != len(weights):
        raise ValueError(f"{len(weights)} weights for {len(features)} features")
    total = [0.0] * len(ctx.sentences)
    for feature, weight in zip(features, weights):  # noqa: B905 (lengths checked above)
        column = ctx.column(feature)
        for i, value in enumerate(column):  # in place: no list per feature (fewer objects for the GC to track)
            total[i] += weight * value
    return total


def make_context(sentences: list[Sentence], title: str, name: str | None) -> Context:
    """The per-abstract context with the rule scores and cues both rankers read (picks are filled later)."""
    return Context(sentences, frozenset(content_words(title)), name,
                   contribution=[sm.contribution_score(s, i, name) for i, s in enumerate(sentences)],
                   cues=[oc.result_cues(s) for s in sentences])
