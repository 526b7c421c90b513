"""The Ledger: a sheet's data rows under canonical field names, with provenance for every row and field."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from anquan_cli.core.dates import DateState
from anquan_cli.core.findings import Finding, column_letter
from anquan_cli.read.context import FileYear, find_context, find_year
from anquan_cli.read.counts import RowCounts
from anquan_cli.read.header import HeaderMatch
from anquan_cli.read.normalize import (
    Column,
    NormOptions,
    factorize,
    normalise,
    resolve_relative,
    with_year,
)
from anquan_cli.read.sources import Grid
from anquan_cli.schema import FieldType, Schema

ROW = "_row"  # the Excel row number (CSV: line number) of each data row

_SUBTOTAL = re.compile(r"^(?:合计|小计|总计|共计|总合计)(?:[:：(（].*)?$")
# A footer keyword must end its cell or be followed by a colon or bracket: "填表人：张三", "（盖章）",
# "单位负责人（签字）：". A data cell such as an enterprise named 电话机厂 must never end the sheet.
_FOOTER = re.compile(
    r"^(?:填表人|填报人|制表人|审核人|审核|审批人|联系电话|联系人|电话|单位负责人|主要负责人|负责人|"
    r"负责人签字|签字|盖章|单位盖章|\(盖章\)|\(签字\)|填表日期|填报日期|报送日期|注|说明|备注|填表说明|"
    r"分管领导|单位\(盖章\))(?:[:(]|$)"
)

_KEYWORD_HEADS = frozenset("合小总共填制审联电单主负盖(（签注说备分 \u3000\t\n")


@dataclass(frozen=True)
class ColumnRef:
    index: int  # 0-based column in the sheet; -1 when the value comes from the sheet or file name
    header: str  # header text as written (flattened), or the label above the header
    # Set when the field is not a column but one value above the header ("企业名称：XX有限公司"):
    # the Excel row of that cell, or None when it came from the sheet or file name.
    context: bool = False
    context_row: int | None = None

    @property
    def letter(self) -> str | None:
        return column_letter(self.index) if self.index >= 0 else None


@dataclass
class Ledger:
    path: Path
    schema: Schema
    sheet: str | None
    header_rows: tuple[int, int]  # Excel row numbers, first and last
    columns: dict[str, ColumnRef]
    data: pd.DataFrame  # "<field>", "<field>__state" (typed fields), ROW
    # Per mapped field, its distinct raw cell values: row i's raw cell is raw_uniques[f][codes[f][i]].
    # Kept factorized: messages need the raw text of a few failing cells, not 2 M references.
    raw_uniques: dict[str, np.ndarray]
    counts: RowCounts
    findings: list[Finding] = field(default_factory=list)  # structural, found while reading
    encoding: str | None = None
    grid: Grid | None = None  # kept only when an annotated copy is wanted
    # Per mapped field, the code of each row's raw value (equal codes = identical cells): row identity
    # checks compare these small integers instead of hashing the values again.
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    # Per field filled from a vertical merge: each row's Excel row of the merged cell it shows, so one
    # wrong merged cell (a code merged down over an enterprise's rows) is reported once, where it is.
    origin: dict[str, np.ndarray] = field(default_factory=dict)
    formula_probe: Callable[[], set[tuple[int, int]]] | None = None  # see read.formulas
    # Where dates written without a year took theirs when the row had no usable found date
    # (第 1 行“2026年10月隐患台账”, 文件名“…”), for the message; None when none did.
    year_source: str | None = None
    _distinct: dict[str, tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def kind(self) -> str:
        return self.schema.kind

    def raw_values(self, field_id: str, positions: np.ndarray | None = None) -> np.ndarray:
        """The raw cell values of a field as written (all rows, or the row positions given)."""
        codes = self.codes[field_id]
        return self.raw_uniques[field_id][codes if positions is None else codes[positions]]

    def distinct(self, field_id: str) -> tuple[np.ndarray, np.ndarray]:
        """codes, values with `values[codes] == ledger.data[field_id]`, one entry per distinct raw cell.

        Built from the raw-cell codes kept at build time, so no value is hashed a second time. Two
        raw cells may share a value ("张三" and " 张三"): callers needing equal values to share a code
        factorize `values`, which is short. Dates can depend on the row (a year taken from the found
        date), so they, and ledgers assembled without codes, are factorized afresh.
        """
        if field_id in self._distinct:
            return self._distinct[field_id]
        column = self.data[field_id].to_numpy()
        codes = self.codes.get(field_id)
        if (
            codes is None
            or len(codes) != len(column)
            or column.dtype != object
            or self.schema[field_id].type in (FieldType.DATE, FieldType.DEADLINE)
        ):
            result = factorize(column)
        else:
            n = len(codes)
            first = np.full(len(self.raw_uniques[field_id]), n, dtype=np.intp)
            np.minimum.at(first, codes, np.arange(n))
            seen = first < n  # raw cells found only in blank, subtotal or footer rows map to None
            per_code = np.empty(len(first), dtype=object)
            per_code[seen] = column[first[seen]]
            result = (codes, per_code)
        self._distinct[field_id] = result
        return result

    def map_values(self, field_id: str, fn, *, dtype=object, missing=None) -> np.ndarray:
        """fn once per distinct cell of the field, spread to every row; empty cells get `missing`."""
        codes, per_code = self.distinct(field_id)
        out = np.array([missing if v is None else fn(v) for v in per_code], dtype=dtype)
        return out[codes] if len(out) else np.empty(len(codes), dtype=dtype)

    @property
    def raw(self) -> pd.DataFrame:
        """Every mapped field's raw cell values as a frame (for inspection; built when asked)."""
        return pd.DataFrame(
            {f: pd.Series(self.raw_values(f), dtype=object) for f in self.raw_uniques}, index=self.data.index
        )

    def has(self, field_id: str) -> bool:
        return field_id in self.columns


