"""The title's grammar: which of its phrases names the problem.

Titles put the problem in a handful of places: after `for` (`A Generative Model
for Raw Audio`), after a goal verb (`... to Alleviate the Y Trade-Off`), in the
object of a claim (`X Elicits Reasoning in LLMs`), in the subject of a question,
in the subtitle after a name (`Name: Subtitle`) or in the head before a generic
or setting subtitle (`X: A Simulation Study`, `X: Evidence from India`). Each
function returns that phrase, trimmed by `task_trim`; `task.py` weighs them.
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.task_claims import claim_object, question_subject
from summarizer.extract.rules.task_heads import names_an_activity, studies_objects
from summarizer.extract.rules.task_trim import trim

_FOR = re.compile(r"(?:\s(?:for|For)|"
                  r"\s(?:Approach|Framework|Method|Model|Methods|Approaches|Solution)s?\s(?:to|To|[Tt]owards?)|"
                  r"\s(?:Approach|Approaches)\s(?:on|On))"  # `a Kinematic Approach on Optimization in Deep Learning`
                  r"\s(?!the first time|free\b|all\b|any\b|everyone\b)", re.IGNORECASE)
_ARTIFACT = re.compile(r"(?:A|An)\s")
_GOAL_VERB = re.compile(
    r"\s(?:(?:can\s)?(?:improves?|enhances?|boosts?|helps?|maximizes?|mitigates?|reduces?|enables?|"
    r"accelerates?)|to\s(?:alleviate|improve|enhance|mitigate|reduce|address|tackle|solve|boost|accelerate|"
    r"enable|achieve|help))\s(?:the\s)?", re.IGNORECASE)
_STUDY_OF = re.compile(r"(?:A|An|The)\s(?:[\w-]+\s){0,3}?(?:Study|Analysis|Survey|Investigation|Evaluation|"
                       r"Perspective|Look|View|Review|(?:Inter)?[Cc]omparison|Benchmark|Exploration|Way|Recipe)\s(?:on|of|for|to|at|into)\s"
                       r"(?:the\s)?")
_GENERIC_SUBTITLE = re.compile(r"^(?:Theory|Analysis|Algorithms?|Methods?|Models?)\s(?:and|&)\s|"
                               # `...: comparing 3-way and 4-way CNNs`: what the paper does to the head's problem
                               r"^(?i:comparing|evaluating|assessing|benchmarking)\s|\b(?:Applications?|"
                               r"Implications|Beyond|Case Study|Practice|Lessons|Insights|Results|Design|Approach|"
                               r"Perspective)$|^(?:An?\s)?(?:[\w-]+\s){0,3}(?:Perspective|View|Viewpoint|Lens)\b|"
                               r"^(?i:An?\s(?:[\w-]+\s){0,3}(?:Trial|Study|Meta-Analysis|Review|Survey|Analysis|Evaluation|"
                               r"Report|Overview|Primer|Tutorial|Comparison|Investigation))$")
GENERIC_TARGET = re.compile(r"(?:[\w-]+\s(?:and|&)\s)?(?:[\w-]+\s){0,3}(?:Users|People|Audiences?|Patients|Developers|"
                             r"Practitioners|Researchers|Children|Students|Learners|Humans)|"
                             r"(?:[\w-]+\s){0,3}(?:Devices?|Hardware|GPUs?|CPUs?|Edge|Platforms?|Microcontrollers?)|"
                             r"(?:Large |Deep |Pre-?trained |Small )?(?:Language Models?|LLMs?|Neural Networks?|"
                             r"Networks?|Deep Learning|Machine Learning|Transformers?|Models?|DNNs?)$", re.IGNORECASE)
# people a paper is written for: `... for Machine Learning Practitioners`, `... for Statisticians`
_READERS = re.compile(r"(?:[\w-]+\s){0,3}(?:Practitioners|Researchers|Statisticians|Scientists|Engineers|Developers|"
                      r"Programmers|Designers|Clinicians|Economists|Beginners|Novices|Non-Experts|Experts)",
                      re.IGNORECASE)
# `A, B, And C` titles list their topics; the last item is the one the paper is about
_LIST_TITLE = re.compile(r"^[^,:]+,\s[^,:]+,?\s(?:and|And|&)\s(?P<last>[^,:?!]+)$")
# `Some Questions We Need to Answer`, `The Meeting Place of ...`: a subtitle that talks *about* the problem
# (`from machine learning to neurobiology` spans a range, it names no problem)
_SLOGAN_SUBTITLE = re.compile(r"^(?:The|Some|Lessons|Should|Can|Do|Does|Is|Are|Why|How|When|What|Where|[Ff]rom)\b|"
                             r"\b(?:We|You|Our|Us|I)\b")
# `A Case Study of the Fast-Food Industry`, `Evidence from India`: the subtitle names the setting the head's
# question is studied in, not the problem
_SETTING_SUBTITLE = re.compile(r"(?:An?\s(?:[\w-]+\s){0,2}Case\sStudy|Evidence|Lessons|Experiences?|Findings)\s"
                               r"(?:of|from|in|on|with|for)\b", re.IGNORECASE)
_NOT_TOPIC_HEAD = re.compile(r"(?:Beyond|From|Towards?|Rethinking|Revisiting|On|When|What|How|Why|Is|Are|Do|Does|"
                             r"Can)\b")
_EXCLAIMED = re.compile(r"^[^:!?]{3,80}[!?]\s+(?=[A-Z]\w*\s\w)")
_SEGMENT_BREAK = re.compile(r"[:?!]\s+|\s[-–—]{1,2}\s|\s\|\s")
_COMPACT_WORDS = 5


def title_candidates(title: str, method_name: str | None) -> list[Hit | None]:
    """The title's phrases in the order its grammar suggests them."""
    start, core = title_core(title, method_name)
    if listed := _LIST_TITLE.match(core):
        start, core = start + listed.start("last"), listed.group("last")
    head, sep, tail = title.partition(": ")
    whole = trim(core, start, "title")
    compact = whole if whole is not None and len(whole.value.split()) <= _COMPACT_WORDS else None
    ordered = [_after_for(core, start), _after_goal_verb(core, start), _claimed(core, start),
               asked_subject(title), compact, whole,
               trim(head, 0, "title"), trim(tail, len(head) + 2, "title") if sep else None]
    return ordered + [trim(text, at, "title") for at, text in segments(title)]


