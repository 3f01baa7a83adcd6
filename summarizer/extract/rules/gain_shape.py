"""The general shape of a claimed result: a number tied, inside its clause, to a measure the paper reports.

The phrase rules in `gains`, `gain_scores`, `gain_units` and friends read result sentences word by word as
ML-arXiv abstracts write them. Abstracts from other fields say the same thing in other words (`provides a test
RMSE of 187.99 cycles`, `with mean absolute errors (MAE) of 105, 160, and 230 cycles`, `the relative difference
was -20.4%`, `in terms of accuracy (99.2%)`, `(>98% accuracy)`, `saving more than 8.4 years`). What they share is
grammar, not wording: a *measure noun phrase* (a head noun that names a quantity reported as an outcome: error,
accuracy, rate, efficiency, difference, ...) bound to a number by `of`, a copula, a bracket or adjacency, in a
clause that reports the paper's own outcome. Each rule below is one such binding; all share the same guards:

* the measure is an outcome measure, never a setting (`a learning rate of`, `a dataset of`, `conditions of`);
* the clause is the paper's own (no comparison word or prior work between the measure and the number, and
  the sentence does not open on other people's work);
* interval bounds, p-values and counts of things are not numbers of a measure.

Estimates followed by their interval (`0.72 [0.68, 0.77]`, `0.97 (95% CI 0.94-0.99)`) are findings too: the
interval is their evidence, its bounds are not values.

Every rule returns `Score`s (start, end, metric as written) for `gains` to vouch for. The shared vocabulary and
guards live in `gain_shape_words`, the rules for amounts of change (`by 12%`, `3x faster`, `up to 40%`) in
`gain_shape_change`; this module holds the measure-bound rules and runs them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summarizer.extract.rules.gain_scores import NUM, Score
from summarizer.extract.rules.gain_shape_change import (
    amount_saved,
    amount_then_comparative,
    bound_then_amount,
    changed_by_amount,
    changed_to_level,
    result_verb_then_amount,
)
from summarizer.extract.rules.gain_shape_words import (
    BOUND,
    CHANGE_NEXT,
    COMPARED,
    FIRST_PERSON,
    NEEDED,
    NEXT_ITEM,
    NOT_A_RESULT_BRACKET,
    OF_ANCHOR,
    OTHERS_OPENING,
    PHRASE_END,
    RESULT_VERB,
    UNIT_MARK,
    VALUE,
    VALUE_AT,
    clause_before,
    has_comparison,
    in_contrast,
    last_end,
    measure_named,
    others_subject,
    value_end,
)


def find_shaped_results(text: str) -> list[Score]:
    """Every number this module's rules tie to an outcome measure of the paper's own, in order."""
    if not any(c.isdigit() for c in text) or (OTHERS_OPENING.match(text) and not FIRST_PERSON.search(text)):
        return []
    masked = NOT_A_RESULT_BRACKET.sub(lambda m: " " * len(m.group(0)), text)  # interval bounds out, offsets kept
    found: dict[int, Score] = {}
    named = (measure_is_value, measure_then_bracket, bracketed_measure_value)  # the measure is bound tightly
    for rule in _rules_for(masked):
        for score in rule(masked):
            score = score if rule in named else score._replace(metric=None)  # else the clause readers name it
            found.setdefault(score.start, score)
            for item in (*_listed_after(masked, score), *_listed_before(masked, score)):
                found.setdefault(item.start, item)
    if "[" in text or "(" in text:
        for score in estimates_with_interval(text):  # read on the unmasked text: the interval is its evidence
            found.setdefault(score.start, score)
    return sorted(found.values())


def _rules_for(text: str) -> list[Callable[[str], list[Score]]]:
    """The rules whose binding word occurs in `text` (speed budget: most sentences need two or three of them)."""
    rules: list[Callable[[str], list[Score]]] = [value_then_measure]
    if " of " in text:
        rules.append(measure_of_value)
    if re.search(r"\s(?:was|were|is|are|reached|came|amounted|stood)\s", text):
        rules.append(measure_is_value)
    if "(" in text:
        rules += [measure_then_bracket, bracketed_measure_value]
    if UNIT_MARK.search(text):
        rules += [amount_then_comparative, bound_then_amount, result_verb_then_amount]
        if " by " in text:
            rules.append(changed_by_amount)
    if " to " in text:
        rules.append(changed_to_level)
    if re.search(r"\b(?:sav|spar|free|cut)", text):
        rules.append(amount_saved)
    return rules


def _bound_values(text: str, anchor: re.Pattern[str]) -> list[tuple[str, re.Match[str]]]:
    """(phrase before the binding word, value match after it) for each place `anchor` binds a number."""
    out = []
    for a in anchor.finditer(text):
        phrase = PHRASE_END.search(text, max(0, a.start() - 100), a.start())
        value = VALUE_AT.match(text, a.end())
        if phrase and value:
            out.append((phrase.group(0), value))
    return out


def measure_of_value(text: str) -> list[Score]:
    """`provides a test RMSE of 187.99 cycles`, `achieved maximum accuracy of 98.91%`, `with mean absolute errors
    (MAE) of 105, 160, and 230 cycles`: a measure phrase, `of`, the value, governed by a result verb in the clause
    with no comparison word between the verb and the number."""
    out = []
    for phrase, m in _bound_values(text, OF_ANCHOR):
        name = measure_named(phrase)
        before = clause_before(text, m.start("v"))
        verb = last_end(RESULT_VERB, before)
        if name and verb is not None and not has_comparison(before[verb:]) and not others_subject(before) \
                and not in_contrast(text, m.start()):
            out.append(Score(m.start("v"), value_end(m), name))
    return out


_IS_ANCHOR = re.compile(rf"\b(?:was|were|is|are|reached|came\sto|amounted\sto|stood\sat),?\s{BOUND}(?=[-−+]?\d)")


def measure_is_value(text: str) -> list[Score]:
    """`the relative difference was -20.4%`, `The mean Dice coefficient was 0.91`: a measure stated with a copula,
    in a clause that is not about someone else's number."""
    out = []
    for phrase, m in _bound_values(text, _IS_ANCHOR):
        name = measure_named(phrase)
        before = clause_before(text, m.start("v"))
        if name and not COMPARED.search(before) and not others_subject(before):
            out.append(Score(m.start("v"), value_end(m), name))
    return out


