"""Shared fixtures: the bundled sample pages, small files in every input format, and a network guard.

The guard is session-wide and covers the whole suite: any socket connection or
DNS lookup for a host that is not loopback fails the test and the session, so
no test can reach a hosted model or a live API by accident (a leaked
OPENAI_BASE_URL, a forgotten client, a fetch without a mock transport).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.chromium_cdp import Chromium, find_chromium

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "hf-papers"
FIXTURES = Path(__file__).parent / "fixtures"
_violations: list[str] = []


@pytest.fixture
def browser() -> Iterator[Chromium]:
    """A headless Chromium over the DevTools pipe for the `chromium` tests; skipped where none is installed."""
    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does)")
    chromium = Chromium(binary)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


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
