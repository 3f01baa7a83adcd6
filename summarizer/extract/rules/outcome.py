"""The outcome: the abstract's sentence that claims the main result.

The result move of an abstract reports evidence (`Experiments on X show that
...`, `Our results indicate ...`), a comparison (`X outperforms Y on all
benchmarks`, `achieves state-of-the-art`), a change with a number (`reduces
error by 13%`, `3x faster`) or, in theory papers, a proven statement (`we prove
that ... converges`). Sentences about others (`Existing methods achieve ...`)
and availability notes (`Code is available`) are not results. Null when no
sentence claims one: a position paper or a dataset description has none.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from summarizer.extract.rules.discourse import trim_claim_frame, trim_lead
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.result_cues import (
    ABILITY,
    BACKGROUND_OPENER,
    COMPARISON,
    EVIDENCE,
    MEASURED,
    PASSIVE_CLAIM,
    QUANTITY,
    TAKEAWAY,
    VAGUE,
    WE_CLAIM,
)
from summarizer.extract.rules.sentences import Sentence

_OURS = re.compile(r"\b(?:we|our|ours|us)\b|\b(?:the|this)\s(?:proposed|resulting|new)\b")
# `Code is publicly available at ...`, `data will be released`: an availability note, not a result
_NOT_RESULT = re.compile(r"(?:is|are|will\sbe|been)\s(?:made\s)?(?:publicly\s|freely\s|openly\s)?"
                         r"(?:available|released)|https?://|github\.com")
# `previous studies have shown`, `it has been shown`: someone else's finding, background
_CITED = re.compile(r"\b(?:(?:previous|prior|recent|existing|many|several|some|other)\s(?:studies|works?|research|"
                    r"papers|methods|approaches)|studies\shave|it\shas\sbeen|(?:have|has)\sbeen\s(?:shown|demonstrated|reported|"
                    r"proven|found)|is\swell[-\s]known|"
                    r"(?:have|has)\s(?:\w+ly\s|also\s){0,2}(?:shown|demonstrated|achieved|proven|revolutioni[sz]ed|"
                    r"attracted|gained|enabled|emerged|become|made))\b")  # `Learned indexes have demonstrated ...`
# `we review/discuss/outline ...`: the contribution or survey move, not a result
_SURVEY_MOVE = re.compile(r"\bwe\s(?:also\s|further\s|then\s|briefly\s){0,2}(?:review|survey|discuss|summari[sz]e|"
                          r"outline|describe|categori[sz]e|highlight)\b")
# `obtains an F1 score of 75.8%`, `reaches 52.9% AP`: a verb of attaining, its number close behind
_ATTAINED = re.compile(r"\b(?:obtain|reach|achiev|attain|yield|record|scor|gets?\b|got\b)\w*\b")
_ATTAINED_REACH = 80  # characters from the verb to the quantity it attained
# `outperforms prior methods`, `compared with existing approaches`: others named as the baseline, not cited
_AGAINST = re.compile(r"\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|than|over|compared\s(?:to|with)|"
                      r"against|versus|vs\.?|relative\sto)\s(?:[\w-]+\s){0,3}$")
_DIGIT = re.compile(r"\d")
_THRESHOLD = 2.0
QUANTITY_BONUS = 2.5
VAGUE_PENALTY = 1.5
OPENING_PENALTY = 2.0  # an abstract opens on its background: its first sentence claims nothing of its own
ABILITY_BONUS = 2.0


class ResultCues(NamedTuple):
    """The positive cues of a result sentence, found once and shared by the score and the learned ranker."""

    evidence: bool  # `Experiments on X show`
    claim: bool  # `we show that`, `is shown to`
    comparisons: int  # `outperforms`, `faster`, ... (at most 2)
    quantified: bool  # `13%`, `an AUROC of 0.87`


# Words without which `EVIDENCE`, `WE_CLAIM`, `PASSIVE_CLAIM` cannot match: substring tests are cheaper than the
# patterns, which most sentences fail (the rules run on every sentence of every abstract, within 2 ms per paper).
_EVIDENCE_VERBS = ("show", "demonstrat", "indicat", "reveal", "confirm", "suggest", "verif", "validat", "highlight",
                   "prov", "find", "found", "establish")
_PASSIVE_VERBS = ("shown", "demonstrated", "proven", "found", "observed")
_CLAIM_VERBS = ("show", "prov", "find", "found", "observ", "demonstrat", "establish", "obtain", "report", "achiev",
                "confirm", "discover", "reveal", "uncover")
# Every alternative of `COMPARISON` contains one of these (`than` stands for `better than`, `more X than`, ...).
_COMPARISON_WORDS = ("outperform", "surpass", "exceed", "beat", "rival", "on par", "comparable", "state", "sota",
                     "superior", "than", "significant", "substantial", "consistent", "competitive", "improv", "reduc",
                     "boost", "achiev", "attain", "speed", "faster", "converge", "match", "generaliz", "robust",
                     "lower", "higher", "fewer", "gain", "up to")


def result_cues(sentence: Sentence) -> ResultCues:
    """Evidence frame, authors' claim, comparison words and a quantity, as `result_score` weighs them."""
    lower = sentence.text.lower()  # cue patterns are lowercase: 3x faster than IGNORECASE
    evidence = any(verb in lower for verb in _EVIDENCE_VERBS) and bool(EVIDENCE.search(lower))
    claim = (any(verb in lower for verb in _CLAIM_VERBS) and bool(WE_CLAIM.search(lower))) or (
        " to" in lower and any(verb in lower for verb in _PASSIVE_VERBS) and bool(PASSIVE_CLAIM.search(lower)))
    compared = any(word in lower for word in _COMPARISON_WORDS)
    comparisons = sum(1 for _ in islice(COMPARISON.finditer(lower), 2)) if compared else 0
    return ResultCues(evidence, claim, comparisons, quantified(sentence))


