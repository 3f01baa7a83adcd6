"""Where a claimed gain was measured: a named dataset or an evaluation set, from the gain's own clause."""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_clause import breaks_between, clause_bounds, nearest
from summarizer.extract.rules.gain_frames import reported_frame
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.mentions import mention_spans
from summarizer.extract.rules.resources import find_datasets_cached, find_models_cached

# `on commonsense reasoning tasks`: the evaluation named by what it is, when no dataset name is given
_ON_TASKS = re.compile(r"\bon\s(?:the\s|six\s|five\s|four\s|three\s|two\s|several\s|\d+\s)?(?P<d>(?:[\w-]+\s){0,3}"
                       r"(?:tasks|benchmarks?|datasets?|test\sset))\b")


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


def dataset(text: str, start: int, end: int) -> str | None:
    """Where the claim was measured, from its own clause.

    An evaluation set right after the number (`4% on test-clean`, before any other number) wins;
    else the named dataset nearest the number; else an evaluation set anywhere in the clause.
    """
    if (named := _named_before_parens(text, start) or elided_on_before(text, start)) is not None:
        return named
    right_after = _EVAL_SET.search(text, end) or _NAMED_AFTER.search(text, end)
    if right_after and (is_a_model(right_after.group("d")) or _EQUIPMENT.match(right_after.group("d"))):
        right_after = None  # `3× speedup on GPT-2`, `13.4 times faster than real-time on CPU`: not a dataset
    if right_after and _SLASH_PARTNER_GAP.fullmatch(text[end:right_after.start()]):
        return _named_inside(right_after.group("d")) or right_after.group("d")
    found = [f for f in _every_mention(text, find_datasets_cached(text)) if not is_a_model(f[2])]
    if (aside := _ASIDE.search(text, 0, start)) and not _CLOSED.search(text, aside.end(), start):
        found = [f for f in found if f[1] <= aside.start()]  # `MultiNLI accuracy to 86.7% (4.6% ...)`: 86.7%'s
    if found:
        return nearest(found, start, end)
    free = [m for m in (*_EVAL_SET.finditer(text), *_NAMED_AFTER.finditer(text, 0, start))
            if not _owned_by_an_earlier_number(text, m.start(), start) and not _EQUIPMENT.match(m.group("d"))]
    anywhere = free[0] if free else _ON_TASKS.search(text, end)
    return anywhere.group("d") if anywhere else None


# `1.8/3.3 WER on the clean/other test sets`: the slash partner of the value is no other claim in between
_SLASH_PARTNER_GAP = re.compile(r"(?:/~?\d[\d.]*\s?%?)*[^\d%;]{0,60}")
# `on CPU`, `on a single V100 GPU`, `on one NVIDIA Titan XP card`: the hardware it ran on, not where it was measured
_EQUIPMENT = re.compile(r"(?:an?\s|one\s|a\ssingle\s)?(?:CPUs?|GPUs?|TPUs?|[VAHPK]\d{2,3}|NVIDIA|Nvidia|Titan|Tesla|"
                        r"Jetson|Raspberry|iPhone|Pixel|Snapdragon|FPGAs?|ASICs?|ARM)\b")


# `MultiNLI accuracy to 86.7% (4.6% absolute improvement), SQuAD v1.1 ...`: a gain in an aside right after another
# value restates that value's claim, so it was measured where that value was, never on what follows the aside
_ASIDE = re.compile(r"\d\s?(?:%|×|x|points?)?\s\((?:[^()]{0,20}\s)?$")
_CLOSED = re.compile(r"\)")


# `a 75% success rate on new tasks and an 83% ...`: `on new tasks` is 75%'s, never 83%'s
_BELONGS_TO_A_NUMBER = re.compile(r"\d\s?[%×x]?(?:\s[A-Za-z-]+){0,4}\s$")


# `..., Flowers (98.8%)`, `and Path-256 (seq. length 64K, 63.1% accuracy)`, `F1 scores for PPI (0.995)`: a value in a
# parenthesis right after a name (`for the DNN (0.837)` names the system scored: after `for`, no article)
_BEFORE_PARENS = re.compile(r"(?:\b(?:on|in|and|or|including|like|as)\s(?:the\s)?|\bfor\s|,\s(?:the\s)?)"
                            r"(?P<d>[A-Z][\w.-]*(?:\s[A-Z0-9][\w.-]*){0,2})(?:\s(?:challenge|dataset|benchmark|task|test\sset))?\s\((?:[^()]{0,40}[,;]\s)?[+~]?$")


def _named_before_parens(text: str, start: int) -> str | None:
    """The dataset named right before the parenthesis that holds the value (not a model: `Mistral-7B (4.96%)`)."""
    found = _BEFORE_PARENS.search(text, max(0, start - 90), start)
    if found is None or is_a_model(found.group("d")):
        return None
    return found.group("d")


def is_a_model(name: str) -> bool:
    """A pretrained model the lexicon knows (`GPT-2`, `BERT-large`) is not where a claim was measured."""
    return any(h.start == 0 and h.end == len(name) for h in find_models_cached(name))


def _every_mention(text: str, hits: tuple[Hit, ...]) -> list[tuple[int, int, str]]:
    """Each named dataset at every place the clause names it (`Experiments on ImageNet ... than X on ImageNet`:
    the mention next to the number counts, not only the first)."""
    found = []
    for value in dict.fromkeys(h.value for h in hits):
        found += [(start, end, value) for start, end in mention_spans(text, value)]
    return found or [(h.start, h.end, h.value) for h in hits]


