"""Choosing the task among candidate phrases: the first one that reads as a problem the abstract is about.

Candidates come in tiers, most trusted first: the phrases the title's grammar
points at (`... for X`, the subtitle, the head), the problems the abstract
frames (`the problem of X`, `X is a fundamental task`), then the title's bare
noun chunks ranked by how much the abstract writes them. The first candidate
that passes every check wins; the checks reject what a researcher would never
file a paper under: a slogan the abstract never repeats (`Heavy Labels Out`),
a wh-clause (`How Gradients Shape ...`), a clause with a finite verb
(`Lottery Jackpots Exist`), the coined method name, or a field so broad it
names no problem (`Deep Learning`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import STOP_WORDS as _STOP
from summarizer.extract.rules.hits import Hit, content_words, words
from summarizer.extract.rules.names import name_like
from summarizer.extract.rules.task_heads import (
    dangling_adjective,
    names_a_quality,
    names_an_artifact,
    quality_complement,
)

# words any paper may use: they neither make nor break a task phrase
_GENERIC = words("""approach approaches method methods framework frameworks model models system systems
technique techniques study analysis problem problems task tasks learning efficient effective simple algorithm
algorithms theory practice design designing performance result results perspective perspectives
finding optimal best""")
# areas too broad to be a paper's problem: `Deep Learning`, `Large Language Models`, ``Benchmarks`
BROAD = re.compile(r"(?:an?\s|the\s)?(?:(?:deep\s)?(?:deep|machine|reinforcement|representation|statistical)\s"
                    r"(?:learning|learning\smodels?)|(?:pre-?trained\s)?(?:multi-?modal\s)?"
                    r"(?:(?:large\s|small\s)?(?:language|foundation|generative|vision)\s(?:models?)|m?llms?)|"
                    r"(?:deep\s|convolutional\s|graph\s)?neural\snetworks?|transformers?|artificial\sintelligence|"
                    r"(?:randomi[sz]ed[-\s])?(?:controlled[-\s])?trials?|(?:[\w-]+\s){0,3}stud(?:y|ies)|"
                    # `a longitudinal user study`, `randomized field experiment`: a paper's genre, never its problem
                    r"(?:[\w-]+\s){0,3}experiments?|"
                    r"(?:systematic\s|literature\s)?reviews?|surveys?|benchmarks?|datasets?)", re.IGNORECASE)
_WH = re.compile(r"\b(?:[Hh]ow|[Ww]hat|[Ww]hy|[Ww]hen|[Ww]here|[Ww]hich|[Ww]ho|[Yy]ou|[Ww]e|[Oo]ur|[Ii]t)\b")
_MIN_CAPITALS = 3
_SPELLED = 0.7  # share of the run's initials the name's capitals must account for
_PRONOUN = re.compile(r"\b(?:their|them|its|it|they|his|her|this|these|those|itself|themselves|your|our|my)\b",
                      re.IGNORECASE)
# `Beyond Size`, `From Reward Modeling to Online RLHF`: a head that says where the paper goes, not what it studies
_SLOGAN_HEAD = re.compile(r"(?:Beyond|From|Towards?|Rethinking|Revisiting|Rewarding|Unlocking|Unleashing)\b")
_ADJECTIVE_END = re.compile(r"-(?:scale|based|free|aware|level|grained|shot|specific|efficient|driven|like|wise|"
                            r"oriented|agnostic|dependent|invariant)$|\b(?:large|small|high|low|new|novel)$",
                            re.IGNORECASE)
SUPPORT = 0.01  # at least one of the phrase's specific words must occur in the abstract


def abstract_counts(abstract: str) -> Counter[str]:
    """How often the abstract writes each content word."""
    return Counter(content_words(abstract))


def _specific(value: str) -> list[str]:
    words = list(dict.fromkeys(content_words(value)))
    return [w for w in words if w not in _GENERIC] or words


def supported(value: str, counts: Counter[str]) -> bool:
    """The abstract writes some of the phrase's specific words: a slogan made of words it never uses fails."""
    words = _specific(value)
    return bool(words) and sum(counts[w] > 0 for w in words) >= SUPPORT * len(words)


def salience(value: str, counts: Counter[str]) -> float:
    """Mean abstract frequency of the phrase's specific words, saturating at three uses."""
    words = _specific(value)
    return sum(min(counts[w], 3) for w in words) / (3 * len(words)) if words else 0.0


