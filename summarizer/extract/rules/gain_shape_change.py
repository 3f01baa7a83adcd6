"""Amounts of change as results: `by 12%`, `3x faster`, `up to 40%`, `achieves a 2.1-point gain`, `to 97%`, `saving
8.4 years`. Each rule binds an amount (a number with a unit of change) to a verb or comparative of the paper's
own outcome; `gain_shape` runs them beside its measure-bound rules.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_scores import NUM, Score
from summarizer.extract.rules.gain_shape_words import (
    BOUND,
    CHANGE_NEXT,
    COMPARED,
    NEEDED,
    RESULT_VERB,
    VALUE,
    clause_before,
    in_contrast,
    measure_named,
    others_subject,
    value_end,
    word_after,
)

_SAVED = re.compile(rf"\b(?:sav\w*|spar\w*|free\w*\sup|cut\w*\s(?:down\s)?(?:on\s)?)\s{BOUND}[-−+]?(?P<v>{NUM})"
                    rf"(?P<u>\s(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|GPU[-\s]hours?|"
                    rf"person-hours?|dollars?|USD))\b")


def amount_saved(text: str) -> list[Score]:
    """`saving more than 8.4 years (at 40 hours per week) of human labeling effort`: an amount of time or money the
    method saves is its result (the setting inside the bracket is not)."""
    return [Score(m.start("v"), m.end("u"), None, change=True) for m in _SAVED.finditer(text)
            if not COMPARED.search(clause_before(text, m.start())[-40:])]


# units that make a number an amount of change or a share (a bare count has none)
_CHANGE_UNIT = (r"(?:\s?%|\s(?:per\s?cent|percent|percentage\spoints|pp)\b|\s?(?:×|x)(?!\w)|\s(?:times|points?)\b|"
                r"\s?-?fold\b)")


_AMOUNT = rf"[-−+]?(?P<v>{NUM}(?:\s?[-–—]\s?{NUM})?)(?!\d|\.\d)(?P<u>{_CHANGE_UNIT})"


_CHANGE_VERB = re.compile(r"\b(?:improv\w*|reduc\w*|increas\w*|decreas\w*|lower\w*|rais\w*|boost\w*|cut\w*|"
                          r"outperform\w*|surpass\w*|exceed\w*|beat\w*|accelerat\w*|speed\w*|shrink\w*|"
                          r"compress\w*|enhanc\w*|gain\w*|drop\w*|decline\w*|fell|falls?|rose|rises?|grew|grows?|"
                          r"lift\w*|advanc\w*|push\w*|bring\w*|brought|shorten\w*|slash\w*|sav\w*|leads?|led)\b",
                          re.IGNORECASE)


_BY_AMOUNT = re.compile(rf"\bby\s(?:an?\s(?:average|absolute|relative|factor)\s(?:of\s)?)?{BOUND}{_AMOUNT}")


def changed_by_amount(text: str) -> list[Score]:
    """`improves X by 3.2%`, `reduces the switch buffer requirement by more than 80%`, `outperforms Y by 2 points`:
    a verb of change governs the clause and `by` brings the amount (a year or a count after `by` has no unit)."""
    out = []
    for m in _BY_AMOUNT.finditer(text):
        before = clause_before(text, m.start())
        if _CHANGE_VERB.search(before) and not _COMPARED_AMOUNT.search(before[-25:]):
            out.append(Score(m.start("v"), m.end("u"), None, change=True))
    return out


# a comparative (or a change noun) right after the amount: `11.4% lower mortality`, `3-4 times faster`, `a 2.8% gain`
_AMOUNT_COMPARATIVE = re.compile(
    rf"(?<![\w.])(?:(?:up\sto|over|about|around|nearly|almost|more\sthan|at\sleast|≥|>|~)\s?)?{_AMOUNT}"
    r"\s(?:of\s)?(?:(?:absolute|relative|overall|average|on\saverage)\s)?(?:[\w-]+\s){0,2}?(?P<c>lower|higher|faster|fewer|less|more|better|"
    r"smaller|cheaper|greater|quicker|shorter|improvements?|gains?|increases?|reductions?|decreases?|speed-?ups?|"
    r"boosts?|drops?|lifts?|savings?|margin)\b")


# what was spent, not gained: `4x more data`, `10x larger model`
_SPENT = re.compile(r"\s(?:more\s)?(?:data|parameters|compute|tokens|layers|GPUs|training|pre-?training|model|"
                    r"network|memory\sthan)\b", re.IGNORECASE)


def amount_then_comparative(text: str) -> list[Score]:
    """`an 11.4% lower mortality rate for SI versus UC men`, `3-4 times faster than mainstream mappers`, `a 71%
    better RTT fairness index`: the amount qualifies a comparative or a change noun; what was spent to get it
    (`4x more data`) is not a result."""
    return [Score(m.start("v"), m.end("u"), None, change=True) for m in _AMOUNT_COMPARATIVE.finditer(text)
            if not _COMPARED_AMOUNT.search(clause_before(text, m.start())[-25:])
            and not _DESCRIBES_SIZE.match(text, m.end("u"))
            and not (m.group("c").lower() in ("more", "larger", "bigger")
                     and (_SIZE_BEFORE.search(text, 0, m.start()) or _SPENT.match(text, m.end())))]


_BOUND_AMOUNT = re.compile(rf"\b(?:up\sto|as\smuch\sas|as\shigh\sas)\s{_AMOUNT}")


def bound_then_amount(text: str) -> list[Score]:
    """`speedups of up to 3.8x`, `by up to 39%`: `up to` bounds a claimed amount in a clause with a verb of
    change or achievement (`up to 50% of the data` is a setting and has neither)."""
    out = []
    for m in _BOUND_AMOUNT.finditer(text):
        before = clause_before(text, m.start())
        if (_CHANGE_VERB.search(before) or RESULT_VERB.search(before)) and not _OF_RESOURCE.match(text, m.end("u")):
            out.append(Score(m.start("v"), m.end("u"), None, change=True))
    return out


_ACHIEVED_AMOUNT = re.compile(rf"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|record\w*|scor\w*|"
                              rf"deliver\w*|hit\w*)\s(?:an?\s|the\s)?(?:new\s)?(?:state-of-the-art\s)?{BOUND}{_AMOUNT}")


def result_verb_then_amount(text: str) -> list[Score]:
    """`achieves 97%`, `reaching 100% on the hardest split`, `attains a 3.1x speedup`: a verb of achieving takes
    the amount as its object (someone else's achievement, `prior work reached 11%`, is not the paper's)."""
    out = []
    for m in _ACHIEVED_AMOUNT.finditer(text):
        before = clause_before(text, m.start(), brackets=True)
        if not COMPARED.search(before) and not _OF_RESOURCE.match(text, m.end("u")) and not NEEDED.search(before) \
                and not others_subject(before) and not in_contrast(text, m.start()):
            out.append(Score(m.start("v"), m.end("u"), None, change=bool(CHANGE_NEXT.match(text, m.end("u")))))
    return out


# `compared to 57.5`, `than 7.5%`: a comparison word right before the amount makes it the compared party's
_COMPARED_AMOUNT = re.compile(r"\b(?:than|compared\s(?:to|with)|vs\.?|versus|relative\sto|against|whereas)\s"
                              r"(?:[\w-]+\s){0,3}$", re.IGNORECASE)


# `175 billion parameters, 10x more than any previous model`: an amount right after a size describes the size
_SIZE_BEFORE = re.compile(r"\b(?:parameters|layers|tokens|FLOPs|GPUs|data|compute)\W{1,3}(?:[\w-]+\s){0,2}$")


_DESCRIBES_SIZE = re.compile(r"\s(?:deeper|wider|bigger|larger|longer)\s(?:model|network|than)", re.IGNORECASE)


# `up to 50% of the data`, `97% of the parameters`: a share of a resource is a setting unless its own rule says not
_OF_RESOURCE = re.compile(r"\sof\s(?:the\s|its\s|their\s)?(?:[\w-]+\s)?(?:data|training|parameters|samples|"
                          r"examples|tokens|labels|compute|budget|dataset)\b", re.IGNORECASE)


_TO_LEVEL = re.compile(rf"\b(?P<verb>improv\w*|push\w*|rais\w*|reduc\w*|lower\w*|compress\w*|boost\w*|bring\w*|"
                       rf"brought|cut\w*|decreas\w*|increas\w*|driv\w*|shrink\w*|lift\w*|generaliz\w*)\b"
                       rf"(?P<mid>(?:\s[\w./-]+){{0,8}}?)\s(?:down\s|up\s)?to\s{BOUND}{VALUE}")


def changed_to_level(text: str) -> list[Score]:
    """`pushing the GLUE score to 80.5%`, `improving to 81% in the latter case`, `compresses the weights ... to 4
    bits`, `generalizes to 96% grasp success`: a verb of change brings something to the level; a range (`from A
    to B` belongs to the pair rule) or a bare count (`to 1,000 examples`) is not read here."""
    out = []
    for m in _TO_LEVEL.finditer(text):
        named = m.group("u") or measure_named(word_after(text, m.end()))
        if re.search(r"\bfrom\b|[,;(]", m.group("mid")) or not named:
            continue
        out.append(Score(m.start("v"), value_end(m), None))
    return out
