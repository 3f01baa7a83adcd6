"""Fit the weights of the summary and outcome sentence rankers on the dev split (deterministic).

Each dev paper gives one row of features per abstract sentence (`sentence_features.py`) and one target per
sentence: ROUGE-1 of that sentence, trimmed as the card would show it, against the human gold. The model is a
softmax over the sentences of a paper (a conditional logit) fitted to the soft target softmax(ROUGE-1 / T), with
an L2 penalty, by L-BFGS from zeros: the same data give the same weights. The outcome ranker is fitted on papers
whose gold claims a result; whether a card has an outcome at all stays the rule's decision (null when no
sentence claims one).

    python eval/fit_sentence_ranker.py --cv              # 5-fold CV on dev: ranker vs the hand-weighted rules
    python eval/fit_sentence_ranker.py --write           # refit on all of dev, write the shipped weights
    python eval/fit_sentence_ranker.py --check           # refit and compare with the shipped weights (exit 1)
    python eval/fit_sentence_ranker.py --write --exclude "batch 20"   # leave a batch out (its clean check)

Dev only: held-out and blind records are never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.evaluation.text_scores import rouge  # noqa: E402
from summarizer.extract.rules import sentence_features as sf  # noqa: E402
from summarizer.extract.rules import sentence_ranker as rk  # noqa: E402
from summarizer.extract.rules.discourse import trim_lead  # noqa: E402
from summarizer.extract.rules.method import find_method  # noqa: E402
from summarizer.extract.rules.outcome import find_outcome  # noqa: E402
from summarizer.extract.rules.sentences import Sentence, split_sentences  # noqa: E402
from summarizer.extract.rules.summary import find_summary  # noqa: E402

TEMPERATURE = 0.1  # ROUGE-1 is 0..1: a sentence 10 points better is e times as likely in the target
L2 = 10.0  # on standardised features; T and L2 chosen by 5-fold CV on dev (0.02-0.2, 0.1-30)
FOLDS = 5


@dataclass
class Paper:
    """One dev paper: its sentences, method name, title and golds."""

    id: str
    title: str
    sentences: list[Sentence]
    name: str | None
    summary_gold: str
    outcome_gold: str | None


def dev_papers(path: Path, exclude: list[str] | None) -> list[Paper]:
    """Dev records with a summary gold, in file order (the blind sets are refused)."""
    if "blind" in path.name:
        raise SystemExit("fit_sentence_ranker: the blind sets are not to be tuned on")
    papers = []
    for line in path.read_text().splitlines():
        record = json.loads(line) if line.strip() else None
        if not record or record["split"] != "dev" or not record["gold"].get("summary"):
            continue
        if any(text in record.get("notes", "") for text in exclude or ()):
            continue
        sentences = split_sentences(record["abstract"])
        method = find_method(record["title"], record["abstract"], sentences)
        papers.append(Paper(record["id"], record["title"], sentences, method.name.value if method else None,
                            record["gold"]["summary"], record["gold"].get("outcome")))
    return papers


def _targets(gold: str, sentences: list[Sentence], shown) -> np.ndarray:
    return np.array([rouge(gold, shown(s))[0] for s in sentences])


def summary_rows(paper: Paper) -> tuple[np.ndarray, np.ndarray]:
    """Features and per-sentence ROUGE-1 targets of the summary ranker."""
    ctx = rk.summary_stage(paper.sentences, paper.title, paper.name)
    rows = sf.feature_rows(sf.SUMMARY_FEATURES, ctx)
    return np.array(rows), _targets(paper.summary_gold, paper.sentences, rk.shown_summary)


def outcome_rows(paper: Paper, summary_weights: list[float]) -> tuple[np.ndarray, np.ndarray, bool]:
    """Features and targets of the outcome ranker, given the summary the summary weights pick (as the shipped
    pipeline does); and whether the rule gives an outcome at all."""
    ctx = rk.summary_stage(paper.sentences, paper.title, paper.name)
    best = rk.best_index(sf.linear_scores(sf.SUMMARY_FEATURES, summary_weights, ctx), paper.sentences)
    rule = rk.outcome_stage(ctx, trim_lead(paper.sentences[best]) if best >= 0 else None)
    targets = _targets(paper.outcome_gold or "", paper.sentences, rk.shown_outcome)
    return np.array(sf.feature_rows(sf.OUTCOME_FEATURES, ctx)), targets, rule is not None


def fit(groups: list[tuple[np.ndarray, np.ndarray]]) -> list[float]:
    """Conditional-logit weights (on raw features) fitted to softmax(target / T) per group."""
    if not groups:
        raise SystemExit("fit_sentence_ranker: no training papers")
    stacked = np.vstack([x for x, _ in groups])
    scale = stacked.std(axis=0)
    scale[scale == 0] = 1.0
    xs = [x / scale for x, _ in groups]
    qs = []
    for _, y in groups:
        z = np.exp((y - y.max()) / TEMPERATURE)
        qs.append(z / z.sum())

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = L2 * w @ w, 2 * L2 * w
        for x, q in zip(xs, qs, strict=True):
            s = x @ w
            s = s - s.max()
            p = np.exp(s)
            p /= p.sum()
            total -= q @ (s - np.log(np.exp(s).sum()))
            grad -= x.T @ (q - p)
        return total, grad

    result = minimize(loss, np.zeros(stacked.shape[1]), jac=True, method="L-BFGS-B")
    return [round(float(v), 4) for v in result.x / scale]


def pick_score(x: np.ndarray, y: np.ndarray, weights: list[float], sentences: list[Sentence]) -> float:
    """ROUGE-1 of the sentence the weights pick, as the ranker picks it (`best_index`: three words or more, the
    first among equals)."""
    best = rk.best_index([float(v) for v in x @ np.array(weights)], sentences)
    return float(y[best]) if best >= 0 else 0.0


def fit_all(papers: list[Paper]) -> dict[str, list[float]]:
    """Summary weights, then outcome weights on features computed with that summary."""
    summary_weights = fit([summary_rows(p) for p in papers])
    outcome_groups = []
    for paper in papers:
        if paper.outcome_gold is not None:
            x, y, _ = outcome_rows(paper, summary_weights)
            outcome_groups.append((x, y))
    return {"summary": summary_weights, "outcome": fit(outcome_groups)}


def evaluate(papers: list[Paper], weights: dict[str, list[float]]) -> tuple[float, float, float, float]:
    """Mean ROUGE-1 of (summary, outcome) for the ranker and for the hand-weighted rules on `papers`."""
    ranked_s, rule_s, ranked_o, rule_o = [], [], [], []
    for paper in papers:
        x, y = summary_rows(paper)
        ranked_s.append(pick_score(x, y, weights["summary"], paper.sentences))
        rule_s.append(rule_summary_score(paper))
        xo, yo, has_claim = outcome_rows(paper, weights["summary"])
        if not has_claim or paper.outcome_gold is None:
            ranked_o.append(float(not has_claim and paper.outcome_gold is None))
        else:
            ranked_o.append(pick_score(xo, yo, weights["outcome"], paper.sentences))
        rule_o.append(rule_outcome_score(paper))
    return tuple(100 * float(np.mean(v)) for v in (ranked_s, rule_s, ranked_o, rule_o))  # type: ignore[return-value]


def rule_summary_score(paper: Paper) -> float:
    """ROUGE-1 of the hand-weighted summary rule's pick."""
    hit = find_summary(paper.sentences, paper.title, paper.name)
    return rouge(paper.summary_gold, hit.as_sentence().value)[0] if hit else 0.0


