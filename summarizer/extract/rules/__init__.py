"""The offline `rules` backend: grounded card fields from title + abstract, no model needed."""

from summarizer.extract.rules.extractor import RulesExtractor

__all__ = ["RulesExtractor"]
