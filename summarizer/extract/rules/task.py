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

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import Hit, content_words, words
from summarizer.extract.rules.sentences import Sentence
from summarizer.extract.rules.task_abstract import problem_mentions, problem_statements
from summarizer.extract.rules.task_case import lowercased
from summarizer.extract.rules.task_choice import (
    BROAD,
    abstract_counts,
    adverb,
    choose,
    name_like,
    reads_as_problem,
    salience,
    verb_only,
)
from summarizer.extract.rules.task_claims import CLAIMED_QUALITY, claim_object, question_subject
from summarizer.extract.rules.task_heads import activity_word, names_an_activity, studies_objects

_FOR = re.compile(r"(?:\s(?:for|For)|"
                  r"\s(?:Approach|Framework|Method|Model|Methods|Approaches|Solution)s?\s(?:to|To|[Tt]owards?)|"
                  r"\s(?:Approach|Approaches)\s(?:on|On))"  # `a Kinematic Approach on Optimization in Deep Learning`
                  r"\s(?!the first time|free\b|all\b|any\b|everyone\b)", re.IGNORECASE)
_CUT = re.compile(r"(?<!Problem)(?<!Problems)\s(?:via|with|using|through|by|from|under|without|based on|"
                  r"in the presence of|at|across|as|is|are|"
                  r"and its|that|when|beyond|against|inspired by|meets|can|could|may|does|do|will|made|[-–—]{1,2})\s"
                  r"|\s[A-Za-z]+ed(?=\s(?:with|by)\s)|[:?!,;]|\((?![\w-]+\)\s\w)"
                  # `Manual Abstraction in the Wild`: where the problem is met, not the problem
                  r"|\s(?:in\sthe\swild|in\spractice|in\sthe\sreal\sworld)\b", re.IGNORECASE)
_PUNCT = re.compile(r"[:?!,;]")
_ARTIFACT = re.compile(r"(?:A|An)\s")
# `each training`, `some updates`, `this problem`: a chunk that opens with a quantifier or determiner
_QUANTIFIER = re.compile(r"(?:each|every|some|any|all|many|most|several|various|this|these|that|those|our|its|"
                         r"their|such|other|further|little|new|novel|first|second)\b", re.IGNORECASE)
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
_AVOID = (r"(?!the\s(?:problem|question|effect|role|use)\b|how\b|whether\b|a\b|an\b|this\b|these\b|it\b|"
          r"(?:methods|approaches|ways|techniques|strategies)\s(?:for|to|of)\b)")
_PROBLEM = re.compile(r"\b(?:the (?:problem|task|challenge) of)\s" + _AVOID)
_STUDY = re.compile(r"\bwe (?:study|investigate|address|tackle|revisit|focus on)\s" + _AVOID)
_TRAILING_STOP = re.compile(r"(?:\s(?:in|of|for|and|or|the|a|an|to|on|with|from|by))+$", re.IGNORECASE)
_GOAL_VERB = re.compile(
    r"\s(?:(?:can\s)?(?:improves?|enhances?|boosts?|helps?|maximizes?|mitigates?|reduces?|enables?|"
    r"accelerates?)|to\s(?:alleviate|improve|enhance|mitigate|reduce|address|tackle|solve|boost|accelerate|"
    r"enable|achieve|help))\s(?:the\s)?", re.IGNORECASE)
_STUDY_OF = re.compile(r"(?:A|An|The)\s(?:[\w-]+\s){0,3}?(?:Study|Analysis|Survey|Investigation|Evaluation|"
                       r"Perspective|Look|View|Review|Comparison|Benchmark|Exploration|Way|Recipe)\s(?:on|of|for|to|at|into)\s"
                       r"(?:the\s)?")
_GENERIC_SUBTITLE = re.compile(r"^(?:Theory|Analysis|Algorithms?|Methods?|Models?)\s(?:and|&)\s|\b(?:Applications?|"
                               r"Implications|Beyond|Case Study|Practice|Lessons|Insights|Results|Design|Approach|"
                               r"Perspective)$|^(?:An?\s)?(?:[\w-]+\s){0,3}(?:Perspective|View|Viewpoint|Lens)\b|"
                               r"^(?i:An?\s(?:[\w-]+\s){0,3}(?:Trial|Study|Meta-Analysis|Review|Survey|Analysis|Evaluation|"
                               r"Report|Overview|Primer|Tutorial|Comparison|Investigation))$")
