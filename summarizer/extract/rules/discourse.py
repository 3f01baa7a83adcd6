"""The leading discourse frame of an abstract sentence, and how to cut it off.

Contribution and result sentences often open with a frame that says where the
sentence sits in the abstract (`In this paper,`, `To address this gap,`,
`Therefore,`) rather than what the paper does. A card reads better without it,
but only when what remains starts with its own subject (`we`, `our`, `this
paper`, `it`), so it is still a sentence. The summary, outcome and method rules
all trim this way; they import it from here so none depends on another.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.sentences import Sentence

# A leading discourse frame, trimmed when a subject follows: `In this paper, we ...` -> `We ...`.
_LEAD = re.compile(
    r"^(?:(?:In|Within)\sth(?:is|e present)\s(?:paper|work|study|article|letter|note|thesis)|Here(?:in)?|"
    r"To\s(?:this|that)\send|To\sthat\seffect|To\sdo\sso|Therefore|Thus|Hence|Accordingly|Consequently|Specifically|"
    r"In\sresponse|As\sa\sremedy|As\sa\sresult|Instead|Motivated\sby\s[^,]{1,80}|Inspired\sby\s[^,]{1,80}|"
    r"To\s(?:address|tackle|overcome|bridge|fill|solve|mitigate|remedy|alleviate|close|resolve|handle|fix)"
    r"\s[^,]{1,80}|In\sorder\sto\s[^,]{1,80}|Towards?\s[^,]{1,60}|Building\son\s[^,]{1,80}|"
    r"Based\son\s[^,]{1,80}|With\sthis\s[^,]{1,40}|For\sthis\spurpose|First(?:ly)?|In\sparticular)"
    r",?\s(?=(?:we|our|this\s(?:paper|work|study)|it)\b)",
    re.IGNORECASE)


def trim_lead(sentence: Sentence) -> Hit:
    """Drop `In this paper,` / `To address this gap,` when a subject follows; the slice stays exact."""
    match = _LEAD.match(sentence.text)
    cut = match.end() if match else 0
    return Hit(sentence.text[cut:], sentence.start + cut, sentence.end)
