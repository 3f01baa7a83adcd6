"""Automatic themes, measured: name quality, hand-labelled purity, and outside text.

Three listings: the bundled samples, `eval/outside/papers.jsonl` (64 abstracts from many fields),
and both mixed. Per listing it prints each theme (size, coherence, lift, support, and the share of
its papers whose text writes the name: *verbatim*) and two name figures: the share of names that
are multi-word noun phrases, and the share written verbatim by at least half their papers.

Purity: a fixed sample of assignments to named themes (papers ordered by a hash of their id, the
first 60 in a named theme) is looked up in `eval/themes_purity.jsonl`, hand labels of
{"id", "theme", "fits"}: does the paper belong under that name? It reports the misfiled share of the
labelled ones and prints the unlabelled ones (`--show`: with the abstract's start) to label.

    python eval/themes_check.py                   # all three listings
    python eval/themes_check.py --listing samples --show
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.extract.rules import RulesExtractor  # noqa: E402
from summarizer.models import PaperCard  # noqa: E402
from summarizer.sources import load_papers  # noqa: E402
from summarizer.themes import OTHER, ThemedCards, assign_themes  # noqa: E402

OUTSIDE = ROOT / "eval" / "outside" / "papers.jsonl"
SAMPLES = ROOT / "examples" / "hf-papers"
LABELS = ROOT / "eval" / "themes_purity.jsonl"
PURITY_SAMPLE = 60
VERBATIM = 0.5  # a name counts as the papers' own words when this share of its papers write it


@cache
def cards_of(path: Path) -> tuple[PaperCard, ...]:
    papers = load_papers([path]).papers
    extractor = RulesExtractor()
    results = extractor.extract_all(papers)
    return tuple(PaperCard.build(p, r.extraction, extractor.info, r.provenance)
                 for p, r in zip(papers, results, strict=True) if r.extraction)


def listing(name: str) -> list[PaperCard]:
    if name == "samples":
        return list(cards_of(SAMPLES))
    if name == "outside":
        return list(cards_of(OUTSIDE))
    return list(cards_of(SAMPLES)) + list(cards_of(OUTSIDE))


def name_parts(name: str) -> list[str]:
    """The phrases a name is made of: "X for Y" / "X and Y" -> [X, Y]; a trailing ' (repeat mark) dropped."""
    return [p for p in re.split(r" (?:and|for) ", name.rstrip("'")) if p]


def writes(text: str, phrase: str) -> bool:
    """The text writes the phrase: case, hyphen/space and a plural ending ("trees" ~ "tree") aside."""
    words = r"[\s\-]+".join(re.escape(w) for w in re.sub(r"(?<=[a-z])s$", "", phrase).split())
    return re.search(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", text, re.IGNORECASE) is not None


def verbatim_share(name: str, cards: list[PaperCard]) -> float:
    parts = name_parts(name)
    texts = [f"{c.title}. {c.task or ''}. {c.abstract}" for c in cards]
    return sum(any(writes(t, p) for p in parts) for t in texts) / max(len(texts), 1)


def name_figures(themed: ThemedCards) -> dict[str, float]:
    by_theme = themed.by_theme()
    named = [t for t in themed.themes if t.name != OTHER]
    if not named:
        return {"themes": 0}
    multi = [t for t in named if len(" ".join(name_parts(t.name)).split()) >= 2]
    shares = [verbatim_share(t.name, by_theme[t.name]) for t in named]
    other = sum(t.size for t in themed.themes if t.name == OTHER)
    return {"themes": len(named), "multi_word": len(multi) / len(named),
            "verbatim": sum(s >= VERBATIM for s in shares) / len(named),
            "mean_verbatim": sum(shares) / len(shares), "other_share": other / len(themed.cards)}


def purity_sample(themed: ThemedCards) -> list[PaperCard]:
    named = [c for c in themed.cards if c.theme != OTHER]
    return sorted(named, key=lambda c: hashlib.sha1(c.id.encode()).hexdigest())[:PURITY_SAMPLE]


def load_labels() -> dict[tuple[str, str], bool]:
    if not LABELS.exists():
        return {}
    rows = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    return {(r["id"], r["theme"]): bool(r["fits"]) for r in rows}


def purity(themed: ThemedCards, show: bool) -> str:
    labels = load_labels()
    sample = purity_sample(themed)
    known = [labels[(c.id, c.theme)] for c in sample if (c.id, c.theme) in labels]
    for card in sample:
        if (card.id, card.theme) not in labels:
            extra = f"\n      {card.abstract[:260]}" if show else ""
            print(f"    unlabelled: {json.dumps({'id': card.id, 'theme': card.theme})}  {card.title[:90]}{extra}")
    if not known:
        return f"purity: none of {len(sample)} sampled assignments labelled"
    misfiled = known.count(False)
    return (f"purity: {misfiled}/{len(known)} labelled sampled assignments misfiled "
            f"({misfiled / len(known):.0%}; {len(sample) - len(known)} unlabelled)")


def report(name: str, show: bool) -> None:
    cards = listing(name)
    themed = assign_themes(cards)
    by_theme = themed.by_theme()
    print(f"== {name}: {len(cards)} papers, {len(themed.themes)} themes")
    for theme in themed.themes:
        share = "" if theme.name == OTHER else f" verbatim {verbatim_share(theme.name, by_theme[theme.name]):.2f}"
        print(f"  {theme.name} ({theme.size}) {theme.metrics()}{share}")
    figures = name_figures(themed)
    print("  names: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items()))
    if name == "samples":
        print("  " + purity(themed, show))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listing", choices=["samples", "outside", "mixed"], action="append")
    parser.add_argument("--show", action="store_true", help="print the start of unlabelled papers' abstracts")
    args = parser.parse_args()
    for name in args.listing or ["samples", "outside", "mixed"]:
        report(name, args.show)


if __name__ == "__main__":
    main()
