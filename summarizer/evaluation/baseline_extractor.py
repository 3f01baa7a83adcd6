"""A 10-line reference extractor: the floor any real backend must beat on `summarizer eval`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.extract.base import CardResult, OnDone
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, Paper, Resources
from summarizer.text import find_links

_GAIN = re.compile(r"\d+(?:\.\d+)?\s?(?:%|×|x\b|times\b)")


class BaselineExtractor:
    """Method = title before the colon, URLs by regex, numbers followed by %/x/×/times as gains."""

    info = ExtractorInfo(backend="baseline", model=None, prompt_version="baseline-v1")

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        results = []
        for paper in papers:
            name = paper.title.split(":", 1)[0].strip() if ":" in paper.title else None
            gains = list(dict.fromkeys(m.group(0) for m in _GAIN.finditer(paper.abstract)))
            extraction = Extraction(method=Method(name=name),
                                    claimed_gains=[Gain(value=g, evidence=g) for g in gains],
                                    resources=Resources(code_urls=find_links(paper.abstract)))
            results.append(CardResult(paper_id=paper.id, extraction=extraction))
            if on_done is not None:
                on_done(results[-1])
        return results
