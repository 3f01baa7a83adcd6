"""The leading discourse frame of an abstract sentence, and how to cut it off.

Contribution and result sentences often open with a frame that says where the
sentence sits in the abstract (`In this paper,`, `To address this gap,`,
`Therefore,`) rather than what the paper does. A card reads better without it,
but only when what remains starts with its own subject (`we`, `our`, `this
paper`, `it`), so it is still a sentence. The summary, outcome and method rules
all trim this way; they import it from here so none depends on another.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.sentences import Sentence

# A leading discourse frame, trimmed when a subject follows: `In this paper, we ...` -> `We ...`.
_LEAD = re.compile(
    r"^(?:(?:In|Within)\sth(?:is|e present)\s(?:paper|work|study|article|letter|note|thesis)|Here(?:in)?|"
    r"To\s(?:this|that)\send|To\sthat\seffect|To\sdo\sso|Therefore|Thus|Hence|Accordingly|Consequently|Specifically|"
    r"In\sresponse|As\sa\sremedy|As\sa\sresult|Instead|Motivated\sby\s[^,]{1,80}|Inspired\sby\s[^,]{1,80}|"
    r"To\s(?:address|tackle|overcome|bridge|fill|solve|mitigate|remedy|alleviate|close|resolve|handle|fix)"
    r"\s[^,]{1,80}|In\sorder\sto\s[^,]{1,80}|Towards?\s[^,]{1,60}|Building\son\s[^,]{1,80}|"
    r"Based\son\s[^,]{1,80}|With\sthis\s[^,]{1,40}|For\sthis\spurpose|First(?:ly)?|In\sparticular)"
    r",?\s(?=(?:we|our|this\s(?:paper|work|study)|it)\b)",
    re.IGNORECASE)


def trim_lead(sentence: Sentence) -> Hit:
    """Drop `In this paper,` / `To address this gap,` when a subject follows; the slice stays exact."""
    match = _LEAD.match(sentence.text)
    cut = match.end() if match else 0
    return Hit(sentence.text[cut:], sentence.start + cut, sentence.end)


# `Experimental results show that`, `We found that`, `Our main result is that`: the frame of a claim.
_CLAIM_FRAME = re.compile(
    r"^[A-Z][\w-]*(?:,?\s[\w-]+){0,9}?,?\s(?:show|shows|showed|demonstrate[sd]?|indicate[sd]?|reveal(?:s|ed)?|"
    r"confirm(?:s|ed)?|suggest(?:s|ed)?|verif(?:y|ies|ied)|find|found|prove[sd]?|observe[sd]?|establish(?:es|ed)?|"
    r"(?:results?|findings?)\s(?:is|are))\sthat\s")  # `Our main result is that ...`
# Whose claim the frame states: the authors (`we`) or their evidence (`experiments`, `results`, `evaluation`).
_FRAME_SUBJECT = re.compile(r"\b(?:we|our|experiments?|experimental|results?|evaluations?|stud(?:y|ies)|findings|"
                            r"analys[ie]s|simulations?|tests?|trials?|paper|work|article|authors|they)\b",
                            re.IGNORECASE)
# `We did not find that`, `Previous work has suggested that`: cutting these frames would change whose claim it is
_NOT_OURS = re.compile(r"\b(?:not|no|never|neither|nor|cannot|fail(?:s|ed)?\sto|previous|prior|earlier|existing|"
                       r"other|others|recent|many|several)\b|n't\b", re.IGNORECASE)
_NAMED = re.compile(r"\s[A-Z\d]")  # a dataset, model or number inside the frame (`Experiments on LJSpeech show that`)
_MIN_CLAIM_WORDS = 5


def trim_claim_frame(hit: Hit) -> Hit:
    """`Experimental results show that X outperforms Y.` -> `X outperforms Y.`: a reader's one-line result states the
    claim, not that it was shown. Only a frame of the authors or their evidence, naming nothing (a dataset or number
    in it stays with the claim), negating nothing and citing no one, and only when at least five words of claim
    remain: the rest is a `that` clause, so it is still a sentence."""
    match = _CLAIM_FRAME.match(hit.value)
    if not match or not _FRAME_SUBJECT.search(match.group()) or _NAMED.search(match.group()):
        return hit
    if _NOT_OURS.search(match.group()):
        return hit  # `We did not find that X` would become the claim X; `Prior work suggested` is someone else's
    if len(hit.value[match.end():].split()) < _MIN_CLAIM_WORDS:
        return hit
    return Hit(hit.value[match.end():], hit.start + match.end(), hit.end, hit.field, hit.alignment)
