"""Metric, baseline and dataset of a claimed gain, read from the gain's own clause only.

The guidelines (and users) want precision over recall: a label the clause does
not state is an error, so every reader here looks only inside the clause that
holds the number and returns None when nothing there names the slot. An
achieved score (`reaches 59.4% accuracy`) has no baseline; lists paired with
`respectively` are matched item by item.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from summarizer.extract.rules.gain_metric import METRIC_RE, read_metric
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.resources import find_datasets_cached, find_models_cached

# what ends a clause: metric, baseline and dataset of a gain must be stated inside the gain's own clause
# (`, achieving 100% accuracy` and `, outperforming X by 9.6%` are claims of their own: a result participle after
# a comma starts a new clause; `, outperforming LoRA (5.50%)` has no number of its own and stays with the score)
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|although|though|which|where|and\s(?:we|it|our))\b"
                           r"(?!\s\w+ing\b)|\s(?:while|whereas|but)\s(?!\w+ing\b)|(?<!\bvs)(?<!\bal)\.\s|"
                           r"\sand\s(?=(?:find|found|show|showed|observe|observed|demonstrate|demonstrated)\s)|"
                           r",\s(?=(?:achieving|reaching|"
                           r"attaining|obtaining|yielding)\b|(?:outperforming|surpassing|beating|exceeding)\b[^,;.]*?\bby\s)"
                           r"|,\sand\s(?=(?:achiev|obtain|reach|attain)\w*\s)"
                           r"|\sand\s(?=(?:(?:for|with|on|in|at|under|using)\s[^,;.]{0,45},\s)?(?:[A-Z][\w-]*|it|we|they)"
                           r"\s(?:achiev|obtain|reach|attain)\w*\s)")
# (`performs better than X, and achieves an F1 of 72.43`, `... and for 512 input, SSD achieves 76.9%`: a conjunct
# with its own result verb is a claim of its own)
_BASELINE = re.compile(
    r"\b(?:[Cc]ompared\s(?:to|with)|[Ii]n\scomparison\s(?:to|with)|[Rr]elative\sto|than|versus|vs\.?|against|over|"
    r"outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?|"
    r"(?:same|similar|comparable)\s(?:[\w-]+\s){0,2}as|\bas\s(?:accurate|fast|good|efficient)\sas)\s"
    r"(?:\([^()]{1,60}\)\s)?(?:~?\d[\d.,]*\s?%?(?:\s[A-Za-z][\w-]*){1,2}\sin\s~?\d[\d.,]*\s?[a-z]+\s(?:by|for|of)\s)?"
    r"(?:(?:an?\s|the\s)?(?:[\w-]+\s){0,2}of\s~?\d[\d.,]*\s?%?\s(?:for|by|of|from|with)\s)?"
    rf"(?:(?:the\s|an?\s)?{METRIC_RE.pattern}\s(?:for|of|by|with|from)\s)?(?:the\s|an?\s(?!\d))?(?P<b>(?!by\b|up\b|\d)[\w\-.+/]+(?:\s(?!by\b|on\b|in\b|with\b|"
    r"while\b|and\b|across\b|for\b|at\b|when\b|using\b|under\b|to\b|of\b|which\b)[\w\-.+/]+){0,4}"
    r"(?:,\ssuch\sas\s[\w\-.+/]+(?:(?:,\s|\sand\s)[\w\-.+/]+){0,3})?)")
# `against the independent, multiethnic data set`: where it was tested, not what it was compared with
_EVALUATED_ON = re.compile(r"[\w\s,-]{0,40}?\b(?:data\s?sets?|benchmarks?|test\ssets?|cohorts?|corpus|corpora)\b")
# `on commonsense reasoning tasks`: the evaluation named by what it is, when no dataset name is given
_ON_TASKS = re.compile(r"\bon\s(?:the\s|six\s|five\s|four\s|three\s|two\s|several\s|\d+\s)?(?P<d>(?:[\w-]+\s){0,3}"
                       r"(?:tasks|benchmarks?|datasets?|test\sset))\b")
# `vs performance`, `than that`: a word, not a compared system
_GENERIC_BASELINE = re.compile(r"(?:performance|accuracy|results?|that|those|this|it|them|time|cost|compute|memory|"
                               r"speed|quality|efficiency|\w+ly\b(?!\s\w+(?:ed|en)\s\w))\b", re.IGNORECASE)
# (`than previously reported` is no system; `than commonly used intra-batch parallelism techniques` is one)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding text[start:end]: from the last break before it to the first after it.

    A break inside parentheses (`on BERT-large (seq. length 512) compared to X`) ends no clause.
    """
    breaks = _breaks(text)
    lo = max((b_end for _, b_end in breaks if b_end <= start), default=0)
    after = next((b_start for b_start, _ in breaks if b_start >= end), None)
    return lo, after if after is not None else len(text)


