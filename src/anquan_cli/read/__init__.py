"""Reading: files and folders in, Ledgers out."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.messages import LABELS
from anquan_cli.core.vocab import DEFAULT_NONSTANDARD_LEVELS
from anquan_cli.read.copies import (
    FINDINGS_SHEET,
    base_stem,
    copy_mark,
    copy_stem,
    is_findings_sheet,
    names_original,
)
from anquan_cli.read.header import HeaderMatch, detect_header
from anquan_cli.read.inspect import Limits
from anquan_cli.read.sources import LEDGER_EXTS, Grid, SheetInfo, Source
from anquan_cli.schema import Schema, get_schema, registry

if TYPE_CHECKING:
    from anquan_cli.read.ledger import Ledger


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
    # A …_校验.xlsx is listed too: whether it is our marked-up copy is told by its content (plan_inputs).
    return not p.name.startswith(("~$", ".", "~")) and p.suffix.lower() in LEDGER_EXTS


@dataclass
class InputPlan:
    """The files to read: those found, with a corrected copy a town sent back read instead of its
    original (and of older copies of the same original)."""

    files: list[Path]
    superseded: list[tuple[Path, Path]] = field(default_factory=list)  # (not read, the copy read instead)
    copies: dict[Path, str] = field(default_factory=dict)  # every returned copy found -> its original's name


def plan_inputs(paths: Iterable[Path], limits: Limits = Limits()) -> InputPlan:
    """discover(), then each returned copy of ours in place of the file it was made of.

    A copy names its original (its property, else its own name without _校验 and a " (1)" or " - 副本");
    that file is looked for among all inputs, in any folder. Of several copies of one original the most
    recently modified is read. A copy whose original is not among the inputs is simply read.
    """
    found = discover(paths)
    marks = {p: m for p in dict.fromkeys(found) if (m := copy_mark(p, limits)) is not None}
    if not marks:
        return InputPlan(found)
    originals = [p for p in dict.fromkeys(found) if p not in marks]
    copies: dict[Path, str] = {}
    groups: dict[Path | str, list[Path]] = {}
    for copy, mark in marks.items():
        name = mark.original or base_stem(copy.stem)
        original = _original_of(copy, [p for p in originals if names_original(name, p)])
        copies[copy] = mark.original or (original.name if original is not None else name)
        # Copies of an original that is not among the inputs still make one group: the newest is read.
        key = original if original is not None else copy_stem(copy, name).casefold()
        groups.setdefault(key, []).append(copy)
    superseded = []
    for key, group in groups.items():
        newest = max(group, key=lambda p: (_mtime(p), str(p)))
        if isinstance(key, Path):
            superseded.append((key, newest))
        superseded += [(c, newest) for c in group if c != newest]
    order = {p: i for i, p in enumerate(found)}
    superseded.sort(key=lambda pair: order[pair[0]])
    left = {p for p, _ in superseded}
    return InputPlan([p for p in found if p not in left], superseded, copies)


def _original_of(copy: Path, candidates: list[Path]) -> Path | None:
    """The one file a copy was made of; when inputs in several folders share its name, the one beside the
    copy, else the one whose folder the copy's name carries (2026-09_青石镇_校验). None when unsure: then
    both are read rather than one dropped on a guess."""
    if len(candidates) > 1:
        candidates = [p for p in candidates if p.parent == copy.parent] or [
            p for p in candidates if copy.stem.startswith(f"{p.parent.name}_{p.stem}")
        ]
    return candidates[0] if len(candidates) == 1 else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def superseded_message(path: Path, by: Path) -> str:
    """One line on a file not read because a returned copy (the newest, when there are several) is read instead."""
    return LABELS["superseded"].format(path=path.name, by=by.name)


@dataclass(frozen=True)
class SkippedSheet:
    """A sheet of the workbook that gave no ledger, and why (a key of messages.SHEET_SKIPS)."""

    name: str | None
    reason: str
    kind: str | None = None  # the ledger kind its header looked like (a hidden ledger sheet)

    def why(self) -> str:
        from anquan_cli.core.messages import SHEET_SKIPS

        title = registry()[self.kind].title if self.kind else "台账"
        return SHEET_SKIPS[self.reason].format(title=title, sheet=self.name)

    def to_dict(self) -> dict:
        from anquan_cli.core.messages import LABELS

        message = LABELS["sheet-skipped"].format(sheet=self.name, reason=self.why())
        return {"name": self.name, "reason": self.reason, "message": message}


@dataclass
class FileRead:
    ledgers: list[Ledger]
    skipped: list[SkippedSheet] = field(default_factory=list)


def read_ledgers(
    path: Path, options: ReadOptions = ReadOptions(), source: Source | None = None
) -> list[Ledger]:
    """The ledgers of a file (see read_file); raises AnquanError for unusable files."""
    return read_file(path, options, source).ledgers


def read_file(path: Path, options: ReadOptions = ReadOptions(), source: Source | None = None) -> FileRead:
    """Every visible sheet whose header matches a ledger kind becomes a Ledger of that kind (a workbook
    may keep one month, or one enterprise, per sheet); every other sheet is listed with its reason.
    Hidden sheets are read only when named (--sheet). Raises AnquanError when no sheet is a ledger.
    """
    # pandas comes in here, not at package import: `anquan --help` and option checks never load it.
    from anquan_cli.read.ledger import build_ledger
    from anquan_cli.read.normalize import NormOptions

    schemas = [get_schema(options.kind)] if options.kind else list(registry().values())
    source = source or Source(path, options.limits)
    sheets = source.sheets()
    title = schemas[0].title if len(schemas) == 1 else "台账"
    skipped: list[SkippedSheet] = []
    found: list[tuple[Grid, Schema, HeaderMatch]] = []
    if options.sheet is not None:
        if not any(s.name == options.sheet for s in sheets):
            names = "、".join(s.name or "" for s in sheets)
            raise AnquanError("sheet-not-found", sheet=options.sheet, names=names)
        for info in sheets:
            if info.name != options.sheet:
                skipped.append(SkippedSheet(info.name, "not-named"))
                continue
            hit = _match_sheet(source, info, schemas, options.scan_rows)
            if hit is None:
                raise AnquanError("header-not-found", title=title, scan=options.scan_rows)
            found.append(hit)
    else:
        for i, info in enumerate(sheets):
            if i == 0 and info.name == FINDINGS_SHEET and is_findings_sheet(source.grid(info).rows):
                # The first page of our own marked-up copy, sent back corrected: its ledger sheets follow.
                skipped.append(SkippedSheet(info.name, "check-results"))
                continue
            hit = _match_sheet(source, info, schemas, options.scan_rows)
            if hit is not None and info.visible:
                found.append(hit)
            elif hit is not None:
                skipped.append(SkippedSheet(info.name, "hidden-ledger", hit[1].kind))
            elif not info.visible:
                skipped.append(SkippedSheet(info.name, "hidden"))
            else:
                empty = not any(v not in ("", None) for row in source.grid(info).rows for v in row)
                skipped.append(SkippedSheet(info.name, "empty" if empty else "no-header"))
        found = _drop_partial(found, skipped)
        if not found:
            hidden = [s for s in skipped if s.reason == "hidden-ledger"]
            if hidden:
                raise AnquanError("header-hidden-only", title=title, sheet=hidden[0].name)
            raise AnquanError("header-not-found", title=title, scan=options.scan_rows)
    norm = NormOptions(
        date1904=found[0][0].date1904,
        min_year=options.min_year,
        max_year=options.max_year,
        level_map=options.level_map,
        status_map=options.status_map,
    )
    ledgers = [build_ledger(grid, match, schema, norm, options.keep_grid) for grid, schema, match in found]
    return FileRead(ledgers, skipped)


def _drop_partial(
    found: list[tuple[Grid, Schema, HeaderMatch]], skipped: list[SkippedSheet]
) -> list[tuple[Grid, Schema, HeaderMatch]]:
    """A sheet whose header names under half of what the best sheet's names (a 汇总 or 统计 sheet
    beside the ledger) is listed, not read as a ledger full of missing columns."""
    if len(found) < 2:
        return found
    best = max(match.score for _, _, match in found)
    kept = []
    for grid, schema, match in found:
        if match.score * 2 < best:
            skipped.append(SkippedSheet(grid.sheet, "partial-header", schema.kind))
        else:
            kept.append((grid, schema, match))
    return kept


def _match_sheet(
    source: Source, info: SheetInfo, schemas: list[Schema], scan: int
) -> tuple[Grid, Schema, HeaderMatch] | None:
    """The sheet's grid with the best-matching kind and header, or None when no kind's header is there."""
    grid = source.grid(info)
    best = None
    for schema in schemas:
        match = detect_header(grid.rows, grid.merged, schema, scan)
        if match is not None and (best is None or match.score > best[1].score):
            best = (schema, match)
    return (grid, *best) if best is not None else None
