"""Align a model-written value to its paper: exact, normalised, fuzzy, else ungrounded.

langextract's statuses, with character offsets into the original title/abstract:

- **exact**: the value is a substring of the source as it is;
- **normalised**: equal after the abstract's own text cleaner (`summarizer.text.clean_text`: LaTeX residue
  such as `31times` or `2.4\\times`), unicode-to-ASCII folding (`×` = `x`, curly quotes, dashes, accents),
  case and whitespace, and without a trailing period;
- **fuzzy**: at least `FUZZY_THRESHOLD` of the value's word tokens align, in order, to one source sentence
  (difflib's matching blocks, as langextract's `WordAligner`); the span runs from the first to the last aligned
  token, and `sentence` is the whole sentence (what replaces an unlocatable quote);
- otherwise **ungrounded** (None).

Names (datasets, models, method names) must match on word boundaries and never fuzzily: a name one letter
off is another name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property

from summarizer.extract.rules.sentences import Sentence, split_sentences
from summarizer.models import Alignment, Paper, Span
from summarizer.text import clean_text

FUZZY_THRESHOLD = 0.75  # langextract's _FUZZY_ALIGNMENT_MIN_THRESHOLD
FUZZY_MIN_TOKENS = 3  # shorter values must match exactly or normalised: two words are not "mostly" there
_FOLD = {"×": "x", "“": '"', "”": '"', "„": '"', "″": '"', "‘": "'", "’": "'", "‚": "'", "′": "'",
         "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "…": "...", "\u00a0": " "}
_TOKEN = re.compile(r"\w+")
_WRAPPER = re.compile(r"^(?:(?:the|a|an|our|their|proposed|new|novel)\s+)+|"
                      r"\s+(?:method|model|framework|approach|algorithm|technique|system|architecture)$", re.IGNORECASE)


def fold(text: str) -> tuple[str, list[int]]:
    """`text` folded char by char (ASCII, lower case, one space per whitespace run) and each char's source offset.

    Every paper's title and abstract is folded once per card, on the event loop of an LLM run: the common
    case (each char folds to one char) is a C-speed `str.translate` plus a regex over the whitespace runs
    that need collapsing; only text with a char folding to several (`…`, ligatures) takes the char loop.
    """
    mapped = text.translate(_FOLD_TABLE)
    if len(mapped) != len(text):
        return _fold_slow(text)
    chars: list[str] = []
    offsets: list[int] = []
    at = 0
    for run in _COLLAPSE.finditer(mapped):
        chars.append(mapped[at:run.start()])
        offsets.extend(range(at, run.start()))
        if offsets:  # leading whitespace is dropped, any other run becomes one space at its first char
            chars.append(" ")
            offsets.append(run.start())
        at = run.end()
    chars.append(mapped[at:])
    offsets.extend(range(at, len(mapped)))
    return "".join(chars), offsets


def _fold_slow(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for out in _fold_char(ch):
            if out.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(i)
            else:
                chars.append(out)
                offsets.append(i)
    return "".join(chars), offsets


def _fold_char(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii():
        return ch.lower()
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return (decomposed or ch).lower()


class _FoldTable(dict[int, str]):
    """`str.translate` table computing (and keeping) `_fold_char` of each code point on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        out = " " if folded.isspace() else folded  # every whitespace char is a space, as the char loop writes
        self[code] = out
        return out


_FOLD_TABLE = _FoldTable()
_COLLAPSE = re.compile(r"^ +| {2,}")  # the table wrote every whitespace char as a space


def fold_value(value: str) -> str:
    """A model's value as the source would read after cleaning: LaTeX residue resolved, folded, trimmed."""
    folded, _ = fold(clean_text(value))
    return folded.strip().strip("\"'").rstrip(".;,:").strip()


@dataclass(frozen=True)
class Aligned:
    """`text` = `source[start:end]` of the paper's `field`, found with `status`; `sentence` = its sentence."""

    field: str
    start: int
    end: int
    text: str
    status: Alignment
    sentence: Sentence | None = None

    def span(self) -> Span:
        return Span(field=self.field, start=self.start, end=self.end, alignment=self.status)


