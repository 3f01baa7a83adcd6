"""Fit the task scorer's weights on the dev split and report 5-fold cross-validated token-F1.

Every candidate of every dev paper (`task.all_candidates`) gets its named features (`features` below);
a logistic regression on candidate pairs learns which of two candidates has the higher token-F1 against the
gold phrasings; the chooser then takes the candidate with the highest score. The folds are fixed (papers in
`sha1(id)` order, dealt round-robin), so the figures are deterministic. Only dev records are read; held-out
and blind files are never touched.

Run: `python eval/fit_task_scorer.py [eval/labeled.jsonl] [--alpha A]`.

Result 2026-11-30 (296 dev papers, before the batch-19 rules): tier order 80.8, scorer 78.7 (5-fold CV); after
them and with batch 21 merged (315 dev papers): tier order 82.6, scorer 80.9. Fitted and scored on all of dev
(in-sample) 79.5; a conservative variant that keeps the tier order's choice unless a classifier is confident an
alternative is better reached 81.2 at best over its settings (noise). The features do not tell the better
candidate apart from the first acceptable one, so the scorer is not shipped: `find_task` keeps the tier order.
The oracle (best acceptable candidate per paper, eval/task_candidates.py) is 90.1 (90.5): the candidates are there,
the choice is what fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from summarizer.evaluation.metrics import score_task
from summarizer.extract.rules.hits import Hit, content_words
from summarizer.extract.rules.method import find_method
from summarizer.extract.rules.names import name_like
from summarizer.extract.rules.sentences import Sentence, split_sentences
from summarizer.extract.rules.task import Candidate, all_candidates, find_task, widened
from summarizer.extract.rules.task_case import lowercased
from summarizer.extract.rules.task_choice import abstract_counts
from summarizer.extract.rules.task_heads import METHOD_HEADS, activity_word, head_words, names_an_activity

TIERS = ("title grammar", "title activity", "abstract statement", "title cut", "abstract mention", "title chunk",
         "abstract topic", "abstract chunk")
_LENGTHS = (1, 2, 3, 4)  # content words; the last bucket is 5 and more
_LINK = re.compile(r"\s(?:of|for|in|on|over|under|from)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What every candidate of one paper is measured against."""

    title: str
    abstract: str  # case-folded
    counts: Counter[str]
    pairs: Counter[tuple[str, str]]  # adjacent content words of the abstract
    votes: Counter[str]  # how many candidates (of any tier) have this case-folded value
    current: Hit | None  # what the tier order alone would choose


def context(title: str, abstract: str, counts: Counter[str], candidates: Sequence[Candidate],
            current: Hit | None) -> Context:
    votes = Counter(c.hit.value.casefold() for c in candidates)
    return Context(title.casefold(), abstract.casefold(), counts, word_pairs(abstract), votes, current)


def word_pairs(text: str) -> Counter[tuple[str, str]]:
    """Adjacent content words: `phishing websites` written five times says more than `phishing` and `websites`."""
    words = content_words(text)
    return Counter(pairwise(words))


def features(c: Candidate, ctx: Context) -> dict[str, float]:
    """The named features of one candidate; every value is 0/1 or a share, so the weights compare."""
    value = c.hit.value
    folded = value.casefold()
    words = content_words(value)
    absent = [w for w in words if ctx.counts[w] == 0]
    first = value.split()[0] if value.split() else ""
    heads = head_words(value)
    pairs = list(pairwise(words))
    found = {f"tier: {t}": float(c.tier == t) for t in TIERS}
    length = min(len(words), len(_LENGTHS) + 1)
    found.update({f"length {n}{'+' if n == len(_LENGTHS) + 1 else ''}": float(length == n)
                  for n in (*_LENGTHS, len(_LENGTHS) + 1)})
    found.update({
        "bias": 1.0,
        "passes the checks": float(c.ok),
        "the tier order's choice": float(ctx.current is not None and ctx.current == c.hit),
        "first of its tier": float(c.rank == 0),
        "written verbatim in the abstract": float(folded in ctx.abstract),
        "written in the title": float(folded in ctx.title),
        "proposed by several tiers": min(ctx.votes[folded] - 1, 3) / 3,
        "share of words the abstract never writes": len(absent) / len(words) if words else 1.0,
        "first word not in the abstract": float(bool(words) and ctx.counts[words[0]] == 0),
        "words the abstract repeats": sum(min(ctx.counts[w], 3) for w in words) / (3 * len(words)) if words else 0.0,
        "share of its word pairs the abstract writes": (sum(ctx.pairs[p] > 0 for p in pairs) / len(pairs)
                                                         if pairs else 0.0),
        "word pairs the abstract repeats": (sum(min(ctx.pairs[p], 3) for p in pairs) / (3 * len(pairs))
                                            if pairs else 0.0),
        "headed by an activity": float(names_an_activity(value)),
        "headed by a method or artifact noun": float(bool(heads) and any(h in METHOD_HEADS for h in heads)),
        "opens with a gerund": float(first.lower().endswith("ing") and activity_word(first)),
        "has a complement (of/for/in/on)": float(bool(_LINK.search(value))),
        "coordinated (and/or)": float(bool(re.search(r"\s(?:and|or|&)\s", value))),
        "holds a name or acronym": float(any(name_like(w) for w in value.split())),
        "holds a digit": float(any(ch.isdigit() for ch in value)),
    })
    return found


