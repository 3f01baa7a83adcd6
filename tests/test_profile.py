"""The interest profile: the issue's minimal form, keyword/author/liked signals, excluded phrases."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.export import write_jsonl
from summarizer.extract.rules import RulesExtractor
from summarizer.models import PaperCard
from summarizer.pipeline import RunReport, extract_cards
from summarizer.profile import Profile, load_profile, score_cards
from summarizer.progress import NullProgress
from tests.daily_helpers import sample_papers

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """[profile]
keywords = ["LoRA", "low-rank adaptation"]   # or a table of phrase = weight
exclude = ["medical imaging"]
authors = []
liked = []                                   # titles, arXiv ids, or paths to cards.jsonl files
"""


@cache
def cards() -> tuple[PaperCard, ...]:
    report = RunReport(started_at="now")
    return tuple(extract_cards(list(sample_papers()), RulesExtractor(), NullProgress(), report))


def _card(title: str, abstract: str, **extra: object) -> PaperCard:
    return cards()[0].model_copy(update={"title": title, "abstract": abstract, **extra})


def test_the_issues_minimal_profile_loads_as_written(tmp_path: Path) -> None:
    (tmp_path / "p.toml").write_text(MINIMAL)
    profile = load_profile(tmp_path / "p.toml")
    assert profile.keywords == {"LoRA": 1.0, "low-rank adaptation": 1.0}
    assert (profile.exclude, profile.authors, profile.liked) == (["medical imaging"], [], [])


def test_the_example_profile_loads() -> None:
    profile = load_profile(ROOT / "examples" / "profile.toml")
    assert profile.keywords["LoRA"] == 2.0 and profile.exclude == ["medical imaging"] and profile.liked


def test_a_bad_profile_is_one_line_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nkeywords = { "LoRA" = "lots" }\n')
    with pytest.raises(InputError, match=r"bad\.toml: \[profile\] keywords\.LoRA"):
        load_profile(bad)
    bad.write_text("[profile\n")
    with pytest.raises(InputError, match="is not a readable TOML profile"):
        load_profile(bad)


def test_keywords_match_phrase_variants_and_count_more_in_the_title() -> None:
    profile = Profile(keywords={"low-rank adaptation": 1.0})
    in_title = _card("Low Rank Adaptations for speech", "We study speech.")
    in_text = _card("A speech paper", "We use low-rank adaptation.")
    neither = _card("A speech paper", "We use adapters with a low rank.")
    scored = score_cards([in_title, in_text, neither], profile)
    assert scored[0].relevance > scored[1].relevance > scored[2].relevance == 0.0
    assert scored[0].relevance_reasons == ["keyword: low-rank adaptation (title)"]
    assert scored[1].relevance_reasons == ["keyword: low-rank adaptation"] and scored[2].relevance_reasons == []


def test_authors_and_organisations_are_followed_by_whole_name() -> None:
    profile = Profile(authors=["ada lovelace", "Hugging Face"])
    by_ada = _card("T", "A.", authors=["Ada Lovelace", "Alan Turing"])
    by_org = _card("T", "A.", organization="Hugging Face")
    not_her = _card("T", "A.", authors=["Adalovelace Smith"])
    scored = score_cards([by_ada, by_org, not_her], profile)
    assert [c.relevance for c in scored] == [0.8, 0.8, 0.0]
    assert scored[0].relevance_reasons == ["author: ada lovelace"]


def test_excluded_phrases_zero_the_relevance_and_say_why() -> None:
    profile = Profile(keywords=["LoRA"], exclude=["medical imaging"])
    card = _card("LoRA for medical imaging", "Medical Imaging with LoRA.")
    (scored,) = score_cards([card], profile)
    assert scored.relevance == 0.0 and scored.relevance_reasons == ["excluded: medical imaging"]


def test_liked_papers_teach_a_model_that_ranks_similar_papers_first(tmp_path: Path) -> None:
    pool = list(cards())
    liked_titles = [pool[0].title, pool[10].title]  # LoRA / low-rank fine-tuning papers
    write_jsonl([pool[3]], tmp_path / "liked.jsonl")  # GaLore -> WeLore, as a cards.jsonl
    profile = Profile(liked=[*liked_titles, "liked.jsonl"], base_dir=tmp_path)
    scored = score_cards(pool, profile)
    ranked = sorted((c for c in scored if c.title not in liked_titles and c.id != pool[3].id),
                    key=lambda c: -(c.relevance or 0))
    low_rank = {c.id for c in pool if "lora" in c.abstract.lower() or "low-rank" in c.abstract.lower()}
    assert sum(c.id in low_rank for c in ranked[:5]) >= 4, [c.title for c in ranked[:5]]
    assert any(r.startswith("like: ") for r in ranked[0].relevance_reasons)
    mean = lambda ids: sum(c.relevance or 0 for c in ranked if (c.id in low_rank) == ids) / len(ranked)  # noqa: E731
    assert mean(True) > mean(False)


def test_a_liked_arxiv_id_not_found_is_a_warning(tmp_path: Path) -> None:
    warnings: list[str] = []
    scored = score_cards(list(cards())[:3], Profile(liked=["2401.99999"]), warn=warnings.append)
    assert warnings == ["profile: liked paper 2401.99999 is not in this listing or the archive; skipped"]
    assert all(c.relevance == 0.0 for c in scored)
