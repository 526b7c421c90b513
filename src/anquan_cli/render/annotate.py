"""The marked-up copy a town sends back: <name>_校验.xlsx.

Rebuilt from the values already read (never by saving over the user's workbook, which would drop
shapes, pivots and dropdowns): a first sheet 校验结果 listing every finding with a link to its cell, then
each ledger sheet with error cells red and warning cells yellow, each with a comment. Written with the
fast writer (render.xlsx_fast): a column's distinct values are formatted once, so a county-year ledger
takes seconds, not minutes. prepare_copy() takes from the ledgers what the copy needs, its columns
factorized (a CopyJob, cheap to pickle); CopyJob.run() writes it, in monthly on the second process.
The copy names the file it was made of in a custom document property, which survives the town's
Excel or WPS: read.copies knows it by that when it comes back corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from anquan_cli.core.findings import Finding, Severity
from anquan_cli.core.messages import FINDINGS_HEADER, LABELS, SEVERITY_LABEL
from anquan_cli.core.outputs import atomic_path
from anquan_cli.render import xlsx_fast as fx
from anquan_cli.render.left_out import skipped_rows

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


@dataclass
class _SheetCopy:
    """A ledger sheet of the copy as values: its columns factorized, and the cells styled apart."""

    title: str
    n: int
    width: int
    codes: list[np.ndarray]  # per column: each row's index into uniques
    uniques: list[np.ndarray]
    header: dict[tuple[int, int], object]  # header cells (grid row, column) -> value
    flagged: list[tuple[int, int, int, object, str]]  # (grid row, column, style, value, comment)
    merges: list[str]
    widths: dict[int, int]
    freeze_row: int
    print_titles: tuple[int, int]


@dataclass
class CopyJob:
    """A marked-up copy as plain values and arrays, cheap to hand to a worker process: prepared from the
    ledgers where they were read, written (the XML and its compression, most of the cost) anywhere."""

    target: Path
    name: str
    info: str  # the findings sheet's second line
    findings: dict[str, list[Any]]  # the findings sheet's columns
    sheets: list[_SheetCopy]
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties: the marker

    def run(self) -> Path:
        book = fx.Book()
        _findings_sheet(book, self)
        for sheet in self.sheets:
            _data_sheet(book, sheet)
        with atomic_path(self.target) as tmp:
            book.save(
                tmp,
                title=f"{self.name} 校验结果",
                category=LABELS["copy-category"],
                properties=self.properties,
            )
        return self.target


def prepare_copy(
    entries: list[tuple[Ledger, list[Finding]]], target: Path, as_of: dt.date, copy_of: str | None = None
) -> CopyJob:
    """`copy_of`: the original's file name when the ledgers are read from a returned copy (default: the
    file they were read from): a copy of a returned copy still names the first original."""
    # Here, where the ledgers were read: the worker that writes the copy need not load the read package.
    from anquan_cli.read.copies import COPY_AS_OF, COPY_OF

    taken = {LABELS["findings-sheet"]}
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
    every = [f for sheet in sheets for f in sheet.findings]
    errors = sum(f.severity is Severity.ERROR for f in every)
    warnings = sum(f.severity is Severity.WARNING for f in every)
    parts = []
    for sheet in sheets:
        ledger = sheet.ledger
        first, last = ledger.header_rows
        span = f"{first}" if first == last else f"{first}–{last}"
        part = f"工作表：{ledger.sheet or '（CSV）'}　表头：第{span}行　数据 {ledger.counts.used} 行"
        for count, why in skipped_rows(ledger):  # the sender must hear of rows not read, too
            part += "　" + LABELS["rows-left-out-copy"].format(count=count, reason=why)
        parts.append(part)
    info = "；".join(parts) + f"　错误 {errors} 条　警告 {warnings} 条　截止日 {as_of.isoformat()}"
    wheres: list[str] = []
    links: list[str | None] = []
    for sheet in sheets:
        quoted = sheet.title.replace("'", "''")
        for f in sheet.findings:
            if f.row:
                cell = f"{f.column or 'A'}{sheet.grid_row(f.row) + 1}"
                wheres.append(f"{sheet.title}!{cell}")
                links.append(f"'{quoted}'!{cell}")
            else:
                wheres.append(sheet.title)
                links.append(None)
    columns: dict[str, list[Any]] = {
        "severity": [f.severity for f in every],
        "where": wheres,
        "link": links,
        "field": [f.field or "" for f in every],
        "value": [f.value or "" for f in every],
        "message": [f.message for f in every],
        "code": [f.code for f in every],
    }
    name = entries[0][0].path.name
    return CopyJob(
        target,
        name,
        info,
        columns,
        [_sheet_copy(sheet) for sheet in sheets],
        # the cut-off, not today: the same inputs give the same copy, byte for byte, on any day
        {COPY_OF: copy_of or name, COPY_AS_OF: as_of.isoformat()},
    )


def _sheet_copy(sheet: _Sheet) -> _SheetCopy:
    import pandas as pd  # here, not where the copy is written: a worker process need not import it

    ledger, grid = sheet.ledger, sheet.ledger.grid
    if grid is None:
        raise ValueError("a marked-up copy needs its ledger read with keep_grid")
    rows = grid.rows
    n, width = len(rows), grid.width
    # A rectangular sheet (nearly all) is turned into a 2-D array in one step, in C.
    table = np.array(rows, dtype=object).reshape(n, width) if all(len(r) == width for r in rows) else None
    codes, uniques = [], []
    for c in range(width):
        # One fragment per distinct value of the column, placed by row: the cost per cell is one format.
        if table is not None:
            values = table[:, c]
        else:
            values = np.empty(n, dtype=object)
            values[:] = [row[c] if c < len(row) else "" for row in rows]
        column_codes, column_uniques = pd.factorize(values, use_na_sentinel=False)
        codes.append(column_codes)
        uniques.append(column_uniques)
    first_header, last_header = ledger.header_rows
    header = {
        (r, c): rows[r][c] if c < len(rows[r]) else ""
        for r in range(_pos(grid, first_header), _pos(grid, last_header) + 1)
        for c in range(width)
    }
    flagged = []
    for (r, c), found in sorted(sheet.flagged_cells().items()):
        style = _FLAG[min(found, key=lambda f: f.severity is not Severity.ERROR).severity]
        value = rows[r][c] if r < n and c < len(rows[r]) else ""  # a flagged blank keeps its fill
        comment = "\n".join(f"【{SEVERITY_LABEL[f.severity.value]}】{f.message}" for f in found)
        flagged.append((r, c, style, value, comment))
    sample = rows[_pos(grid, last_header) + 1 : _pos(grid, last_header) + 51]
    widths = {
        ref.index: _width(ref.header, [r[ref.index] for r in sample if ref.index < len(r)])
        for ref in ledger.columns.values()
        if ref.index >= 0 and not ref.context
    }
    return _SheetCopy(
        title=sheet.title,
        n=n,
        width=width,
        codes=codes,
        uniques=uniques,
        header=header,
        flagged=flagged,
        merges=[f"{letters_for(c0)}{r0 + 1}:{letters_for(c1)}{r1 + 1}" for r0, c0, r1, c1 in grid.merged],
        widths=widths,
        freeze_row=_pos(grid, last_header) + 1,
        print_titles=(_pos(grid, first_header) + 1, _pos(grid, last_header) + 1),
    )


def _findings_sheet(book: fx.Book, job: CopyJob) -> None:
    ws = book.sheet(LABELS["findings-sheet"])
    ws.active = True
    rows: list[str] = []
    ws.rows = rows
    rows.append(
        f'<row r="1" ht="28" customHeight="1">{book.cell("A1", f"《{job.name}》校验结果", fx.TITLE)}</row>'
    )
    rows.append(f'<row r="2" ht="30" customHeight="1">{book.cell("A2", job.info, fx.WRAP)}</row>')
    ws.merges += ["A1:G1", "A2:G2"]
    rows.append(
        '<row r="3">'
        + "".join(book.cell(f"{L}3", h, fx.HEADER) for L, h in zip("ABCDEFG", FINDINGS_HEADER, strict=True))
        + "</row>"
    )
    ws.widths = dict(enumerate((6, 8, 18, 16, 28, 60, 22)))
    ws.freeze_row = 3
    ws.print_titles = (3, 3)
    found = job.findings
    count = len(found["severity"])
    for i, (where, link) in enumerate(zip(found["where"], found["link"], strict=True), 4):
        if link is not None:
            ws.hyperlinks.append((f"C{i}", link, where))
    # One str.format per row, the cells' XML made a column at a time (19k findings on 100k rows).
    severity = {s: book.fragment(SEVERITY_LABEL[s.value], _SEV_STYLE[s]) for s in Severity}
    columns = (
        book.fragments(range(1, count + 1)),
        [severity[s] for s in found["severity"]],
        [
            book.fragment(where, fx.PLAIN if link is None else fx.LINK)
            for where, link in zip(found["where"], found["link"], strict=True)
        ],
        book.fragments(found["field"]),
        book.fragments(found["value"], fx.WRAP),
        book.fragments(found["message"], fx.WRAP),
        book.fragments(found["code"]),
    )
    template = (
        '<row r="{0}">' + "".join(f'<c r="{L}{{0}}"{{{i}}}' for i, L in enumerate("ABCDEFG", 1)) + "</row>"
    )
    rows += map(template.format, range(4, count + 4), *([c or "/>" for c in col] for col in columns))
    r = count + 4
    if not count:
        rows.append(f'<row r="{r}">{book.cell(f"A{r}", LABELS["clean"])}</row>')
        ws.merges.append(f"A{r}:G{r}")
    else:
        ws.autofilter = f"A3:G{r - 1}"


def _data_sheet(book: fx.Book, sheet: _SheetCopy) -> None:
    ws = book.sheet(sheet.title)
    n, width = sheet.n, sheet.width
    letters = fx.column_letters(max([width, *(c + 1 for _, c, *_ in sheet.flagged)], default=1))
    fragments = [[f or "/>" for f in book.fragments(u)] for u in sheet.uniques]
    overrides = {cell: book.fragment(value, fx.HEADER) for cell, value in sheet.header.items()}
    extra: dict[int, list[str]] = defaultdict(list)  # flagged cells beyond the sheet's used range
    for r, c, style, value, comment in sheet.flagged:
        fragment = book.fragment(value, style)
        if r < n and c < width:
            overrides[(r, c)] = fragment
        else:
            extra[r].append(f'<c r="{letters[c]}{r + 1}"{fragment}')
        ws.comments.append((r, c, comment))
    ws.rows = _rows(n, width, letters, sheet.codes, fragments, overrides, extra)
    ws.merges = sheet.merges
    ws.widths = dict(sheet.widths)
    ws.freeze_row = sheet.freeze_row
    ws.print_titles = sheet.print_titles


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