_VERB_AFTER_BRACKET = re.compile(r"\s(?:was|were|is|are)\s(?:superior|higher|better|the\sbest|best|lower)\b|"
                                 r"\s(?:outperform\w*|exceed\w*|surpass\w*|beat\w*|improv\w*)\b", re.IGNORECASE)


_BRACKET_ANCHOR = re.compile(rf"(?<=\s)\({BOUND}(?=[-−+]?\d)")


def measure_then_bracket(text: str) -> list[Score]:
    """`outperformed AE and CNN in terms of accuracy (99.2%), detection rate (93.3%)`, `the best validation accuracy
    (93.4%)`: a measure named, its value in brackets right after it, in a clause with a result verb. A name before
    the bracket (`CNN (91.4%)`) is a compared system, not a measure, and so never matches."""
    out = []
    for phrase, m in _bound_values(text, _BRACKET_ANCHOR):
        if text[m.end():m.end() + 1] != ")":
            continue
        name = measure_named(phrase)
        before = clause_before(text, m.start("v"))
        verb = last_end(RESULT_VERB, before + " ")
        if verb is None and _VERB_AFTER_BRACKET.match(text, m.end() + 1):
            verb = len(before)  # `the validation accuracy (94.9%) was superior to all three models`
        if name and (verb is not None) and not COMPARED.search(before[verb or 0:]) and not others_subject(before):
            out.append(Score(m.start("v"), m.start("v") + len(m.group("v")) + len(m.group("u") or ""), name))
    return out


_VALUE_MEASURE = re.compile(rf"(?<![\w.\-/])[-−+]?(?P<v>{NUM}(?:%?/{NUM})*)"
                            rf"(?P<u>\s?%|\s(?:per\s?cent|percent)\b)?(?:\sand\sabove)?"
                            rf"\s(?P<m>(?:[\w'-]+\s){{0,2}}?[\w@'-]+)(?=[\s,.;)]|$)")


_OPERATING_POINT = re.compile(r"\s(?:operating|working)\s(?:points?|regimes?)\b")
_OPENER = re.compile(r"(?:\(\s?|,\s|\b(?:with|same|at|of|to|including|achiev\w*|reach\w*|attain\w*|obtain\w*|"
                     r"yield\w*|gets?|demonstrat\w*|show\w*|deliver\w*|provid\w*|scor\w*|record\w*)\s)(?:an?\s|the\s)?"
                     r"(?:(?:state-of-the-art|new|average|mean|median|overall)\s)?"
                     r"(?:(?:over|above|about|around|approximately|nearly|up\sto|more\sthan|at\sleast|~|>|≥)\s?)*$")


