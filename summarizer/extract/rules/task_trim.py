"""Trimming a phrase to the noun phrase that names a problem: the clause breaks, leads and heads it must lose.

A title or abstract phrase runs on past its noun phrase (`... via X`, `... with Y`,
`..., and`), opens with words that are no part of it (`Towards`, `Improving`,
`A ... Perspective on`, `Rethinking the field of`, a bare verb, the method's own
adjectives `Training-Free`) and may end in the artifact that performs the
activity (`... Recommendation System`). `trim` cuts all of these and returns the
rest as a slice of the text, so every task phrase keeps its span.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit, words
from summarizer.extract.rules.task_choice import BROAD, verb_only
from summarizer.extract.rules.task_claims import CLAIMED_QUALITY
from summarizer.extract.rules.task_heads import activity_word

_CUT = re.compile(r"(?<!Problem)(?<!Problems)\s(?:via|with|using|through|by|from|under|without|based on|"
                  r"in the presence of|at|across|as|is|are|"
                  r"and its|that|when|beyond|against|inspired by|meets|can|could|may|does|do|will|made|[-–—]{1,2})\s"
                  r"|\s[A-Za-z]+ed(?=\s(?:with|by)\s)|[:?!,;]|\((?![\w-]+\)\s\w)"
                  # `Manual Abstraction in the Wild`: where the problem is met, not the problem
                  r"|\s(?:in\sthe\swild|in\spractice|in\sthe\sreal\sworld)\b", re.IGNORECASE)
_PUNCT = re.compile(r"[:?!,;]")
_LEAD = re.compile(
    r"^(?:(?:How to|How (?:Do|Does|Can|Much|Well)|Why|When|What|Can|Does|Do|Are|Is|We|Should|And|A|An|The|On|On the|"
    r"Towards?|"
    r"Toward|Improv(?:ed|ing)|Enhanc(?:ed|ing)|Better|Boosting|"
    # `Applying and improving AlphaFold at ...`, `Searching for MobileNetV3`: what is done to a named model
    r"(?:Applying|Using|Leveraging|Harnessing|Employing|Introducing|Presenting|Searching for)(?:\s(?:and|&)\s\w+ing)?|"
    r"Rethinking|Revisiting|Understanding|Exploring|Explaining|Investigating|Analy[sz]ing|Tackling|"
    # `Regarding Ordinal Regression as Label Sequence Prediction`: X is the problem, `as Y` the reformulation
    r"Regarding|Treating|Viewing|Casting|Framing|Reframing|"
    r"Addressing|Mitigating|Refining|Advancing|Unlocking|Unveiling|Achieving|Enabling|Accelerating|"
    r"Simple|Novel|New|Fast|Efficient|Effective|Accurate|Scalable|Flexible|Optimal|Improved|Practical|"
    # `Rethinking the field of X`, `On the Problem of X`, `Elements of X`: a container noun whose complement is
    # the topic
    r"(?:the\s)?(?:field|area|domain|problem|task|topic|elements|foundations|principles|fundamentals|basics)"
    r"\sof(?:\sthe)?|"
    # `A Multi-objective Reinforcement Learning Perspective on X`: a view on X, however it is qualified
    r"Generalized|Unified|(?:[\w-]+\s){0,4}?(?:View|Perspective|Look|Note)\s(?:on|of|at)(?:\sthe)?|"
    r"(?:Improved |Empirical |Theoretical |Systematic |Comprehensive |Large-Scale |Case )?(?:Analysis|Study|"
    r"Survey|Investigation|Review|Evaluation|Benchmark|Framework|Approach|Method|Model|Perspectives?|Research"
    r") (?:of|on|into|for))"
    r"\s)+",
    re.IGNORECASE)
_TRAILING_STOP = re.compile(r"(?:\s(?:in|of|for|and|or|the|a|an|to|on|with|from|by))+$", re.IGNORECASE)
# `Machine Learning and Return Predictability`: a broad field coordinated with a topic; the topic is the problem.
# `Statistical Learning under Heterogeneous Distribution Shift`, `Deep Learning with Differential Privacy`: what a
# broad field is qualified by is the problem
_FIELD_AND = re.compile(BROAD.pattern + r"\s(?:and|&|under|with|in)\s", re.IGNORECASE)
# Adjectives that describe the proposed method, not the problem: `Training-Free`, `Density-Aware`, `Doubly Robust`
_MODIFIER = re.compile(
    # `Deep Learning-Based`, `Machine Learning-Assisted`: a field's name as the first part of the modifier
    r"(?:Doubly\s\w+|(?:(?:[Dd]eep|[Mm]achine|[Rr]einforcement|[Ss]tatistical)\s)?[\w-]+-(?:[Ff]ree|[Aa]ware|[Bb]ased|[Gg]uided|[Dd]riven|[Aa]gnostic|[Aa]ugmented|[Ee]nhanced|"
    r"[Ii]nspired|[Ii]nformed|[Aa]ssisted|[Cc]entric|[Rr]eweighted|[Pp]reserving))\s")
# a method-describing head at the end of a problem phrase: `... Load Balancing Strategy`, `... Paradigm Driven`
# `A Quantitative Study of X`, `An Experimental Comparison of X`: a genre noun, however it is qualified, is the kind
# of paper; its complement is the topic (tried only on texts `_qualified` lets through)
_GENRE_LEAD = re.compile(r"(?:(?:A|An|The)\s)?(?:[\w-]+\s){0,2}?(?:Study|Studies|Comparison|Investigation|"
                         r"Examination|Assessment|Exploration)\s(?:of|on|into)\s(?:the\s)?", re.IGNORECASE)
# `Deep Neural Network Based Top Quark Tagging`: the `-Based` modifier written with a space (never `Based on`)
_SPACED_MODIFIER = re.compile(r"(?:[\w-]+\s){1,3}(?:Based|Driven|Guided)\s(?!on\b|by\b)(?=[\w-]+\s[\w-])")
_GENERIC_HEAD = re.compile(r"(?:\s(?:Paradigm|Strategy|Strategies|Framework|Approach|Perspective|Recipe|Toolkit|"
                           r"Pipeline|Scheme|Technique|Suite|Methodology))?(?:\s(?:Driven|Guided|Based|Inspired|Powered))?$")
_MODEL_CLASSES = words("diffusion regression")
_LINKS = words("of for in on from with to")
_ARTIFACT_NOUNS = words("model models system systems method methods algorithm algorithms network networks")
_FIRST_WORD = re.compile(r"([A-Za-z]+)\s")
_EVALUATE = words("evaluate assess measure compare benchmark quantify characterize characterise")
_MAX_WORDS = 8


def trim(text: str, offset: int, field: str, extra_cut: str | None = None, keep_links: bool = False) -> Hit | None:
    """Cut `text` at the first clause break, drop leading verbs, articles and the method's own adjectives."""
    start = 0
    qualified = _qualified(text)
    while ((lead := _LEAD.match(text, start) or _MODIFIER.match(text, start) or CLAIMED_QUALITY.match(text, start)
            or _FIELD_AND.match(text, start) or _imperative(text, start)
            or (qualified and _qualified_lead(text, start)))
           and lead.end() < len(text)):
        if (lead.re in (_MODIFIER, _SPACED_MODIFIER)
                and len(re.split(r"[\s-]+", _CUT.split(text[lead.end():])[0].strip())) < 2):
            break  # `Dynamic Routing` keeps its adjective when nothing but the head noun would be left
        start = lead.end()
    cut = (_PUNCT if keep_links else _CUT).search(text, start)
    end = cut.start() if cut else len(text)
    if extra_cut and (m := re.search(extra_cut, text[start:end])):
        end = start + m.start()
    phrase = _TRAILING_STOP.sub("", text[start:end].rstrip(" ."))
    if (tail := _GENERIC_HEAD.search(phrase)) and len(phrase[:tail.start()].split()) >= 2:
        phrase = phrase[:tail.start()]  # `Groupwise Reranking Paradigm Driven` -> `Groupwise Reranking`
    phrase = _without_artifact_head(phrase)
    words = phrase.split()
    if len(words) > _MAX_WORDS:
        phrase = _cut_long(words)
    if not phrase or not text[start:].startswith(phrase):
        return None
    return Hit(phrase, offset + start, offset + start + len(phrase), field)