_GENERIC_TARGET = re.compile(r"(?:[\w-]+\s(?:and|&)\s)?(?:[\w-]+\s){0,3}(?:Users|People|Audiences?|Patients|Developers|"
                             r"Practitioners|Researchers|Children|Students|Learners|Humans)|"
                             r"(?:[\w-]+\s){0,3}(?:Devices?|Hardware|GPUs?|CPUs?|Edge|Platforms?|Microcontrollers?)|"
                             r"(?:Large |Deep |Pre-?trained |Small )?(?:Language Models?|LLMs?|Neural Networks?|"
                             r"Networks?|Deep Learning|Machine Learning|Transformers?|Models?|DNNs?)$", re.IGNORECASE)
# `Machine Learning and Return Predictability`: a broad field coordinated with a topic; the topic is the problem.
# `Statistical Learning under Heterogeneous Distribution Shift`, `Deep Learning with Differential Privacy`: what a
# broad field is qualified by is the problem
_FIELD_AND = re.compile(BROAD.pattern + r"\s(?:and|&|under|with|in)\s", re.IGNORECASE)
_MODEL_CLASSES = words("diffusion regression")
_LINKS = words("of for in on from with to")
_ARTIFACT_NOUNS = words("model models system systems method methods algorithm algorithms network networks")
_FIRST_WORD = re.compile(r"([A-Za-z]+)\s")
_EVALUATE = words("evaluate assess measure compare benchmark quantify characterize characterise")
# people a paper is written for: `... for Machine Learning Practitioners`, `... for Statisticians`
_READERS = re.compile(r"(?:[\w-]+\s){0,3}(?:Practitioners|Researchers|Statisticians|Scientists|Engineers|Developers|"
                      r"Programmers|Designers|Clinicians|Economists|Beginners|Novices|Non-Experts|Experts)",
                      re.IGNORECASE)
# Adjectives that describe the proposed method, not the problem: `Training-Free`, `Density-Aware`, `Doubly Robust`
_MODIFIER = re.compile(
    # `Deep Learning-Based`, `Machine Learning-Assisted`: a field's name as the first part of the modifier
    r"(?:Doubly\s\w+|(?:(?:[Dd]eep|[Mm]achine|[Rr]einforcement|[Ss]tatistical)\s)?[\w-]+-(?:[Ff]ree|[Aa]ware|[Bb]ased|[Gg]uided|[Dd]riven|[Aa]gnostic|[Aa]ugmented|[Ee]nhanced|"
    r"[Ii]nspired|[Ii]nformed|[Aa]ssisted|[Cc]entric|[Rr]eweighted|[Pp]reserving))\s")
# `A, B, And C` titles list their topics; the last item is the one the paper is about
# a method-describing head at the end of a problem phrase: `... Load Balancing Strategy`, `... Paradigm Driven`
_GENERIC_HEAD = re.compile(r"(?:\s(?:Paradigm|Strategy|Strategies|Framework|Approach|Perspective|Recipe|Toolkit|"
                           r"Pipeline|Scheme|Technique|Suite|Methodology))?(?:\s(?:Driven|Guided|Based|Inspired|Powered))?$")
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
_LONG_TITLE_WORDS = 6
_EXCLAIMED = re.compile(r"^[^:!?]{3,80}[!?]\s+(?=[A-Z]\w*\s\w)")
_SEGMENT_BREAK = re.compile(r"[:?!]\s+|\s[-–—]{1,2}\s|\s\|\s")
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
_COMPACT_WORDS = 5
_OPENING = 3  # sentences of the abstract whose noun chunks may stand in for a title that names nothing
_MAX_WORDS = 8


def find_task(title: str, method_name: str | None, sentences: list[Sentence], abstract: str = "") -> Hit | None:
    """The best short problem phrase, or None when nothing usable is found."""
    start, core = _title_core(title, method_name)
    shorter = _shorter(core, start, title)
    counts = abstract_counts(abstract or " ".join(s.text for s in sentences))
    headed = shorter if shorter is not None and names_an_activity(shorter.value) else None
    tiers: tuple[Callable[[], Iterable[Hit | None]], ...] = (
        lambda: _title_candidates(title, method_name),  # what the title's grammar points at
        # `Music Source Separation in the Waveform Domain`: a title phrase headed by an activity outranks
        # what the abstract frames (`the problem of isolating contributions ...`)
        lambda: (headed,),
        lambda: problem_statements(sentences),  # `the problem of X`, `we study X`
    )
    if _describes_artifact(title, method_name):  # `Soylent: A Word Processor with a Crowd Inside`
        tiers = tiers[::-1]
    tiers += (
        lambda: (shorter,),  # the title cut before its first preposition
        lambda: problem_mentions(sentences),  # `a method for X`, `X is a fundamental problem`
        lambda: sorted(_title_chunks(title), key=lambda h: -salience(h.value, counts)),  # the most written chunk
    )
    asked = _asked(title)
    candidates = (hit for tier in tiers for hit in tier()
                  if hit is not None and _not_whole(hit, title) is not None and _not_the_question(hit, title, asked))
    chosen = choose(candidates, counts, method_name)
    if (chosen is None and shorter is not None and reads_as_problem(shorter.value, method_name)
            and _not_the_question(shorter, title, asked)):
        chosen = shorter  # the abstract shares no word with any candidate (or there is no abstract)
    if chosen is None:  # the title names nothing at all (`Applying and improving AlphaFold at CASP14`)
        chosen = choose(_abstract_chunks(sentences, counts, method_name), counts, method_name)
    elif len(content_words(chosen.value)) == 1:
        chosen = _widened(chosen, sentences, counts, method_name)
    return lowercased(chosen) if chosen is not None else None


