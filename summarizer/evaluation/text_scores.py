"""Scorers for the card v2 fields: the `summary` and `outcome` sentences and gain records.

`summary` and `outcome` are free sentences, so they are compared with the gold
sentence by ROUGE-1 F1 (google's `rouge-score`, Porter stemming): the measure
the outside check uses against human one-sentence summaries. Two reference
points computed from the abstract alone show where an extractor stands: a
positional baseline (first sentence for the summary, last for the outcome) and
the oracle, the best single abstract sentence (the ceiling of any
one-sentence extractive answer).

A gain record is right when the predicted gain with the same value also has the
right metric, baseline and dataset, each "right" meaning the same (lenient name
match) or rightly null: a label the clause does not state is an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from rouge_score import rouge_scorer

from summarizer.evaluation.labels import GoldGain
from summarizer.evaluation.metrics import FieldScore, name_key, names_match, numbers
from summarizer.extract.rules.sentences import split_sentences

SLOTS = ("metric", "baseline", "dataset")


@lru_cache(maxsize=1)
def _scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)


def rouge(reference: str, candidate: str) -> tuple[float, float]:
    """(ROUGE-1 F1, ROUGE-2 F1) of `candidate` against `reference`; an empty side scores 0."""
    if not reference.strip() or not candidate.strip():
        return 0.0, 0.0
    scores = _scorer().score(reference, candidate)
    return scores["rouge1"].fmeasure, scores["rouge2"].fmeasure


def score_sentence(gold: str | None, pred: str | None) -> FieldScore:
    """lenient = ROUGE-1 F1, strict = ROUGE-2 F1. Gold None (no result claimed): only an empty answer scores 1."""
    pred = (pred or "").strip()
    out = FieldScore(gold_empty=gold is None, pred_empty=not pred)
    if gold is None or not pred:
        out.strict = out.lenient = float(gold is None and not pred)
        out.reason = "" if out.lenient else ("gold: no result claimed" if pred else "nothing predicted")
        return out
    out.lenient, out.strict = rouge(gold, pred)
    out.reason = f"ROUGE-1 {100 * out.lenient:.0f}"
    return out


def reference_points(gold: str | None, abstract: str, position: int) -> tuple[float, float]:
    """(positional baseline, oracle) ROUGE-1 for one paper; `position` 0 = first sentence, -1 = last."""
    sentences = [s.text for s in split_sentences(abstract)]
    positional = score_sentence(gold, sentences[position] if sentences else None).lenient
    if gold is None:
        return positional, 1.0  # the oracle knows to say nothing
    return positional, max((rouge(gold, s)[0] for s in sentences), default=0.0)


# ---------------------------------------------------------------- gain records

def _value_numbers(value: str) -> frozenset[float]:
    return frozenset(v for v, _ in numbers(value))


def _pair(gold: Sequence[GoldGain], pred: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any] | None]:
    """For each gold record, the predicted gain with the same value (same numbers; else a shared number)."""
    free = list(pred)
    paired: list[Mapping[str, Any] | None] = []
    for record in gold:
        want = _value_numbers(record.value)
        hit = next((p for p in free if _value_numbers(str(p.get("value", ""))) == want), None)
        if hit is None:
            hit = next((p for p in free if want & _value_numbers(str(p.get("value", "")))), None)
        if hit is not None:
            free.remove(hit)
        paired.append(hit)
    return paired


def slot_right(gold: str | None, pred: str | None, lenient: bool = True,
               aliases: Mapping[str, str] | None = None) -> bool:
    """Same label (lenient: containment / token overlap; strict: same key), or both null.

    `aliases` (abbreviation -> long form, from `defined_abbreviations` of the paper's abstract) lets `WER` and
    `word error rate` name the same slot when the abstract itself writes `word error rate (WER)`.
    """
    gold, pred = (gold or "").strip(), (pred or "").strip()
    if not gold or not pred:
        return not gold and not pred
    pairs = [(gold, pred), (measure_noun(gold), measure_noun(pred))]
    if aliases:
        pairs.append((_expand(gold, aliases), _expand(pred, aliases)))
    if lenient:
        return any(names_match(g, p, lenient) for g, p in pairs)
    return any(name_key(g) == name_key(p) for g, p in pairs)


# `3.8x faster` measures speed: a metric written as the comparative it was read from names the same measure
_COMPARATIVE_MEASURE = {"faster": "speed", "slower": "speed", "smaller": "size", "larger": "size", "cheaper": "cost",
                        "accurate": "accuracy"}


def measure_noun(label: str) -> str:
    """`faster on inference` -> `speed on inference`, `more accurate` -> `accuracy`: comparatives as measure nouns."""
    label = re.sub(r"\b(?:more|less)\s(?=accurate\b)", "", label, flags=re.IGNORECASE)
    return re.sub(r"[A-Za-z]+", lambda w: _COMPARATIVE_MEASURE.get(w.group(0).lower(), w.group(0)), label)


# `word error rate (WER)`, `One-Billion-Word (OBW)`: a long form followed by the abbreviation the abstract coins for it
_DEFINED = re.compile(r"(?P<long>[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,7})\s\((?P<abbr>[A-Z][A-Za-z0-9]{1,9})\)")
_SMALL_WORDS = frozenset(["the", "of", "and", "for", "to", "in", "a", "an", "on", "with", "by"])


def defined_abbreviations(text: str) -> dict[str, str]:
    """Abbreviation (lower-cased) -> long form, for each `long form (ABBR)` whose capitals are the initials of the
    long form's last words (hyphenated parts count: `One-Billion-Word (OBW)`; small words are skipped)."""
    out = {}
    for m in _DEFINED.finditer(text):
        capitals = [c for c in m.group("abbr") if c.isupper()]
        parts = [(w.start(), w.group(0)) for w in re.finditer(r"[A-Za-z][A-Za-z0-9]*", m.group("long"))
                 if w.group(0).lower() not in _SMALL_WORDS]
        if len(capitals) < 2 or len(parts) < len(capitals):
            continue
        tail = parts[-len(capitals):]
        if all(word[0].upper() == c for (_, word), c in zip(tail, capitals, strict=True)):
            out[m.group("abbr").lower()] = m.group("long")[tail[0][0]:]
    return out


def _expand(label: str, aliases: Mapping[str, str]) -> str:
    """The label with each defined abbreviation written out (`WER` -> `word error rate`)."""
    return re.sub(r"[A-Za-z][A-Za-z0-9]*", lambda w: aliases.get(w.group(0).lower(), w.group(0))
                  if w.group(0).isupper() or any(c.isupper() for c in w.group(0)[1:]) else w.group(0), label)


def score_gain_records(gold: Sequence[GoldGain], pred: Sequence[Mapping[str, Any]],
                       abstract: str = "") -> tuple[FieldScore, dict[str, int]]:
    """Per gold record: value found and metric/baseline/dataset each right or rightly null.

    Returns the field score (tp = records fully right, fn = the others; lenient =
    their share, 1 when the paper has no gold gain) and per-slot right counts, plus
    `unmatched`: predicted records whose value matches no gold record (scored nowhere
    else, so a rule that invents gains shows up here).
    """
    aliases = defined_abbreviations(abstract)  # `word error rate (WER)`: either form names the slot
    slots = {"records": len(gold), "value": 0, **dict.fromkeys(SLOTS, 0)}
    right = right_strict = 0
    problems = []
    paired = _pair(gold, pred)
    extra = [p for p in pred if not any(p is h for h in paired)]
    slots["unmatched"] = len(extra)  # predicted records matching no gold value: the eval's view of false claims
    for record, hit in zip(gold, paired, strict=True):
        if hit is None:
            problems.append(f"{record.value!r} not predicted")
            continue
        slots["value"] += 1
        wrong = [s for s in SLOTS if not slot_right(getattr(record, s), hit.get(s), aliases=aliases)]
        for s in SLOTS:
            slots[s] += s not in wrong
        right += not wrong
        right_strict += all(slot_right(getattr(record, s), hit.get(s), lenient=False, aliases=aliases)
                            for s in SLOTS)
        problems += [f"{record.value!r} {s}: gold {getattr(record, s)!r}, pred {hit.get(s)!r}" for s in wrong]
    problems += [f"{p.get('value')!r} predicted, no gold record" for p in extra]
    n = len(gold)
    score = FieldScore(strict=right_strict / n if n else 1.0, lenient=right / n if n else 1.0, tp=right,
                       fn=n - right, tp_strict=right_strict, fn_strict=n - right_strict, gold_empty=not n,
                       pred_empty=not pred, reason="; ".join(problems))
    return score, slots
