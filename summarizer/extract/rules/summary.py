"""The summary: the abstract's contribution sentence, cut from its own words.

Abstracts follow a known rhetorical order (background, gap, contribution,
method details, results). The contribution move is marked by first-person or
paper-as-agent verbs: `We propose/present/introduce X`, `This paper studies Y`,
`In this work, we ...`, `Here we show ...`. The rule scores every sentence by
those cues (strong verbs over weak ones, `we` over nothing), penalises the
background and result moves, prefers the earliest best sentence, and trims a
leading discourse frame (`In this paper,`, `To address this gap,`) when what
remains starts with its own subject, so it is still a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.extract.rules.discourse import trim_lead
from summarizer.extract.rules.hits import Hit, content_words
from summarizer.extract.rules.result_cues import BACKGROUND_OPENER, FINDING, NUMERIC_RESULT, RESULT_MENTION
from summarizer.extract.rules.sentences import Sentence

_AGENT = (r"(?:we|the\sauthors|(?:this|the\spresent)\s(?:[\w-]+\s){0,2}?(?:paper|work|study|article|letter|thesis|"
          r"report|note|manuscript|research|survey|review|chapter)|our\s(?:work|paper|study))")
_STRONG_VERB = (r"(?:propose|introduce|present|develop|design|devise|describe|formulate|put forward|contribute|"
                r"offer|build|construct|create|release|curate|establish|derive|elaborate|unveil|pioneer)")
_WEAK_VERB = (r"(?:study|studies|investigate|explore|examine|analy[sz]e|address|tackle|consider|focus|revisit|"
              r"show|demonstrate|prove|provide|report|evaluate|compare|conduct|perform|assess|identify|"
              r"characteri[sz]e|aim|seek|argue|extend|leverage|use|apply|find|train|learn|benchmark|"
              r"frame|cast|reformulate|quantify|measure|model|survey|review|discuss|outline|explain|highlight)")
# `we propose`, `this paper presents`, `we further introduce`, `we, for the first time, study`, `we thus present`
_ADVERBS = r"(?:\w+ly\s|also\s|further\s|here\s|then\s|first\s|thus\s|therefore\s|hence\s|now\s|instead\s){0,2}"
STRONG_CUE = re.compile(rf"\b{_AGENT}(?:,[^,]{{0,40}},)?\s{_ADVERBS}{_STRONG_VERB}")
WEAK_CUE = re.compile(rf"\b{_AGENT}(?:,[^,]{{0,40}},)?\s{_ADVERBS}{_WEAK_VERB}")
_FRAME = re.compile(r"\b(?:in\s(?:this|the\spresent)\s(?:paper|work|study|article|letter|report)|here|"
                    r"to\s(?:this|that)\send|"
                    r"to\s(?:address|tackle|overcome|bridge|fill|solve|mitigate|remedy|alleviate|close)\s)",)
# Enumerated detail sentences (`Then, we derive ...`, `Second, we ...`) elaborate a contribution stated before.
DETAIL_OPENER = re.compile(r"^(?:Then|Next|Second(?:ly)?|Third(?:ly)?|Fourth|Lastly|Finally|More\sspecifically|"
                     r"Specifically|Additionally|In\saddition|Moreover|Furthermore|Further|Meanwhile|Also|Besides|"
                     r"Subsequently|Concretely|In\sparticular|First(?:ly)?(?:\sof\sall)?)\b")
_NAMING = re.compile(r"\b(?:called|dubbed|named|termed|coined)\b|\(\s?[A-Z][\w-]*[A-Z][\w-]*\s?\)")
FIRST_PERSON = re.compile(r"\b(?:we|our)\b")
_AGENT_HINT = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his|[Tt]he present|[Tt]he authors)\b")
_MIN_WORDS = 6
# What the authors present is their evaluation, not their contribution: `We present a number of case studies`,
# `we present ablation studies of key components`, `We also present two controlled experiments that evaluate ...`.
_EVALUATION_OBJECT = re.compile(rf"\b{_STRONG_VERB}s?\s(?:(?:a\s)?(?:number|series|set|couple)\sof\s|an?\s|the\s|"
                                r"(?:two|three|four|five|several|extensive|preliminary|detailed|thorough|our)\s|"
                                r"[\w-]+\s){0,3}(?:case\sstud|ablation|experiment|evaluation|user\sstud|"
                                r"empirical\s(?:stud|analys|results)|results\b|comparisons?\b|benchmark(?:s|ing)\b)")
EVALUATION_PENALTY = 2.5  # a strong verb whose object is an evaluation weighs like a weak cue
TITLE_WEIGHT = 2.0  # a sentence writing every title word gains as much as a weak contribution cue
NAME_AGENT_SCORE = 2.5  # the method doing something (`X enables ...`) states the contribution like a weak cue
# How a method works: the means (by/via/using/through), its parts (consists of, combines) or what it does;
# `design` only as the authors' verb (`we first design a Spatial Path`), not the noun (`Our design has been ...`).
_MECHANISM = re.compile(r"\b(?:by|via|using|through|based\son|built\son|on\stop\sof|consists?\sof|composed\sof|"
                        r"combin(?:es?|ing)|compris(?:es?|ing)|leverag(?:es?|ing)|utili[sz](?:es?|ing)|employ(?:s|ing)?|"
                        r"encod(?:es?|ing)|learns?|predicts?|trains?|extracts?|replac(?:es?|ing)|treats?|frames?|"
                        r"reformulates?|decompos(?:es?|ing)|maps?|generates?|pairs?|introduc(?:es?|ing)|"
                        r"(?:we|first|then|also|further|and)\sdesign)\b")
# Name expansions and capitalised multi-word names carry no content of their own: `(TSNN-ESTD)`, `which stands for`;
# a lone acronym (`ML models applied in CSP`) may be the topic itself and stays.
_EXPANSION = re.compile(r",?\s(?:which\s)?(?:stands|short)\sfor\s[^,.;]*|\([^)]*\)")
_NAME_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s(?:of|for|via|and|with|in|on|to|the)?\s?[A-Z][\w-]*)+")  # 2+ words
# Words a naming sentence writes around the name without saying anything about the method.
_NAMING_FILLER = frozenset(content_words("""propose proposed present introduce develop design describe new novel
    first simple efficient effective unified general generic powerful approach method framework model system
    technique algorithm scheme architecture network paradigm strategy family called named dubbed termed coined
    address tackle solve problem challenge dilemma issue limitation gap paper work study this these those such
    which one"""))
_TOKEN = re.compile(r"[A-Za-z][\w-]*")
_NAMING_MAX_WORDS = 3  # at most this many words of content beyond the name: a naming, not a description
_LOOKAHEAD = 2  # the description follows the naming sentence within two sentences (background may sit between)
# A subject a reader cannot resolve when the sentence is read alone on a card.
_ANAPHOR = re.compile(r"^(?:it|its|they|their|them|this|these|those|that|such|both|each|he|she|his|her|there)\b",
                      re.IGNORECASE)
_POINTS_BACK = re.compile(r"\b(?:it|this|these|they|them)\b", re.IGNORECASE)
_OPENER = re.compile(r"^[^,]{1,80},\s")  # `Specifically, ` / `Unlike recent models, ` before the subject
# The paper's own method as the subject: `Our method uses ...`, `Our pipeline generates ...`, `The proposed HFPRM
# method comprises ...`, `The heart of our algorithm is ...` (after an opener such as `In the speech input case,`).
OWN_METHOD_SUBJECT = re.compile(
    r"^(?:(?-i:[A-Z])[\w ,-]{0,40},\s)?(?:our|the\sproposed|the\sheart\sof\sour)\s(?:[\w-]+\s){0,2}?"
    r"(?:method|approach|algorithm|model|framework|system|pipeline|technique|architecture|scheme|design|network|"
    r"tool|solution|procedure|keyboard|interface|controller|planner|estimator|detector)s?\b", re.IGNORECASE)
# `driven by observations`, `inspired by biology`: where the design came from, not how the method works
_MOTIVATION = re.compile(r"\b(?:driven|motivated|inspired|guided|informed|prompted)\sby\b")


def contribution_score(sentence: Sentence, index: int, name: str | None = None) -> float:
    """How strongly a sentence states the paper's contribution (0 = not at all)."""
    text, lower = sentence.text, sentence.text.lower()  # cue patterns are lowercase: 3x faster than IGNORECASE
    if not _AGENT_HINT.search(text):
        if names_subject(sentence, name) and not RESULT_MENTION.search(lower) and not NUMERIC_RESULT.search(text):
            return NAME_AGENT_SCORE - 0.1 * index  # `Crownboard enables people ...`: the method as the agent
        return -1 - 0.1 * index  # no `we`, `our`, `this paper`: not the contribution move
    score = 0.0
    if STRONG_CUE.search(lower):
        score += 4 - presents_evaluation(lower)
    elif WEAK_CUE.search(lower):
        score += 2.5
    elif FIRST_PERSON.search(lower):
        score += 1
    if score and _FRAME.search(lower[:60]):
        score += 1  # `In this paper, we ...` / `To address this, we ...` opens the contribution move
    if score and _NAMING.search(text):
        score += 0.5  # the sentence that names the method is the one that introduces it
    if DETAIL_OPENER.match(text):
        score -= 1.0 if text.startswith("First") else 1.5
    if BACKGROUND_OPENER.match(text) and not FIRST_PERSON.search(lower):
        score -= 2
    if RESULT_MENTION.search(lower):
        score -= 1.5
    if len(text.split()) < _MIN_WORDS:
        score -= 2
    return score - 0.1 * index  # ties go to the earlier sentence: the contribution precedes its details


