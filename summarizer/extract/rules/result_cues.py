"""Cues of an abstract's result move, shared by the summary and outcome rules.

The summary rule looks for the contribution sentence and must pass over result
sentences; the outcome rule looks for exactly those. Both read the same
language (`Experiments show`, `we find that`, `outperforms`, `3x faster`), so
the cue tables live here, once, and each rule imports what it weighs. All
patterns are lower-case and are matched on the lowered sentence (3x faster
than IGNORECASE), except `NUMERIC_RESULT` and `BACKGROUND_OPENER`,
which are matched on the text as written.
"""

from __future__ import annotations

import re

# --- background opener: the move before the contribution and its results ---
# One table for both rules, matched on the sentence as written (capitalised openers) and only for sentences not in
# the authors' voice. The summary passes over the background and the gap (`Yet`, `Nevertheless`: what is missing),
# which compete with the contribution sentence they precede; the outcome passes over what others did or achieved
# (`Existing methods reach ...`, `In recent years`, `Since its first discovery, studies ...`) and the gap again:
# `Yet, these methods face two primary limitations` states others' shortcoming, not this paper's result. It was two
# tables, one per rule; their union changed no pick on the labeled set.
BACKGROUND_OPENER = re.compile(
    r"^(?:However|Despite|Although|While|Recent(?:ly)?|Existing|Current(?:ly)?|Previous|Prior|Traditional(?:ly)?|"
    r"Many|Most|Conventional|Unfortunately|Yet|Nevertheless|Nonetheless|Since|These\s(?:methods|approaches|models)|"
    r"In\srecent\syears|Over\sthe\s(?:past|last)|In\sthe\s(?:past|last)\s)\b")

# --- the summary's coarse tests: is this sentence (part of) the result move rather than the contribution? ---

# Evidence verbs after their noun, `outperform`, or an availability note: `experiments show`, `code ... available`.
RESULT_MENTION = re.compile(r"\b(?:experiments?|results?|evaluations?)\b[^.]{0,80}\b(?:show|demonstrate|indicate|"
                            r"reveal|confirm|suggest)|\b(?:outperform|surpass)|\bcode\b.{0,40}\bavailable|"
                            r"\bavailable at\b",)
# A number of change or a comparison with `than`: `3x`, `13%`, `faster than`.
NUMERIC_RESULT = re.compile(r"\d\s?(?:%|×|x\b|times\b)|\b(?:faster|slower|more\saccurate|better|higher|lower)"
                            r"\sthan\b")
# What the evaluation found, as opposed to what the method does: `Extensive experiments verify ...`, `We found that`.
FINDING = re.compile(r"\b(?:experiments?|experimental|empirical(?:ly)?|evaluations?|results?|outperform\w*|"
                     r"surpass\w*)\b|\bwe\s(?:\w+ly\s)?(?:show|demonstrate|find|found|prove|observe|verify)")

# --- the outcome's graded cues: how strongly does a sentence claim a result? ---

# `Experiments on three benchmarks show that`, `Our results demonstrate`, `Evaluation reveals`
EVIDENCE = re.compile(
    r"\b(?:experiments?|results?|evaluations?|analys[ie]s|studies|study|findings|benchmarks?|simulations?|"
    r"tests?|ablations?|comparisons?|user study|trials?|evidence|observations?)\b[^.;]{0,100}?\b"
    r"(?:show|shows|showed|shown|demonstrat\w*|indicat\w*|reveal\w*|confirm\w*|suggest\w*|verif\w*|"
    r"validat\w*|highlight\w*|prov\w*|find|found|establish\w*)\b")
# `we show/prove/find that`, `They find no indication`, `the paper shows that`: a claim in the authors' voice
# (economics and medicine write `the authors`/`they`), also as a second verb (`we present ... and show that`)
WE_CLAIM = re.compile(r"\b(?:we|our\s\w+|the\sauthors|they|(?:the|this)\s(?:paper|work|study|article))\s"
                      r"(?:have\s|has\s|\w+ly\s|also\s|further\s|then\s|empirically\s){0,2}"
                      r"(?:show|prove|find|found|observe|demonstrate|establish|obtain|report|achieve|confirm|"
                      r"discover|reveal|uncover)\w*\b|"
                      r"\band\s(?:\w+ly\s)?(?:show|demonstrate|prove|find)\sthat\b")  # `we present ... and show that`
