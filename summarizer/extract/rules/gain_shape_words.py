"""Words and guards every gain-shape rule shares: what a measure is, what a setting is, a value with its unit,
and the clause tests (a comparison, another party's subject, a contrast) that keep other people's numbers out.

Split out of `gain_shape` so that its two rule families (measure-bound values there, amounts of change in
`gain_shape_change`) read the same vocabulary without importing each other.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_scores import NUM

# heads of a measure noun phrase: what an outcome is reported in (checked on the phrase's last word)
_MEASURE_HEAD = re.compile(
    r"(?:accurac(?:y|ies)|errors?|WERs|CERs|precision|recall|sensitivity|specificity|F1(?:-?[Ss]core)?|F-measure|AUCs?|AUROCs?|"
    r"RMSE|MAE|MAPE|MSE|WER|CER|BLEU|ROUGE(?:-\w)?|mAP|mIoU|IoU|Dice|PSNR|SSIM|FID|scores?|rates?|ratios?|"
    r"efficienc(?:y|ies)|speed(?:-?ups?)?|throughput|latenc(?:y|ies)|improvements?|gains?|reductions?|"
    r"differences?|coefficients?|correlations?|index|indices|mortality|performance|savings?|utilization|"
    r"effectiveness|kappa|agreement|yield|capacity|lifetime|life|drops?|increases?|decreases?|lifts?|boosts?|"
    r"GDT_TS|TM-score|lDDT|AP(?:50|75)?|SDR|PESQ|MOS|NDCG(?:@\d+)?|MRR|EM|pass@\d+|Elo|C-index|perplexit(?:y|ies)|"
    r"coverage|success|rejection|(?:Spearman|Pearson)(?:'s)?\s(?:correlation|rho|r)|R\^?2)", re.IGNORECASE)


# words that make a measure phrase a setting or a description, not an outcome
_SETTING_WORD = re.compile(
    r"(?<![\w-])(?:learning|sampling|dropout|frame|bit|baud|mask(?:ing)?|noise|compression|batch|threshold|cutoff|cut-off|"
    r"confidence|significance|target|budget|window|dataset|data|sample|samples|total|range|period|size|length|"
    r"depth|resolution|age|follow-up|duration|conditions?|input|training|prior|previous|baseline|reported|"
    r"existing|human|humans|their|its|survey|response|participation|prevalence|incidence|enrollment|attrition|"
    r"adherence|retention)(?![\w-])", re.IGNORECASE)


# a verb (or preposition) that states the paper's outcome and can govern a measure phrase
RESULT_VERB = re.compile(
    r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|deliver\w*|provid\w*|produc\w*|record\w*|scor\w*|"
    r"show\w*|exhibit\w*|demonstrat\w*|giv\w*|gave|result\w*\sin|lead\w*\sto|led\sto|get|gets|got|has|have|had|"
    r"with|saw|see|sees|register\w*|return\w*|improv\w*|reduc\w*|lower\w*|increas\w*|boost\w*|rais\w*|cut\w*|"
    r"outperform\w*|surpass\w*|exceed\w*|beat\w*|gain\w*|sav\w*|represent\w*|reveal\w*|report\w*|find|found|"
    r"finds|observ\w*|runs?|ran|type|types|typed|including|push\w*|bring\w*|brought)\b",
    re.IGNORECASE)


# comparison words: a number after one of them (in its clause) is the compared party's
COMPARED = re.compile(r"\b(?:than|compared\s(?:to|with)|vs\.?|versus|relative\sto|against|over|previous|prior|"
                       r"existing|baseline|whereas|unlike|comparable|comparison|similar\sto|on\spar|reported|"
                       r"so\sfar|matching)\b", re.IGNORECASE)


# the sentence opens on other people's work or on background (`Previous methods reach`, `By 2018, PSC achieved`)
OTHERS_OPENING = re.compile(r"^\W*(?:(?:For|In)\scomparison|By\scontrast|In\scontrast|Previously|"
                             r"(?:The\s)?(?:previous|prior|existing|current|recent|earlier|traditional|"
                             r"conventional|state-of-the-art)\s(?:\w+\s){0,3}?(?:methods?|models?|work|studies|"
                             r"approaches|systems?|techniques?)\b|By\s\d{4}|In\s\d{4}|Since\s\d{4})", re.IGNORECASE)


FIRST_PERSON = re.compile(r"\b(?:we|our|ours|proposed|this\s(?:paper|study|work))\b", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|which|although)\b|\s(?:whereas|while)\s")


BOUND = r"(?:(?:over|above|about|around|approximately|nearly|almost|only|just|up\sto|more\sthan|less\sthan|" \
         r"at\sleast|below|under|roughly|~|>|<|≥|≤)\s?)*"


# a value: a signed number, its scale word and its unit (`-20.4%`, `4.1 million reads per minute`, `97 per cent`)
VALUE = (rf"[-−+]?(?P<v>{NUM}(?:\s?[-–—]\s?{NUM}(?=\s?(?:%|×|x\b|times|-?fold|points)))?)(?!\d|\.\d|,\d)(?!-[A-Za-z])"
          rf"(?!\s?%?\sor\s(?:higher|more|above|better|greater|lower|less|fewer))(?:\s(?:thousand|million|billion))?"
          rf"(?P<u>\s?%|\s(?:per\s?cent|percent|percentage\spoints|pp)\b|\s?(?:×|x)(?!\w)|\s(?:times|points?)\b|"
          rf"\s?-?fold\b|\s?(?:ms|Hz|kHz|dB|FPS|fps|WPM|wpm|[KMGT]B|cm|mm|km|kWh|mW|kW)\b|"
          rf"\s(?!(?:times|points|items|is|was|has|does|as|this|its|always|sometimes|respectively)\b)[a-z]+s"
          rf"(?:\sper\s[a-z]+)?(?=[\s,.;)]|$))?")


NEXT_ITEM = re.compile(rf"(?:/|(?:\s(?:on|in|for|with)\s[\w-]+(?:\s[\w-]+){{0,2}}?)?(?:,\s(?:and\s)?|\sand\s))"
                        rf"{BOUND}{VALUE}")


# `(95% CI, -23% to 1.9%)`, `(p < 0.001)`: the bracket holds no result of its own
NOT_A_RESULT_BRACKET = re.compile(r"\b(?:(?:95|90|99)\s?%\s?)?(?:CI|confidence\sintervals?|IQR)\b[^();\[\]]*|"
                                   r"\b[pP]\s?[<=>≤]\s?0?\.\d+")


_BOUND_WORDS = re.compile(r"\b(?:over|more\sthan|less\sthan|fewer\sthan|better\sthan|higher\sthan)\s(?=[~≈]?\d)")


# the clause's subject is someone else: `while human annotators reach an F1 of 0.87`
_OTHER_SUBJECT = re.compile(r"\b(?:humans?|annotators?|experts?|baselines?|prior|previous|existing|other|others|"
                            r"competing|radiologists?|clinicians?|physicians?|doctors?|people|crowd\w*|volunteers?|"
                            r"competitors?|teachers?|GPT-\d\w*|they|their|original)\b", re.IGNORECASE)


def others_subject(before: str) -> bool:
    """The words of the clause before its first verb of result name another party than the paper's system (or the
    clause is a contrast, `whereas GPTQ achieves 54%`, whose subject is not the paper's)."""
    verb = RESULT_VERB.search(before)
    subject = before[:verb.start()] if verb else before
    return bool(_OTHER_SUBJECT.search(subject))


