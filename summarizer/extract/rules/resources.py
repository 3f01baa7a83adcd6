"""Resources named in an abstract: code URLs, datasets/benchmarks, pretrained models, compute.

Datasets and models come from curated lexicons (tolerant of case, hyphens and
spaces) plus a few phrase patterns (`the X dataset`, `X-Bench`); URLs are
taken verbatim; compute is the first hardware phrase.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from summarizer.extract.rules.hits import Hit, dedupe_hits, normalise_name, words
from summarizer.extract.rules.lexicon import CASE_SENSITIVE, DATASETS, MODEL_FAMILIES, VERSIONED_FAMILIES
from summarizer.text import strip_url

_URL = re.compile(r"(?:https?://|(?<![\w./@-])(?=(?:www\.)?(?:github|gitlab|huggingface|bitbucket)\.(?:com|co|org)/))"
                  r"[^\s<>\"'{}\[\]\\|^`]+", re.IGNORECASE)
_CODE_HOSTS = ("github.", "gitlab.", "huggingface.", "bitbucket.")  # the schemeless hosts `_URL` accepts
_NOT_CODE = re.compile(r"//(?:dx\.)?doi\.org/|//arxiv\.org/(?:abs|pdf)/", re.IGNORECASE)
_NAME_PHRASE = re.compile(
    r"\b(?:the\s+)?((?:[A-Z][\w+./-]*|[a-z]+[A-Z][\w+./-]*)(?:\s[A-Z0-9][\w+./-]*){0,2})\s+"
    r"(?:(?:data\s?set|dataset|benchmark|corpus|suite|leaderboard|testbed)s?|data|metadata)\b"
    r"(?!\s(?:augmentation|sampl|point|efficien|distribution|generation|selection|mixing|processing|scarcity)\w*)")
# (`the SpecAugment data augmentation method`: `data` there starts another noun, it does not name a dataset)
_BENCH_NAME = re.compile(r"(?<![\w-])[A-Za-z][\w-]*(?:Bench|bench|BENCH|-QA|Eval)(?:[-\s]?v?\d+(?:\.\d+)?)?(?![\w-])")
_BENCH_ENDS = ("Bench", "bench", "BENCH", "-QA", "Eval")  # a `_BENCH_NAME` contains one: a cheap pre-check
_NOT_NAMES = words(
    "the our this these those their its a an we new large real public open standard extensive several "
    "various multiple many diverse benchmark benchmarks dataset datasets experiments results existing "
    "popular common synthetic proposed original full entire whole target source training test evaluation "
    "in on of for with and across both two three four five six seven eight nine ten all each every other "
    "such some most further additional additionally moreover finally furthermore specifically empirically "
    "experimentally thus however code data deep machine learning llm llms vlm ai ml nlp cv rl")

_HARDWARE = re.compile(
    r"(?:\b(?:\d+|a|an|one|two|four|eight|sixteen|single)\s?(?:×|x|times|\\times)?\s?)?"
    r"(?:(?:NVIDIA|Nvidia|AMD|Google|consumer(?:-level|-grade)?|commodity)\s)?(?:GeForce\s)?"
    r"(?:\d+\s?GB\s)?(?:A100|H100|H200|H800|A800|V100|P100|A10G?|T4|A6000|L4|L40S?|MI\d{3}X?|TPU\s?v\d\w*|"
    r"(?:RTX|GTX)\s?\d{3,4}(?:\s?Ti)?)(?:\s(?:\d+\s?GB\s)?(?:GPU|TPU)s?)?(?:\s(?:with\s)?\d+\s?GB(?:\smemory)?)?"
    r"|\b(?:a\s|one\s|single\s)(?:consumer(?:-level|-grade)?\s|commodity\s)?(?:\d+\s?GB\s)?GPU\b"
    r"|\b(?:\d+|eight|four|two)\s(?:\d+\s?GB\s)?GPUs\b"
    r"|\bon\s(?:a\s)?(?:single\s|standard\s|commodity\s|laptop\s)?CPUs?\b(?!/)")
_HARDWARE_HINT = re.compile(r"[GCT]PU|A100|H100|H200|H800|A800|V100|P100|A10|T4|A6000|L4|MI\d|RTX|GTX")


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+]*(?:[-./'][A-Za-z0-9+]+)*")
_MAX_NAME_TOKENS = 4


@cache
def _dataset_index() -> tuple[dict[str, str], frozenset[str], dict[str, int]]:
    """Lexicon keyed by case/space/hyphen-free spelling, the exact-match names, and first-token lengths."""
    loose = {normalise_name(n): n for n in DATASETS if n not in CASE_SENSITIVE}
    firsts: dict[str, int] = {}
    for name in DATASETS:
        parts = _TOKEN.findall(name)
        key = normalise_name(parts[0]) if parts else ""
        firsts[key] = max(firsts.get(key, 0), len(parts))
    return loose, frozenset(CASE_SENSITIVE), firsts


def _lexicon_datasets(text: str, field: str) -> list[Hit]:
    """Longest lexicon name starting at each token (`BIG-bench Hard` before `BIG-bench`)."""
    loose, exact, firsts = _dataset_index()
    matches = list(_TOKEN.finditer(text))
    tokens = [m.span() for m in matches]
    keys = [_token_key(m.group()) for m in matches]
    hits: list[Hit] = []
    i = 0
    while i < len(tokens):
        if keys[i] not in firsts and "/" not in text[tokens[i][0]:tokens[i][1]]:
            i += 1  # no lexicon name starts with this word (most words): skip the n-gram checks (speed)
            continue
        for n in range(min(firsts.get(keys[i], 1), _MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
            start, end = tokens[i][0], tokens[i + n - 1][1]
            surface = text[start:end]
            if surface in exact and _word_at_sentence_start(text, surface, start):
                break
            if surface in exact or ("".join(keys[i:i + n]) in loose and _not_plain_word(surface)):
                hits.append(Hit(surface, start, end, field))
                i += n - 1
                break
            if n == 1 and "/" in surface:  # `CIFAR-10/100`, `MIMIC-CXR/IU-Xray`: try the parts
                hits.extend(_lexicon_datasets_parts(surface, start, field))
        i += 1
    return hits


def _token_key(token: str) -> str:
    """`normalise_name` of a `_TOKEN`, which is ASCII: a plain alphanumeric token only needs lowering (speed)."""
    return token.lower() if token.isalnum() else normalise_name(token)


def _not_plain_word(surface: str) -> bool:
    """`imagenet` in running text is a word; `ImageNet`, `text8`, `ogbn-arxiv` are names."""
    return surface != surface.lower() or any(ch.isdigit() or ch == "-" for ch in surface)


def _word_at_sentence_start(text: str, surface: str, start: int) -> bool:
    """`Traffic forecasting ...` opens a sentence; only mid-sentence `Traffic` names the dataset."""
    return surface.isalpha() and surface.istitle() and (start == 0 or text[max(0, start - 2):start] in (". ", "? "))


def _lexicon_datasets_parts(surface: str, offset: int, field: str) -> list[Hit]:
    loose, exact, _ = _dataset_index()
    hits, pos = [], 0
    for part in surface.split("/"):
        if part in exact or (normalise_name(part) in loose and _not_plain_word(part)):
            hits.append(Hit(part, offset + pos, offset + pos + len(part), field))
        pos += len(part) + 1
    return hits


_SIZE = r"(?:[-\s/]\d+(?:\.\d+)?(?:x\d+)?[BMbm](?![a-zA-Z]))"
_TAG = (r"(?:-(?:base|large|small|tiny|mini|medium|xl|xxl|XL|XXL|Instruct|instruct|Chat|chat|it|Base|Large|"
        r"Small|Tiny|Mini|Turbo|turbo|Pro|Flash|Coder|Math|VL|Vision|Omni|Nano|Preview|[SBLHT](?:/\d+)?|"
        r"v\d+(?:\.\d+)?)(?![\w]))")
_VERSION = r"(?:-?v?\d+(?:\.\d+)?[a-z]?(?![\w%×]))|(?:\s[1-4](?:\.\d)?(?![\d%×.\w]))"


@cache
def _model_pattern() -> re.Pattern[str]:
    free = "|".join(re.escape(f) for f in sorted(MODEL_FAMILIES, key=len, reverse=True))
    versioned = "|".join(re.escape(f) for f in sorted(VERSIONED_FAMILIES, key=len, reverse=True))
    suffix = f"(?:{_VERSION}|{_SIZE}|{_TAG})"
    version = rf"(?:-?\d+(?:\.\d+)?[a-z]?(?![\w%×])|{_SIZE})"
    return re.compile(rf"(?<![\w-])(?:(?:{free}){suffix}*|(?:{versioned}){version}{suffix}*)(?![\w+])"
                      rf"(?:{_SIZE}(?:/\d+(?:\.\d+)?[BM])*)?")


def find_code_urls(text: str) -> list[Hit]:
    """Links to code, models or project pages, verbatim, without sentence punctuation."""
    hits = []
    if "://" not in text and text.isascii() and not any(host in text.lower() for host in _CODE_HOSTS):
        return []  # every URL has a scheme or a code host: skip the regex scan on most abstracts (speed)
    # (ASCII only: `re.IGNORECASE` also folds a few non-ASCII letters, `str.lower` does not)
    for match in _URL.finditer(text):
        url = strip_url(match.group(0))
        if len(url) > len("https://x.y") and not _NOT_CODE.search(url):
            hits.append(Hit(url, match.start(), match.start() + len(url)))
    first: dict[str, Hit] = {}
    for hit in hits:
        first.setdefault(hit.value.rstrip("/"), hit)
    return list(first.values())


@lru_cache(maxsize=256)
def find_models_cached(text: str) -> tuple[Hit, ...]:
    """`find_models` for short names looked at repeatedly (is a dataset candidate a model?)."""
    return tuple(find_models(text))


@lru_cache(maxsize=4096)
def find_datasets_cached(text: str) -> tuple[Hit, ...]:
    """`find_datasets` for text seen repeatedly (each gain looks at its sentence's datasets)."""
    return tuple(find_datasets(text))


def find_datasets(text: str, field: str = "abstract", models: list[Hit] | None = None) -> list[Hit]:
    """Datasets and benchmarks: lexicon names first, then names the text calls a dataset/benchmark.

    A model family is never a dataset; pass `models` when the caller already ran `find_models` on the
    same text (the model regex is one of the slowest rules: the extractor runs it once per paper).
    """
    hits = _lexicon_datasets(text, field)
    taken = [(h.start, h.end) for h in hits]
    benches = _BENCH_NAME.finditer(text) if any(end in text for end in _BENCH_ENDS) else ()
    for match in (*_NAME_PHRASE.finditer(text), *benches):
        start, end = match.span(1) if match.re is _NAME_PHRASE else match.span()
        name = text[start:end].strip(".,;:")
        plural_category = match.re is _NAME_PHRASE and " " not in name and match.group(0).endswith("s")
        overlaps = any(s < start + len(name) and start < e for s, e in taken)
        if _plausible_name(name) and not plural_category and not overlaps:
            hits.append(Hit(name, start, start + len(name), field))
            taken.append((start, start + len(name)))
    model_keys = {normalise_name(m.value) for m in (find_models(text, field) if models is None else models)}
    return [h for h in dedupe_hits(hits) if normalise_name(h.value) not in model_keys]


def _plausible_name(name: str) -> bool:
    words = name.split()
    if not words or any(w.lower() in _NOT_NAMES for w in words) or len(name) < 2:
        return False
    if len(words) == 1 and name.isupper() and len(name) <= 3:
        return False  # a bare short acronym (`CL`, `OOD`) is a field, rarely a dataset
    return any(ch.isdigit() or ch.isupper() for w in words for ch in w[1:]) or len(words) >= 2


def find_models(text: str, field: str = "abstract") -> list[Hit]:
    """Pretrained model families with the version and size the text gives (`LLaMA-2 7B`, `ViT-B/16`)."""
    hits = [Hit(m.group(0).rstrip(" -/"), m.start(), m.start() + len(m.group(0).rstrip(" -/")), field)
            for m in _model_pattern().finditer(text)]
    return dedupe_hits([h for h in hits if h.value])


def find_compute(text: str) -> Hit | None:
    """The first hardware phrase (`8 H100 GPUs`, `a single A100 GPU with 80GB memory`, `on CPU`)."""
    match = _HARDWARE.search(text) if _HARDWARE_HINT.search(text) else None
    if not match:
        return None
    value = match.group(0)
    start = match.start() + (3 if value.startswith("on ") else 0)
    return Hit(text[start:match.end()], start, match.end())
