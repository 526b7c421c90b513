"""The 通报's second process: started before the ledgers are read and warmed up while they are.

Its imports and matplotlib's font scan take over a second; done during the read, they use a core the
read leaves partly idle instead of delaying the documents. Kept free of heavy imports itself: the
monthly command opens it before its first read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def warm_up() -> None:
    """What BriefJob.run will import, and the font scan."""
    import docxtpl  # noqa: F401

    from anquan_cli.render import chart, documents  # noqa: F401

    if chart.cjk_font() is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot


@contextmanager
def second_process(warm: bool = True) -> Iterator:
    """A one-worker process pool when there is a second core, else None.

    Forked on Linux while this process runs no other thread (a fork copies the locks other threads
    hold, an import lock say): open it before the read starts its threads, or after they have ended.
    Spawned otherwise, and on other systems (Windows has no fork; macOS libraries are not fork-safe).
    """
    import threading

    if (os.cpu_count() or 1) < 2:
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    alone = threading.active_count() == 1
    method = "fork" if sys.platform.startswith("linux") and alone else "spawn"
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method)) as pool:
        if warm:
            pool.submit(warm_up)  # starts the worker now
        yield pool


class _Here:
    """A job run when its result is asked for, in this process."""

    def __init__(self, fn: Callable) -> None:
        self._fn = fn

    def steal(self) -> bool:
        return False  # it runs here anyway, when its result is asked for

    def started(self) -> bool:
        return False

    def result(self):
        return self._fn()


class _There:
    """A job on the worker, run here after all if the worker died before giving its result, or if
    this process takes it back (`steal`) before the worker has started it."""

    def __init__(self, future, fn: Callable) -> None:
        self._future, self._fn = future, fn
        self._taken = False

    def started(self) -> bool:
        return self._future.running() or self._future.done()

    def steal(self) -> bool:
        """Run the job here now if the worker has not taken it yet (it is then cancelled there).
        A failure is kept for result(), as the worker's would be."""
        from concurrent.futures import Future

        if self._taken or not self._future.cancel():
            return False
        self._taken = True
        here: Future = Future()
        try:
            here.set_result(self._fn())
        except Exception as exc:
            here.set_exception(exc)
        self._future = here
        return True

    def result(self):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._future.result()
        except BrokenProcessPool:  # killed (out of memory, say): its jobs are lost, not failed
            return self._fn()


def submit(pool, fn: Callable):
    """`fn` on the pool's worker, or here when there is none, it could not start or it died."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return _There(pool.submit(fn), fn) if pool is not None else _Here(fn)
    except BrokenProcessPool:  # e.g. spawned from a script without the __main__ guard spawn needs
        return _Here(fn)
