"""`<measure> of N`: the noun phrase a value is `of` names what it measures (`a success rate of 93%`)."""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_measures import MEASURE_NOUN, METRIC_RE, names_measure
from summarizer.extract.rules.gain_measures import NOT_A_MEASURE as _NOT_A_MEASURE
from summarizer.extract.rules.gain_terms import defined_term_start

# `a success rate of 93%`, `achieves success rates of 98%, 82%, and 58%`, `type at a rate of over 30 WPM`,
# `single-process read and write performance of more than 2 GB/s`: the measure is the noun phrase the value is `of`
# what may sit between `of` and the value: a hedge and earlier values of the same list (`of 98%, 82%, and 58%`)
_OF_TO_VALUE = re.compile(r"(?:about\s|around\s|approximately\s|nearly\s|over\s|more\sthan\s|up\sto\s|at\sleast\s|~)?"
                          r"(?:~?\d[\d.,]*\s?%?(?:,\s(?:and\s)?|\sand\s|,\sand\s))*")
# words that end the noun phrase on its left: articles, pronouns, prepositions, verbs of reaching or seeing
_NP_STOP = re.compile(r"(?:an?|the|its|their|our|this|that|these|those|we|they|it|with|at|in|on|for|by|to|of|is|"
                      r"are|was|were|be|been|has|have|had|achiev\w*|reach\w*|obtain\w*|attain\w*|record\w*|report\w*|"
                      r"yield\w*|show\w*|gives?|gave|deliver\w*|demonstrat\w*|maintain\w*|retain\w*|keep\w*|kept|"
                      r"observ\w*|see|saw|seen|find|found|get|got|provid\w*|offer\w*|produc\w*|exhibit\w*|also)$",
                      re.IGNORECASE)
# `competitive performance of 2.7%`, `the test set performance of 89.0%`: an evaluative word says how good, a split
# where; neither says what is measured
_EVALUATIVE = re.compile(r"(?:competitive|strong|good|better|best|superior|comparable|excellent|high|higher|overall|"
                         r"similar|significant|remarkable|impressive|state-of-the-art|sota|new|great|promising|robust|"
                         r"test|set|validation|dev|development|held-out|average|mean|final)$",
                         re.IGNORECASE)


def _noun_phrase_before(words: list[str]) -> list[str]:
    """The words of the noun phrase that ends `words`: back to a stop word or a capitalised word (`We`)."""
    phrase: list[str] = []
    for word in reversed(words):
        if _NP_STOP.fullmatch(word) or (word[0].isupper() and not (word.isupper() or any(c.isdigit() for c in word))):
            break
        phrase.insert(0, word)
    return phrase


def metric_of_value(text: str, start: int, end: int) -> str | None:
    """`success rates of 98%, 82%, and 58%` -> `success rates`; `read and write performance of 2 GB/s` keeps its
    qualifiers. Only a measure heads it (`a reduction of 5.7%` and `a factor of 3` name no measure). `competitive
    performance of 2.7%` is `performance` (GUIDELINES §11 f): an evaluative word says how good, not what."""
    of = text.rfind(" of ", max(0, start - 60), start)
    if of < 0 or not _OF_TO_VALUE.fullmatch(text, of + 4, start):
        return None
    words = _noun_phrase_before(text[max(0, of - 80):of].split()[-6:])
    while words and words[0].lower() in ("and", "or"):
        words = words[1:]
    if words and words[0].startswith("(") and (long := _defined_long_form(text, of, words[0])):
        words = long  # `mean Intersection over Union (IoU) scores of 84.5%`: the capitalised long form is the name
    if not words:
        return None
    phrase, head = " ".join(words), words[-1]
    if head.lower() == "performance":
        qualifiers = [w for w in words[:-1] if w.lower() not in ("and", "or")]  # `read and write performance`
        return phrase if qualifiers and not any(_EVALUATIVE.fullmatch(w) for w in qualifiers) else "performance"
    if _NOT_A_MEASURE.search(phrase):
        return None
    return phrase if names_measure(phrase) else None


# `achieving state-of-the-art performance with a +16.1% improvement`, `boosts the performance of chain-of-thought
# prompting ... GSM8K (+17.9%)`, `1.9x and 1.2x performance gains`: a generic measure noun the number is attached to
_PERFORMANCE_AFTER = re.compile(r"(?:(?:,\s|\s(?:and|or)\s|,\sand\s)[~+]?\d[\d.,]*\s?(?:%|×|x)?)*\s(?:[a-z]+\s)?"
                                r"performance\b")
_PERFORMANCE_BEFORE = re.compile(r"\bperformance\b")
_OTHER_MEASURE_WORD = re.compile(r"[A-Za-z][\w-]*")
_OWN_UNIT = re.compile(r"(?<!\d)(?!(?:times|points?|pts|fold|pp)\b)[A-Za-z]{2,}$")
_SIDE_CLAUSE = re.compile(r"\b(?:while|whereas|when|is\sachieved|was\sachieved)\b")


def generic_performance(text: str, start: int, end: int) -> str | None:
    """`performance` when the clause attaches the number to it and to no more specific measure (GUIDELINES §11 f):
    right after the number (`1.9x performance gains`) or earlier in the clause with no measure word in between."""
    if _OWN_UNIT.search(text, start, end):
        return None  # `running at 62 Hz`: a value with a unit measures the unit's quantity, not `performance`
    if _PERFORMANCE_AFTER.match(text, end):
        return "performance"
    before = list(_PERFORMANCE_BEFORE.finditer(text, max(0, start - 300), start))
    if not before:
        return None
    between = text[before[-1].end():start]
    if _SIDE_CLAUSE.search(between):
        return None  # `This detection performance is achieved while running at ...`: another predicate's number
    if any(MEASURE_NOUN.fullmatch(w) or METRIC_RE.fullmatch(w) for w in _OTHER_MEASURE_WORD.findall(between)):
        return None  # `performance ... in terms of accuracy, 3%`: the nearer measure is the number's
    return "performance"


def _defined_long_form(text: str, of: int, abbreviation: str) -> list[str] | None:
    """The noun phrase through the long form that `(ABBR)` (before `of`) defines, with its lower-case modifiers
    (`mean Intersection over Union (IoU) scores`), or None when the words before it spell no such long form."""
    paren = text.rfind(abbreviation, 0, of)
    start = defined_term_start(text, paren) if paren >= 0 else None
    if start is None:
        return None
    modifiers = [w for w in _noun_phrase_before(text[max(0, start - 40):start].split()[-2:])
                 if not _EVALUATIVE.fullmatch(w)]
    return modifiers + text[start:of].split()
