"""The learned summary/outcome ranker: its features on real abstract sentences, its picks, its weights file and
the fitting script."""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

from summarizer.extract.rules import sentence_features as sf
from summarizer.extract.rules import sentence_ranker as rk
from summarizer.extract.rules.outcome import result_cues
from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.summary import contribution_score, find_summary

ROOT = Path(__file__).resolve().parents[1]

# Real abstracts from the labeled set (eval/labeled.jsonl, dev split).
SALMON_TITLE = "Salmon provides fast and bias-aware quantification of transcript expression"
SALMON = ("Salmon is a computational tool that uses sample-specific models and a dual-phase inference procedure to "
          "correct biases in RNA-seq data and rapidly quantify transcript abundances. We introduce Salmon, a "
          "lightweight method for quantifying transcript abundance from RNA–seq reads. Salmon combines a new "
          "dual-phase parallel inference algorithm and feature-rich bias models with an ultra-fast read mapping "
          "procedure. It is the first transcriptome-wide quantifier to correct for fragment GC-content bias, which, "
          "as we demonstrate here, substantially improves the accuracy of abundance estimates and the sensitivity "
          "of subsequent differential expression analysis.")
TOUCH_TITLE = "An Experimental Comparison of Touch Interaction on Vertical and Horizontal Surfaces"
TOUCH = ("Touch input has been extensively studied. The influence of display orientation on users' performance and "
         "satisfaction, however, is not well understood. In an experiment, we manipulate the orientation of "
         "multi-touch surfaces to study how 16 participants tap and drag. To analyze if and when participants switch "
         "hands or interact bimanually, we track the hands of the participants. Results show that orientation "
         "impacts both performance and error rates. Tapping was performed 5% faster on the vertical surface, whereas "
         "dragging was performed 5% faster and with fewer errors on the horizontal surface. Participants used their "
         "right hand more when dragging (85% of the trials) than when tapping (63% of the trials), but rarely used "
         "bimanual interaction. The vertical surface was perceived as more physically demanding to use than the "
         "horizontal surface. We conclude by discussing some open questions in understanding the relation between "
         "display orientation and touch.")
GENOMICS = ("The past 25 years of genomics research first revealed which genes are encoded by the human genome and "
            "then a detailed catalogue of human genome variation associated with many diseases. Despite this, the "
            "function of many genes and gene regulatory elements remains poorly characterized, which limits our "
            "ability to apply these insights to human disease. The advent of new CRISPR functional genomics tools "
            "allows for scalable and multiplexable characterization of genes and gene regulatory elements encoded "
            "by the human genome. These approaches promise to reveal mechanisms of gene function and regulation, and "
            "to enable exploration of how genes work together to modulate complex phenotypes.")


def _context(abstract: str, title: str, name: str | None = None) -> sf.Context:
    ctx = rk.summary_stage(split_sentences(abstract), title, name)
    rk.outcome_stage(ctx, find_summary(ctx.sentences, title, name))
    return ctx


def test_position_features_mark_where_a_sentence_sits() -> None:
    ctx = _context(TOUCH, TOUCH_TITLE)
    n = len(ctx.sentences)
    assert sf.relative_position(ctx)[0] == 0.0 and sf.relative_position(ctx)[-1] == 1.0
    assert sf.is_first(ctx) == [1.0] + [0.0] * (n - 1)
    assert sf.is_last(ctx) == [0.0] * (n - 1) + [1.0]


def test_length_features_grow_with_the_sentence() -> None:
    ctx = _context(TOUCH, TOUCH_TITLE)
    lengths, sizes = sf.log_length(ctx), sf.content_size(ctx)
    assert lengths[0] == pytest.approx(math.log(1 + 6))  # `Touch input has been extensively studied.`
    assert lengths[5] > lengths[0] and sizes[5] > sizes[0]  # the long `Tapping was performed 5% faster ...`


def test_title_overlap_is_the_share_of_title_words_written() -> None:
    ctx = _context(TOUCH, TOUCH_TITLE)
    overlap = sf.title_overlap(ctx)
    assert overlap[0] < overlap[5]  # `touch` only vs `touch`, `vertical`, `horizontal`, `surface`
    assert all(0.0 <= v <= 1.0 for v in overlap)
    assert sf.title_overlap(_context(TOUCH, "")) == [0.0] * len(ctx.sentences)


