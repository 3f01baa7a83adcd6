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

Every rule returns `Score`s (start, end, metric as written) for `gains` to vouch for.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from summarizer.extract.rules.gain_scores import NUM, Score

# heads of a measure noun phrase: what an outcome is reported in (checked on the phrase's last word)
_MEASURE_HEAD = re.compile(
    r"(?:accurac(?:y|ies)|errors?|WERs|CERs|precision|recall|sensitivity|specificity|F1(?:-?[Ss]core)?|F-measure|AUC|AUROC|"
    r"RMSE|MAE|MAPE|MSE|WER|CER|BLEU|ROUGE(?:-\w)?|mAP|mIoU|IoU|Dice|PSNR|SSIM|FID|scores?|rates?|ratios?|"
    r"efficienc(?:y|ies)|speed(?:-?ups?)?|throughput|latenc(?:y|ies)|improvements?|gains?|reductions?|"
    r"differences?|coefficients?|correlations?|index|indices|mortality|performance|savings?|utilization|"
    r"effectiveness|kappa|agreement|yield|capacity|lifetime|life|drops?|increases?|decreases?|lifts?|boosts?|"
    r"GDT_TS|TM-score|lDDT|AP(?:50|75)?|SDR|PESQ|MOS|NDCG(?:@\d+)?|MRR|EM|pass@\d+|Elo|C-index|perplexit(?:y|ies)|"
    r"coverage|success|(?:Spearman|Pearson)(?:'s)?\s(?:correlation|rho|r)|R\^?2)", re.IGNORECASE)
# words that make a measure phrase a setting or a description, not an outcome
_SETTING_WORD = re.compile(
    r"(?<![\w-])(?:learning|sampling|dropout|frame|bit|baud|mask(?:ing)?|noise|compression|batch|threshold|cutoff|cut-off|"
    r"confidence|significance|target|budget|window|dataset|data|sample|samples|total|range|period|size|length|"
    r"depth|resolution|age|follow-up|duration|conditions?|input|training|prior|previous|baseline|reported|"
    r"existing|human|humans|their|its|survey|response|participation|prevalence|incidence|enrollment|attrition|"
    r"adherence|retention)(?![\w-])", re.IGNORECASE)
# a verb (or preposition) that states the paper's outcome and can govern a measure phrase
_RESULT_VERB = re.compile(
    r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|deliver\w*|provid\w*|produc\w*|record\w*|scor\w*|"
    r"show\w*|exhibit\w*|demonstrat\w*|giv\w*|gave|result\w*\sin|lead\w*\sto|led\sto|get|gets|got|has|have|had|"
    r"with|saw|see|sees|register\w*|return\w*|improv\w*|reduc\w*|lower\w*|increas\w*|boost\w*|rais\w*|cut\w*|"
    r"outperform\w*|surpass\w*|exceed\w*|beat\w*|gain\w*|sav\w*|represent\w*|reveal\w*|report\w*|find|found|"
    r"finds|observ\w*|runs?|ran|type|types|typed|including|push\w*|bring\w*|brought)\b",
    re.IGNORECASE)
# comparison words: a number after one of them (in its clause) is the compared party's
_COMPARED = re.compile(r"\b(?:than|compared\s(?:to|with)|vs\.?|versus|relative\sto|against|over|previous|prior|"
                       r"existing|baseline|whereas|unlike|comparable|comparison|similar\sto|on\spar|reported|"
                       r"so\sfar|matching)\b", re.IGNORECASE)
# the sentence opens on other people's work or on background (`Previous methods reach`, `By 2018, PSC achieved`)
_OTHERS_OPENING = re.compile(r"^\W*(?:(?:For|In)\scomparison|By\scontrast|In\scontrast|Previously|"
                             r"(?:The\s)?(?:previous|prior|existing|current|recent|earlier|traditional|"
                             r"conventional|state-of-the-art)\s(?:\w+\s){0,3}?(?:methods?|models?|work|studies|"
                             r"approaches|systems?|techniques?)\b|By\s\d{4}|In\s\d{4}|Since\s\d{4})", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|proposed|this\s(?:paper|study|work))\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|which|although)\b|\s(?:whereas|while)\s")
_BOUND = r"(?:(?:over|above|about|around|approximately|nearly|almost|only|just|up\sto|more\sthan|less\sthan|" \
         r"at\sleast|below|under|roughly|~|>|<|≥|≤)\s?)*"