def value_then_measure(text: str) -> list[Score]:
    """`(>98% accuracy)`, `at the same 96.6% accuracy as`, `achieves 28.4 BLEU`, `gets 78.6 mAP`, `runs in 22 ms at
    28.2 mAP`: a number followed by the measure it is a value of, right after a bracket, `with`, `at`, `same` or a
    verb of achieving (or in a clause such a verb governs, for the items of a list)."""
    out = []
    for m in _VALUE_MEASURE.finditer(text):
        name = measure_named(m.group("m").split()[0] if not measure_named(m.group("m")) else m.group("m"))
        before = clause_before(text, m.start("v"))
        opened = _OPENER.search(text, max(0, m.start() - 60), m.start("v"))
        if CHANGE_NEXT.match(text, m.end("u") if m.group("u") else m.end("v")):
            continue  # an amount of change: amount_then_comparative reads it
        if _OPERATING_POINT.match(text, m.end()):
            continue  # `at a 50% efficiency operating point`: where the result is read off, a setting
        before = clause_before(text, m.start("v"), brackets=True)
        if name and (opened or _ACHIEVING.search(before)) and not _OTHERS_IN_CLAUSE.search(before) \
                and not NEEDED.search(before) and not others_subject(before) and not in_contrast(text, m.start()):
            unit = len(m.group("u") or "")
            for part in re.finditer(rf"{NUM}%?", m.group("v")):  # `1.8/3.3 WER`: one value per item
                end = m.start("v") + part.end()
                out.append(Score(m.start("v") + part.start(), end + (unit if end == m.end("v") else 0), name))
    return out


# a comparison or prior work anywhere earlier in the clause (`This compares to the previous ... system of 7.5% WER`)
_OTHERS_IN_CLAUSE = re.compile(r"\b(?:than|compared?s?\s(?:to|with)|vs\.?|versus|relative\sto|previous|prior|existing|"
                               r"baseline|whereas|unlike|comparable|comparison|similar\sto|on\spar|reported)\b",
                               re.IGNORECASE)


_ACHIEVING = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|gets?|got|scor\w*|record\w*)\b",
                        re.IGNORECASE)


def _listed_after(text: str, score: Score) -> list[Score]:
    """`of 105, 160, and 230 cycles`, `of 83% and 81%`: the values listed right after an accepted one share its
    measure (a bare number list only; `(i.e. over 17,000 hours)` restates and is caught by its own rule)."""
    out, end = [], score.end
    unit = "%" in text[score.start:score.end]
    while (m := NEXT_ITEM.match(text, end)) and m.end("v") - end < 40 and ("%" in (m.group("u") or "")) == unit:
        out.append(Score(m.start("v"), m.end("v") + len(m.group("u") or ""), score.metric, score.change))
        end = out[-1].end
    return out


_PREVIOUS_ITEM = re.compile(rf"[-−+]?(?P<v>{NUM})(?P<u>{{unit}})(?:,\s(?:and\s)?|\sand\s|/)$")


def _listed_before(text: str, score: Score) -> list[Score]:
    """`1.9x and 1.2x performance gains`, `25% and 56% less delay`: the items listed right before an accepted value,
    in its unit, belong to the same claim (the words after the last item name it)."""
    out: list[Score] = []
    start = score.start
    unit = re.match(r"[\d.,]+(\s?(?:%|×|x|times|-?fold|points?))", text[score.start:score.end])
    if unit is None:
        return out
    previous = re.compile(_PREVIOUS_ITEM.pattern.replace("{unit}", re.escape(unit.group(1))))
    while m := previous.search(text, max(0, start - 30), start):
        out.append(Score(m.start("v"), m.end("u"), score.metric, score.change))
        start = m.start("v")
    return out


_MEASURE_COMMA = re.compile(rf"\((?P<np>[\w-]+(?:\s[\w-]+){{0,3}}),\s{BOUND}{VALUE}(?=[;,)])")


def bracketed_measure_value(text: str) -> list[Score]:
    """`(relative difference, -5.7%; 95% CI, -13% to 2.8%)`, `(hazard ratio, 0.76; ...)`: structured abstracts
    name the measure and its value inside a bracket after the finding (the interval is masked before)."""
    out = []
    for m in _MEASURE_COMMA.finditer(text):
        if (name := measure_named(m.group("np"))) and not others_subject(m.group("np")):
            out.append(Score(m.start("v"), value_end(m), name))
    return out


# `0.72 [0.68, 0.77] in CLUE I`, `0.97 (95% CI 0.94-0.99)`: an estimate followed by its interval
_ESTIMATE = re.compile(rf"(?<![\w.\-/\[(])[-−+]?(?P<v>{NUM})(?P<u>%?)\s?[\[(](?:(?:95|90|99)\s?%\s?CI[:,]?\s?)?"
                       rf"[-−]?{NUM}%?\s?(?:,|–|—|-|to)\s?[-−]?{NUM}%?[\])]")


def estimates_with_interval(text: str) -> list[Score]:
    """`average hazard ratio [95% confidence intervals] were 0.72 [0.68, 0.77] in CLUE I, 0.69 [0.65, 0.73] in CLUE
    II`: epidemiology and trial abstracts report an estimate with its interval right after it; the estimate is the
    finding (the bounds are not), unless the clause is about someone else's number."""
    out = []
    for m in _ESTIMATE.finditer(text):
        before = clause_before(text, m.start())
        if not has_comparison(before[-40:]) and not others_subject(before):
            out.append(Score(m.start("v"), m.end("v") + len(m.group("u")), None))
    return out
