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
from summarizer.extract.rules.result_cues import NUMERIC_RESULT, RESULT_MENTION
from summarizer.extract.rules.sentences import Sentence

INTRO_VERB = re.compile(
    r"\b(?:we|We|(?:this|This) (?:paper|work|study|article|thesis|note|letter|report)|our work)"
    r"(?:\s[^.;]{0,60}?\sand)?\s"
    r"(?:have\s|has\s)?(?:\w+ly\s|therefore\s|thus\s|hence\s|then\s|here\s|now\s|first\s|also\s|further\s){0,2}"
    r"(?:propose[sd]?|introduce[sd]?|present(?:s|ed)?|develop(?:s|ed)?|design(?:s|ed)?|devise[sd]?|"
    r"build[s]?|buil[dt]|create[sd]?|release[sd]?|offer(?:s|ed)?|contribute[sd]?|put forward|formulate[sd]?|"
    r"construct(?:s|ed)?|curate[sd]?|elaborate[sd]?|name|call|term|dub)\b\s?"
    r"(?:here\s|instead\s|in this (?:paper|work)\s)?")
_ADDRESS = re.compile(r"https?://|\bwww\.|github\.com")
DETAIL = re.compile(r"^(?:Then|Next|Second(?:ly)?|Third(?:ly)?|Lastly|Finally|Additionally|In\saddition|Moreover|"
                    r"Furthermore|Further|Meanwhile|Also|Besides|Subsequently)\b")
# `a novel penalized nonparametric approach`, `a natural language processing (NLP) model`: an article, up to six
# modifiers (an acronym in brackets counts as one), then a method noun, maybe after a name (`DaigNet, a new
# approach`, a misspelt name no rule takes for the title's); or `propose to reduce ...`, a proposal stated as
# what it does
_PROPOSED_THING = re.compile(r"(?:(?:[\w-]+,\s)?(?:an?|the|two|three|several|our)\s"
                             r"(?:(?:[\w-]+|\([\w-]+\)),?\s){0,6}?(?:" + "|".join(METHOD_NOUNS)
                             + r"|baseline|approach|solution|formulation|construction|design|estimator|"
                             r"data structure)s?\b|to\s(?!the\b|a\b|an\b)[a-z]+\s)")


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
    """For a title-given name: the abstract sentence introducing it; else the first sentence mentioning it that
    is not a result (`Experiments show that DiagNet achieves ...` says how well the method did, not what it does);
    else the sentence proposing the paper's method without its name (`we propose a new scaling method` under
    `EfficientNet: ...`). Abstracts often write the title's name in another case (`ZOZZLE` under `Zozzle: ...`,
    `N-gram graph` under `N-Gram Graph: ...`): exact-case mentions first, then any case."""
    mentioning = [s for s in sentences if mentions(s.text, name)] or [
        s for s in sentences if mentions(s.text, name, ignore_case=True)]
    introducing = next((s for s in mentioning if INTRO_VERB.search(s.text)), None)
    plain = introducing or next((s for s in mentioning if not reports_result(s.text)), None)
    return sentence_hit(plain) if plain else describe_unnamed(sentences)


def reports_result(text: str) -> bool:
    """A sentence of the result move (`Experiments show ...`, `outperforms`, `7.5% higher ... than`) or a pointer
    to the code (`Source code is at https://.../efficientnet`): it says how well the method did or where it is,
    so it never stands in for what the method is."""
    return bool(RESULT_MENTION.search(text) or NUMERIC_RESULT.search(text) or _ADDRESS.search(text))
