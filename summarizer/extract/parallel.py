"""Run a CPU-bound extractor on every core: papers in chunks across worker processes.

The rules backend is pure Python, so threads would share one core (the GIL);
processes do not. Workers are started with `forkserver` (not `fork`): forking a
process that already runs threads (rich's progress refresher, an HTTP pool) can
deadlock, and Python 3.12+ warns about it. Small inputs stay in-process, where
starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from summarizer.extract.base import CardResult, Extractor, OnDone
from summarizer.models import ExtractorInfo, Paper

CHUNK = 256  # papers per task: large enough to amortise pickling, small enough to keep both cores busy at the end
IN_FLIGHT = 4  # chunks queued per worker: enough to keep it busy while the parent handles results
MIN_PARALLEL = 2_000  # below this, one process finishes before a pool has started


def default_workers() -> int:
    """The CPUs this process may use (cgroup/affinity aware where the platform says so)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _chunks(papers: Sequence[Paper], size: int) -> Iterator[Sequence[Paper]]:
    for start in range(0, len(papers), size):
        yield papers[start:start + size]


_worker_extractor: Extractor | None = None


def _init_worker(factory: Callable[[], Extractor]) -> None:
    global _worker_extractor
    _worker_extractor = factory()


def _extract_chunk(papers: Sequence[Paper]) -> list[CardResult]:
    assert _worker_extractor is not None, "worker not initialised"
    return _worker_extractor.extract_all(papers)


class ParallelExtractor:
    """Wraps an extractor factory; results come back in input order, `on_done` fires per paper."""

    def __init__(self, factory: Callable[[], Extractor], workers: int, chunk: int = CHUNK,
                 min_parallel: int = MIN_PARALLEL) -> None:
        self.factory, self.workers, self.chunk, self.min_parallel = factory, max(1, workers), chunk, min_parallel
        self._local = factory()
        self.info: ExtractorInfo = self._local.info

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        return list(self.iter_results(papers, on_done))

    def iter_results(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> Iterator[CardResult]:
        """Results in input order as they come. At most IN_FLIGHT chunks per worker are submitted ahead, so
        neither pickled papers nor finished results pile up: memory stays flat however long the input."""
        if self.workers == 1 or len(papers) < self.min_parallel:
            for chunk in _chunks(papers, self.chunk):
                yield from self._local.extract_all(chunk, on_done)
            return
        context = multiprocessing.get_context("forkserver")
        chunks = _chunks(papers, self.chunk)
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                 initargs=(self.factory,)) as pool:
            pending = deque(pool.submit(_extract_chunk, c) for c in islice(chunks, self.workers * IN_FLIGHT))
            while pending:
                chunk_results = pending.popleft().result()
                pending.extend(pool.submit(_extract_chunk, c) for c in islice(chunks, 1))
                for result in chunk_results:
                    if on_done is not None:
                        on_done(result)
                    yield result
