"""Themes: automatic clusters on the samples, user themes from a file, one theme per card."""

import time
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from summarizer.errors import InputError
from summarizer.models import ExtractorInfo, PaperCard
from summarizer.themes import OTHER, ThemedCards, ThemeDef, ThemeDoc, ThemeSpec, assign_themes, load_theme_spec
from summarizer.themes import cluster as cluster_module
from summarizer.themes.auto import MAX_THEMES_PER_TARGET, MIN_LIFT, MIN_SUPPORT
from summarizer.themes.cluster import target_k
from summarizer.themes.gate import TITLED, Gate, mentions
from summarizer.themes.label import LABEL_GENERIC, label, label_terms
from summarizer.themes.name import PhraseIndex, clash, common_word, is_noun, phrases, theme_name, title_names
from summarizer.themes.text import GENERIC, vectorizer
from summarizer.themes.wording import acronym, modifier, proper
from tests.cards_factory import sample_cards

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_THEMES = ROOT / "examples" / "themes.toml"
OUTSIDE = ROOT / "eval" / "outside" / "papers.jsonl"


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
    assert 5 <= len(themed.themes) <= MAX_THEMES_PER_TARGET * target_k(len(cards)) + 1
    assert max(t.size for t in themed.themes[:-1]) < len(cards) / 8  # no catch-all theme
    # Other is large on these four topic searches full of one-off papers, but most papers that share a
    # topic with others are themed
    assert themed.themes[-1].name == OTHER and themed.themes[-1].size < 0.52 * len(cards)
    for theme in themed.themes:
        if theme.name != OTHER:
            assert theme.terms and not {t.lower() for t in theme.terms} & GENERIC, theme.name


def test_theme_names_are_short_distinct_noun_phrases_the_papers_write() -> None:
    themed = _sample_themes()
    by_theme = themed.by_theme()
    names = [t.name for t in themed.themes if t.name != OTHER]
    assert len(set(names)) == len(names)
    for theme in themed.themes:
        if theme.name == OTHER:
            continue
        words = theme.name.replace(" for ", " ").split()
        assert "," not in theme.name and " and " not in theme.name and 1 <= len(words) <= 6, theme.name
        assert is_noun(words[-1]), theme.name  # headed by a noun: not "Adaptive", "Dynamic"
        assert not all(w.lower() in GENERIC | LABEL_GENERIC for w in words), theme.name
        # the papers write the name: most of them, and every paper checked here is counted
        written = sum(mentions(ThemeDoc.of(c), theme.phrases) > 0 for c in by_theme[theme.name]) / theme.size
        assert theme.support is not None and theme.support >= MIN_SUPPORT and written >= MIN_SUPPORT, theme.name
    heads = [t.name.split(" for ")[0].lower() for t in themed.themes if t.name != OTHER]
    assert not [(a, b) for a in heads for b in heads if a < b and clash(a, b)]  # not "optimization", "robust optim.."
    multi_word = [n for n in names if len(n.replace("-", " ").split()) >= 2]
    assert len(multi_word) >= 0.7 * len(names)  # phrases, not single words
    # a field is not a topic: "Regression", "Estimation", "Descent", "Ranking" name no theme of the samples
    assert not {"Regression", "Estimation", "Descent", "Ranking", "Constraint"} & set(names)
    assert "Symbolic regression" in names and "Gradient descent" in names


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
    """Silhouette (when it picks k) sees a bounded sample, and CPU time grows about linearly from n to 4n."""
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
    assert all(n <= 250 for n in seen)  # a day's listing votes over k-means runs at fixed k: no silhouette
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


def test_a_word_written_all_over_the_day_names_no_theme() -> None:
    """ "Regression" in every title of a cluster, and in a third of the rest of the day, is a field: the
    cluster is named by a phrase of its own."""
    kinds = ["symbolic regression", "kernel ridge regression", "quantile regression"]
    cluster = [_card(i, f"{kinds[i % 3].capitalize()} study {i}",
                     f"Regression is hard. We fit {kinds[i % 3]} on benchmark {i}.") for i in range(12)]
    rest = [_card(20 + i, f"Protein folding study {i}", "We fold proteins with graph networks"
                  + ("; a regression head predicts stability." if i % 3 == 0 else ".")) for i in range(24)]
    index = PhraseIndex([ThemeDoc.of(c) for c in [*cluster, *rest]])
    name = theme_name(index, list(range(12)), [])[0]
    assert name.lower() in kinds, name


def test_a_paper_stays_in_a_theme_only_if_it_relates_to_the_name() -> None:
    """Gate: writers stay; a paper that never names the topic stays only by sitting among the writers."""
    words = ["clients", "server", "aggregation", "communication", "rounds", "heterogeneity", "privacy", "devices",
             "updates", "drift"]
    writers = [_card(i, f"Federated learning with {words[i]}",
                     f"In federated learning, {' '.join(words[i:i + 4])} matter; {words[(i + 5) % 10]} too.")
               for i in range(6)]
    silent = _card(10, "Client drift across devices",  # on topic, never writes the name
                   f"We study {' '.join(words)} with {' '.join(words[:6])} in cross-device training.")
    passer = _card(11, "Tomography of granite with muons",  # off topic, names it once in passing
                   "Muon tomography images granite blocks; unlike federated learning, all data stay in one lab.")
    stranger = _card(12, "Sourdough fermentation kinetics", "Yeast and lactic bacteria ferment sourdough at 25 C.")
    cards = [*writers, silent, passer, stranger]
    vec = vectorizer(len(cards))
    vec.set_params(min_df=1, max_df=1.0)
    matrix = vec.fit_transform([f"{c.title} {c.abstract}" for c in cards]).tocsr()
    gate, keep = Gate.fit([ThemeDoc.of(c) for c in cards], matrix, np.arange(len(cards)), ["federated learning"])
    assert gate is not None
    assert keep.tolist() == [True] * 6 + [True, False, False]


