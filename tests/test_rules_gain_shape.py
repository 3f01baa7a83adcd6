"""The general value finder: a number bound by grammar to an outcome measure of the paper's own (gain_shape).

Sentences are real abstract sentences (labeled dev papers of several fields and venues); each rule has a sentence it
must read and one it must leave alone, so a broken rule turns its test red.
"""

from __future__ import annotations

import pytest

from summarizer.extract.rules import gain_shape, gain_shape_change
from summarizer.extract.rules.gain_shape import find_shaped_results
from summarizer.extract.rules.gains import find_gains
from summarizer.extract.rules.sentences import split_sentences


def _shaped(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_shaped_results(text)]


def _rule(rule, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [text[s.start:s.end] for s in rule(text)]


def test_a_measure_of_a_value_under_a_result_verb() -> None:
    # energy (Frontiers), materials-style wording: the measure phrase is bound to the number by `of`
    text = "The elastic model provides a test RMSE of 187.99 cycles and a test MAPE of 10.14%."
    assert _rule(gain_shape.measure_of_value, text) == ["187.99 cycles", "10.14%"]
    # the measure is a setting, or the number is someone else's: nothing
    assert _rule(gain_shape.measure_of_value, "We train with a learning rate of 0.1 and a batch size of 64.") == []
    assert _shaped("As a result, we achieved 95.12% accuracy in the DSL Shared Task 2015 dataset, which is comparable "
                   "to the maximum reported accuracy of 95.54% achieved so far.") == ["95.12%"]


def test_a_list_of_values_shares_the_measure_of_its_first_item() -> None:
    text = ("Models are shown to successfully predict the number of cycles to EOL, ranging from 700 to 2400 cycles, "
            "for unseen cell types containing varied electrode compositions with mean absolute errors (MAE) of 105, "
            "160, and 230 cycles for EOL conditions of 90, 85, and 80 %, respectively.")
    assert _shaped(text) == ["105", "160", "230 cycles"]  # the range of targets and the EOL conditions stay out


def test_a_measure_stated_with_a_copula() -> None:
    text = "For acute myocardial infarction, a subcategory of CHD, the relative difference was -20.4% (95% CI, -34.4%."
    assert _rule(gain_shape.measure_is_value, text) == ["20.4%"]
    assert _shaped("The survey response rate was 45% and 120 clinicians took part.") == []


def test_a_measure_with_its_value_in_brackets() -> None:
    # finance (credit-card fraud): the measure's value in brackets; the compared systems' brackets stay out
    text = ("Experiments on a public credit-card dataset demonstrated that, for the single DL-based models, AE has the "
            "best validation accuracy (93.4%) compared to CNN (91.4%) and RNN (91.8%).")
    assert _rule(gain_shape.measure_then_bracket, text) == ["93.4%"]
    assert _shaped("For the ensemble results, the validation accuracy (94.9%) was superior to all the three "
                   "implemented DL-based models.") == ["94.9%"]


def test_a_structured_abstract_names_measure_and_value_in_a_bracket() -> None:
    text = ("Results for total mortality followed a similar pattern; 991 SI and 1050 UC men had died by the end of "
            "follow-up (relative difference, -5.7%; 95% CI, -13% to 2.8%).")
    assert _rule(gain_shape.bracketed_measure_value, text) == ["5.7%"]
    assert _shaped(text) == ["5.7%"]  # the interval bounds are masked, the death counts have no measure


def test_a_value_followed_by_its_measure() -> None:
    assert _rule(gain_shape.value_then_measure, "Our model achieves 28.4 BLEU on the WMT 2014 English-to-German "
                                                "translation task.") == ["28.4"]
    assert _shaped("Experiments using all labeled data of Librispeech achieve 1.8/3.3 WER on the clean/other test "
                   "sets.") == ["1.8", "3.3"]
    # someone else's figure, in a comparison clause or with another subject
    assert _shaped("This compares to the previous state-of-the-art hybrid system of 7.5% WER.") == []
    assert _shaped("The system scores 0.41 F1, while human annotators reach an F1 of 0.87.") == ["0.41"]


def test_an_amount_changed_by() -> None:
    text = ("Our results show that compared to DCTCP, TBTCP reduces the switch buffer requirement by more than 80%, "
            "increases the bandwidth utilization by up to 15%, improves the FCT performance by up to 39%, and achieve "
            "a 71% better RTT fairness index.")
    assert _rule(gain_shape_change.changed_by_amount, text) == ["80%", "15%", "39%"]
    assert _rule(gain_shape_change.changed_by_amount, "The dataset grew by 2018 to cover 40 languages.") == []


def test_an_amount_qualifying_a_comparative() -> None:
    text = "After 16 years, this represents an 11.4% lower mortality rate for SI versus UC men."
    assert _rule(gain_shape_change.amount_then_comparative, text) == ["11.4%"]
    # what was spent, not gained
    assert _shaped("We train a compute-optimal model that uses the same compute budget as Gopher but with 70B "
                   "parameters and 4× more more data.") == []
    assert _shaped("we train GPT-3, an autoregressive language model with 175 billion parameters, 10x more than any "
                   "previous non-sparse language model.") == []


def test_items_listed_before_a_comparative_share_it() -> None:
    text = ("Our method outperforms prior methods on the DeepMind Control Suite and Atari Games showing 1.9x and 1.2x "
            "performance gains at the 100K environment steps.")
    assert _shaped(text) == ["1.9x", "1.2x"]


def test_an_amount_bounded_by_up_to() -> None:
    text = ("We show that Ansor improves the execution performance of deep neural networks relative to the "
            "state-of-the-art on the Intel CPU, ARM CPU, and NVIDIA GPU by up to 3.8x, 2.6x, and 1.7x, respectively.")
    assert _rule(gain_shape_change.bound_then_amount, text) == ["3.8x"]
    assert _shaped(text) == ["3.8x", "2.6x", "1.7x"]
    assert _rule(gain_shape_change.bound_then_amount, "We fine-tune on up to 50% of the training data.") == []


def test_an_amount_a_verb_of_achieving_takes() -> None:
    assert _rule(gain_shape_change.result_verb_then_amount, "RoBridge achieves 75% on new tasks.") == ["75%"]
    assert _shaped("The design was iterative, and we found that keys needed to be 55º or wider to achieve over 90% "
                   "striking accuracy.") == []
    assert _shaped("DiscQuant gets 64% accuracy, whereas RTN achieves 31% (the original model achieves 84%).") \
        == ["64%"]


def test_a_level_a_verb_of_change_brings_something_to() -> None:
    text = "Dex-Net 3.0 achieves success rates of 98%, 82%, and 58% respectively, improving to 81% in the latter case."
    assert _rule(gain_shape_change.changed_to_level, text) == ["81%"]
    assert _rule(gain_shape_change.changed_to_level, "Accuracy improves as demonstrations grow from 8 to 1,024.") == []


def test_an_amount_saved() -> None:
    text = ("our system can automate animal identification while still performing at the same 96.6% accuracy, "
            "saving more than 8.4 years (at 40 hours per week) of human labeling effort.")
    assert _rule(gain_shape_change.amount_saved, text) == ["8.4 years"]
    assert _shaped(text) == ["96.6%", "8.4 years"]  # the setting inside the bracket stays out


@pytest.mark.parametrize("text", [
    "Previous methods achieve an accuracy of 71.2% on this benchmark.",
    "In comparison, DT achieved an accuracy of 93.73% on the same data.",
    "The system produced high-accuracy structures (with GDT_TS scores of 70 or higher) for 11 out of 43 domains.",
    "We evaluate RoLoRA on LLaMA2-7B, achieving an absolute accuracy gain of 4-bit weight-activation models.",
])
def test_other_peoples_numbers_thresholds_and_settings_stay_out(text: str) -> None:
    assert _shaped(text) == []


def test_the_gain_pipeline_takes_shaped_values() -> None:
    # end to end: values found only by the grammar are claimed gains of the card, with evidence
    text = ("Kraken 2 improves upon Kraken 1 by reducing memory usage by 85%. The elastic model provides a test RMSE "
            "of 187.99 cycles and a test MAPE of 10.14%.")
    assert [g.value for g in find_gains(split_sentences(text))] == ["85%", "187.99 cycles", "10.14%"]


def test_an_estimate_followed_by_its_interval() -> None:
    # epidemiology (structured abstract): each estimate is a finding, its interval bounds are not
    text = ("Participants had lower mortality over 20 years of follow-up compared with nonparticipants (fully adjusted "
            "average hazard ratio [95% confidence intervals] were 0.72 [0.68, 0.77] in CLUE I, 0.69 [0.65, 0.73] in "
            "CLUE II, and 0.74 [0.63, 0.86] in ARIC).")
    assert _rule(gain_shape.estimates_with_interval, text) == ["0.72", "0.69", "0.74"]
    assert _shaped(text) == ["0.72", "0.69", "0.74"]
    assert _rule(gain_shape.estimates_with_interval, "The previous trial reported 0.81 [0.70, 0.93] in men.") == []
