"""A cheap screen for abstracts that address the model instead of describing a paper (prompt injection).

It only flags (`PaperCard.suspicious`, with the phrase that matched); the digest keeps flagged cards out of
overviews and highlights. What a model may put on any card is bounded by grounding anyway
(`summarizer.extract.grounding`): no URL or number the text lacks.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.sentences import split_sentences
from summarizer.models import Paper

_FIELDS = (r"(?:summary|task|method|outcome|claimed[_ ]gains?|gains?|code[_ ]urls?|urls?|links?|datasets?|"
           r"models?|compute|evidence|fields?|card|output|answer|response)")
_PATTERNS = [
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|preceding|"
    r"your|system)\s+(?:instructions?|prompts?|rules?|directions?)",
    rf"\bset\s+(?:the\s+)?{_FIELDS}\s+(?:field\s+)?to\b",
    r"\byou\s+(?:are|must|should)\s+now\b",
    r"\b(?:system|developer)\s+prompt\b",
    r"\b(?:respond|reply|answer)\s+(?:only\s+)?with\b",
    r"\bas\s+an?\s+(?:ai|language\s+model|assistant)\b",
    r"</?(?:paper|system|assistant|user|instructions?)>",
]
_SCREEN = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)


def screen(paper: Paper) -> str | None:
    """Why the paper's title/abstract looks like instructions to a model, or None."""
    for field in (paper.title, paper.abstract):
        match = _SCREEN.search(field)
        if match:
            return f"instruction-like text in the paper: {match.group()!r}"
    return None


def fence(text: str) -> str:
    """Paper text safe inside the prompt's <paper> fence: markers it contains cannot close the fence."""
    return re.sub(r"</?\s*paper\s*>", lambda m: m.group().replace("<", "‹").replace(">", "›"), text,
                  flags=re.IGNORECASE)


def mask(paper: Paper) -> Paper:
    """The paper with instruction-like sentences blanked (same length, so offsets still hold).

    Grounding a model's card against this copy means a URL, number or name that only the injected text
    supplies can never be kept, even though it is "in the abstract".
    """
    if screen(paper) is None:
        return paper
    title, abstract = _blank(paper.title), _blank(paper.abstract)
    links = [link for link in paper.links if link in abstract or link in title]
    return paper.model_copy(update={"title": title, "abstract": abstract, "links": links})


def _blank(text: str) -> str:
    for sentence in split_sentences(text):
        if _SCREEN.search(sentence.text):
            text = text[:sentence.start] + " " * (sentence.end - sentence.start) + text[sentence.end:]
    return text