def describes_artifact(title: str, method_name: str | None) -> bool:
    """`Soylent: A Word Processor with a Crowd Inside`: after the name, an indefinite-article subtitle with no
    purpose (`for X`, `to improve X`) says what was built, not what for; the abstract's explicit problem statement
    (`we focus on writing and editing`) then outranks the title."""
    head, sep, tail = title.partition(": ")
    if not sep or not (_ARTIFACT.match(tail) and (head.strip() == method_name or len(head.split()) == 1)):
        return False
    return not (_FOR.search(tail) or _GOAL_VERB.search(tail))


def _claimed(core: str, offset: int) -> Hit | None:
    """`X Elicits Reasoning in Large Language Models` -> the object of the claim's verb (task_claims)."""
    found = claim_object(core)
    if found is None:
        return None
    hit = trim(found[1], offset + found[0], "title")
    return hit if hit is not None and len(hit.value.split()) >= 2 else None


def asked_subject(title: str) -> Hit | None:
    """`Do ImageNet Classifiers Generalize to ImageNet?` -> `ImageNet Classifiers`: a question's subject."""
    end = title.find("?")
    found = question_subject(title[:end + 1]) if end > 0 else None
    return trim(found[1], found[0], "title") if found is not None else None


def segments(title: str) -> list[tuple[int, str]]:
    """The title's parts between `:`, `?`, `!` and dashes, with their offsets."""
    parts, at = [], 0
    for match in _SEGMENT_BREAK.finditer(title + " | "):
        parts.append((at, title[at:match.start()]))
        at = match.end()
    return [(at, text) for at, text in parts if text.strip()]


