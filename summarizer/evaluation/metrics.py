"""Per-field scorers and the normalisation they share (numbers, names, URLs).

Every scorer compares one predicted field with its gold labels and returns a
`FieldScore` (strict and lenient score plus the counts micro averages need and
a short reason), pydantic-evals style. Gold `[]` means "not stated": predicting
nothing there is right, predicting something is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from pydantic import BaseModel

from summarizer.text import strip_url

_STOP = frozenset({
    "a", "an", "the", "of", "for", "in", "on", "and", "or", "to", "with", "via", "by", "from", "at", "as", "is",
    "are", "be", "using", "based", "its", "their", "our", "we", "this", "that", "into", "towards", "toward",
    "through",
})
# a number, optionally with thousands separators; the unit that follows decides strict equality
_NUMBER = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+")
_UNIT = re.compile(r"\s?(%|×|x\b|X\b|times\b|-?fold\b)")


class FieldScore(BaseModel):
    """One field of one paper: strict and lenient score in [0, 1], counts for micro averages."""

    strict: float = 0.0
    lenient: float = 0.0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_strict: int = 0
    fp_strict: int = 0
    fn_strict: int = 0
    gold_empty: bool = False
    pred_empty: bool = False
    reason: str = ""


# ---------------------------------------------------------------- normalisation

def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def tokens(text: str) -> list[str]:
    """Lower-cased content words, crude plural folding: for task phrasing overlap."""
    words = re.findall(r"[a-z0-9]+", _ascii(text).lower())
    return [_singular(w) for w in words if w not in _STOP]


def _singular(word: str) -> str:
    """`accuracies` -> `accuracy`, `models` -> `model`; `loss`, `bias` kept.

    The `-ies` fold exists because `s`-stripping alone left `accuracie`, which no
    singular label matches (a second labeler's `accuracies` vs `accuracy` scored as a
    disagreement, eval/AGREEMENT.md §11 check).
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def name_key(name: str) -> str:
    """Case, accents, punctuation and spacing do not matter: `LLaMA-2` == `llama 2`."""
    return re.sub(r"[^a-z0-9^+]+", "", _ascii(name).lower())


