"""What a claimed gain is compared with (`than X`, `over X`, `outperforming X`), read from the gain's own clause."""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_clause import breaks_between, nearest
from summarizer.extract.rules.gain_frames import reporting_opening_end
from summarizer.extract.rules.gain_metric import MEASURE_NOUN, METRIC_RE
from summarizer.extract.rules.gain_terms import inside_defined_term

_BASELINE = re.compile(
    r"\b(?:[Cc]ompared\s(?:to|with)|[Ii]n\scomparison\s(?:to|with)|[Rr]elative\sto|than|versus|vs\.?|against|over|"
    r"outperform(?:s|ing|ed)?|surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?|"
    r"(?:same|similar|comparable)\s(?:[\w-]+\s){0,2}as|comparable\sto|\bas\s(?:accurate|fast|good|efficient)\sas)\s"
    r"(?:\([^()]{1,60}\)\s)?(?:~?\d[\d.,]*\s?%?(?:\s[A-Za-z][\w-]*){1,2}\sin\s~?\d[\d.,]*\s?[a-z]+\s(?:by|for|of)\s)?"
    r"(?:(?:an?\s|the\s)?(?:[\w-]+\s){0,2}of\s~?\d[\d.,]*\s?%?\s(?:for|by|of|from|with)\s)?"
    rf"(?:(?:the\s|an?\s)?{METRIC_RE.pattern}\s(?:for|of|by|with|from)\s)?(?:(?:that|those)\sof\s)?"
    r"(?:the\s|an?\s(?!\d))?(?P<b>(?!by\b|up\b|\d)[\w\-.+/]+(?:\s(?!by\b|on\b|in\b|with\b|"
    r"while\b|and\b|across\b|for\b|at\b|when\b|using\b|under\b|to\b|of\b|which\b)[\w\-.+/]+){0,4}"
    r"(?:,\ssuch\sas\s[\w\-.+/]+(?:(?:,\s|\sand\s)[\w\-.+/]+){0,3})?)")
# `against the independent, multiethnic data set`: where it was tested, not what it was compared with
_EVALUATED_ON = re.compile(r"[\w\s,-]{0,40}?\b(?:data\s?sets?|benchmarks?|test\ssets?|cohorts?|corpus|corpora)\b")
# `robustness against input distribution shifts`, `defends against poisoning`: what is withstood, not a compared system
_WITHSTOOD = re.compile(r"\b(?:robust(?:ness)?|resilien(?:t|ce)|resist(?:ant|ance)?|defen[cs]es?|defend(?:s|ing)?|"
                        r"protect(?:s|ing|ion)?|immun(?:e|ity)|secur(?:e|ity)|safeguards?|guard(?:s|ing)?)\s$",
                        re.IGNORECASE)
# `vs performance`, `than that`: a word, not a compared system
_GENERIC_BASELINE = re.compile(r"(?:performance|accuracy|results?|that|those|this|it|them|time|cost|compute|memory|"
                               r"speed|quality|efficiency|\w+ly\b(?!\s\w+(?:ed|en)\s\w))(?![\w-])", re.IGNORECASE)
# (`than previously reported` is no system; `than commonly used intra-batch parallelism techniques` is one; `a
# time-series-only baseline` is one: a generic word opening a hyphenated compound is not the whole name)


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
             and not (m.group(0).startswith("against") and (
                 _EVALUATED_ON.match(text, m.start("b")) or _WITHSTOOD.search(text, max(0, m.start() - 16), m.start())))
             # (`testing against the independent data set` is where; `over a statistical benchmark` is what)
             and text[max(0, m.start() - 3):m.start()] != "to "  # `... needed to outperform X`: a purpose
             and not inside_defined_term(text, m.start())  # `Intersection over Union (IoU)`: one name
             and not (re.search(r"\b(?:rather|other|less|more|fewer|greater)\s$", text[max(0, m.start() - 8):m.start()])
                      and not re.match(r"than\s(?:the|an?)\s", m.group(0)))]
    # (`less than one modification` is a quantity; `greater than the AUC-ROC for X` compares with X)
    # within the clause, and near: up to 90 characters before the number or 150 after it
    found = [f for f in found if (f[0] >= end and f[0] - end < 150 and not owned_by_a_later_claim(text, end, f[0]))
             or (f[0] < start and f[1] > end)
             or (f[1] <= start and start - f[1] < 90 and not _follows_another_claim(text, f, start))]
    # (or around it: `beats (by 2%) X`)
    name = nearest(found, start, end)
    return restated_baseline(text, name) if name else None


