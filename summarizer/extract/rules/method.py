"""The paper's own method name and the sentence that introduces it.

Order of trust: a name-like title prefix (`ARM: ...`) the abstract also uses,
an explicit naming (`called X`, `dubbed X`, `X (ours)`), then the first name or
defined acronym after `we propose/introduce/present`. No match means the paper
names no method (surveys, analyses, theory) and the name stays null.
The title-prefix rule lives in `method_title`, the introducing-sentence cues and
the description in `method_intro`, the rarer phrasings in `method_forms`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.extract.rules.hits import Hit, words
from summarizer.extract.rules.lexicon import COMMON_ACRONYMS, METHOD_NOUNS
from summarizer.extract.rules.mentions import mentions
from summarizer.extract.rules.method_forms import (
    INGREDIENT as _INGREDIENT,
)
from summarizer.extract.rules.method_forms import (
    acronym_closing_description,
    appositive_definition,
    article_then_name,
    noun_then_name,
    ours_between_commas,
    proposed_acronym,
    title_acronym,
    title_framed_name,
)
from summarizer.extract.rules.method_intro import DETAIL, INTRO_VERB, describe_named, sentence_hit
from summarizer.extract.rules.method_title import title_prefix_name
from summarizer.extract.rules.names import STOP_WORDS as _STOP_WORDS
from summarizer.extract.rules.names import is_name_like
from summarizer.extract.rules.sentences import Sentence

_TOKEN = r"[A-Za-z][\w+\-.]*[\w+]|[A-Z]"
_NAME = re.compile(rf"(?:{_TOKEN})")
_ACRONYM_DEF = re.compile(r"(?P<long>(?:[\w\-]+\s){0,7}[\w\-]+)['’”\"]*\s?\((?P<acr>[A-Za-z][\w+\-.]*[\w+])\)")
_EXPLICIT = re.compile(
    r"\b(?:called|dubbed|named|termed|coined|namely|name it|call it|term it|dub it|we call|we name|we term|we dub|"
    r"referred to as|denoted as|abbreviated as|short for)\s(?:as\s)?(?:the\s)?[`\"“‘']*")
_OURS = re.compile(r"(?P<name>" + _TOKEN + r")\s\((?:ours|Ours)\)")
_METHOD_NOUN_BEFORE = re.compile(r"\b(?:" + "|".join(METHOD_NOUNS) + r"|methodology)s?,?\s(?:\w+\s)?$")
_METHOD_NOUN_AT_END = re.compile(r"\b(?:" + "|".join(METHOD_NOUNS) + r")s?,?\s*$")
_PROBLEM_WORD = re.compile(r"\b(?:problem|issue|task|setting|challenge|phenomenon|question|hypothesis|effect|gap|bias|"
                           r"paradox|dilemma)s?$")
_NOT_METHOD_AFTER = re.compile(r"\s(?:problem|task|setting|challenge|phenomenon|question|issue|hypothesis)s?\b")
_BORROWS = re.compile(r"\b(?:leverag|us(?:e|es|ed|ing)\b|adopt|employ|apply|appli|utili[sz]|"
                      r"build(?:s|ing)? (?:on|upon)|"
                      r"(?:previous|prior|existing|earlier) (?:work|efforts?|methods?|approaches)|"
                      r"based on|follow|extend|revisit|analy[sz]|study|studies|investigat|examin|evaluat|compar|"
                      r"explor)")
_COUNTS = words("one two three four five six several multiple various some many different new novel")
_CONTINUES_NAME = re.compile(r"\s(?:with|for|of|on|in|and|under)\s[^,;()]*")
_FIRST_PERSON = re.compile(r"\b(?:we|our|this (?:paper|work|study))\b", re.IGNORECASE)
# `Online Subspace Descent, a new family`: two to five capitalised words set off like a name
_CAPS_WORDS = r"(?:[A-Z][\w+\-]*\s){1,4}[A-Z][\w+\-]*"
_CAPS_NAME = re.compile(_CAPS_WORDS + r"(?=\s?[,(:;]|\s[-–—]{1,2}\s|\s(?:which|that|to|as)\b|\.?$)")
_NAME_OR_CAPS = rf"(?:[`\"“‘']*(?:{_CAPS_WORDS}|{_TOKEN})['’”\"]*)"
# `a ... version of the LinUCB algorithm, DisBE-LUCB, where` / `a method, LoRA Silver Bullet or LoRA-SB, that`
_APPOSITIVE = re.compile(rf",\s(?:the\s)?(?P<name>{_NAME_OR_CAPS})(?:\s(?:or|and)\s(?P<alt>{_NAME_OR_CAPS}))?"
                         r"(?=\s?(?:,|\(|;|\.$|\s[-–—]{1,2}\s|\s(?:which|that|where|to)\b))")
# `our score - VSDR - can`, `our stochastic prox-linear (SPL+) algorithm`: the paper's own thing, named in passing
_OURS_NAMED = re.compile(r"\bour\s(?:[\w-]+\s){0,5}?(?:[\w-]+\s?(?:[-–—]{1,2}\s?(?P<dash>" + _TOKEN
                         + r")\s?[-–—]{1,2}|\((?P<acr>[A-Za-z][\w+\-.]*[\w+])\)))")
_LOWER_APPOSITIVE = re.compile(r"\b(?:" + "|".join(METHOD_NOUNS) + r"|methodology)s?,\s"
                               r"(?P<name>[a-z][\w-]*(?:\s[a-z][\w-]*)?)(?=,)")
_NOUN_BEFORE_COMMA = re.compile(r"\b(?:" + "|".join(METHOD_NOUNS) + r"|baseline|methodology|family|version)s?$")
_FRAMED_NAME = re.compile(r"(?:the|a|an|our)\s(?:new\s|novel\s)?(?P<name>" + _TOKEN + r")\s(?:" + "|".join(METHOD_NOUNS)
                          + r")s?\b")
_NOT_NAME_START = words("The A An Our This These Its Their In On For With We However Specifically Moreover")


@dataclass(frozen=True)
class MethodHit:
    name: Hit
    description: Hit | None


def find_method(title: str, abstract: str, sentences: list[Sentence]) -> MethodHit | None:
    """The method the paper introduces, or None when it names none.

    A name-like title prefix first; otherwise the earliest sentence that names the paper's own
    method (explicitly, after an introducing verb, as an appositive, or as `our X (ABBR)`).
    Sentences that add details (`Furthermore, we propose ...`) are searched only when the main
    ones name nothing, so the *main* proposal wins over its components.
    """
    named = title_prefix_name(title, abstract, sentences)
    if named is not None:
        return MethodHit(named, describe_named(named.value, sentences))
    details = [s for s in sentences if DETAIL.match(s.text)]
    for group in ([s for s in sentences if not DETAIL.match(s.text)], details):
        for sentence in group:
            name = (_explicit_in(sentence) or _introduced_in(sentence, title) or _ours_in(sentence)
                    or proposed_acronym(sentence) or appositive_definition(sentence) or ours_between_commas(sentence))
            if name is not None:
                return MethodHit(name, sentence_hit(sentence))
    # the title's shape is weaker evidence than any naming in the abstract: only when the abstract names nothing
    titled = title_acronym(title, abstract) or title_framed_name(title)
    return MethodHit(titled, describe_named(titled.value, sentences)) if titled is not None else None


def _explicit_in(sentence: Sentence) -> Hit | None:
    """`a method called X`, `which we dub ``X'' (ABBR)`, `X (ours)`: the text says it is naming something."""
    ours = _OURS.finditer(sentence.text) if "(ours)" in sentence.text.lower() else ()  # cheap pre-check
    for match in (*_EXPLICIT.finditer(sentence.text), *ours):
        if match.re is _OURS:
            return _hit(sentence, *match.span("name"))
        if _claims_contribution(sentence.text, match.start(), match.end()):
            name = _name_at(sentence, match.end(), allow_lower=True)
            if name is not None and _named_thing_is_method(name.value, sentence.text[:match.start()]):
                return name
    return None


def _named_thing_is_method(name: str, before: str) -> bool:
    """A lower-case name counts only when a method noun is what gets named: `a ... method, named self alignment`,
    not `lists of items, called slates` or `what we call the objective mismatch issue`."""
    if any(ch.isupper() or ch.isdigit() for ch in name):
        return True
    return bool(_METHOD_NOUN_BEFORE.search(before)) and not _PROBLEM_WORD.search(name)


def _claims_contribution(text: str, start: int, end: int) -> bool:
    """`we propose a method called X` or `a framework, termed X` — not `we leverage a framework named X`."""
    before, trigger = text[:start].lower(), text[start:end].lower()
    if trigger.startswith(("we ", "name it", "call it", "term it", "dub it")):
        return True
    coins = trigger.startswith(("dubbed", "coined"))  # these coin a name; `called`/`named` may cite one
    proposes = re.search(r"\b(?:propos|introduc|present|develop|design|devis)", before)
    if not coins and not proposes and _BORROWS.search(before):
        return False
    return bool(_FIRST_PERSON.search(text[:end + 40]) or _METHOD_NOUN_AT_END.search(before))


def _introduced_in(sentence: Sentence, title: str = "") -> Hit | None:
    """`We propose X`, `This work introduces a ... methodology, D-Pruner, for ...`: the name after an intro verb."""
    for match in INTRO_VERB.finditer(sentence.text):
        name = (_name_at(sentence, match.end(), allow_lower=False, window=90)
                or acronym_closing_description(sentence, match.end()) or noun_then_name(sentence, match.end())
                or article_then_name(sentence, match.end())
                or _named_appositive(sentence, match.end(), title) or _appositive(sentence, match.end()))
        if name is not None:
            return name
    return None


def _named_appositive(sentence: Sentence, at: int, title: str = "") -> Hit | None:
    """A coined name set off by commas after the introduced noun phrase (`a new simple network architecture, the
    Transformer, based ...`); of `X or Y`, the short coined form. A lower-case one counts when the title writes it
    too (`a new decoding strategy, self-consistency, to` under `Self-Consistency Improves ...`)."""
    titled = _titled_lower_appositive(sentence, at, title)
    if titled is not None:
        return titled
    match = _APPOSITIVE.search(sentence.text, at, min(len(sentence.text), at + 160))
    if match is None or match.start() - at > 110:
        return None
    after_noun = bool(_NOUN_BEFORE_COMMA.search(sentence.text, 0, match.start()))
    for group in ("alt", "name"):
        value = (match.group(group) or "").strip("`\"“”‘’' ")
        plain = value.istitle() and " " not in value and value not in _NOT_NAME_START and after_noun
        if value and (_coined_name(value) or plain):  # `a simple baseline, Timber, that`
            start = match.start(group) + match.group(group).index(value)
            return _hit(sentence, start, start + len(value))
    return None


def _titled_lower_appositive(sentence: Sentence, at: int, title: str) -> Hit | None:
    """`we propose a new decoding strategy, self-consistency, to replace ...`: lower-case, right after a method
    noun, and written in the title: the name of the proposal, not a description."""
    match = _LOWER_APPOSITIVE.search(sentence.text, at, min(len(sentence.text), at + 160))
    if match is None or not title:
        return None
    value = match.group("name")
    if not mentions(title, value, ignore_case=True) or value in _STOP_WORDS:
        return None
    return _hit(sentence, *match.span("name"))


def _coined_name(value: str) -> bool:
    """`DisBE-LUCB`, `LoRA-SB`, `Online Subspace Descent`: coined tokens or a capitalised multi-word name."""
    words = value.split()
    if len(words) == 1:
        return is_name_like(value)
    return words[0] not in _NOT_NAME_START and all(w[0].isupper() or w[0].isdigit() for w in words)


def _ours_in(sentence: Sentence) -> Hit | None:
    """`our score - VSDR - can ...`, `our stochastic prox-linear (SPL+) algorithm`: the paper's own, named."""
    match = _OURS_NAMED.search(sentence.text)
    if match is None:
        return None
    group = "dash" if match.group("dash") else "acr"
    value = match.group(group)
    if value in COMMON_ACRONYMS or not any(ch.isupper() for ch in value):
        return None
    return _hit(sentence, *match.span(group))