# a value: a signed number, its scale word and its unit (`-20.4%`, `4.1 million reads per minute`, `97 per cent`)
_VALUE = (rf"[-−+]?(?P<v>{NUM}(?:\s?[-–—]\s?{NUM}(?=\s?(?:%|×|x\b|times|-?fold|points)))?)(?!\d|\.\d|,\d)(?!-[A-Za-z])"
          rf"(?!\s?%?\sor\s(?:higher|more|above|better|greater|lower|less|fewer))(?:\s(?:thousand|million|billion))?"
          rf"(?P<u>\s?%|\s(?:per\s?cent|percent|percentage\spoints|pp)\b|\s?(?:×|x)(?!\w)|\s(?:times|points?)\b|"
          rf"\s?-?fold\b|\s?(?:ms|Hz|kHz|dB|FPS|fps|WPM|wpm|[KMGT]B|cm|mm|km|kWh|mW|kW)\b|"
          rf"\s(?!(?:times|points|items|is|was|has|does|as|this|its|always|sometimes|respectively)\b)[a-z]+s"
          rf"(?:\sper\s[a-z]+)?(?=[\s,.;)]|$))?")
_NEXT_ITEM = re.compile(rf"(?:/|(?:\s(?:on|in|for|with)\s[\w-]+(?:\s[\w-]+){{0,2}}?)?(?:,\s(?:and\s)?|\sand\s))"
                        rf"{_BOUND}{_VALUE}")
# `(95% CI, -23% to 1.9%)`, `(p < 0.001)`: the bracket holds no result of its own
_NOT_A_RESULT_BRACKET = re.compile(r"\b(?:(?:95|90|99)\s?%\s?)?(?:CI|confidence\sintervals?|IQR)\b[^();\[\]]*|"
                                   r"\b[pP]\s?[<=>≤]\s?0?\.\d+")


def find_shaped_results(text: str) -> list[Score]:
    """Every number this module's rules tie to an outcome measure of the paper's own, in order."""
    if not any(c.isdigit() for c in text) or (_OTHERS_OPENING.match(text) and not _FIRST_PERSON.search(text)):
        return []
    masked = _NOT_A_RESULT_BRACKET.sub(lambda m: " " * len(m.group(0)), text)  # interval bounds out, offsets kept
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


_BOUND_WORDS = re.compile(r"\b(?:over|more\sthan|less\sthan|fewer\sthan|better\sthan|higher\sthan)\s(?=[~≈]?\d)")


# the clause's subject is someone else: `while human annotators reach an F1 of 0.87`
_OTHER_SUBJECT = re.compile(r"\b(?:humans?|annotators?|experts?|baselines?|prior|previous|existing|other|others|"
                            r"competing|radiologists?|clinicians?|physicians?|doctors?|people|crowd\w*|volunteers?|"
                            r"competitors?|teachers?|GPT-\d\w*|they|their|original)\b", re.IGNORECASE)


def _others_subject(before: str) -> bool:
    """The words of the clause before its first verb of result name another party than the paper's system (or the
    clause is a contrast, `whereas GPTQ achieves 54%`, whose subject is not the paper's)."""
    verb = _RESULT_VERB.search(before)
    subject = before[:verb.start()] if verb else before
    return bool(_OTHER_SUBJECT.search(subject))


_CONTRAST = re.compile(r"(?:,\s|\s)(?:whereas|while|but|although)\s(?P<subject>[^,;]*?)$", re.IGNORECASE)


def _in_contrast(text: str, pos: int) -> bool:
    """The number sits in a contrast clause whose subject is not the paper's (`, whereas GPTQ achieves 54%`)."""
    lo = max((m.end() for m in re.finditer(r"[;:]\s", text[:pos])), default=0)
    m = _CONTRAST.search(text, lo, pos)
    if m is None or _FIRST_PERSON.search(m.group("subject")):
        return False
    # `while still performing at ...`, `while using fewer ...`: a participle shares the main clause's subject
    return not re.match(r"\s*(?:(?:still|also|only|simultaneously|at\sthe\ssame\stime)\s)?\w+ing\b", m.group("subject"))


def _compared(text: str) -> bool:
    """A comparison word in `text` (a bound on a number, `over 1,000 trials`, is not one)."""
    return bool(_COMPARED.search(_BOUND_WORDS.sub("", text)))


