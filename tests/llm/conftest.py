"""LLM-backend fixtures: the loopback fake server, settings pointing at it, and a network guard.

The guard is session-wide: any socket connection or DNS lookup for a host
that is not loopback fails the session, so no test can reach a hosted model
by accident (a leaked OPENAI_BASE_URL, a forgotten client).
"""

from __future__ import annotations

import ipaddress
import socket
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
_violations: list[str] = []


def _loopback(host: Any) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in {"localhost", ""}:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="session", autouse=True)
def network_guard() -> Iterator[None]:
    """Fail any connection (or DNS lookup) to a non-loopback host during the LLM tests."""
    mp = pytest.MonkeyPatch()
    real_connect, real_connect_ex, real_getaddrinfo = (socket.socket.connect, socket.socket.connect_ex,
                                                       socket.getaddrinfo)

    def check(host: Any) -> None:
        if not _loopback(host):
            _violations.append(str(host))
            raise ConnectionRefusedError(f"network guard: tests may only reach loopback hosts, not {host!r}")

    def connect(self: socket.socket, address: Any) -> None:
        if self.family != socket.AF_UNIX:  # local sockets (multiprocessing's listeners) are not network
            check(address[0] if isinstance(address, tuple) else address)
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if self.family != socket.AF_UNIX:
            check(address[0] if isinstance(address, tuple) else address)
        return real_connect_ex(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        check(host.decode() if isinstance(host, bytes) else host)
        return real_getaddrinfo(host, *args, **kwargs)

    mp.setattr(socket.socket, "connect", connect)
    mp.setattr(socket.socket, "connect_ex", connect_ex)
    mp.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    mp.undo()
    assert not _violations, f"tests tried to reach non-loopback hosts: {sorted(set(_violations))}"


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
