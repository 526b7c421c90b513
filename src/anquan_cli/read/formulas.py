"""Formula cells saved without a result (files written by some programs, never opened in Excel).

anquan never evaluates formulas; it only finds such cells so that an empty-looking required cell is
reported as "a formula without a saved result" rather than as forgotten. The sheet XML is searched with
plain byte scans, never an XML parser, so entity tricks inside a workbook cannot expand.
"""

from __future__ import annotations

import html
import re
import struct
import threading
import zipfile
import zlib
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
                        self._result[name] = formula_cells(_inflate(self._path, zf, part))
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, zlib.error):
            pass

    def cells(self, sheet: str | None) -> set[tuple[int, int]]:
        self._thread.join()
        return self._result.get(sheet or "", set())


def _inflate(path: Path, zf: zipfile.ZipFile, part: str) -> bytes:
    """A deflated part in one zlib call. zipfile inflates in 4 KB steps, each dropping and retaking
    the GIL; while the main thread has Python work of its own (imports, checks) every retake waits
    for a switch interval and the scan crawls. Sizes were bounded by check_zip before any parse."""
    info = zf.getinfo(part)
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
        return zf.read(part)
    with path.open("rb") as fh:
        fh.seek(info.header_offset)
        head = fh.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            return zf.read(part)
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        fh.seek(info.header_offset + 30 + name_len + extra_len)
        packed = fh.read(info.compress_size)
    data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, info.file_size)
    if zlib.crc32(data) != info.CRC:
        raise zipfile.BadZipFile(part)
    return data


def _sheet_names(zf: zipfile.ZipFile) -> list[str]:
    workbook = zf.read("xl/workbook.xml")
    return [
        html.unescape(_attrs(m.group(1)).get(b"name", b"").decode("utf-8", "replace"))
        for m in _SHEET.finditer(workbook)
    ]


def formula_cells(data: bytes) -> set[tuple[int, int]]:
    begin, end = data.find(b"<sheetData"), data.find(b"</sheetData>")
    if begin == -1 or end == -1:
        return set()
    # Searched within bounds, not sliced: a copy of a 100k-row sheet's XML would be tens of MB more
    # at the moment calamine's own parse peaks. Formulas of data validation and conditional formats
    # lie outside sheetData and are not cells.
    found = set()
    start = data.find(b"<f", begin, end)
    while start != -1:
        cell_start = data.rfind(b"<c ", begin, start)
        cell_end = data.find(b"</c>", start, end)
        if cell_start == -1 or cell_end == -1:
            break
        cell = data[cell_start:cell_end]
        if b"<v>" not in cell and b"<v " not in cell:
            ref = _REF.search(cell)
            if ref:
                found.add((int(ref.group(2)), _column(ref.group(1))))
        start = data.find(b"<f", cell_end, end)
    return found