_UNIT_MARK = re.compile(r"%|×|\dx\b|\d\sx\b|times|fold|point|per\s?cent")


def _rules_for(text: str) -> list[Callable[[str], list[Score]]]:
    """The rules whose binding word occurs in `text` (speed budget: most sentences need two or three of them)."""
    rules: list[Callable[[str], list[Score]]] = [value_then_measure]
    if " of " in text:
        rules.append(measure_of_value)
    if re.search(r"\s(?:was|were|is|are|reached|came|amounted|stood)\s", text):
        rules.append(measure_is_value)
    if "(" in text:
        rules += [measure_then_bracket, bracketed_measure_value]
    if _UNIT_MARK.search(text):
        rules += [amount_then_comparative, bound_then_amount, result_verb_then_amount]
        if " by " in text:
            rules.append(changed_by_amount)
    if " to " in text:
        rules.append(changed_to_level)
    if re.search(r"\b(?:sav|spar|free|cut)", text):
        rules.append(amount_saved)
    return rules


def _clause_before(text: str, pos: int, brackets: bool = False) -> str:
    """The text of the number's clause up to `pos` (a governing verb must sit inside the clause); with `brackets`,
    an open bracket starts a clause too (`(the original model achieves 84%)` has its own subject)."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)), default=0)
    if brackets and (bracket := text.rfind("(", lo, pos)) > text.rfind(")", lo, pos):
        lo = bracket + 1
    return text[lo:pos]


_FUNCTION_WORDS = frozenset(("a", "an", "the", "its", "our", "this", "their", "of", "and", "or", "in", "on", "for",
                             "to", "at", "by", "as", "is", "are", "was", "were", "that", "which", "terms"))
_QUALIFIERS = frozenset(("best", "highest", "lowest", "maximum", "minimum", "new", "state-of-the-art", "record",
                         "top", "better", "superior", "remarkable", "excellent", "high", "low", "good", "strong"))


def _measure(phrase: str) -> str | None:
    """The measure a noun phrase names (its last up to five words, articles dropped), or None for a setting.

    `maximum accuracy` and `mean absolute errors (MAE)` are measures; `a learning rate` and `a dataset` are not."""
    words = re.findall(r"[\w-]+(?:\s\([^()]{1,20}\))?", phrase.strip())[-5:]
    if _SETTING_WORD.search(" ".join(words[-3:])):
        return None  # `the maximum reported accuracy`, `a learning rate`: a setting or someone else's figure
    cut = [i for i, w in enumerate(words[:-1]) if w.lower() in _FUNCTION_WORDS or _RESULT_VERB.fullmatch(w)]
    words = words[cut[-1] + 1:] if cut else words
    while words and words[0].lower() in _QUALIFIERS:
        words = words[1:]  # `the best validation accuracy` measures validation accuracy
    if not words:
        return None
    parts = re.match(r"([\w-]+)(?:\s\((.*)\))?$", words[-1])
    if parts is None:
        return None
    head, abbr = parts.groups()
    if not (_MEASURE_HEAD.fullmatch(head) or (abbr and _MEASURE_HEAD.fullmatch(abbr))):
        return None
    name = " ".join(words)
    return None if _SETTING_WORD.search(name) else name


_VALUE_AT = re.compile(_VALUE)
_OF_ANCHOR = re.compile(rf"\bof\s{_BOUND}(?=[-−+]?\d)")
# up to six words right before a binding word (an abbreviation in brackets rides along: `errors (MAE)`)
_PHRASE_END = re.compile(r"(?:[\w-]+(?:\s\([^()]{1,20}\))?\s){1,6}$")


def _bound_values(text: str, anchor: re.Pattern[str]) -> list[tuple[str, re.Match[str]]]:
    """(phrase before the binding word, value match after it) for each place `anchor` binds a number."""
    out = []
    for a in anchor.finditer(text):
        phrase = _PHRASE_END.search(text, max(0, a.start() - 100), a.start())
        value = _VALUE_AT.match(text, a.end())
        if phrase and value:
            out.append((phrase.group(0), value))
    return out


def measure_of_value(text: str) -> list[Score]:
    """`provides a test RMSE of 187.99 cycles`, `achieved maximum accuracy of 98.91%`, `with mean absolute errors
    (MAE) of 105, 160, and 230 cycles`: a measure phrase, `of`, the value, governed by a result verb in the clause
    with no comparison word between the verb and the number."""
    out = []
    for phrase, m in _bound_values(text, _OF_ANCHOR):
        name = _measure(phrase)
        before = _clause_before(text, m.start("v"))
        verb = _last(_RESULT_VERB, before)
        if name and verb is not None and not _compared(before[verb:]) and not _others_subject(before) \
                and not _in_contrast(text, m.start()):
            out.append(Score(m.start("v"), _value_end(m), name))
    return out


_IS_ANCHOR = re.compile(rf"\b(?:was|were|is|are|reached|came\sto|amounted\sto|stood\sat),?\s{_BOUND}(?=[-−+]?\d)")


def measure_is_value(text: str) -> list[Score]:
    """`the relative difference was -20.4%`, `The mean Dice coefficient was 0.91`: a measure stated with a copula,
    in a clause that is not about someone else's number."""
    out = []
    for phrase, m in _bound_values(text, _IS_ANCHOR):
        name = _measure(phrase)
        before = _clause_before(text, m.start("v"))
        if name and not _COMPARED.search(before) and not _others_subject(before):
            out.append(Score(m.start("v"), _value_end(m), name))
    return out