def _appositive(sentence: Sentence, at: int) -> Hit | None:
    """`We present weight normalization: a reparameterization ...` — a lowercase name set off by `:`/`, a`."""
    match = re.match(r"([a-z][\w-]*(?:\s[a-z][\w-]*){0,3})(?=:\s|,\san?\s)", sentence.text[at:])
    if not match or match.group(1).split()[0] in _STOP_WORDS | _COUNTS or match.group(1).endswith("s"):
        return None  # `we propose two techniques: ...` counts things, it names nothing
    return _hit(sentence, at, at + len(match.group(1)))


def _name_at(sentence: Sentence, at: int, allow_lower: bool, window: int = 80) -> Hit | None:
    """The name starting near `at`: a defined acronym, a coined token, or (if allowed) a short phrase."""
    text = sentence.text
    segment = re.split(r"[.;:]\s|,\s(?:which|that|where|and|to)\b|\s(?:to|that|which|using|by|via)\s",
                       text[at:at + window])[0]
    if segment.startswith("to "):
        return None  # `we propose to use X`: an existing tool, not a new name
    lead = len(segment) - len(segment.lstrip("`\"“‘' "))
    rest = segment[lead:]
    acronym = _acronym(segment)
    before = segment[:acronym[0]].rstrip(" (") if acronym else ""
    if acronym is not None and _INGREDIENT.search(before):
        acronym = None  # `a technique based on Harmonic Functions (HF) and ...`: an ingredient, not the proposal
    if acronym is not None and "," not in before and len(before.split()) <= 10:
        return _hit(sentence, at + acronym[0], at + acronym[1])
    first = _NAME.match(rest)
    if first and _coined_at(first.group(0), rest[first.end():]):
        return _hit(sentence, at + lead, at + lead + len(first.group(0).rstrip(".")))
    if acronym is not None and acronym[0] < 60:
        return _hit(sentence, at + acronym[0], at + acronym[1])
    framed = _FRAMED_NAME.match(rest)
    if framed and is_name_like(framed.group("name")):  # `we develop the SPOT framework`
        return _hit(sentence, at + lead + framed.start("name"), at + lead + framed.end("name"))
    caps = _CAPS_NAME.match(rest)
    if caps and _coined_name(caps.group(0)):  # `we propose Online Subspace Descent, a new family`
        return _hit(sentence, at + lead, at + lead + len(caps.group(0)))
    if allow_lower:
        phrase = re.match(r"[A-Za-z][\w\-+]*(?:\s[A-Za-z][\w\-+]*){0,3}?(?=\s?[,(]|\s(?:to|that|which|for|and|"
                          r"as|is|with|in|on|,)\b|\.?$)", rest)
        if phrase and phrase.group(0).split()[0].lower() not in _STOP_WORDS:
            return _hit(sentence, at + lead, at + lead + len(phrase.group(0)))
    return None


