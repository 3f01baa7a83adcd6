"""What a claimed gain is compared with (`than X`, `over X`, `outperforming X`), read from the gain's own clause."""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_clause import nearest
from summarizer.extract.rules.gain_metric import METRIC_RE

_BASELINE = re.compile(
    r"\b(?:[Cc]ompared\s(?:to|with)|[Ii]n\scomparison\s(?:to|with)|[Rr]elative\sto|than|versus|vs\.?|against|over|"
    r"outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?|"
    r"(?:same|similar|comparable)\s(?:[\w-]+\s){0,2}as|\bas\s(?:accurate|fast|good|efficient)\sas)\s"
    r"(?:\([^()]{1,60}\)\s)?(?:~?\d[\d.,]*\s?%?(?:\s[A-Za-z][\w-]*){1,2}\sin\s~?\d[\d.,]*\s?[a-z]+\s(?:by|for|of)\s)?"
    r"(?:(?:an?\s|the\s)?(?:[\w-]+\s){0,2}of\s~?\d[\d.,]*\s?%?\s(?:for|by|of|from|with)\s)?"
    rf"(?:(?:the\s|an?\s)?{METRIC_RE.pattern}\s(?:for|of|by|with|from)\s)?(?:the\s|an?\s(?!\d))?(?P<b>(?!by\b|up\b|\d)[\w\-.+/]+(?:\s(?!by\b|on\b|in\b|with\b|"
    r"while\b|and\b|across\b|for\b|at\b|when\b|using\b|under\b|to\b|of\b|which\b)[\w\-.+/]+){0,4}"
    r"(?:,\ssuch\sas\s[\w\-.+/]+(?:(?:,\s|\sand\s)[\w\-.+/]+){0,3})?)")
# `against the independent, multiethnic data set`: where it was tested, not what it was compared with
_EVALUATED_ON = re.compile(r"[\w\s,-]{0,40}?\b(?:data\s?sets?|benchmarks?|test\ssets?|cohorts?|corpus|corpora)\b")
# `vs performance`, `than that`: a word, not a compared system
_GENERIC_BASELINE = re.compile(r"(?:performance|accuracy|results?|that|those|this|it|them|time|cost|compute|memory|"
                               r"speed|quality|efficiency|\w+ly\b(?!\s\w+(?:ed|en)\s\w))\b", re.IGNORECASE)
# (`than previously reported` is no system; `than commonly used intra-batch parallelism techniques` is one)


def _follows_another_claim(text: str, found: tuple[int, int, str], start: int) -> bool:
    """`15% speedup on BERT-large compared to the MLPerf record, 3× speedup on GPT-2`: a comparison right after
    another number is that number's, unless it leads to ours by `by` (`outperforming X by 9.6%`)."""
    link = r"\s?(?:by|with)\s(?:up\sto\s|over\s|about\s|an?\s[\w-]+\s(?:of\s)?)?[~+]?"
    if re.fullmatch(link, text[found[1]:start]):
        return False
    return bool(_CLAIMED_NUMBER.search(text, max(0, found[0] - 90), found[0]))


# a number with a unit of change (`15%`, `3×`, `2 points`), not a year, a version (`V2`) or a setting (`512`)
_CLAIMED_NUMBER = re.compile(r"(?<![\w.-])\d[\d.,]*\s?(?:%|×|x\b|times\b|points?\b|-fold\b)")


# `0.6x the GPU requirement of full finetuning`: a multiple of another system's quantity names that system
_MULTIPLE_OF = re.compile(r"\s(?:of\s)?the\s(?:[\w-]+\s){1,3}?(?:of|used\sby|required\sby|needed\sby|for)\s(?:the\s)?"
                          r"(?P<b>[\w-]+(?:\s(?!while\b|and\b|with\b|on\b|in\b)[\w-]+){0,3})")


def baseline(text: str, start: int, end: int) -> str | None:
    """The compared system nearest the number in its clause (`than X`, `over X`, `outperforming X`)."""
    if re.search(r"(?:[x×]|times)$", text[start:end]) and (multiple := _MULTIPLE_OF.match(text, end)):
        return multiple.group("b").rstrip(".,;")
    found = [(m.start(), m.end(), m.group("b").rstrip(".,;:)-")) for m in _BASELINE.finditer(text)
             if re.match(r"(?!an?\s)[A-Za-z]", m.group("b")) and not re.search(r"\d%", m.group("b"))
             and not _GENERIC_BASELINE.match(m.group("b"))
             and not re.match(r"(?:on|in|at|for|with|of|to|by|from|one|two|three|four|five|ten|half|a few)\b",
                              m.group("b"))  # `less than one modification per sentence` is a quantity
             and not _EVALUATED_ON.match(text, m.start("b"))  # `testing against the independent data set`
             and not (re.search(r"\b(?:rather|other|less|more|fewer|greater)\s$", text[max(0, m.start() - 8):m.start()])
                      and not re.match(r"than\s(?:the|an?)\s", m.group(0)))]
    # (`less than one modification` is a quantity; `greater than the AUC-ROC for X` compares with X)
    # within the clause, and near: up to 90 characters before the number or 150 after it
    found = [f for f in found if (f[0] >= end and f[0] - end < 150) or (f[0] < start and f[1] > end)
             or (f[1] <= start and start - f[1] < 90 and not _follows_another_claim(text, f, start))]
    # (or around it: `beats (by 2%) X`)
    return nearest(found, start, end)
