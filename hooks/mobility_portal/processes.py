"""Spread independent pieces of work over forked processes.

Forked workers inherit everything the parent has loaded (the validated projects, the compiled
templates, the labels): only the items and the results are pickled, never the work's inputs.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_work: Callable[[Any], Any] | None = None  # set in the parent just before the fork


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)


def fork_map(work: Callable[[Any], Any], items: Sequence[Any], workers: int | None = None) -> Iterator[Any]:
    """work(item) for each item, in order, each result as soon as it and those before it are
    done; in up to `workers` processes (default one per core), or in this process when one would
    do. An exception in a worker is raised here."""
    global _work
    count = min(workers or os.cpu_count() or 1, len(items))
    if count <= 1:
        yield from (work(item) for item in items)
        return
    _work = work
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork")) as pool:
            # A few items per round trip: a hundred projects do not cost a hundred messages.
            yield from pool.map(_call, items, chunksize=max(1, len(items) // (count * 4)))
    finally:
        _work = None
