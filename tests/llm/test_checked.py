"""instructor's async-validator check runs once per class inside our calls, and still fails closed."""

from __future__ import annotations

from typing import Any

import pytest
from instructor.v2.validation import async_validators
from pydantic import BaseModel

from summarizer.llm import checked
from summarizer.llm.context import VALIDATION_CONTEXT


class Plain(BaseModel):
    name: str


class WithAsync(BaseModel):
    name: str

    @async_validators.async_field_validator("name")
    async def check_name(cls, value: str) -> str:
        return value


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    assert checked.install()
    seen: list[Any] = []
    original = checked._original
    assert original is not None

    def counting(model: Any) -> None:
        seen.append(model)
        original(model)

    monkeypatch.setattr(checked, "_original", counting)
    monkeypatch.setattr(checked, "_passed", type(checked._passed)())
    return seen


def test_inside_our_calls_a_class_is_walked_once(counted: list[Any]) -> None:
    token = VALIDATION_CONTEXT.set({"subject": "p1"})
    try:
        for _ in range(7):
            async_validators.reject_async_validators(Plain)  # where instructor looks it up
    finally:
        VALIDATION_CONTEXT.reset(token)
    assert counted == [Plain]


def test_a_class_with_async_validators_still_fails_every_time(counted: list[Any]) -> None:
    token = VALIDATION_CONTEXT.set({"subject": "p1"})
    try:
        for _ in range(2):
            with pytest.raises(ValueError, match="async validators are not supported"):
                async_validators.reject_async_validators(WithAsync)
    finally:
        VALIDATION_CONTEXT.reset(token)
    assert counted == [WithAsync, WithAsync]


def test_outside_our_calls_instructor_checks_as_usual(counted: list[Any]) -> None:
    for _ in range(3):
        async_validators.reject_async_validators(Plain)
    from instructor.v2.core import patch

    patch.reject_async_validators(Plain)
    assert counted == [Plain] * 4
