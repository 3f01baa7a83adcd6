"""`CallFailed`: a model call that gave no usable reply, with the reason in one line and its kind."""

from __future__ import annotations

from typing import Literal

from summarizer.llm.usage import Usage

FailureKind = Literal["transport", "truncated", "invalid", "refusal", "stopped"]


class CallFailed(Exception):
    """No valid reply. `kind`: transport (after retries), truncated, invalid (no parsable reply), refusal,
    stopped (the run's guard stopped calling). `usage`: what the failed call still cost."""

    def __init__(self, reason: str, kind: FailureKind = "invalid", usage: Usage | None = None,
                 refused: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind: FailureKind = kind
        self.usage = usage or Usage()
        self.refused = refused
