"""Themes: automatic clusters on the samples, user themes from a file, one theme per card."""

import time
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.models import ExtractorInfo, PaperCard
from summarizer.themes import OTHER, ThemedCards, ThemeDef, ThemeSpec, assign_themes, load_theme_spec
from summarizer.themes import cluster as cluster_module
from summarizer.themes.auto import MIN_LIFT, MIN_NAME_SUPPORT
from summarizer.themes.label import LABEL_GENERIC, label, label_terms
from summarizer.themes.name import clash, is_noun, phrases
from summarizer.themes.text import GENERIC, vectorizer
from tests.cards_factory import sample_cards

EXAMPLE_THEMES = Path(__file__).resolve().parents[1] / "examples" / "themes.toml"


@cache
def _sample_themes() -> ThemedCards:
    return assign_themes(list(sample_cards()))


def _card(i: int, title: str, abstract: str, task: str | None = None) -> PaperCard:
    return PaperCard(id=f"p{i:04d}", title=title, abstract=abstract, task=task, source="test",
                     extractor=ExtractorInfo(backend="rules"))


def _assert_partition(themed, cards) -> None:  # type: ignore[no-untyped-def]
    ids = [i for theme in themed.themes for i in theme.paper_ids]
    assert sorted(ids) == sorted(c.id for c in cards)  # every card exactly once
    by_id = {c.id: c.theme for c in themed.cards}
    for theme in themed.themes:
        assert all(by_id[i] == theme.name for i in theme.paper_ids)


def test_automatic_themes_on_the_samples_are_a_readable_partition() -> None:
    cards = list(sample_cards())
    themed = _sample_themes()
    _assert_partition(themed, cards)
    assert 5 <= len(themed.themes) <= 30
    assert max(t.size for t in themed.themes) < len(cards) / 3  # no catch-all theme
    assert themed.themes[-1].name == OTHER and themed.themes[-1].size < 0.3 * len(cards)
    for theme in themed.themes:
        if theme.name != OTHER:
            assert theme.terms and not {t.lower() for t in theme.terms} & GENERIC, theme.name


def test_theme_names_are_short_distinct_noun_phrases_the_papers_write() -> None:
    themed = _sample_themes()
    names = [t.name for t in themed.themes if t.name != OTHER]
    assert len(set(names)) == len(names)
    for theme in themed.themes:
        if theme.name == OTHER:
            continue
        words = theme.name.replace(" and ", " ").replace(" for ", " ").split()
        assert "," not in theme.name and 1 <= len(words) <= 6, theme.name  # a phrase, not a keyword list
        assert is_noun(words[-1]), theme.name  # headed by a noun: not "Adaptive", "Dynamic"
        assert not all(w.lower() in GENERIC | LABEL_GENERIC for w in words), theme.name
        assert theme.support is not None and theme.support >= MIN_NAME_SUPPORT, theme.name
    heads = [t.name.split(" and ")[0].split(" for ")[0].lower() for t in themed.themes if t.name != OTHER]
    assert not [(a, b) for a in heads for b in heads if a < b and clash(a, b)]  # not "optimization", "robust optim.."
    assert any(len(n.split()) >= 2 for n in names)  # phrases, not only single words


def test_themes_report_coherence_above_the_grab_bag_line() -> None:
    for theme in _sample_themes().themes:
        if theme.name == OTHER:
            assert theme.coherence is None
            continue
        assert theme.coherence is not None and theme.lift is not None and theme.lift >= MIN_LIFT, theme.name
        assert set(theme.metrics()) >= {"coherence", "lift", "support"}


def test_run_report_carries_figures_per_theme_and_lists_other() -> None:
    themed = _sample_themes()
    entries = themed.report()
    assert [e["name"] for e in entries] == [t.name for t in themed.themes]
    for entry in entries[:-1]:
        assert {"coherence", "lift", "support"} <= set(entry) and "paper_list" not in entry
    other = entries[-1]
    assert other["name"] == OTHER
    listed = other["paper_list"]
    assert isinstance(listed, list) and len(listed) == other["papers"] > 0
    assert all(p["title"] for p in listed)
    spec = load_theme_spec(EXAMPLE_THEMES)
    assert all("match" in e for e in assign_themes(list(sample_cards()), spec).report())


