"""The two ways anquan runs anything in parallel, each measured to earn its place (benchmarks/PROFILE.md).

- `workers(n)`: processes for independent pieces of work (a marked-up copy, the 通报, a group of
  letters); `submit` returns a concurrent.futures.Future either way. monthly on 100k rows: 20% less
  wall time than doing it all in one process.
- `read_ahead(items, fn)`: the next file read on a thread while this one is checked (python-calamine
  parses without the GIL). validate on a folder of 20 town files: 20% less wall time.

Both live only inside the job's call: no process or thread outlives it and nothing about the caller's
process changes. Processes are spawned, as Windows (where the clerks work) always does, so the tests
here run the same way there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from anquan_cli.core.errors import AnquanError

T = TypeVar("T")
R = TypeVar("R")


class Here(Executor):
    """Runs each piece of work at once, in this process: the pool of a one-core machine."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:  # kept for result(), where a worker's failure would show too
            future.set_exception(exc)
        return future


def available(wanted: int) -> int:
    """How many worker processes are worth starting: none on a single core."""
    cores = os.cpu_count() or 1
    return 0 if cores < 2 else min(wanted, cores)


@contextmanager
def workers(count: int) -> Iterator[Executor]:
    """`count` worker processes (fewer on a small machine), or this process when none are worth it.

    A worker that dies (killed for memory, say) loses its work: that is one Chinese line, not a
    traceback, and nothing is silently redone here."""
    processes = available(count)
    if processes == 0:
        yield Here()
        return
    import multiprocessing

    pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
    try:
        yield pool
    except BrokenProcessPool as exc:
        raise AnquanError("worker-died") from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_ahead(items: Sequence[T], fn: Callable[[T], R]) -> Generator[tuple[T, Future[R]], None, None]:
    """Each item with fn(item) under way, the next one started on a thread before this one is handed
    out: one item ahead only, so memory holds two files, not the whole submission. Close the generator
    (contextlib.closing) so that the thread ends with the caller's loop however that ends."""
    with ThreadPoolExecutor(1, thread_name_prefix="anquan-read") as pool:
        pending = pool.submit(fn, items[0]) if items else None
        for i, item in enumerate(items):
            current, pending = pending, (pool.submit(fn, items[i + 1]) if i + 1 < len(items) else None)
            assert current is not None
            try:
                yield item, current
            except GeneratorExit:
                if pending is not None:
                    pending.cancel()
                raise
