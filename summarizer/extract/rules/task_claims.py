"""Titles that are sentences, not noun phrases: questions and claims.

Many titles ask or assert instead of naming: `Do ImageNet Classifiers Generalize to
ImageNet?`, `Are Emergent Abilities of Large Language Models a Mirage?`,
`Chain-of-Thought Prompting Elicits Reasoning in Large Language Models`,
`Local Policies Enable Zero-shot Long-horizon Manipulation`. English puts the topic
of a yes/no question in its subject (between the auxiliary and the predicate) and
the problem a claim is about in the object of its verb. Each function here returns
that noun phrase as a slice of the title; `task.py` trims and weighs it like any
other title phrase. A leading quality claim (`Dermatologist-level`, `Highly
Accurate`, `SOTA`) describes the result, not the problem, and is skipped.
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import words
from summarizer.extract.rules.task_choice import BROAD as _BROAD
from summarizer.extract.rules.task_choice import adverb, verb_only

# `Do/Does/Can/Should ...` take a bare verb after the subject; `Is/Are` a noun phrase or adjective
_DO_AUX = re.compile(r"(?:Do|Does|Did|Can|Could|Should|Will|Would|May|Might|Must)\s", re.IGNORECASE)
_BE_AUX = re.compile(r"(?:Is|Are|Was|Were)\s", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:we|you|they|it|i|one)", re.IGNORECASE)
_WH = re.compile(r"(?:How|Why|When|Where)\s", re.IGNORECASE)
_ARTICLE = re.compile(r"(?:a|an|the|all|still|really|just|only|necessary|enough|sufficient)$", re.IGNORECASE)
_WORD = re.compile(r"[^\s,;:]+")
# the lexicon calls these adverbs too (`in`, `out`); inside a subject they are prepositions
_PREPOSITIONS = words("in on of for with by to at from over under up out off about across through around into")
# what follows a verb that is also a noun (`Does Management Matter to ...`): its complement
_COMPLEMENT = words("a an the to with on in from for more less than")
# the copula of a claim title: `Language Models are Few-Shot Learners` (only after a broad subject)
_COPULA = re.compile(r"(?:are|is)$", re.IGNORECASE)
# an object never opens with a preposition, an article, a negation or a comparison
_NOT_AN_OBJECT = re.compile(r"(?:in|on|of|from|to|into|with|by|at|for|as|a|an|the|not|no|all|just|more|less|"
                            r"better|worse)$", re.IGNORECASE)
# `Dermatologist-level`, `Human-Level`, `Highly Accurate`, `Extremely Efficient`, `SOTA`, `State-of-the-Art`;
# a level named after people is a claim, `Bi-Level`, `Token-Level` or `Low-Level` describe the problem
CLAIMED_QUALITY = re.compile(
    r"(?:(?:[A-Za-z]+(?:ist|ian)|[Hh]uman|[Ee]xpert|[Ss]uperhuman|[Pp]rofessional|[Gg]randmaster)-[Ll]evel|(?:[Hh]ighly|[Ee]xtremely|[Vv]ery|[Uu]ltra)\s[A-Za-z-]+|SOTA|"
    r"[Ss]tate[\s-]of[\s-]the[\s-][Aa]rt)\s")


def question_subject(segment: str) -> tuple[int, str] | None:
    """`Does Management Matter?` -> `Management`; `Are Emergent Abilities of Large Language Models a Mirage?` ->
    `Emergent Abilities of Large Language Models`: the subject of a yes/no question (or of a `how/why/when`
    question, whose auxiliary follows the wh-word), with its offset."""
    if not segment.rstrip().endswith("?"):
        return None
    wh = _WH.match(segment)  # `How Does Vision-Language Adaptation Impact ...?`: the same subject after a wh-word
    at = wh.end() if wh else 0
    aux = _DO_AUX.match(segment, at) or _BE_AUX.match(segment, at)
    if aux is None:
        return None
    words = [w.group().rstrip("?") for w in _WORD.finditer(segment, aux.end())]
    if words and _PRONOUN.fullmatch(words[0]):
        return None  # `Why Do We Need Weight Decay ...?`: a pronoun subject; the topic is in the predicate
    spans = list(_WORD.finditer(segment, aux.end()))
    for i, text in enumerate(words[1:], 1):
        after = words[i + 1] if i + 1 < len(words) else ""
        if aux.re is _DO_AUX:
            ends = _bare_verb(text) and (not _noun(text) or not after or after.lower() in _COMPLEMENT)
        else:
            ends = bool(_ARTICLE.match(text)) or (adverb(text) and text.lower() not in _PREPOSITIONS)
        if ends:
            end = spans[i - 1].end()
            return aux.end(), segment[aux.end():end].rstrip("?")
    return None


@cache
def _finite(word: str) -> bool:
    """`Elicits`, `Enable`, `Learn` are present tense; `hidden`, `Averaged` are participles that modify a noun."""
    lowered = word.lower()
    return any(lowered in (lemma, lemma + "s", lemma + "es", lemma[:-1] + "ies")
               for lemma in getAllLemmas(lowered).get("VERB", ()))


@cache
def _noun(word: str) -> bool:
    return "NOUN" in getAllLemmas(word.lower())


@cache
def _bare_verb(word: str) -> bool:
    """`Matter`, `Generalize`, `Be`: a base-form verb after a `do`/`can` auxiliary (`Models` is a plural noun)."""
    lowered = word.lower()
    if lowered.endswith(("s", "ing", "ed")) or not word.isalpha():
        return lowered == "be"
    lemmas = getAllLemmas(lowered)
    return "VERB" in lemmas or "AUX" in lemmas


def claim_object(core: str) -> tuple[int, str] | None:
    """`Chain-of-Thought Prompting Elicits Reasoning in Large Language Models` -> `Reasoning in Large Language
    Models`; `Language Models are Few-Shot Learners` -> `Few-Shot Learners`: what the claim's verb acts on, up to
    the next verb (`reduce test anxiety and improve ...` keeps `test anxiety`)."""
    words = list(_WORD.finditer(core))
    for i, word in enumerate(words[1:-1], 1):
        copula = _COPULA.match(word.group())
        if not ((verb_only(word.group()) and _finite(word.group())) or copula):
            continue
        if copula and not _BROAD.fullmatch(core[:word.start()].strip()):
            return None  # `Tighter Variational Bounds are Not Necessarily Better`: a verdict, not a topic
        if _NOT_AN_OBJECT.match(words[i + 1].group()) or adverb(words[i + 1].group()):
            return None  # `Lottery Jackpots Exist in ...`, `X is Provably the Optimal ...`: no object
        start = words[i + 1].start()
        end = next((later.start() for later in words[i + 2:] if verb_only(later.group())), len(core))
        obj = re.sub(r"\s+(?:and|or)\s*$", "", core[start:end].rstrip())
        return (start, obj) if obj else None
    return None
