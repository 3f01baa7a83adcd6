"""Snapshots of every prompt: a prompt file edited without a version bump fails here.

The prompt id and the file's sha256 are part of every cache key, and the id is
what run.json and the cards report; editing `prompts/extract.v1.md.j2` in place
would make old and new cards indistinguishable. So each prompt's sha256 is
pinned in `tests/snapshots/prompts.json` together with a rendering of it on a
fixed input (`tests/snapshots/<id>.txt`).

To change a prompt: copy it to the next version (`extract.v2.md.j2`, first line
`{#- prompt: extract.v2 ... -#}`), point the code at it, and run
`SUMMARIZER_UPDATE_SNAPSHOTS=1 pytest tests/test_prompts_snapshot.py`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from summarizer.llm.prompts import available_prompts, load_prompt

SNAPSHOTS = Path(__file__).parent / "snapshots"
PINS = SNAPSHOTS / "prompts.json"
UPDATE = os.environ.get("SUMMARIZER_UPDATE_SNAPSHOTS") == "1"
SAMPLE_PAPER = {"title": "FooNet: Sparse Everything",
                "abstract": "We present FooNet. It improves accuracy by 4.2% on GLUE. Code: https://github.com/foo/foonet."}
INPUTS: dict[str, dict[str, Any]] = {
    "extract": SAMPLE_PAPER,
    "overview": {"theme": "Sparse models", "cards": [
        {"id": "p1", "title": "FooNet: Sparse Everything", "task": "sparse training", "method": "FooNet",
         "gains": ["accuracy 4.2% on GLUE"], "summary": "We present FooNet."},
        {"id": "p2", "title": "BarNet", "task": None, "method": None, "gains": [], "summary": None}]},
}


def _render(prompt_id: str) -> str:
    values = INPUTS[prompt_id.split(".")[0]]
    prompt = load_prompt(prompt_id, values.keys())
    return "\n".join(f"=== {m['role']} ===\n{m['content']}" for m in prompt.render(**values)) + "\n"


def _pins() -> dict[str, str]:
    return json.loads(PINS.read_text(encoding="utf-8")) if PINS.exists() else {}


@pytest.mark.parametrize("prompt_id", available_prompts())
def test_prompt_matches_its_snapshot(prompt_id: str) -> None:
    values = INPUTS[prompt_id.split(".")[0]]
    prompt = load_prompt(prompt_id, values.keys())
    rendered, snapshot = _render(prompt_id), SNAPSHOTS / f"{prompt_id}.txt"
    pins = _pins()
    if UPDATE:
        if prompt_id in pins and pins[prompt_id] != prompt.sha256:
            pytest.fail(f"refusing to re-pin {prompt_id}: its content changed; bump its version instead")
        pins[prompt_id] = prompt.sha256
        PINS.write_text(json.dumps(dict(sorted(pins.items())), indent=1) + "\n", encoding="utf-8")
        snapshot.write_text(rendered, encoding="utf-8")
    assert prompt_id in pins, (f"{prompt_id} is new: record it with SUMMARIZER_UPDATE_SNAPSHOTS=1 "
                               "pytest tests/test_prompts_snapshot.py")
    assert pins[prompt_id] == prompt.sha256, (
        f"prompts/{prompt_id}.md.j2 changed but its version did not: the version is part of the cache key and "
        f"of every card's prompt_version, so copy the file to the next version (e.g. "
        f"{prompt_id.rsplit('.v', 1)[0]}.v{int(prompt_id.rsplit('.v', 1)[1]) + 1}.md.j2), bump the id on its "
        "first line, point the code at it, and record it with SUMMARIZER_UPDATE_SNAPSHOTS=1")
    assert snapshot.read_text(encoding="utf-8") == rendered


def test_every_pinned_prompt_still_exists() -> None:
    """A pinned version is never deleted while cards and caches may refer to it."""
    missing = sorted(set(_pins()) - set(available_prompts()))
    assert not missing, f"pinned prompt versions were deleted: {missing}"


def test_static_instructions_come_first_and_the_paper_last() -> None:
    """Provider prompt caching reuses the longest common prefix: nothing paper-specific in the system message."""
    prompt = load_prompt("extract.v1", ("title", "abstract"))
    system, user = prompt.render(**SAMPLE_PAPER)
    other = prompt.render(title="Other", abstract="Different text.")
    assert system == other[0] and system["role"] == "system"
    assert SAMPLE_PAPER["abstract"] in user["content"] and user["content"].rstrip().endswith(SAMPLE_PAPER["abstract"])


def test_undeclared_variables_fail_at_load(tmp_path: Path) -> None:
    from summarizer.llm.prompts import PromptError

    (tmp_path / "bad.v1.md.j2").write_text("{#- prompt: bad.v1 -#}{% block system %}x{% endblock %}"
                                          "{% block user %}{{ titel }}{% endblock %}", encoding="utf-8")
    with pytest.raises(PromptError, match="titel"):
        load_prompt("bad.v1", ("title",), directory=tmp_path)
    (tmp_path / "wrong.v2.md.j2").write_text("{#- prompt: wrong.v1 -#}", encoding="utf-8")
    with pytest.raises(PromptError, match="must match its name"):
        load_prompt("wrong.v2", (), directory=tmp_path)