@cache
def verb_only(word: str) -> bool:
    """A finite verb form (`Exist`, `Get`, `Emerge`): the lexicon knows it as a verb and nothing else."""
    lowered = word.lower()
    if lowered.endswith(("ing", "ed")) or not word.isalpha():
        return False  # gerunds name problems (`pruning ...`); participles modify (`federated ...`)
    return set(getAllLemmas(lowered)) == {"VERB"}


@cache
def adverb(word: str) -> bool:
    """Only an adverb (`Efficiently`, `either`, `Secretly`); `Anomaly` is a noun, `online` an adjective too."""
    return set(getAllLemmas(word.lower())) == {"ADV"}


def reads_as_problem(value: str, method_name: str | None) -> bool:
    """Not a wh-clause, not a clause with a finite verb, not the method's name, not a whole broad field."""
    if _WH.search(value) or BROAD.fullmatch(value.strip()) or _PRONOUN.search(value) or _SLOGAN_HEAD.match(value):
        return False
    if _ADJECTIVE_END.search(value) or dangling_adjective(value):
        return False  # `creating large-scale`, `smaller`: cut before its head noun
    if all(w in _GENERIC for w in content_words(value)):
        return False  # `effective learning`, `Theory and Practice`: words any paper uses
    if names_a_quality(value) or names_an_artifact(value):
        return False  # `AlexNet-level accuracy`, `distilled version of BERT`: a result's quality, an artifact
    if all(name_like(w) for w in value.split()):
        return False  # `Dex-Net 2.0`, `MobileNetV3`: a model's name and version, not a problem
    if any(verb_only(w) for w in value.split()[1:]):
        return False  # `Lottery Jackpots Exist`, `State-Space Models can Provably Learn`
    return not (method_name and method_name.lower() in value.lower())


def spells_out(name: str, value: str) -> bool:
    """`Orthonormal Low-Rank Adaptation` for OLoRA: the name's capitals are the initials of most of a run of
    the phrase's capitalised words, so the phrase is the method's expanded name, not its problem."""
    capitals = [c for c in name if c.isupper()]
    initials = [w[0] for w in re.split(r"[\s-]+", value) if w[:1].isupper()]
    if len(capitals) < _MIN_CAPITALS:
        return False
    first = last = -1
    at = 0
    for i, initial in enumerate(initials):
        if at < len(capitals) and initial == capitals[at]:
            first = i if at == 0 else first
            last, at = i, at + 1
    return at == len(capitals) and len(capitals) >= _SPELLED * (last - first + 1)


def choose(candidates: Iterable[Hit], counts: Counter[str], method_name: str | None) -> Hit | None:
    """The first acceptable multi-word candidate in the order given, else the first acceptable one-word one.
    Without an abstract (`counts` empty) nothing can be checked against it: the title's grammar decides.

    `candidates` may be lazy: the later (costlier) tiers are only built when the earlier ones all fail."""
    single = None
    for candidate in candidates:
        hit = accepted(candidate, counts, method_name)
        if hit is None:
            continue
        if len(content_words(hit.value)) >= 2:
            return hit
        single = single or hit
    return single


def accepted(candidate: Hit, counts: Counter[str], method_name: str | None) -> Hit | None:
    """The candidate as it would be filed (expanded name cut, measured quality turned into what is measured),
    or None when it fails a check: not a problem, or (with an abstract) words the abstract never writes."""
    hit = _unnamed(candidate, method_name) if method_name else candidate
    measured = quality_complement(hit) if hit is not None else None
    titled = measured is not hit  # `Speed and Accuracy of Object Detection`: the title says what is measured
    if measured is None or not reads_as_problem(measured.value, method_name) or (
            counts and not titled and not supported(measured.value, counts)):
        return None
    return measured


def _unnamed(hit: Hit, name: str) -> Hit | None:
    """`Robust Test-Time Adaptation` for RoTTA -> `Test-Time Adaptation`: an expanded name that opens with the
    method's own adjective names the problem after it; any other expanded name is only the name (None)."""
    if not spells_out(name, hit.value):
        return hit
    first, _, rest = hit.value.partition(" ")
    if not _adjective(first) or len(re.split(r"[\s-]+", rest)) < 2 or rest.split()[0].lower() in _STOP:
        return None
    start = hit.start + len(first) + 1
    return Hit(rest, start, start + len(rest), hit.field)


@cache
def _adjective(word: str) -> bool:
    """`Robust`, `Anchored`, `Weight-Decomposed`, `Zero-Shot`: a modifier, not a noun that heads the name."""
    last = word.rsplit("-", 1)[-1].lower()
    tags = getAllLemmas(last)
    return last.endswith("ed") or "-" in word or ("ADJ" in tags and "NOUN" not in tags)
