"""LLM-backend fixtures: the loopback fake server and settings pointing at it.

The network guard that keeps every test on loopback lives in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_server import FakeLLM

from summarizer.extract.llm_backend import LLMExtractor
from summarizer.llm.retry import TransportWait
from summarizer.models import Paper
from summarizer.settings import Settings
from summarizer.sources import load_papers

ROOT = Path(__file__).resolve().parents[2]
TEST_KEY = "sk-test-SECRET-0123456789"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake() -> Iterator[FakeLLM]:
    server = FakeLLM(retry_after="0").start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def papers() -> list[Paper]:
    return load_papers([ROOT / "examples" / "hf-papers"]).papers


FAST = TransportWait(base=0.01, cap=5.0)


def llm_settings(base_url: str, cache_dir: Path, **overrides: Any) -> Settings:
    # by alias: Settings has no populate_by_name, so `base_url=`/`api_key=` would be dropped silently
    values: dict[str, Any] = {"backend": "llm", "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": TEST_KEY,
                              "model": "fake-model", "cache_dir": cache_dir, "concurrency": 4, "max_tokens": 512,
                              "timeout": 10.0}
    return Settings.model_validate(values | overrides)


@pytest.fixture
def make_extractor(fake: FakeLLM, tmp_path: Path) -> Any:
    """`make_extractor(**settings_overrides)` -> an LLMExtractor on the fake server with fast back-off."""

    def make(**overrides: Any) -> LLMExtractor:
        return LLMExtractor(llm_settings(fake.url, tmp_path / "cache", **overrides), wait=FAST)

    return make
