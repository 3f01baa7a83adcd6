"""Where a paper's title points, and which URLs may become links at all.

Only http(s) URLs are ever links; Markdown gets them percent-encoded so a `>`,
a quote or a space cannot end the link and start markup. A listing without a
URL still gets somewhere to go: an arXiv title search, labelled as a search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlparse

_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_DOI = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$", re.I)
# RFC 3986 reserved and unreserved characters stay; everything else (`<>"` space `\` `` ` `` ...) is encoded
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host; `javascript:` and friends stay text."""
    if not url:
        return None
    url = url.strip()
    parsed = urlparse(url)
    return url if parsed.scheme in ("http", "https") and parsed.netloc and not re.search(r"\s", url) else None


def encoded_url(url: str | None) -> str | None:
    """An http(s) URL percent-encoded for Markdown's `<...>` link destination; None for anything else."""
    safe = safe_url(url)
    return quote(safe, safe=_URL_SAFE).replace("(", "%28").replace(")", "%29") if safe else None


@dataclass(frozen=True)
class PaperLink:
    href: str
    label: str  # "paper", "arXiv", "DOI" or "arXiv title search"

    @property
    def is_search(self) -> bool:
        return self.label.endswith("search")


def paper_link(title: str, url: str | None, arxiv_id: str | None) -> PaperLink:
    """The input's own URL, else the arXiv abstract page, else a DOI, else a title search on arXiv."""
    if url and (doi := _DOI.match(url.strip())):
        return PaperLink(f"https://doi.org/{quote(doi.group(1), safe='/')}", "DOI")
    if safe := safe_url(url):
        host = urlparse(safe).netloc.lower()
        return PaperLink(safe, "arXiv" if host.endswith("arxiv.org") else "HF" if "huggingface" in host else "paper")
    if arxiv_id and _ARXIV_ID.match(arxiv_id.strip()):
        return PaperLink(f"https://arxiv.org/abs/{arxiv_id.strip()}", "arXiv")
    query = quote(" ".join(title.split())[:300], safe="")
    return PaperLink(f"https://arxiv.org/search/?query={query}&searchtype=title", "arXiv title search")
