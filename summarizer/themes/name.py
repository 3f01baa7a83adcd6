"""Name an automatic theme the way a researcher would: a short noun phrase from its papers' own words.

Candidates are the phrases the papers write (runs of words between stop words and
punctuation, as in RAKE), 1-3 words long, headed by a noun ("catastrophic forgetting",
"time-series forecasting", not "adaptive" or "improving"). A phrase scores by how many
of the theme's papers use it (titles and tasks count extra: that is where authors name
their topic) times how much more often than the rest of the day (a * log(a/b)).
A name must be the theme's own: at least MIN_EXCLUSIVE of the day's papers that write it
are in the theme ("regression", used all over a statistics day, names no one theme). A
single common English word (in the lemminflect lexicon: "estimation", "descent", "ranking")
is a field, not a topic: it names a theme only when it is nearly exclusive to it and then
weighs less than a phrase; jargon (quantization, LLM, LoRA) may stand alone.
The best phrase names the theme; a second strong phrase on another topic joins it as
"X for Y" when the papers say so (never "X and Y": that names two topics). Counting runs on fixed samples, so
naming costs the same at 500 or 100,000 papers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np
from lemminflect import getAllLemmas
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from summarizer.themes.label import LABEL_GENERIC, _stem, surface_form
from summarizer.themes.model import ThemeDoc
from summarizer.themes.text import GENERIC, sample_indices
from summarizer.themes.wording import BREAK, PHRASE_WORDS, modifier, proper

MAX_WORDS = 3
MIN_SUPPORT = 0.15  # a name's phrase is written by this share of the theme's papers at least
TITLE_WEIGHT = 1.0  # a phrase in a title or task counts this much on top of its abstract use
PHRASE_BOOST = 1.6  # "low-rank adaptation" names a topic better than "adaptation"
SECOND_PHRASE = 0.75  # a second phrase joins the name when it scores this share of the first
SECOND_SUPPORT = 0.3  # ... this share of the theme's papers write it
SECOND_BACKGROUND = 0.04  # ... and at most this share of the day's papers do: not "risk", "estimation"
FOR_SHARE = 0.2  # ... and this share of the theme's papers write "X ... for ... Y"
MIN_EXCLUSIVE = 0.3  # a name's phrase: at least this share of the day's papers writing it are in the theme
COMMON_EXCLUSIVE = 0.7  # a single common word: this share (it is then today's word for the topic)
COMMON_WEIGHT = 0.4  # ... and it scores this much of a phrase's score ("Gradient descent", not "Descent")
MEMBER_SAMPLE = 100
CORPUS_SAMPLE = 1_500

# nouns any paper may use: a theme named by one of them says nothing
_NAME_GENERIC_TEXT = """
given case cases size fast response exhibit capability capabilities limitation limitations objective magnitude
deployment range number value values setting settings variety rule rules type types amount aspect aspects insight
insights factor factors impact role field fields area areas need needs step steps stage stages component components
property properties level levels effect effects term terms practice practitioners researchers community end lack
regime regimes success trade-off tradeoff knowledge behavior behaviour behaviors issue issues question questions
dataset datasets benchmark benchmarks static
"""
_NAME_GENERIC = frozenset(_NAME_GENERIC_TEXT.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*")
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”/|]|\s[-–—]\s")
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ed", "able", "ible", "ful", "less", "ly")


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return getAllLemmas(word.lower())


def is_noun(word: str) -> bool:
    """Can head a noun phrase: a noun, a gerund (forecasting), or jargon the lexicon lacks (LoRA, quantization)."""
    if "-" in word.strip("-"):  # a compound is headed by its last part: fine-tuning, parameter-efficient
        word = word.rsplit("-", 1)[1]
    tags = _lemmas(word)
    if "NOUN" in tags or word.lower().endswith("ing"):
        return True
    if tags:
        return False  # only an adjective, adverb or verb form
    return any(c.isupper() for c in word[1:]) or not word.lower().endswith(_ADJECTIVE_ENDINGS)


def _starts_phrase(word: str) -> bool:
    """Not a verb opening a title ("Improving", "Rethinking"), nor an adverb; participles may (federated)."""
    tags = set(_lemmas(word))
    lowered = word.lower()
    if "NOUN" in tags or "ADJ" in tags or not tags:
        return not lowered.endswith("ly") or "NOUN" in tags
    return lowered.endswith("ed") and "VERB" in tags


def common_word(key: str) -> bool:
    """One word of everyday English ("regression", "ranking"), not jargon (sparsity, LLM) nor a phrase."""
    return " " not in key and bool(_lemmas(key))


@cache
def _word(word: str) -> tuple[bool, bool, bool, str, str]:
    """(can head, can start, generic, key inside a phrase, key as the head), per distinct word."""
    lowered = word.lower()
    generic = all(p in GENERIC or p in LABEL_GENERIC or p in PHRASE_WORDS or p in _NAME_GENERIC
                  or p in ENGLISH_STOP_WORDS for p in lowered.split("-"))
    head = lowered
    nouns = _lemmas(word).get("NOUN")
    if nouns:
        head = nouns[0]  # models ~ model
    elif not _lemmas(word) and len(word) > 2 and word.endswith("s") and word[-2].isupper():
        head = lowered[:-1]  # LLMs ~ LLM
    return is_noun(word), _starts_phrase(word), generic, lowered.replace("-", " "), head.replace("-", " ")


def _add_phrases(run: list[str], found: dict[str, tuple[str, ...]]) -> None:
    info = [_word(w) for w in run]
    for end in range(len(run)):
        if not info[end][0]:
            continue
        for start in range(max(0, end - MAX_WORDS + 1), end + 1):
            if not info[start][1] or all(info[i][2] for i in range(start, end + 1)):
                continue
            key = " ".join([*(info[i][3] for i in range(start, end)), info[end][4]])
            found.setdefault(key, tuple(run[start:end + 1]))


def phrases(text: str) -> dict[str, tuple[str, ...]]:
    """Candidate noun phrases of a text: key -> the words as written (first occurrence)."""
    found: dict[str, tuple[str, ...]] = {}
    for clause in _CLAUSE.split(text):
        run: list[str] = []
        for word in _WORD.findall(clause):
            if len(word) > 1 and word.lower() not in BREAK:
                run.append(word)
            elif run:
                _add_phrases(run, found)
                run = []
        if run:
            _add_phrases(run, found)
    return found


class PhraseIndex:
    """Which sampled papers use which phrase; papers are read once and remembered.

    Phrases are numbered and a paper keeps a small array of numbers: thousands of sampled papers with
    hundreds of phrases each would otherwise hold millions of strings."""

    def __init__(self, cards: Sequence[ThemeDoc]) -> None:
        self.cards = cards
        self.ids: dict[str, int] = {}
        self.keys: list[str] = []
        self._full: dict[int, np.ndarray] = {}
        self._titles: dict[int, np.ndarray] = {}
        sample = sample_indices(len(cards), CORPUS_SAMPLE, seed=1)
        self.corpus = _counts([self.full(i) for i in sample.tolist()])
        self.corpus_size = len(sample)

    def _encode(self, keys: Iterable[str]) -> np.ndarray:
        numbers = set()
        for key in keys:
            number = self.ids.get(key)
            if number is None:
                number = self.ids[key] = len(self.keys)
                self.keys.append(key)
            numbers.add(number)
        return np.array(sorted(numbers), dtype=np.int32)

    def full(self, i: int) -> np.ndarray:
        if i not in self._full:
            card = self.cards[i]
            titles = phrases(f"{card.title}. {card.task or ''}")
            self._titles[i] = self._encode(titles)
            self._full[i] = self._encode({**titles, **phrases(card.abstract)})
        return self._full[i]

    def titles(self, i: int) -> np.ndarray:
        self.full(i)
        return self._titles[i]

    def sample(self, members: Sequence[int]) -> list[int]:
        """Up to MEMBER_SAMPLE of `members`, those already read first, topped up by a fixed random draw.

        A cluster's later names are sought among its papers the first name left: the papers read for the
        first name are a random sample of those too, so they are reused rather than read again."""
        read = [m for m in members if m in self._full][:MEMBER_SAMPLE]
        if len(read) >= min(MEMBER_SAMPLE, len(members)):
            return read
        seen = set(read)
        fresh = [members[i] for i in sample_indices(len(members), MEMBER_SAMPLE, seed=2).tolist()]
        return read + [m for m in fresh if m not in seen][:MEMBER_SAMPLE - len(read)]

    def in_corpus(self, number: int) -> int:
        return int(self.corpus.get(number, 0))


def _counts(arrays: list[np.ndarray]) -> dict[int, int]:
    if not arrays:
        return {}
    numbers, counts = np.unique(np.concatenate(arrays), return_counts=True)
    return dict(zip(numbers.tolist(), counts.tolist(), strict=True))


def _scores(index: PhraseIndex, members: Sequence[int]) -> dict[str, tuple[float, float, float]]:
    """Phrase -> (score, support, lift) for a theme's papers against the day; phrases that are not the
    theme's own (MIN_EXCLUSIVE, COMMON_EXCLUSIVE) are left out."""
    picked = index.sample(members)
    full = _counts([index.full(i) for i in picked])
    titles = _counts([index.titles(i) for i in picked])
    n, total = len(picked), index.corpus_size
    out: dict[str, tuple[float, float, float]] = {}
    for number, count in full.items():
        support = count / n
        if support < MIN_SUPPORT - 1e-9 or count < 2:
            continue
        background = (index.in_corpus(number) + 1) / (total + 2)
        if support <= background:
            continue
        key = index.keys[number]
        common = common_word(key)
        exclusive = support * len(members) / (background * len(index.cards))  # theme's writers / day's writers
        if exclusive < (COMMON_EXCLUSIVE if common else MIN_EXCLUSIVE) or len(key) < 3:
            continue  # not the theme's own; or a two-letter token (LM, SR): an abbreviation, not a name
        weight = COMMON_WEIGHT if common else PHRASE_BOOST if " " in key else 1.0
        lift = support / background
        out[key] = ((support + TITLE_WEIGHT * titles.get(number, 0) / n) * math.log(lift) * weight, support, lift)
    return out


