"""The paper's own method name and the sentence that introduces it.

Order of trust: a name-like title prefix (`ARM: ...`) the abstract also uses,
an explicit naming (`called X`, `dubbed X`, `X (ours)`), then the first name or
defined acronym after `we propose/introduce/present`. No match means the paper
names no method (surveys, analyses, theory) and the name stays null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.extract.rules.hits import Hit, words
from summarizer.extract.rules.lexicon import COMMON_ACRONYMS, METHOD_NOUNS
from summarizer.extract.rules.sentences import Sentence

_TOKEN = r"[A-Za-z][\w+\-.]*[\w+]|[A-Z]"
_NAME = re.compile(rf"(?:{_TOKEN})")
_TITLE_PREFIX = re.compile(r"^\s*(?P<name>[^:?!]{1,40}?)\s?:\s")
_ACRONYM_DEF = re.compile(r"(?P<long>(?:[\w\-]+\s){0,7}[\w\-]+)\s?\((?P<acr>[A-Za-z][\w+\-.]*[\w+])\)")
_INTRO_VERB = re.compile(
    r"\b(?:we|We|(?:this|This) (?:paper|work|study|article|thesis|note|letter|report)|our work)"
    r"(?:\s[^.;]{0,60}?\sand)?\s"
    r"(?:\w+ly\s)?(?:also\s)?(?:further\s)?"
    r"(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|design(?:s|ed)?|devise[sd]?|"
    r"build[s]?|buil[dt]|create[sd]?|release[sd]?|offer(?:s|ed)?|contribute[sd]?|put forward|formulate[sd]?|"
    r"construct(?:s|ed)?|curate[sd]?|elaborate[sd]?|name|call|term|dub)\b\s?(?:here\s|in this (?:paper|work)\s)?")
_EXPLICIT = re.compile(
    r"\b(?:called|dubbed|named|termed|coined|namely|name it|call it|term it|we call|we name|we term|"
    r"referred to as|denoted as|abbreviated as|short for)\s(?:as\s)?(?:the\s)?[`\"“‘']*")
_OURS = re.compile(r"(?P<name>" + _TOKEN + r")\s\((?:ours|Ours)\)")
_STOP_WORDS = words(
    "a an the this that these those our we it its in on of for to with by and or as is are be from at via "
    "which who whose where when while how new novel simple general first")
_NOT_METHOD_AFTER = re.compile(r"\s(?:problem|task|setting|challenge|phenomenon|question|issue|hypothesis)s?\b")
_BORROWS = re.compile(r"\b(?:leverag|us(?:e|es|ed|ing)\b|adopt|employ|apply|appli|utili[sz]|build(?:s|ing)? on|"
                      r"based on|follow|extend|revisit|analy[sz]|study|studies|investigat|examin|evaluat|compar|"
                      r"explor)")
_NOT_TITLE_NAMES = words(
    "beyond towards toward revisiting rethinking understanding position survey review overview tutorial "
    "benchmarking evaluation introduction perspective perspectives commentary editorial challenges lessons")
_STUDY_SUBTITLE = re.compile(r"\b(?:Study|Survey|Analysis|Review|Investigation|Perspective|Evaluation|Look|View|"
                             r"Comparison|Tutorial|Overview)\b")
_COUNTS = words("one two three four five six several multiple various some many different new novel")
_CONTINUES_NAME = re.compile(r"\s(?:with|for|of|on|in|and|under)\s[^,;()]*")
_FIRST_PERSON = re.compile(r"\b(?:we|our|this (?:paper|work|study))\b", re.IGNORECASE)


@dataclass(frozen=True)
class MethodHit:
    name: Hit
    description: Hit | None


def is_name_like(token: str) -> bool:
    """`LoRA+`, `WeLore`, `ARM`, `GPT-4`, `P-learner`: shaped like a coined name, not a word."""
    core = token.strip("-.")
    if len(core) < 2 or core in COMMON_ACRONYMS or core.lower() in _STOP_WORDS:
        return False
    if re.match(r"[A-Z]-", core):
        return True
    inner_upper = any(ch.isupper() and core[i - 1] not in "- " for i, ch in enumerate(core) if i)
    return (core[0].isupper() and (inner_upper or any(ch.isdigit() for ch in core))) or (
        core[0].islower() and inner_upper) or core.endswith("+")


def find_method(title: str, abstract: str, sentences: list[Sentence]) -> MethodHit | None:
    """The method the paper introduces, or None when it names none."""
    for rule in (_from_title, _from_explicit, _from_intro):
        hit = rule(title, abstract, sentences)
        if hit is not None:
            return hit
    return None


def _from_title(title: str, abstract: str, sentences: list[Sentence]) -> MethodHit | None:
    match = _TITLE_PREFIX.match(title)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    mentioned = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", abstract, re.IGNORECASE) is not None
    coined = len(words) == 1 and (is_name_like(name) or (name[0].isupper() and name.lower() not in _NOT_TITLE_NAMES))
    subtitle = title[match.end():]
    described = bool(re.match(r"(?:A|An)\s", subtitle)) and not _STUDY_SUBTITLE.search(subtitle)
    phrase = 2 <= len(words) <= 3 and all(w[0].isupper() or w[0].isdigit() for w in words) and words[0] not in (
        "The", "A", "An")
    if not (coined or (phrase and (mentioned or described))):
        return None
    start = match.start("name") + match.group("name").index(name)
    return MethodHit(Hit(name, start, start + len(name), "title"), _describe(name, sentences))


def _from_explicit(title: str, abstract: str, sentences: list[Sentence]) -> MethodHit | None:
    for sentence in sentences:
        for match in (*_EXPLICIT.finditer(sentence.text), *_OURS.finditer(sentence.text)):
            if match.re is _OURS:
                name = _hit(sentence, *match.span("name"))
            elif _claims_contribution(sentence.text, match.start(), match.end()):
                name = _name_at(sentence, match.end(), allow_lower=True)
            else:
                continue
            if name is not None:
                return MethodHit(name, _sentence_hit(sentence))
    return None


def _claims_contribution(text: str, start: int, end: int) -> bool:
    """`we propose a method called X` or `a framework, termed X` — not `we leverage a framework named X`."""
    before, trigger = text[:start].lower(), text[start:end].lower()
    if trigger.startswith(("we ", "name it", "call it", "term it")):
        return True
    coins = trigger.startswith(("dubbed", "coined"))  # these coin a name; `called`/`named` may cite one
    proposes = re.search(r"\b(?:propos|introduc|present|develop|design|devis)", before)
    if not coins and not proposes and _BORROWS.search(before):
        return False
    nouns = "|".join(METHOD_NOUNS)
    return bool(_FIRST_PERSON.search(text[:end + 40]) or re.search(rf"\b(?:{nouns})s?,?\s*$", before))


def _from_intro(title: str, abstract: str, sentences: list[Sentence]) -> MethodHit | None:
    for sentence in sentences:
        for match in _INTRO_VERB.finditer(sentence.text):
            name = _name_at(sentence, match.end(), allow_lower=False, window=90) or _appositive(sentence, match.end())
            if name is not None:
                return MethodHit(name, _sentence_hit(sentence))
    return None


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
    if acronym is not None and "," not in segment[:acronym[0]] and len(segment[:acronym[0]].split()) <= 8:
        return _hit(sentence, at + acronym[0], at + acronym[1])
    first = _NAME.match(rest)
    if first and _coined_at(first.group(0), rest[first.end():]):
        return _hit(sentence, at + lead, at + lead + len(first.group(0).rstrip(".")))
    if acronym is not None and acronym[0] < 60:
        return _hit(sentence, at + acronym[0], at + acronym[1])
    if allow_lower:
        phrase = re.match(r"[A-Za-z][\w\-+]*(?:\s[A-Za-z][\w\-+]*){0,3}?(?=\s?[,(]|\s(?:to|that|which|for|and|"
                          r"as|is|with|in|on|,)\b|$)", rest)
        if phrase and phrase.group(0).split()[0].lower() not in _STOP_WORDS:
            return _hit(sentence, at + lead, at + lead + len(phrase.group(0)))
    return None


def _coined_at(token: str, rest: str) -> bool:
    """A name-like token, or a capitalised non-word set off as an appositive (`Timber, a ...`)."""
    if is_name_like(token):
        return True
    return (token[0].isupper() and token.lower() not in _STOP_WORDS and token not in COMMON_ACRONYMS
            and bool(re.match(r"\s?(?:[,(:]|[-–—]\s|$)", rest)))


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


def _sentence_hit(sentence: Sentence, limit: int = 300) -> Hit:
    """The introducing sentence, cut at a word boundary when very long."""
    end = sentence.end
    if len(sentence.text) > limit:
        cut = sentence.text.rfind(" ", 0, limit)
        end = sentence.start + (cut if cut > 0 else limit)
    return Hit(sentence.text[:end - sentence.start].rstrip(" ,;"), sentence.start,
               sentence.start + len(sentence.text[:end - sentence.start].rstrip(" ,;")))


def _describe(name: str, sentences: list[Sentence]) -> Hit | None:
    """For a title-given name: the abstract sentence introducing it, else the first mentioning it."""
    mentioning = [s for s in sentences if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", s.text)]
    introducing = [s for s in mentioning if _INTRO_VERB.search(s.text)]
    chosen = next(iter(introducing or mentioning), None)
    return _sentence_hit(chosen) if chosen else None