class Source:
    """One field of a paper (title or abstract), folded and split once, searched many times."""

    def __init__(self, name: str, text: str) -> None:
        self.name, self.text = name, text
        self.folded, self.offsets = fold(text)

    @cached_property
    def sentences(self) -> list[Sentence]:
        return split_sentences(self.text)

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """(folded token, source start, source end) for every word token."""
        return [(m.group(), self.offsets[m.start()], self.offsets[m.end() - 1] + 1)
                for m in _TOKEN.finditer(self.folded)]

    def exact(self, value: str, whole_words: bool) -> Aligned | None:
        at = self.text.find(value)
        while at >= 0:
            if not whole_words or _bounded(self.text, at, at + len(value)):
                return self._aligned(at, at + len(value), "exact")
            at = self.text.find(value, at + 1)
        return None

    def normalised(self, value: str, whole_words: bool) -> Aligned | None:
        target = fold_value(value)
        if not target:
            return None
        at = self.folded.find(target)
        while at >= 0:
            end = at + len(target)
            if not whole_words or _bounded(self.folded, at, end):
                return self._aligned(self.offsets[at], self.offsets[end - 1] + 1, "normalised")
            at = self.folded.find(target, at + 1)
        return None

    def fuzzy(self, value: str, threshold: float = FUZZY_THRESHOLD) -> Aligned | None:
        """The sentence most of the value's tokens align to, in order, if at least `threshold` of them do."""
        needle = _TOKEN.findall(fold_value(value))
        if len(needle) < FUZZY_MIN_TOKENS:
            return None
        best: tuple[float, int, int, Sentence] | None = None
        for sentence in self.sentences:
            toks = [t for t in self.tokens if sentence.start <= t[1] < sentence.end]
            blocks = [b for b in SequenceMatcher(None, needle, [t[0] for t in toks], autojunk=False)
                      .get_matching_blocks() if b.size]
            score = sum(b.size for b in blocks) / len(needle)
            if blocks and score >= threshold and (best is None or score > best[0]):
                first, last = blocks[0].b, blocks[-1].b + blocks[-1].size - 1
                best = (score, toks[first][1], toks[last][2], sentence)
        if best is None:
            return None
        return Aligned(self.name, best[1], best[2], self.text[best[1]:best[2]], "fuzzy", best[3])

    def _aligned(self, start: int, end: int, status: Alignment) -> Aligned:
        sentence = next((s for s in self.sentences if s.start <= start < s.end), None)
        return Aligned(self.name, start, end, self.text[start:end], status, sentence)


def _bounded(text: str, start: int, end: int) -> bool:
    """No word character glued to either end of text[start:end]."""
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


class PaperSource:
    """Title and abstract of one paper, for alignment."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper
        self.title = Source("title", paper.title)
        self.abstract = Source("abstract", paper.abstract)

    def fields(self, names: tuple[str, ...]) -> list[Source]:
        return [self.title if name == "title" else self.abstract for name in names]

    def align_text(self, value: str | None, fields: tuple[str, ...] = ("abstract",),
                   fuzzy: bool = True) -> Aligned | None:
        """A free-text value (quote, summary, description): exact, normalised, then fuzzy."""
        value = (value or "").strip()
        if not value:
            return None
        sources = self.fields(fields)
        for source in sources:
            hit = source.exact(value, False) or source.normalised(value, False)
            if hit:
                return hit
        if fuzzy:
            for source in sources:
                hit = source.fuzzy(value)
                if hit:
                    return hit
        return None

    def align_name(self, value: str | None, fields: tuple[str, ...] = ("title", "abstract")) -> Aligned | None:
        """A name: whole words, exact or normalised; a wrapped name ("the X method") is unwrapped first."""
        value = (value or "").strip()
        if not value:
            return None
        for candidate in dict.fromkeys((value, _unwrap(value))):
            for source in self.fields(fields):
                hit = source.exact(candidate, True) or source.normalised(candidate, True)
                if hit:
                    return hit
        return None


def _unwrap(name: str) -> str:
    """'the FooNet method' -> 'FooNet' (articles and generic head nouns a model adds around a name)."""
    previous = None
    while previous != name:
        previous, name = name, _WRAPPER.sub("", name.strip(), count=1).strip()
    return name or previous or ""
