"""The digest is checked against its sources: papers, numbers, names, links, escaping."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.digest.ranking import ranked, score
from summarizer.digest.verify import NUMBER, card_haystack, verify_overview
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, PaperCard, Resources
from summarizer.sources.records import make_paper
from summarizer.themes import assign_themes
from tests.cards_factory import sample_cards

META = DigestMeta(date="2026-11-22", sources=["examples/hf-papers"], papers=120, cards=120)


def _write(cards: list[PaperCard], out: Path, overviews: dict[str, Overview] | None = None) -> dict[str, str]:
    themed = assign_themes(cards)
    grouped = themed.by_theme()
    if overviews is None:
        overviews = ExtractiveOverviewWriter().write_overviews(grouped)
    overviews = {name: verify_overview(o, grouped[name]) for name, o in overviews.items()}
    paths = write_digest(themed, overviews, out, META)
    return {p.suffix: p.read_text(encoding="utf-8") for p in paths}


@pytest.fixture(scope="module")
def digest(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _write(list(sample_cards())[:120], tmp_path_factory.mktemp("digest"))


def _sections(markdown: str) -> dict[str, str]:
    """Markdown of each paper entry, keyed by paper id."""
    parts = re.split(r'<a id="p-([0-9a-f]{16})"></a>', markdown)
    return {parts[i]: parts[i + 1].split("\n## ")[0] for i in range(1, len(parts), 2)}


def test_every_paper_in_the_digest_is_in_the_input_and_every_card_is_shown(digest: dict[str, str]) -> None:
    cards = {c.id: c for c in sample_cards()[:120]}
    sections = _sections(digest[".md"])
    assert set(sections) == set(cards)
    assert set(re.findall(r'<article id="p-([0-9a-f]{16})">', digest[".html"])) == set(cards)


def test_every_number_and_method_name_printed_for_a_paper_is_in_its_abstract_or_card(digest: dict[str, str]) -> None:
    cards = {c.id: c for c in sample_cards()[:120]}
    for paper_id, section in _sections(digest[".md"]).items():
        card = cards[paper_id]
        haystack = card_haystack(card)
        for number in NUMBER.findall(section):
            assert number in haystack, (paper_id, number)
        if match := re.search(r"\*\*Method:\*\* (.+)", section):
            name = match.group(1).replace("\\", "")
            assert name in card.title or name in card.abstract, (paper_id, name)


def test_overview_sentences_cite_their_papers_and_fabrications_are_dropped(tmp_path: Path) -> None:
    cards = list(sample_cards())[:60]
    themed = assign_themes(cards)
    first_theme, members = next(iter(themed.by_theme().items()))
    real = members[0]
    overviews = {first_theme: Overview(writer="llm:test", sentences=[
        OverviewSentence(text="It claims a 97.3% gain that no abstract states.", cites=[real.id]),
        OverviewSentence(text="An uncited sentence.", cites=[]),
        OverviewSentence(text="MadeUpNet beats everything.", cites=[real.id]),
        OverviewSentence(text=real.title, cites=[real.id]),
    ])}
    checked = verify_overview(overviews[first_theme], members)
    assert [s.flagged is None for s in checked.sentences] == [False, False, False, True]
    assert "97.3" in (checked.sentences[0].flagged or "")
    html = _write(cards, tmp_path, overviews)[".html"]
    assert "97.3%" not in html and "MadeUpNet" not in html and "An uncited sentence" not in html


def test_extractive_overviews_pass_verification_on_every_theme() -> None:
    themed = assign_themes(list(sample_cards()))
    grouped = themed.by_theme()
    for name, overview in ExtractiveOverviewWriter().write_overviews(grouped).items():
        checked = verify_overview(overview, grouped[name])
        assert checked.sentences and all(s.flagged is None for s in checked.sentences), name


def test_ranking_prefers_upvotes_then_quantified_claims_and_code() -> None:
    cards = list(sample_cards())
    order = ranked(cards)
    assert [score(c) for c in order] == sorted((score(c) for c in cards), reverse=True)
    top = order[0]
    assert top.upvotes or top.claimed_gains or top.resources.code_urls


def _hostile_card() -> PaperCard:
    paper = make_paper(title="<script>alert(1)</script> & <b>Bold</b> [x](javascript:alert(2))",
                       abstract="We propose <img src=x onerror=alert(3)>, a method. It is 5% better.",
                       source="evil.jsonl", position=0, url="javascript:alert(4)")
    extraction = Extraction(task="<i>task</i>", method=Method(name="<svg onload=alert(5)>"),
                            resources=Resources(code_urls=["javascript:alert(6)", "https://github.com/ok/repo"]))
    return PaperCard.build(paper, extraction, ExtractorInfo(backend="rules"))


def test_html_escapes_input_and_links_only_http(tmp_path: Path) -> None:
    out = _write([_hostile_card(), *list(sample_cards())[:5]], tmp_path)
    html, md = out[".html"], out[".md"]
    assert "<script>alert" not in html and "<svg" not in html and "<img" not in html and "<i>task" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
    assert 'href="https://github.com/ok/repo"' in html
    assert "<script>" not in md and "&lt;script&gt;" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md) and r"\[x\](javascript:" in md  # brackets escaped: no link


def test_feed_is_valid_atom_with_one_entry_per_paper(digest: dict[str, str]) -> None:
    root = ET.fromstring(digest[".xml"].encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 120
    assert all(e.find("a:category", ns).get("term") for e in entries)  # type: ignore[union-attr]
    assert len({e.findtext("a:id", namespaces=ns) for e in entries}) == 120


def test_digest_header_counts_and_toc(digest: dict[str, str]) -> None:
    html = digest[".html"]
    anchors = re.findall(r'<nav.*?</nav>', html, re.S)[0]
    targets = re.findall(r'href="#([^"]+)"', anchors)
    assert targets and all(f'id="{t}"' in html for t in targets)
    assert "120 papers in" in html and "2026-11-22" in html
    assert "http://" not in re.sub(r'href="[^"]*"', "", html).split("</style>")[0]  # no network assets


def test_a_verified_llm_title_names_an_automatic_theme_and_a_fabricated_one_does_not(tmp_path: Path) -> None:
    cards = list(sample_cards())[:60]
    themed = assign_themes(cards)
    (first, members), (second, _) = list(themed.by_theme().items())[:2]
    real_name = next(c.method.name for c in members if c.method.name and any(ch.isupper() for ch in c.method.name))
    overviews = {
        first: Overview(writer="llm:test", title=f"Methods like {real_name}"),
        second: Overview(writer="llm:test", title="MadeUpNet and friends"),
    }
    checked = {name: verify_overview(o, themed.by_theme()[name]) for name, o in overviews.items()}
    assert checked[first].title_flagged is None and checked[second].title_flagged
    out = _write(cards, tmp_path, overviews)
    html, feed = out[".html"], ET.fromstring(out[".xml"].encode())
    assert f"Methods like {real_name}" in html and "MadeUpNet" not in html and second in html
    assert "key terms:" in html  # the terms the theme was found by stay visible under the title
    categories = {(c.get("term"), c.get("label")) for c in feed.iter("{http://www.w3.org/2005/Atom}category")}
    assert (first, f"Methods like {real_name}") in categories  # cards keep their theme; the title is display only
    assert {c.theme for c in themed.cards} >= {first, second}


def test_unwritable_characters_never_break_the_outputs(tmp_path: Path) -> None:
    paper = make_paper(title="Control \x01 chars", abstract="Text with a \x1f unit separator.", source="odd.jsonl",
                       position=0)
    card = PaperCard.build(paper, Extraction(task="task \x02 here \ud800"), ExtractorInfo(backend="rules"))
    out = _write([card, *list(sample_cards())[:6]], tmp_path)
    ET.fromstring(out[".xml"].encode())  # well-formed XML 1.0
    assert "task  here" in out[".html"] and "\x02" not in out[".md"]


def test_header_names_the_source_folder(tmp_path: Path) -> None:
    meta = DigestMeta(date="2026-11-22", sources=[f"examples/hf-papers/00{i}.txt" for i in range(4)])
    assert meta.sources_text == "examples/hf-papers/ (4 files)"
    assert DigestMeta(date="2026-11-22", sources=["a.jsonl"]).sources_text == "a.jsonl"


def test_extractive_overview_quotes_only_sentences_that_stand_alone() -> None:
    paper = make_paper(title="Bound", abstract="A. B.", source="s.jsonl", position=0)
    card = PaperCard.build(paper, Extraction(
        method=Method(description="BoundNet regularises value functions with a rank bound."),
        claimed_gains=[Gain(value="5%", baseline="X", evidence="Moreover, it is 5% better than X.")],
    ), ExtractorInfo(backend="rules"))
    overview = ExtractiveOverviewWriter().write_overviews({"T": [card]})["T"]
    assert [s.text for s in overview.sentences] == ["BoundNet regularises value functions with a rank bound."]
