"""Write spreadsheets the way towns really send them, for tests, sample data and benchmarks.

Each writer takes plain Python rows so a test states its messy layout literally:
title rows, merged two-row headers, footers, hidden sheets, GBK CSV, old .xls, .ods.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

Merge = tuple[int, int, int, int]  # r0, c0, r1, c1, 0-based, inclusive


@dataclass
class SheetSpec:
    name: str
    rows: list[list[Any]]
    merges: Sequence[Merge] = field(default_factory=list)
    hidden: bool = False
    widths: dict[int, float] = field(default_factory=dict)


def _merged_cells(merges: Sequence[Merge]) -> set[tuple[int, int]]:
    covered = set()
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    return covered


def write_xlsx(
    path: Path | str, sheets: Sequence[SheetSpec], *, date1904: bool = False, properties: dict | None = None
) -> Path:
    """`properties` go to xlsxwriter's set_properties; pin "created" for byte-identical reruns."""
    import xlsxwriter

    path = Path(path)
    wb = xlsxwriter.Workbook(
        str(path),
        {
            "date_1904": date1904,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    if properties:
        wb.set_properties(properties)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    dt_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for spec in sheets:
        ws = wb.add_worksheet(spec.name)
        covered = _merged_cells(spec.merges)
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if (r, c) in covered:
                    continue
                _xlsx_write(ws, r, c, value, date_fmt, dt_fmt)
        for r0, c0, r1, c1 in spec.merges:
            value = spec.rows[r0][c0] if r0 < len(spec.rows) and c0 < len(spec.rows[r0]) else ""
            ws.merge_range(r0, c0, r1, c1, None)
            _xlsx_write(ws, r0, c0, value, date_fmt, dt_fmt)
        for c, width in spec.widths.items():
            ws.set_column(c, c, width)
        if spec.hidden:
            ws.hide()
    wb.close()
    return path


def _xlsx_write(ws, r, c, value, date_fmt, dt_fmt):
    if value is None or value == "":
        return
    if isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, dt_fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date_fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, int | float):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))


def write_xls(path: Path | str, sheets: Sequence[SheetSpec]) -> Path:
    """Old Excel 97-2003 (BIFF8), as WPS and older offices still save."""
    import xlwt

    path = Path(path)
    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    plain = xlwt.easyxf("")
    for spec in sheets:
        ws = wb.add_sheet(spec.name, cell_overwrite_ok=True)
        covered = _merged_cells(spec.merges)
        starts = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spec.merges}
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if (r, c) in covered or value is None or value == "":
                    continue
                style = date_style if isinstance(value, dt.date) else plain
                if (r, c) in starts:
                    r1, c1 = starts[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, style)
                else:
                    ws.write(r, c, value, style)
        for (r0, c0), (r1, c1) in starts.items():
            if r0 >= len(spec.rows) or c0 >= len(spec.rows[r0]) or spec.rows[r0][c0] in (None, ""):
                ws.merge(r0, r1, c0, c1)
        if spec.hidden:
            ws.visibility = 1
    wb.save(str(path))
    return path


def write_csv(
    path: Path | str,
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    delimiter: str = ",",
    newline: str = "\r\n",
) -> Path:
    """CSV as Excel/WPS export it: GBK or UTF-8 (optionally with BOM), or UTF-16 'Unicode text'."""
    path = Path(path)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    for row in rows:
        writer.writerow(["" if v is None else _csv_text(v) for v in row])
    text = buf.getvalue()
    if encoding.lower().replace("-", "") in ("utf16", "utf16le"):
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)
    path.write_bytes(data)
    return path


def _csv_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y/%m/%d %H:%M")
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_ods(path: Path | str, sheets: Sequence[SheetSpec]) -> Path:
    """A minimal OpenDocument spreadsheet (LibreOffice/WPS 'ods'), merges included."""
    path = Path(path)
    body = []
    for spec in sheets:
        starts = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in spec.merges}
        covered = _merged_cells(spec.merges)
        body.append(f'<table:table table:name="{escape(spec.name, {chr(34): "&quot;"})}">')
        for r, row in enumerate(spec.rows):
            body.append("<table:table-row>")
            for c, value in enumerate(row):
                if (r, c) in covered:
                    body.append("<table:covered-table-cell/>")
                    continue
                span = ""
                if (r, c) in starts:
                    nr, nc = starts[(r, c)]
                    span = f' table:number-rows-spanned="{nr}" table:number-columns-spanned="{nc}"'
                body.append(_ods_cell(value, span))
            body.append("</table:table-row>")
        body.append("</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        "<office:body><office:spreadsheet>" + "".join(body) + "</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _ods_cell(value: Any, span: str) -> str:
    if value is None or value == "":
        return f"<table:table-cell{span}/>"
    if isinstance(value, dt.date):
        iso = value.isoformat()
        return (
            f'<table:table-cell{span} office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<table:table-cell{span} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return f'<table:table-cell{span} office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'
