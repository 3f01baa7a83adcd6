"""Transport-fault policy: which failures are retried, how long to wait, and a shared back-off.

instructor's `max_retries` only re-asks after an invalid reply; 429s, 5xx,
timeouts and dropped connections are ours to retry (the openai client's own
retries are off, see `provider`). Waits are exponential with full jitter,
never shorter than the server's Retry-After, capped; attempts are bounded.

"No retry storm": when the server says slow down (429), the wait is also set
on a `Backoff` gate that every request passes before it is sent, so the other
in-flight papers hold off too instead of each discovering the limit alone.
"""

from __future__ import annotations

import asyncio
import email.utils
import time
from collections.abc import Callable

import openai
from instructor.core.exceptions import InstructorRetryException
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_any,
    wait_random_exponential,
)

MAX_WAIT_S = 60.0
RETRYABLE_STATUS = {408, 409, 429}


def transport_cause(exc: BaseException | None) -> BaseException | None:
    """The transport error behind an exception (instructor wraps API errors in its retry exception)."""
    while isinstance(exc, InstructorRetryException):
        attempts = getattr(exc, "failed_attempts", None) or []
        inner = exc.__cause__ or (attempts[-1].exception if attempts else None)
        if inner is None or inner is exc:
            break
        exc = inner
    return exc


def retry_reason(exc: BaseException | None) -> str | None:
    """A short reason if `exc` is a transport fault worth retrying, else None."""
    exc = transport_cause(exc)
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    if isinstance(exc, openai.APIStatusError):
        should = exc.response.headers.get("x-should-retry", "").lower()  # the server's own verdict wins
        if should == "false":
            return None
        if exc.status_code == 429:
            return "rate_limited"
        if exc.status_code >= 500:
            return f"server_{exc.status_code}"
        if exc.status_code in RETRYABLE_STATUS or should == "true":
            return f"status_{exc.status_code}"
    return None


def retry_after(exc: BaseException | None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `retry-after` seconds or HTTP date)."""
    exc = transport_cause(exc)
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        if "retry-after" in headers:
            value = headers["retry-after"]
            try:
                return max(0.0, float(value))
            except ValueError:
                when = email.utils.parsedate_to_datetime(value)
                return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        return None
    return None


class Backoff:
    """A gate shared by all requests of a run: closed until `resume_at` after a 429."""

    def __init__(self) -> None:
        self.resume_at = 0.0
        self.pauses = 0

    def pause(self, seconds: float) -> None:
        until = time.monotonic() + seconds
        if until > self.resume_at:
            self.resume_at = until
            self.pauses += 1

    async def wait(self) -> None:
        while (delay := self.resume_at - time.monotonic()) > 0:
            await asyncio.sleep(delay)


class TransportWait:
    """Exponential back-off with full jitter, at least the server's Retry-After, at most `cap`."""

    def __init__(self, base: float = 0.5, cap: float = MAX_WAIT_S) -> None:
        self._jitter = wait_random_exponential(multiplier=base, max=cap)
        self.cap = cap

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        return min(self.cap, max(self._jitter(state), retry_after(exc) or 0.0))


OnRetry = Callable[[str, float, BaseException | None], None]


def transport_retrying(max_attempts: int, backoff: Backoff, on_retry: OnRetry,
                       wait: TransportWait | None = None,
                       remaining: Callable[[], float | None] | None = None) -> AsyncRetrying:
    """The tenacity policy for one request chain; `on_retry(reason, wait_s, exc)` runs before each sleep.

    `remaining()` gives the seconds left before the run's deadline: a Retry-After longer than that gives
    up at once instead of sleeping past the deadline.
    """

    def past_deadline(state: RetryCallState) -> bool:
        left = remaining() if remaining is not None else None
        if left is None:
            return False
        asked = retry_after(state.outcome.exception() if state.outcome else None) or 0.0
        return asked >= left

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        reason = retry_reason(exc) or "error"
        seconds = state.next_action.sleep if state.next_action else 0.0
        if reason == "rate_limited":
            backoff.pause(seconds)
        on_retry(reason, seconds, exc)

    return AsyncRetrying(
        retry=retry_if_exception(lambda exc: retry_reason(exc) is not None),
        stop=stop_any(stop_after_attempt(max_attempts), past_deadline),  # type: ignore[arg-type]  # any callable
        wait=wait or TransportWait(),
        before_sleep=before_sleep,
        reraise=True,
    )