# `is empirically shown to`, `were found to`: a finding stated in the passive
PASSIVE_CLAIM = re.compile(r"\b(?:is|are|was|were)\s(?:\w+ly\s)?(?:shown|demonstrated|proven|found|observed)\sto\b")
# comparisons and headline verbs that claim an advantage
COMPARISON = re.compile(
    r"\b(?:outperform\w*|surpass\w*|exceed\w*|beat\w*|rival\w*|on par with|comparable (?:to|with)|"
    r"state[-\s]of[-\s]the[-\s]art|sota|superior|better than|significant(?:ly)?|substantial(?:ly)?|"
    r"consistent(?:ly)?|competitive|improv\w*|reduc\w*|boost\w*|achiev\w*|attain\w*|speed(?:s)?\s?up|faster|"
    r"converge\w*|match(?:es|ing)?|generaliz\w*|robust\w*|lower|higher|fewer|gains?|up to|"
    r"(?<=er\s)than|(?<=\s)(?:more|less)\s\w+\sthan)\b")
# a change or a score: `13%`, `3x`, `from 0.28 to 0.34`, `an AUROC of 0.87`, `BLEU 41.2`
QUANTITY = re.compile(r"\d(?:[\d.,]*)\s?(?:%|×|x\b|times|-fold|fold|points?|pp\b|bleu|db)|"
                      r"\d\s?(?:m?ap(?:50|75)?|auc|f1|wer|cer|fps|wpm|ms)\b|"  # `76.8 mAP`, `9.9 WPM`, `22 ms`
                      r"\bfrom\s[\d.]+%?\sto\s[\d.]+|"
                      r"\b(?:auroc|auc|accuracy|f1|precision|recall|error|mae|rmse|bleu|rouge[-\w]*|map|iou|"
                      r"perplexity|correlation|kappa|r\^?2)\s(?:of\s|=\s?|score\sof\s)?\d")

# --- the outcome's ranking: which claim a reader's one-line result would quote ---

# `demonstrate the effectiveness of`, `highlight the capabilities of`: a claim that names no finding
VAGUE = re.compile(r"\b(?:effectiveness|efficacy|capabilit(?:y|ies)|feasibility|potential|usefulness|power|superiority|"
                   r"promise|validity|applicability|practicality|merits?|advantages?)\sof\b")
# `These findings demonstrate ...`, `This demonstrates ...`, `Overall, ...`: a takeaway restating results given before
TAKEAWAY = re.compile(r"^(?:(?:these|this|such|the(?:se)?\sabove)\s(?:\w+\s)?(?:results?|findings?|experiments?|"
                      r"evaluations?|studies|observations?)|(?:this|these|that)\s(?:demonstrates?|shows?|indicates?|"
                      r"suggests?|confirms?)|overall|taken\stogether|together|collectively|"
                      r"in\s(?:summary|conclusion|short))\b")
# `our policies are able to maintain ...`, `Bigtable has successfully provided ...`: an ability or success claimed
ABILITY = re.compile(r"\b(?:(?:is|are|was|were)\s(?:\w+ly\s)?able\sto|successfully|still\s(?:provides?|achieves?|"
                     r"performs?|works?|reaches?|retains?|keeps?|maintains?))\b")
# `outperforming baselines like GPT-4`, `faster than RetinaNet`, `state-of-the-art`: a result measured against others
MEASURED = re.compile(r"\b(?:outperform\w*|surpass\w*|beat(?:s|ing)?|exceed\w*|\w+er\sthan|more\s\w+\sthan|"
                      r"compared\s(?:to|with)|state[-\s]of[-\s]the[-\s]art)\b")