def _coined_at(token: str, rest: str) -> bool:
    """A name-like token, or a capitalised non-word set off as an appositive (`Timber, a ...`)."""
    if is_name_like(token):
        return True
    return (token[0].isupper() and token.lower() not in _STOP_WORDS and token not in COMMON_ACRONYMS
            and bool(re.match(r"['’”\"]?\s?(?:[,(:]|[-–—]\s|$)", rest)))


def _acronym(segment: str) -> tuple[int, int] | None:
    """Span of the `(ACR)` that defines a new, name-like acronym in `segment`.

    In `Regression Discontinuity Design (RDD) with Distribution-Valued Outcomes (R3D)` the name grows past
    the first acronym, so a later acronym continuing the same noun phrase wins.
    """
    chosen: tuple[int, int] | None = None
    for match in _ACRONYM_DEF.finditer(segment):
        acr = match.group("acr")
        if _NOT_METHOD_AFTER.match(segment[match.end():]):
            continue
        if acr in COMMON_ACRONYMS or not any(ch.isupper() for ch in acr) or len(acr) > 20:
            continue
        between = segment[chosen[1] + 1:match.start("acr") - 1] if chosen else ""
        if chosen is not None and not _CONTINUES_NAME.fullmatch(between):
            break
        chosen = match.span("acr")
    return chosen


def _hit(sentence: Sentence, start: int, end: int) -> Hit | None:
    value = sentence.text[start:end].strip(" `\"“”‘’'")
    if not value:
        return None
    start = sentence.start + sentence.text.index(value, start)
    return Hit(value, start, start + len(value))
