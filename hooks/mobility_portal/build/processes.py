"""Spread independent pieces of work over forked processes.

Forked workers inherit everything the parent has loaded (the compiled templates, the labels,
the checklist): only the items and the results are pickled, never the work's inputs. Where the
system cannot fork (Windows), the work runs in this process, one item after the other: slower,
the same result. Nothing here asks for the "fork" start method unless it will fork.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_work: Callable[[Any], Any] | None = None  # set in the parent just before the fork
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()


def worker_count(workers: int | None) -> int:
    """The processes to use: as asked, else one per core; one (this process) where none can fork."""
    return (workers or os.cpu_count() or 1) if CAN_FORK else 1


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of forked workers that end when this process ends, however it ends (a build killed
    with kill -9 leaves no PDF renderer running on): every pool of the engine is made here."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=die_with_parent, initargs=(os.getpid(),))


def die_with_parent(parent: int) -> None:
    """In a worker, first: ask Linux to kill it when its parent dies; elsewhere, watch the parent."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before the request: nobody would kill us
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _call(item: Any) -> Any:
    """In a worker: one item, the garbage collector paused meanwhile. Rendering makes many short-
    lived objects and few cycles: pausing saves the collector's repeated passes over them (about
    a tenth of the rendering time), and its first pass after the item frees the item's cycles."""
    assert _work is not None
    gc.disable()
    try:
        return _work(item)
    finally:
        gc.enable()


def fork_map(work: Callable[[Any], Any], items: Sequence[Any], workers: int | None = None) -> Results:
    """work(item) for each item, in order, each result as soon as it and those before it are
    done; in up to `workers` processes (default one per core), or in this process when one would
    do. An exception in a worker is raised here.

    The workers start at once: the caller may do other work before it asks for the results, in
    a `with` block, which stops the workers even when that work fails."""
    global _work
    count = min(worker_count(workers), len(items))
    if count <= 1:
        return Results(work(item) for item in items)
    _work = work
    # The parent's objects go to the permanent generation for the fork: a worker's garbage
    # collections then leave them alone instead of walking (and so copying) every inherited page.
    gc.freeze()
    try:
        executor = pool(count)
        try:
            # Every item is submitted now, which forks every worker now (with "fork", the pool
            # starts them all at the first submit). A few items per round trip: a hundred
            # projects do not cost a hundred messages.
            results = executor.map(_call, items, chunksize=max(1, len(items) // (count * 4)))
        except BaseException:
            executor.shutdown(cancel_futures=True)
            raise
    finally:
        _work = None
        gc.unfreeze()  # here, the workers forked already (or none will)
    return Results(results, executor)


def shared_flag(workers: int | None) -> Any:
    """A flag that forked workers and their parent all see: made before the fork, set by any;
    a plain one when the work runs in this process."""
    if worker_count(workers) <= 1:
        return threading.Event()
    return multiprocessing.get_context("fork").Event()


class Results(Iterator[Any]):
    """The results of fork_map, in order. Closing it (or leaving its `with` block) waits for the
    workers to stop and cancels what they have not started."""

    def __init__(self, results: Iterator[Any], pool: ProcessPoolExecutor | None = None):
        self._results = results
        self._pool = pool

    def __next__(self) -> Any:
        try:
            return next(self._results)
        except StopIteration:
            self.close()
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Results:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
