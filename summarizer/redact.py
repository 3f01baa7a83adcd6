"""Credentials never leave the process: `user:password@` in URLs and secret query values are masked.

`OPENAI_BASE_URL=https://user:token@proxy/v1` is a common way to pass a proxy's
credentials; without this they would be copied into run.json, log lines and
error reasons (httpx puts the full URL in its error messages).
"""

from __future__ import annotations

import re

MASK = "***"
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@\"'<>]+@")
_SECRET_QUERY = re.compile(r"(?i)([?&](?:[a-z0-9_-]*(?:key|token|secret|password|passwd|sig|signature|auth)"
                           r"[a-z0-9_-]*)=)[^&#\s\"'<>]+")


def redact(text: str) -> str:
    """`scheme://user:pass@host` -> `scheme://***@host`; `?api_key=v` -> `?api_key=***`, anywhere in `text`."""
    return _SECRET_QUERY.sub(rf"\1{MASK}", _USERINFO.sub(rf"\1{MASK}@", text))


def redact_optional(text: str | None) -> str | None:
    return None if text is None else redact(text)
