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

from anquan_cli.core.dates import PLACEHOLDERS, DateState
from anquan_cli.core.findings import Finding, column_letter
from anquan_cli.core.messages import DUPLICATE_REASONS
from anquan_cli.core.text import percent
from anquan_cli.read.context import ORG_SUFFIX, FileYear, find_context, find_year
from anquan_cli.read.counts import RowCounts
from anquan_cli.read.header import GUESSED, HeaderMatch
from anquan_cli.read.normalize import (
    Column,
    NormOptions,
    clean_text,
    factorize,
    normalise,
    readable,
    resolve_relative,
    with_year,
)
from anquan_cli.read.sources import Grid
from anquan_cli.schema import FieldType, Schema, normalize_header

ROW = "_row"  # the Excel row number (CSV: line number) of each data row

_SUBTOTAL = re.compile(r"^(?:合计|小计|总计|共计|总合计)(?:[:：(（].*)?$")
# A footer keyword must end its cell or be followed by a colon or bracket: "填表人：张三", "（盖章）",
# "单位负责人（签字）：". A data cell such as an enterprise named 电话机厂 must never end the sheet.
_FOOTER = re.compile(
    r"^(?:填表人|填报人|制表人|审核人|审核|审批人|联系电话|联系人|电话|单位负责人|主要负责人|负责人|"
    r"负责人签字|签字|盖章|单位盖章|\(盖章\)|\(签字\)|填表日期|填报日期|报送日期|注|说明|备注|填表说明|"
    r"分管领导|单位\(盖章\))(?:[:(]|$)"
)

_KEYWORD_HEADS = frozenset("合小总共填制审联电单主负盖(（签注说备分示例 \u3000\t\n")
# The 序号 cell of a fill-in template's example row (render.fillin writes 示例1, 示例2 …).
_EXAMPLE = re.compile(r"^(?:示例|例)\d*$")


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
    # Header cells whose column was not read (no field, or the rival another column won over), left to
    # right: (column letter, header as written). A person sees what the file holds that was not used.
    unmapped: list[tuple[str, str]] = field(default_factory=list)
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
    body = full = grid.rows[start:]
    width = grid.width
    candidates = set(match.columns.values()).union(c for cands in match.rivals.values() for _, c in cands)
    needed = max(candidates) + 1
    beyond = None
    if needed < width:  # columns right of the last field (a stray note in XFD) are not data…
        beyond = _content_beyond(body, needed)  # …but a row with text only there is still counted
        body, width = [r[:needed] for r in body], needed
    n = len(body)
    arr = _cells(body, width)
    origins = _fill_vertical_merges(arr, grid.merged, start)

    counts = RowCounts(sheet_rows=len(grid.rows), header_and_above=start, total=n)
    above = grid.rows[: match.first]
    counts.title = sum(1 for row in above if any(v not in ("", None) for v in row))
    counts.empty = len(above) - counts.title
    counts.header = match.last - match.first + 1
    first_text = _first_nonempty(arr)
    has_any = first_text != ""
    if beyond is not None:
        has_any |= beyond
    subtotal, footer, example = _classify_text(first_text)

    by_col: dict[int, Column] = {}

    def factorized_col(c: int) -> Column:
        if c not in by_col:
            by_col[c] = Column.of(arr[:, c])
        return by_col[c]

    def filled_in(cols: dict[str, int]) -> np.ndarray:
        """Per row, how many of these columns hold a value."""
        out = np.zeros(n, dtype=np.int64)
        for c in cols.values():
            out += ~factorized_col(c).blank
        return out

    filled = filled_in(match.columns)
    heads = _header_repeats(grid, match, factorized_col, filled) | _column_number_rows(
        body, first_text, filled
    )
    counts.header_extra = int(heads.sum())
    excluded = heads.copy()

    # A footer (填表人：…) runs to the end of the sheet, or to the next block's header when tables
    # are stacked; below it, rows that look like data are not read but counted and shown.
    tail = _footer_regions(footer & ~heads, heads)
    tail &= ~heads
    gone = tail & ~has_any
    after = tail & has_any & (filled >= 3) & ~footer & ~subtotal
    counts.footer = int((tail & has_any & ~after).sum())
    counts.after_footer = int(after.sum())
    counts.skip("after-footer", counts.after_footer)
    excluded |= tail
    sub = subtotal & ~excluded
    counts.subtotal = int(sub.sum())
    excluded |= sub
    shown = example & ~excluded  # our templates number their grey example rows 示例1, 示例2 …
    counts.example = int(shown.sum())
    counts.skip("example", counts.example)
    excluded |= shown

    # Two columns for one field: the one whose values read best is kept, judged on the data rows.
    chosen, findings = _choose_columns(grid, match, schema, factorized_col, np.flatnonzero(~excluded), opts)
    unmapped = [(column_letter(c), match.texts[c]) for c in match.unused(set(chosen.values()))]

    columns = {f: ColumnRef(c, match.texts.get(c, schema[f].header)) for f, c in chosen.items()}
    factorized = {f: factorized_col(ref.index) for f, ref in columns.items()}
    if chosen != match.columns:
        filled = filled_in(chosen)
    _add_context(grid, match, schema, columns, factorized, n)
    labels = _label_rows(full, grid, start, has_any & (filled <= 1) & ~excluded)
    counts.label = int(labels.sum())
    excluded |= labels
    gone |= ~has_any & ~excluded
    counts.empty += int(gone.sum())
    rest = (filled == 0) & has_any & ~excluded  # a row number, "/" or text only in unused columns
    for reason, count in _why_blank(full, rest).items():
        counts.skip(reason, count)
    counts.blank = int((gone & ~heads).sum()) + int(rest.sum())
    excluded |= gone | rest
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
        unmapped=unmapped,
        year_source=file_year.used,
    )


