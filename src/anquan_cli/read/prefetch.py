"""The next workbook read while the current one is checked.

python-calamine parses with the GIL released, so reading file i+1 in a thread overlaps the checking,
marking-up and merging of file i on a machine with two cores. One file ahead only: memory stays bounded
by two files, not by the whole submission.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from anquan_cli.read.inspect import Limits
from anquan_cli.read.sources import WORKBOOK_EXTS, Source


def _load(path: Path, limits: Limits, sheet: str | None) -> Source:
    source = Source(path, limits)
    for info in source.sheets():
        if info.name == sheet if sheet is not None else info.visible:
            source.grid(info)  # kept by the Source for read_ledgers
    return source


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
        future = self._pending.pop(path, None)
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
