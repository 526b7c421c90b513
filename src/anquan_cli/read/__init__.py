"""Reading: files and folders in, Ledgers out."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.vocab import DEFAULT_NONSTANDARD_LEVELS
from anquan_cli.read.header import HeaderMatch, detect_header
from anquan_cli.read.inspect import Limits
from anquan_cli.read.sources import LEDGER_EXTS, Grid, SheetInfo, Source
from anquan_cli.schema import Schema, get_schema, registry

if TYPE_CHECKING:
    from anquan_cli.read.ledger import Ledger

ANNOTATED_SUFFIX = "_校验"  # our own marked-up copies are outputs, never inputs


@dataclass(frozen=True)
class ReadOptions:
    kind: str | None = None  # None: recognise by header
    sheet: str | None = None
    scan_rows: int = 30
    keep_grid: bool = False
    min_year: int = 2000
    max_year: int = 2100
    level_map: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_NONSTANDARD_LEVELS))
    status_map: dict[str, str] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders searched recursively for ledger files (sorted, hidden and ~$ lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
            continue
        if not path.exists():
            raise AnquanError("path-not-found", path=path)
        inside = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                p = Path(root) / name
                if _is_ledger_name(p):
                    inside.append(p)
        if not inside:
            raise AnquanError("no-ledger-files", path=path)
        found.extend(inside)
    return found


def _is_ledger_name(p: Path) -> bool:
    name = p.name
    return (
        not name.startswith(("~$", ".", "~"))
        and p.suffix.lower() in LEDGER_EXTS
        and not p.stem.endswith(ANNOTATED_SUFFIX)
    )


def read_ledgers(
    path: Path, options: ReadOptions = ReadOptions(), source: Source | None = None
) -> list[Ledger]:
    """Choose the sheet(s) and header, then build the Ledgers. Raises AnquanError for unusable files.

    The best-matching visible sheet decides the kind. A kind that allows one ledger per sheet
    (responsibility lists, one enterprise per sheet) also takes every other sheet whose header matches.
    """
    # pandas comes in here, not at package import: `anquan --help` and option checks never load it.
    from anquan_cli.read.ledger import build_ledger
    from anquan_cli.read.normalize import NormOptions

    schemas = [get_schema(options.kind)] if options.kind else list(registry().values())
    source = source or Source(path, options.limits)
    sheets = source.sheets()
    if options.sheet is not None:
        candidates = [s for s in sheets if s.name == options.sheet]
        if not candidates:
            names = "、".join(s.name or "" for s in sheets)
            raise AnquanError("sheet-not-found", sheet=options.sheet, names=names)
    else:
        candidates = [s for s in sheets if s.visible]
    found = _matching_sheets(source, candidates, schemas, options.scan_rows)
    title = schemas[0].title if len(schemas) == 1 else "台账"
    if not found:
        if options.sheet is None:
            hidden = _matching_sheets(
                source, [s for s in sheets if not s.visible], schemas, options.scan_rows
            )
            if hidden:
                raise AnquanError("header-hidden-only", title=title, sheet=hidden[0][0].sheet)
        raise AnquanError("header-not-found", title=title, scan=options.scan_rows)
    best = max(found, key=lambda item: item[2].score)  # max keeps the first of equal scores
    kind = best[1]
    chosen = [item for item in found if item[1] is kind] if kind.multi_sheet else [best]
    norm = NormOptions(
        date1904=best[0].date1904,
        min_year=options.min_year,
        max_year=options.max_year,
        level_map=options.level_map,
        status_map=options.status_map,
    )
    return [build_ledger(grid, match, schema, norm, options.keep_grid) for grid, schema, match in chosen]


def _matching_sheets(
    source: Source, sheets: list[SheetInfo], schemas: list[Schema], scan: int
) -> list[tuple[Grid, Schema, HeaderMatch]]:
    """For each sheet with a recognisable header: its grid, the best-matching kind and header."""
    found = []
    for info in sheets:
        grid = source.grid(info)
        best = None
        for schema in schemas:
            match = detect_header(grid.rows, grid.merged, schema, scan)
            if match is not None and (best is None or match.score > best[1].score):
                best = (schema, match)
        if best is not None:
            found.append((grid, *best))
    return found
