"""Rules shared by every ledger kind: columns, empty cells, dates, credit codes, duplicates.

Each rule is a vectorised mask over the ledger's columns; the Reporter builds findings for the True
cells only. Per-value work (check digits) runs on the distinct values of a column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from anquan_cli.core.dates import DateState, month_day_readings
from anquan_cli.core.identifiers import uscc_problem
from anquan_cli.core.text import format_cn, name_key
from anquan_cli.read.keys import valid_uscc
from anquan_cli.read.ledger import ROW, Ledger, state_col
from anquan_cli.read.normalize import UsccState, factorize, map_unique
from anquan_cli.rules.engine import CheckContext, Reporter
from anquan_cli.schema import FieldType


def values(ledger: Ledger, field_id: str) -> np.ndarray:
    return ledger.data[field_id].to_numpy()


def states(ledger: Ledger, field_id: str) -> np.ndarray:
    return ledger.data[state_col(field_id)].to_numpy()


def present(ledger: Ledger, field_id: str) -> np.ndarray:
    """Cells that hold something (typed fields: any state but EMPTY)."""
    if ledger.schema[field_id].type in (FieldType.TEXT, FieldType.ID):
        codes, per_code = ledger.distinct(field_id)
        return (per_code != None)[codes]  # noqa: E711 (elementwise)
    return states(ledger, field_id) != 0


def missing_columns(ledger: Ledger, report: Reporter, skip: Iterable[str] = ()) -> None:
    for f in ledger.schema.required:
        if f.id not in skip and not ledger.has(f.id):
            report.file("column-missing", f.id)


def required_cells(ledger: Ledger, report: Reporter, skip: Iterable[str] = ()) -> None:
    for f in ledger.schema.required:
        if f.id in skip or not ledger.has(f.id):
            continue
        empty = ~present(ledger, f.id)
        formula = formula_cells(ledger, f.id, empty)
        report.cells("formula-no-value", f.id, formula)
        report.cells("required-empty", f.id, empty & ~formula)


def formula_cells(ledger: Ledger, field_id: str, empty: np.ndarray) -> np.ndarray:
    """Which of the empty cells are formulas saved without a result (looked up only when some are empty)."""
    ref = ledger.columns[field_id]
    if not empty.any() or ledger.formula_probe is None or ref.context:
        return np.zeros(len(empty), dtype=bool)
    cells = ledger.formula_probe()
    if not cells:
        return np.zeros(len(empty), dtype=bool)
    rows = {r for r, c in cells if c == ref.index}
    return empty & np.isin(ledger.data[ROW].to_numpy(), list(rows))


def date_cells(ledger: Ledger, report: Reporter, ctx: CheckContext, future: Iterable[str]) -> None:
    """Unreadable, implausible, year-less and future dates in every date-typed column."""
    limit = np.datetime64(ctx.as_of, "s")
    future = set(future)
    for f in ledger.schema.fields:
        if f.type not in (FieldType.DATE, FieldType.DEADLINE) or not ledger.has(f.id):
            continue
        st = states(ledger, f.id)
        date = ledger.data[f.id].to_numpy()
        bad_code = "deadline-invalid" if f.type is FieldType.DEADLINE else "date-invalid"
        report.cells(bad_code, f.id, st == DateState.BAD)
        report.cells(
            "date-out-of-range",
            f.id,
            st == DateState.OUT_OF_RANGE,
            min_year=ctx.min_year,
            max_year=ctx.max_year,
        )
        noyear = st == DateState.NO_YEAR
        report.cells("date-year-assumed", f.id, noyear & ~np.isnat(date), date=date)
        report.cells("date-year-unknown", f.id, noyear & np.isnat(date))
        report.cells(
            "date-year-from-file", f.id, st == DateState.YEAR_FROM_FILE, date=date, source=ledger.year_source
        )
        report.cells("date-day-missing", f.id, st == DateState.MONTH_ONLY)
        report.cells("deadline-month-end", f.id, st == DateState.MONTH_END, date=date)
        ambiguous = st == DateState.AMBIGUOUS
        if ambiguous.any():
            first, second = _readings(ledger, f.id)
            report.cells("date-ambiguous", f.id, ambiguous, first=first, second=second)
        if f.id in future:
            report.cells(
                "date-future", f.id, (st == DateState.OK) & (date > limit), as_of=format_cn(ctx.as_of)
            )


def _readings(ledger: Ledger, field_id: str) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the two month.day readings of an ambiguous number cell (10.1: 10月1日 or 10月10日)."""
    pairs = [
        month_day_readings(float(v)) if isinstance(v, float) else [] for v in ledger.raw_uniques[field_id]
    ]
    first = np.array([f"{p[0].month}月{p[0].day}日" if len(p) == 2 else "" for p in pairs], dtype=object)
    second = np.array([f"{p[1].month}月{p[1].day}日" if len(p) == 2 else "" for p in pairs], dtype=object)
    codes = ledger.codes[field_id]
    return first[codes], second[codes]


def uscc_cells(ledger: Ledger, report: Reporter, field_id: str = "uscc") -> None:
    if not ledger.has(field_id):
        return
    st = states(ledger, field_id)
    report.cells("uscc-number", field_id, st == UsccState.NUMBER)
    text = st == UsccState.TEXT
    if not text.any():
        return
    codes, problems = _uscc_problems(ledger, field_id)
    for problem_code in ("uscc-length", "uscc-charset", "uscc-checksum"):
        hit = np.array([p is not None and p[0] == problem_code for p in problems], dtype=bool)
        if not hit.any():
            continue
        params = {
            k: np.array([p[1].get(k) if p else None for p in problems], dtype=object)[codes]
            for k in _KEYS[problem_code]
        }
        report.cells(problem_code, field_id, hit[codes] & text, **params)