def test_contribution_and_rule_picks_come_from_the_rules() -> None:
    ctx = _context(SALMON, SALMON_TITLE, "Salmon")
    assert sf.contribution(ctx) == [contribution_score(s, i, "Salmon") for i, s in enumerate(ctx.sentences)]
    rule = rk.index_of(ctx.sentences, find_summary(ctx.sentences, SALMON_TITLE, "Salmon"))
    assert sf.is_summary_rule_pick(ctx)[rule] == 1.0 and sum(sf.is_summary_rule_pick(ctx)) == 1.0
    assert sf.follows_summary_rule_pick(ctx)[rule + 1] == 1.0 and sum(sf.follows_summary_rule_pick(ctx)) == 1.0


def test_method_subject_and_name_features() -> None:
    ctx = _context(SALMON, SALMON_TITLE, "Salmon")
    assert sf.method_subject(ctx)[2] == 1.0  # `Salmon combines a new dual-phase ...`
    assert sf.method_subject(ctx)[1] == 0.0  # `We introduce Salmon, ...`: the authors are the subject
    assert sf.names_method(ctx)[:3] == [1.0, 1.0, 1.0] and sf.names_method(ctx)[3] == 0.0  # `It is the first ...`
    assert sf.names_method(_context(SALMON, SALMON_TITLE)) == [0.0] * 4  # no method name found


def test_background_and_detail_openers() -> None:
    touchcuts = ("Although touch-screen laptops are increasing in popularity, users still do not comfortably rely "
                 "on touch in these environments, as current software interfaces were not designed for being used "
                 "by the finger. In this paper, we first demonstrate the benefits of using touch as a complementary "
                 "input modality along with the keyboard and mouse or touchpad in a laptop setting.")
    assert sf.background_opener(_context(touchcuts, "")) == [1.0, 0.0]
    assert sf.background_opener(_context(GENOMICS, ""))[1] == 0.0  # `Despite this, ... our ability`: our voice
    detail = split_sentences("We propose X. Specifically, we design a new loss for it. Then we train it on Y.")
    ctx = _context(" ".join(s.text for s in detail), "")
    assert sf.detail_opener(ctx) == [0.0, 1.0, 1.0]


def test_result_cue_features_read_the_outcome_rules_cues() -> None:
    ctx = _context(TOUCH, TOUCH_TITLE)
    assert sf.evidence(ctx)[4] == 1.0  # `Results show that orientation impacts ...`
    assert sf.quantified(ctx)[5] == 1.0 and sf.comparisons(ctx)[5] >= 1.0  # `5% faster ... fewer errors`
    assert sf.quantified(ctx)[0] == 0.0 and sf.evidence(ctx)[0] == 0.0
    assert sf.authors_claim(_context("We show that the bound is tight for all k.", ""))[0] == 1.0
    assert [float(c.quantified) for c in map(result_cues, ctx.sentences)] == sf.quantified(ctx)
    assert sf.is_outcome_rule_pick(ctx).count(1.0) == 1


def test_every_feature_gives_one_value_per_sentence() -> None:
    ctx = _context(TOUCH, TOUCH_TITLE)
    for feature in {*sf.SUMMARY_FEATURES, *sf.OUTCOME_FEATURES}:
        assert len(ctx.column(feature)) == len(ctx.sentences), feature.__name__
    rows = sf.feature_rows(sf.SUMMARY_FEATURES, ctx)
    weights = rk.load_weights()["summary"]
    assert sf.linear_scores(sf.SUMMARY_FEATURES, weights, ctx) == pytest.approx(
        [sum(w * v for w, v in zip(weights, row, strict=True)) for row in rows])


def test_the_ranker_prefers_how_the_method_works_to_its_introduction() -> None:
    """Salmon: the rule takes `We introduce Salmon, a lightweight method ...`; the gold summary says how it works,
    which the next sentence states (`Salmon combines ...`), and the ranker takes it."""
    sentences = split_sentences(SALMON)
    summary, outcome = rk.rank_sentences(sentences, SALMON_TITLE, "Salmon")
    assert find_summary(sentences, SALMON_TITLE, "Salmon").value.startswith("We introduce Salmon")
    assert summary is not None and summary.value.startswith("Salmon combines a new dual-phase")
    assert outcome is not None and outcome.value.startswith("It is the first transcriptome-wide quantifier")


def test_the_ranker_picks_the_study_and_its_headline_result() -> None:
    sentences = split_sentences(TOUCH)
    summary, outcome = rk.rank_sentences(sentences, TOUCH_TITLE, None)
    assert summary is not None and summary.value == ("In an experiment, we manipulate the orientation of multi-touch "
                                                     "surfaces to study how 16 participants tap and drag.")
    assert outcome is not None and outcome.value.startswith("Tapping was performed 5% faster on the vertical")
    for hit in (summary, outcome):  # spans still slice the abstract exactly (up to the capital)
        assert TOUCH[hit.start:hit.end].lower() == hit.value.lower()