def test_phrases_are_noun_phrases_between_stop_words() -> None:
    found = phrases("Improving Federated Learning on Heterogeneous Data via Time-Series Forecasting with LLMs")
    assert {"federated learning", "heterogeneous data", "time series forecasting", "llm"} <= set(found)
    assert not any(k.startswith("improving") for k in found)  # a verb opening a title is no topic
    assert "heterogeneous" not in found  # an adjective cannot head a name
    assert found["llm"] == ("LLMs",)


def _topic(i: int, topic: str, words: str, aside: str) -> PaperCard:
    return _card(i, f"{topic.capitalize()} with {words.split()[i % 5]} number {i}",
                 f"We study {topic}. Our {topic} method uses {words}. Results on {topic} benchmarks improve. "
                 f"An aside mentions {aside}.")


# subjects of twelve unrelated papers; each word also appears in passing in one on-topic paper
_SUBJECTS = ("cricket batting climbing granite sourdough fermentation glacier drones jazz guitar bicycle lanes "
             "protein folding tax firms volcanic ash chess endgames medieval trade opera singers")
SUBJECTS = _SUBJECTS.split()


def _grab_bag_corpus() -> list[PaperCard]:
    topics = {
        "federated learning": "clients aggregation heterogeneity server communication rounds",
        "time series forecasting": "horizon multivariate seasonality temporal lookback window",
        "weight quantization": "bits precision integer rounding outliers calibration",
    }
    cards = [_topic(len(topics) * j + k, t, w, SUBJECTS[(len(topics) * j + k) % len(SUBJECTS)])
             for j in range(12) for k, (t, w) in enumerate(topics.items())]
    for i in range(12):  # they share only "dynamic" and "adaptive": the grab bag of issue 11
        own = SUBJECTS[2 * i: 2 * i + 2]
        cards.append(_card(100 + i, f"{own[0].capitalize()} and {own[1]}",
                           f"This paper studies {own[0]} {own[1]} with dynamic adaptive methods."))
    return cards


def test_a_grab_bag_cluster_is_split_or_sent_to_other() -> None:
    cards = _grab_bag_corpus()
    themed = assign_themes(cards)
    _assert_partition(themed, cards)
    strays = {c.id for c in cards if int(c.id[1:]) >= 100}
    for theme in themed.themes:
        if theme.name != OTHER:  # no theme gathers unrelated papers
            assert len(strays & set(theme.paper_ids)) <= 1, (theme.name, theme.metrics())
    other = next(t for t in themed.themes if t.name == OTHER)
    assert len(strays & set(other.paper_ids)) >= len(strays) - 2
    names = {t.name.lower() for t in themed.themes}
    assert {"federated learning", "time series forecasting", "weight quantization"} <= names


def test_split_sends_incoherent_parts_to_other() -> None:
    rng = np.random.default_rng(0)
    tight = np.zeros((20, 40))
    tight[:, :3] = 1.0  # twenty papers sharing three terms
    loose = np.eye(40)[rng.choice(np.arange(3, 40), size=20, replace=False)]  # twenty papers sharing none
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    matrix = sp.csr_matrix(normalize(np.vstack([tight + 0.01 * rng.random((20, 40)), loose])))
    points = normalize(matrix.toarray())
    labels = cluster_module.split_grab_bags(matrix, points, np.array([0] * 20 + [1] * 20), 3, MIN_LIFT)
    assert (labels[:20] == labels[0]).all() and labels[0] >= 0
    assert (labels[20:] == -1).all()


def test_automatic_themes_are_deterministic() -> None:
    cards = list(sample_cards())[:200]
    first, second = assign_themes(cards), assign_themes(cards)
    assert [(t.name, t.paper_ids, t.coherence) for t in first.themes] == \
        [(t.name, t.paper_ids, t.coherence) for t in second.themes]


