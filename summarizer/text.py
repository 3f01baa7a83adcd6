"""Text normalisation shared by every source: ids, LaTeX residue, links.

Listings copied from rendered pages carry LaTeX that lost its backslashes
(`31times`, `sim30B`) or kept them (`\\%`, `{\\it x}`); the cleaned text is what
every later stage (and every evidence span) refers to, so it must be readable
and stable.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_SYMBOLS = {
    "times": "×", "sim": "~", "approx": "≈", "cdot": "·", "pm": "±", "leq": "≤", "le": "≤",
    "geq": "≥", "ge": "≥", "neq": "≠", "rightarrow": "→", "to": "→", "infty": "∞",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "phi": "φ", "omega": "ω", "Delta": "Δ", "Omega": "Ω", "ell": "ℓ",
    "ie": "i.e.", "eg": "e.g.", "etal": "et al.", "L": "Ł", "l": "ł", "%": "%", "&": "&",
    "_": "_", "#": "#", "$": "$",
}
_STYLE_GROUP = re.compile(r"\{\\(?:it|em|bf|sc|tt|rm|sf|textit|textbf|emph)\s+([^{}]*)\}")
_STYLE_CMD = re.compile(r"\\(?:textit|textbf|emph|texttt|textsc|mathrm|mathbf|mathcal|text|mathit)\{([^{}]*)\}")
_MACRO = re.compile(r"\\(?:([Ll]) (?=[a-z])|([A-Za-z]+)|([%&_#$]))")
_GLUED_TIMES = re.compile(r"(\d)times\b")
_GLUED_SIM = re.compile(r"\bsim\s?(?=\d+(?:\.\d+)?\s?(?:[KMBTkmb%×x]|times)?\b)")
_INLINE_MATH = re.compile(r"\\\(|\\\)|\\\[|\\\]")
# `\url{URL}` -> URL; `\href{URL}{text}` -> `text (URL)` (URL alone when the text repeats it). Without its
# backslash (`url{https://...}`, as some pages render it) only when the braces hold a URL.
_URL_CMD = re.compile(r"(?:\\|(?<![\w\\])(?=url\{(?:https?://|www\.)))url\{([^{}]*)\}")
_HREF_CMD = re.compile(r"(?:\\|(?<![\w\\])(?=href\{(?:https?://|www\.)))href\{([^{}]*)\}\{([^{}]*)\}")
# `H\\"older`, `Fr\\'echet`, `{\\"o}`, `\\'{e}`: an accent command on a letter. Unbraced, only mid-word on a vowel
# (or `\\~n`), so an escaped quote (`a \\"quoted\\" word`) or apostrophe (`it\\'s`, `don\\'t`) is left alone.
_ACCENT_MARKS = {'"': "\u0308", "'": "\u0301", "`": "\u0300", "^": "\u0302", "~": "\u0303"}
_ACCENT = re.compile(r"\{\\([\"'`^~])\{?([A-Za-z])\}?\}|\\([\"'`^~])\{([A-Za-z])\}"
                     r"|(?<=[A-Za-z])\\([\"'`^~])([AEIOUYaeiouyNn])")
_URL_BRACE = re.compile(r"(https?://\S+?)\{[^{}\s]*\}")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
URL_RE = re.compile(r"https?://[^\s<>\"'{}\[\]\\|^`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"»”’"


def _macro(match: re.Match[str]) -> str:
    name = match.group(1) or match.group(2) or match.group(3)
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    return "" if name in {"nobreakdash", "newline", "noindent", "quad", "left", "right"} else name


def _href(match: re.Match[str]) -> str:
    url, label = match.group(1).strip(), match.group(2).strip()
    return f"{label} ({url})" if label and label.rstrip("/") != url.rstrip("/") else url


def _accent(match: re.Match[str]) -> str:
    """The accented letter when Unicode has it as one character (`ö`, `é`, `ñ`); else the text as it was."""
    mark, letter = next((match.group(i), match.group(i + 1)) for i in (1, 3, 5) if match.group(i))
    composed = unicodedata.normalize("NFC", letter + _ACCENT_MARKS[mark])
    return composed if len(composed) == 1 else match.group(0)


def clean_text(text: str) -> str:
    """Make listing text readable: LaTeX residue, entities, control chars, spacing."""
    text = unicodedata.normalize("NFC", html.unescape(text))
    text = _CONTROL.sub("", text)
    text = _HREF_CMD.sub(_href, _URL_CMD.sub(lambda m: m.group(1).strip(), text))
    text = _URL_BRACE.sub(r"\1", text)
    text = _ACCENT.sub(_accent, text)
    text = _INLINE_MATH.sub("", text)
    for _ in range(2):  # nested styles: {\it {\bf x}}
        text = _STYLE_GROUP.sub(r"\1", text)
        text = _STYLE_CMD.sub(r"\1", text)
    text = _MACRO.sub(_macro, text)
    text = _GLUED_TIMES.sub(r"\1×", text)
    text = _GLUED_SIM.sub("~", text)
    text = text.replace("$", "") if text.count("$") >= 2 else text
    return _SPACES.sub(" ", text).strip()


def normalise_title(title: str) -> str:
    """Key for dedupe: case, accents, punctuation and spacing do not matter."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def paper_id(title: str) -> str:
    return hashlib.sha1(normalise_title(title).encode()).hexdigest()[:16]


def strip_url(url: str) -> str:
    """Drop sentence punctuation glued to a URL, keeping balanced brackets."""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def find_links(text: str) -> list[str]:
    """http(s) links in order of appearance, de-duplicated."""
    seen: dict[str, None] = {}
    for match in URL_RE.finditer(text):
        url = strip_url(match.group(0))
        if len(url) > len("https://x.y"):
            seen.setdefault(url, None)
    return list(seen)
