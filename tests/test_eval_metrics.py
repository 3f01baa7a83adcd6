"""Per-field scorers: normalisation, abstention, strict vs lenient."""

from __future__ import annotations

import pytest

from summarizer.evaluation.metrics import (
    name_key,
    names_match,
    norm_url,
    numbers,
    score_gains,
    score_method,
    score_names,
    score_task,
    score_urls,
    ungrounded,
)


@pytest.mark.parametrize("text", ["31times", "31×", "31x", "31 x", "31 times", "31-fold"])
def test_multiplier_spellings_are_one_number(text: str) -> None:
    assert numbers(text) == [(31.0, "×")]


def test_numbers_units_and_pairs() -> None:
    assert numbers("2.5%") == [(2.5, "%")]
    assert numbers("9.64 -> 7.23") == [(9.64, ""), (7.23, "")]
    assert numbers("1,234 samples") == [(1234.0, "")]


def test_gain_values_equal_across_spellings() -> None:
    score = score_gains(["31×", "2.5%"], ["31times", "2.5 %"])
    assert score.strict == score.lenient == 1.0


def test_gain_strict_needs_the_unit_lenient_does_not() -> None:
    score = score_gains(["31×"], ["31%"])
    assert score.lenient == 1.0 and score.strict == 0.0


def test_gain_set_f1_counts_missed_and_extra() -> None:
    score = score_gains(["11%", "22.8%"], ["11%", "7B"])
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.lenient == pytest.approx(0.5)


def test_url_normalisation() -> None:
    a = "https://github.com/VITA-Group/welore"
    for b in ("http://www.github.com/vita-group/welore/", "github.com/VITA-Group/welore.git", a + "."):
        assert norm_url(a) == norm_url(b)
    assert norm_url(a) != norm_url("https://github.com/VITA-Group/other")


def test_url_strict_vs_lenient() -> None:
    score = score_urls(["https://github.com/a/b"], ["http://github.com/a/b/"])
    assert score.lenient == 1.0 and score.strict == 0.0
    assert score_urls(["https://github.com/a/b"], ["https://github.com/a/b)."]).strict == 1.0


def test_method_name_where_gold_has_none_is_wrong() -> None:
    wrong = score_method([], "Our Framework")
    assert wrong.strict == wrong.lenient == 0.0 and wrong.gold_empty and not wrong.pred_empty
    right = score_method([], None)
    assert right.strict == right.lenient == 1.0


def test_method_missing_name_is_wrong() -> None:
    assert score_method(["GBLM-Pruner"], None).lenient == 0.0


def test_method_normalised_exact_and_alternatives() -> None:
    gold = ["GBLM-Pruner", "Gradient-based Language Model Pruner"]
    assert score_method(gold, "gblm pruner").strict == 1.0
    assert score_method(gold, "gradient-based language model pruner").strict == 1.0
    partial = score_method(gold, "GBLM-Pruner method")
    assert partial.strict == 0.0 and partial.lenient == 1.0
    assert score_method(gold, "Wanda").lenient == 0.0


def test_names_lenient_match() -> None:
    assert name_key("LLaMA-2") == name_key("llama 2")
    assert names_match("ImageNet", "ImageNet-1K", lenient=True)
    assert not names_match("ImageNet", "ImageNet-1K", lenient=False)
    assert not names_match("MMLU", "GSM8K", lenient=True)


def test_name_sets_are_one_to_one() -> None:
    score = score_names(["CIFAR-10"], ["CIFAR-10", "CIFAR-10"])
    assert (score.tp, score.fp) == (1, 0)  # duplicates collapse
    score = score_names(["CIFAR-10", "CIFAR-100"], ["CIFAR-100"])
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)


def test_abstention_on_empty_lists() -> None:
    both_empty = score_names([], [])
    assert both_empty.lenient == 1.0 and both_empty.gold_empty and both_empty.pred_empty
    hallucinated = score_names([], ["MNIST"])
    assert hallucinated.lenient == 0.0 and hallucinated.fp == 1
    missed = score_urls(["https://x.org/y"], [])
    assert missed.lenient == 0.0 and missed.fn == 1


def test_task_best_alternative_token_f1() -> None:
    gold = ["pruning large language models", "LLM pruning"]
    assert score_task(gold, "LLM pruning").strict == 1.0
    partial = score_task(gold, "pruning of language models")
    assert 0.5 < partial.lenient < 1.0 and partial.strict == 0.0
    assert score_task(gold, None).lenient == 0.0
    assert score_task([], None).lenient == 1.0
    assert score_task(gold, "image segmentation").lenient == 0.0


def test_plural_folding_matches_singular_labels() -> None:
    """`accuracies in domain classification` and `accuracy in domain classification` are one label."""
    assert names_match("accuracies in domain classification", "accuracy in domain classification", lenient=True)
    assert score_task(["policy optimization"], "policies optimization").strict == 1.0
    assert not names_match("loss", "bias", lenient=True)


def test_hard_check_grounding() -> None:
    abstract = "We reach 31× speedup. Code: https://github.com/a/b."
    assert ungrounded(["https://github.com/a/b"], ["31x"], "T", abstract) == []
    problems = ungrounded(["https://github.com/a/c"], ["45%"], "T", abstract)
    assert len(problems) == 2
