"""The next workbook read while the current one is checked.

python-calamine parses with the GIL released, so reading file i+1 in a thread overlaps the checking,
marking-up and merging of file i on a machine with two cores. One file ahead only: memory stays bounded
by two files, not by the whole submission. The first file is read by the command itself
(`read_first`) while pandas and the rules import, so those imports cost nothing on a big file.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from anquan_cli.read.inspect import Limits
from anquan_cli.read.sources import WORKBOOK_EXTS, Source


def _load(path: Path, limits: Limits, sheet: str | None, source: Source | None = None) -> Source:
    source = source or Source(path, limits)
    for info in source.sheets():
        if info.name == sheet if sheet is not None else info.visible:
            source.grid(info)  # kept by the Source for read_ledgers
    return source


# First files read by read_first, keyed by what Prefetch.source will ask for; taken at most once.
_FIRST: dict[tuple[Path, Limits, str | None], Future] = {}
# The first file's Source, kept to the end of the command: freeing 100k rows of cells one object at a
# time costs 0.07 s, and a command process ends without freeing anything (cli.leave).
_KEPT: list[Future] = []
# The files read_first found, so the run that follows works on the same list (a file deleted after
# it was found is then reported by name, as when the run finds it itself).
_FOUND: dict[tuple[Path, ...], list[Path]] = {}

# What every ledger-reading command needs next: imported while the first workbook parses.
CORE_MODULES = (
    "anquan_cli.config",
    "anquan_cli.validate",
    "anquan_cli.rules.hazard",
    "anquan_cli.rules.responsibility",
)


def read_first(paths: Iterable[Path], limits: Limits, sheet: str | None = None) -> None:
    """Read the first workbook below `paths` now while pandas and the rules import on a thread.

    calamine parses without the GIL, so on a big file the imports (about half a second) cost no wall
    time. The parse stays on the main thread: memory a reading thread allocates lives in that thread's
    malloc arena, which the main thread's later allocations do not reuse (+50 MB peak on 100k rows).
    """
    import importlib

    from anquan_cli import entry
    from anquan_cli.read import discover

    _FIRST.clear()  # one command, one early read: nothing from an earlier call is kept alive
    _FOUND.clear()
    _KEPT.clear()
    paths = tuple(paths)
    try:
        files = discover(paths)
    except Exception:  # the command reports bad paths itself, with its usual message
        return
    _FOUND[paths] = files
    if not files or files[0].suffix.lower() not in WORKBOOK_EXTS:
        return
    importer = threading.Thread(
        target=lambda: [importlib.import_module(n) for n in CORE_MODULES], name="anquan-import", daemon=True
    )
    importer.start()
    future: Future = Future()
    try:
        future.set_result(_load(files[0], limits, sheet, entry.take(files[0], limits, sheet)))
    except Exception as exc:  # raised again where the file is validated, with the file's context
        future.set_exception(exc)
    _FIRST[(files[0], limits, sheet)] = future
    _KEPT.append(future)
    importer.join()


def discovered(paths: Iterable[Path]) -> list[Path]:
    """The ledger files below `paths`: as read_first found them, else searched now."""
    from anquan_cli.read import discover

    paths = tuple(paths)
    found = _FOUND.pop(paths, None)
    return list(found) if found is not None else discover(paths)


class Prefetch:
    def __init__(self, limits: Limits, sheet: str | None = None) -> None:
        self._limits, self._sheet = limits, sheet
        self._pool: ThreadPoolExecutor | None = None
        self._pending: dict[Path, Future] = {}

    def ahead(self, path: Path) -> None:
        if path.suffix.lower() not in WORKBOOK_EXTS or path in self._pending:
            return  # CSV decoding is Python work: a thread would only contend for the GIL
        if self._pool is None:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix="anquan-read")
        self._pending[path] = self._pool.submit(_load, path, self._limits, self._sheet)

    def source(self, path: Path) -> Source:
        future = self._pending.pop(path, None) or _FIRST.pop((path, self._limits, self._sheet), None)
        if future is not None:
            try:
                return future.result()
            except Exception:  # read again below, so the error comes with its usual message
                pass
        return Source(path, self._limits)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()
