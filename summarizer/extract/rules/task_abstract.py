"""Problem statements in an abstract: where authors name their task in their own words.

Abstracts name the problem in a handful of fixed moves: `the problem of X`,
`we study X`, `X is a fundamental problem`, `a method for X`, and the topic
sentence that opens the background (`Neural machine translation models are
trained ...`). Each move is one function returning the noun phrase it frames,
cut where the phrase ends (a relative clause, a verb, a comma); `task.py`
weighs these against the title's phrases.
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.sentences import Sentence
from summarizer.extract.rules.task_choice import adverb, verb_only
from summarizer.extract.rules.task_heads import activity_word

# a phrase that is not a problem: `the problem of how ...`, `we study whether`, `methods for`
_AVOID = (r"(?!the\s(?:problem|question|effect|role|use)\b|how\b|whether\b|if\b|what\b|why\b|a\b|an\b|this\b|these\b|"
          r"it\b|its\b|their\b|our\b|such\b|that\b|which\b|(?:methods|approaches|ways|techniques|strategies)\s"
          r"(?:for|to|of)\b)")
# `The task of building general agents ... has been`: an abstract may open on its problem, article capitalised
_PROBLEM_OF = re.compile(r"\b[Tt]he\s(?:[\w-]+\s)?(?:problem|task|challenge|question|setting)\sof\s" + _AVOID)
_WE_STUDY = re.compile(r"\b(?:[Ww]e|(?:[Tt]his|[Oo]ur)\s(?:paper|work|study))\s(?:\w+ly\s)?(?:study|studies|"
                       r"investigate|investigates|address|addresses|tackle|tackles|revisit|revisits|consider|considers|focus\son|focuses\son|"
                       r"explore|explores)\s"
                       # `we investigate the feasibility of conducting X`: X is what is studied
                       r"(?:the\s(?:feasibility|possibility|potential|extent|use)\sof\s"
                       r"(?:(?:conducting|using|applying|performing|employing)\s)?)?" + _AVOID)
# `Quantile regression is a fundamental problem`, `X remains a key challenge`, `X has emerged as ...`
_IS_PROBLEM = re.compile(r"^(?:(?:Recently|Currently|Today),?\s)?"
                         r"(?P<np>(?!(?:This|These|It|We|Our|In|The\s(?:goal|aim))\b)[^,;:()]{3,80}?)\s(?:is|are|has\sbeen|have\sbeen|remains?|has\semerged\sas|have\s"
                         r"emerged\sas)\s(?:a|an|one\sof\sthe)\s(?:[\w-]+\s){0,3}?(?:problem|task|challenge|"
                         r"topic|paradigm|technique|approach|area|problems|tasks|challenges)\b")
# `Most previous studies on intertemporal labor supply found`, `The literature on the employment effects of
# minimum wages`: the background names the field's problem as the topic of earlier research
_RESEARCH_ON = re.compile(r"\b(?:[Ss]tudies|[Rr]esearch|[Ww]ork|[Ll]iterature)\son\s" + _AVOID)
# `For the single-machine scheduling problem with ...`, `the online knapsack problem`: a compound headed by
# `problem` names the problem by its modifiers
_X_PROBLEM = re.compile(r"\bthe\s(?P<np>(?!(?:same|above|following|main|key|central|general|original|underlying|"
                        r"whole|entire|former|latter|inverse|dual|primal|resulting|associated|corresponding|"
                        r"optimization|learning|classification|prediction|estimation)\s(?:problem|task))"
                        r"[\w-]+(?:\s[\w-]+){0,4}?)\s(?:problem|task)s?\b(?!\s(?:of|that|is|in)\b)")
# `we propose X, a method for Y`: the `for` after a contribution verb names the problem
_METHOD_FOR = re.compile(r"\b(?:method|approach|framework|algorithm|technique|model|system|scheme|strategy|"
                         r"pipeline|architecture|procedure|solution|paradigm|recipe|benchmark|dataset)s?\s"
                         r"(?:for|to\sthe\sproblem\sof)\s" + _AVOID + r"(?!the\sfirst\b)")
# `We introduce YOLO9000, a state-of-the-art, real-time object detection system`, `Bigtable is a distributed
# storage system`: the words before the contribution's head noun say what it is for
_NAMED_AS = re.compile(r"(?:\b(?:[Ii]ntroduce|[Pp]resent|[Pp]ropose|[Dd]evelop|[Dd]escribe)s?\s[^,.;]{1,40},\s|"
                       r"^[A-Z][\w-]*\s(?:is|are)\s|"
                       # `This paper presents a new hybrid motion planning technique`: an unnamed contribution
                       r"\b(?P<unnamed>[Ww]e|paper|work|study|article)\s(?:present|propose|introduce|develop|describe)s?\s)"
                       r"(?:a|an)\s(?P<np>[^.;:()]{3,80}?)\s(?:system|method|framework|"
                       r"algorithm|technique|model|network|architecture|pipeline|tool|toolkit|library|approach)s?\b")
# praise before the head: `state-of-the-art`, `simple`, `novel`, `highly efficient` (comma-separated, any order)
_PRAISE = re.compile(r"(?:(?:state[\s-]of[\s-]the[\s-]art|simple|novel|new|general|flexible|scalable|lightweight|"
                     r"efficient|effective|powerful|practical|principled|unified|highly\s[\w-]+|conceptually\s[\w-]+|"
                     r"extremely\s[\w-]+|very\s[\w-]+)(?:,?\s(?:and\s)?|$))+", re.IGNORECASE)
# `an enhancement to the LoRA method`: a relation to another method, not modifiers of the head noun
_FUNCTION_WORD = re.compile(r"\b(?:to|the|of|for|with|by|on|in|from|and|or|that|which)\b", re.IGNORECASE)
# where a framed phrase ends: a clause, a verb, or what the method does to it
_PHRASE_END = re.compile(r"\s(?:in\swhich|where|which|that|who|whose|when|while|because|since|as|is|are|was|were|"
                         r"has|have|can|could|may|might|will|would|should|must|to|by|via|using|through|with\sthe\s|(?:in|from|of)\s(?:the|a|an)\s|"
                         r"aim|without|under|given|based\son|and\s(?:show|propose|present|introduce|demonstrate|"
                         r"find|provide|develop)|e\.g\.|i\.e\.)\b|[,;:.()?!\"“”]|\s[-–—]{1,2}\s|$")
_TRAILING = re.compile(r"(?:\s(?:in|of|for|and|or|the|a|an|to|on|with|from|by|at|its|their|both))+$", re.IGNORECASE)
# `the cost`, `four language pairs`, `several challenges`: a determiner opens it or it counts things
_DETERMINER = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
_NOT_A_PROBLEM = re.compile(r"(?:\d|one|two|three|four|five|six|several|many|some|various|multiple|numerous|"
                            r"substantial|significant|different|both|each|all|any|other|such|these|those|this|"
                            r"it|them|their|its|our|his|her)\b|[\w-]+$", re.IGNORECASE)
_MAX_WORDS = 8
_FIRST_SENTENCES = 4
_PREPOSITIONS = frozenset(("with", "of", "for", "in", "on", "under", "from", "by"))


def problem_statements(sentences: list[Sentence]) -> list[Hit]:
    """The phrases the first sentences frame explicitly as the problem: `the problem of X`, `we study X`."""
    head = sentences[:_FIRST_SENTENCES]
    return [hit for pattern in (_PROBLEM_OF, _WE_STUDY) for s in head if (hit := framed(s, pattern)) is not None]


def problem_mentions(sentences: list[Sentence]) -> list[Hit]:
    """Weaker cues: `a method for X`, `X is a fundamental problem`."""
    head = sentences[:_FIRST_SENTENCES]
    found = [hit for s in head if (hit := framed(s, _METHOD_FOR)) is not None]
    found += [hit for s in head if (hit := subject_problem(s)) is not None]
    found += [hit for s in head if (hit := problem_compound(s)) is not None]
    return found + [hit for s in head if (hit := named_as(s)) is not None]


def research_topics(sentences: list[Sentence]) -> list[Hit]:
    """`Most previous studies on intertemporal labor supply found ...` -> `intertemporal labor supply`: the
    topic of the earlier research the background cites. Weakest cue (the background may be a wider field than
    the paper's own problem), so `task.py` tries it only after the title's own noun chunks."""
    return [hit for s in sentences[:_FIRST_SENTENCES] if (hit := framed(s, _RESEARCH_ON)) is not None]


def problem_compound(sentence: Sentence) -> Hit | None:
    """`For the single-machine scheduling problem with the objective of ...` -> `single-machine scheduling`: the
    modifiers of a noun compound headed by `problem` or `task` name it (`the same problem`, `the optimization
    problem` name none; `the problem of X` is `framed`'s)."""
    match = _X_PROBLEM.search(sentence.text)
    if not match:
        return None
    at, phrase = match.start("np"), match.group("np")
    if _NOT_A_PROBLEM.match(phrase) or _FUNCTION_WORD.search(phrase) or len(phrase.split()) < 2:
        return None
    return Hit(phrase, sentence.start + at, sentence.start + at + len(phrase), "abstract")


def named_as(sentence: Sentence) -> Hit | None:
    """`We introduce YOLO9000, a state-of-the-art, real-time object detection system` -> `real-time object
    detection`: what the contribution is, without the praise before it and the head noun after it."""
    match = _NAMED_AS.search(sentence.text)
    if not match:
        return None
    at, phrase = match.start("np"), match.group("np")
    if praise := _PRAISE.match(phrase):
        at, phrase = at + praise.end(), phrase[praise.end():]
    if len(phrase.split()) < 2 or _NOT_A_PROBLEM.match(phrase) or "," in phrase or _FUNCTION_WORD.search(phrase):
        return None
    if match.group("unnamed") and not activity_word(phrase.split()[-1]):
        return None  # `an utterance-level attention-based ... neural network model`: the method's make-up

    return Hit(phrase, sentence.start + at, sentence.start + at + len(phrase), "abstract")


def framed(sentence: Sentence, pattern: re.Pattern[str]) -> Hit | None:
    """The noun phrase right after `pattern` in `sentence` (`the problem of X` -> X), or None."""
    match = pattern.search(sentence.text)
    return _phrase(sentence, match.end()) if match else None


def subject_problem(sentence: Sentence) -> Hit | None:
    """`X is a fundamental problem in ...` -> X: the subject of a sentence that calls it a problem."""
    match = _IS_PROBLEM.match(sentence.text)
    if not match:
        return None
    hit = _phrase(sentence, match.start("np"))
    return hit if hit is not None and hit.end <= sentence.start + match.end("np") else None


def _before_verb(phrase: str) -> str:
    """`computing Lipschitz constants either produce ...` -> `computing Lipschitz constants`: a finite verb, or an
    adverb that opens a verb group (`either`, `also`, `significantly reduces`), ends the noun phrase; a phrase that
    opens with an adverb (`Efficiently estimating ...`) is a clause."""
    words = phrase.split()
    if words and adverb(words[0]):
        return ""
    for i, word in enumerate(words[1:], 1):
        verb_group = adverb(word) and (not word.endswith("ly") or (i + 1 < len(words) and _verb(words[i + 1])))
        if verb_only(word) or verb_group:
            return _TRAILING.sub("", " ".join(words[:i]))
    return phrase


def _without_dangling_adjective(phrase: str) -> str:
    """`evaluations of user interfaces with anonymous` (`, unsupervised, paid participants` follows) -> `evaluations
    of user interfaces`: a phrase cut before its head noun ends on an adjective; drop the dangling prepositional
    phrase it opened."""
    words = phrase.split()
    if len(words) < 3 or not _adjective_only(words[-1]):
        return phrase
    cut = max((i for i, w in enumerate(words[:-1]) if w.lower() in _PREPOSITIONS and i >= 1), default=0)
    return _TRAILING.sub("", " ".join(words[:cut])) if cut else phrase


@cache
def _adjective_only(word: str) -> bool:
    return set(getAllLemmas(word.lower())) == {"ADJ"}


@cache
def _verb(word: str) -> bool:
    return "VERB" in getAllLemmas(word.lower())


def _phrase(sentence: Sentence, at: int) -> Hit | None:
    """From `at` to the phrase's end, at most eight words, never ending on a preposition or article."""
    text = sentence.text
    end = _PHRASE_END.search(text, at)
    stop = end.start() if end else len(text)
    while lead := _DETERMINER.match(text, at):
        at = lead.end()
    phrase = _TRAILING.sub("", text[at:stop].rstrip())
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        cuts = [i for i, w in enumerate(words[:_MAX_WORDS]) if w.lower() in ("in", "of", "for", "on", "and") and i >= 2]
        phrase = _TRAILING.sub("", " ".join(words[:cuts[-1]] if cuts else words[:_MAX_WORDS]))
    phrase = _without_dangling_adjective(_before_verb(phrase))
    if not phrase or _NOT_A_PROBLEM.match(phrase) or not text.startswith(phrase, at):
        return None
    return Hit(phrase, sentence.start + at, sentence.start + at + len(phrase), "abstract")
