"""The process entry point (`anquan`, `python -m anquan_cli`): start parsing the ledger named on the
command line before the CLI itself loads.

Importing typer, click and pydantic and parsing the options takes about 0.2 s, and python-calamine
parses a workbook with the GIL released. So when the first path after a reading command is a
workbook, a thread opens it (with the default safety limits) and parses its visible sheets while
the CLI starts. The parse is a guess made without the option parser: `read.prefetch.read_first`
takes it only when the run's first file, limits and sheet choice turn out to be the guessed ones;
otherwise it is dropped and the file is read as usual, so a wrong guess costs only CPU.
"""

from __future__ import annotations

import sys
import threading
from concurrent.futures import Future
from pathlib import Path

# Commands whose first positional arguments are ledger files or folders. Not monthly: it forks its
# second process before the first read, which is safe only while no other thread runs.
_READING = frozenset({"validate", "overdue", "repeats", "stats", "brief", "letters"})
_WORKBOOK_EXTS = (".xlsx", ".xlsm", ".xls", ".ods")

_AHEAD: dict[Path, Future] = {}


def main() -> None:
    start(sys.argv[1:])
    from anquan_cli import cli

    cli.main()


def guess(args: list[str]) -> Path | None:
    """The workbook a reading command will open first, if the command line says so plainly."""
    if not args or args[0] not in _READING:
        return None
    previous = args[0]
    for token in args[1:]:
        # A token after a bare option may be that option's value (`--units 名录.xlsx`): not a guess.
        after_option = previous.startswith("-") and "=" not in previous
        if not token.startswith("-") and not after_option:
            path = Path(token)
            return path if path.suffix.lower() in _WORKBOOK_EXTS and path.is_file() else None
        previous = token
    return None


def start(args: list[str]) -> None:
    _AHEAD.clear()
    path = guess(args)
    if path is None or not _read_as_guessed(args):
        return
    _one_malloc_arena()
    future: Future = Future()
    _AHEAD[path] = future
    threading.Thread(target=_parse, args=(path, future), name="anquan-early", daemon=True).start()


def _read_as_guessed(args: list[str]) -> bool:
    """False when the options will read the file otherwise: a sheet named, or a config file with
    limits of its own. The guess would then be parsed beside the real read, for nothing."""
    config = None
    for i, token in enumerate(args):
        name, _, value = token.partition("=")
        if name == "--sheet":
            return False
        if name == "--config":
            config = value or (args[i + 1] if i + 1 < len(args) else None)
    from anquan_cli.configfile import config_file

    found = config_file(Path(config) if config else None)
    if found is None:
        return True
    try:
        import tomllib

        with found.open("rb") as fh:
            return "limits" not in tomllib.load(fh)
    except (OSError, ValueError):  # the command reports a missing or broken config itself
        return False


def _one_malloc_arena() -> None:
    """Let the parsing thread allocate from the main thread's malloc arena (glibc only).

    glibc gives a new thread an arena of its own; the cells calamine builds and frees there are not
    reused by the main thread, which then grows its own heap for pandas: validate on 100k rows peaked
    at 442 MB instead of 393 MB. Python objects come from pymalloc and big arrays from mmap, so
    sharing one arena costs little locking.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (musl has no mallopt): nothing to tune
        pass


def _parse(path: Path, future: Future) -> None:
    try:
        from anquan_cli.read.inspect import Limits
        from anquan_cli.read.sources import Source

        source = Source(path, Limits())
        source.parse_ahead()
        future.set_result(source)
    except BaseException as exc:  # the run reads the file again and reports it in its own words
        future.set_exception(exc)


def take(path: Path, limits: object, sheet: str | None):
    """The Source parsed early for `path`, if it was parsed as the run would read it; else None."""
    from anquan_cli.read.inspect import Limits

    for guessed in list(_AHEAD):
        if _same_file(guessed, path):
            future = _AHEAD.pop(guessed)
            if limits != Limits() or sheet is not None or future.exception() is not None:
                return None
            return future.result()
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a == b or a.resolve() == b.resolve()
    except OSError:
        return False