def _spelling(key: str, index: PhraseIndex, members: Sequence[int]) -> str:
    docs = [f"{index.cards[i].title}. {index.cards[i].abstract}" for i in members[:MEMBER_SAMPLE]]
    return surface_form(key, docs, plural=True) or key


def _joined(first: str, second: str, index: PhraseIndex, members: Sequence[int]) -> str | None:
    """ "X for Y" when a fifth of the papers (two at least) write it so; else None: "X and Y" would name
    two topics at once, and a theme gated on either phrase would gather both crowds."""
    words = [r"[\s\-]+".join(re.escape(w) for w in part.split()) for part in (first, second)]
    pattern = re.compile(rf"{words[0]}\w*(?:\W+\w+){{0,3}}?\W+for\W+(?:\w+\W+){{0,2}}?{words[1]}", re.IGNORECASE)
    read = members[:200]
    said = sum(bool(pattern.search(index.cards[i].abstract + " " + index.cards[i].title)) for i in read)
    return f"{first} for {second}" if said >= max(2, FOR_SHARE * len(read)) else None


def clash(a: str, b: str) -> bool:
    """One phrase names the other's topic: "optimization" ~ "robust optimization" (same head), "time
    series" ~ "time series forecasting" (a prefix), "time series data" ~ "time series forecasting" (the
    same two-word start), LLM ~ LLMs. "bilevel" and "robust optimization" do not, nor "ranking" and
    "low-rank adaptation"."""
    short, long = sorted(([_stem(w) for w in a.split()], [_stem(w) for w in b.split()]), key=len)
    if len(short) >= 2 and short[:2] == long[:2]:
        return True
    if not set(short) <= set(long):
        return False
    return short[-1] == long[-1] or long[:len(short)] == short


