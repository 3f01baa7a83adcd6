"""Resources: verbatim code URLs, lexicon + pattern datasets, model families with sizes, compute."""

from __future__ import annotations

import pytest

from summarizer.extract.rules.resources import find_code_urls, find_compute, find_datasets, find_models


def _values(hits: list) -> list[str]:
    return [h.value for h in hits]


def test_code_urls_are_verbatim_without_sentence_punctuation() -> None:
    text = ("Code is at https://github.com/Christina200/Online-LoRA-official.git. Docs "
            "(http://rankify.readthedocs.io/), project https://abrarmajeedi.github.io/deep_edm. and "
            "github.com/stanfordmlgroup/ngboost. See https://arxiv.org/abs/1704.02685 for the proof.")
    hits = find_code_urls(text)
    assert _values(hits) == ["https://github.com/Christina200/Online-LoRA-official.git",
                             "http://rankify.readthedocs.io/", "https://abrarmajeedi.github.io/deep_edm",
                             "github.com/stanfordmlgroup/ngboost"]
    assert all(text[h.start:h.end] == h.value for h in hits)


def test_latex_href_residue_yields_one_url() -> None:
    text = "Code: https://github.com/AI4fun/DQ-LoRe}{https://github.com/AI4fun/DQ-LoRe."
    assert _values(find_code_urls(text)) == ["https://github.com/AI4fun/DQ-LoRe"]


@pytest.mark.parametrize(("text", "names"), [
    ("On CIFAR10/100, ImageNet-1K, and ADE20K, InfoBatch losslessly saves 40% overall cost.",
     ["CIFAR10", "ImageNet-1K", "ADE20K"]),
    ("Specifically, it achieves up to a 1.1% average accuracy gain on the Commonsense Reasoning benchmark, "
     "a 3.0% improvement on MMLU, and a notable 10% boost on MT-Bench.", ["Commonsense Reasoning", "MMLU", "MT-Bench"]),
    ("Evaluations on two large-scale datasets, PixelRec and Amazon Reviews, show that HLLM is strong.",
     ["Amazon Reviews"]),
    ("We show this on the well-known SRBench benchmark and the PENS dataset.", ["SRBench", "PENS"]),
    ("Extensive experiments on standard DAR datasets and three NLU benchmarks verify the theory.", []),
    ("We evaluate on synthetic and real-world datasets and several language benchmarks.", []),
    ("Perplexity drops on WikiText2 and PTB, and GSM-8K accuracy rises.", ["WikiText2", "PTB", "GSM-8K"]),
    ("Traffic forecasting matters; we study it with a Transformer.", []),
])
def test_datasets(text: str, names: list[str]) -> None:
    hits = find_datasets(text)
    assert _values(hits) == names
    assert all(text[h.start:h.end] == h.value for h in hits)


@pytest.mark.parametrize(("text", "names"), [
    ("We evaluate RoLoRA across LLaMA2-7B/13B, LLaMA3-8B models.", ["LLaMA2-7B/13B", "LLaMA3-8B"]),
    ("It zero-shot improves Llama-3-8B-Instruct (4.96%) and Mistral-7B-Instruct-v0.3 (10.52%), with "
     "Gemma-2-9b-it showing a gain.", ["Llama-3-8B-Instruct", "Mistral-7B-Instruct-v0.3", "Gemma-2-9b-it"]),
    ("On the MATH benchmark, Llama 2 7B adapted using SORSA beats GPT-4o and GPT-3.5-turbo.",
     ["Llama 2 7B", "GPT-4o", "GPT-3.5-turbo"]),
    ("Zero-TPrune reduces the FLOPs cost of DeiT-S, ViT-B/16 and ResNet-50 with CLIP features.",
     ["DeiT-S", "ViT-B/16", "ResNet-50", "CLIP"]),
    ("GPTQ and BERTScore are not models; a transformer or an LLM is not a named model.", []),
])
def test_models(text: str, names: list[str]) -> None:
    hits = find_models(text)
    assert _values(hits) == names
    assert all(text[h.start:h.end] == h.value for h in hits)


@pytest.mark.parametrize(("text", "compute"), [
    ("It allows the paradigm to scale to ~30B-sized LLMs on 8timesH100 GPUs.", "8timesH100 GPUs"),
    ("We serve 25 LoRA fine-tuned Mistral-7B LLMs on a single NVIDIA A100 GPU with 80GB memory.",
     "single NVIDIA A100 GPU with 80GB memory"),
    ("Training runs on 8 H100 GPUs.", "8 H100 GPUs"),
    ("Inference is fast on CPU.", "CPU"),
    ("Fine-tuning fits a single 4GB GPU.", "single 4GB GPU"),
    ("It reduces GPU memory footprint.", None),
])
def test_compute(text: str, compute: str | None) -> None:
    hit = find_compute(text)
    assert (hit.value if hit else None) == compute
    if hit:
        assert text[hit.start:hit.end] == hit.value


@pytest.mark.parametrize(("text", "urls"), [
    ("Code: GitHub.com/acme/tool, data elsewhere.", ["GitHub.com/acme/tool"]),  # schemeless, any case
    ("Le code est sur github.com/acme/outil (voilà).", ["github.com/acme/outil"]),  # non-ASCII text
    ("Résumé: see HTTPS://example.org/x for details.", ["HTTPS://example.org/x"]),
    ("We release code and models upon acceptance.", []),
])
def test_code_urls_pre_check_keeps_every_url(text: str, urls: list[str]) -> None:
    """The cheap no-URL pre-check must never hide a URL the full pattern finds."""
    assert _values(find_code_urls(text)) == urls


def test_datasets_use_the_models_the_caller_already_found() -> None:
    """A name that is a model is not a dataset; the caller's `find_models` result is what decides it."""
    text = "We fine-tune on the CLIP dataset and MMLU."
    assert _values(find_datasets(text)) == ["MMLU"]  # CLIP is a model family
    assert _values(find_datasets(text, models=find_models(text))) == ["MMLU"]
    assert _values(find_datasets(text, models=[])) == ["CLIP", "MMLU"]


@pytest.mark.parametrize(("text", "names"), [
    ("Scores rise on LiveBench.", ["LiveBench"]),
    ("Scores rise on AlpacaEval 2.0 and on Natural-QA.", ["AlpacaEval 2.0", "Natural-QA"]),
])
def test_bench_names_need_no_benchmark_word(text: str, names: list[str]) -> None:
    """`X-Bench`, `XEval`, `X-QA` name a benchmark by themselves (the pre-check must let each ending through)."""
    assert _values(find_datasets(text)) == names
