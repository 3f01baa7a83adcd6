"""The task written the way a researcher writes a noun phrase: lower case, save acronyms and names.

Titles are in Title Case (`Parameter-Efficient Fine-Tuning of Large Language Models`) and an
abstract phrase may open its sentence (`Network pruning`); a task reads `parameter-efficient
fine-tuning of large language models`. A word is lowered only when it is plain Title Case and the
lexicon knows it as an ordinary word: acronyms and mixed case (`LLMs`, `LoRA`, `BIG-bench`) and
names the lexicon does not know (`Lyapunov`, `Platt`, `Markov`) keep their capitals. The span
still slices the title or abstract; it is marked `normalised` (equal up to case).
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllLemmas

from summarizer.extract.rules.hits import Hit, words

# adjectives made from names: the lexicon knows them, a researcher still capitalises them
_NAMED = words("bayesian euclidean newton fourier riemannian boolean hamiltonian lagrangian markovian darwinian "
               "gaussian laplacian")
_WORD = re.compile(r"[A-Za-z][\w']*")
# endings of English-made jargon the lexicon lacks (`Dataset`, `Quantization`, `Unlearning`); names rarely end so
_ENGLISH_ENDINGS = ("set", "tion", "sion", "ing", "ity", "ness", "ment", "ers", "er", "al", "ive", "ous", "able",
                    "ism", "ics", "ure", "ance", "ence", "ed", "ly", "ic", "ize", "ise", "or", "ors", "ile")
_PREFIXES = words("bi tri multi sub super hyper pre post un re over under inter intra self semi meta co de non "
                  "anti auto cross micro macro mini")
_TITLE_CASE_SHARE = 0.6  # at least this share of a phrase's words start upper case: it was set in Title Case


def lowercased(hit: Hit) -> Hit:
    """`hit` with its ordinary Title-Case words lowered; the same hit when nothing changes."""
    tokens = hit.value.split(" ")
    content = [t for t in tokens if len(t) > 3 and t[:1].isalpha()]
    title_case = bool(content) and sum(t[0].isupper() for t in content) >= _TITLE_CASE_SHARE * len(content)
    value = " ".join(_lower_token(t) if title_case or i == 0 else t for i, t in enumerate(tokens))
    if value == hit.value:
        return hit
    return Hit(value, hit.start, hit.end, hit.field, "normalised")


def _lower_token(token: str) -> str:
    """`Pre-Trained` -> `pre-trained`, `Indo-European` and `BIG-bench` unchanged: hyphen parts one by one."""
    return "-".join(_lower(part) for part in token.split("-"))


@cache
def _lower(word: str) -> str:
    """`Regression` -> `regression`, `Dataset` -> `dataset`; `LLMs`, `LoRA`, `Lyapunov`, `Bayesian` unchanged."""
    if not _WORD.fullmatch(word) or not word[:1].isupper() or not word[1:].islower():
        return word
    lowered = word.lower()
    if lowered in _NAMED or lowered.endswith("ian"):
        return word  # Bayesian, Hessian, Gaussian
    if getAllLemmas(lowered) or len(word) <= 3 or lowered.endswith(_ENGLISH_ENDINGS) or _compound(lowered):
        return lowered
    return word  # a name the lexicon does not know: Lyapunov, Platt, Markov


def _compound(word: str) -> bool:
    """`bilevel`, `multimodal`, `backdoor`: two parts the lexicon knows (or an English prefix and a known word)."""
    for cut in range(2, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if (head in _PREFIXES or (len(head) > 2 and getAllLemmas(head))) and getAllLemmas(tail):
            return True
    return False
