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
# Each starts at a word; the boundary before it is checked in `_find`, because a leading `\b` (or
# IGNORECASE) stops `re` from jumping to a literal prefix, which made the screen ~10x slower.
_PATTERNS = [
    r"(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|preceding|"
    r"your|system)\s+(?:instructions?|prompts?|rules?|directions?)",
    rf"set\s+(?:the\s+)?{_FIELDS}\s+(?:field\s+)?to\b",
    r"you\s+(?:are|must|should)\s+now\b",
    r"(?:system|developer)\s+prompt\b",
    r"(?:respond|reply|answer)\s+(?:only\s+)?with\b",
    r"as\s+an?\s+(?:ai|language\s+model|assistant)\b",
    r"</?(?:paper|system|assistant|user|instructions?)>",
]
_SCREENS = [re.compile(p) for p in _PATTERNS]  # searched in lower-cased text
# the reference: one case-insensitive regex; used for text whose lower-casing changes its length (rare: `İ`)
_SCREEN = re.compile("|".join(rf"(?:\b{p})" if p[0] != "<" else p for p in _PATTERNS), re.IGNORECASE)


def _find(text: str) -> tuple[int, int] | None:
    """Where the first (leftmost) instruction-like phrase of `text` is, as (start, end), or None."""
    lowered = text.lower()
    if len(lowered) != len(text):
        match = _SCREEN.search(text)
        return match.span() if match else None
    spans = [span for pattern in _SCREENS if (span := _search(pattern, lowered)) is not None]
    return min(spans) if spans else None


def _search(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    """The first match of `pattern` that starts a word (or a `<tag>`)."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        start = match.start()
        if start == 0 or text[start] == "<" or not (text[start - 1].isalnum() or text[start - 1] == "_"):
            return match.span()
        at = start + 1
    return None


def screen(paper: Paper) -> str | None:
    """Why the paper's title/abstract looks like instructions to a model, or None."""
    for field in (paper.title, paper.abstract):
        span = _find(field)
        if span is not None:
            return f"instruction-like text in the paper: {field[span[0]:span[1]]!r}"
    return None


def fence(text: str) -> str:
    """Paper text safe inside a prompt's <paper> or <cards> fence: markers it contains cannot close either."""
    return re.sub(r"</?\s*(?:paper|cards)\s*>", lambda m: m.group().replace("<", "‹").replace(">", "›"), text,
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
        if _find(sentence.text) is not None:
            text = text[:sentence.start] + " " * (sentence.end - sentence.start) + text[sentence.end:]
    return text
