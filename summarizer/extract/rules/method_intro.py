"""Sentences that introduce the paper's method, and the method description taken from them.

`INTRO_VERB` (`we propose`, `this paper introduces`) marks a contribution sentence, for the name rules
(`method`, `method_title`) and for the description alike; `DETAIL` marks a sentence that adds a part
(`Furthermore, we ...`), searched last so the main proposal wins. The description is the introducing
sentence itself without its discourse frame: extractive, so its span slices the abstract.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.discourse import trim_lead
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.lexicon import METHOD_NOUNS
from summarizer.extract.rules.mentions import mentions
from summarizer.extract.rules.sentences import Sentence

INTRO_VERB = re.compile(
    r"\b(?:we|We|(?:this|This) (?:paper|work|study|article|thesis|note|letter|report)|our work)"
    r"(?:\s[^.;]{0,60}?\sand)?\s"
    r"(?:have\s|has\s)?(?:\w+ly\s|therefore\s|thus\s|hence\s|then\s|here\s|now\s|first\s|also\s|further\s){0,2}"
    r"(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|design(?:s|ed)?|devise[sd]?|"
    r"build[s]?|buil[dt]|create[sd]?|release[sd]?|offer(?:s|ed)?|contribute[sd]?|put forward|formulate[sd]?|"
    r"construct(?:s|ed)?|curate[sd]?|elaborate[sd]?|name|call|term|dub)\b\s?(?:here\s|in this (?:paper|work)\s)?")
DETAIL = re.compile(r"^(?:Then|Next|Second(?:ly)?|Third(?:ly)?|Lastly|Finally|Additionally|In\saddition|Moreover|"
                    r"Furthermore|Further|Meanwhile|Also|Besides|Subsequently)\b")
# `a novel penalized nonparametric approach`: an article, up to six modifiers, then a method noun
_PROPOSED_THING = re.compile(r"(?:an?|the|two|three|several|our)\s(?:[\w-]+,?\s){0,6}?(?:" + "|".join(METHOD_NOUNS)
                             + r"|baseline|approach|solution|formulation|construction|design|estimator|"
                             r"data structure)s?\b")


def sentence_hit(sentence: Sentence, limit: int = 300) -> Hit:
    """The introducing sentence without its discourse frame (`To address this,`), cut at a word when very long."""
    trimmed = trim_lead(sentence)
    text = trimmed.value
    if len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        text = text[:cut if cut > 0 else limit]
    text = text.rstrip(" ,;")
    return Hit(text, trimmed.start, trimmed.start + len(text)).as_sentence()


def describe_unnamed(sentences: list[Sentence]) -> Hit | None:
    """For a method proposed without a name: the sentence proposing it (`We propose a penalized ... approach`)."""
    for sentence in sentences:
        match = INTRO_VERB.search(sentence.text)
        if match and not DETAIL.match(sentence.text) and _PROPOSED_THING.match(sentence.text, match.end()):
            return sentence_hit(sentence)
    return None


def describe_named(name: str, sentences: list[Sentence]) -> Hit | None:
    """For a title-given name: the abstract sentence introducing it, else the first mentioning it."""
    mentioning = [s for s in sentences if mentions(s.text, name)]
    introducing = [s for s in mentioning if INTRO_VERB.search(s.text)]
    chosen = next(iter(introducing or mentioning), None)
    return sentence_hit(chosen) if chosen else None
