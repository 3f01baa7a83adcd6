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
    return bool(_ACTIVITY.fullmatch(lowered))
