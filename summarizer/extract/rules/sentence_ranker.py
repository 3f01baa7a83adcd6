"""Learned choice of the summary and outcome sentences: a linear score over rule features.

The hand-weighted rules (`summary.py`, `outcome.py`) score every abstract sentence by cues whose weights were
set by hand, one cue at a time. Here the rules' scores, their picks, their cues and a few more signals
(`sentence_features.py`) are weighed by a linear model fitted on the dev split to pick the sentence closest
(ROUGE-1) to a human one-sentence summary or result (`eval/fit_sentence_ranker.py`; weights in
`ranker_weights.json`). The pick is still one abstract sentence, trimmed as before, so its span slices the
abstract exactly. Whether a card has an outcome at all stays the rule's call: null when no sentence claims a
result.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from summarizer.extract.rules import sentence_features as sf
from summarizer.extract.rules.discourse import trim_claim_frame, trim_lead
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.outcome import find_outcome, result_score
from summarizer.extract.rules.sentences import Sentence
from summarizer.extract.rules.summary import find_summary

WEIGHTS_PATH = Path(__file__).with_name("ranker_weights.json")
_MIN_WORDS = 3  # as the summary rule: a fragment (`Code:`) is never a card sentence


@cache
def load_weights() -> dict[str, list[float]]:
    """The shipped weights, checked against the feature lists (a stale file fails loudly, never silently)."""
    document = json.loads(WEIGHTS_PATH.read_text())
    for key, features in (("summary", sf.SUMMARY_FEATURES), ("outcome", sf.OUTCOME_FEATURES)):
        names = [f.__name__ for f in features]
        if document[key]["features"] != names:
            raise ValueError(f"{WEIGHTS_PATH.name}: {key} features {document[key]['features']} != code {names}")
    return {key: document[key]["weights"] for key in ("summary", "outcome")}


def weights_document(weights: dict[str, list[float]], n_papers: int) -> dict[str, object]:
    """The JSON the fitting script writes: weights next to their feature names."""
    return {
        "fitted_on": f"eval/labeled.jsonl dev split, {n_papers} papers (eval/fit_sentence_ranker.py --write)",
        "summary": {"features": [f.__name__ for f in sf.SUMMARY_FEATURES], "weights": weights["summary"]},
        "outcome": {"features": [f.__name__ for f in sf.OUTCOME_FEATURES], "weights": weights["outcome"]},
    }


def index_of(sentences: list[Sentence], hit: Hit | None) -> int:
    """Index of the sentence a (trimmed) hit was cut from, -1 for none."""
    if hit is None:
        return -1
    return next((i for i, s in enumerate(sentences) if s.start <= hit.start < s.end), -1)


def best_index(scores: list[float], sentences: list[Sentence]) -> int:
    """Index of the highest-scoring sentence of at least three words (the first among equals); -1 for none."""
    best, best_score = -1, float("-inf")
    for i, (score, sentence) in enumerate(zip(scores, sentences, strict=True)):
        if score > best_score and len(sentence.text.split()) >= _MIN_WORDS:
            best, best_score = i, score
    return best


def shown_summary(sentence: Sentence) -> str:
    """The summary as a card shows it: leading discourse frame trimmed."""
    return trim_lead(sentence).as_sentence().value


def shown_outcome(sentence: Sentence) -> str:
    """The outcome as a card shows it: discourse and claim frames trimmed."""
    return trim_claim_frame(trim_lead(sentence)).as_sentence().value


def summary_stage(sentences: list[Sentence], title: str, name: str | None) -> sf.Context:
    """The shared context with the summary rule's pick (features of the summary ranker can be read)."""
    ctx = sf.make_context(sentences, title, name)
    ctx.rule_summary = find_summary(sentences, title, name, ctx.contribution)
    ctx.summary_rule = index_of(sentences, ctx.rule_summary)
    return ctx


def outcome_stage(ctx: sf.Context, summary: Hit | None) -> Hit | None:
    """Given the chosen summary, the outcome rule's pick into `ctx`; returns the rule's outcome (None: the abstract
    claims no result). The rule passes over the summary sentence; when the ranker's summary is the abstract's only
    claim (`We validated ... AlphaFold ... demonstrating accuracy competitive with experimental structures`), the
    rule is asked again with its own summary, so the ranker never turns a claimed result into a null outcome."""
    ctx.summary = summary
    rule = _outcome_rule(ctx, summary)
    if rule is None and ctx.rule_summary is not None and summary != ctx.rule_summary:
        rule = _outcome_rule(ctx, ctx.rule_summary)
    ctx.outcome_rule = index_of(ctx.sentences, rule)
    return rule


def _outcome_rule(ctx: sf.Context, summary: Hit | None) -> Hit | None:
    scores = [result_score(s, summary, ctx.name, i == 0, cues)
              for i, (s, cues) in enumerate(zip(ctx.sentences, ctx.cues, strict=True))]
    return find_outcome(ctx.sentences, summary, ctx.name, scores)


def rank_sentences(sentences: list[Sentence], title: str, name: str | None,
                   weights: dict[str, list[float]] | None = None) -> tuple[Hit | None, Hit | None]:
    """(summary, outcome): the sentences the rankers pick, trimmed as a card shows them. The summary is None only
    for an abstract without a sentence of three words; the outcome is None when the rule finds no claimed result."""
    weights = weights or load_weights()
    ctx = summary_stage(sentences, title, name)
    best = best_index(sf.linear_scores(sf.SUMMARY_FEATURES, weights["summary"], ctx), sentences)
    summary = trim_lead(sentences[best]) if best >= 0 else None
    rule = outcome_stage(ctx, summary)
    if rule is None:
        return summary, None
    best = best_index(sf.linear_scores(sf.OUTCOME_FEATURES, weights["outcome"], ctx), sentences)
    return summary, trim_claim_frame(trim_lead(sentences[best])) if best >= 0 else rule
