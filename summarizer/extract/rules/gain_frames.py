"""Where a claim was measured, when the sentence's subject is the evaluation that reports it.

`Experimental evaluations on real-world workloads demonstrate that Bullet delivers 1.26x ...`, `Our evaluation across
6 LLM application scenarios (...) demonstrates that X improves ... by 2.2x`, `Our empirical studies with six benchmark
datasets show that ...`: the subject names the evaluation set (a set noun: workloads, scenarios, datasets, tasks) and a
reporting verb (`show`, `demonstrate`, `indicate`, `reveal`, `confirm`, `suggest`) hands it to the `that` clause, so
the claims of that clause were measured there (GUIDELINES §11 d: a framing clause that names the evaluation data).
A subject that names no set noun (`Experiments show that`, `Results on ImageNet show`) frames nothing here: named
datasets are read by `gain_dataset` from the claim's own clause.
"""

from __future__ import annotations

import re

# the evaluation noun that heads the subject, with up to two modifiers (`Experimental evaluations`, `Our empirical
# studies`, `Extensive experiments`)
_EVALUATION = r"(?:(?:Our|The|These|Extensive|Experimental|Empirical)\s)?(?:[\w-]+\s){0,2}?" \
              r"(?:evaluations?|experiments?|studies|study|results|tests|analys[ie]s|benchmarks?)"
# the evaluation set: a noun phrase ending in a set noun, after `on/across/with/over/using`
_SET_NOUN = r"(?:workloads|scenarios|datasets|data\ssets|benchmarks|tasks|corpora|environments|domains|test\ssets)"
_REPORT_FRAME = re.compile(
    rf"{_EVALUATION}\s(?:on|across|with|over|using)\s(?:the\s|a\s(?:range|set|variety|suite)\sof\s)?"
    rf"(?P<d>(?:[\w-]+\s){{0,4}}?{_SET_NOUN})(?:\s\([^()]*\))?,?\s(?:\w+\s)?"
    r"(?:show|shows|showed|demonstrate|demonstrates|demonstrated|indicate|indicates|indicated|reveal|reveals|"
    r"revealed|confirm|confirms|confirmed|suggest|suggests|suggested)\s(?:that\s)?",
    re.IGNORECASE)


def reported_frame(sentence: str) -> tuple[str, int] | None:
    """The evaluation set an opening `<evaluation> on <set> shows that` names, and where its `that` clause starts.

    None when the sentence opens otherwise, or the evaluation names no set noun.
    """
    found = _REPORT_FRAME.match(sentence)
    if found is None or found.group("d").split()[0].lower() in _NOT_A_SET_START:
        return None
    return found.group("d"), found.end()


# `Experiments with our method show that`: a phrase about the method, not an evaluation set
_NOT_A_SET_START = frozenset(["our", "this", "these", "its", "their", "proposed"])


# `Our results show that`, `Experiments on ... demonstrate that`: an opening that only reports what follows
_REPORTING_OPENING = re.compile(
    rf"{_EVALUATION}\s(?:[\w-]+\s){{0,6}}?(?:show|shows|showed|demonstrate|demonstrates|demonstrated|indicate|"
    r"indicates|indicated|reveal|reveals|revealed|confirm|confirms|confirmed|suggest|suggests|suggested)\sthat\s",
    re.IGNORECASE)


def reporting_opening_end(sentence: str) -> int:
    """Where the `that` clause of an opening `<evaluation> ... shows that` starts (0 when there is none), so that a
    comparison opening that clause frames it as it would frame a sentence (`Our results show that compared to X,`)."""
    found = _REPORTING_OPENING.match(sentence)
    return found.end() if found else 0