def _owned_by_an_earlier_number(text: str, phrase_start: int, start: int) -> bool:
    """The phrase sits right after a number before ours (a trailing phrase after the list's last item is shared)."""
    owner = _BELONGS_TO_A_NUMBER.search(text, 0, phrase_start)
    return owner is not None and owner.start() < start


def _named_inside(phrase: str) -> str | None:
    """`RLBench2 simulation benchmark` -> `RLBench2`: a lexicon/named dataset inside the phrase, when there is one."""
    hits = find_datasets_cached(phrase)
    return phrase if hits else None


# `From LibriSpeech evaluation, X outperformed existing schemes: 25% ...`, `For Voice Search evaluation, 12% ...`: a
# sentence that opens by naming where it was measured frames its main clause (and that clause's colon elaboration),
# not a later clause with a subject of its own
_FRAME = re.compile(r"(?:On|For|From|In|Across)\s(?:the\s)?(?P<d>(?!(?:Table|Figure|Fig|Section|Appendix|Sec|Eq|"
                    r"Experiment|Study|Phase|Stage|Step|Part|Case|Chapter|January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\b)"
                    r"[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,3})(?:\s(?:evaluations?|experiments?|benchmarks?|datasets?|"
                    r"test\ssets?|tasks?))?,\s")


# `In the internal validation data set, the AUC ... were 0.989`, `Testing against the independent, multiethnic data set
# achieved an AUC of 0.955`, `When validated against an independent test dataset ..., the DNN achieved`, `Experiments
# on the MusDB dataset show that ... 6.3 SDR`: an opening that names the evaluation set by what it is frames the claim
_EVAL_FRAME = re.compile(
    r"(?:(?:When|After|Once)\s)?(?:(?:[Vv]alidat|[Tt]est|[Ee]valuat)(?:ed|ing)\s(?:against|on|in)\s|(?:In|On|Across)\s|"
    r"(?:Experiments|Evaluations?|Results|Tests)\s(?:on|in|with)\s)(?:the\s|an?\s)?"
    r"(?P<d>(?:[\w'/-]+,?\s){0,5}?(?:data\s?sets?|test\ssets?|validation\ssets?|cohorts?|benchmarks?|corpus))\b")


def framed_dataset(sentence: str, clause_start: int) -> str | None:
    """The dataset an opening `On/For/From X (evaluation),` (or `<evaluation> on <set> shows that`, `gain_frames`)
    names, for a claim in the sentence's first clause."""
    frame = _FRAME.match(sentence) or _EVAL_FRAME.match(sentence)
    named, frame_end = (frame.group("d"), frame.end()) if frame else reported_frame(sentence) or (None, 0)
    if named is None or (clause_start < frame_end and clause_start != 0):
        return None
    breaks = breaks_between(sentence, frame_end, clause_start)
    if breaks and not (len(breaks) == 1 and breaks[0].startswith(":")):
        return None  # a later clause, not the framed one or its elaboration after a colon
    return named


# `we improve upon the best published result on ImageNet classification: reaching 4.9% top-5 validation error`: a
# colon elaboration restates the claim before it, so it was measured where that claim was (when it names no place of
# its own); a comparison participle with its own number (`, outperforming MobileNetV3 by 9.6%`) is a claim apart
def elaborated_clause(sentence: str, clause_start: int) -> str | None:
    """The clause that the clause starting at `clause_start` elaborates after a colon."""
    if clause_start < 2 or not sentence[:clause_start].endswith(": "):
        return None
    lo, _ = clause_bounds(sentence, clause_start - 2, clause_start - 2)
    return sentence[lo:clause_start].rstrip(": ")


def elaborated_dataset(sentence: str, clause_start: int) -> str | None:
    """The named dataset nearest the end of the elaborated clause (`on ImageNet classification:` -> ImageNet)."""
    before = elaborated_clause(sentence, clause_start)
    if not before:
        return None
    found = [f for f in _every_mention(before, find_datasets_cached(before)) if not is_a_model(f[2])]
    return nearest(found, len(before), len(before)) if found else None


# `improvements on MNLI by +0.9% (...), on SQuAD v2.0 by +2.3% (...) and RACE by +3.6%`: in a list of `on X by N`
# items a later item may drop its `on`; the name right before `by N` is then where N was measured
_ON_BY = re.compile(r"\bon\s(?:the\s)?[A-Z][\w.-]*(?:\s[\w.-]+){0,2}\sby\s")
_ELIDED_ON = re.compile(r"(?:,\s|\sand\s)(?:on\s)?(?:the\s)?"
                        r"(?P<d>[A-Z][\w.-]*(?:\s(?:v?\d[\w.]*|[A-Z0-9][\w.-]*)){0,2})"
                        r"\sby\s(?:up\sto\s|about\s|over\s)?[+~]?$")


def elided_on_before(text: str, start: int) -> str | None:
    """`..., on SQuAD v2.0 by +2.3% and RACE by +3.6%` -> `RACE` for +3.6% (only after an `on X by N` item)."""
    found = _ELIDED_ON.search(text, max(0, start - 60), start)
    if found is None or not _ON_BY.search(text, 0, found.start() + 1) or is_a_model(found.group("d")):
        return None
    return found.group("d")