def _widened(word: Hit, sentences: list[Sentence], counts: Counter[str], method_name: str | None) -> Hit:
    """`Does Management Matter?` gives one word; the abstract's opening writes the noun phrase it stands for
    (`management practices`): the most written two-word opening chunk that holds the word replaces it (longer
    chunks run into praise or clauses: `useful characterization of multicalibration`)."""
    key = content_words(word.value)
    wider = [h for h in _abstract_chunks(sentences, counts, method_name)
             if len(h.value.split()) == 2 and key[0] in content_words(h.value)  # the word and its modifier
             and any(w not in _THING for w in content_words(h.value) if w != key[0])  # not `BERT model`
             and not _CLAUSE & set(h.value.lower().split())]
    return choose(wider, counts, method_name) or word


def _title_candidates(title: str, method_name: str | None) -> list[Hit | None]:
    """The title's phrases in the order its grammar suggests them."""
    start, core = _title_core(title, method_name)
    if listed := _LIST_TITLE.match(core):
        start, core = start + listed.start("last"), listed.group("last")
    head, sep, tail = title.partition(": ")
    whole = _trim(core, start, "title")
    compact = whole if whole is not None and len(whole.value.split()) <= _COMPACT_WORDS else None
    ordered = [_after_for(core, start), _after_goal_verb(core, start), _claimed(core, start),
               _asked(title), compact, whole,
               _trim(head, 0, "title"), _trim(tail, len(head) + 2, "title") if sep else None]
    return ordered + [_trim(text, at, "title") for at, text in _segments(title)]


def _describes_artifact(title: str, method_name: str | None) -> bool:
    """`Soylent: A Word Processor with a Crowd Inside`: after the name, an indefinite-article subtitle with no
    purpose (`for X`, `to improve X`) says what was built, not what for; the abstract's explicit problem statement
    (`we focus on writing and editing`) then outranks the title."""
    head, sep, tail = title.partition(": ")
    if not sep or not (_ARTIFACT.match(tail) and (head.strip() == method_name or len(head.split()) == 1)):
        return False
    return not (_FOR.search(tail) or _GOAL_VERB.search(tail))


def _not_the_question(hit: Hit, title: str, asked: Hit | None) -> bool:
    """`Management Matter` from `Does Management Matter? Evidence from India` runs from the question's subject
    into its verb: a clause. The subject alone, or a noun phrase of the predicate, is fine."""
    if asked is None or hit.field != "title" or hit == asked:
        return True
    return hit.start >= asked.end or hit.end <= asked.start


def _claimed(core: str, offset: int) -> Hit | None:
    """`X Elicits Reasoning in Large Language Models` -> the object of the claim's verb (task_claims)."""
    found = claim_object(core)
    if found is None:
        return None
    hit = _trim(found[1], offset + found[0], "title")
    return hit if hit is not None and len(hit.value.split()) >= 2 else None


def _asked(title: str) -> Hit | None:
    """`Do ImageNet Classifiers Generalize to ImageNet?` -> `ImageNet Classifiers`: a question's subject."""
    end = title.find("?")
    found = question_subject(title[:end + 1]) if end > 0 else None
    return _trim(found[1], found[0], "title") if found is not None else None


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
    return [hit for at, text in _segments(title) for hit in _chunks(text, at)]


def _chunks(segment: str, offset: int) -> list[Hit]:
    """Noun chunks of a title segment and `A of/for/in B` pairs of them: `Aligning Language Models`,
    `Offline Reinforcement Learning from Human Feedback`, `judgments of web pages`."""
    pieces = [piece for m in _CHUNK.finditer(segment) for piece in _split_at_verbs(segment, m.start(), m.end())]
    hits = []
    for i, (a, b) in enumerate(pieces):
        if _MEANS.search(segment[:a]):
            continue  # `Robotic Navigation Using Harmonic Function-based Probabilistic Roadmaps`: the means
        hits.append(_trim(segment[a:b], offset + a, "title"))
        if i + 1 < len(pieces) and _LINK.fullmatch(segment[b:pieces[i + 1][0]]):
            end = pieces[i + 1][1]
            hits.append(_trim(segment[a:end], offset + a, "title", keep_links=True))
    return [h for h in hits if h is not None and not _GENERIC_TARGET.fullmatch(h.value)]