def _acronym(a: str, b: str) -> bool:
    """MoE ~ mixture of experts, FL ~ federated learning."""
    short, long = sorted((a, b), key=len)
    words = long.split()
    initials = ("".join(w[0] for w in words), "".join(w[0] for w in words if w not in ENGLISH_STOP_WORDS))
    return len(words) > 1 and any(w in initials for w in short.split())


def _head(usable: list[str], scores: dict[str, tuple[float, float, float]]) -> str:
    """The best phrase, or a longer one built on it that half its papers write ("low-rank" -> "low-rank
    adaptation", "time series" -> "time series forecasting"): a modifier alone is no name."""
    head = usable[0]
    longer = [k for k in usable[1:30] if (k.startswith(head + " ") and scores[k][1] >= 0.5 * scores[head][1])
              or (k.endswith(" " + head) and scores[k][1] >= 0.9 * scores[head][1])]
    return max(longer, key=lambda k: (scores[k][0], len(k), k)) if longer else head


def theme_name(index: PhraseIndex, members: Sequence[int], taken: Iterable[str]) -> tuple[str, list[str], float]:
    """(name, the phrases it is made of, share of the theme's papers using one of them).

    Phrases that clash with `taken` (the phrases of other themes' names) are skipped: names stay distinct.
    """
    scores = _scores(index, members)
    ranked = sorted(scores, key=lambda k: (-scores[k][0], -len(k), k))
    taken = list(taken)
    usable = [k for k in ranked if not any(clash(k, t) for t in taken)]
    if not usable:
        return "", [], 0.0
    head, name = "", ""
    while usable and not name:
        head = _head(usable, scores)
        name = _spelling(head, index, members)
        docs = [index.cards[i].abstract for i in members[:MEMBER_SAMPLE]]
        if (" " not in head and proper(head, docs)) or modifier(name, docs):
            usable = [k for k in usable if k != head]
            name = ""
    if not name:
        return "", [], 0.0
    parts = [head]
    rest = [k for k in usable if not clash(k, head) and not _acronym(k, head)
            and scores[k][0] >= SECOND_PHRASE * scores[head][0] and scores[k][1] >= SECOND_SUPPORT
            and scores[k][1] / scores[k][2] <= SECOND_BACKGROUND]
    if rest and (joined := _joined(name, _spelling(rest[0], index, members), index, members)):
        name = joined
        parts.append(rest[0])
    sampled = index.sample(members)
    numbers = np.array([index.ids[k] for k in parts], dtype=np.int32)
    using = sum(bool(np.isin(index.full(i), numbers).any()) for i in sampled)
    return _capitalise(name), parts, using / len(sampled)


