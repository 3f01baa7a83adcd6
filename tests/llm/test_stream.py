"""The LLM backend streams a long input a window at a time, so a backfill's memory does not grow with it."""

from __future__ import annotations

from fake_server import FakeLLM


def test_results_stream_per_window_in_input_order(make_extractor, papers, fake: FakeLLM) -> None:
    done: list[str] = []
    stream = make_extractor().iter_results(papers[:7], lambda r: done.append(r.paper_id), window=3)
    first = next(stream)
    assert first.paper_id == papers[0].id
    assert len(fake.requests) == 3  # only the first window was asked before the first result came back
    rest = list(stream)
    assert [r.paper_id for r in [first, *rest]] == [p.id for p in papers[:7]]
    assert len(fake.requests) == 7 and sorted(done) == sorted(p.id for p in papers[:7])
    assert all(r.extraction is not None for r in [first, *rest])


def test_streamed_results_equal_the_whole_list(make_extractor, papers, fake: FakeLLM) -> None:
    whole = make_extractor(no_cache=True).extract_all(papers[:5])
    streamed = list(make_extractor(no_cache=True).iter_results(papers[:5], window=2))
    assert [r.extraction for r in streamed] == [r.extraction for r in whole]
    assert [r.provenance for r in streamed] == [r.provenance for r in whole]
