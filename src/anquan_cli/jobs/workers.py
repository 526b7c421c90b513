"""The two ways anquan runs anything in parallel, each measured to earn its place (benchmarks/PROFILE.md).

- `workers(n)`: processes for independent pieces of work (a marked-up copy, the 通报, a group of
  letters); `submit` returns a concurrent.futures.Future either way. monthly on 100k rows: 0.87x the
  wall time with two workers than with one, and 0.80x with one than with none.
- `read_ahead(items, fn)`: the next file read on a thread while this one is checked (python-calamine
  parses without the GIL). validate on a folder of 20 town files: 20% less wall time.

Both live only inside the job's call: no process or thread outlives it and nothing about the caller's
process changes. Processes are spawned, as Windows (where the clerks work) always does, so the tests
here run the same way there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

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


class read_ahead(Generic[T, R]):
    """Each item with fn(item) under way on a thread, the next one started before this one is handed
    out; the first starts at once, so the caller can do other work (load libraries) meanwhile. One
    item ahead only: memory holds two files, not the whole submission. Use it in a `with` block, so
    that the thread ends with the caller's loop however that ends."""

    def __init__(self, items: Sequence[T], fn: Callable[[T], R]) -> None:
        self._items, self._fn = list(items), fn
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="anquan-read")
        self._next = self._pool.submit(fn, self._items[0]) if self._items else None

    def __iter__(self) -> Iterator[tuple[T, Future[R]]]:
        for i, item in enumerate(self._items):
            current = self._next
            assert current is not None
            more = i + 1 < len(self._items)
            self._next = self._pool.submit(self._fn, self._items[i + 1]) if more else None
            yield item, current

    def __enter__(self) -> read_ahead[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