def title_names(index: PhraseIndex, members: Sequence[int], taken: Iterable[str], least: int,
                limit: int) -> list[tuple[str, str]]:
    """(name, key) of up to `limit` phrases at least `least` of `members` write in their title or task, most
    used first and phrases the whole day writes ("neural network") last: for papers no cluster gathered, a
    topic a few of them are about (not a field: no single common word)."""
    counts = _counts([index.titles(i) for i in members])
    taken = list(taken)
    out: list[tuple[float, str, str]] = []
    for number, count in counts.items():
        key = index.keys[number]
        if count < least or len(key) < 3 or common_word(key) or any(clash(key, t) for t in taken):
            continue
        spread = math.log(2 + index.in_corpus(number) * len(index.cards) / index.corpus_size)  # "neural network"
        out.append((-count * (PHRASE_BOOST if " " in key else 1.0) / spread, key, key))
    docs = [f"{index.cards[i].title}. {index.cards[i].abstract}" for i in members[:MEMBER_SAMPLE]]
    named = [(_spelling(key, index, members), key) for _, key, _ in sorted(out)[:2 * limit]]
    return [(_capitalise(name), key) for name, key in named
            if not modifier(name.replace(" ", "-"), docs)][:limit]  # "Training-free", "Test time" modify a topic


def _capitalise(name: str) -> str:
    first = re.split(r"[\s\-]", name)[0]
    return name if any(c.isupper() for c in first[1:]) else name[:1].upper() + name[1:]