def presents_evaluation(lower: str) -> float:
    """The authors present their experiments or case studies (`To validate our design choices, we present ablation
    studies`): the evaluation move in a contribution verb's clothes, which a one-line summary does not quote."""
    return EVALUATION_PENALTY if _EVALUATION_OBJECT.search(lower) else 0.0


def find_summary(sentences: list[Sentence], title: str = "", name: str | None = None,
                 scores: list[float] | None = None) -> Hit | None:
    """The contribution sentence, else the first sentence of substance; None for an empty abstract.

    Among contribution sentences, the one that names the title's topic wins more often: a reader's one-line
    summary says what the paper does to the thing its title names. A contribution sentence that only names
    the method gives way to the next sentence that says how it works (`how_it_works`). `scores`: every
    sentence's `contribution_score`, when the caller has computed them already."""
    usable = [(i, s) for i, s in enumerate(sentences) if len(s.text.split()) >= 3]
    if not usable:
        return None
    topic = set(content_words(title))
    scored = [(scores[i] if scores is not None else contribution_score(s, i, name), i, s) for i, s in usable]
    if max(score for score, _, _ in scored) <= 0:
        return trim_lead(usable[0][1])  # no cue at all: an abstract's opening usually names its topic
    _, minus_at, best = max((score + TITLE_WEIGHT * title_overlap(s, topic), -i, s) for score, i, s in scored)
    following = sentences[1 - minus_at:1 - minus_at + _LOOKAHEAD]
    if naming_only(best, name):
        best = how_it_works(following) or best
    elif following and own_mechanism(following[0]):
        best = following[0]
    return trim_lead(best)


