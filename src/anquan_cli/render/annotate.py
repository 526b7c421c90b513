"""The marked-up copy a town sends back: <name>_校验.xlsx.

Rebuilt with xlsxwriter from the values already read (never by saving over the user's workbook, which
would drop shapes, pivots and dropdowns): a first sheet 校验结果 listing every finding with a link to its
cell, then the ledger sheet with error cells red and warning cells yellow, each with a comment.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.findings import Finding, Severity
from anquan_cli.messages import LABELS, SEVERITY_LABEL
from anquan_cli.outputs import WORKBOOK_OPTIONS, atomic_path

if TYPE_CHECKING:
    from anquan_cli.read.ledger import Ledger

RED, YELLOW, HEADER_FILL = "#FFC7CE", "#FFEB9C", "#DDEBF7"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str | None, taken: set[str]) -> str:
    """A valid, unused worksheet name (≤ 31 characters, none of []:*?/\\)."""
    s = (_SHEET_BAD.sub("_", name or "台账").strip("'") or "台账")[:31]
    base, n = s, 2
    while s in taken:
        suffix = f"({n})"
        s, n = base[: 31 - len(suffix)] + suffix, n + 1
    return s


def _letters_to_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


@dataclass
class _Sheet:
    """One ledger of the file, as it will appear in the copy."""

    ledger: Ledger
    findings: list[Finding]
    title: str
    position: dict[int, int] | None  # CSV: reported line number -> grid row

    def grid_row(self, row: int) -> int:
        return self.position.get(row, row - 1) if self.position is not None else row - 1

    def flagged_cells(self) -> dict[tuple[int, int], list[Finding]]:
        by_cell: dict[tuple[int, int], list[Finding]] = defaultdict(list)
        for f in self.findings:
            if f.row and f.column:
                by_cell[(self.grid_row(f.row), _letters_to_index(f.column))].append(f)
        return by_cell


def write_annotated(entries: list[tuple[Ledger, list[Finding]]], target: Path, as_of: dt.date) -> Path:
    """One copy per input file: its findings sheet, then each of its ledger sheets marked up."""
    import xlsxwriter

    findings_title = LABELS["findings-sheet"]
    taken = {findings_title}
    sheets = []
    for ledger, findings in entries:
        grid = ledger.grid
        assert grid is not None, "read with keep_grid=True to annotate"
        title = sheet_title(grid.sheet, taken)
        taken.add(title)
        position = (
            {line: i for i, line in enumerate(grid.line_numbers)} if grid.line_numbers is not None else None
        )
        sheets.append(_Sheet(ledger, findings, title, position))
    name = entries[0][0].path.name
    with atomic_path(target) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        wb.set_properties(
            {"title": f"{name} 校验结果", "author": "anquan", "created": dt.datetime(2000, 1, 1)}
        )
        fmt = _Formats(wb)
        _findings_sheet(wb, fmt, findings_title, name, sheets, as_of)
        for sheet in sheets:
            _data_sheet(wb, fmt, sheet.title, sheet.ledger, sheet.flagged_cells())
        wb.close()
    return target


class _Formats:
    def __init__(self, wb) -> None:
        base = {"font_name": "宋体", "font_size": 10, "valign": "top"}
        self.plain = wb.add_format(base)
        self.wrap = wb.add_format({**base, "text_wrap": True})
        self.date = wb.add_format({**base, "num_format": "yyyy-mm-dd"})
        self.header = wb.add_format(
            {
                **base,
                "bold": True,
                "bg_color": HEADER_FILL,
                "border": 1,
                "text_wrap": True,
                "align": "center",
                "valign": "vcenter",
            }
        )
        self.title = wb.add_format(
            {**base, "bold": True, "font_size": 14, "align": "center", "valign": "vcenter"}
        )
        self.link = wb.add_format({**base, "font_color": "blue", "underline": 1})
        self.flag = {
            (Severity.ERROR, False): wb.add_format(
                {**base, "bg_color": RED, "border": 1, "border_color": "#C00000"}
            ),
            (Severity.ERROR, True): wb.add_format(
                {**base, "bg_color": RED, "border": 1, "border_color": "#C00000", "num_format": "yyyy-mm-dd"}
            ),
            (Severity.WARNING, False): wb.add_format(
                {**base, "bg_color": YELLOW, "border": 1, "border_color": "#BF8F00"}
            ),
            (Severity.WARNING, True): wb.add_format(
                {
                    **base,
                    "bg_color": YELLOW,
                    "border": 1,
                    "border_color": "#BF8F00",
                    "num_format": "yyyy-mm-dd",
                }
            ),
        }
        self.sev = {
            Severity.ERROR: wb.add_format({**base, "font_color": "#C00000", "bold": True}),
            Severity.WARNING: wb.add_format({**base, "font_color": "#9C5700", "bold": True}),
            Severity.INFO: self.plain,
        }


def _findings_sheet(wb, fmt, title: str, name: str, sheets: list[_Sheet], as_of: dt.date) -> None:
    ws = wb.add_worksheet(title)
    every = [f for sheet in sheets for f in sheet.findings]
    errors = sum(f.severity is Severity.ERROR for f in every)
    warnings = sum(f.severity is Severity.WARNING for f in every)
    ws.merge_range(0, 0, 0, 6, f"《{name}》校验结果", fmt.title)
    ws.set_row(0, 28)
    parts = []
    for sheet in sheets:
        ledger = sheet.ledger
        first, last = ledger.header_rows
        span = f"{first}" if first == last else f"{first}–{last}"
        parts.append(f"工作表：{ledger.sheet or '（CSV）'}　表头：第{span}行　数据 {ledger.counts.used} 行")
    info = "；".join(parts) + f"　错误 {errors} 条　警告 {warnings} 条　截止日 {as_of.isoformat()}"
    ws.merge_range(1, 0, 1, 6, info, fmt.wrap)
    ws.set_row(1, 30 if len(sheets) < 3 else 15 * (len(sheets) + 1))
    headers = ("序号", "级别", "位置", "字段", "原值", "问题说明", "代码")
    for c, h in enumerate(headers):
        ws.write_string(2, c, h, fmt.header)
    for c, width in enumerate((6, 8, 18, 16, 28, 60, 22)):
        ws.set_column(c, c, width)
    ws.freeze_panes(3, 0)
    _print_setup(ws, repeat=(2, 2))
    r = 3
    for sheet in sheets:
        quoted = sheet.title.replace("'", "''")
        for f in sheet.findings:
            ws.write_number(r, 0, r - 2, fmt.plain)
            ws.write_string(r, 1, SEVERITY_LABEL[f.severity.value], fmt.sev[f.severity])
            if f.row:
                cell = f"{f.column or 'A'}{sheet.grid_row(f.row) + 1}"
                ws.write_url(r, 2, f"internal:'{quoted}'!{cell}", fmt.link, string=f"{sheet.title}!{cell}")
            else:
                ws.write_string(r, 2, sheet.title, fmt.plain)
            ws.write_string(r, 3, f.field or "", fmt.plain)
            ws.write_string(r, 4, f.value or "", fmt.wrap)
            ws.write_string(r, 5, f.message, fmt.wrap)
            ws.write_string(r, 6, f.code, fmt.plain)
            r += 1
    if not every:
        ws.merge_range(r, 0, r, 6, LABELS["clean"], fmt.plain)
    else:
        ws.autofilter(2, 0, r - 1, 6)
    ws.activate()


def _data_sheet(wb, fmt, title, ledger: Ledger, by_cell) -> None:
    grid = ledger.grid
    ws = wb.add_worksheet(title)
    first_header, last_header = ledger.header_rows
    header_positions = range(_pos(grid, first_header), _pos(grid, last_header) + 1)
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in grid.merged:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered.add((r, c))
    merge_at = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in grid.merged}
    for r, row in enumerate(grid.rows):
        is_header = r in header_positions
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            flagged = by_cell.get((r, c))
            cell_fmt = fmt.header if is_header else None
            if flagged:
                worst = min(flagged, key=lambda f: f.severity is not Severity.ERROR).severity
                cell_fmt = fmt.flag[(worst, isinstance(value, dt.date))]
            if (r, c) in merge_at:
                r1, c1 = merge_at[(r, c)]
                ws.merge_range(r, c, r1, c1, None, cell_fmt or fmt.plain)
            _write(ws, r, c, value, cell_fmt, fmt)
            if flagged:
                text = "\n".join(f"【{SEVERITY_LABEL[f.severity.value]}】{f.message}" for f in flagged)
                ws.write_comment(r, c, text, {"author": "anquan", "x_scale": 2.2, "y_scale": 1.6})
    # Flags on cells the sheet never had (a required cell beyond the last written column) still show.
    for (r, c), flagged in by_cell.items():
        if r < len(grid.rows) and c < len(grid.rows[r]):
            continue
        worst = min(flagged, key=lambda f: f.severity is not Severity.ERROR).severity
        ws.write_blank(r, c, None, fmt.flag[(worst, False)])
        ws.write_comment(r, c, "\n".join(f.message for f in flagged), {"author": "anquan", "x_scale": 2.2})
    sample = grid.rows[_pos(grid, last_header) + 1 : _pos(grid, last_header) + 51]
    for ref in ledger.columns.values():
        if ref.index >= 0 and not ref.context:
            ws.set_column(
                ref.index, ref.index, _width(ref.header, [r[ref.index] for r in sample if ref.index < len(r)])
            )
    ws.freeze_panes(_pos(grid, last_header) + 1, 0)
    _print_setup(ws, repeat=(_pos(grid, first_header), _pos(grid, last_header)))


def _width(header: str, values: list) -> int:
    """Column width from the header and the typical (median) cell of the first rows; CJK counts double."""

    def wide(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    lengths = sorted(wide(str(v)) for v in values if v not in ("", None))
    typical = lengths[len(lengths) // 2] if lengths else 0
    return max(8, min(40, max(wide(header.replace("\n", "")) + 2, typical + 2)))


def _print_setup(ws, repeat: tuple[int, int]) -> None:
    """A4 landscape, one page wide, header repeated: the copy is often printed and signed."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*repeat)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


def _pos(grid, row: int) -> int:
    if grid.line_numbers is None:
        return row - 1
    return grid.line_numbers.index(row)


def _write(ws, r: int, c: int, value, cell_fmt, fmt) -> None:
    if value is None or value == "":
        if cell_fmt is not None:
            ws.write_blank(r, c, None, cell_fmt)
        return
    if isinstance(value, str):
        ws.write_string(r, c, value, cell_fmt or fmt.plain)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value, cell_fmt or fmt.plain)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(r, c, value, cell_fmt or fmt.date)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), cell_fmt or fmt.date)
    elif isinstance(value, int | float):
        if value != value or value in (float("inf"), float("-inf")):
            ws.write_string(r, c, str(value), cell_fmt or fmt.plain)
        else:
            ws.write_number(r, c, value, cell_fmt or fmt.plain)
    else:  # time of day, durations: keep what the clerk sees
        ws.write_string(r, c, str(value), cell_fmt or fmt.plain)
