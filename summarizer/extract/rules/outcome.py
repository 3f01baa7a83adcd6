"""The outcome: the abstract's sentence that claims the main result.

The result move of an abstract reports evidence (`Experiments on X show that
...`, `Our results indicate ...`), a comparison (`X outperforms Y on all
benchmarks`, `achieves state-of-the-art`), a change with a number (`reduces
error by 13%`, `3x faster`) or, in theory papers, a proven statement (`we prove
that ... converges`). Sentences about others (`Existing methods achieve ...`)
and availability notes (`Code is available`) are not results. Null when no
sentence claims one: a position paper or a dataset description has none.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.sentences import Sentence
from summarizer.extract.rules.summary import trim_lead

# `Experiments on three benchmarks show that`, `Our results demonstrate`, `Evaluation reveals`
_EVIDENCE = re.compile(
    r"\b(?:experiments?|results?|evaluations?|analys[ie]s|studies|study|findings|benchmarks?|simulations?|"
    r"tests?|ablations?|comparisons?|user study|trials?|evidence|observations?)\b[^.;]{0,100}?\b"
    r"(?:show|shows|showed|shown|demonstrat\w*|indicat\w*|reveal\w*|confirm\w*|suggest\w*|verif\w*|"
    r"validat\w*|highlight\w*|prov\w*|find|found|establish\w*)\b", re.IGNORECASE)
# `we show/prove/find that`, `we observe that`: a claim in the authors' voice
_WE_CLAIM = re.compile(r"\b(?:we|our\s\w+)\s(?:have\s|has\s|\w+ly\s|also\s|further\s|then\s|empirically\s){0,2}"
                       r"(?:show|prove|find|found|observe|demonstrate|establish|obtain|report|achieve|confirm|"
                       r"discover|reveal|uncover)\w*\b", re.IGNORECASE)
# comparisons and headline verbs that claim an advantage
_COMPARISON = re.compile(
    r"\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|rival\w*|on par with|comparable (?:to|with)|"
    r"state[-\s]of[-\s]the[-\s]art|SOTA|superior|better than|significant(?:ly)?|substantial(?:ly)?|"
    r"consistent(?:ly)?|competitive|improv\w*|reduc\w*|boost\w*|achiev\w*|attain\w*|speed(?:s)?\s?up|faster|"
    r"converge\w*|match(?:es|ing)?|generaliz\w*|robust\w*|lower|higher|fewer|gains?|up to|"
    r"\w+er\sthan|more\s\w+\sthan|less\s\w+\sthan)\b", re.IGNORECASE)
# a change or a score: `13%`, `3x`, `from 0.28 to 0.34`, `an AUROC of 0.87`, `BLEU 41.2`
_QUANTITY = re.compile(r"\d(?:[\d.,]*)\s?(?:%|×|x\b|times|-fold|fold|points?|pp\b|BLEU|dB)|\bfrom\s[\d.]+%?\sto\s[\d.]+|"
                       r"\b(?:AUROC|AUC|accuracy|F1|precision|recall|error|MAE|RMSE|BLEU|ROUGE[-\w]*|mAP|IoU|"
                       r"perplexity|correlation|kappa|R\^?2)\s(?:of\s|=\s?|score\sof\s)?\d", re.IGNORECASE)
_ABOUT_OTHERS = re.compile(r"^(?:However|Existing|Current|Previous|Prior|Traditional|Many|Most|Conventional|"
                           r"Recent|Despite|Although|While|Unfortunately|These\s(?:methods|approaches|models))\b")
_OURS = re.compile(r"\b(?:we|our|ours|us)\b|\b(?:the|this)\s(?:proposed|resulting|new)\b", re.IGNORECASE)
_NOT_RESULT = re.compile(r"\b(?:code|data|dataset|models?|weights|implementation|benchmark)s?\b[^.]{0,60}"
                         r"\b(?:is|are|will be)\s(?:publicly\s|freely\s|openly\s)?(?:available|released)|"
                         r"https?://|github\.com", re.IGNORECASE)
# `previous studies have shown`, `it has been shown`: someone else's finding, background
_CITED = re.compile(r"\b(?:(?:previous|prior|recent|existing|many|several|some|other)\s(?:studies|works?|research|"
                    r"papers|methods|approaches)|studies\shave|it\shas\sbeen|have\sbeen\sshown|is\swell[-\s]known)\b",
                    re.IGNORECASE)
_THRESHOLD = 2.0


def result_score(sentence: Sentence, summary: Hit | None, method_name: str | None) -> float:
    """How strongly a sentence claims the paper's own result (below the threshold: no claim)."""
    text = sentence.text
    if _NOT_RESULT.search(text):
        return 0.0
    score = 0.0
    if _EVIDENCE.search(text):
        score += 3
    if _WE_CLAIM.search(text):
        score += 2
    comparisons = min(2, len(_COMPARISON.findall(text)))
    score += comparisons
    if comparisons and (_OURS.search(text) or (method_name and method_name in text)):
        score += 1  # `our method achieves ...`: an advantage claimed for the paper's own work
    if _QUANTITY.search(text):
        score += 1.5
    about_others = (_ABOUT_OTHERS.match(text) or _CITED.search(text)) and not _OURS.search(text)
    if about_others and not (method_name and method_name in text):
        score -= 4
    if summary is not None and sentence.start <= summary.start < sentence.end:
        score -= 1.5  # the contribution sentence is the summary; a separate result sentence says more
    return score


def find_outcome(sentences: list[Sentence], summary: Hit | None, method_name: str | None) -> Hit | None:
    """The strongest result claim (the earliest among equals), or None when the abstract claims none."""
    best: tuple[float, Sentence] | None = None
    for sentence in sentences:
        score = result_score(sentence, summary, method_name)
        if score >= _THRESHOLD and (best is None or score > best[0]):
            best = (score, sentence)
    return trim_lead(best[1]) if best else None
