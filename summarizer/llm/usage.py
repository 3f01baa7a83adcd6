"""What model calls cost: requests and tokens. Low-level on purpose: `llm/` and `extract/` both import it."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Usage(BaseModel):
    requests: int = Field(default=0, description="HTTP requests sent (re-asks and retries included)")
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(requests=self.requests + other.requests,
                     prompt_tokens=self.prompt_tokens + other.prompt_tokens,
                     completion_tokens=self.completion_tokens + other.completion_tokens)
