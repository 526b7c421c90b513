"""Work handed to other processes: the one way anquan runs anything in parallel.

A job opens a pool with `workers(n)` and hands it independent pieces of work (a marked-up copy, the
通报, a group of letters); `submit` returns a concurrent.futures.Future either way. The pool lives only
inside the job's `with` block: no process outlives the call and nothing about the caller's process
changes. Processes are spawned, as Windows (where the clerks work) always does, so the tests here run
the same way there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, TypeVar

from anquan_cli.core.errors import AnquanError

T = TypeVar("T")


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