def _choose_columns(
    grid: Grid,
    match: HeaderMatch,
    schema: Schema,
    column: Callable[[int], Column],
    data_rows: np.ndarray,
    opts: NormOptions,
) -> tuple[dict[str, int], list[Finding]]:
    """Each field's column (of two for one field, the one whose values read best on the data rows), and
    the header warnings: the rival not used, the column taken by a key word."""
    row = grid.row_number(match.last)

    def at_header(code: str, f: str, c: int, **params) -> Finding:
        return Finding.make(
            code, sheet=grid.sheet, row=row, column=column_letter(c), field=schema[f].header, **params
        )

    chosen = dict(match.columns)
    findings: list[Finding] = []
    for f, cands in match.rivals.items():
        chosen[f], compared = _choose(schema[f].type, cands, column, data_rows, opts)
        for ignored, reason in compared:
            other = column_letter(chosen[f])
            findings.append(
                at_header(
                    "column-duplicate", f, ignored, value=match.texts.get(ignored), other=other, reason=reason
                )
            )
    for f, c in chosen.items():
        if match.quality.get(f) == GUESSED:
            header = match.texts.get(c, "")
            findings.append(at_header("column-guessed", f, c, value=header, header=" ".join(header.split())))
    return chosen, findings


def _choose(
    ftype: FieldType,
    cands: list[tuple[int, int]],
    column: Callable[[int], Column],
    rows: np.ndarray,
    opts: NormOptions,
) -> tuple[int, list[tuple[int, str]]]:
    """The column kept among rivals for one field, and for each other one why it was not.

    A typed column (a date, a status) is judged by how many of its cells read without an error, so a
    column of prose beside a column of 是/否 never turns the good rows into errors; a text column
    by its header, then by how full it is. Ties go to the better header, then the leftmost column.
    Shares are of the rows where any of the rivals is filled in. Works per distinct value.
    """
    quality = {c: q for q, c in cands}
    filled = {c: ~column(c).blank[rows] for c in quality}
    anywhere = np.logical_or.reduce(list(filled.values()))
    base = int(anywhere.sum())
    reads = {c: readable(ftype, column(c), rows, opts) for c in quality}
    typed = all(r is not None for r in reads.values())
    count = {c: int(r.sum()) if typed and r is not None else int(filled[c].sum()) for c, r in reads.items()}

    def rank(c: int) -> tuple[int, ...]:
        return (count[c], quality[c], -c) if typed else (quality[c], count[c], -c)

    kept = max(quality, key=rank)

    def share(c: int) -> str:
        return percent(100 * count[c] / base) if base else percent(None)

    r = DUPLICATE_REASONS
    compared = []
    for c in sorted(quality):
        if c == kept:
            continue
        if typed and count[c] != count[kept]:
            reason = r["values"].format(kept=share(kept), this=share(c))
        elif not typed and quality[c] != quality[kept]:
            reason = r["header"]
        elif not typed and count[c] != count[kept]:
            reason = r["filled"].format(kept=share(kept), this=share(c))
        else:
            tie = (r["values-tie"] if typed else r["filled-tie"]).format(kept=share(kept)) if base else ""
            reason = tie + (r["header"] if quality[c] != quality[kept] else r["left"])
        compared.append((c, reason))
    return kept, compared


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