_VERB_AFTER_BRACKET = re.compile(r"\s(?:was|were|is|are)\s(?:superior|higher|better|the\sbest|best|lower)\b|"
                                 r"\s(?:outperform\w*|exceed\w*|surpass\w*|beat\w*|improv\w*)\b", re.IGNORECASE)
_BRACKET_ANCHOR = re.compile(rf"(?<=\s)\({_BOUND}(?=[-−+]?\d)")


def measure_then_bracket(text: str) -> list[Score]:
    """`outperformed AE and CNN in terms of accuracy (99.2%), detection rate (93.3%)`, `the best validation accuracy
    (93.4%)`: a measure named, its value in brackets right after it, in a clause with a result verb. A name before
    the bracket (`CNN (91.4%)`) is a compared system, not a measure, and so never matches."""
    out = []
    for phrase, m in _bound_values(text, _BRACKET_ANCHOR):
        if text[m.end():m.end() + 1] != ")":
            continue
        name = _measure(phrase)
        before = _clause_before(text, m.start("v"))
        verb = _last(_RESULT_VERB, before + " ")
        if verb is None and _VERB_AFTER_BRACKET.match(text, m.end() + 1):
            verb = len(before)  # `the validation accuracy (94.9%) was superior to all three models`
        if name and (verb is not None) and not _COMPARED.search(before[verb or 0:]) and not _others_subject(before):
            out.append(Score(m.start("v"), m.start("v") + len(m.group("v")) + len(m.group("u") or ""), name))
    return out


_VALUE_MEASURE = re.compile(rf"(?<![\w.\-/])[-−+]?(?P<v>{NUM}(?:%?/{NUM})*)"
                            rf"(?P<u>\s?%|\s(?:per\s?cent|percent)\b)?(?:\sand\sabove)?"
                            rf"\s(?P<m>(?:[\w'-]+\s){{0,2}}?[\w@'-]+)(?=[\s,.;)]|$)")
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
        name = _measure(m.group("m").split()[0] if not _measure(m.group("m")) else m.group("m"))
        before = _clause_before(text, m.start("v"))
        opened = _OPENER.search(text, max(0, m.start() - 60), m.start("v"))
        if _CHANGE_NEXT.match(text, m.end("u") if m.group("u") else m.end("v")):
            continue  # an amount of change: amount_then_comparative reads it
        before = _clause_before(text, m.start("v"), brackets=True)
        if name and (opened or _ACHIEVING.search(before)) and not _OTHERS_IN_CLAUSE.search(before) \
                and not _NEEDED.search(before) and not _others_subject(before) and not _in_contrast(text, m.start()):
            unit = len(m.group("u") or "")
            for part in re.finditer(rf"{NUM}%?", m.group("v")):  # `1.8/3.3 WER`: one value per item
                end = m.start("v") + part.end()
                out.append(Score(m.start("v") + part.start(), end + (unit if end == m.end("v") else 0), name))
    return out