def _split_at_verbs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """`Open-label placebos reduce test anxiety` -> the subject and the object: a finite verb ends a noun chunk."""
    pieces, at = [], start
    for word in re.finditer(r"\S+", text[start:end]):
        if verb_only(word.group()) or adverb(word.group()):
            pieces.append((at, start + word.start()))
            at = start + word.end() + 1
    pieces.append((at, end))
    return [(a, b) for a, b in ((a, len(text[:b].rstrip())) for a, b in pieces) if b > a]


def _segments(title: str) -> list[tuple[int, str]]:
    """The title's parts between `:`, `?`, `!` and dashes, with their offsets."""
    parts, at = [], 0
    for match in _SEGMENT_BREAK.finditer(title + " | "):
        parts.append((at, title[at:match.start()]))
        at = match.end()
    return [(at, text) for at, text in parts if text.strip()]


def _title_core(title: str, method_name: str | None) -> tuple[int, str]:
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
    if not named and (_GENERIC_SUBTITLE.search(tail) or slogan
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
    hit = _trim(core[match.end():], offset + match.end(), "title")
    before = _trim(core[:match.start()], offset, "title")
    if hit is not None and before is not None and _for_readers(before, hit):
        return before
    if hit is None or len(hit.value.split()) < 2 or _GENERIC_TARGET.fullmatch(hit.value):
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


def _for_readers(activity: Hit, target: Hit) -> bool:
    """`Species Distribution Modeling for Machine Learning Practitioners`, `Elements of Conformal Prediction for
    Statisticians`: an activity written *for* a group of people (the readers it explains itself to) is the
    problem; the people are not. An artifact for people keeps them (`A Keyboard for Users with Limited
    Dexterity`: who it is for is part of its problem)."""
    return bool(_READERS.fullmatch(target.value)) and names_an_activity(activity.value)


def _not_whole(hit: Hit | None, title: str) -> Hit | None:
    """A whole long title is not a task phrase; a short noun-phrase title may well be one."""
    if hit is None or (hit.value == title.strip() and len(title.split()) >= _LONG_TITLE_WORDS):
        return None
    return hit


def _shorter(core: str, offset: int, title: str) -> Hit | None:
    """Last resort: the title core, cut before its first `into/in/on/of` when it would be the whole title."""
    hit = _trim(core, offset, "title")
    if hit is None or _not_whole(hit, title) is not None:
        return hit
    cut = re.search(r"\s(?:into|in|on|of|across|over|for)\s", hit.value)
    if cut:
        return Hit(hit.value[:cut.start()], hit.start, hit.start + cut.start(), "title")
    tail = " ".join(hit.value.split()[-3:])  # English noun compounds end in their head: `... Reinforcement Learning`
    return Hit(tail, hit.end - len(tail), hit.end, "title") if hit.value.endswith(tail) else hit


def _after_goal_verb(core: str, offset: int) -> Hit | None:
    """`X Improves Out-of-distribution Generalization` / `X to Alleviate the Y Trade-Off` -> the goal."""
    match = _GOAL_VERB.search(core)
    if not match:
        return None
    hit = _trim(core[match.end():], offset + match.end(), "title")
    return hit if hit is not None and len(hit.value.split()) >= 2 else None


def _from_abstract(sentences: list[Sentence], pattern: re.Pattern[str]) -> Hit | None:
    for sentence in sentences[:4]:
        match = pattern.search(sentence.text)
        if match:
            hit = _trim(sentence.text[match.end():], sentence.start + match.end(), "abstract",
                        extra_cut=r"\s(?:in|where|which|of which|to|and)\s")
            if hit is not None and len(hit.value.split()) >= 2:
                return hit
    return None


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


def _trim(text: str, offset: int, field: str, extra_cut: str | None = None, keep_links: bool = False) -> Hit | None:
    """Cut `text` at the first clause break, drop leading verbs, articles and the method's own adjectives."""
    start = 0
    while ((lead := _LEAD.match(text, start) or _MODIFIER.match(text, start) or CLAIMED_QUALITY.match(text, start)
            or _FIELD_AND.match(text, start) or _imperative(text, start)) and lead.end() < len(text)):
        if lead.re is _MODIFIER and len(re.split(r"[\s-]+", _CUT.split(text[lead.end():])[0].strip())) < 2:
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
