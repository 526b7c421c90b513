"""Formula cells saved without a result (files written by some programs, never opened in Excel).

anquan never evaluates formulas; it only finds such cells so that an empty-looking required cell is
reported as "a formula without a saved result" rather than as forgotten. The sheet XML is searched with
plain byte scans, never an XML parser, so entity tricks inside a workbook cannot expand.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from pathlib import Path
from typing import IO

from anquan_cli.core.errors import AnquanError

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
    """The formula cells of a workbook's sheets, each sheet scanned the first time it is asked about:
    only a sheet with an empty required cell to explain costs a second unzip of its XML."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._result: dict[str | None, set[tuple[int, int]]] = {}

    def cells(self, sheet: str | None) -> set[tuple[int, int]]:
        """(Excel row, 0-based column) of each formula cell saved without a result."""
        if sheet not in self._result:
            self._result[sheet] = self._scan(sheet or "")
        return self._result[sheet]

    def _scan(self, sheet: str) -> set[tuple[int, int]]:
        try:
            with zipfile.ZipFile(self._path) as zf:
                part = _sheet_part(zf, sheet)
                if part is None:
                    return set()
                with zf.open(part) as stream:
                    return formula_cells(stream)
        except (KeyError, EOFError, NotImplementedError, OSError, zipfile.BadZipFile, zlib.error) as exc:
            # The sheet was parsed, yet its package cannot be read again: a damaged file, said as such
            # (its empty cells could otherwise not be told from formulas).
            raise AnquanError("file-unreadable", reason="工作簿压缩内容已损坏") from exc


CHUNK = 1 << 20


def formula_cells(stream: IO[bytes]) -> set[tuple[int, int]]:
    """Formula cells without a saved value in a sheet's XML, read a megabyte at a time: the XML of a
    100k-row sheet is 60 MB, which would otherwise be held whole beside the ledger. Formulas of data
    validation and conditional formats lie outside sheetData and are not cells."""
    found: set[tuple[int, int]] = set()
    carry, inside = b"", False
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        data = carry + chunk
        if not inside:
            begin = data.find(b"<sheetData")
            if begin == -1:
                carry = data[-16:]  # the tag may straddle two chunks
                continue
            data, inside = data[begin:], True
        end = data.find(b"</sheetData>")
        if end != -1:
            found |= _in_cells(data[:end])
            return found
        cut = data.rfind(b"</c>") + 4 if b"</c>" in data else 0  # whole cells now, the rest with the next
        found |= _in_cells(data[:cut])
        carry = data[cut:]
    return found


def _in_cells(data: bytes) -> set[tuple[int, int]]:
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