# a comparison or prior work anywhere earlier in the clause (`This compares to the previous ... system of 7.5% WER`)
_OTHERS_IN_CLAUSE = re.compile(r"\b(?:than|compared?s?\s(?:to|with)|vs\.?|versus|relative\sto|previous|prior|existing|"
                               r"baseline|whereas|unlike|comparable|comparison|similar\sto|on\spar|reported)\b",
                               re.IGNORECASE)
# a change noun or comparative right after a value makes it an amount of change (`a 12% gain in accuracy`)
_CHANGE_NEXT = re.compile(r"\s(?:[\w-]+\s)?(?:gains?|improvements?|increases?|reductions?|decreases?|speed-?ups?|"
                          r"boosts?|drops?|lifts?|savings?|margin|lower|higher|faster|fewer|less|more|better|smaller|"
                          r"cheaper|greater|relative|absolute)\b", re.IGNORECASE)
_ACHIEVING = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|gets?|got|scor\w*|record\w*)\b",
                        re.IGNORECASE)


_SAVED = re.compile(rf"\b(?:sav\w*|spar\w*|free\w*\sup|cut\w*\s(?:down\s)?(?:on\s)?)\s{_BOUND}[-−+]?(?P<v>{NUM})"
                    rf"(?P<u>\s(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|GPU[-\s]hours?|"
                    rf"person-hours?|dollars?|USD))\b")


def amount_saved(text: str) -> list[Score]:
    """`saving more than 8.4 years (at 40 hours per week) of human labeling effort`: an amount of time or money the
    method saves is its result (the setting inside the bracket is not)."""
    return [Score(m.start("v"), m.end("u"), None, change=True) for m in _SAVED.finditer(text)
            if not _COMPARED.search(_clause_before(text, m.start())[-40:])]


def _listed_after(text: str, score: Score) -> list[Score]:
    """`of 105, 160, and 230 cycles`, `of 83% and 81%`: the values listed right after an accepted one share its
    measure (a bare number list only; `(i.e. over 17,000 hours)` restates and is caught by its own rule)."""
    out, end = [], score.end
    unit = "%" in text[score.start:score.end]
    while (m := _NEXT_ITEM.match(text, end)) and m.end("v") - end < 40 and ("%" in (m.group("u") or "")) == unit:
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


def _value_end(m: re.Match[str]) -> int:
    """Where the value ends: after its unit when it has one (`187.99 cycles`), else after the number."""
    return m.end("u") if m.group("u") else m.end("v")


def _last(pattern: re.Pattern[str], text: str) -> int | None:
    """End offset of the last match of `pattern` in `text` (None when there is none)."""
    last = None
    for m in pattern.finditer(text):
        last = m.end()
    return last


# units that make a number an amount of change or a share (a bare count has none)
_CHANGE_UNIT = (r"(?:\s?%|\s(?:per\s?cent|percent|percentage\spoints|pp)\b|\s?(?:×|x)(?!\w)|\s(?:times|points?)\b|"
                r"\s?-?fold\b)")
_AMOUNT = rf"[-−+]?(?P<v>{NUM}(?:\s?[-–—]\s?{NUM})?)(?!\d|\.\d)(?P<u>{_CHANGE_UNIT})"
_CHANGE_VERB = re.compile(r"\b(?:improv\w*|reduc\w*|increas\w*|decreas\w*|lower\w*|rais\w*|boost\w*|cut\w*|"
                          r"outperform\w*|surpass\w*|exceed\w*|beat\w*|accelerat\w*|speed\w*|shrink\w*|"
                          r"compress\w*|enhanc\w*|gain\w*|drop\w*|decline\w*|fell|falls?|rose|rises?|grew|grows?|"
                          r"lift\w*|advanc\w*|push\w*|bring\w*|brought|shorten\w*|slash\w*|sav\w*|leads?|led)\b",
                          re.IGNORECASE)
_BY_AMOUNT = re.compile(rf"\bby\s(?:an?\s(?:average|absolute|relative|factor)\s(?:of\s)?)?{_BOUND}{_AMOUNT}")


def changed_by_amount(text: str) -> list[Score]:
    """`improves X by 3.2%`, `reduces the switch buffer requirement by more than 80%`, `outperforms Y by 2 points`:
    a verb of change governs the clause and `by` brings the amount (a year or a count after `by` has no unit)."""
    out = []
    for m in _BY_AMOUNT.finditer(text):
        before = _clause_before(text, m.start())
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
            if not _COMPARED_AMOUNT.search(_clause_before(text, m.start())[-25:])
            and not _DESCRIBES_SIZE.match(text, m.end("u"))
            and not (m.group("c").lower() in ("more", "larger", "bigger")
                     and (_SIZE_BEFORE.search(text, 0, m.start()) or _SPENT.match(text, m.end())))]