def state_col(field_id: str) -> str:
    return f"{field_id}__state"


def build_ledger(
    grid: Grid, match: HeaderMatch, schema: Schema, opts: NormOptions, keep_grid: bool
) -> Ledger:
    start = match.last + 1
    body = grid.rows[start:]
    width = grid.width
    needed = max(match.columns.values()) + 1
    if needed < width:  # columns right of the last field (a stray note in XFD) are not data
        body, width = [r[:needed] for r in body], needed
    n = len(body)
    arr = _cells(body, width)
    origins = _fill_vertical_merges(arr, grid.merged, start)

    columns = {f: ColumnRef(c, match.texts.get(c, schema[f].header)) for f, c in match.columns.items()}
    factorized = {f: Column.of(arr[:, ref.index]) for f, ref in columns.items()}

    counts = RowCounts(sheet_rows=len(grid.rows), header_and_above=start, total=n)
    first_text = _first_nonempty(arr)
    subtotal, footer = _classify_text(first_text)
    blank = np.ones(n, dtype=bool)
    for col in factorized.values():
        blank &= col.blank
    _add_context(grid, match, schema, columns, factorized, n)
    excluded = np.zeros(n, dtype=bool)
    if n and _is_column_number_row(body[0]):
        excluded[0] = True
        counts.header_extra = 1
    footer_hits = np.flatnonzero(footer & ~excluded)
    if footer_hits.size:
        tail = np.zeros(n, dtype=bool)
        tail[footer_hits[0] :] = True
        tail &= ~excluded
        # Below the footer every row with any text is footer (signatures, phone, notes); empty ones are blank.
        empty = first_text == ""
        counts.footer = int((tail & ~empty).sum())
        counts.blank += int((tail & empty).sum())
        excluded |= tail
    sub = subtotal & ~excluded
    counts.subtotal = int(sub.sum())
    excluded |= sub
    blank_rows = blank & ~excluded
    counts.blank += int(blank_rows.sum())
    excluded |= blank_rows
    keep = np.flatnonzero(~excluded)
    counts.used = int(keep.size)

    data: dict[str, np.ndarray] = {ROW: _row_numbers(grid, start, keep)}
    origin: dict[str, np.ndarray] = {}
    raw_uniques: dict[str, np.ndarray] = {}
    codes: dict[str, np.ndarray] = {}
    extras: dict[str, dict[str, np.ndarray]] = {}
    for f, col in factorized.items():
        ftype = schema[f].type
        out = normalise(ftype, col, keep, opts)
        data[f] = out.pop("value")
        if ftype not in (FieldType.TEXT, FieldType.ID):
            data[state_col(f)] = out.pop("state")
        else:
            out.pop("state")
        extras[f] = out
        raw_uniques[f] = col.uniques
        codes[f] = col.codes[keep]
        if f in columns and columns[f].index in origins:
            origin[f] = _row_numbers(grid, start, origins[columns[f].index][keep])
    file_year = _FileYear(grid, match, opts)
    _resolve_found_relative(schema, data, extras, file_year)
    _completion_from_status(schema, data, extras, file_year)

    frame = pd.DataFrame({k: _series(v) for k, v in data.items()})
    findings = [
        Finding.make(
            "column-duplicate",
            sheet=grid.sheet,
            row=grid.row_number(match.last),
            column=column_letter(ignored),
            field=schema[f].header,
            value=match.texts.get(ignored),
            other=column_letter(kept),
        )
        for f, ignored, kept in match.duplicates
    ]
    return Ledger(
        path=grid.path,
        schema=schema,
        sheet=grid.sheet,
        header_rows=(grid.row_number(match.first), grid.row_number(match.last)),
        columns=columns,
        data=frame,
        raw_uniques=raw_uniques,
        counts=counts,
        findings=findings,
        encoding=grid.encoding,
        grid=grid if keep_grid else None,
        codes=codes,
        origin=origin,
        formula_probe=grid.formula_probe,
        year_source=file_year.used,
    )


