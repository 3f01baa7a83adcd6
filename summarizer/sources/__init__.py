"""Sources -> papers: every input format becomes a list of `Paper`."""

from summarizer.sources.loader import FORMATS, LoadResult, load_papers, parse_file

__all__ = ["FORMATS", "LoadResult", "load_papers", "parse_file"]
