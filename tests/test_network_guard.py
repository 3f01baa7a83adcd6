"""The suite-wide network guard (tests/conftest.py): no real request leaves any test, not only tests/llm/."""

import socket

import httpx
import pytest

from tests import conftest


def test_a_connection_to_a_public_host_is_refused_and_recorded() -> None:
    before = list(conftest._violations)
    with pytest.raises(ConnectionRefusedError, match="network guard"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1: never routable anyway
    with pytest.raises(httpx.ConnectError, match="network guard"):
        httpx.get("https://huggingface.co/api/daily_papers", timeout=1)  # the DNS lookup is refused
    assert conftest._violations[len(before):] == ["192.0.2.1", "huggingface.co"]
    del conftest._violations[len(before):]  # expected here; any other violation still fails the session


def test_loopback_is_allowed() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    try:
        socket.create_connection(server.getsockname(), timeout=1).close()
    finally:
        server.close()