# `outperforms the state-of-the-art model on waveforms, that is, Wave-U-Net, by 1.6 points`: an appositive that names
# the compared system replaces its description
_RESTATED = re.compile(r"(?:\s[^,;()]{1,30})?,\s(?:that\sis|namely|i\.e\.),?\s(?:the\s)?"
                       r"(?P<b>[^,;()]{2,40}?)(?=,|\s\(|\s(?:by|on|in)\s)")


def restated_baseline(text: str, name: str) -> str:
    """The name an appositive gives the compared system (`X, that is, Wave-U-Net,` -> `Wave-U-Net`), else `name`."""
    at = text.find(name)
    restated = _RESTATED.match(text, at + len(name)) if at >= 0 else None
    return restated.group("b") if restated else name


# `in 0.8s with a success rate of 93% ... and is 3× faster than registering point clouds`, `67.5% on MMLU, greater
# than a 7% improvement over Gopher`: a comparison after a later number that carries its own comparative
# (`3× faster`, `7% improvement`) is that number's; values of one list (`5% and 7% higher than X`) share it
_OWN_COMPARATIVE = re.compile(rf"{_CLAIMED_NUMBER.pattern}\s(?:[\w-]+\s)?(?:faster|slower|higher|lower|better|worse|"
                              r"more|less|fewer|smaller|larger|cheaper|improvements?|gains?|reductions?|speed-?ups?|"
                              r"increases?|decreases?|boosts?)\b")


def owned_by_a_later_claim(text: str, end: int, comparison_start: int) -> bool:
    """A later number with its own comparative, in a predicate of its own (`and is 3× faster than`), sits between
    the value (ending at `end`) and the comparison. An elided parallel claim shares it (`the English error rate was
    20.4% lower, and Mandarin error rate 63.4% lower, than the keyboard`), so does a list (`5% and 7% higher`)."""
    for later in _OWN_COMPARATIVE.finditer(text, end, comparison_start):
        if _OWN_PREDICATE.search(text, end, later.start()):
            return True
    # `scaling beyond 1.8 million tasks per second and better performance than X`: a comparative conjunct with no
    # number owns the comparison when the value has no comparative of its own
    return bool(_COORDINATED_COMPARATIVE.search(text, end, comparison_start)) and not _HAS_COMPARATIVE.match(text, end)


_COORDINATED_COMPARATIVE = re.compile(r"\band\s(?:[\w-]+\s){0,2}?(?:better|higher|lower|faster|fewer|less|more|"
                                      r"smaller|cheaper|stronger)\s(?:[\w-]+\s){0,2}$")
_HAS_COMPARATIVE = re.compile(r"\s?(?:(?!and\b|or\b)[\w-]+\s)?(?:faster|slower|higher|lower|better|worse|more|less|"
                              r"fewer|smaller|larger|cheaper|improvements?|gains?|reductions?|speed-?ups?)\b")


_OWN_PREDICATE = re.compile(r"\band\s(?:it\s|they\s)?(?:is|are|was|were|runs?|ran|has|have|had|achieves?|achieved|"
                            r"reaches|reached|yields?|yielded|gives?|gave)\s(?:[\w-]+\s){0,2}$")


# `Compared to GPT-3 175B fine-tuned with Adam, LoRA can reduce ... by 3 times`, `Most importantly, compared with
# autoregressive Transformer TTS, our model speeds up ...`: a comparison that opens the sentence frames its main
# clause and the result participle or colon elaboration that hangs off it, not a later clause with its own subject
_FRAME = re.compile(r"(?:[A-Z][a-z]+(?:\s[a-z]+)?,\s)?(?:[Cc]ompared\s(?:to|with)|[Ii]n\scomparison\s(?:to|with)|"
                    r"[Rr]elative\sto|[Aa]gainst)\s(?:the\s|an?\s)?(?P<b>[^,;:()]{2,60}?),\s")
_ELABORATION = re.compile(r":\s|,\s(?:achieving|reaching|attaining|obtaining|yielding)\b")


