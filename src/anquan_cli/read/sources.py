"""Open a spreadsheet file and hand out its sheets as Grids of raw cell values.

Workbooks (xlsx, xlsm, xls, ods) go through python-calamine, which is read-only by construction;
CSV is decoded here with the encodings Chinese offices produce.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from anquan_cli.core.errors import AnquanError
from anquan_cli.read.formulas import FormulaScan
from anquan_cli.read.inspect import (
    MB,
    OLE_MAGIC,
    ZIP_MAGIC,
    Limits,
    check_zip,
    diagnose,
    head_of,
    is_encrypted_ole,
)

WORKBOOK_EXTS = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_EXTS = {".csv", ".txt", ".tsv"}
LEDGER_EXTS = WORKBOOK_EXTS | {".csv"}


@dataclass
class Grid:
    """One sheet as read: row i of `rows` is Excel row i+1 (CSV: line `line_numbers[i]`)."""

    path: Path
    sheet: str | None
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    line_numbers: list[int] | None = None
    encoding: str | None = None
    hidden: bool = False
    date1904: bool = False
    # xlsx only: finds formula cells saved without a result, run only when an empty cell needs explaining
    formula_probe: Callable[[], set[tuple[int, int]]] | None = None

    @property
    def width(self) -> int:
        return max(map(len, self.rows), default=0)

    def row_number(self, index: int) -> int:
        return self.line_numbers[index] if self.line_numbers is not None else index + 1


@dataclass(frozen=True)
class SheetInfo:
    name: str | None
    visible: bool


class Source:
    """A file opened for reading. `sheets()` lists sheets in workbook order; `grid(name)` reads one."""

    def __init__(self, path: Path, limits: Limits = Limits()) -> None:
        self.path = path
        ext = path.suffix.lower()
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise AnquanError("path-not-found", path=path) from exc
        if size == 0:
            raise AnquanError("file-empty")
        if ext in CSV_EXTS:
            if size > limits.max_text_mb * MB:
                raise AnquanError("file-too-large", part=path.name, size=size // MB, limit=limits.max_text_mb)
            self._csv: Grid | None = _read_csv(path)
            self._book: Any = None  # a python_calamine workbook (untyped)
            return
        if ext not in WORKBOOK_EXTS:
            raise AnquanError("format-unsupported", ext=ext or path.name)
        self._csv = None
        self._grids: dict[str | None, Grid] = {}
        self._book = _open_workbook(path, ext, limits)
        self._formulas = FormulaScan(path) if ext in (".xlsx", ".xlsm") else None
        self._date1904 = _xlsx_date1904(path) if ext in (".xlsx", ".xlsm") else False

    def sheets(self) -> list[SheetInfo]:
        if self._csv is not None:
            return [SheetInfo(None, True)]
        from python_calamine import SheetTypeEnum, SheetVisibleEnum

        return [
            SheetInfo(m.name, m.visible == SheetVisibleEnum.Visible)
            for m in self._book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet
        ]

    def grid(self, info: SheetInfo) -> Grid:
        if self._csv is not None:
            return self._csv
        if info.name in self._grids:
            return self._grids[info.name]
        from python_calamine import CalamineError

        try:
            sheet = self._book.get_sheet_by_name(info.name)
            # Keep leading empty rows/columns so list positions are Excel positions.
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
        except CalamineError as exc:
            raise AnquanError(
                "file-unreadable", reason=diagnose(self.path, self.path.suffix.lower())
            ) from exc
        probe = partial(self._formulas.cells, info.name) if self._formulas is not None else None
        grid = self._grids[info.name] = Grid(
            self.path,
            info.name,
            rows,
            merged,
            hidden=not info.visible,
            date1904=self._date1904,
            formula_probe=probe,
        )
        return grid


def _open_workbook(path: Path, ext: str, limits: Limits):
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    head = head_of(path, 8)
    if head == OLE_MAGIC and is_encrypted_ole(path):
        raise AnquanError("file-encrypted")  # a password-protected xlsx, whatever its extension
    if head.startswith(ZIP_MAGIC):
        check_zip(path, limits)  # before any parser inflates a part
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError as exc:
        raise AnquanError("file-encrypted") from exc
    except CalamineError as exc:
        # A workbook saved under the wrong extension (xlsx named .xls and vice versa) still opens by content.
        if (head.startswith(ZIP_MAGIC) and ext == ".xls") or (head == OLE_MAGIC and ext != ".xls"):
            try:
                with path.open("rb") as fh:
                    return CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
            except PasswordError as inner:
                raise AnquanError("file-encrypted") from inner
            except CalamineError:
                pass
        raise AnquanError("file-unreadable", reason=diagnose(path, ext)) from exc
    except (OSError, ValueError) as exc:
        raise AnquanError("file-unreadable", reason=diagnose(path, ext)) from exc


_DATE1904 = re.compile(rb"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"")


def _xlsx_date1904(path: Path) -> bool:
    """calamine converts date-formatted cells itself; plain numbers used as serials need the system."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 20_000_000:
                return False
            return bool(_DATE1904.search(zf.read(info)))
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


# --- CSV -------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8-BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode_text(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding label as a clerk knows it)."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="strict"), label
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0:4:2] != b"\x00\x00":
        return data.decode("utf-16-le"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gbk"), "GBK"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise AnquanError("encoding-unknown") from exc


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, and most regular, fields.

    Parsing (not counting characters) keeps commas inside quoted descriptions from voting.
    """
    head = "\n".join(text.splitlines()[:20])
    best, best_score = ",", -1
    for delim in (",", "\t", ";", "|"):
        widths = sorted(len(r) for r in csv.reader(io.StringIO(head), delimiter=delim) if any(r))
        if not widths:
            continue
        typical = widths[len(widths) // 2]
        score = typical * sum(w == typical for w in widths) if typical > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(path: Path) -> Grid:
    data = path.read_bytes()
    try:
        text, label = decode_text(data)
    except UnicodeDecodeError as exc:
        raise AnquanError("encoding-unknown") from exc
    text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[list[Any]] = []
    lines: list[int] = []
    previous = 0
    try:
        for record in reader:
            rows.append(record)
            lines.append(previous + 1)
            previous = reader.line_num
    except csv.Error as exc:
        raise AnquanError("file-unreadable", reason="CSV 格式错误（引号不成对或字段过长）") from exc
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return Grid(path, None, rows, [], line_numbers=lines, encoding=label)
