"""Less common ways an abstract writes the name of its own method (used by `method.find_method`).

Each rule reads one phrasing found across venues and fields, and returns the
span of the name or None:

* the title itself defined as an acronym (`Flat Datacenter Storage (FDS) is ...`);
* a title half framed as `An IDF-LDA Model ...`;
* a coined acronym closing a long introduced description (`we propose a generative
  adversarial network to simulate ... (Simu-GAN)`);
* a method noun followed by the name (`an end-to-end framework PPI (...)`);
* an acronym marked as the proposal (`The proposed ... (HFPRM) method`, `... (SCDNet) was proposed`);
* a coined name defined by an appositive with a method noun (`with NovelQR, a ... framework`,
  `We describe AlphaFold, the ... system`), in a first-person sentence that is not borrowing or
  comparing;
* `Our trained LLM, SFR-..., achieves`: the paper's own thing named between commas.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.lexicon import COMMON_ACRONYMS, METHOD_NOUNS
from summarizer.extract.rules.names import is_name_like
from summarizer.extract.rules.sentences import Sentence

_ACR = r"[A-Za-z][\w+\-.]*[\w+]"
_NOUNS = "|".join(METHOD_NOUNS)
# an ingredient, not the proposal: `a technique based on Harmonic Functions (HF) and ...`
INGREDIENT = re.compile(r"\b(?:based on|built (?:on|upon)|combin\w*|inspired by|extend\w*|improv\w*)\b")
_CLAUSE_BREAK = re.compile(r"[,;:]|\.\s|\s(?:which|that|where|while|whereas)\s")
# `... (RSVP) interfaces`: the acronym modifies a noun, it does not close the introduced phrase
_CLOSES_PHRASE = re.compile(r"\s?(?:[,.;:]|$|\s(?:to|that|which|where|for|with|in|on|as|and|is|was|by|based|via|"
                            r"using|trained|designed|method|model|framework|approach|system)\b)")
# `a framework for question answering on the Stanford Question Answering Dataset (SQuAD)`: the acronym names the
# capitalised object of a preposition (a dataset, an ingredient), not the introduced phrase
_OBJECT_OF_PREPOSITION = re.compile(r"\b[a-z][\w-]*\s(?:on|in|of|for|from|with|over|to|against)\s(?:the\s)?"
                                    r"(?:[A-Z][\w-]*\s(?:(?:of|for|and|the|via|in|on)\s)?)*[A-Z][\w-]*\s?$")
_TITLE_FRAME = re.compile(rf"(?:^|:\s)(?:An?|The)\s(?P<name>{_ACR})\s(?:{_NOUNS})s?\b", re.IGNORECASE)
_NOUN_THEN_NAME = re.compile(rf"(?:an?|the|our)\s(?:[\w-]+\s){{0,4}}?(?:{_NOUNS})s?,?\s(?P<name>{_ACR})"
                             r"(?=\s?\(|\s(?:to|that|which|for|with)\b|,)")
# the words between `proposed` and the acronym stay inside one noun phrase: no function word, no verb
_NP_WORD = r"(?!(?:of|with|to|from|the|an?|in|on|for|by|and|or|that|which|is|are|was|were|aligns?)\s)[\w-]+\s"
_ARTICLE_THEN_NAME = re.compile(rf"(?:the|an?)\s(?P<name>{_ACR})(?=,|\s\(|\s(?:which|that|to|for)\b|\.?$)")
_PROPOSED_ACRONYM = re.compile(
    rf"\b(?:[Tt]he|[Oo]ur)\s(?:proposed|new|novel)\s(?:{_NP_WORD}){{0,8}}?[\w-]+\s?\((?P<a>{_ACR})\)"
    rf"|\((?P<b>{_ACR})\)\s(?:was|is|has been)\s(?:proposed|introduced|developed|designed)\b(?!\sby\b)")
_APPOSITIVE_DEF = re.compile(rf"(?P<name>{_ACR}),\s(?:an?|the)\s(?:[\w-]+\s){{0,6}}?(?:{_NOUNS})s?\b")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study|article))\b")
# the name after these is someone else's: `we build upon X, a ...`, `outperforms X, a strong model`
_NOT_OURS = re.compile(r"\b(?:us(?:e|es|ed|ing)|leverag\w*|adopt\w*|employ\w*|apply\w*|build\w* (?:on|upon)|"
                       r"based on|follow\w*|extend\w*|compar\w*|outperform\w*|than|against|versus|vs\.?|over|"
                       r"baselines?|previous|prior|existing|such as|including|like|motivated by|inspired by|examin\w*|"
                       r"analy[sz]\w*|stud(?:y|ies|ied)|investigat\w*|revisit\w*|evaluat\w*)\b", re.IGNORECASE)
_INTRODUCES = re.compile(r"\b(?:propos|introduc|present|describ|develop|design)\w*\s")
# `WiSE-FT, a popular weight space ensemble method`: an appositive that calls the thing known is not a proposal
_KNOWN = re.compile(r"\b(?:popular|well-known|widely[- ]used|standard|classic(?:al)?|existing|prior|established|"
                    r"state-of-the-art|common)\b", re.IGNORECASE)
_OURS_COMMA = re.compile(rf"\b[Oo]ur\s(?:[\w-]+\s){{0,3}}?[\w-]+,\s(?P<name>{_ACR}),")


def _coined(token: str) -> bool:
    return is_name_like(token) and token not in COMMON_ACRONYMS


def _hit(sentence: Sentence, start: int, end: int) -> Hit:
    return Hit(sentence.text[start:end], sentence.start + start, sentence.start + end)


def title_acronym(title: str, abstract: str) -> Hit | None:
    """`Flat Datacenter Storage` titled, and `Flat Datacenter Storage (FDS) is ...` opening a sentence (or after
    `we propose`) in the abstract: FDS. Not `This work revisits the classical idea of ... (STKR)`."""
    words = title.split()
    if ":" in title or not 2 <= len(words) <= 5 or not all(w[0].isupper() for w in words):
        return None
    match = re.search(rf"(?:^|[.!?]\s|\b[Ww]e (?:propose|present|introduce|describe)\w*\s(?:the\s)?)"
                      rf"{re.escape(title.strip())}\s?\((?P<acr>{_ACR})\)", abstract, re.IGNORECASE)
    if match is None or not _coined(match.group("acr")):
        return None
    return Hit(match.group("acr"), match.start("acr"), match.end("acr"))


def title_framed_name(title: str) -> Hit | None:
    """`...: An IDF-LDA Model Applied to Sina Weibo`: a title half that opens by framing a coined name."""
    match = _TITLE_FRAME.search(title)
    if match is None:
        return None
    name = match.group("name")
    if not _coined(name) or ("-" not in name and not any(ch.isdigit() for ch in name)):
        return None  # a plain acronym (`A BERT Model`) is usually someone else's model; a compound is coined
    return Hit(name, match.start("name"), match.end("name"), "title")


def acronym_closing_description(sentence: Sentence, at: int) -> Hit | None:
    """`we propose a generative adversarial network to simulate ... spectrum (Simu-GAN), where`: the coined
    acronym that closes the introduced noun phrase, however long its description (no clause break before it)."""
    text = sentence.text
    match = re.search(rf"\((?P<acr>{_ACR})\)", text[at:at + 200])
    if match is None or text.startswith("to ", at):
        return None  # `we propose to use uncertainty quantification (UQ)`: an existing tool
    before = text[at:at + match.start()]
    after = text[at + match.end():]
    if (_CLAUSE_BREAK.search(before) or len(before.split()) > 16 or INGREDIENT.search(before)
            or not _CLOSES_PHRASE.match(after) or _OBJECT_OF_PREPOSITION.search(before)):
        return None
    acr = match.group("acr")
    return _hit(sentence, at + match.start("acr"), at + match.end("acr")) if _coined(acr) else None


def noun_then_name(sentence: Sentence, at: int) -> Hit | None:
    """`this paper introduces an end-to-end framework PPI (keyPose and ...)`: the name right after its method noun."""
    match = _NOUN_THEN_NAME.match(sentence.text, at)
    if match is None or not _coined(match.group("name")):
        return None
    return _hit(sentence, *match.span("name"))


def article_then_name(sentence: Sentence, at: int) -> Hit | None:
    """`We propose the P-learner, motivated by ...`: a coined name right after the article of the introduced phrase."""
    match = _ARTICLE_THEN_NAME.match(sentence.text, at)
    if match is None or not _coined(match.group("name")):
        return None
    return _hit(sentence, *match.span("name"))


def proposed_acronym(sentence: Sentence) -> Hit | None:
    """`The proposed Harmonic Function-based Probabilistic Roadmap (HFPRM) method`, `the ... network (SCDNet) was
    proposed`: an acronym the sentence itself marks as the proposal."""
    if "(" not in sentence.text:  # cheap pre-check: both forms define an acronym
        return None
    for match in _PROPOSED_ACRONYM.finditer(sentence.text):
        group = "a" if match.group("a") else "b"
        if _coined(match.group(group)):
            return _hit(sentence, *match.span(group))
    return None


def appositive_definition(sentence: Sentence) -> Hit | None:
    """`We operationalize this objective with NovelQR, a novelty-driven ... framework`, `We describe AlphaFold, the
    ... system`: a coined name defined by an appositive, in a sentence where the authors speak and do not borrow."""
    text = sentence.text
    if not (", a" in text or ", the" in text) or not _FIRST_PERSON.search(text):  # cheap pre-checks
        return None
    for match in _APPOSITIVE_DEF.finditer(text):
        before = text[:match.start()]
        # after `we ... propose`, earlier words (`the well-studied k-secretary problem`) no longer matter
        last_intro = max((m.end() for m in _INTRODUCES.finditer(before)), default=0)
        borrowed = _NOT_OURS.search(before, last_intro) or _KNOWN.search(match.group(0))
        if _coined(match.group("name")) and _FIRST_PERSON.search(before) and not borrowed:
            return _hit(sentence, *match.span("name"))
    return None


def ours_between_commas(sentence: Sentence) -> Hit | None:
    """`Our trained LLM, SFR-Iterative-DPO-LLaMA-3-8B-R, achieves`: the paper's own artefact named in passing."""
    match = _OURS_COMMA.search(sentence.text) if "ur " in sentence.text else None
    if match is None or not _coined(match.group("name")):
        return None
    return _hit(sentence, *match.span("name"))