_KEYS = {"uscc-length": ("length",), "uscc-charset": ("chars",), "uscc-checksum": ("expected",)}


def _uscc_problems(ledger: Ledger, field_id: str) -> tuple[np.ndarray, list]:
    """codes, and per code the problem of that credit code (None when valid or empty)."""
    codes, per_code = ledger.distinct(field_id)
    return codes, [None if v is None else uscc_problem(v) for v in per_code]


def duplicate_values(ledger: Ledger, report: Reporter, field_id: str, code: str) -> np.ndarray:
    """Second and later occurrences of a value that must be unique; the message names the first row."""
    if not ledger.has(field_id):
        return np.zeros(len(ledger.data), dtype=bool)
    col = ledger.data[field_id]
    dup = (col.duplicated(keep="first") & col.notna()).to_numpy()
    if dup.any():
        first = ledger.data.groupby(field_id, sort=False)[ROW].transform("first").to_numpy()
        report.cells(code, field_id, dup, first=first)
    return dup


def duplicate_rows(ledger: Ledger, report: Reporter, anchor: str, skip: np.ndarray) -> None:
    """Rows identical in every recognised cell to an earlier row (a double entry)."""
    if not ledger.codes or not ledger.has(anchor):
        return
    key = row_identity(ledger)
    dup = pd.Series(key).duplicated(keep="first").to_numpy() & ~skip
    if dup.any():
        first = ledger.data[ROW].groupby(key, sort=False).transform("first").to_numpy()
        report.cells("duplicate-row", anchor, dup, first=first)


def row_identity(ledger: Ledger) -> np.ndarray:
    """One int64 per row, equal exactly when all recognised raw cells are equal.

    The per-column value codes are digits of one mixed-radix number. Only when the next digit could
    overflow int64 is the key renumbered densely (factorized) first, so however many columns there
    are it never overflows, and most ledgers need one or two renumberings instead of one per column.
    """
    key = np.zeros(len(ledger.data), dtype=np.int64)
    span = 1  # every key is below this
    for codes in ledger.codes.values():
        radix = int(codes.max(initial=0)) + 1
        if span * radix > _KEY_LIMIT:
            dense, uniques = pd.factorize(key)
            key, span = dense.astype(np.int64), max(len(uniques), 1)
        key = key * radix + codes
        span *= radix
    return key


_KEY_LIMIT = 2**62


def one_to_one(ledger: Ledger, report: Reporter, unit: str = "unit", uscc: str = "uscc") -> None:
    """One credit code, one enterprise name (and back). Only rows off the majority pairing are flagged."""
    if not (ledger.has(unit) and ledger.has(uscc)):
        return
    ok = valid_uscc(ledger, uscc) & present(ledger, unit)
    if ok.sum() < 2:
        return
    if not _pairing_conflicts(value_ids(ledger, uscc)[ok], value_ids(ledger, unit, name_key)[ok]):
        return  # the usual case: grouped as integers, no frame and no groupby needed
    frame = pd.DataFrame(
        {
            "code": values(ledger, uscc)[ok],
            "key": ledger.map_values(unit, name_key)[ok],
            "name": values(ledger, unit)[ok],
        }
    )
    positions = np.flatnonzero(ok)
    _flag_minority(report, frame, positions, "code", "key", "name", unit, "uscc-many-names", "names")
    _flag_minority(report, frame, positions, "key", "code", "code", uscc, "name-many-uscc", "codes")


def value_ids(ledger: Ledger, field_id: str, key: Callable[[str], str] | None = None) -> np.ndarray:
    """Per row an int, equal exactly when the field's values (or their `key`) are equal."""
    codes, per_code = ledger.distinct(field_id)
    if key is not None:
        per_code = np.array([None if v is None else key(v) for v in per_code], dtype=object)
    return factorize(per_code)[0][codes]


def _pairing_conflicts(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether some value of `a` is paired with two values of `b`, or the other way round."""
    radix = int(b.max(initial=0)) + 1
    pairs = np.unique(a.astype(np.int64) * radix + b)
    return bool((np.bincount(pairs // radix) > 1).any() or (np.bincount(pairs % radix) > 1).any())


def _flag_minority(report, frame, positions, group, member, shown, field_id, code, param) -> None:
    counts = frame.groupby(group, sort=False)[member].nunique()
    conflicted = counts[counts > 1].index
    if conflicted.empty:
        return
    sub = frame[frame[group].isin(conflicted)]
    majority = sub.groupby(group, sort=False)[member].agg(lambda s: s.value_counts().index[0])
    listing = sub.groupby(group, sort=False)[shown].agg(lambda s: "、".join(dict.fromkeys(s)))
    off = (sub[member] != sub[group].map(majority)).to_numpy()
    mask = np.zeros(len(report.ledger.data), dtype=bool)
    mask[positions[sub.index.to_numpy()[off]]] = True
    listed = np.empty(len(mask), dtype=object)
    listed[positions[sub.index.to_numpy()]] = sub[group].map(listing).to_numpy()
    report.cells(code, field_id, mask, **{param: listed})


def membership(
    ledger: Ledger,
    report: Reporter,
    field_id: str,
    allowed: frozenset[str],
    code: str,
    canon: Callable[[str], str] = lambda s: s,
) -> None:
    """Values outside a configured list (only when the county configured one)."""
    if not allowed or not ledger.has(field_id):
        return
    allowed_keys = {canon(a) for a in allowed}
    bad = map_unique(
        values(ledger, field_id), lambda u: canon(u) not in allowed_keys, dtype=bool, missing=False
    )
    report.cells(code, field_id, bad)
