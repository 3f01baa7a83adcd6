"""What a task phrase is *about*: its head noun says whether it names a problem.

Researchers file a paper under an activity or a field (`object detection`,
`text entry`, `reducing streaming ASR delay`), never under a quality of the
result (`AlexNet-level accuracy`, `An Incremental Improvement`, `Extremely Low
FLOPs`), a quantity (`50x fewer parameters`, `<0.5MB model size`) or a
description of the artifact relative to another one (`a distilled version of
BERT`). English puts the head of a noun phrase last (`model size`) or before
its complement (`speed and accuracy of object detection`); a phrase that opens
with a gerund (`reducing model delay`) is headed by that activity.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import Hit, words

# qualities and quantities of a result: what a title claims, never what it studies
QUALITY_HEADS = words("""accuracy accuracies improvement improvements performance speed speeds speedup speedups
size sizes parameters flops footprint gain gains advantage advantages level levels""")
# an artifact described by its relation to another one: `a distilled version of BERT`
ARTIFACT_HEADS = words("version versions variant variants extension extensions instantiation")
# what a method or an artifact is called: `A Generative Model for Raw Audio` names the problem after `for`
METHOD_HEADS = words("""approach approaches method methods framework frameworks model models system systems network
networks algorithm algorithms architecture architectures technique techniques scheme strategy strategies pipeline
tool toolkit library interface interfaces language compiler platform benchmark dataset design designs
representation representations embedding embeddings encoder encoders transformer transformers module layer
mechanism procedure paradigm recipe protocol protocols""")
# what a problem is called: `Vehicle Routing Problems`, `reasoning tasks` name problems, not things an activity is
# studied on
PROBLEM_HEADS = words("problem problems task tasks challenge challenges question questions")
# where a noun phrase's complement starts: the head is the word before it
_COMPLEMENT = re.compile(r"\s(?:of|for|in|on|at|with|from|under|to|via|using|by)\s", re.IGNORECASE)
_GERUND = re.compile(r"[A-Za-z]{3,}ing$")
# nominalisations name activities: `planning`, `detection`, `management`, `analysis`, `inference`
_ACTIVITY = re.compile(r"[a-z]{2,}(?:tion|sion|ment|sis|ance|ence)$")


def head_words(phrase: str) -> list[str]:
    """The head noun(s), lower-cased: `speed and accuracy of object detection` -> [speed, accuracy]; a
    leading gerund is the head (`reducing model delay` -> [reducing])."""
    first = phrase.split()[0] if phrase.split() else ""
    if _GERUND.fullmatch(first):
        return [first.lower()]
    core = _COMPLEMENT.split(phrase, maxsplit=1)[0]
    conjuncts = re.split(r"\s(?:and|or|&)\s|,\s*", core)
    return [c.split()[-1].lower().strip("()[]") for c in conjuncts if c.split()]


def names_a_quality(phrase: str) -> bool:
    """`AlexNet-level accuracy`, `incremental improvement`, `low FLOPs`, `speed and accuracy of object
    detection`: every head is a quality or quantity of a result, so the phrase names no problem."""
    heads = head_words(phrase)
    return bool(heads) and all(h in QUALITY_HEADS for h in heads)


def names_an_artifact(phrase: str) -> bool:
    """`distilled version of BERT`: the head says how the artifact relates to another one."""
    heads = head_words(phrase)
    return bool(heads) and all(h in ARTIFACT_HEADS for h in heads)


def quality_complement(hit: Hit) -> Hit:
    """`Speed and Accuracy of Object Detection` -> `Object Detection`: a quality *of* something is measured on
    that something, which is the problem; any other phrase is returned as it is."""
    if not names_a_quality(hit.value):
        return hit
    match = re.search(r"\sof\s(?:the\s)?", hit.value, re.IGNORECASE)
    if match is None:
        return hit
    start = hit.start + match.end()
    return Hit(hit.value[match.end():], start, hit.end, hit.field)


def dangling_adjective(phrase: str) -> bool:
    """`smaller`, `cheaper and lighter`, `interference induced`: a phrase that ends on a comparative or
    superlative (`lighter` is the inflected `light` before it is a noun) or on a participle stops before its
    head noun or its complement, so it is no noun phrase."""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    lemmas = getAllLemmas(last) if last.isalpha() else {}
    adjective = lemmas.get("ADJ", ())
    if last.endswith("ed") and any(lemma != last for lemma in lemmas.get("VERB", ())):
        return True  # `interference induced`: a participle that opened a modifier, cut before its agent
    return bool(adjective) and last not in adjective


def activity_word(word: str) -> bool:
    """`planning`, `detection`, `analysis`: a noun formed from a verb names an activity (a problem head);
    `network`, `model`, `roadmaps` name things."""
    lowered = word.lower()
    if lowered.endswith("ing"):  # a gerund has a verb lemma of its own: `planning` <- plan, not `string`
        return any(lemma != lowered for lemma in getAllLemmas(lowered).get("VERB", ()))
    return bool(_ACTIVITY.fullmatch(lowered) or _ACTIVITY.fullmatch(lowered.removesuffix("s")))  # `interactions`


def studies_objects(activity: str, target: str) -> bool:
    """`Speech and Keyboard Text Entry` for `Short Messages in Two Languages on Touchscreen Phones`: when what
    comes before `for` is no method or artifact (no method head, no agent noun such as `Solver`) and what
    follows names things, not an activity, the things are what the activity is studied on; the activity is the
    problem. `A Generative Model for Raw Audio` and `Iterative Refinement for Machine Translation` keep theirs, and
    so does `Deep Reinforcement Learning for Multi-Truck Vehicle Routing Problems`: a head noun `problems` names
    the problem itself."""
    heads, objects = head_words(activity), head_words(target)
    if not heads or not objects or any(h in METHOD_HEADS or _agent_noun(h) for h in heads):
        return False
    return not any(activity_word(o) or o in QUALITY_HEADS or o in METHOD_HEADS or o in PROBLEM_HEADS
                   or not o.isalpha() for o in objects) and all(_plural(o) for o in objects)


def _plural(noun: str) -> bool:
    """`messages`, `graphs`; not `series`, `fairness` or an unknown `llms`."""
    return any(lemma != noun for lemma in getAllLemmas(noun).get("NOUN", ()))


def _agent_noun(word: str) -> bool:
    """`solver`, `recognizer`, `detector`, `estimator`: the one that does the verb, a method's name."""
    for suffix in ("er", "or"):
        if word.endswith(suffix) and len(word) > 4:
            stem = word[:-len(suffix)]
            if {"VERB"} & set(getAllLemmas(stem)) or {"VERB"} & set(getAllLemmas(stem + "e")):
                return True
    return False


def names_an_activity(phrase: str) -> bool:
    """`Music Source Separation`, `Deep Residual Learning`: every head is an activity (a nominalisation or a
    gerund ending a compound), so the phrase names what is done, the shape of a problem."""
    heads = head_words(phrase)
    if phrase.split() and _GERUND.fullmatch(phrase.split()[0]):
        return False  # `Incorporating LLM Priors`: a leading gerund tells what the method does
    return bool(heads) and all(activity_word(h) for h in heads)