def _classify_text(first: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row, from its first non-empty cell: subtotal, footer, and a fill-in template's example row."""
    codes, uniques = factorize(first)
    sub_u = np.zeros(len(uniques), dtype=bool)
    foot_u = np.zeros(len(uniques), dtype=bool)
    example_u = np.zeros(len(uniques), dtype=bool)
    # Most first cells are row counters (numbers) or enterprise names: only text cells starting like
    # a keyword are looked at, and the type test runs in C over the whole column.
    text = np.fromiter(map(isinstance, uniques, itertools.repeat(str)), dtype=bool, count=len(uniques))
    for i in np.flatnonzero(text).tolist():
        u = uniques[i]
        if u[:1] in _KEYWORD_HEADS:
            key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", u))
            sub_u[i] = bool(_SUBTOTAL.match(key))
            foot_u[i] = bool(_FOOTER.match(key))
            example_u[i] = bool(_EXAMPLE.match(key))
    return sub_u[codes], foot_u[codes], example_u[codes]


def _content_beyond(body: list[list], width: int) -> np.ndarray:
    """Rows with a value right of the ledger's last column."""
    return np.fromiter(
        (len(r) > width and any(v not in ("", None) for v in r[width:]) for r in body),
        dtype=bool,
        count=len(body),
    )


def _header_repeats(
    grid: Grid, match: HeaderMatch, column: Callable[[int], Column], filled: np.ndarray
) -> np.ndarray:
    """Rows that repeat the header further down (stacked tables, or a header printed on every page):
    at least two of the ledger's columns, and four in five of the row's filled ones, say their header."""
    hits = np.zeros(len(filled), dtype=np.int64)
    for c in match.columns.values():
        written = [v for r in range(match.first, match.last + 1) for v in grid.rows[r][c : c + 1]]
        written += match.texts.get(c, "").split("-")
        names = {t for v in written if isinstance(v, str) for t in (clean_text(v), normalize_header(v)) if t}
        if not names:
            continue
        # One hash lookup per distinct cell (pandas, in C): a copied header row repeats the cells as written.
        col = column(c)
        said = pd.Series(col.text, dtype=object).isin(list(names)).to_numpy()
        if said.any():
            hits += said[col.codes]
    return (hits >= 2) & (hits * 5 >= filled * 4)


def _column_number_rows(body: list[list], first_text: np.ndarray, filled: np.ndarray) -> np.ndarray:
    """The "1 2 3 …" rows numbering the columns, under the header or under a repeated one."""
    out = np.zeros(len(body), dtype=bool)
    starts_at_one = (filled >= 3) & ((first_text == 1) | (first_text == "1"))
    for i in np.flatnonzero(starts_at_one).tolist():
        out[i] = _is_column_number_row(body[i])
    return out


def _footer_regions(starts: np.ndarray, heads: np.ndarray) -> np.ndarray:
    """From each footer row to the next repeated header (or the end of the sheet)."""
    n = len(starts)
    region = np.zeros(n, dtype=bool)
    resume = np.flatnonzero(heads)
    position = 0
    for p in np.flatnonzero(starts).tolist():
        if p < position:
            continue
        following = resume[resume > p]
        position = int(following[0]) if following.size else n
        region[p:position] = True
    return region


# A section label between stacked tables: an ordinal heading ("二、", "（三）", "第二部分"), a period
# ("十月份", "9月", "上半年", "遗留", "新增") or a table title repeated for the next block.
_LABEL = re.compile(
    r"^(?:\(?[一二三四五六七八九十]{1,3}[)、.]|第[一二三四五六七八九十\d]{1,3}(?:部分|批|类|季度|阶段))"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月份?|季度|上半年|下半年|年度|本月|上月|当月|遗留|新增|累计|往期"
    r"|台账|一览表|汇总表|清单|统计表"
)
_LABEL_MAX = 40


def _label_rows(body: list[list], grid: Grid, start: int, candidates: np.ndarray) -> np.ndarray:
    """Rows holding one value that reads as a section label, or one cell merged across the table."""
    out = np.zeros(len(body), dtype=bool)
    if not candidates.any():
        return out
    spans = {(r0 - start, c0): c1 - c0 + 1 for r0, c0, r1, c1 in grid.merged if r0 >= start and c1 > c0}
    for i in np.flatnonzero(candidates).tolist():
        cells = [(c, v) for c, v in enumerate(body[i]) if v not in ("", None)]
        if len({str(v) for _, v in cells}) != 1:
            continue
        c, value = cells[0]
        if not isinstance(value, str):
            continue
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
        if not text or len(text) > _LABEL_MAX or ORG_SUFFIX.search(text):
            continue  # an enterprise name alone is a data row with its fields missing, never a label
        out[i] = bool(_LABEL.search(text)) or spans.get((i, c), 1) >= 3
    return out


def _why_blank(body: list[list], rows: np.ndarray) -> dict[str, int]:
    """Rows with nothing in the ledger's columns but something elsewhere: a row number or "/" only,
    or text in columns the ledger does not use."""
    reasons: dict[str, int] = {}
    for i in np.flatnonzero(rows).tolist():
        values = [v for v in body[i] if v not in ("", None)]
        reason = "numbered-empty" if all(map(_is_filler, values)) else "unmapped-only"
        reasons[reason] = reasons.get(reason, 0) + 1
    return reasons


def _is_filler(value: object) -> bool:
    if isinstance(value, int | float):
        return True
    text = unicodedata.normalize("NFKC", str(value)).strip()
    return text.isdigit() or text.lower() in PLACEHOLDERS


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