def rule_outcome_score(paper: Paper) -> float:
    """ROUGE-1 of the hand-weighted outcome rule's pick (1 for a rightly empty outcome)."""
    summary = find_summary(paper.sentences, paper.title, paper.name)
    hit = find_outcome(paper.sentences, summary, paper.name)
    if hit is None or paper.outcome_gold is None:
        return float(hit is None and paper.outcome_gold is None)
    return rouge(paper.outcome_gold, hit.as_sentence().value)[0]


def cross_validate(papers: list[Paper]) -> None:
    """5 folds by position in a fixed order (every 5th paper), ranker vs rules on each held-out fold."""
    totals = np.zeros(4)
    for fold in range(FOLDS):
        train = [p for i, p in enumerate(papers) if i % FOLDS != fold]
        test = [p for i, p in enumerate(papers) if i % FOLDS == fold]
        scores = evaluate(test, fit_all(train))
        totals += np.array(scores) * len(test)
        print(f"fold {fold}: n={len(test)}  summary ranker {scores[0]:.1f} rules {scores[1]:.1f}  "
              f"outcome ranker {scores[2]:.1f} rules {scores[3]:.1f}")
    s_rank, s_rule, o_rank, o_rule = totals / len(papers)
    print(f"CV (n={len(papers)}): summary ranker {s_rank:.1f} vs rules {s_rule:.1f}; "
          f"outcome ranker {o_rank:.1f} vs rules {o_rule:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labeled", type=Path, default=ROOT / "eval" / "labeled.jsonl")
    parser.add_argument("--exclude", action="append", help="leave out dev records whose notes contain this text "
                                                            "(repeatable)")
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation on dev")
    parser.add_argument("--write", action="store_true", help="write the weights fitted on all of dev")
    parser.add_argument("--check", action="store_true", help="exit 1 unless refitting gives the shipped weights")
    args = parser.parse_args()
    papers = dev_papers(args.labeled, args.exclude)
    if args.cv:
        cross_validate(papers)
    if args.write or args.check:
        weights = fit_all(papers)
        if args.write:
            rk.WEIGHTS_PATH.write_text(json.dumps(rk.weights_document(weights, len(papers)), indent=1) + "\n")
            print(f"wrote {rk.WEIGHTS_PATH} (fitted on {len(papers)} dev papers)")
        elif weights != rk.load_weights():
            raise SystemExit("fit_sentence_ranker: refitting does not reproduce the shipped weights")
        else:
            print("shipped weights reproduced")


if __name__ == "__main__":
    main()