_CONTRAST = re.compile(r"(?:,\s|\s)(?:whereas|while|but|although)\s(?P<subject>[^,;]*?)$", re.IGNORECASE)


def in_contrast(text: str, pos: int) -> bool:
    """The number sits in a contrast clause whose subject is not the paper's (`, whereas GPTQ achieves 54%`)."""
    lo = max((m.end() for m in re.finditer(r"[;:]\s", text[:pos])), default=0)
    m = _CONTRAST.search(text, lo, pos)
    if m is None or FIRST_PERSON.search(m.group("subject")):
        return False
    # `while still performing at ...`, `while using fewer ...`: a participle shares the main clause's subject
    return not re.match(r"\s*(?:(?:still|also|only|simultaneously|at\sthe\ssame\stime)\s)?\w+ing\b", m.group("subject"))


def has_comparison(text: str) -> bool:
    """A comparison word in `text` (a bound on a number, `over 1,000 trials`, is not one)."""
    return bool(COMPARED.search(_BOUND_WORDS.sub("", text)))


UNIT_MARK = re.compile(r"%|×|\dx\b|\d\sx\b|times|fold|point|per\s?cent")


def clause_before(text: str, pos: int, brackets: bool = False) -> str:
    """The text of the number's clause up to `pos` (a governing verb must sit inside the clause); with `brackets`,
    an open bracket starts a clause too (`(the original model achieves 84%)` has its own subject).

    Not `gain_scores.clause_before`: that one also ends a clause at `, and we` and at a sentence stop, and not at
    `although` or a bare `while`; the shape rules were measured with these breaks, so the two stay apart."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, pos)), default=0)
    if brackets and (bracket := text.rfind("(", lo, pos)) > text.rfind(")", lo, pos):
        lo = bracket + 1
    return text[lo:pos]


_FUNCTION_WORDS = frozenset(("a", "an", "the", "its", "our", "this", "their", "of", "and", "or", "in", "on", "for",
                             "to", "at", "by", "as", "is", "are", "was", "were", "that", "which", "terms"))


_QUALIFIERS = frozenset(("best", "highest", "lowest", "maximum", "minimum", "new", "state-of-the-art", "record",
                         "top", "better", "superior", "remarkable", "excellent", "high", "low", "good", "strong"))


def measure_named(phrase: str) -> str | None:
    """The measure a noun phrase names (its last up to five words, articles dropped), or None for a setting.

    `maximum accuracy` and `mean absolute errors (MAE)` are measures; `a learning rate` and `a dataset` are not."""
    words = re.findall(r"[\w-]+(?:\s\([^()]{1,20}\))?", phrase.strip())[-5:]
    if _SETTING_WORD.search(" ".join(words[-3:])):
        return None  # `the maximum reported accuracy`, `a learning rate`: a setting or someone else's figure
    cut = [i for i, w in enumerate(words[:-1]) if w.lower() in _FUNCTION_WORDS or RESULT_VERB.fullmatch(w)]
    words = words[cut[-1] + 1:] if cut else words
    while words and words[0].lower() in _QUALIFIERS:
        words = words[1:]  # `the best validation accuracy` measures validation accuracy
    if not words:
        return None
    parts = re.match(r"([\w-]+)(?:\s\((.*)\))?$", words[-1])
    if parts is None:
        return None
    head, abbr = parts.groups()
    if not (_MEASURE_HEAD.fullmatch(head) or (abbr and _MEASURE_HEAD.fullmatch(abbr))):
        return None
    name = " ".join(words)
    return None if _SETTING_WORD.search(name) else name


VALUE_AT = re.compile(VALUE)


OF_ANCHOR = re.compile(rf"\bof\s{BOUND}(?=[-−+]?\d)")


# up to six words right before a binding word (an abbreviation in brackets rides along: `errors (MAE)`)
PHRASE_END = re.compile(r"(?:[\w-]+(?:\s\([^()]{1,20}\))?\s){1,6}$")


# a change noun or comparative right after a value makes it an amount of change (`a 12% gain in accuracy`)
CHANGE_NEXT = re.compile(r"\s(?:[\w-]+\s)?(?:gains?|improvements?|increases?|reductions?|decreases?|speed-?ups?|"
                          r"boosts?|drops?|lifts?|savings?|margin|lower|higher|faster|fewer|less|more|better|smaller|"
                          r"cheaper|greater|relative|absolute)\b", re.IGNORECASE)


def value_end(m: re.Match[str]) -> int:
    """Where the value ends: after its unit when it has one (`187.99 cycles`), else after the number."""
    return m.end("u") if m.group("u") else m.end("v")


def last_end(pattern: re.Pattern[str], text: str) -> int | None:
    """End offset of the last match of `pattern` in `text` (None when there is none)."""
    last = None
    for m in pattern.finditer(text):
        last = m.end()
    return last


# `keys needed to be 55º or wider to achieve over 90% striking accuracy`: a requirement met, not a result
NEEDED = re.compile(r"\b(?:need\w*|requir\w*|must|necessary|sufficient|enough)\b[^;]{0,60}\bto\s\w+", re.IGNORECASE)


def word_after(text: str, pos: int) -> str:
    """The up-to-two words after `pos` (`96% grasp success` -> `grasp success`)."""
    m = re.match(r"\s((?:[\w-]+\s)?[\w-]+)", text[pos:pos + 40])
    return m.group(1) if m else ""
