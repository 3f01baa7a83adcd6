"""The validation context of the current model call, without handing it to instructor.

instructor 1.17 treats its `context=` argument as *template* variables too: it
renders every message through jinja2 with it. Our messages hold paper text,
which may contain `{{` or `{%`; rendering it would alter or reject the prompt
(and cost ~0.3 ms a call). So validators read the paper from this ContextVar,
set per asyncio task by `StructuredCall.complete`, or from pydantic's
`info.context` when validating outside a call (cache reads, tests).
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

VALIDATION_CONTEXT: ContextVar[dict[str, Any] | None] = ContextVar("validation_context", default=None)


def validation_context(info_context: dict[str, Any] | None) -> dict[str, Any]:
    """pydantic's context if given, else the current call's."""
    return info_context or VALIDATION_CONTEXT.get() or {}
