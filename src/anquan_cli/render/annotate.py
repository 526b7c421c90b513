"""The marked-up copy a town sends back: <name>_校验.xlsx.

Rebuilt from the values already read (never by saving over the user's workbook, which would drop
shapes, pivots and dropdowns): a first sheet 校验结果 listing every finding with a link to its cell, then
each ledger sheet with error cells red and warning cells yellow, each with a comment. Written with the
fast writer (render.xlsx_fast): a column's distinct values are formatted once, so a county-year ledger
takes seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from anquan_cli.findings import Finding, Severity
from anquan_cli.messages import LABELS, SEVERITY_LABEL
from anquan_cli.outputs import atomic_path
from anquan_cli.render import xlsx_fast as fx

if TYPE_CHECKING:
    from anquan_cli.read.ledger import Ledger

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
_FLAG = {Severity.ERROR: fx.ERROR, Severity.WARNING: fx.WARNING, Severity.INFO: fx.WARNING}
_SEV_STYLE = {Severity.ERROR: fx.SEV_ERROR, Severity.WARNING: fx.SEV_WARNING, Severity.INFO: fx.PLAIN}


def sheet_title(name: str | None, taken: set[str]) -> str:
    """A valid, unused worksheet name (≤ 31 characters, none of []:*?/\\\\)."""
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
    book = fx.Book()
    _findings_sheet(book, findings_title, name, sheets, as_of)
    for sheet in sheets:
        _data_sheet(book, sheet)
    with atomic_path(target) as tmp:
        book.save(tmp, title=f"{name} 校验结果")
    return target


def _findings_sheet(book: fx.Book, title: str, name: str, sheets: list[_Sheet], as_of: dt.date) -> None:
    ws = book.sheet(title)
    ws.active = True
    every = [f for sheet in sheets for f in sheet.findings]
    errors = sum(f.severity is Severity.ERROR for f in every)
    warnings = sum(f.severity is Severity.WARNING for f in every)
    parts = []
    for sheet in sheets:
        ledger = sheet.ledger
        first, last = ledger.header_rows
        span = f"{first}" if first == last else f"{first}–{last}"
        parts.append(f"工作表：{ledger.sheet or '（CSV）'}　表头：第{span}行　数据 {ledger.counts.used} 行")
    info = "；".join(parts) + f"　错误 {errors} 条　警告 {warnings} 条　截止日 {as_of.isoformat()}"
    ws.rows.append(
        f'<row r="1" ht="28" customHeight="1">{book.cell("A1", f"《{name}》校验结果", fx.TITLE)}</row>'
    )
    ws.rows.append(f'<row r="2" ht="30" customHeight="1">{book.cell("A2", info, fx.WRAP)}</row>')
    ws.merges += ["A1:G1", "A2:G2"]
    headers = ("序号", "级别", "位置", "字段", "原值", "问题说明", "代码")
    ws.rows.append(
        '<row r="3">'
        + "".join(book.cell(f"{L}3", h, fx.HEADER) for L, h in zip("ABCDEFG", headers, strict=True))
        + "</row>"
    )
    ws.widths = dict(enumerate((6, 8, 18, 16, 28, 60, 22)))
    ws.freeze_row = 3
    ws.print_titles = (3, 3)
    wheres, styles = [], []
    for sheet in sheets:
        quoted = sheet.title.replace("'", "''")
        for f in sheet.findings:
            if f.row:
                cell = f"{f.column or 'A'}{sheet.grid_row(f.row) + 1}"
                wheres.append(f"{sheet.title}!{cell}")
                styles.append(fx.LINK)
                ws.hyperlinks.append((f"C{len(wheres) + 3}", f"'{quoted}'!{cell}", wheres[-1]))
            else:
                wheres.append(sheet.title)
                styles.append(fx.PLAIN)
    # One str.format per row, the cells' XML made a column at a time (19k findings on 100k rows).
    severity = {s: book.fragment(SEVERITY_LABEL[s.value], _SEV_STYLE[s]) for s in Severity}
    columns = (
        book.fragments(range(1, len(every) + 1)),
        [severity[f.severity] for f in every],
        [book.fragment(where, style) for where, style in zip(wheres, styles, strict=True)],
        book.fragments(f.field or "" for f in every),
        book.fragments((f.value or "" for f in every), fx.WRAP),
        book.fragments((f.message for f in every), fx.WRAP),
        book.fragments(f.code for f in every),
    )
    template = (
        '<row r="{0}">' + "".join(f'<c r="{L}{{0}}"{{{i}}}' for i, L in enumerate("ABCDEFG", 1)) + "</row>"
    )
    ws.rows += map(template.format, range(4, len(every) + 4), *([c or "/>" for c in col] for col in columns))
    r = len(every) + 4
    if not every:
        ws.rows.append(f'<row r="{r}">{book.cell(f"A{r}", LABELS["clean"])}</row>')
        ws.merges.append(f"A{r}:G{r}")
    else:
        ws.autofilter = f"A3:G{r - 1}"


def _data_sheet(book: fx.Book, sheet: _Sheet) -> None:
    ledger, grid = sheet.ledger, sheet.ledger.grid
    ws = book.sheet(sheet.title)
    rows = grid.rows
    n, width = len(rows), grid.width
    flagged = sheet.flagged_cells()
    letters = fx.column_letters(max([width, *(c + 1 for _, c in flagged)], default=1))
    full = all(len(r) == width for r in rows)
    codes, fragments = [], []
    for c in range(width):
        # One fragment per distinct value of the column, placed by row: the cost per cell is one format.
        values = np.empty(n, dtype=object)
        values[:] = [row[c] for row in rows] if full else [row[c] if c < len(row) else "" for row in rows]
        column_codes, uniques = pd.factorize(values, use_na_sentinel=False)
        codes.append(column_codes)
        fragments.append([f or "/>" for f in book.fragments(uniques)])
    overrides: dict[tuple[int, int], str] = {}
    first_header, last_header = ledger.header_rows
    for r in range(_pos(grid, first_header), _pos(grid, last_header) + 1):
        for c in range(width):
            value = rows[r][c] if c < len(rows[r]) else ""
            overrides[(r, c)] = book.fragment(value, fx.HEADER)
    extra: dict[int, list[str]] = defaultdict(list)  # flagged cells beyond the sheet's used range
    for (r, c), found in sorted(flagged.items()):
        style = _FLAG[min(found, key=lambda f: f.severity is not Severity.ERROR).severity]
        value = rows[r][c] if r < n and c < len(rows[r]) else ""
        fragment = book.fragment(value, style)  # a flagged blank keeps its fill
        if r < n and c < width:
            overrides[(r, c)] = fragment
        else:
            extra[r].append(f'<c r="{letters[c]}{r + 1}"{fragment}')
        ws.comments.append(
            (r, c, "\n".join(f"【{SEVERITY_LABEL[f.severity.value]}】{f.message}" for f in found))
        )
    ws.rows = _rows(n, width, letters, codes, fragments, overrides, extra)
    ws.merges = [f"{letters_for(c0)}{r0 + 1}:{letters_for(c1)}{r1 + 1}" for r0, c0, r1, c1 in grid.merged]
    sample = rows[_pos(grid, last_header) + 1 : _pos(grid, last_header) + 51]
    for ref in ledger.columns.values():
        if ref.index >= 0 and not ref.context:
            ws.widths[ref.index] = _width(ref.header, [r[ref.index] for r in sample if ref.index < len(r)])
    ws.freeze_row = _pos(grid, last_header) + 1
    ws.print_titles = (_pos(grid, first_header) + 1, _pos(grid, last_header) + 1)


def _rows(n, width, letters, codes, fragments, overrides, extra, chunk: int = 4000):
    """Row XML, generated a chunk at a time while the workbook is written: memory holds one chunk.

    Every row is one str.format of a template holding the cell references, filled with each cell's
    fragment (a blank cell is an empty <c r="B7"/>): no Python code runs per cell.
    """
    template = (
        '<row r="{0}">' + "".join(f'<c r="{letters[c]}{{0}}"{{{c + 1}}}' for c in range(width)) + "</row>"
    )
    tables = [np.array(f, dtype=object) for f in fragments]
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        columns = [table[column_codes[start:stop]] for table, column_codes in zip(tables, codes, strict=True)]
        for (r, c), fragment in overrides.items():
            if start <= r < stop:
                columns[c][r - start] = fragment or "/>"
        rows = list(map(template.format, range(start + 1, stop + 1), *columns))
        for r in extra.keys() & range(start, stop):
            rows[r - start] = rows[r - start][: -len("</row>")] + "".join(extra[r]) + "</row>"
        yield from rows
    for r in sorted(k for k in extra if k >= n):
        yield f'<row r="{r + 1}">{"".join(extra[r])}</row>'


def letters_for(c: int) -> str:
    return fx.column_letters(c + 1)[c]


def _width(header: str, values: list) -> int:
    """Column width from the header and the typical (median) cell of the first rows; CJK counts double."""

    lengths = sorted(fx.display_width(str(v)) for v in values if v not in ("", None))
    typical = lengths[len(lengths) // 2] if lengths else 0
    return max(8, min(40, max(fx.display_width(header.replace("\n", "")) + 2, typical + 2)))


def _pos(grid, row: int) -> int:
    if grid.line_numbers is None:
        return row - 1
    return grid.line_numbers.index(row)