def title_overlap(sentence: Sentence, topic: set[str]) -> float:
    """Share of the title's content words the sentence writes (0 without a title)."""
    return len(topic & sentence_words(sentence.text)) / len(topic) if topic else 0.0


@lru_cache(maxsize=512)
def sentence_words(text: str) -> frozenset[str]:
    """A sentence's content words, cached: the rule and the learned ranker (`sentence_features`) both read them."""
    return frozenset(content_words(text))


def names_subject(sentence: Sentence, name: str | None) -> bool:
    """The sentence's subject is the method's name, followed by a verb: `RoLoRA utilizes rotation ...`."""
    if not name:
        return False
    text = _OPENER.sub("", sentence.text, count=1) if not sentence.text.startswith(name) else sentence.text
    rest = text[len(name):] if text.startswith(name) else ""
    return bool(re.match(r"\s(?:is\s|are\s)?[a-z]+", rest)) and not re.match(r"\s(?:is|are)\sa\b", rest)


def naming_only(sentence: Sentence, name: str | None) -> bool:
    """A contribution sentence that names the method and says little else: `we propose X, an efficient method.`

    Its words beyond the name, the verb and filler (`novel`, `framework`) number at most three, and it
    states no means (`by`, `using`, `which combines ...`): a human summary would say how X works instead."""
    cue = STRONG_CUE.search(sentence.text.lower()) or WEAK_CUE.search(sentence.text.lower())
    text = _EXPANSION.sub(" ", sentence.text[cue.end():] if cue else sentence.text)  # what is proposed, not how
    if name:
        text = text.replace(name, " ")
    text = _NAME_RUN.sub(" ", text[:1].lower() + text[1:])
    if _MECHANISM.search(text.lower()):
        return False
    words = [content_words(token) for token in _TOKEN.findall(text)]  # `weight-activation` is one word here
    return sum(1 for parts in words if parts and not set(parts) <= _NAMING_FILLER) <= _NAMING_MAX_WORDS