def names() -> list[str]:
    """The feature names in a fixed order (the order of the weights file)."""
    probe = Candidate(TIERS[0], 0, Hit("x", 0, 1, "title"), True)
    return list(features(probe, Context("", "", Counter(), Counter(), Counter(), None)))


def score(c: Candidate, ctx: Context, fitted: dict[str, float]) -> float:
    """The weighted sum of the candidate's features."""
    return sum(fitted.get(name, 0.0) * value for name, value in features(c, ctx).items() if value)


def find_task_scored(title: str, method_name: str | None, sentences: list[Sentence], abstract: str,
                     fitted: dict[str, float]) -> Hit | None:
    """Like `find_task`, but every candidate is scored and the best one wins."""
    candidates = all_candidates(title, method_name, sentences, abstract)
    current = find_task(title, method_name, sentences, abstract, lowercase=False)
    counts = abstract_counts(abstract)
    chosen = best(candidates, context(title, abstract, counts, candidates, current), fitted) or current
    if chosen is not None and chosen is not current and len(content_words(chosen.value)) == 1:
        chosen = widened(chosen, sentences, counts, method_name)
    return lowercased(chosen) if chosen is not None else None


def best(candidates: Sequence[Candidate], ctx: Context, fitted: dict[str, float]) -> Hit | None:
    """The highest-scoring candidate that passes the checks; ties go to the earlier (more trusted) one."""
    top, top_score = None, float("-inf")
    for c in candidates:
        if not c.ok:
            continue
        s = score(c, ctx, fitted)
        if s > top_score:
            top, top_score = c.hit, s
    return top


_FOLDS = 5
_MARGIN = 0.1


@dataclass
class Paper:
    id: str
    title: str
    abstract: str
    gold: list[str]
    name: str | None
    sentences: list[Sentence]
    x: np.ndarray  # one row of features per checked candidate
    y: np.ndarray  # each candidate's token-F1


def load(path: Path) -> list[Paper]:
    papers = []
    order = names()
    for line in path.read_text().splitlines():
        r = json.loads(line) if line.strip() else None
        if r is None or r["split"] != "dev" or not r["gold"]["task"]:
            continue
        title, abstract, gold = r["title"], r["abstract"], r["gold"]["task"]
        sentences = split_sentences(abstract)
        method = find_method(title, abstract, sentences)
        name = method.name.value if method else None
        candidates = [c for c in all_candidates(title, name, sentences, abstract) if c.ok]
        current = find_task(title, name, sentences, abstract, lowercase=False)
        ctx = context(title, abstract, abstract_counts(abstract), candidates, current)
        rows = [[features(c, ctx)[n] for n in order] for c in candidates]
        x = np.array(rows, dtype=float).reshape(len(rows), len(order))
        y = np.array([score_task(gold, c.hit.value).lenient for c in candidates])
        papers.append(Paper(r["id"], title, abstract, gold, name, sentences, x, y))
    return sorted(papers, key=lambda p: hashlib.sha1(p.id.encode()).hexdigest())


def fit(papers: list[Paper], alpha: float) -> dict[str, float]:
    """Pairwise ranking: a logistic regression on feature differences of candidate pairs of the same paper whose
    F1 differs by more than `_MARGIN` (which one of the two is better), both orders, so no intercept is needed."""
    diffs, labels = [], []
    for p in papers:
        for i in range(len(p.y)):
            for j in range(len(p.y)):
                if p.y[i] - p.y[j] > _MARGIN:
                    diffs += [p.x[i] - p.x[j], p.x[j] - p.x[i]]
                    labels += [1, 0]
    model = LogisticRegression(C=1 / alpha, fit_intercept=False, max_iter=2000).fit(np.array(diffs), labels)
    return {n: round(float(w), 4) for n, w in zip(names(), model.coef_[0], strict=True)}


def f1(paper: Paper, fitted: dict[str, float] | None) -> float:
    if fitted is None:
        hit = find_task(paper.title, paper.name, paper.sentences, paper.abstract)
    else:
        hit = find_task_scored(paper.title, paper.name, paper.sentences, paper.abstract, fitted)
    return score_task(paper.gold, hit.value if hit else None).lenient


def cross_validate(papers: list[Paper], alpha: float) -> tuple[float, float]:
    """Mean token-F1 of the tier order and of the scorer fitted on the other folds, over all dev papers."""
    order = scored = 0.0
    for k in range(_FOLDS):
        train = [p for i, p in enumerate(papers) if i % _FOLDS != k]
        test = [p for i, p in enumerate(papers) if i % _FOLDS == k]
        fitted = fit(train, alpha)
        order += sum(f1(p, None) for p in test)
        scored += sum(f1(p, fitted) for p in test)
    return 100 * order / len(papers), 100 * scored / len(papers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labeled", nargs="?", type=Path, default=Path("eval/labeled.jsonl"))
    parser.add_argument("--alpha", type=float, default=1.0)
    args = parser.parse_args()
    papers = load(args.labeled)
    order, scored = cross_validate(papers, args.alpha)
    print(f"dev n={len(papers)}: tier order {order:.1f}, scorer {_FOLDS}-fold CV {scored:.1f} (alpha {args.alpha})")
    fitted = fit(papers, args.alpha)
    for name, w in sorted(fitted.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {w:+.3f}  {name}")


if __name__ == "__main__":
    main()
