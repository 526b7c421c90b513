"""Formula cells saved without a result (files written by some programs, never opened in Excel).

anquan never evaluates formulas; it only finds such cells so that an empty-looking required cell is
reported as "a formula without a saved result" rather than as forgotten. The sheet XML is searched with
plain byte scans, never an XML parser, so entity tricks inside a workbook cannot expand.
"""

from __future__ import annotations

import html
import re
import threading
import zipfile
from pathlib import Path

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL = re.compile(rb"<Relationship\b([^>]*)/?>")
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {k.split(b":")[-1]: v for k, v in _ATTR.findall(raw)}


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = zf.read("xl/workbook.xml")
    rid = None
    for match in _SHEET.finditer(workbook):
        attrs = _attrs(match.group(1))
        if html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace")) == sheet:
            rid = attrs.get(b"id")
            break
    if rid is None:
        return None
    for match in _REL.finditer(zf.read("xl/_rels/workbook.xml.rels")):
        attrs = _attrs(match.group(1))
        if attrs.get(b"Id") == rid:
            target = attrs.get(b"Target", b"").decode("utf-8", "replace")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


class FormulaScan:
    """Scans a workbook's sheets in a background thread, started as soon as the file is opened: zlib
    releases the GIL, so on a second core the scan costs no wall time while calamine parses."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._result: dict[str, set[tuple[int, int]]] = {}
        self._thread = threading.Thread(target=self._run, name="anquan-formula-scan", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            with zipfile.ZipFile(self._path) as zf:
                for name in _sheet_names(zf):
                    part = _sheet_part(zf, name)
                    if part:
                        self._result[name] = formula_cells(zf.read(part))
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            pass

    def cells(self, sheet: str | None) -> set[tuple[int, int]]:
        self._thread.join()
        return self._result.get(sheet or "", set())


def _sheet_names(zf: zipfile.ZipFile) -> list[str]:
    workbook = zf.read("xl/workbook.xml")
    return [
        html.unescape(_attrs(m.group(1)).get(b"name", b"").decode("utf-8", "replace"))
        for m in _SHEET.finditer(workbook)
    ]


def formula_cells_without_value(path: Path, sheet: str | None) -> set[tuple[int, int]]:
    """(Excel row, 0-based column) of every formula cell with no cached value on the sheet."""
    if sheet is None:
        return set()
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet)
            data = zf.read(part) if part else b""
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return set()
    return formula_cells(data)


def formula_cells(data: bytes) -> set[tuple[int, int]]:
    begin, end = data.find(b"<sheetData"), data.find(b"</sheetData>")
    if begin == -1 or end == -1:
        return set()
    data = data[begin:end]  # formulas of data validation and conditional formats are not cells
    found = set()
    start = data.find(b"<f")
    while start != -1:
        cell_start = data.rfind(b"<c ", 0, start)
        cell_end = data.find(b"</c>", start)
        if cell_start == -1 or cell_end == -1:
            break
        cell = data[cell_start:cell_end]
        if b"<v>" not in cell and b"<v " not in cell:
            ref = _REF.search(cell)
            if ref:
                found.add((int(ref.group(2)), _column(ref.group(1))))
        start = data.find(b"<f", cell_end)
    return found