def _cut_long(words: list[str]) -> str:
    """Too long: end before the last `in/of/for/on` within the cap, never mid-noun-phrase (`in Large Language`)."""
    kept = words[:_MAX_WORDS]
    compound = {i + 1 for i in range(len(kept) - 3)  # `state of the art` is one modifier: its `of` cuts nothing
                if " ".join(kept[i:i + 4]).lower() == "state of the art"}
    preps = [i for i, w in enumerate(kept) if w.lower() in ("in", "of", "for", "on", "with") and i >= 2
             and i not in compound]
    if preps:
        kept = kept[:preps[-1]]
    return _TRAILING_STOP.sub("", " ".join(kept))


def _without_artifact_head(phrase: str) -> str:
    """`Real Time Recommendation System`, `Time Series Forecasting Models`, `Question Answering System`: an activity
    followed by the artifact that performs it names the activity; the artifact noun goes (`Language Models`,
    `Storage System` keep theirs: `language` and `storage` name no activity; `Diffusion Models` and `Regression
    Models` are classes of models; in `Training of Diffusion Models` the compound is an object, not the head)."""
    words = phrase.split()
    if (len(words) >= 3 and words[-1].lower() in _ARTIFACT_NOUNS and activity_word(words[-2])
            and words[-2].lower() not in _MODEL_CLASSES and not _LINKS & {w.lower() for w in words}):
        return phrase[:phrase.rfind(words[-1])].rstrip()
    return phrase


def _qualified(text: str) -> bool:
    """Whether `text` holds a word without which `_qualified_lead` cannot match (`Study`, `Comparison`, ` Based `,
    either case): plain substring tests, so the two regexes stay off most texts (trim runs on every candidate)."""
    return ("tud" in text or "ompar" in text or "nvestig" in text or "xamin" in text or "ssess" in text
            or "xplor" in text or "ased " in text or "riven " in text or "uided " in text)


def _qualified_lead(text: str, start: int) -> re.Match[str] | None:
    """A genre noun with its own qualifiers (`An Experimental Comparison of`) or a spaced method modifier (`Deep
    Neural Network Based`) before the topic (only tried on texts `_qualified` lets through)."""
    return _GENRE_LEAD.match(text, start) or _SPACED_MODIFIER.match(text, start)


def _imperative(text: str, start: int) -> re.Match[str] | None:
    """`Improve Long-term Memory Learning ...`, `Realize Data-Efficient Dynamic Object Manipulation`, `... to
    Address Class Imbalance in ...`: a noun phrase never opens with a bare verb, so a leading word the lexicon
    knows only as a verb (not a gerund or participle) says what is done to the problem named after it. Verbs of
    evaluation stay (`A Benchmark to Evaluate Attribution Methods`: evaluating them is the problem)."""
    match = _FIRST_WORD.match(text, start) if start == 0 else None  # `Training-free Instruct Model`: a compound
    if (match is None or not verb_only(match.group(1)) or match.group(1).lower() in _EVALUATE
            or len(text[match.end():].split()) < 2):
        return None
    return match