def _cells(body: list[list], width: int) -> np.ndarray:
    """The rows as one n × width object array (short CSV lines padded with "")."""
    if body and set(map(len, body)) == {width}:
        # One flat C-level pass: numpy's nested-list assignment is 2–3× slower on 100k rows.
        flat = itertools.chain.from_iterable(body)
        return np.fromiter(flat, dtype=object, count=len(body) * width).reshape(len(body), width)
    arr = np.empty((len(body), width), dtype=object)
    if body:
        arr[:, :] = [r + [""] * (width - len(r)) for r in body]
    return arr


def _add_context(grid: Grid, match: HeaderMatch, schema: Schema, columns, factorized, n: int) -> None:
    """Fields named above the header (or in the title, sheet or file name) apply to every row."""
    missing = [f for f in schema.context_fields if f not in columns]
    if not missing:
        return
    found = find_context(grid.rows[: match.first], schema, grid.sheet, grid.path.stem)
    for f in missing:
        if f not in found:
            continue
        cv = found[f]
        factorized[f] = Column.of(np.full(n, cv.value, dtype=object))
        row = grid.row_number(cv.row) if cv.row is not None else None
        columns[f] = ColumnRef(cv.col if cv.col is not None else -1, cv.label, context=True, context_row=row)


def _series(values: np.ndarray) -> pd.Series:
    if values.dtype == object:
        return pd.Series(values, dtype=object)
    if values.dtype.kind == "M":
        return pd.Series(values.astype("datetime64[s]"))
    return pd.Series(values)


class _FileYear:
    """The year the file names (title rows, sheet name, file name), looked up only when a date needs it."""

    def __init__(self, grid: Grid, match: HeaderMatch, opts: NormOptions) -> None:
        self._args: tuple[Grid, HeaderMatch, NormOptions] | None = (grid, match, opts)
        self._found: FileYear | None = None
        self.used: str | None = None  # its source, once some date took its year from it

    def get(self) -> FileYear | None:
        if self._args is not None:
            grid, match, opts = self._args
            rows = grid.rows[: match.first]
            self._found = find_year(
                rows, grid.sheet, grid.path.stem, grid.row_number, opts.min_year, opts.max_year
            )
            self._args = None
        return self._found


def _year_from_file(
    values: np.ndarray, states: np.ndarray, mask: np.ndarray, md: np.ndarray, file_year: _FileYear
) -> None:
    """Rows in `mask` put their month and day (`md`, on the year-2000 placeholder) in the file's year."""
    found = file_year.get()
    if found is None:
        return
    moved = with_year(md[mask], found.year)
    ok = ~np.isnat(moved)
    rows = np.flatnonzero(mask)[ok]
    values[rows] = moved[ok]
    states[rows] = DateState.YEAR_FROM_FILE
    if rows.size:
        file_year.used = found.source


def _found_date(schema: Schema, data: dict[str, np.ndarray]) -> tuple[str, np.ndarray, np.ndarray] | None:
    """The found date field (the schema's first date), its values and which rows have a usable one."""
    found_field = next((f.id for f in schema.fields if f.type is FieldType.DATE and f.id in data), None)
    if found_field is None:
        return None
    state = data[state_col(found_field)]
    return found_field, data[found_field], (state == DateState.OK) | (state == DateState.YEAR_FROM_FILE)


def _resolve_found_relative(
    schema: Schema, data: dict[str, np.ndarray], extras: dict, file_year: _FileYear
) -> None:
    """Dates written relative to the found date (立即整改, 15日内, 3月5日) get their calendar date.

    A date without a year takes the found date's; when the row has no usable found date (the found
    date itself has no year), the year the file names, if it names exactly one.
    """
    found = _found_date(schema, data)
    if found is None:
        return
    found_field = found[0]
    state = data[state_col(found_field)]
    noyear = state == DateState.NO_YEAR
    if noyear.any():
        md = data[found_field]
        data[found_field] = np.where(noyear, np.datetime64("NaT"), md)
        _year_from_file(data[found_field], state, noyear, md, file_year)
        found = _found_date(schema, data)
        assert found is not None
    _, found_on, found_ok = found
    for f in schema.fields:
        if f.type not in (FieldType.DATE, FieldType.DEADLINE) or f.id not in data or f.id == found_field:
            continue
        state = data[state_col(f.id)]
        needs = (state == DateState.NO_YEAR) | (state == DateState.IMMEDIATE) | (state == DateState.RELATIVE)
        if not needs.any():
            continue
        md = data[f.id]
        data[f.id] = resolve_relative(
            md, state, found_on, found_ok, extras[f.id], roll_forward=f.type is FieldType.DEADLINE
        )
        left = (state == DateState.NO_YEAR) & ~found_ok
        if left.any():
            _year_from_file(data[f.id], state, left, md, file_year)


