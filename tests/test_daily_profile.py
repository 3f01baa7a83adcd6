"""The profile in `daily` and `run`: relevance on every card, hidden and below-threshold papers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from summarizer.daily.run import DailyOptions, run_daily
from summarizer.profile import Profile
from summarizer.settings import Settings
from tests.daily_helpers import SAMPLES, arxiv_record, sample_papers, write_listing


def _cards(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_excluded_and_below_threshold_papers_leave_the_digest_not_the_archive(tmp_path: Path) -> None:
    listing = write_listing(tmp_path / "d.json", [arxiv_record(i) for i in range(12)])
    profile = Profile(keywords={"LoRA": 1.0, "low-rank": 1.0}, exclude=["speech"])
    site = tmp_path / "site"
    result = run_daily([listing], DailyOptions(site=site, day="2024-10-07", profile=profile, min_relevance=0.5),
                       Settings(backend="rules"))
    cards = _cards(site / "2024-10-07" / "cards.jsonl")
    assert len(cards) == 12 and all(c["relevance"] is not None for c in cards)
    speech = [c for c in cards if "speech" in (c["title"] + c["abstract"]).lower()]
    assert speech and all(c["relevance"] == 0.0 and c["relevance_reasons"] == ["excluded: speech"] for c in speech)
    low = [c for c in cards if c not in speech and c["relevance"] < 0.5]
    counts = result.counts
    assert (counts["hidden"], counts["below_min_relevance"]) == (len(speech), len(low))
    assert counts["shown"] == 12 - len(speech) - len(low) > 0
    html = (site / "2024-10-07" / "digest.html").read_text()
    assert f"{len(speech)} hidden by your exclude list (speech)" in html
    assert f"{len(low)} below your relevance threshold 0.5" in html
    for card in cards:
        assert (f'id="p-{card["id"]}"' in html) == (card not in speech and card not in low)
    index = (site / "index.html").read_text()
    assert f"{len(speech)} hidden by your profile" in index and "keyword: " in index  # highlights say why


def test_run_accepts_a_profile(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(f'[profile]\nkeywords = ["LoRA"]\nliked = ["{sample_papers()[10].title}"]\n')
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    proc = subprocess.run([sys.executable, "-m", "summarizer", "run", str(next(SAMPLES.glob("001_*"))), "--out",
                           str(tmp_path / "out"), "--profile", str(profile)], capture_output=True, text=True,
                          timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr
    cards = _cards(tmp_path / "out" / "cards.jsonl")
    assert all(c["relevance"] is not None for c in cards)
    liked, *rest = sorted(cards, key=lambda c: -c["relevance"])
    assert liked["title"] == sample_papers()[10].title
    assert any(r.startswith("like: ") for r in liked["relevance_reasons"])
    assert "LoRA" in rest[0]["title"] and "keyword: LoRA (title)" in rest[0]["relevance_reasons"]