def names_match(a: str, b: str, lenient: bool) -> bool:
    """Strict: same key. Lenient: also containment (>= 3 chars) or half the tokens shared."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if not lenient:
        return False
    if min(len(ka), len(kb)) >= 3 and (ka in kb or kb in ka):
        return True
    ta, tb = set(tokens(a)), set(tokens(b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.5


def numbers(text: str) -> list[tuple[float, str]]:
    """(value, unit) pairs: `31times`, `31x`, `31 ×` -> (31.0, '×'); `2.5%` -> (2.5, '%')."""
    found = []
    for match in _NUMBER.finditer(text):
        value = round(float(match.group(0).replace(",", "")), 6)
        unit = _UNIT.match(text, match.end())
        symbol = unit.group(1) if unit else ""
        found.append((value, "%" if symbol == "%" else "×" if symbol else ""))
    return found


def norm_url(url: str) -> str:
    """Scheme, `www.`, case, trailing `/` and `.git` do not matter."""
    url = strip_url(url.strip()).lower()
    url = re.sub(r"^[a-z]+://", "", url)
    url = url.removeprefix("www.")
    for _ in range(2):
        url = url.rstrip("/").removesuffix(".git")
    return url


# ---------------------------------------------------------------- set F1

def _f1(tp: int, fp: int, fn: int) -> float:
    if tp + fp + fn == 0:
        return 1.0  # both empty: a correct "not stated"
    return 2 * tp / (2 * tp + fp + fn)


def _match(gold: Sequence[str], pred: Sequence[str], same: Callable[[str, str], bool]) -> tuple[int, int, int]:
    """Greedy one-to-one matching; returns tp, fp, fn."""
    free = list(dict.fromkeys(pred))
    tp = 0
    for g in dict.fromkeys(gold):
        hit = next((p for p in free if same(g, p)), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return tp, len(free), len(dict.fromkeys(gold)) - tp


def _set_score(gold: Sequence[str], pred: Sequence[str], strict: Callable[[str, str], bool],
               lenient: Callable[[str, str], bool]) -> FieldScore:
    st, sf, sn = _match(gold, pred, strict)
    lt, lf, ln = _match(gold, pred, lenient)
    score = FieldScore(strict=_f1(st, sf, sn), lenient=_f1(lt, lf, ln), tp=lt, fp=lf, fn=ln,
                       tp_strict=st, fp_strict=sf, fn_strict=sn, gold_empty=not gold, pred_empty=not pred)
    if lf or ln:
        missed = [g for g in gold if not any(lenient(g, p) for p in pred)]
        extra = [p for p in pred if not any(lenient(g, p) for g in gold)]
        score.reason = "; ".join(x for x in (f"missed {missed}" if missed else "",
                                             f"extra {extra}" if extra else "") if x)
    return score


# ---------------------------------------------------------------- field scorers

def score_task(gold: Sequence[str], pred: str | None) -> FieldScore:
    """Lenient: token F1 against the best phrasing; strict: equal to one phrasing."""
    pred = (pred or "").strip()
    out = FieldScore(gold_empty=not gold, pred_empty=not pred)
    if not gold or not pred:
        out.strict = out.lenient = float(not gold and not pred)
        out.reason = "" if out.strict else ("gold: not stated" if pred else "no task predicted")
        return out
    pt = tokens(pred)
    best = 0.0
    for phrase in gold:
        gt = tokens(phrase)
        common = sum(min(pt.count(t), gt.count(t)) for t in set(pt))
        if common:
            best = max(best, 2 * common / (len(pt) + len(gt)))
    out.lenient = best
    out.strict = float(any(tokens(p) == pt for p in gold))
    if best < 1:
        out.reason = f"{pred!r} vs {gold[0]!r}"
    return out


def score_method(gold: Sequence[str], pred: str | None) -> FieldScore:
    """Accuracy of the method name; a name where gold has none is wrong."""
    pred = (pred or "").strip()
    out = FieldScore(gold_empty=not gold, pred_empty=not pred)
    if not gold or not pred:
        out.strict = out.lenient = float(not gold and not pred)
        out.reason = "" if out.strict else (f"predicted {pred!r}, gold: no name" if pred else f"missed {gold[0]!r}")
        return out
    out.strict = float(any(names_match(g, pred, lenient=False) for g in gold))
    out.lenient = float(out.strict or any(names_match(g, pred, lenient=True) for g in gold))
    if not out.lenient:
        out.reason = f"predicted {pred!r}, gold {gold[0]!r}"
    return out


def _number_set(values: Sequence[str], with_unit: bool) -> list[str]:
    found = [n for v in values for n in numbers(v)]
    return list(dict.fromkeys(f"{v:g}{u}" if with_unit else f"{v:g}" for v, u in found))


def score_gains(gold: Sequence[str], pred: Sequence[str]) -> FieldScore:
    """Set F1 of the numbers in the gain values; strict also compares the unit (% vs ×)."""
    eq = str.__eq__
    strict = _set_score(_number_set(gold, True), _number_set(pred, True), eq, eq)
    lenient = _set_score(_number_set(gold, False), _number_set(pred, False), eq, eq)
    return FieldScore(strict=strict.strict, lenient=lenient.lenient, tp=lenient.tp, fp=lenient.fp, fn=lenient.fn,
                      tp_strict=strict.tp, fp_strict=strict.fp, fn_strict=strict.fn,
                      gold_empty=not gold, pred_empty=not pred, reason=lenient.reason)


def score_names(gold: Sequence[str], pred: Sequence[str]) -> FieldScore:
    """Datasets and models: set F1, strict = same key, lenient = containment / token overlap."""
    return _set_score(gold, pred, lambda a, b: names_match(a, b, False), lambda a, b: names_match(a, b, True))


def score_urls(gold: Sequence[str], pred: Sequence[str]) -> FieldScore:
    """Code URLs: strict = identical minus sentence punctuation, lenient = normalised."""
    return _set_score(gold, pred, lambda a, b: strip_url(a.strip()) == strip_url(b.strip()),
                      lambda a, b: norm_url(a) == norm_url(b))


# ---------------------------------------------------------------- hard checks

def ungrounded(card_urls: Sequence[str], card_gains: Sequence[str], title: str, abstract: str) -> list[str]:
    """Code URLs and gain numbers the title/abstract does not contain verbatim."""
    text = f"{title}\n{abstract}"
    problems = [f"url not in abstract: {u}" for u in card_urls if strip_url(u.strip()) not in text]
    present = {v for v, _ in numbers(text)}
    for value in card_gains:
        missing = [v for v, _ in numbers(value) if v not in present]
        if missing or not numbers(value):
            problems.append(f"gain not in abstract: {value!r}")
    return problems
