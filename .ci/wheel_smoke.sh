#!/usr/bin/env bash
# The installed wheel works outside the repository: build it, install it into a fresh venv in a temp
# folder, then run the LLM path (against the loopback fake server) and `eval` (rules, and the Gemma
# cassette with --replay) from there. Proves the prompts ship inside the package (importlib.resources).
# Usage: bash .ci/wheel_smoke.sh   (needs network to PyPI for the fresh venv's dependencies, or a pip cache)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --upgrade pip
"$WORK/venv/bin/pip" wheel -q --no-deps -w "$WORK/dist" "$REPO"
"$WORK/venv/bin/pip" install -q "$WORK"/dist/summarizer-*.whl
cd "$WORK"  # nothing of the repository on sys.path from here on
SUMMARIZER="$WORK/venv/bin/summarizer"
"$WORK/venv/bin/python" -c 'import summarizer, sys; assert "site-packages" in summarizer.__file__, summarizer.__file__'

# 1. the LLM path, end to end, against the loopback fake OpenAI-compatible server (stdlib only)
python3 "$REPO/tests/llm/fake_server.py" > "$WORK/server.out" &
SERVER_PID=$!
for _ in $(seq 50); do grep -q PORT "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
PORT="$(awk '/PORT/ {print $2}' "$WORK/server.out")"
OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" OPENAI_API_KEY=sk-smoke SUMMARIZER_MODEL=fake \
  "$SUMMARIZER" run "$REPO/examples/hf-papers" --out "$WORK/out" --backend llm --cache-dir "$WORK/cache"
"$WORK/venv/bin/python" - "$WORK/out" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
report = json.loads((out / "run.json").read_text())
cards = [json.loads(line) for line in (out / "cards.jsonl").read_text().splitlines() if line.strip()]
assert len(cards) == report["counts"]["papers"], (len(cards), report["counts"])
assert {c["extractor"]["prompt_version"] for c in cards} == {"extract.v2"}
assert report["llm"]["tasks"]["overviews"]["calls"] > 0
print(f"wheel smoke: {len(cards)} cards, {report['model_calls']} model calls from the installed wheel")
PY

# 2. eval from outside the repository: the rules backend, then the real-model cassette, offline
"$SUMMARIZER" eval --backend rules --labeled "$REPO/eval/labeled.jsonl" > /dev/null
OPENAI_BASE_URL="http://127.0.0.1:9/v1" "$SUMMARIZER" eval --backend llm --labeled "$REPO/eval/labeled.jsonl" \
  --replay "$REPO/eval/cassettes/gemma3-270m-llamacpp.json"
echo "wheel smoke: passed"
