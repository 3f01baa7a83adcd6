"""The vocabulary of measures shared by the gain-slot readers: known metric names and the nouns that head a measure."""

from __future__ import annotations

import re

from summarizer.extract.rules.lexicon import METRICS

METRIC_RE = re.compile(r"(?<![\w-])(?:" + "|".join(
    f"(?i:{re.escape(m)})" if m.islower() else re.escape(m) for m in sorted(METRICS, key=len, reverse=True))
    + r")(?![\w-])")
# nouns that name a measure when they head the object of `reduces/improves ... by N`
MEASURE_NOUN = re.compile(
    r"(?:errors?|costs?|usage|time|latency|accurac(?:y|ies)|entropy|rates?|scores?|size|memory|overhead|consumption|"
    r"footprint|throughput|loss|perplexity|variance|bias|gap|length|ratio|reward|return|regret|bandwidth|storage|"
    r"energy|FLOPs|parameters|tokens|steps|calls|queries|speed|quality|recall|precision|coverage|correlation|"
    r"agreement|robustness|efficiency|requirements?|demand|abilities|ability|capabilities|success|data|delay|"
    r"runtime|run-time|rejection|index|indices)$")
NOT_A_MEASURE = re.compile(r"\b(?:methods?|models?|baselines?|approach(?:es)?|state-of-the-art|SOTA|systems?|"
                           r"it|them|this|that|performance)\b", re.IGNORECASE)


def names_measure(phrase: str) -> bool:
    """A phrase that names a measure: headed by a measure noun or a known metric (`top-1 accuracy`, `mean AP`), or
    a known metric as a whole (`word error rate`). The test every gain-slot reader applies to a candidate metric."""
    head = phrase.split()[-1]
    return bool(MEASURE_NOUN.fullmatch(head) or METRIC_RE.fullmatch(head) or METRIC_RE.fullmatch(phrase))