def test_no_quadratic_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """Silhouette sees a bounded sample, and CPU time grows about linearly from n to 4n."""
    seen: list[int] = []
    real = cluster_module.silhouette_score

    def spy(points, labels, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(min(len(points), kwargs.get("sample_size") or len(points)))
        return real(points, labels, **kwargs)

    monkeypatch.setattr(cluster_module, "silhouette_score", spy)
    monkeypatch.setattr(cluster_module, "SILHOUETTE_SAMPLE", 250)
    base = list(sample_cards())
    small = [c.model_copy(update={"id": f"s{i}"}) for i, c in enumerate(base[:200])]
    large = [c.model_copy(update={"id": f"l{i}"}) for i, c in enumerate((base * 2)[:800])]
    assign_themes(small[:10])  # warm the lexicon and imports
    times = []
    for cards in (small, large):
        start = time.process_time()
        assign_themes(cards)
        times.append(time.process_time() - start)
    assert seen and max(seen) <= 250
    assert times[1] / times[0] < 8, times  # 4x the papers: linear ~4x, quadratic ~16x


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


def test_a_handful_of_papers_makes_one_theme() -> None:
    cards = list(sample_cards())[:4]
    themed = assign_themes(cards)
    assert [t.size for t in themed.themes] == [4]


def test_user_themes_assign_by_meaning_and_send_the_rest_to_other() -> None:
    spec = load_theme_spec(EXAMPLE_THEMES)
    cards = list(sample_cards())
    themed = assign_themes(cards, spec)
    _assert_partition(themed, cards)
    names = {t.name for t in themed.themes}
    assert names <= {t.name for t in spec.themes} | {OTHER}
    by_theme = themed.by_theme()
    lora = [c for c in cards if "LoRA" in c.title]
    efficient = {x.id for x in by_theme["Efficient fine-tuning"]}
    assert lora and sum(c.id in efficient for c in lora) >= 0.8 * len(lora)
    assert 0 < len(by_theme.get(OTHER, [])) < len(cards) / 2
    for theme in themed.themes:  # every paper carries its match score
        assert set(theme.scores) == set(theme.paper_ids) and theme.match is not None


def test_a_passing_keyword_does_not_carry_a_paper_into_a_theme() -> None:
    spec = ThemeSpec(themes=[
        ThemeDef(name="LLM alignment", description="aligning large language models with human preferences",
                 keywords=["RLHF", "DPO", "preference", "reward model", "alignment"]),
        ThemeDef(name="Vision", description="image recognition and visual representations",
                 keywords=["image", "vision", "visual"]),
    ])
    llm = [_card(i, f"Aligning language models with human preferences {i}",
                 "We align large language models with human preferences using RLHF and a reward model. "
                 "DPO on preference data improves helpfulness of the language model.") for i in range(8)]
    vision = [_card(20 + i, f"Visual representations for image recognition {i}",
                    "We learn visual representations for image recognition on ImageNet: a vision transformer "
                    "encoder trained with a contrastive loss on image captions, evaluated on retrieval.")
              for i in range(8)]
    trap = _card(99, "A cross-modal alignment mechanism for image-text retrieval",
                 "We propose an alignment mechanism between image regions and words for image-text retrieval. "
                 "The visual encoder and the text encoder are trained with a contrastive loss on image captions.")
    stray = _card(98, "Soil moisture sensing with cheap probes",
                  "Soil moisture is measured with capacitive probes in farm fields; alignment of the probes "
                  "with the soil surface matters.")
    themed = assign_themes([*llm, *vision, trap, stray], spec)
    theme_of = {c.id: c.theme for c in themed.cards}
    assert theme_of[trap.id] in ("Vision", OTHER)  # "alignment" in its title does not make it LLM alignment
    assert theme_of[stray.id] == OTHER
    assert all(theme_of[c.id] == "LLM alignment" for c in llm)
    by_name = {t.name: t for t in themed.themes}
    trap_theme = by_name[theme_of[trap.id]]
    assert min(by_name["LLM alignment"].scores[c.id] for c in llm) > trap_theme.scores[trap.id]
    assert stray.id in by_name[OTHER].paper_ids and by_name[OTHER].scores[stray.id] < 0.2


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