def test_a_review_with_no_claimed_result_keeps_a_null_outcome() -> None:
    summary, outcome = rk.rank_sentences(split_sentences(GENOMICS), "A new era in functional genomics screens", None)
    assert summary is not None and outcome is None


def test_no_sentence_of_three_words_means_no_summary() -> None:
    assert rk.rank_sentences(split_sentences("Code: here."), "", None) == (None, None)
    assert rk.rank_sentences([], "", None) == (None, None)


def test_a_stale_weights_file_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(rk.WEIGHTS_PATH.read_text())
    document["summary"]["features"] = document["summary"]["features"][1:]
    stale = tmp_path / "ranker_weights.json"
    stale.write_text(json.dumps(document))
    monkeypatch.setattr(rk, "WEIGHTS_PATH", stale)
    rk.load_weights.cache_clear()
    try:
        with pytest.raises(ValueError, match="summary features"):
            rk.load_weights()
    finally:
        rk.load_weights.cache_clear()


def _fit_module():
    spec = importlib.util.spec_from_file_location("fit_sentence_ranker", ROOT / "eval" / "fit_sentence_ranker.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_sentence_ranker"] = module
    spec.loader.exec_module(module)
    return module


def test_the_fitting_script_is_deterministic_on_a_small_dev_sample(tmp_path: Path) -> None:
    fit = _fit_module()
    dev = [line for line in (ROOT / "eval" / "labeled.jsonl").read_text().splitlines()
           if '"split": "dev"' in line and '"batch 18' in line]
    sample = tmp_path / "sample.jsonl"
    sample.write_text("\n".join(dev[:8]) + "\n")
    papers = fit.dev_papers(sample, None)
    first, second = fit.fit_all(papers), fit.fit_all(papers)
    assert first == second
    assert len(first["summary"]) == len(sf.SUMMARY_FEATURES) and len(first["outcome"]) == len(sf.OUTCOME_FEATURES)
    assert all(math.isfinite(w) for w in first["summary"] + first["outcome"])
    with pytest.raises(SystemExit):
        fit.dev_papers(tmp_path / "blind.jsonl", None)


def test_the_ranker_keeps_the_rules_null_outcomes_on_every_dev_paper() -> None:
    """Whether a card has an outcome stays the rule's call, also when the ranker's summary is the only claim
    (AlphaFold's `We validated ... AlphaFold ...`): null exactly when the rule alone says null."""
    from summarizer.extract.rules.method import find_method
    from summarizer.extract.rules.outcome import find_outcome

    records = [json.loads(line) for line in (ROOT / "eval" / "labeled.jsonl").read_text().splitlines() if line]
    checked = 0
    for record in (r for r in records if r["split"] == "dev"):
        title, abstract = record["title"], record["abstract"]
        sentences = split_sentences(abstract)
        method = find_method(title, abstract, sentences)
        name = method.name.value if method else None
        rule = find_outcome(sentences, find_summary(sentences, title, name), name)
        _, outcome = rk.rank_sentences(sentences, title, name)
        assert (outcome is None) == (rule is None), record["id"]
        checked += 1
    assert checked > 200


def test_result_cue_prefilters_never_change_a_cue() -> None:
    """`result_cues` skips a pattern when none of its words occurs; on every sentence of the labeled abstracts the
    cues equal the patterns run unconditionally (red when a word is missing from a prefilter list)."""
    from itertools import islice

    from summarizer.extract.rules.result_cues import COMPARISON, EVIDENCE, PASSIVE_CLAIM, WE_CLAIM

    records = [json.loads(line) for line in (ROOT / "eval" / "labeled.jsonl").read_text().splitlines() if line]
    checked = 0
    for record in (r for r in records if r["split"] == "dev"):
        for sentence in split_sentences(record["abstract"]):
            lower = sentence.text.lower()
            expected = (bool(EVIDENCE.search(lower)), bool(WE_CLAIM.search(lower) or PASSIVE_CLAIM.search(lower)),
                        sum(1 for _ in islice(COMPARISON.finditer(lower), 2)))
            cues = result_cues(sentence)
            assert (cues.evidence, cues.claim, cues.comparisons) == expected, sentence.text
            checked += 1
    assert checked > 2000
