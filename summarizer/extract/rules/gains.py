"""Claimed gains: numbers an abstract presents as improvements or headline results.

A number qualifies only with a unit of change (`%`, `×`, `times`, `-fold`,
`points`) *and* a cue that it is a claim (`by`, `up to`, `outperforms`,
`faster`, `improvement`, `achieves ... on`), or as a `from A to B` change.
Settings and sizes (`4-bit`, `7B`, `at 50% sparsity`, `50% of the data`,
`95% CI`) are rejected: a wrong gain is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from summarizer.extract.rules.gain_asides import continues, levels_of_a_margin
from summarizer.extract.rules.gain_context import describe
from summarizer.extract.rules.gain_lists import continued_result, find_sizes_and_shares
from summarizer.extract.rules.gain_reported import find_reported
from summarizer.extract.rules.gain_scores import Score, find_scores
from summarizer.extract.rules.gain_sentence import respective_labels
from summarizer.extract.rules.gain_shape import find_shaped_results
from summarizer.extract.rules.gain_units import find_unit_results
from summarizer.extract.rules.sentences import Sentence

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = (r"(?:\s?(?:×|\\times)(?![A-Za-z0-9])|\s?times(?![a-z])|[xX](?![\w])|\s?-?fold\b"
         r"|\sx(?=\s+(?:more|less|fewer|faster|smaller|larger|higher|lower|better|speed|reduction|compress)))")
_PCT = r"(?:\s?(?:%|\\%)|\s(?:percentage points?|percent|per\s?cent|pp)\b)"
_UNIT = f"(?:{_PCT}|{_MULT})"
_PRE = r"(?:[~≈∼<>≤≥+]\s?)"
_CANDIDATE = re.compile(
    rf"(?<![\w.\-/])(?P<pre>{_PRE})?(?<![\w.\-/])(?:{_NUM}{_UNIT}?\s?(?:--|-|–|—|to)\s?)?{_NUM}(?P<unit>{_UNIT})"
    rf"(?!\s?[×x]\s?\d)(?![\w%])")
_FROM_TO = re.compile(rf"\bfrom\s(?:(?:an?|the)\s(?:[\w-]+\s){{0,2}}of\s)?(?P<a>~?{_NUM}\s?%?)\s?(?:(?:down|up)\s)?"
                      rf"(?:to|→|->)\s(?P<b>~?{_NUM}\s?%?)(?![\w.]*\s?[BMK]\b)")

_CLAIM_BEFORE = re.compile(
    r"\b(?:by|up to|improv\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*|gains?|boost\w*|increas\w*|"
    r"reduc\w*|decreas\w*|lower\w*|faster|speed\w*|accelerat\w*|sav\w*|cut\w*|achiev\w*|attain\w*|"
    r"reach\w*|obtain\w*|yield\w*|deliver\w*|enhanc\w*|relative|absolute|average|outperforming|"
    r"raises?|rais\w*|drops?|shrink\w*|compress\w*|advantage|margin|score\w*|accuracy|bring\w*|brought|push\w*|"
    r"result\w*\sin|led\sto|lead\w*\sto|performance\sof)\W+(?:\S+\W+){0,4}$"
    r"|\b(?:about|around|approximately|nearly|roughly|at least|more than|over|almost)\s$",
    re.IGNORECASE)
_CLAIM_AFTER = re.compile(
    r"^\s*(?:\w+\s){0,2}?(?:improvement|gain|increase|reduction|decrease|speed-?ups?|faster|fewer|less|"
    r"lower|higher|more|better|smaller|larger|boost|accuracy|compression|cheaper|savings?|relative|"
    r"absolute|points?|lift|acceleration|throughput|memory|error|improvements|gains|reductions|on\s[A-Z])",
    re.IGNORECASE)
_SETTING_AFTER = re.compile(
    r"^\s*(?:of\b|sparsity|"
    r"compression rate|pruning|confidence|CI\b|significance|quantile|bits?\b|-bit|quantiz|masking|"
    r"mask|noise|dropout|trainable parameters|labeled|subset|split|training data|size\b|"
    r"cross[-\s]?validation|CV\b|folds?\b|(?:active|activated)\sparameters|board|grid)",
    re.IGNORECASE)
_SETTING_BEFORE = re.compile(r"\b(?:at|top|first|keeping|keep|"
                             r"standard deviation of|std of|rate of|ratio of|level of|the)\s(?:a\s|an\s)?$",
                             re.IGNORECASE)
# `prior work reached 11%`, `the best baseline obtains 40%`: someone else's number, not the paper's gain
_OTHERS_NUMBER = re.compile(r"\b(?:prior|previous|existing|earlier|baseline|competing|their)\s(?:[\w-]+\s){0,3}?"
                            r"(?:reach|achiev|obtain|report|attain|scor|get|yield)\w*\s(?:\w+\s){0,3}$"
                            r"|\bcomparable\sto\s(?:the\s)?(?:[\w-]+\s){0,4}of\s$", re.IGNORECASE)
# `9 × 9 board`, `3x3 kernels`: a dimension, not a multiplier
_DIMENSION = re.compile(r"^\s?\d")
_ABOUT_OTHERS = re.compile(r"(?:(?:In|For) comparison|By contrast|In contrast|Previously|Prior work|Existing)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)

@dataclass(frozen=True)
class GainHit:
    """One claim: its value, where its number(s) sit, and the sentence that makes it."""

    value: str
    spans: tuple[tuple[int, int], ...]
    sentence: Sentence
    metric: str | None
    baseline: str | None
    dataset: str | None


_ANY_DIGIT = re.compile(r"\d")
_SLASH_NEXT = re.compile(rf"/(?P<v>{_NUM}\s?%)(?![\w/])")


class _Found(NamedTuple):
    """A qualifying number before its labels are read: value as written, spans in the sentence, metric if known."""

    value: str
    spans: tuple[tuple[int, int], ...]
    metric: str | None = None
    score: bool = False  # a level reached (`an MAE of 11.87`): compared with a baseline only after it
    pair: bool = False  # before -> after (`from 9.64 to 7.23`): the `before` is the comparison, no baseline


def find_gains(sentences: list[Sentence]) -> list[GainHit]:
    """Every qualifying claim, in order of appearance, at most one per number."""
    found: list[GainHit] = []
    for sentence in sentences:
        found.extend(_sentence_gains(sentence))
    return found


def _sentence_gains(sentence: Sentence) -> list[GainHit]:
    text = sentence.text
    if not _ANY_DIGIT.search(text):
        return []  # no number, no gain
    if _ABOUT_OTHERS.match(text) and not _FIRST_PERSON.search(text):
        return []  # `In comparison, DT achieved 93.73%`: a baseline's number, not the paper's claim
    found: list[_Found] = []
    covered: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(text):
        changed = _is_change(m.group("a"), m.group("b")) or _counted_change(text, m, found)
        if changed and _claim_sentence(text):
            # `outperforms (from 1.71 to 2.48 BLEU points) X` is a range of gains over X, not a before -> after pair
            ranged = bool(re.search(r"(?:\bby|\()\s?$", text[:m.start()]))
            found.append(_Found(f"{m.group('a').strip()} -> {m.group('b').strip()}", (m.span("a"), m.span("b")),
                                pair=not ranged))
            covered.append(m.span())
    shares = find_sizes_and_shares(text)  # each of these is a result by its own words, metric or not
    shaped = find_shaped_results(text)  # a number bound to an outcome measure by grammar (`a test RMSE of 187.99`)
    vouched = {score.start for score in (*shares, *shaped)}
    scores = {score.start: score for score in (*shaped, *find_reported(text), *shares, *find_unit_results(text),
                                               *find_scores(text))}
    last_end: int | None = None
    ends = {score.end for score in scores.values()}  # where the achieved scores end (each is a claim)
    last_unit = ""
    for m in _CANDIDATE.finditer(text):
        start, end = m.end("pre") if m.group("pre") else m.start(), m.end()
        if any(s <= start < e for s, e in covered):
            continue
        covered.append((start, end))  # judged here, accepted or not: the score rules below do not overrule
        if levels_of_a_margin(text, start, end):
            continue  # `by +0.9% (90.2% vs. 91.1%)`: the margin is the claim
        continued = continues(text, last_end, start, end, ends)  # a list's next item, or `0.6156 (+36.41%)`
        unit = m.group("unit").strip()[:1]  # `%` or a multiplier: a list keeps its unit
        listed = last_end is not None and unit == last_unit and _listed(text, last_end, start, end)
        if continued or listed or start in vouched or _accept(text, start, end) or _claimed_score(scores.get(start)):
            hint = scores.get(start)
            found.append(_Found(text[start:end], ((start, end),), hint.metric if hint else None,
                                hint is not None and not hint.change))
            last_end, last_unit = end, unit
            if sibling := _SLASH_NEXT.match(text, end):  # `2.7%/6.3%`: the pair's second value, same claim
                found.append(_Found(sibling.group("v"), (sibling.span("v"),), found[-1].metric, found[-1].score))
                covered.append(sibling.span("v"))
                last_end = sibling.end("v")
    for score in scores.values():  # unit-less achieved scores: `an MAE of 11.87`, `by 0.4 BLEU`
        if not any(s <= score.start < e or score.start <= s < score.end for s, e in covered):
            found.append(_Found(text[score.start:score.end], ((score.start, score.end),), score.metric,
                                not score.change))
    found.sort(key=lambda f: f.spans[0][0])
    hits = [_describe(sentence, f) for f in found]
    for i, (slot, name) in respective_labels(text, [(f.spans[0][0], f.spans[-1][1]) for f in found]).items():
        hit = hits[i]
        hits[i] = replace(hit, metric=name) if slot == "metric" else replace(
            hit, baseline=name) if slot == "baseline" else replace(hit, dataset=name)
    return hits


def _listed(text: str, last_end: int, start: int, end: int) -> bool:
    """`2.1%/4.6% without external language model (LM), 1.9%/4.1% with LM`: the next item of an accepted result
    list, unless its own words make it a setting (`with 10% of the data`, `at 50% sparsity`)."""
    before, after = text[max(0, start - 60):start], text[end:end + 45]
    return continued_result(text[last_end:start]) and not _SETTING_AFTER.match(after) \
        and not _SETTING_BEFORE.search(before) and not _not_a_result(before, after)


def _claimed_score(score: Score | None) -> bool:
    """`achieve a new state-of-the-art word error rate of 3.43%`: a score rule (metric + result cue) vouches
    for a percentage the generic cue window is too short to see."""
    return score is not None and score.metric is not None and not score.change


def _is_change(a: str, b: str) -> bool:
    """`from 9.64 to 7.23` is a change; `from 2019 to 2023` or `from 1 to 10` usually is not."""
    numbers = [float(re.sub(r"[^\d.]", "", x) or 0) for x in (a, b)]
    years = all(n.is_integer() and 1900 <= n <= 2100 for n in numbers)
    return numbers[0] != numbers[1] and not years and ("." in a + b or "%" in a + b)


def _counted_change(text: str, m: re.Match[str], found: list[_Found]) -> bool:
    """`improved scores on the NEJM Case Challenge from 7 to 16 and from 13 to 20`: whole numbers are a change
    too when an improvement verb governs them (or they continue such a pair), not a range of settings."""
    a, b = (float(re.sub(r"[^\d.]", "", x) or 0) for x in (m.group("a"), m.group("b")))
    if a == b or all(n.is_integer() and 1900 <= n <= 2100 for n in (a, b)):
        return False
    before = text[max(0, m.start() - 70):m.start()]
    return bool(_IMPROVED_FROM.search(before) or (found and re.search(r"(?:,|\band)\s$", before)))


# the verb's object runs up to `from`: `improved scores on the NEJM Case Challenge from`, but not `accuracy increases
# monotonically as demonstrations grow from 8 to 1,024` (a second verb: the range is a setting)
_IMPROVED_FROM = re.compile(r"\b(?:improv|increas|rais|reduc|decreas|boost|lower|cut|lift)\w*\s"
                            r"(?:(?!as\b|when\b|while\b|if\b|grow|rang|var|go\b|goes\b)[\w-]+\s){0,7}$", re.IGNORECASE)


def _claim_sentence(text: str) -> bool:
    return bool(re.search(r"improv|reduc|increas|boost|lower|rais|decreas|cut|enhanc|drop|from .* to",
                          text, re.IGNORECASE))


def _accept(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 60):start], text[end:end + 45]
    if _DIMENSION.match(text[end:end + 3]) and text[end - 1:end] in "×xX":
        return False  # `9 × 9 board`
    if _OTHERS_NUMBER.search(before) or _not_a_result(before, after):
        return False
    if _signed_gain(text, start) or _shared_claim(after) or _kept_share(before, after):
        return True
    frugal = re.search(r"\b(?:(?:only|just|merely)\s(?:\w+s\s)?|less than\s|fewer than\s|down to\s)"
                       r"(?:about\s|around\s)?$", before)
    if frugal and re.search(r"\bwith\s(?:\w+\s)?(?:less|fewer)\sthan\s(?:about\s|around\s)?$", before):
        return False  # `with less than 90% activated parameters`: the budget the result is reached under
    if frugal and not re.search(r"\b(?:at|top)\s", before[-30:]):
        return True  # `uses only 0.1% of the parameters` is the claimed advantage
    if _RETAINED.match(after):
        return True  # `at least 83% of the non-quantized performance`: the share of quality kept is the claim
    claimed_setting = re.search(r"\b(?:by|reduc\w*|sav\w*|cut\w*|achiev\w*|attain\w*|obtain\w*)\s(?:\w+\s){0,2}$",
                                before)  # `saving more than 40% of`, `achieved 6.6 times compression rate`
    if _SETTING_AFTER.match(after) and not claimed_setting:
        return False
    if _SETTING_BEFORE.search(before) and not _CHANGE_AFTER.match(after):
        return False  # `at 50% sparsity`, but `the 2.8% gain of such net` is the claim
    if _after_a_name_in_parens(before) and not _COMPARATIVE_THAN.match(after):  # a quoted baseline, unless it is
        # the result achieved on a named set; `(510x smaller than AlexNet)` states the claim itself
        return _result_on_a_named_set(text[max(0, start - 160):start], after)
    if re.search(r"\bwhereas\s(?!(?:our|we|it)\b)[^,;]*$", before):
        return False  # a baseline's number in a contrast clause
    return bool(_CLAIM_BEFORE.search(before) or _CLAIM_AFTER.match(after))


# `0.5MB (510x smaller than AlexNet)`: a comparative and `than` right after the number make the aside a claim
_COMPARATIVE_THAN = re.compile(r"^\s?(?:smaller|larger|faster|fewer|less|lower|higher|better|cheaper|more)\s"
                               r"(?:[\w-]+\s)?than\b", re.IGNORECASE)
# the number is no result of the paper: a model description (`8x deeper than VGG nets`), a requirement met
# (`keys needed to be 55º or wider to achieve over 90% striking accuracy`), a share of people (`30% participants`)
_DESCRIBES_MODEL = re.compile(r"^\s?(?:(?:deeper|wider|bigger|larger|longer)\b(?!\s(?:gains?|improvements?|speed-?ups?|"
                              r"margins?|reductions?))|(?:more\s){1,2}(?:training\s)?(?:data|tokens|compute|GPUs|layers)\b)",
                              re.IGNORECASE)  # `70B parameters and 4× more more data`: what was spent, not gained
_REQUIREMENT = re.compile(r"\b(?:need(?:ed|s)?|requir\w*|must|necessary|sufficient|enough)\b[^.;]{0,60}\bto\s"
                          r"(?:achiev\w*|reach\w*|attain\w*|obtain\w*|get)\s"
                          r"(?:over\s|above\s|at least\s|more than\s|an?\s)?$",
                          re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"^\s?(?:of\s(?:the\s|our\s|all\s)?)?(?:participants|users|subjects|people|respondents|"
                           r"patients|students|workers|annotators|raters|clinicians)\b", re.IGNORECASE)


def _not_a_result(before: str, after: str) -> bool:
    return bool(_DESCRIBES_MODEL.match(after) or _REQUIREMENT.search(before) or _PEOPLE_AFTER.match(after))


# `the 2.8% gain`, `a 4.2% and 2.2% improvement`: a change noun right after the number (or after its pair)
_CHANGE_AFTER = re.compile(r"^\s?(?:absolute\s|relative\s)?(?:gains?|improvements?|increases?|reductions?|"
                           r"speed-?ups?|boosts?|lifts?|faster|higher|better|lower|fewer|less)\b", re.IGNORECASE)
_PAIR_THEN_CHANGE = re.compile(rf"^\s?(?:,\s|\sand\s|\sor\s|,\sand\s)(?:by\s)?{_NUM}{_UNIT}"
                               rf"(?:\s(?:and|or)\s{_NUM}{_UNIT})?(?:\s|$)", re.IGNORECASE)


def _shared_claim(after: str) -> bool:
    """`9% and 23% faster`, `a 4.2% and 2.2% improvement`: the claim word after the pair covers both numbers."""
    pair = _PAIR_THEN_CHANGE.match(after)
    return bool(pair and (_CHANGE_AFTER.match(after[pair.end() - 1:]) or _CLAIM_AFTER.match(after[pair.end() - 1:])))


def _signed_gain(text: str, start: int) -> bool:
    """`GSM8K (+17.9%)`: a plus sign marks a change, not a setting, when a verb of improvement is in the sentence."""
    return text[:start].rstrip().endswith("+") and bool(re.search(r"improv|boost|gain|increas|outperform|enhanc|rais",
                                                             text, re.IGNORECASE))


_KEEPS = re.compile(r"\b(?:retain\w*|keep\w*|kept|preserv\w*|maintain\w*|recover\w*)\s(?:about\s|over\s|up to\s|"
                    r"nearly\s|more than\s|at least\s)?$", re.IGNORECASE)


_QUALITY_OF = re.compile(r"^\s?of\s(?:[\w'-]+\s){0,3}?(?:performance|accuracy|quality|capabilit\w+|abilit\w+|"
                         r"effectiveness|utility|scores?)\b", re.IGNORECASE)


def _kept_share(before: str, after: str) -> bool:
    """`retaining 97% of its language understanding capabilities`: the share of quality kept is the claim."""
    return bool(_KEEPS.search(before) and _QUALITY_OF.match(after))


# `achieve state-of-the-art accuracy on CIFAR-100 (91.7%)`, `on the Path-X challenge (seq. length 16K, 61.4% accuracy)`
_ACHIEVED_ON = re.compile(r"\b(?:achiev\w*|obtain\w*|reach\w*|attain\w*|sets?|yield\w*|demonstrat\w*)\b[^;()]{0,80}"
                          r"\b(?:on|in)\s[^;()]{1,60}\($", re.IGNORECASE)
_SCORE_AFTER = re.compile(r"^\s?(?:accuracy|F1|mAP|AP|AUC|BLEU|mIoU|success rate|top-1)", re.IGNORECASE)


def _result_on_a_named_set(before: str, after: str) -> bool:
    """The aside after a benchmark name reports the result on it when an achieve-verb governs the sentence and no
    comparison word (`outperforming`, `than`, `over`) introduces the name."""
    outside = before[:before.rfind("(") + 1]
    if re.search(r"\b(?:outperform\w*|surpass\w*|than|over|compared|versus|vs\.?|whereas)\s", outside, re.IGNORECASE):
        return False
    aside = before[before.rfind("(") + 1:]
    return bool(_ACHIEVED_ON.search(outside) and (not aside.strip() or _SCORE_AFTER.match(after)))


_IMPROVES_FOR = re.compile(r"\b(?:improv|increas|boost|rais|enhanc)\w*\s[^,;()]{0,60}\bfor\s[^,;()]{1,40}$", re.I)
# `(at least) 83% of the non-quantized performance`, `95% of the original accuracy`
_RETAINED = re.compile(r"\s?of\s(?:the\s|its\s|their\s)?(?:original|full|non-quantized|unquantized|dense|uncompressed|"
                       r"unpruned|full-precision|full-size|teacher|base)(?:\s[\w-]+){0,2}?\s(?:performance|accuracy|"
                       r"quality|capabilit\w+)\b", re.I)


def _after_a_name_in_parens(before: str) -> bool:
    """`outperforming LoRA (5.50%)` quotes a baseline; `much fewer (around 12.3%)` is still the claim."""
    if before.count("(") <= before.count(")"):
        return False
    if re.match(r"(?:absolute|relative|i\.e\.,?|by|up to)\s", before[before.rfind("(") + 1:], re.IGNORECASE):
        return False  # `lower top-1 error (absolute 7.8%)`: the aside states the claim itself
    outside = before[:before.rfind("(")].rstrip()
    inside = before[before.rfind("(") + 1:]
    if re.search(r"\d\s?(?:%|×|x|times)$", outside) and re.fullmatch(r"\s*(?:~|about\s|around\s)?", inside):
        return False  # `more than 10% (6%) more correlated ... per-residue (per-target)`: the parallel claim
    if _IMPROVES_FOR.search(outside):
        return False  # `improves zero-shot accuracy for Llama-3-8B-Instruct (4.96%)`: that model's gain
    return not re.search(r"\b(?:fewer|less|lower|higher|more|faster|smaller|better|improv\w*|gains?|"
                         r"reduc\w*|increas\w*|speedup|by|margins?)$", outside, re.IGNORECASE)


def _describe(sentence: Sentence, found: _Found) -> GainHit:
    """Metric, baseline and dataset come only from the gain's own clause (else null: precision over recall)."""
    labels = describe(sentence.text, found.spans[0][0], found.spans[-1][1], found.metric, found.score,
                      found.pair)
    spans = tuple((sentence.start + s, sentence.start + e) for s, e in found.spans)
    return GainHit(value=found.value, spans=spans, sentence=sentence, metric=labels.metric,
                   baseline=labels.baseline, dataset=labels.dataset)
