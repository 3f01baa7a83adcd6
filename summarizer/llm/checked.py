"""Check a response model for instructor async validators once, not seven times per request.

instructor 1.17 fails closed on `@async_field_validator` (its runtime does not run them): it walks the
response model's class tree (every attribute of every base, every field annotation) in
`reject_async_validators`, and does so 7 times per request (create, patch, prepare_response_model twice,
retry, ...). For our card model that is ~2 ms of event-loop CPU per paper, about as much as the rest of
a request (`bench/llm_throughput.py`). The answer depends only on the class, so inside our own calls
(`StructuredCall.complete` sets `VALIDATION_CONTEXT`) a class that passed once is not walked again; a
class that fails still raises every time, and everyone else in the process gets instructor's own check.

`install()` swaps the function where instructor looks it up (its module, and `patch`, which imported it
by name); it does nothing if instructor no longer has it, so an upgrade degrades to the plain check.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from summarizer.llm.context import VALIDATION_CONTEXT

_MODULES = ("instructor.v2.validation.async_validators", "instructor.v2.core.patch")
_NAME = "reject_async_validators"
_passed: weakref.WeakSet[type] = weakref.WeakSet()
_original: Callable[[Any], None] | None = None


def reject_async_validators(response_model: Any) -> None:
    """instructor's check, remembered per class that passed it, inside our calls only."""
    assert _original is not None, "install() first"
    if VALIDATION_CONTEXT.get() is None or not isinstance(response_model, type):
        _original(response_model)
        return
    if response_model in _passed:
        return
    _original(response_model)  # raises for a model with async validators: such a class is never remembered
    _passed.add(response_model)


def install() -> bool:
    """Route instructor's lookups through `reject_async_validators`; True if it did."""
    global _original
    import importlib

    try:
        modules = [importlib.import_module(name) for name in _MODULES]
    except ImportError:
        return False
    current = getattr(modules[0], _NAME, None)
    if current is None or current is reject_async_validators:
        return current is reject_async_validators
    _original = current
    for module in modules:
        if getattr(module, _NAME, None) is current:
            setattr(module, _NAME, reject_async_validators)
    return True
