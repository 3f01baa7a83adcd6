"""The summary: the abstract's contribution sentence, cut from its own words.

Abstracts follow a known rhetorical order (background, gap, contribution,
method details, results). The contribution move is marked by first-person or
paper-as-agent verbs: `We propose/present/introduce X`, `This paper studies Y`,
`In this work, we ...`, `Here we show ...`. The rule scores every sentence by
those cues (strong verbs over weak ones, `we` over nothing), penalises the
background and result moves, prefers the earliest best sentence, and trims a
leading discourse frame (`In this paper,`, `To address this gap,`) when what
remains starts with its own subject, so it is still a sentence.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit, content_words
from summarizer.extract.rules.sentences import Sentence

_AGENT = (r"(?:we|(?:this|the\spresent)\s(?:[\w-]+\s){0,2}?(?:paper|work|study|article|letter|thesis|report|note|"
          r"manuscript|research|survey|review|chapter)|our\s(?:work|paper|study))")
_STRONG_VERB = (r"(?:propose|introduce|present|develop|design|devise|describe|formulate|put forward|contribute|"
                r"offer|build|construct|create|release|curate|establish|derive|elaborate|unveil|pioneer)")
_WEAK_VERB = (r"(?:study|studies|investigate|explore|examine|analy[sz]e|address|tackle|consider|focus|revisit|"
              r"show|demonstrate|prove|provide|report|evaluate|compare|conduct|perform|assess|identify|"
              r"characteri[sz]e|aim|seek|argue|extend|leverage|use|apply|find|train|learn|benchmark|"
              r"frame|cast|reformulate|quantify|measure|model|survey|review|discuss|outline|explain|highlight)")
# `we propose`, `this paper presents`, `we further introduce`, `we, for the first time, study`
_STRONG = re.compile(rf"\b{_AGENT}(?:,[^,]{{0,40}},)?\s(?:\w+ly\s|also\s|further\s|here\s|then\s|first\s){{0,2}}"
                     rf"{_STRONG_VERB}")
_WEAK = re.compile(rf"\b{_AGENT}(?:,[^,]{{0,40}},)?\s(?:\w+ly\s|also\s|further\s|here\s|then\s|first\s){{0,2}}"
                   rf"{_WEAK_VERB}")
_FRAME = re.compile(r"\b(?:in\s(?:this|the\spresent)\s(?:paper|work|study|article|letter|report)|here|"
                    r"to\s(?:this|that)\send|"
                    r"to\s(?:address|tackle|overcome|bridge|fill|solve|mitigate|remedy|alleviate|close)\s)",)
# Enumerated detail sentences (`Then, we derive ...`, `Second, we ...`) elaborate a contribution stated before.
_DETAIL = re.compile(r"^(?:Then|Next|Second(?:ly)?|Third(?:ly)?|Fourth|Lastly|Finally|More\sspecifically|"
                     r"Specifically|Additionally|In\saddition|Moreover|Furthermore|Further|Meanwhile|Also|Besides|"
                     r"Subsequently|Concretely|In\sparticular|First(?:ly)?(?:\sof\sall)?)\b")
_NAMING = re.compile(r"\b(?:called|dubbed|named|termed|coined)\b|\(\s?[A-Z][\w-]*[A-Z][\w-]*\s?\)")
_FIRST_PERSON = re.compile(r"\b(?:we|our)\b")
# The background and gap moves: what others did, what is hard, what is missing.
_BACKGROUND = re.compile(r"^(?:However|Despite|Although|While|Recent(?:ly)?|Existing|Current(?:ly)?|Previous|Prior|"
                         r"Traditional(?:ly)?|Many|Most|Conventional|Unfortunately|Yet|Nevertheless|Nonetheless)\b")
# The result move: the outcome field's sentence, not the contribution.
_RESULT = re.compile(r"\b(?:experiments?|results?|evaluations?)\b[^.]{0,80}\b(?:show|demonstrate|indicate|reveal|"
                     r"confirm|suggest)|\b(?:outperform|surpass)|\bcode\b.{0,40}\bavailable|\bavailable at\b",)
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
_AGENT_HINT = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his|[Tt]he present)\b")
_MIN_WORDS = 6
TITLE_WEIGHT = 2.0  # a sentence writing every title word gains as much as a weak contribution cue


def contribution_score(sentence: Sentence, index: int) -> float:
    """How strongly a sentence states the paper's contribution (0 = not at all)."""
    text, lower = sentence.text, sentence.text.lower()  # cue patterns are lowercase: 3x faster than IGNORECASE
    if not _AGENT_HINT.search(text):
        return -1 - 0.1 * index  # no `we`, `our`, `this paper`: not the contribution move
    score = 0.0
    if _STRONG.search(lower):
        score += 4
    elif _WEAK.search(lower):
        score += 2.5
    elif _FIRST_PERSON.search(lower):
        score += 1
    if score and _FRAME.search(lower[:60]):
        score += 1  # `In this paper, we ...` / `To address this, we ...` opens the contribution move
    if score and _NAMING.search(text):
        score += 0.5  # the sentence that names the method is the one that introduces it
    if _DETAIL.match(text):
        score -= 1.0 if text.startswith("First") else 1.5
    if _BACKGROUND.match(text) and not _FIRST_PERSON.search(lower):
        score -= 2
    if _RESULT.search(lower):
        score -= 1.5
    if len(text.split()) < _MIN_WORDS:
        score -= 2
    return score - 0.1 * index  # ties go to the earlier sentence: the contribution precedes its details


def find_summary(sentences: list[Sentence], title: str = "") -> Hit | None:
    """The contribution sentence, else the first sentence of substance; None for an empty abstract.

    Among contribution sentences, the one that names the title's topic wins more often: a reader's one-line
    summary says what the paper does to the thing its title names."""
    usable = [(i, s) for i, s in enumerate(sentences) if len(s.text.split()) >= 3]
    if not usable:
        return None
    topic = set(content_words(title))
    scored = [(contribution_score(s, i), i, s) for i, s in usable]
    if max(score for score, _, _ in scored) <= 0:
        return trim_lead(usable[0][1])  # no cue at all: an abstract's opening usually names its topic
    _, _, best = max((score + TITLE_WEIGHT * title_overlap(s, topic), -i, s) for score, i, s in scored)
    return trim_lead(best)


def title_overlap(sentence: Sentence, topic: set[str]) -> float:
    """Share of the title's content words the sentence writes (0 without a title)."""
    return len(topic & set(content_words(sentence.text))) / len(topic) if topic else 0.0


def trim_lead(sentence: Sentence) -> Hit:
    """Drop `In this paper,` / `To address this gap,` when a subject follows; the slice stays exact."""
    match = _LEAD.match(sentence.text)
    cut = match.end() if match else 0
    return Hit(sentence.text[cut:], sentence.start + cut, sentence.end)