def _completion_from_status(
    schema: Schema, data: dict[str, np.ndarray], extras: dict, file_year: _FileYear
) -> None:
    """An empty completion date takes the date its closed status names ("已于9月20日整改完毕").

    With no completion column at all the field is still filled (mapped to no column), so the
    analysis knows when the hazard was closed.
    """
    target = schema.completion_date
    status = next((f.id for f in schema.fields if f.type is FieldType.STATUS and f.id in data), None)
    if target is None or status is None or "date" not in extras[status]:
        return
    md, state = extras[status].pop("date"), extras[status].pop("date_state")
    found = _found_date(schema, data)
    if found is None:
        dates = np.where(state == DateState.NO_YEAR, np.datetime64("NaT"), md)
    else:  # a year-less date takes the found date's year, else the file's, like any other
        dates = resolve_relative(md, state, found[1], found[2], {})
        left = (state == DateState.NO_YEAR) & ~found[2]
        if left.any():
            _year_from_file(dates, state.copy(), left, md, file_year)
    fill = ~np.isnat(dates)
    if target in data:
        fill &= data[state_col(target)] == DateState.EMPTY
    else:
        data[target] = np.full(len(dates), np.datetime64("NaT"), dtype="datetime64[D]")
        data[state_col(target)] = np.zeros(len(dates), dtype=np.int8)
    data[target][fill] = dates[fill]
    data[state_col(target)][fill] = DateState.FROM_STATUS


def _row_numbers(grid: Grid, start: int, positions: np.ndarray) -> np.ndarray:
    """Excel rows (CSV: line numbers) of body positions."""
    if grid.line_numbers is None:
        return positions.astype(np.int64) + start + 1
    return np.asarray(grid.line_numbers, dtype=np.int64)[start + positions]


def _fill_vertical_merges(
    arr: np.ndarray, merged: list[tuple[int, int, int, int]], start: int
) -> dict[int, np.ndarray]:
    """An enterprise name merged down over its hazard rows belongs to each of those rows.

    Returns, per column with such merges, the body position of the cell each row's value came from.
    """
    n, width = arr.shape
    origins: dict[int, np.ndarray] = {}
    for r0, c0, r1, _c1 in merged:
        if r1 <= r0 or r0 < start or c0 >= width:
            continue
        top, bottom = r0 - start, min(r1 - start, n - 1)
        if top >= n:
            continue
        arr[top + 1 : bottom + 1, c0] = arr[top, c0]
        origin = origins.setdefault(c0, np.arange(n))
        origin[top + 1 : bottom + 1] = top
    return origins


def _first_nonempty(arr: np.ndarray) -> np.ndarray:
    n, width = arr.shape
    first = np.full(n, "", dtype=object)
    unset = np.ones(n, dtype=bool)
    for c in range(width):
        if not unset.any():
            break
        col = arr[:, c]
        hit = unset & (col != "")
        first[hit] = col[hit]
        unset &= ~hit
    return first


def _classify_text(first: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = factorize(first)
    sub_u = np.zeros(len(uniques), dtype=bool)
    foot_u = np.zeros(len(uniques), dtype=bool)
    # Most first cells are row counters (numbers) or enterprise names: only text cells starting like
    # a keyword are looked at, and the type test runs in C over the whole column.
    text = np.fromiter(map(isinstance, uniques, itertools.repeat(str)), dtype=bool, count=len(uniques))
    for i in np.flatnonzero(text).tolist():
        u = uniques[i]
        if u[:1] in _KEYWORD_HEADS:
            key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", u))
            sub_u[i] = bool(_SUBTOTAL.match(key))
            foot_u[i] = bool(_FOOTER.match(key))
    return sub_u[codes], foot_u[codes]


def _is_column_number_row(row: list) -> bool:
    values = [v for v in row if v not in ("", None)]
    if len(values) < 3:
        return False
    numbers = []
    for v in values:
        text = unicodedata.normalize("NFKC", str(v)).strip().removesuffix(".0")
        if not text.isdigit():
            return False
        numbers.append(int(text))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