def framed_baseline(sentence: str, clause_start: int) -> str | None:
    """The system an opening `Compared to X,` names, for a claim in the clause it frames (or its elaboration)."""
    frame = _FRAME.match(sentence) or _FRAME.match(sentence, reporting_opening_end(sentence))  # `Our results show
    # that compared to DCTCP, TBTCP reduces ...`: the report's `that` clause opens with the comparison
    if frame is None or _GENERIC_BASELINE.match(frame.group("b")) or (0 < clause_start < frame.end()):
        return None
    between = breaks_between(sentence, frame.end(), max(clause_start, frame.end()))
    return frame.group("b") if all(_ELABORATION.match(b) for b in between) else None


# `we improve the output of a phrase-based translation system by up to 0.4 BLEU`, `boosts the performance of
# chain-of-thought prompting ... GSM8K (+17.9%)`, `reduce the size of a BERT model by 40%`: the system whose measure
# the verb changes is what the change is measured against
_OWNER_OF_MEASURE = re.compile(
    r"\b(?:improv|boost|increas|reduc|lower|enhanc|rais|cut|shrink|accelerat|decreas)\w*\s(?:the|its|their)\s"
    r"(?:[\w-]+\s){0,2}?[\w-]+\sof\s(?:the\s|an?\s)?(?P<b>[\w.+/-]+(?:\s(?!by\b|with\b|on\b|in\b|to\b|from\b|"
    r"across\b|for\b|and\b|while\b)[\w.+/-]+){0,3})")
_NOT_A_SYSTEM = re.compile(r"(?:our|its|their|this|these|the|it|them|model|models|method|methods|system|systems)$|"
                           r"(?:our|its|their|this|these)\b", re.IGNORECASE)


def owner_of_measure(text: str, start: int) -> str | None:
    """`improve the output of a phrase-based translation system by 0.4 BLEU` -> `phrase-based translation system`.

    Only a system (not a measure: `reduce the number of trainable parameters` names what is counted, not what is
    compared) that the clause names before the value.
    """
    found = list(_OWNER_OF_MEASURE.finditer(text, 0, start))
    if not found:
        return None
    name = found[-1].group("b")
    if _NOT_A_SYSTEM.match(name) or _measure_head(name) or _GENERIC_BASELINE.match(name):
        return None
    return name if _SYSTEM_LIKE.search(name) else None  # `the workload of the second reader`: a person, no system


# a system's name: a capital or digit (`BERT model`, `GPT-3`) or a system noun at its head (`translation system`)
_SYSTEM_LIKE = re.compile(r"[A-Z0-9]|\b(?:systems?|models?|methods?|approach(?:es)?|baselines?|networks?|prompting|"
                          r"algorithms?|pipelines?|architectures?|detectors?|classifiers?|policy|policies|decoding|"
                          r"training|fine-?tuning|search|parser|tagger|encoder|decoder|transformer)$")


def _measure_head(phrase: str) -> bool:
    """The phrase is a measure (`trainable parameters`, `GPU memory`), not a system."""
    return bool(MEASURE_NOUN.fullmatch(phrase.split()[-1]) or METRIC_RE.fullmatch(phrase))


# `CURL outperforms prior pixel-based methods, both model-based and model-free, on complex tasks ... showing 1.9x and
# 1.2x performance gains`: a change stated later in the clause whose verb is `outperforms X` is measured against X
_MAIN_COMPARISON = re.compile(r"\b(?:outperform|surpass|beat|exceed)(?:s|ed|es)?\s(?:the\s|an?\s)?"
                              r"(?P<b>[\w.+/-]+(?:\s(?!by\b|on\b|in\b|with\b|and\b|across\b|for\b|at\b|to\b|of\b)"
                              r"[\w.+/-]+){0,3})")


def main_verb_baseline(clause: str, start: int) -> str | None:
    """The object of the clause's `outperforms/surpasses X` before the value, at any distance inside the clause."""
    found = _MAIN_COMPARISON.search(clause, 0, start)
    if found is None or text_is_generic(found.group("b")):
        return None
    return found.group("b").rstrip(".,;:")


def text_is_generic(name: str) -> bool:
    """`outperforms it`, `surpasses all`: no system named."""
    return bool(_GENERIC_BASELINE.match(name) or _NOT_A_SYSTEM.match(name)
                or re.match(r"(?:all|both|every|each|several|many|most|previous|prior)$", name))
