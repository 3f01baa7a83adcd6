"""When to stop calling the model: circuit breaker, call and cost budgets, and an overall deadline.

One `Guard` per run, shared by every task (extraction, overviews). `reserve()` runs before every request
and raises `CallFailed(kind="stopped")` once the run should stop spending: after `breaker_failures`
consecutive calls lost to transport faults (or at once when the server refuses connections), when
`max_calls` requests were sent, when the estimated cost reached `max_cost`, or after the deadline. Papers
that then get no reply fall back to the rules backend; run.json says why, and `summarizer run` exits 3
when a budget or the deadline stopped it (1 for the breaker).

`--max-calls` is a hard cap: a request is counted when it is reserved, before it is sent, so 32 requests in
flight cannot each pass the check and overshoot it; `settle()` corrects the count to the requests a call
really sent (none when it failed before sending, more when it retried).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from summarizer.llm.failure import CallFailed
from summarizer.llm.usage import Usage

StopKind = str  # "breaker" (exit 1), "budget" or "deadline" (exit 3)
NOT_SENT = "not sent: "  # the reason of every call the guard stopped: the run says why once, not per paper


@dataclass
class Guard:
    breaker_failures: int = 5
    max_calls: int | None = None
    max_cost: float | None = None
    deadline_s: float | None = None
    price: tuple[float, float] | None = None  # USD per 1M prompt / completion tokens
    started: float = field(default_factory=time.monotonic)
    spent: Usage = field(default_factory=Usage)
    consecutive: int = 0
    sent: int = 0  # requests reserved or sent: what `max_calls` counts
    stopped: str | None = None
    stop_kind: StopKind | None = None

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None: no deadline)."""
        if self.deadline_s is None:
            return None
        return self.deadline_s - (time.monotonic() - self.started)

    def cost(self, usage: Usage | None = None) -> float | None:
        if self.price is None:
            return None
        usage = usage or self.spent
        return (usage.prompt_tokens * self.price[0] + usage.completion_tokens * self.price[1]) / 1e6

    def reserve(self) -> None:
        """Count one request about to be sent, or raise `CallFailed(kind="stopped")` if none may be."""
        self.check()
        self.sent += 1

    def try_reserve(self) -> bool:
        """`reserve()` as a yes/no, for a retry policy deciding whether to ask again."""
        try:
            self.reserve()
        except CallFailed:
            return False
        return True

    def settle(self, reserved: int, sent: int) -> None:
        """A call reserved `reserved` requests and really sent `sent`: count what was sent."""
        self.sent += sent - reserved

    def check(self) -> None:
        """Raise `CallFailed(kind="stopped")` if no further request may be sent."""
        if self.stopped is None:
            remaining = self.remaining()
            cost = self.cost()
            if remaining is not None and remaining <= 0:
                self._stop("deadline", f"the run's deadline of {self.deadline_s:g}s passed")
            elif self.max_calls is not None and self.sent >= self.max_calls:
                self._stop("budget", f"--max-calls {self.max_calls} reached")
            elif self.max_cost is not None and cost is not None and cost >= self.max_cost:
                self._stop("budget", f"--max-cost {self.max_cost:g} USD reached (estimated {cost:.4f} USD)")
        if self.stopped is not None:
            raise CallFailed(f"{NOT_SENT}{self.stopped}", kind="stopped")

    def charge(self, usage: Usage) -> None:
        self.spent = self.spent + usage

    def outcome(self, failure: CallFailed | None) -> None:
        """Feed the breaker with one call's outcome: transport failures in a row open it."""
        if failure is None or failure.kind not in ("transport", "stopped"):
            self.consecutive = 0
            return
        if failure.kind == "stopped":
            return
        self.consecutive += 1
        if failure.refused:
            self._stop("breaker", f"the server refused the connection ({failure.reason})")
        elif self.consecutive >= self.breaker_failures:
            self._stop("breaker", f"{self.consecutive} calls in a row failed ({failure.reason})")

    def _stop(self, kind: StopKind, reason: str) -> None:
        if self.stopped is None:
            self.stopped, self.stop_kind = reason, kind
