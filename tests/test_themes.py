"""Themes: automatic clusters on the samples, user themes from a file, one theme per card."""

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.themes import OTHER, assign_themes, load_theme_spec
from summarizer.themes.text import GENERIC
from tests.cards_factory import sample_cards

EXAMPLE_THEMES = Path(__file__).resolve().parents[1] / "examples" / "themes.toml"


def _assert_partition(themed, cards) -> None:  # type: ignore[no-untyped-def]
    ids = [i for theme in themed.themes for i in theme.paper_ids]
    assert sorted(ids) == sorted(c.id for c in cards)  # every card exactly once
    by_id = {c.id: c.theme for c in themed.cards}
    for theme in themed.themes:
        assert all(by_id[i] == theme.name for i in theme.paper_ids)


def test_automatic_themes_on_the_samples_are_a_readable_partition() -> None:
    cards = list(sample_cards())
    themed = assign_themes(cards)
    _assert_partition(themed, cards)
    assert 5 <= len(themed.themes) <= 15
    assert max(t.size for t in themed.themes) < len(cards) / 3  # no catch-all theme
    for theme in themed.themes:
        if theme.name != OTHER:
            assert theme.terms and not {t.lower() for t in theme.terms} & GENERIC, theme.name


def test_automatic_themes_are_deterministic() -> None:
    cards = list(sample_cards())[:200]
    first, second = assign_themes(cards), assign_themes(cards)
    assert [(t.name, t.paper_ids) for t in first.themes] == [(t.name, t.paper_ids) for t in second.themes]


def test_a_handful_of_papers_makes_one_theme() -> None:
    cards = list(sample_cards())[:4]
    themed = assign_themes(cards)
    assert [t.size for t in themed.themes] == [4]


def test_user_themes_assign_by_keywords_and_send_the_rest_to_other() -> None:
    spec = load_theme_spec(EXAMPLE_THEMES)
    cards = list(sample_cards())
    themed = assign_themes(cards, spec)
    _assert_partition(themed, cards)
    names = {t.name for t in themed.themes}
    assert names <= {t.name for t in spec.themes} | {OTHER}
    by_theme = themed.by_theme()
    lora = [c for c in cards if "LoRA" in c.title]
    assert lora and all(c.id in {x.id for x in by_theme["Efficient fine-tuning"]} for c in lora)
    assert 0 < len(by_theme.get(OTHER, [])) < len(cards)


def test_yaml_themes_file(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text("themes:\n  - name: Speech\n    keywords: [speech, ASR, Whisper]\n")
    spec = load_theme_spec(path)
    assert spec.themes[0].keywords == ["speech", "ASR", "Whisper"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[[theme]]\nname = 'A'\n", "needs a description or keywords"),
        ("[[theme]]\ndescription = 'no name'\n", "name"),
        ("[[theme]]\nname = 'A'\nkeywords=['x']\n[[theme]]\nname = 'a'\nkeywords=['y']\n", "share a name"),
        ("theme = = 1", "is not valid TOML"),
        ("", "themes file problem"),
    ],
)
def test_bad_themes_file_is_one_line_naming_it(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "themes.toml"
    path.write_text(content)
    with pytest.raises(InputError) as info:
        load_theme_spec(path)
    assert str(info.value).startswith(str(path)) and problem in str(info.value) and "\n" not in str(info.value)
