"""How the papers use a candidate name in running text: what `name.py` reads beyond counting phrases.

A word capitalised mid-sentence is a proper name or its adjective (Gaussian), a hyphenated compound
written before a noun is a modifier (full-rank), and "Low-Rank Adaptation (LoRA)" defines the short
form a theme's papers may use for its name.
"""

from __future__ import annotations

import re
from collections import Counter

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from summarizer.themes.text import GENERIC

# generic words that still belong inside a phrase ("federated learning", "language models")
_PHRASE_WORDS_TEXT = ("learning model models network networks neural deep language large training data task tasks "
                      "low high small")
PHRASE_WORDS = frozenset(_PHRASE_WORDS_TEXT.split())
# words that end a candidate phrase
BREAK = frozenset(ENGLISH_STOP_WORDS | (GENERIC - PHRASE_WORDS)
                  | {"towards", "toward", "versus", "vs", "without", "within", "using", "based", "like", "e.g"})


def acronym(phrase: str, docs: list[str]) -> str | None:
    """The short form two papers or more define for a phrase of several words: "Low-Rank Adaptation (LoRA)"
    -> "lora". It names the same topic: a paper writing "LoRA" writes the name, and "LoRA" names no other theme."""
    if " " not in phrase:
        return None
    words = r"[\s\-]+".join(re.escape(w) for w in phrase.split())
    pattern = re.compile(rf"(?<![\w-]){words}\w*\s*\(([A-Za-z][\w-]{{1,11}})\)", re.IGNORECASE)
    found = Counter(m.group(1) for doc in docs for m in pattern.finditer(doc))
    if not found:
        return None
    short, count = found.most_common(1)[0]
    if count < 2 or short[0].lower() != phrase[0]:
        return None
    return (short[:-1] if short.endswith("s") and short[:-1].isupper() else short).lower()


def proper(word: str, docs: list[str]) -> bool:
    """The papers write the word capitalised mid-sentence, as a proper name or its adjective (Gaussian,
    Bayesian, Lipschitz), not coined (LLM, LoRA) nor lower case (quantization)."""
    pattern = re.compile(rf"(?<=[a-z,;] ){re.escape(word)}\w*", re.IGNORECASE)
    forms = [m.group(0) for doc in docs for m in pattern.finditer(doc)]
    capitalised = sum(f[:1].isupper() and f[1:].islower() for f in forms)
    return bool(forms) and capitalised >= 0.8 * len(forms)


def modifier(name: str, docs: list[str]) -> bool:
    """One hyphenated compound the papers mostly write before a noun ("full-rank updates", "long-term
    forecasting", "open-world models"): it modifies a topic the name lacks. "fine-tuning" stands alone."""
    if " " in name or "-" not in name.strip("-"):
        return False
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])(\s+[A-Za-z][\w-]*)?", re.IGNORECASE)
    uses = [m.group(1) for doc in docs for m in pattern.finditer(doc)]
    before_noun = sum(bool(u) and u.strip().lower() not in BREAK for u in uses)
    return bool(uses) and before_noun >= 0.6 * len(uses)