def test_a_name_is_written_where_a_paper_states_its_topic() -> None:
    def card(title: str, abstract: str) -> ThemeDoc:
        return ThemeDoc.of(_card(0, title, abstract))

    assert mentions(card("Low-Rank Adaptations for LLMs", "x"), ["low rank adaptation"]) == TITLED  # plural
    assert mentions(card("A study", "We use low-rank adaptation. Low rank adaptation helps."),
                    ["low rank adaptation"]) == 2  # twice in the abstract
    assert mentions(card("A study", "Unlike low-rank adaptation, we prune."), ["low rank adaptation"]) == 1
    assert mentions(card("A study", "We study low-rankness."), ["low rank"]) == 0  # whole words only


def test_names_reject_common_words_proper_adjectives_and_modifiers() -> None:
    assert common_word("regression") and common_word("descent") and common_word("estimation")
    assert not common_word("quantization") and not common_word("llm") and not common_word("symbolic regression")
    assert proper("gaussian", ["We fit a Gaussian process and a mixture of Gaussian kernels."])
    assert not proper("quantization", ["Post-training quantization of LLMs; quantization error."])
    assert modifier("full-rank", ["We compare full-rank updates with full-rank fine-tuning."])
    assert not modifier("fine-tuning", ["Fine-tuning is costly. We study fine-tuning of LLMs."])


@cache
def _outside_themes() -> ThemedCards:
    from summarizer.extract.rules import RulesExtractor
    from summarizer.sources import load_papers

    papers = load_papers([OUTSIDE]).papers
    extractor = RulesExtractor()
    results = extractor.extract_all(papers)
    cards = [PaperCard.build(p, r.extraction, extractor.info, r.provenance)
             for p, r in zip(papers, results, strict=True) if r.extraction]
    return assign_themes(cards)


def test_outside_abstracts_from_many_fields_get_their_own_topics() -> None:
    """64 abstracts from many fields (not the samples the rules were tuned on)."""
    themed = _outside_themes()
    by_theme = themed.by_theme()
    names = {t.name for t in themed.themes}
    assert {"Machine translation", "Speech recognition"} <= names
    translation = by_theme["Machine translation"]
    assert all("translation" in f"{c.title} {c.abstract}".lower() for c in translation)
    assert next(t for t in themed.themes if t.name == OTHER).size < 0.6 * len(themed.cards)


def test_a_defined_acronym_writes_the_name() -> None:
    docs = ["Low-Rank Adaptation (LoRA) freezes weights.", "We extend low-rank adaptation (LoRA) to experts.", "x"]
    assert acronym("low rank adaptation", docs) == "lora"
    llms = ["Large Language Models (LLMs) a", "large language models (LLMs) b"]
    assert acronym("large language model", llms) == "llm"
    assert acronym("low rank adaptation", docs[:1]) is None  # one paper's abbreviation is not the field's
    assert acronym("quantization", docs) is None
    dora = ThemeDoc.of(_card(0, "DoRA beats LoRA", "We study adapters."))
    assert mentions(dora, ["low rank adaptation", "lora"]) == TITLED


def _leftovers() -> list[PaperCard]:
    rl = [_card(i, f"Reinforcement Learning for {topic}", f"We train a policy for {topic} with rewards.")
          for i, topic in enumerate(["bidding", "portfolio allocation", "time stepping"])]
    abstract_only = _card(3, "Bidding agents", "Reinforcement learning bids; reinforcement learning adapts.")
    regression = [_card(4 + i, f"Regression for {topic}", f"We fit {topic}.") for i, topic in enumerate("abc")]
    return [*rl, abstract_only, *regression, _card(7, "Metric learning", "We learn a metric once.")]


def test_leftover_papers_sharing_a_title_phrase_are_offered_it_as_a_name() -> None:
    """Papers no cluster gathered: a phrase three of them carry in the title is a theme name to try,
    a single common word ("Regression") is a field, and a phrase of one title is no theme."""
    cards = _leftovers()
    index = PhraseIndex([ThemeDoc.of(c) for c in cards])
    keys = [key for _, key in title_names(index, list(range(len(cards))), [], 3, 10)]
    assert "reinforcement learning" in keys
    assert "regression" not in keys and "metric learning" not in keys
    assert not [key for _, key in title_names(index, list(range(len(cards))), ["reinforcement learning"], 3, 10)
                if clash(key, "reinforcement learning")]  # a taken topic is not offered again


def test_leftover_themes_gather_only_papers_titled_by_the_name() -> None:
    """Without strangers, a leftover theme holds the papers whose title or task writes its name; naming it
    twice in the abstract is not enough (the leftovers are a mixed crowd: nearness means little there)."""
    cards = _leftovers()
    vec = vectorizer(len(cards))
    vec.set_params(min_df=1, max_df=1.0)
    matrix = vec.fit_transform([f"{c.title} {c.abstract}" for c in cards]).tocsr()
    docs = [ThemeDoc.of(c) for c in cards]
    gate, keep = Gate.fit(docs, matrix, np.arange(len(cards)), ["reinforcement learning"], strangers=False)
    assert gate is not None and keep.tolist() == [True] * 3 + [False] * 5
    gate, keep = Gate.fit(docs, matrix, np.arange(len(cards)), ["reinforcement learning"])
    assert keep[:4].all()  # with strangers (inside a cluster), a paper naming it twice stays