@lru_cache(maxsize=64)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """The clause breaks of a sentence outside parentheses (each gain of the sentence asks again)."""
    return tuple(m.span() for m in _CLAUSE_BREAK.finditer(text)
                 if text.count("(", 0, m.start()) <= text.count(")", 0, m.start()))


def _nearest(matches: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    if not matches:
        return None
    return min(matches, key=lambda m: min(abs(m[0] - end), abs(start - m[1])) + (0 if m[0] >= end else 5))[2]


def _follows_another_claim(text: str, found: tuple[int, int, str], start: int) -> bool:
    """`15% speedup on BERT-large compared to the MLPerf record, 3× speedup on GPT-2`: a comparison right after
    another number is that number's, unless it leads to ours by `by` (`outperforming X by 9.6%`)."""
    link = r"\s?(?:by|with)\s(?:up\sto\s|over\s|about\s|an?\s[\w-]+\s(?:of\s)?)?[~+]?"
    if re.fullmatch(link, text[found[1]:start]):
        return False
    return bool(_CLAIMED_NUMBER.search(text, max(0, found[0] - 90), found[0]))


# a number with a unit of change (`15%`, `3×`, `2 points`), not a year, a version (`V2`) or a setting (`512`)
_CLAIMED_NUMBER = re.compile(r"(?<![\w.-])\d[\d.,]*\s?(?:%|×|x\b|times\b|points?\b|-fold\b)")


# `0.6x the GPU requirement of full finetuning`: a multiple of another system's quantity names that system
_MULTIPLE_OF = re.compile(r"\s(?:of\s)?the\s(?:[\w-]+\s){1,3}?(?:of|used\sby|required\sby|needed\sby|for)\s(?:the\s)?"
                          r"(?P<b>[\w-]+(?:\s(?!while\b|and\b|with\b|on\b|in\b)[\w-]+){0,3})")


def _baseline(text: str, start: int, end: int) -> str | None:
    """The compared system nearest the number in its clause (`than X`, `over X`, `outperforming X`)."""
    if re.search(r"(?:[x×]|times)$", text[start:end]) and (multiple := _MULTIPLE_OF.match(text, end)):
        return multiple.group("b").rstrip(".,;")
    found = [(m.start(), m.end(), m.group("b").rstrip(".,;:)-")) for m in _BASELINE.finditer(text)
             if re.match(r"(?!an?\s)[A-Za-z]", m.group("b")) and not re.search(r"\d%", m.group("b"))
             and not _GENERIC_BASELINE.match(m.group("b"))
             and not re.match(r"(?:on|in|at|for|with|of|to|by|from|one|two|three|four|five|ten|half|a few)\b",
                              m.group("b"))  # `less than one modification per sentence` is a quantity
             and not _EVALUATED_ON.match(text, m.start("b"))  # `testing against the independent data set`
             and not (re.search(r"\b(?:rather|other|less|more|fewer|greater)\s$", text[max(0, m.start() - 8):m.start()])
                      and not re.match(r"than\s(?:the|an?)\s", m.group(0)))]
    # (`less than one modification` is a quantity; `greater than the AUC-ROC for X` compares with X)
    # within the clause, and near: up to 90 characters before the number or 150 after it
    found = [f for f in found if (f[0] >= end and f[0] - end < 150) or (f[0] < start and f[1] > end)
             or (f[1] <= start and start - f[1] < 90 and not _follows_another_claim(text, f, start))]
    # (or around it: `beats (by 2%) X`)
    return _nearest(found, start, end)


# `on test-clean`, `on the validation set`, `across 50 real-world manipulation tasks`: an evaluation set named by
# what it is; `on the test clean subset of LibriSpeech English data` keeps its `of` tail
_EVAL_SET = re.compile(r"\b(?:[Oo]n|across|in)\s(?:the\s|all\s)?(?P<d>(?:\d+\s)?(?:[\w/-]+\s|\([A-Z][\w-]*\)\s){0,4}?"
                       r"(?:tasks|benchmarks?|datasets?|data\ssets?|test\ssets?|validation\ssets?|dev(?:elopment)?\sset|held-out\sset|test[-\s]clean|"
                       r"test[-\s]other|dev[-\s]clean|dev[-\s]other|test\ssplit|subset|cohorts?|"
                       r"(?:held-out|hold-out|unseen|external)\s[a-z][\w-]*|(?<=the\s)test\s(?:set|split|data|[A-Z][\w-]*(?:\s[a-z]+)?)|"
                       r"(?:an?\s)?(?:A/B|online|live|user|field)\s(?:[\w-]+\s)?(?:test|study|experiment|trial))"
                       r"(?:\s(?:datasets?|benchmarks?|tasks))?"
                       r"(?:\s(?:subset\s)?of\s(?:the\s)?"
                       r"[\w-]+(?:\s[A-Z][\w-]*){0,3}(?:\s(?:data|dataset|benchmark))?)?)\b")


# `scores on the NEJM Case Challenge from 7 to 16`: a capitalised name right after the claim is where it was measured
_NAMED_AFTER = re.compile(r"\bon\s(?:the\s)?(?P<d>[A-Z][\w-]*(?:\.\d+)?(?:\s(?:v?\d[\w.]*|[A-Z0-9][\w-]*)){0,3})")


def _dataset(text: str, start: int, end: int) -> str | None:
    """Where the claim was measured, from its own clause.

    An evaluation set right after the number (`4% on test-clean`, before any other number) wins;
    else the named dataset nearest the number; else an evaluation set anywhere in the clause.
    """
    if (named := _named_before_parens(text, start)) is not None:
        return named
    right_after = _EVAL_SET.search(text, end) or _NAMED_AFTER.search(text, end)
    if right_after and _is_a_model(right_after.group("d")):
        right_after = None  # `3× speedup on GPT-2`: a model, not a dataset
    if right_after and re.fullmatch(r"[^\d%;]{0,60}", text[end:right_after.start()]):
        return _named_inside(right_after.group("d")) or right_after.group("d")
    found = [f for f in _every_mention(text, find_datasets_cached(text)) if not _is_a_model(f[2])]
    if (aside := _ASIDE.search(text, 0, start)) and not _CLOSED.search(text, aside.end(), start):
        found = [f for f in found if f[1] <= aside.start()]  # `MultiNLI accuracy to 86.7% (4.6% ...)`: 86.7%'s
    if found:
        return _nearest(found, start, end)
    free = [m for m in (*_EVAL_SET.finditer(text), *_NAMED_AFTER.finditer(text, 0, start))
            if not _owned_by_an_earlier_number(text, m.start(), start)]
    anywhere = free[0] if free else _ON_TASKS.search(text, end)
    return anywhere.group("d") if anywhere else None


# `MultiNLI accuracy to 86.7% (4.6% absolute improvement), SQuAD v1.1 ...`: a gain in an aside right after another
# value restates that value's claim, so it was measured where that value was, never on what follows the aside
_ASIDE = re.compile(r"\d\s?(?:%|×|x|points?)?\s\((?:[^()]{0,20}\s)?$")
_CLOSED = re.compile(r"\)")


# `a 75% success rate on new tasks and an 83% ...`: `on new tasks` is 75%'s, never 83%'s
_BELONGS_TO_A_NUMBER = re.compile(r"\d\s?[%×x]?(?:\s[A-Za-z-]+){0,4}\s$")


# `..., Flowers (98.8%)`, `and Path-256 (seq. length 64K, 63.1% accuracy)`: a value in a parenthesis right after a name
_BEFORE_PARENS = re.compile(r"(?:\b(?:on|in|and|or|including|like|as)\s|,\s)(?:the\s)?"
                            r"(?P<d>[A-Z][\w.-]*(?:\s[A-Z0-9][\w.-]*){0,2})(?:\s(?:challenge|dataset|benchmark|task|test\sset))?\s\((?:[^()]{0,40}[,;]\s)?[+~]?$")


def _named_before_parens(text: str, start: int) -> str | None:
    """The dataset named right before the parenthesis that holds the value (not a model: `Mistral-7B (4.96%)`)."""
    found = _BEFORE_PARENS.search(text, max(0, start - 90), start)
    if found is None or _is_a_model(found.group("d")):
        return None
    return found.group("d")


def _is_a_model(name: str) -> bool:
    """A pretrained model the lexicon knows (`GPT-2`, `BERT-large`) is not where a claim was measured."""
    return any(h.start == 0 and h.end == len(name) for h in find_models_cached(name))


def _every_mention(text: str, hits: tuple[Hit, ...]) -> list[tuple[int, int, str]]:
    """Each named dataset at every place the clause names it (`Experiments on ImageNet ... than X on ImageNet`:
    the mention next to the number counts, not only the first)."""
    found = []
    for value in dict.fromkeys(h.value for h in hits):
        found += [(m.start(), m.end(), value) for m in re.finditer(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text)]
    return found or [(h.start, h.end, h.value) for h in hits]


def _owned_by_an_earlier_number(text: str, phrase_start: int, start: int) -> bool:
    """The phrase sits right after a number before ours (a trailing phrase after the list's last item is shared)."""
    owner = _BELONGS_TO_A_NUMBER.search(text, 0, phrase_start)
    return owner is not None and owner.start() < start


def _named_inside(phrase: str) -> str | None:
    """`RLBench2 simulation benchmark` -> `RLBench2`: a lexicon/named dataset inside the phrase, when there is one."""
    hits = find_datasets_cached(phrase)
    return phrase if hits else None


_RESULT_PARTICIPLE = re.compile(r"(?:achieving|reaching|attaining|obtaining|yielding)\b")


class Labels(NamedTuple):
    """What a claim measures, what it is compared with, and where it was measured (None = not stated)."""

    metric: str | None
    baseline: str | None
    dataset: str | None


def describe(text: str, start: int, end: int, metric: str | None = None, score: bool = False,
             pair: bool = False) -> Labels:
    """Metric, baseline and dataset of the claim at text[start:end], from its own clause only.

    `metric` is the name a score rule already read (`an MAE of 11.87`). A before -> after `pair` takes
    no baseline (its `before` is the comparison). A change stated in a result participle
    (`outperforms X, achieving a 16.1% improvement`) is measured against the main clause's X; an
    achieved level there (`score`, or `achieving 100% accuracy`) is not.
    """
    lo, hi = clause_bounds(text, start, end)
    clause, start, end = text[lo:hi], start - lo, end - lo
    side_lo, side_hi = while_part(clause, start, end)
    side, side_start, side_end = clause[side_lo:side_hi], start - side_lo, end - side_lo
    absolute = score or is_achieved_score(clause, start, end)
    # an achieved level is compared only inside its own part (`achieves 84.3% top-1 accuracy on ImageNet, while
    # being 8.4x smaller ... than X`: X is compared with the size, not with the score)
    baseline = None if pair else _baseline(side, side_start, side_end) if absolute else _baseline(clause, start, end)
    if baseline is None and not (pair or absolute) and _RESULT_PARTICIPLE.match(clause):
        # `outperforms prior methods, achieving a +16.1% improvement`: the change is measured against the
        # system the main clause outperforms (an achieved level would not be: see `absolute`)
        baseline = _baseline(text[:lo], lo, lo)
    dataset = _dataset(side, side_start, side_end) or framed_dataset(text, lo)
    return Labels(clean_metric(metric or read_metric(clause, start, end)), baseline, dataset)


# `From LibriSpeech evaluation, X outperformed existing schemes: 25% ...`, `For Voice Search evaluation, 12% ...`: a
# sentence that opens by naming where it was measured frames its main clause (and that clause's colon elaboration),
# not a later clause with a subject of its own
_FRAME = re.compile(r"(?:On|For|From|In|Across)\s(?:the\s)?(?P<d>(?!(?:Table|Figure|Fig|Section|Appendix|Sec|Eq|"
                    r"Experiment|Study|Phase|Stage|Step|Part|Case|Chapter|January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\b)"
                    r"[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,3})(?:\s(?:evaluations?|experiments?|benchmarks?|datasets?|"
                    r"test\ssets?|tasks?))?,\s")


def framed_dataset(sentence: str, clause_start: int) -> str | None:
    """The dataset an opening `On/For/From X (evaluation),` names, for a claim in the sentence's first clause."""
    frame = _FRAME.match(sentence)
    if frame is None or (clause_start < frame.end() and clause_start != 0):
        return None
    breaks = list(_CLAUSE_BREAK.finditer(sentence, frame.end(), clause_start))
    if breaks and not (len(breaks) == 1 and breaks[0].group(0).startswith(":")):
        return None  # a later clause, not the framed one or its elaboration after a colon
    return frame.group("d")


# `X is 3.2% more accurate on ImageNet while reducing latency by 15% compared to Y`: the while-part is a claim of its
# own for where it was measured (latency is not measured `on ImageNet`), though both claims are compared with Y
_WHILE = re.compile(r",?\s(?:while|whereas)\s")


def while_part(clause: str, start: int, end: int) -> tuple[int, int]:
    """Bounds, inside the clause, of the part holding clause[start:end] when a `while`/`whereas` splits it."""
    lo = max((m.end() for m in _WHILE.finditer(clause, 0, start)), default=0)
    after = _WHILE.search(clause, end)
    return lo, after.start() if after else len(clause)


# `state-of-the-art BLEU score of 41.8` read as `the-art BLEU`: a qualifier of the claim, not part of the measure
_METRIC_QUALIFIER = re.compile(r"^(?:(?:state-of-the-art|the-art|of-the-art|new|best|record)\s)+", re.IGNORECASE)


def clean_metric(metric: str | None) -> str | None:
    """The metric without a leading claim qualifier (`state-of-the-art`, `new`); None stays None."""
    if metric is None:
        return None
    return _METRIC_QUALIFIER.sub("", metric) or None


# `achieves 59.4% top-1 accuracy`, `reaching 100% verification accuracy`: the level reached, not a change
_ACHIEVED_BEFORE = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|scor\w*|records?|recorded)\s"
                              r"(?:an?\s|the\s)?(?:new\s)?(?:state-of-the-art\s)?(?:(?:average|mean|overall|accuracy|F1|score)\s)?(?:of\s)?"
                              r"(?:about\s|around\s|approximately\s|nearly\s|over\s|up to\s|~)?$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s?(?:\w+\s)?(?:improvement|gain|increase|reduction|decrease|higher|lower|more|fewer|less|"
                           r"better|faster|slower|smaller|larger|speed-?up|boost|lift|relative|absolute|points?|"
                           r"reduction|drop|cheaper|savings?|compression)\b", re.IGNORECASE)


def is_achieved_score(clause: str, start: int, end: int) -> bool:
    """`achieves 59.4% top-1 accuracy` (a level reached) rather than `achieves a 12% gain` (a change).

    The second item of `achieving a 75% success rate on new tasks and an 83% ...` is reached too.
    """
    before = clause[max(0, start - 120):start]
    reached = _ACHIEVED_BEFORE.search(before[-40:]) or _ACHIEVED_LIST.search(before)
    return bool(reached) and not _CHANGE_AFTER.match(clause, end)


_ACHIEVED_LIST = re.compile(r"\b(?:achiev|attain|reach|obtain)\w*\s(?:an?\s)?~?\d[^;,]{0,80}\sand\s(?:an?\s|the\s)?$",
                            re.IGNORECASE)