_BOUND_AMOUNT = re.compile(rf"\b(?:up\sto|as\smuch\sas|as\shigh\sas)\s{_AMOUNT}")


def bound_then_amount(text: str) -> list[Score]:
    """`speedups of up to 3.8x`, `by up to 39%`: `up to` bounds a claimed amount in a clause with a verb of
    change or achievement (`up to 50% of the data` is a setting and has neither)."""
    out = []
    for m in _BOUND_AMOUNT.finditer(text):
        before = _clause_before(text, m.start())
        if (_CHANGE_VERB.search(before) or _RESULT_VERB.search(before)) and not _OF_RESOURCE.match(text, m.end("u")):
            out.append(Score(m.start("v"), m.end("u"), None, change=True))
    return out


# `keys needed to be 55º or wider to achieve over 90% striking accuracy`: a requirement met, not a result
_NEEDED = re.compile(r"\b(?:need\w*|requir\w*|must|necessary|sufficient|enough)\b[^;]{0,60}\bto\s\w+", re.IGNORECASE)
_ACHIEVED_AMOUNT = re.compile(rf"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|record\w*|scor\w*|"
                              rf"deliver\w*|hit\w*)\s(?:an?\s|the\s)?(?:new\s)?(?:state-of-the-art\s)?{_BOUND}{_AMOUNT}")


def result_verb_then_amount(text: str) -> list[Score]:
    """`achieves 97%`, `reaching 100% on the hardest split`, `attains a 3.1x speedup`: a verb of achieving takes
    the amount as its object (someone else's achievement, `prior work reached 11%`, is not the paper's)."""
    out = []
    for m in _ACHIEVED_AMOUNT.finditer(text):
        before = _clause_before(text, m.start(), brackets=True)
        if not _COMPARED.search(before) and not _OF_RESOURCE.match(text, m.end("u")) and not _NEEDED.search(before) \
                and not _others_subject(before) and not _in_contrast(text, m.start()):
            out.append(Score(m.start("v"), m.end("u"), None, change=bool(_CHANGE_NEXT.match(text, m.end("u")))))
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
                       rf"(?P<mid>(?:\s[\w./-]+){{0,8}}?)\s(?:down\s|up\s)?to\s{_BOUND}{_VALUE}")


def changed_to_level(text: str) -> list[Score]:
    """`pushing the GLUE score to 80.5%`, `improving to 81% in the latter case`, `compresses the weights ... to 4
    bits`, `generalizes to 96% grasp success`: a verb of change brings something to the level; a range (`from A
    to B` belongs to the pair rule) or a bare count (`to 1,000 examples`) is not read here."""
    out = []
    for m in _TO_LEVEL.finditer(text):
        if re.search(r"\bfrom\b|[,;(]", m.group("mid")) or not (m.group("u") or _measure(_word_after(text, m.end()))):
            continue
        out.append(Score(m.start("v"), _value_end(m), None))
    return out


def _word_after(text: str, pos: int) -> str:
    """The up-to-two words after `pos` (`96% grasp success` -> `grasp success`)."""
    m = re.match(r"\s((?:[\w-]+\s)?[\w-]+)", text[pos:pos + 40])
    return m.group(1) if m else ""


_MEASURE_COMMA = re.compile(rf"\((?P<np>[\w-]+(?:\s[\w-]+){{0,3}}),\s{_BOUND}{_VALUE}(?=[;,)])")


def bracketed_measure_value(text: str) -> list[Score]:
    """`(relative difference, -5.7%; 95% CI, -13% to 2.8%)`, `(hazard ratio, 0.76; ...)`: structured abstracts
    name the measure and its value inside a bracket after the finding (the interval is masked before)."""
    out = []
    for m in _MEASURE_COMMA.finditer(text):
        if (name := _measure(m.group("np"))) and not _others_subject(m.group("np")):
            out.append(Score(m.start("v"), _value_end(m), name))
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
        before = _clause_before(text, m.start())
        if not _compared(before[-40:]) and not _others_subject(before):
            out.append(Score(m.start("v"), m.end("v") + len(m.group("u")), None))
    return out
