"""`RulesExtractor`: the offline backend, every card field from title + abstract by rules.

Each rule family lives in its own module and returns `Hit`s (value + span);
this module only assembles them into an `Extraction` plus the provenance map.
Rules are not wrapped individually: a rule that raises is a bug, so
`extract_paper` raises (tests go red) and `extract_all` turns it into that
paper's `error` with a warning naming the paper (the run goes on, `run.json`
lists it) instead of silently emptying a field.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from summarizer.extract.base import CardResult, OnDone
from summarizer.extract.rules.gains import GainHit, find_gains
from summarizer.extract.rules.hits import Hit
from summarizer.extract.rules.method import MethodHit, find_method
from summarizer.extract.rules.method_intro import describe_unnamed
from summarizer.extract.rules.resources import find_code_urls, find_compute, find_datasets, find_models
from summarizer.extract.rules.sentence_ranker import rank_sentences
from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task import find_task
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, Paper, Resources, Span

log = logging.getLogger(__name__)
MAX_ABSTRACT_CHARS = 20_000  # abstracts are ~1.5k chars; a 100k-char blob is a parse accident, not a claim


class RulesExtractor:
    """Deterministic, offline, grounded: the backend used when no model is configured."""

    info = ExtractorInfo(backend="rules", model=None, prompt_version="rules-v1")

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        results = []
        for paper in papers:
            try:
                result = self.extract_paper(paper)
            except Exception as exc:  # a rule bug: visible as this paper's failure, never a silent empty field
                log.warning("rules: paper %s (%r) failed: %s", paper.id, paper.title[:60], exc, exc_info=True)
                result = CardResult(paper_id=paper.id, error=f"rules failed: {type(exc).__name__}: {exc}")
            results.append(result)
            if on_done is not None:
                on_done(result)
        return results

    def extract_paper(self, paper: Paper) -> CardResult:
        title, abstract = paper.title or "", (paper.abstract or "")[:MAX_ABSTRACT_CHARS]
        sentences = split_sentences(abstract)
        method = find_method(title, abstract, sentences)
        name = method.name.value if method else None
        description = method.description if method else describe_unnamed(sentences)
        summary, outcome = rank_sentences(sentences, title, name)
        task = find_task(title, name, sentences, abstract)
        gains = _dedupe_gains(find_gains(sentences))
        urls = find_code_urls(abstract)
        all_models = find_models(abstract)
        datasets = _without(find_datasets(abstract, models=all_models), name)
        models = _without(all_models, name)
        compute = find_compute(abstract)
        summary, outcome = (hit.as_sentence() if hit else None for hit in (summary, outcome))
        extraction = Extraction(
            summary=summary.value if summary else None,
            outcome=outcome.value if outcome else None,
            task=task.value if task else None,
            method=Method(name=name, description=description.value if description else None),
            claimed_gains=[Gain(metric=g.metric, value=g.value, baseline=g.baseline, dataset=g.dataset,
                                evidence=g.sentence.text) for g in gains],
            resources=Resources(datasets=[h.value for h in datasets], code_urls=[h.value for h in urls],
                                models=[h.value for h in models], compute=compute.value if compute else None),
        )
        provenance = _provenance(task, method, description, gains, urls, datasets, models, compute)
        provenance.update({path: [hit.span()] for path, hit in (("summary", summary), ("outcome", outcome)) if hit})
        return CardResult(paper_id=paper.id, extraction=extraction, provenance=provenance)


def _dedupe_gains(gains: list[GainHit]) -> list[GainHit]:
    """One gain per distinct value (the labeled set lists a repeated value once)."""
    first: dict[str, GainHit] = {}
    for gain in gains:
        first.setdefault(gain.value, gain)
    return list(first.values())


def _without(hits: list[Hit], name: str | None) -> list[Hit]:
    """The paper's own method is never one of its datasets or pretrained models."""
    if not name:
        return hits
    own = name.lower()
    return [h for h in hits if h.value.lower() != own]


def _provenance(task: Hit | None, method: MethodHit | None, description: Hit | None, gains: list[GainHit],
                urls: list[Hit],
                datasets: list[Hit], models: list[Hit], compute: Hit | None) -> dict[str, list[Span]]:
    """Field path -> spans; slicing the title/abstract at a span yields the value (or the evidence)."""
    spans: dict[str, list[Span]] = {}
    single = {"task": task, "method.name": method.name if method else None,
              "method.description": description, "resources.compute": compute}
    spans.update({path: [hit.span()] for path, hit in single.items() if hit is not None})
    for i, gain in enumerate(gains):
        s = gain.sentence
        spans[f"claimed_gains.{i}"] = [Span(field="abstract", start=s.start, end=s.end)]
        spans[f"claimed_gains.{i}.value"] = [Span(field="abstract", start=a, end=b) for a, b in gain.spans]
    for kind, hits in (("code_urls", urls), ("datasets", datasets), ("models", models)):
        spans.update({f"resources.{kind}.{i}": [h.span()] for i, h in enumerate(hits)})
    return spans
