"""The task: a short noun phrase for the problem a paper addresses, cut from its own words.

Titles say it most compactly (`... for Quantile Regression`, `X: Pruning LLMs
via Y`); abstracts say it explicitly in `the problem of X` / `we study X`. The
phrase is always a contiguous slice of the title or abstract, trimmed of
method names, leading verbs (`Improving`, `Towards`) and trailing `via/with`
clauses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from summarizer.extract.rules.hits import Hit, content_words, words
from summarizer.extract.rules.names import name_like
from summarizer.extract.rules.sentences import Sentence
from summarizer.extract.rules.task_abstract import problem_mentions, problem_statements, research_topics
from summarizer.extract.rules.task_case import lowercased
from summarizer.extract.rules.task_choice import (
    abstract_counts,
    accepted,
    adverb,
    choose,
    reads_as_problem,
    salience,
    verb_only,
)
from summarizer.extract.rules.task_heads import names_an_activity
from summarizer.extract.rules.task_title import (
    GENERIC_TARGET,
    asked_subject,
    describes_artifact,
    segments,
    title_candidates,
    title_core,
)
from summarizer.extract.rules.task_trim import trim

# `each training`, `some updates`, `this problem`: a chunk that opens with a quantifier or determiner
_QUANTIFIER = re.compile(r"(?:each|every|some|any|all|many|most|several|various|this|these|that|those|our|its|"
                         r"their|such|other|further|little|new|novel|first|second)\b", re.IGNORECASE)
_LONG_TITLE_WORDS = 6
# a run of title words between function words, clause marks and verbs of method
_CHUNK = re.compile(r"(?:(?<![\w'’/()-])(?!(?:for|with|via|using|through|by|from|under|without|in|on|of|to|and|or|"
                    r"at|as|is|are|the|a|an|into|towards?|beyond|vs|versus|can|do|does|meets|how|what|why|when|which)\b)[\w'’/()-]+(?:\s|$))+",
                    re.IGNORECASE)
# what follows these in a title is how the problem is solved, not the problem
# (a passive's agent is no means: `Regularization Imposed by Self-Distillation`); a coordination shares its
# preposition: `by Representing and Predicting Spans`
_MEANS = re.compile(r"(?:\b(?:using|via|through|with|based\son)|(?<!ed)\sby)\s+(?:[\w'’/()-]+\s+(?:and|or|&)\s+)?$",
                    re.IGNORECASE)
_LINK = re.compile(r"\s?(?:of|for|in|on|from|under|with)\s(?:the\s)?", re.IGNORECASE)
# nouns that turn a topic word into an artifact: `BERT model`, `attention network`
_THING = words("""model models system systems method methods approach approaches framework network networks
algorithm algorithms technique techniques architecture tool""")
# a chunk that runs on into a clause (`sampling process while training`) is no noun phrase
_CLAUSE = words("while whereas when where which that because since although if unless")
_OPENING = 3  # sentences of the abstract whose noun chunks may stand in for a title that names nothing


def find_task(title: str, method_name: str | None, sentences: list[Sentence], abstract: str = "",
              lowercase: bool = True) -> Hit | None:
    """The best short problem phrase, or None when nothing usable is found."""
    start, core = title_core(title, method_name)
    shorter = _shorter(core, start, title)
    counts = abstract_counts(abstract or " ".join(s.text for s in sentences))
    asked = asked_subject(title)
    candidates = (hit for _, tier in candidate_tiers(title, method_name, sentences, shorter, counts)
                  for hit in tier()
                  if hit is not None and _not_whole(hit, title) is not None and _not_the_question(hit, title, asked))
    chosen = choose(candidates, counts, method_name)
    if (chosen is None and shorter is not None and reads_as_problem(shorter.value, method_name)
            and _not_the_question(shorter, title, asked)):
        chosen = shorter  # the abstract shares no word with any candidate (or there is no abstract)
    if chosen is None:  # the title names nothing at all (`Applying and improving AlphaFold at CASP14`)
        chosen = choose(_abstract_chunks(sentences, counts, method_name), counts, method_name)
    elif len(content_words(chosen.value)) == 1:
        chosen = widened(chosen, sentences, counts, method_name)
    return lowercased(chosen) if chosen is not None and lowercase else chosen


Tier = tuple[str, Callable[[], Iterable[Hit | None]]]


def candidate_tiers(title: str, method_name: str | None, sentences: list[Sentence], shorter: Hit | None,
                    counts: Counter[str]) -> tuple[Tier, ...]:
    """The candidate phrases in named tiers, most trusted first; each tier is built only when reached (lazy)."""
    headed = shorter if shorter is not None and names_an_activity(shorter.value) else None
    tiers: tuple[Tier, ...] = (
        ("title grammar", lambda: title_candidates(title, method_name)),  # what the title's grammar points at
        # `Music Source Separation in the Waveform Domain`: a title phrase headed by an activity outranks
        # what the abstract frames (`the problem of isolating contributions ...`)
        ("title activity", lambda: (headed,)),
        ("abstract statement", lambda: problem_statements(sentences)),  # `the problem of X`, `we study X`
    )
    if describes_artifact(title, method_name):  # `Soylent: A Word Processor with a Crowd Inside`
        tiers = tiers[::-1]
    return (
        *tiers,
        ("title cut", lambda: (shorter,)),  # the title cut before its first preposition
        ("abstract mention", lambda: problem_mentions(sentences)),  # `a method for X`, `X is a fundamental problem`
        # the title chunk the abstract writes most
        ("title chunk", lambda: sorted(_title_chunks(title), key=lambda h: -salience(h.value, counts))),
        ("abstract topic", lambda: research_topics(sentences)),  # `previous studies on X`: the background's topic
    )


@dataclass(frozen=True)
class Candidate:
    """One phrase the chooser could file the paper under: where it came from and whether it passes the checks."""

    tier: str
    rank: int  # position within its tier
    hit: Hit
    ok: bool


def all_candidates(title: str, method_name: str | None, sentences: list[Sentence],
                   abstract: str = "") -> list[Candidate]:
    """Every candidate of every tier (the abstract's noun chunks last), in the tier order, checked: what the
    chooser could have taken, for measuring it (eval/task_candidates.py); `find_task` builds tiers lazily instead."""
    start, core = title_core(title, method_name)
    shorter = _shorter(core, start, title)
    counts = abstract_counts(abstract or " ".join(s.text for s in sentences))
    asked = asked_subject(title)
    found = []
    tiers = (*candidate_tiers(title, method_name, sentences, shorter, counts),
             ("abstract chunk", lambda: _abstract_chunks(sentences, counts, method_name)))
    for name, tier in tiers:
        rank = 0
        for hit in tier():
            if hit is None or _not_whole(hit, title) is None or not _not_the_question(hit, title, asked):
                continue
            checked = accepted(hit, counts, method_name)
            found.append(Candidate(name, rank, checked or hit, checked is not None))
            rank += 1
    return found


def widened(word: Hit, sentences: list[Sentence], counts: Counter[str], method_name: str | None) -> Hit:
    """`Does Management Matter?` gives one word; the abstract's opening writes the noun phrase it stands for
    (`management practices`): the most written two-word opening chunk that holds the word replaces it (longer
    chunks run into praise or clauses: `useful characterization of multicalibration`)."""
    key = content_words(word.value)
    wider = [h for h in _abstract_chunks(sentences, counts, method_name)
             if len(h.value.split()) == 2 and key[0] in content_words(h.value)  # the word and its modifier
             and any(w not in _THING for w in content_words(h.value) if w != key[0])  # not `BERT model`
             and not _CLAUSE & set(h.value.lower().split())]
    return choose(wider, counts, method_name) or word


def _not_the_question(hit: Hit, title: str, asked: Hit | None) -> bool:
    """`Management Matter` from `Does Management Matter? Evidence from India` runs from the question's subject
    into its verb: a clause. The subject alone, or a noun phrase of the predicate, is fine."""
    if asked is None or hit.field != "title" or hit == asked:
        return True
    return hit.start >= asked.end or hit.end <= asked.start


def _abstract_chunks(sentences: list[Sentence], counts: Counter[str], method_name: str | None) -> list[Hit]:
    """Last resort when the title names nothing (`Searching for MobileNetV3`): the noun chunks of the abstract's
    opening, two to four words, most written first (`protein structure prediction` for an AlphaFold report);
    never one that holds the method's initials (`valid FL` for Feasible Learning)."""
    initials = "".join(w[0] for w in (method_name or "").split() if w[:1].isupper())
    hits = [Hit(h.value, h.start, h.end, "abstract") for s in sentences[:_OPENING] for h in _chunks(s.text, s.start)
            if 2 <= len(h.value.split()) <= 4 and not _QUANTIFIER.match(h.value)
            and not _CLAUSE & set(h.value.lower().split())  # `pre-training method that`
            and not (len(initials) > 1 and initials in h.value.split())
            and not any(name_like(w) for w in h.value.split())]  # `AlphaFold system entered`: about an artifact
    return sorted(hits, key=lambda h: -salience(h.value, counts))


def _title_chunks(title: str) -> list[Hit]:
    return [hit for at, text in segments(title) for hit in _chunks(text, at)]


def _chunks(segment: str, offset: int) -> list[Hit]:
    """Noun chunks of a title segment and `A of/for/in B` pairs of them: `Aligning Language Models`,
    `Offline Reinforcement Learning from Human Feedback`, `judgments of web pages`."""
    pieces = [piece for m in _CHUNK.finditer(segment) for piece in _split_at_verbs(segment, m.start(), m.end())]
    hits = []
    for i, (a, b) in enumerate(pieces):
        if _MEANS.search(segment[:a]):
            continue  # `Robotic Navigation Using Harmonic Function-based Probabilistic Roadmaps`: the means
        hits.append(trim(segment[a:b], offset + a, "title"))
        if i + 1 < len(pieces) and _LINK.fullmatch(segment[b:pieces[i + 1][0]]):
            end = pieces[i + 1][1]
            hits.append(trim(segment[a:end], offset + a, "title", keep_links=True))
    # `000 Volunteers` from `37,000 Volunteers`: the comma of a number splits no noun phrase; a count is no topic
    return [h for h in hits if h is not None and not GENERIC_TARGET.fullmatch(h.value)
            and not h.value.split()[0].isdigit()]


def _split_at_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`Open-label placebos reduce test anxiety` -> the subject and the object: a finite verb ends a noun chunk."""
    pieces, at = [], start
    for word in re.finditer(r"\S+", text[start:end]):
        if verb_only(word.group()) or adverb(word.group()):
            pieces.append((at, start + word.start()))
            at = start + word.end() + 1
    pieces.append((at, end))
    return [(a, b) for a, b in ((a, len(text[:b].rstrip())) for a, b in pieces) if b > a]


def _not_whole(hit: Hit | None, title: str) -> Hit | None:
    """A whole long title is not a task phrase; a short noun-phrase title may well be one."""
    if hit is None or (hit.value == title.strip() and len(title.split()) >= _LONG_TITLE_WORDS):
        return None
    return hit


def _shorter(core: str, offset: int, title: str) -> Hit | None:
    """Last resort: the title core, cut before its first `into/in/on/of` when it would be the whole title."""
    hit = trim(core, offset, "title")
    if hit is None or _not_whole(hit, title) is not None:
        return hit
    cut = re.search(r"\s(?:into|in|on|of|across|over|for)\s", hit.value)
    if cut:
        return Hit(hit.value[:cut.start()], hit.start, hit.start + cut.start(), "title")
    tail = " ".join(hit.value.split()[-3:])  # English noun compounds end in their head: `... Reinforcement Learning`
    return Hit(tail, hit.end - len(tail), hit.end, "title") if hit.value.endswith(tail) else hit