def standalone(sentence: Sentence) -> bool:
    """Readable alone on a card: its subject is not a bare `It`/`They`/`This` a reader cannot resolve, and an
    opening phrase before it (`Specifically,`, `Unlike recent models,`) does not point back (`On top of it,`)."""
    text = trim_lead(sentence).value
    opened = _OPENER.match(text)
    if opened:
        if _POINTS_BACK.search(text[:opened.end()]):
            return False
        text = text[opened.end():]
    return not _ANAPHOR.match(text)


def describes_means(lower: str) -> bool:
    """The sentence says how a method works (`by`, `using`, `consists of`), not where its design came from: a
    `by` of motivation (`Our design has been driven by observations ...`) is no means."""
    return bool(_MECHANISM.search(_MOTIVATION.sub(" ", lower)))


def own_mechanism(sentence: Sentence) -> bool:
    """The sentence after the contribution says how the paper's own method works, with the method as its subject
    (`Our method uses a multilayered LSTM to map ...`, `Our approach extends BERT by ...`): a reader's one-line
    summary (`X does Y by Z`) says that, so it replaces a contribution sentence that only says what X is for.
    Not a result (`Our method outperforms ...`) and not a sentence the reader cannot resolve alone."""
    text, lower = sentence.text, sentence.text.lower()
    if not OWN_METHOD_SUBJECT.match(text):
        return False  # the method's bare name as subject (`GPipe provides the flexibility ...`) is as often a benefit
    if FINDING.search(lower) or NUMERIC_RESULT.search(text) or text.rstrip().endswith("?"):
        return False
    return standalone(sentence) and describes_means(lower)


def how_it_works(following: list[Sentence]) -> Sentence | None:
    """The first following sentence that describes the method standalone: not background, not a result."""
    for sentence in following:
        lower = sentence.text.lower()
        if BACKGROUND_OPENER.match(sentence.text) and not FIRST_PERSON.search(lower):
            continue  # `Prior work on detection repurposes classifiers`: the gap, between naming and method
        if FINDING.search(lower) or NUMERIC_RESULT.search(sentence.text) or len(sentence.text.split()) < _MIN_WORDS:
            return None  # the results (or findings) have begun: the method was not described
        if sentence.text.rstrip().endswith("?"):
            return None  # `What should a local LLM learn?`: a question frames the study, it does not describe it
        if standalone(sentence) and describes_means(lower):
            return sentence
        return None
    return None
