"""What a claimed gain measures, read from the clause that holds its number.

Abstracts name the measure in a few fixed places, tried here from the most to
the least specific: the unit itself (`2x faster` -> speed), the noun after a
change (`26.9% enhancement in Mean Reciprocal Rank (MRR)`), a share of a
resource (`12.3% of the computing resources`), the object of the verb that
changes it (`reduces the FLOPs cost of DeiT-S by 34.7%`), and only then the
nearest known metric word in the clause. A generic `performance` is the metric
only when nothing more specific is (GUIDELINES §11 f).
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_measures import MEASURE_NOUN, METRIC_RE, names_measure
from summarizer.extract.rules.gain_measures import NOT_A_MEASURE as _NOT_A_MEASURE
from summarizer.extract.rules.gain_metric_list import in_measure_after, listed_object
from summarizer.extract.rules.gain_metric_of import generic_performance, metric_of_value

# `the FLOPs cost of DeiT-S by 34.7%`, `optimizer memory usage by up to 89.5%`: what the verb changes
_OBJECT_BY = re.compile(
    r"\b(?:reduc|improv|increas|decreas|lower|boost|cut|rais|enhanc|sav|shrink|accelerat|speed\w*[\s-]up|"
    r"halv|doubl|drop)(?:e|es|ed|ing|s|ting|ped|ping)?\s(?:down\s|up\s)?(?:the\s|its\s|their\s|our\s)?"
    r"(?P<m>(?!of\b|by\b)[A-Za-z][\w@^/-]*(?:\s[A-Za-z][\w@^/-]*){0,3}?)"
    r"(?:\s(?P<prep>of|for|on|in)\s(?P<tail>[^,;]{1,40}?))?\s(?:by|from)\s(?:up\sto\s|over\s|more\sthan\s|about\s|"
    r"around\s|nearly\s|"
    r"as\smuch\sas\s|at\sleast\s|a\sfactor\sof\s|an?\s(?:average|absolute|relative)\s(?:of\s)?)?[~+]?$")
# (`speeds-up execution by 7.5 minutes`, `improving the real-time factor by a factor of 8.8`)
# `26.9% enhancement in Mean Reciprocal Rank (MRR)`, `a 19.5% increase in conversational abilities`
_CHANGE_IN = re.compile(
    r"^\)?\s(?:[a-z]+\s)?(?:improvements?|gains?|increases?|reductions?|decreases?|enhancements?|boosts?|drops?|"
    r"lift|savings?)\s(?:in|of)\s(?:the\s|an?\s)?(?P<m>(?!(?:such|this|that|these|those|our|its|their)\b)[\w@^/()-]+(?:\s(?!on\b|over\b|across\b|compared\b|than\b|for\b|"
    r"with\b|while\b|when\b|at\b|and\b|against\b|relative\b|versus\b|vs\b|in\b)[\w@^/()-]+){0,4})")
_IN_TERMS_OF = re.compile(r"\bin\sterms\sof\s(?:the\s)?(?P<m>[\w@^/-]+(?:\s(?!on\b|and\b|compared\b|than\b)"
                          r"[\w@^/-]+){0,3})")
# `only 12.3% of the computing resources`: the share names its own metric
_SHARE_OF = re.compile(r"^\s?of\s(?:the\s|its\s|their\s|our\s)?(?:original\s|total\s|full\s)?"
                       r"(?P<m>[a-z][\w-]*(?:\s(?!of\b|for\b|in\b|on\b|by\b|to\b|required\b|used\b|needed\b|and\b|"
                       r"while\b|with\b)[a-z][\w-]*){0,2})")
_METRIC_BY = re.compile(r"(?P<m>[\w-]+(?:\s[\w-]+)?)\sby\s(?:up\sto\s|over\s|about\s|around\s|nearly\s|as\smuch\sas\s|"
                        r"an?\s(?:average|absolute)\s(?:of\s)?)?[~+]?$")
# `(around 12.3%) computing resources`, `12.3% of the memory`: a share of a resource names its own metric
_RESOURCE_AFTER = re.compile(r"^\)?\s(?:of\s(?:the\s)?)?"
                             r"(?P<m>(?:(?!higher|lower|more|fewer|less|better|the\s|an?\s)[a-z-]+\s)?"
                             r"(?:resources|parameters|memory|compute|computation|cost|time|latency|storage|energy|"
                             r"FLOPs|tokens))\b")
# `0.6x the GPU requirement of full finetuning`: the quantity the multiple is taken of
_MULTIPLE_THE = re.compile(r"^\s(?:of\s)?the\s(?P<m>(?:[\w-]+\s){0,2}?[\w-]+)\s"
                           r"(?:of|used\sby|required\sby|needed\sby)\s")
_LIST_REST = re.compile(r"^(?:(?:,\s|\s(?:and|or)\s|,\sand\s)~?\d[\d.,]*\s?(?:%|×|x)?)+")
_UNIT_METRIC = (("more accurate", "accuracy"), ("faster", "speed"), ("speedup", "speed"), ("speed-up", "speed"),
                ("fewer parameters", "parameters"), ("smaller", "size"), ("cheaper", "cost"),
                ("throughput", "throughput"))
# a side remark after the claim (`..., while being more memory efficient`) names no measure of this number
_OWN_CHANGE_NOUN = re.compile(r"\s(?:\w+\s)?(?:improvements?|gains?|increases?|reductions?|boosts?|drops?|"
                              r"decreases?|lift|enhancements?|speed-?ups?)\b")
_OWNED = re.compile(r"\d[%×x]?\s(?:[a-z-]+\s){0,2}$")
_SIDE_REMARK = re.compile(r",?\s(?:while|whereas|with\sonly|without)\s")


def read_metric(text: str, start: int, end: int) -> str | None:
    """The measure of the number at text[start:end] (a clause), or None when the clause names none."""
    if found := subject_metric(text, start, end) or metric_of_value(text, start, end):
        return found
    after = _LIST_REST.sub("", text[end:end + 50], count=1).lower()  # `9% and 23% faster`: the list's unit word
    for cue, metric in _UNIT_METRIC:
        if after.lstrip().startswith(cue):
            return metric
    for rule in (points_of_metric, in_measure_after, change_in_metric, change_of_in_metric, _resource_or_share,
                 object_of_change, listed_object, metric_after):
        if found := rule(text, start, end):
            return found
    return _nearest_metric(text, start, end) or generic_performance(text, start, end)


# `the English error rate was 20.4% lower`, `and Mandarin error rate 63.4% lower`, `the WER is reduced by 10%`:
# a measure-headed subject right before the number (with or without its copula) is what the number measures
_SUBJECT_BEFORE = re.compile(
    r"(?:^|\b(?:the|its|their|our)\s|,\s(?:and\s)?|\band\s)"
    r"(?P<m>(?!(?:the|an?|its|their|our|this|that|these|those)\b)(?:[A-Za-z][\w-]*\s){0,3}?[A-Za-z][\w@^/-]*)\s"
    r"(?:(?:was|is|were|are|became|becomes|has\sbeen|have\sbeen)\s)?"
    r"(?:(?:reduced|improved|increased|decreased|lowered|cut|raised|boosted)\s(?:by\s)?)?"
    r"(?:about\s|around\s|nearly\s|approximately\s|up\sto\s|only\s|over\s|~)?$")


def subject_metric(text: str, start: int, end: int) -> str | None:
    """`the English input rate was 2.93 times faster` -> `English input rate`; `the WER is reduced by 10%` -> `WER`.

    Only a subject headed by a measure (`rate`, `error`, `latency`, a known metric) counts: in `MobileNetV3-Large
    is 3.2% more accurate` the subject is the system, not what is measured.
    """
    found = _SUBJECT_BEFORE.search(text, max(0, start - 70), start)
    if not found:
        return None
    phrase = found.group("m")
    if _NOT_A_MEASURE.search(phrase):
        return None
    head = phrase.split()[-1]
    return phrase if MEASURE_NOUN.fullmatch(head) or METRIC_RE.fullmatch(head) else None


# `an absolute reduction of 5.7% and 1.2% (USA and UK) in false positives`: the change noun comes first, the measure
# after the value (list); `by 3% in accuracy` is not such a change
_CHANGE_OF = re.compile(r"\b(?:reductions?|improvements?|increases?|decreases?|gains?|drops?)\sof\s"
                        r"(?:up\sto\s|about\s)?(?:~?\d[\d.,]*\s?%?(?:,\s|\s(?:and|or)\s|,\sand\s))*$", re.IGNORECASE)
_IN_AFTER = re.compile(r"(?:(?:,\s|\s(?:and|or)\s|,\sand\s)~?\d[\d.,]*\s?%?)*(?:\s\([^()]{0,40}\))?\sin\s(?:the\s)?"
                       r"(?P<m>[\w@^/-]+(?:\s(?!and\b|on\b|over\b|compared\b|than\b|for\b|with\b|at\b|while\b)[\w@^/-]+){0,3})")


def change_of_in_metric(text: str, start: int, end: int) -> str | None:
    """`a reduction of 5.7% and 1.2% (USA and UK) in false positives` -> `false positives` (for both values)."""
    if not _CHANGE_OF.search(text, max(0, start - 80), start):
        return None
    found = _IN_AFTER.match(text, end)
    return _trim(found.group("m")) if found else None


# `96% grasp success on unseen objects`, `3.57% error on the ImageNet test set`, `5.1% higher mAP than X`: the noun
# phrase right after the number (past a comparative) names the measure when a measure heads it
_AFTER_NUMBER = re.compile(
    r"(?:(?:,\s|\s(?:and|or)\s|,\sand\s)~?\d[\d.,]*\s?(?:%|×|x|times|points?)?)*"  # `25% and 56% less delay`
    r"\)?\s(?:(?:higher|lower|better|worse|more|less|fewer|greater|smaller|larger|absolute|relative|average|"
    r"mean|overall)\s){0,2}(?P<m>(?:(?!(?:on|in|for|over|than|of|at|by|to|with|and|or|while|when|across|against|"
    r"compared|relative|versus|vs|without|within|under|using|per|after|before)\b)[\w@^/-]+(?:\s|(?=[,.;:)]|$))){1,3})")
# (`compressed down to 120MB without any loss of accuracy`: `without ...` is a side condition, not the measure)


# `by 1.6 points of SDR (signal to distortion ratio)`, `2 dB of SI-SNR`: a difference in points names its measure after
_POINTS_OF = re.compile(rf"\s?of\s(?:the\s)?(?P<m>(?:{METRIC_RE.pattern}|[A-Z][A-Z0-9@-]{{1,7}}\b)"
                        r"(?:\s[A-Za-z][\w-]*)?)")


def points_of_metric(text: str, start: int, end: int) -> str | None:
    """`1.6 points of SDR` -> `SDR`: a value in points (or dB) followed by `of` + a known metric."""
    if not re.search(r"(?:points?|pp|dB)$", text[start:end]):
        return None
    found = _POINTS_OF.match(text, end)
    if not found:
        return None
    words = found.group("m").split()
    return words[0] if len(words) > 1 and not METRIC_RE.fullmatch(found.group("m")) else found.group("m")


def metric_after(text: str, start: int, end: int) -> str | None:
    """`96% grasp success` -> `grasp success`: the words after the number up to a preposition, when a measure
    (`success`, `error`, `accuracy`, a known metric such as `WER` or `mAP`) ends them."""
    found = _AFTER_NUMBER.match(text, end)
    if not found:
        return None
    words = found.group("m").split()
    for n in range(len(words), 0, -1):  # the longest run that ends in a measure
        phrase, head = " ".join(words[:n]), words[n - 1]
        if names_measure(phrase):
            return None if _NOT_A_MEASURE.search(phrase) or _CHANGE_NOUN.fullmatch(head) else phrase
    return None


_CHANGE_NOUN = re.compile(r"improvements?|gains?|increases?|reductions?|decreases?|boosts?|drops?|lift|"
                          r"enhancements?|speed-?ups?|margin", re.IGNORECASE)


def change_in_metric(text: str, start: int, end: int) -> str | None:
    """`26.9% enhancement in Mean Reciprocal Rank (MRR)`; `by 8.9 per cent ... in terms of the average F1_c score`."""
    if change := _CHANGE_IN.match(text[end:end + 80]):
        return _trim(change.group("m"))
    in_terms = _IN_TERMS_OF.search(text, end, end + 120)
    return _trim(in_terms.group("m")) if in_terms else None


def _resource_or_share(text: str, start: int, end: int) -> str | None:
    """`(around 12.3%) computing resources`, `only 3% of the model parameters`, `0.6x the GPU requirement of X`."""
    found = (_RESOURCE_AFTER.match(text[end:end + 50]) or _SHARE_OF.match(text[end:end + 50])
             or _MULTIPLE_THE.match(text[end:end + 60]))
    return found.group("m") if found else None


def object_of_change(text: str, start: int, end: int) -> str | None:
    """`reduces the FLOPs cost of DeiT-S by 34.7%` -> `FLOPs cost`: the object of the verb that changes it.

    Only a noun phrase headed by a measure (`error`, `usage`, `cost`, a known metric) counts; `improves
    the state-of-the-art methods by 5.5%` names what is beaten, not what is measured.
    """
    found = _OBJECT_BY.search(text, max(0, start - 90), start)
    if found:
        phrase = found.group("m")
        if _QUANTITY_OF.fullmatch(phrase) and found.group("prep") == "of":
            # `the number of trainable parameters`: what is counted
            phrase = re.sub(r"^(?:the|its|their|our)\s", "", found.group("tail"))
        if _measure_like(phrase):
            return phrase
    elided = _AND_OBJECT_BY.search(text, max(0, start - 60), start)  # `sales by 5% and expenditure by over 50%`
    if elided and _OBJECT_BY.search(text, 0, elided.start() + 1) is None and _VERB_BEFORE.search(
            text, 0, elided.start()) and _measure_like(elided.group("m")):
        return elided.group("m")
    improved = _METRIC_BY.search(text, max(0, start - 60), start)
    for candidate in (improved.group("m"), improved.group("m").split()[-1]) if improved else ():
        if METRIC_RE.fullmatch(candidate):
            return candidate  # `improves accuracy by 4.2%`: the metric is what the verb changes
    return None


def _measure_like(phrase: str) -> bool:
    """A measure's name: a known metric, a measure noun at its head, or a plain lower-case noun phrase
    (`total sales`, `individual customer expenditure`, `per-GPU serving capacity`: every word starts lower-case, an
    acronym inside a hyphenated modifier is no name); never a system (`the state-of-the-art methods`)."""
    if _NOT_A_MEASURE.search(phrase):
        return False
    words = phrase.split()
    return bool(MEASURE_NOUN.search(phrase) or METRIC_RE.fullmatch(phrase)
                or (all(w[0].islower() for w in words) and len(words) <= 3 and words[0] not in _FUNCTION_WORDS))


# `the number of trainable parameters`: a count names no measure, what it counts does
_QUANTITY_OF = re.compile(r"number|amount|count|total|fraction|share|proportion|percentage", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(["a", "an", "the", "this", "that", "these", "those", "it", "its", "their", "our", "we",
                             "they", "up", "down"])
_AND_OBJECT_BY = re.compile(r"\band\s(?:the\s|its\s|their\s)?(?P<m>[a-z][\w-]*(?:\s[a-z][\w-]*){0,3}?)\sby\s"
                            r"(?:up\sto\s|over\s|more\sthan\s|about\s|around\s|nearly\s)?[~+]?$")
_VERB_BEFORE = re.compile(r"\b(?:reduc|improv|increas|decreas|lower|boost|cut|rais|enhanc|sav|speeds?\sup|sped\sup|"
                          r"accelerat)\w*\s[^,;]{1,60}$",
                          re.IGNORECASE)


def _nearest_metric(text: str, start: int, end: int) -> str | None:
    """The known metric word nearest the number, before it or after it up to a side remark."""
    window_start = max(0, start - 80)
    remark = _SIDE_REMARK.search(text, end, end + 60)
    window = text[window_start:remark.start() if remark else end + 60]
    own_noun = bool(_OWN_CHANGE_NOUN.match(text, end))
    found = [(window_start + m.start(), window_start + m.end(), m.group(0)) for m in METRIC_RE.finditer(window)
             if m.group(0).lower() != "performance"  # `performance` names no measure: null beats a vague label
             and not _owned_by_other(text, window_start + m.start(), window_start + m.end(), start, end)
             and not (own_noun and window_start + m.end() <= start
                      and _OWNED.search(text, 0, window_start + m.start()))]
    # (`a 1.1% average accuracy gain ..., and a 10% boost on MT-Bench`: `accuracy` is 1.1%'s; `52.9% AP with X
    # and 53.6% with Y` elides AP for 53.6%, which has no change noun of its own)
    if not found:
        return None
    return min(found, key=lambda m: min(abs(m[0] - end), abs(start - m[1])) + (0 if m[0] >= end else 5))[2]


# `runs in 22 ms at 28.2 mAP`, `a small model of only 10M parameters`, `in 0.8s with a success rate of 93%`: the
# measure of a later number (one before ours may be elided for ours: `52.9% AP with X and 53.6% with Y`)
_OTHER_NUMBER_BEFORE = re.compile(r"(?<![\w-])\d[\d.,]*\s?[%×xKMB]?\s(?:[a-z][\w-]*\s)?$")
_OTHER_NUMBER_AFTER = re.compile(r"\s(?:of|at|was|is|=)\s(?:about\s|around\s|only\s)?~?\d")


def _owned_by_other(text: str, metric_start: int, metric_end: int, start: int, end: int) -> bool:
    """The metric word belongs to a number after ours: it follows that number or is followed by `of N`."""
    if metric_start < start:
        return False  # before ours: shared by a list (`WER of 2.1% without X and 1.9% with Y`)
    owner = _OTHER_NUMBER_BEFORE.search(text, max(0, metric_start - 20), metric_start)
    return (owner is not None and owner.start() >= end) or _OTHER_NUMBER_AFTER.match(text, metric_end) is not None


def _trim(phrase: str) -> str | None:
    """A metric phrase without a trailing parenthesis fragment or sentence punctuation; None if vague."""
    phrase = re.sub(r"\s(?:respectively|overall|on\saverage)$", "", phrase.strip(" .,;"))
    if phrase.count("(") > phrase.count(")"):
        phrase = phrase[:phrase.rfind("(")].strip()
    return None if not phrase or _NOT_A_MEASURE.fullmatch(phrase) else phrase
