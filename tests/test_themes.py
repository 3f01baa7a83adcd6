"""Themes: automatic clusters on the samples, user themes from a file, one theme per card."""

from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.themes import OTHER, assign_themes, load_theme_spec
from summarizer.themes.label import LABEL_GENERIC, label, label_terms
from summarizer.themes.text import GENERIC, vectorizer
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


def test_automatic_labels_are_distinct_specific_and_spelled_as_the_papers_write_them() -> None:
    cards = list(sample_cards())
    themed = assign_themes(cards)
    by_theme = themed.by_theme()
    seen: set[str] = set()
    for theme in themed.themes:
        if theme.name == OTHER:
            continue
        assert 2 <= len(theme.terms) <= 3, theme.name
        lowered = [t.lower() for t in theme.terms]
        assert not set(lowered) & seen, f"{theme.name} repeats a term of another theme"
        seen.update(lowered)
        assert not any(all(w in GENERIC | LABEL_GENERIC for w in t.split()) for t in lowered), theme.name
        abstracts = " ".join(c.abstract for c in by_theme[theme.name])
        assert all(t in abstracts for t in theme.terms), theme.name  # verbatim, in the papers' own spelling
    assert any(" " in t for theme in themed.themes for t in theme.terms)  # phrases, not only single words


def _labels_of(abstracts: list[str], members: list[int]) -> list[str]:
    vec = vectorizer(len(abstracts))
    vec.set_params(min_df=1, max_df=1.0)
    matrix = vec.fit_transform(abstracts)
    return label_terms(matrix[members], matrix, vec.get_feature_names_out(), [abstracts[i] for i in members])


def test_a_phrase_absorbs_its_words_and_variants_name_one_topic() -> None:
    abstracts = [
        "Gradient descent with momentum for LLMs. Our LLM uses stochastic gradient descent on Time Series.",
        "Stochastic gradient descent converges for LLMs; each LLM is trained on time series.",
        "Protein folding with graph networks.",
        "Image segmentation of cells under a microscope.",
    ]
    terms = _labels_of(abstracts, [0, 1])
    assert "gradient descent" in [t.lower() for t in terms]
    assert not {"gradient", "descent"} & set(terms)
    assert sum(t in ("LLM", "LLMs") for t in terms) <= 1
    assert "Time Series" not in terms  # Title Case is not a coined spelling


def test_label_keeps_coined_spelling_and_capitalises_plain_words() -> None:
    assert label(["LoRA", "adapters"]) == "LoRA, adapters"
    assert label(["gradient descent", "Adam"]) == "Gradient descent, Adam"
    assert label([]) == "Miscellaneous"


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