def result_score(sentence: Sentence, summary: Hit | None, method_name: str | None, first: bool = False,
                 cues: ResultCues | None = None) -> float:
    """How strongly a sentence claims the paper's own result (below the threshold: no claim).

    Positive cues are scored first; the vetoes (availability notes, others' findings) are only
    checked for sentences that would otherwise qualify, which keeps the rule cheap. `cues`: the sentence's
    `result_cues` when the caller has them already.
    """
    text, lower = sentence.text, sentence.text.lower()
    cues = cues or result_cues(sentence)
    score = 3.0 if cues.evidence else 0.0
    if cues.claim:
        score += 2
    score += cues.comparisons
    own = owned(sentence, method_name)
    if cues.comparisons and own:
        score += 1  # `our method achieves ...`: an advantage claimed for the paper's own work
    if cues.quantified:
        score += QUANTITY_BONUS  # a reader's one-line result quotes the headline number when there is one
        if _attained(lower):
            score += 1  # `our best model obtains an F1 of 75.8%`: the headline number itself
    if not cues.evidence and _SURVEY_MOVE.search(lower):
        score -= 2
    if summary is not None and sentence.start <= summary.start < sentence.end:
        score -= 1.5  # the contribution sentence is the summary; a separate result sentence says more
    score += opening_background(first, own) + ability_claim(lower, own)
    if score < _THRESHOLD:
        return score
    if not own:
        score += vague_claim(sentence)  # `AlphaFold2's performance demonstrates the power of deep learning`
        if BACKGROUND_OPENER.match(text) or _cited(lower):
            score -= 4  # `Previous studies have shown ...`: background, not this paper's result
    return 0.0 if _NOT_RESULT.search(lower) else score


def quantified(sentence: Sentence) -> bool:
    """The sentence states a number of change or a score (`13%`, `3x`, `76.8 mAP`, `an AUROC of 0.87`)."""
    return bool(_DIGIT.search(sentence.text) and QUANTITY.search(sentence.text.lower()))


def specific(sentence: Sentence) -> bool:
    """A result a reader can quote: a number, or a comparison with a baseline or the state of the art."""
    return quantified(sentence) or bool(MEASURED.search(sentence.text.lower()))


def owned(sentence: Sentence, method_name: str | None) -> bool:
    """The sentence speaks of the paper's own work: `we`, `our`, `the proposed`, or the method's name."""
    return bool(_OURS.search(sentence.text.lower()) or (method_name and method_name in sentence.text))


def vague_claim(sentence: Sentence) -> float:
    """A claim without content (`demonstrate the effectiveness of X`) or a takeaway restating results (`These
    findings demonstrate ...`) ranks below the specific result it stands for, unless it carries a number itself;
    when it is the only claim, it stays the outcome (`experiments verify the effectiveness of our approach`)."""
    lower = sentence.text.lower()
    if specific(sentence):
        return 0.0
    return -VAGUE_PENALTY if VAGUE.search(lower) or TAKEAWAY.match(lower) else 0.0


def opening_background(first: bool, own: bool) -> float:
    """The abstract's first sentence, not in the authors' voice, is background (`Simulations are attractive ...`)."""
    return -OPENING_PENALTY if first and not own else 0.0


def ability_claim(lower: str, own: bool) -> float:
    """`our policies are able to maintain a similar level of performance`: a result stated as what the work can do."""
    return ABILITY_BONUS if own and ABILITY.search(lower) else 0.0


def _attained(lower: str) -> bool:
    """A verb of attaining whose object is a number (`reaches 52.9% AP`), not any verb in a sentence with one."""
    return any(QUANTITY.search(lower, verb.end(), verb.end() + _ATTAINED_REACH) for verb in _ATTAINED.finditer(lower))


def _cited(lower: str) -> bool:
    """Someone else's finding, unless the others are only what the sentence compares against."""
    match = _CITED.search(lower)
    return match is not None and not _AGAINST.search(lower[:match.start()])


def find_outcome(sentences: list[Sentence], summary: Hit | None, method_name: str | None,
                 scores: list[float] | None = None) -> Hit | None:
    """The strongest result claim (the earliest among equals), or None when the abstract claims none.

    The paper's own vague claim (`Our experiments highlight the capabilities of X`) ranks below a specific claim
    (a number, a comparison) when the abstract has one; when it has none, the vague claim is the outcome.
    `scores`: every sentence's `result_score`, when the caller has computed them already."""
    if scores is None:
        scores = [result_score(s, summary, method_name, i == 0) for i, s in enumerate(sentences)]
    claims = [(score, i, s) for i, (score, s) in enumerate(zip(scores, sentences, strict=True)) if score >= _THRESHOLD]
    if not claims:
        return None
    if any(specific(s) for _, _, s in claims):
        claims = [(score + (vague_claim(s) if owned(s, method_name) else 0.0), i, s) for score, i, s in claims]
    _, _, best = max(claims, key=lambda claim: (claim[0], -claim[1]))
    return trim_claim_frame(trim_lead(best))
