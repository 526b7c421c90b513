"""Read every hazard ledger below the given paths, in submission order, into one HazardSet.

Each ledger is reduced to its merge frame as soon as it is read, so memory holds the merged rows, not
every workbook. Responsibility lists among the inputs are skipped (counted); unreadable files are
listed with their reason and the rest goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from anquan_cli.analysis.merge import HazardSet, combine, frame_of, submission_key
from anquan_cli.config import Config
from anquan_cli.errors import AnquanError
from anquan_cli.messages import render
from anquan_cli.read import discover, read_ledgers
from anquan_cli.validate import read_options


def load_hazards(paths: Iterable[Path], config: Config, *, debug: bool = False) -> HazardSet:
    files = sorted(discover(paths), key=submission_key)
    options = read_options(config, kind=None)
    parts, unreadable = [], []
    for order, path in enumerate(files):
        try:
            ledgers = read_ledgers(path, options)
        except AnquanError as exc:
            unreadable.append((path, exc.message))
            continue
        except Exception as exc:
            if debug:
                raise
            unreadable.append((path, render("internal-error", reason=f"{type(exc).__name__}: {exc}")))
            continue
        parts += [frame_of(ledger, order) for ledger in ledgers if ledger.kind == "hazard"]
    hazards = combine(parts)
    hazards.files = files
    hazards.unreadable = unreadable
    if not parts:
        raise AnquanError("no-hazard-ledgers", count=len(files))
    return hazards