def title_core(title: str, method_name: str | None) -> tuple[int, str]:
    """The title without a leading `Name:`; for `Catchy Head: Subtitle` titles, the subtitle's topic."""
    head, sep, tail = title.partition(": ")
    if not sep:
        return _after_exclamation(title)
    offset = len(head) + 2
    if _SETTING_SUBTITLE.match(tail) and not (method_name and head.strip() == method_name):
        return 0, head
    if study := _STUDY_OF.match(tail):
        return offset + study.end(), tail[study.end():]
    named = (method_name and head.strip() == method_name) or len(head.split()) <= 1
    slogan = _SLOGAN_SUBTITLE.search(tail) and not _NOT_TOPIC_HEAD.match(head)
    # `A Survey on Advancing the DBMS Query Optimizer: Cardinality Estimation, Cost Model, and Plan Enumeration`: a
    # subtitle that lists parts names no one problem; the head names the whole they are parts of
    if not named and (_GENERIC_SUBTITLE.search(tail) or slogan or _LIST_TITLE.match(tail)
                      or (_FOR.search(head) and not _FOR.search(tail))):
        return 0, head
    return offset, tail


def _after_exclamation(title: str) -> tuple[int, str]:
    """`Heavy Labels Out! Dataset Distillation with ...`, `Mix Data or Merge Models? Balancing ...`: a slogan or
    question head ends in `!`/`?` and the subtitle after it names the topic."""
    match = _EXCLAIMED.match(title)
    rest = title[match.end():] if match else ""
    if not match or _STUDY_OF.match(rest) or _GENERIC_SUBTITLE.search(rest) or _SETTING_SUBTITLE.match(rest):
        return 0, title  # `How Predictable Are X? A Case Study on Y`: the question holds the topic
    return match.end(), title[match.end():]


def _after_for(core: str, offset: int) -> Hit | None:
    match = _purpose(core)
    if not match:
        return None
    hit = trim(core[match.end():], offset + match.end(), "title")
    before = trim(core[:match.start()], offset, "title")
    if hit is not None and before is not None and _for_readers(before, hit):
        return before
    if hit is None or len(hit.value.split()) < 2 or GENERIC_TARGET.fullmatch(hit.value):
        return None  # `... for Large Language Models` names the subject, not the problem
    if before is not None and studies_objects(before.value, hit.value):
        return before  # `Comparing Speech and Keyboard Text Entry for Short Messages ...`: the activity
    return hit


def _purpose(core: str) -> re.Match[str] | None:
    """Where the title says what the method is for. `A Two-stage Approach to Balance Plaintext and Encrypted Text
    for Traffic Classification`: `Approach to` + a verb says what the approach does; the `for` after it says what
    for, so the last `for` wins over that `to` of purpose."""
    found = list(_FOR.finditer(core))
    if not found:
        return None
    first = found[0]
    verb = core[first.end():].split(maxsplit=1)[:1]
    if first.group().strip().lower().endswith("to") and verb and _infinitive(verb[0]):
        after = [m for m in found[1:] if m.group().strip().lower() == "for"]
        return after[-1] if after else first
    return first  # `A Post-Hoc Approach to Safety Re-Alignment for ...`: `to` + a noun names the problem itself


def _infinitive(word: str) -> bool:
    """`Balance`, `Learn`: a base-form verb after `to` (`Safety`, `Object` are nouns only)."""
    return word.isalpha() and "VERB" in getAllLemmas(word.lower()) and not word.lower().endswith(("ing", "ed"))


def _for_readers(activity: Hit, target: Hit) -> bool:
    """`Species Distribution Modeling for Machine Learning Practitioners`, `Elements of Conformal Prediction for
    Statisticians`: an activity written *for* a group of people (the readers it explains itself to) is the
    problem; the people are not. An artifact for people keeps them (`A Keyboard for Users with Limited
    Dexterity`: who it is for is part of its problem)."""
    return bool(_READERS.fullmatch(target.value)) and names_an_activity(activity.value)


def _after_goal_verb(core: str, offset: int) -> Hit | None:
    """`X Improves Out-of-distribution Generalization` / `X to Alleviate the Y Trade-Off` -> the goal."""
    match = _GOAL_VERB.search(core)
    if not match:
        return None
    hit = trim(core[match.end():], offset + match.end(), "title")
    return hit if hit is not None and len(hit.value.split()) >= 2 else None
