"""The typed records that cross module boundaries: papers in, cards out.

Data flows one way: sources produce `Paper`, extractors turn a paper into an
`Extraction`, the pipeline wraps it into a `PaperCard`, themes and the digest
read cards. `PaperCard.model_dump(mode="json")` *is* the export contract
(see docs/export-contract.md); bump `CARD_CONTRACT_VERSION` when it changes.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

CARD_CONTRACT_VERSION = "2"
# how a value was found in the source, langextract's statuses: exact slice, equal after the text
# cleaner / unicode folding / case and whitespace, a token alignment above the fuzzy threshold, or not at all
Alignment = Literal["exact", "normalised", "fuzzy", "ungrounded"]


class Paper(BaseModel):
    """One paper as read from a listing; `id` is stable across sources."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="sha1 of the normalised title, first 16 hex digits")
    title: str
    abstract: str
    source: str = Field(description="file (or URL) the record came from")
    position: int = Field(description="0-based index of the record in its source")
    url: str | None = None
    arxiv_id: str | None = None
    authors: list[str] = Field(default_factory=list)
    authors_count: int | None = None
    organization: str | None = None
    date: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) when the year is known")
    date_text: str | None = Field(default=None, description="the date as the source printed it")
    upvotes: int | None = None
    links: list[str] = Field(default_factory=list, description="http(s) links found in the abstract")

    def richness(self) -> int:
        """How much a record knows; dedupe keeps the richest copy of a paper."""
        filled = [self.url, self.arxiv_id, self.authors_count or self.authors, self.organization,
                  self.date or self.date_text, self.upvotes is not None]
        return sum(bool(x) for x in filled) * 10_000 + len(self.abstract)


class Span(BaseModel):
    """Where a value was found: character offsets into the abstract (or title), and how well it aligned."""

    field: str = Field(description="'abstract' or 'title'")
    start: int
    end: int
    alignment: Alignment = Field(default="exact", description="exact | normalised | fuzzy (ungrounded: no span)")


class Method(BaseModel):
    name: str | None = Field(default=None, description="The method's name as the paper writes it; null if none")
    description: str | None = Field(default=None, description="One line: what the method does")


class Gain(BaseModel):
    metric: str | None = Field(default=None, description="What improved, e.g. 'accuracy', 'speedup', 'perplexity'")
    value: str = Field(description="The number as claimed, e.g. '31x', '2.5%', '9.64 -> 7.23'")
    baseline: str | None = Field(default=None, description="What it is compared against, if stated")
    dataset: str | None = Field(default=None, description="Dataset or benchmark of the claim, if stated")
    evidence: str = Field(description="The verbatim sentence of the abstract that makes the claim")


class Resources(BaseModel):
    datasets: list[str] = Field(default_factory=list, description="Datasets and benchmarks used or released")
    code_urls: list[str] = Field(default_factory=list, description="Code / project URLs given in the text")
    models: list[str] = Field(default_factory=list, description="Pretrained models used, e.g. 'Llama-2 7B'")
    compute: str | None = Field(default=None, description="Hardware stated, e.g. '8 H100 GPUs'")


class Extraction(BaseModel):
    """What an extractor fills for one paper: the schema the model sees."""

    summary: str | None = Field(default=None, description="One sentence: what the paper does (its contribution)")
    task: str | None = Field(default=None, description="The problem addressed, as a short noun phrase")
    method: Method = Field(default_factory=Method)
    outcome: str | None = Field(default=None, description="One sentence: the main result the authors claim; "
                                                          "null when the abstract claims none")
    claimed_gains: list[Gain] = Field(default_factory=list)
    resources: Resources = Field(default_factory=Resources)


class ExtractorInfo(BaseModel):
    backend: str = Field(description="'rules', 'llm', ...: who filled this card")
    model: str | None = None
    prompt_version: str | None = None
    fallback_reason: str | None = Field(default=None, description="why the rules filled a card the LLM was asked for")


class GroundingNote(BaseModel):
    """One value the grounding check did not accept as given, and what it did about it."""

    path: str = Field(description="field path, e.g. 'resources.datasets.1', 'claimed_gains.0.evidence'")
    action: Literal["dropped", "nulled", "replaced", "kept"]
    reason: str
    value: str | None = Field(default=None, description="the value as the extractor gave it")


class PaperCard(Extraction):
    """The exported record: the paper's identity, its extraction, and its theme."""

    contract_version: str = CARD_CONTRACT_VERSION
    id: str
    title: str
    source: str
    url: str | None = None
    arxiv_id: str | None = None
    date: str | None = None
    upvotes: int | None = None
    authors: list[str] = Field(default_factory=list)
    authors_count: int | None = None
    organization: str | None = None
    abstract: str = ""
    theme: str | None = None
    extractor: ExtractorInfo
    provenance: dict[str, list[Span]] = Field(
        default_factory=dict,
        description="field path -> spans that ground it (e.g. 'summary', 'method.name', 'claimed_gains.0')",
    )
    grounding: list[GroundingNote] = Field(default_factory=list,
                                           description="values dropped, nulled or replaced by the grounding check")
    suspicious: str | None = Field(default=None, description="why the abstract looks like it addresses the model "
                                                             "(prompt injection); such cards are never highlighted")
    relevance: float | None = Field(default=None, ge=0, le=1, description="fit to the reader's profile, when given")
    relevance_reasons: list[str] = Field(default_factory=list)

    @classmethod
    def build(cls, paper: Paper, extraction: Extraction, extractor: ExtractorInfo,
              provenance: dict[str, list[Span]] | None = None) -> PaperCard:
        return cls(
            **extraction.model_dump(),
            id=paper.id, title=paper.title, source=paper.source, url=paper.url,
            arxiv_id=paper.arxiv_id, date=paper.date or paper.date_text, upvotes=paper.upvotes,
            authors=list(paper.authors), authors_count=paper.authors_count, organization=paper.organization,
            abstract=paper.abstract, extractor=extractor, provenance=provenance or {},
        )
