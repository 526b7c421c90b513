"""Normalise one column of raw cell values into canonical values plus a per-cell state.

Each column is factorized first; the Python work below runs once per distinct value and the result is
mapped back to the rows with a numpy take. Rows are never iterated here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import pandas as pd

from anquan_cli.core.dates import (
    EMPTY,
    PLACEHOLDERS,
    DateState,
    Parsed,
    date_in_text,
    parse_date,
    parse_deadline,
)
from anquan_cli.core.text import nfkc, nfkc_all
from anquan_cli.core.vocab import CLOSED, STATUS_LABEL, VocabState, map_level, map_status, map_tier
from anquan_cli.schema import FieldType


class UsccState:
    EMPTY, TEXT, NUMBER = 0, 1, 5


# A number shown the way Excel and WPS show one too long for a cell (9.14402E+17): a point or a plus
# sign, never both missing. "9144019404551955E3" is a credit code ending in E and 3, written as text.
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+E\+?|E\+)\d+$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class NormOptions:
    date1904: bool = False
    min_year: int = 2000
    max_year: int = 2100
    level_map: dict[str, str] = field(default_factory=dict)
    status_map: dict[str, str] = field(default_factory=dict)  # word -> 已整改/整改中/未整改


def display(value: object) -> str | None:
    """A raw cell as the clerk wrote it, for messages and JSON."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def clean_text(value: object) -> str | None:
    """NFKC, trimmed, placeholders ("/", "—", "无") as empty. Non-text cells become their display text."""
    if isinstance(value, str):
        s = nfkc(value).strip()
        return None if s.lower() in PLACEHOLDERS else s
    return display(value)


def clean_texts(values: np.ndarray) -> np.ndarray:
    """clean_text of each value, with the NFKC step done for all text values in one pass."""
    out = np.empty(len(values), dtype=object)
    is_text = np.fromiter(map(isinstance, values, repeat(str)), dtype=bool, count=len(values))
    texts = [t.strip() for t in nfkc_all(values[is_text].tolist())]
    out[is_text] = [
        None if len(t) <= _LONGEST_PLACEHOLDER and t.lower() in PLACEHOLDERS else t for t in texts
    ]
    out[~is_text] = [display(v) for v in values[~is_text]]
    return out


_LONGEST_PLACEHOLDER = max(map(len, PLACEHOLDERS))


def factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """codes, uniques with `uniques[codes] == values`; missing values come back as None, not NaN."""
    # With the sentinel pandas skips a whole-column isna pass (a tenth of a second on 100k rows of
    # text); the few missing cells, if any, then get one shared code of their own.
    codes, uniques = pd.factorize(values)
    codes, uniques = np.asarray(codes), np.asarray(uniques, dtype=object)
    missing = codes < 0
    if missing.any():
        codes[missing] = len(uniques)
        uniques = np.append(uniques, np.array([None], dtype=object))
    return codes, uniques


def map_unique(values: np.ndarray, fn, *, dtype=object, missing=None) -> np.ndarray:
    """fn applied once per distinct non-missing value and mapped back to every row."""
    codes, uniques = factorize(values)
    per_unique = np.array([missing if u is None else fn(u) for u in uniques], dtype=dtype)
    return per_unique[codes] if len(uniques) else np.empty(len(values), dtype=dtype)


@dataclass
class Column:
    """A factorized raw column: `uniques[codes[i]]` is row i's raw value."""

    codes: np.ndarray
    uniques: np.ndarray
    text: np.ndarray  # clean_text of each unique (object, None when empty)

    @classmethod
    def of(cls, raw: np.ndarray) -> Column:
        codes, uniques = factorize(raw)
        return cls(codes, uniques, clean_texts(uniques))

    @property
    def blank(self) -> np.ndarray:
        return np.array([t is None for t in self.text], dtype=bool)[self.codes]

    def take(self, per_unique: np.ndarray, rows: np.ndarray) -> np.ndarray:
        return per_unique[self.codes[rows]]


def normalise(ftype: FieldType, col: Column, rows: np.ndarray, opts: NormOptions) -> dict[str, np.ndarray]:
    """Canonical arrays for the kept `rows`: {"value": …, "state": …, plus extras for dates}."""
    if ftype in (FieldType.TEXT, FieldType.ID):
        value = col.take(col.text, rows)
        state = (value != None).astype(np.int8)  # noqa: E711 (elementwise on an object array)
        return {"value": value, "state": state}
    if ftype in (FieldType.DATE, FieldType.DEADLINE):
        parse = parse_deadline if ftype is FieldType.DEADLINE else parse_date
        parsed = [
            parse(u, date1904=opts.date1904, min_year=opts.min_year, max_year=opts.max_year)
            for u in col.uniques
        ]
        return _dates(col, rows, parsed)
    if ftype is FieldType.LEVEL:
        pairs = [map_level(t, opts.level_map) if t else (None, VocabState.EMPTY) for t in col.text]
        return _vocab(col, rows, pairs)
    if ftype is FieldType.TIER:
        pairs = [map_tier(t) if t else (None, VocabState.EMPTY) for t in col.text]
        return _vocab(col, rows, pairs)
    if ftype is FieldType.STATUS:
        extra = {k: _STATUS_CODE[v] for k, v in opts.status_map.items()}
        pairs = [map_status(t, extra) if t else (None, VocabState.EMPTY) for t in col.text]
        out = _vocab(col, rows, pairs)
        # "已于9月20日整改完毕": the date a closed status names, for an empty 整改完成日期 (see ledger).
        dated = [
            date_in_text(t, min_year=opts.min_year, max_year=opts.max_year) if p[0] == CLOSED else EMPTY
            for t, p in zip(col.text, pairs, strict=True)
        ]
        if any(d.state in _USABLE for d in dated):
            dated = [d if d.state in _USABLE else EMPTY for d in dated]
            dates = _dates(col, rows, dated)
            out["date"], out["date_state"] = dates["value"], dates["state"]
        return out
    if ftype is FieldType.USCC:
        values: list[str | None] = []
        states: list[int] = []
        for raw, text in zip(col.uniques, col.text, strict=True):
            if text is None:
                values.append(None)
                states.append(UsccState.EMPTY)
            elif isinstance(raw, int | float) and not isinstance(raw, bool):
                values.append(text)
                states.append(UsccState.NUMBER)
            else:
                code = _SPACES.sub("", text).upper()
                values.append(code)
                states.append(UsccState.NUMBER if _SCIENTIFIC.match(code) else UsccState.TEXT)
        return {
            "value": col.take(np.array(values, dtype=object), rows),
            "state": col.take(np.array(states, dtype=np.int8), rows),
        }
    raise ValueError(ftype)


_STATUS_CODE = {label: code for code, label in STATUS_LABEL.items()}
_USABLE = (DateState.OK, DateState.NO_YEAR)

# The states of a typed cell that read without an error (a warning at most).
_READABLE: dict[FieldType, tuple[int, ...]] = {
    FieldType.DATE: (DateState.OK, DateState.NO_YEAR),
    FieldType.DEADLINE: (
        DateState.OK,
        DateState.NO_YEAR,
        DateState.IMMEDIATE,
        DateState.RELATIVE,
        DateState.VAGUE,
    ),
    FieldType.LEVEL: (VocabState.OK, VocabState.MAPPED),
    FieldType.STATUS: (VocabState.OK, VocabState.MAPPED),
    FieldType.TIER: (VocabState.OK, VocabState.MAPPED),
}


def readable(ftype: FieldType, col: Column, rows: np.ndarray, opts: NormOptions) -> np.ndarray | None:
    """Which of `rows` hold a value of this typed column that reads without an error; None for the
    types where any value reads (text, identifiers, credit codes: their checks come later).
    The parsing runs once per distinct value, like normalise."""
    ok = _READABLE.get(ftype)
    if ok is None:
        return None
    return np.isin(normalise(ftype, col, rows, opts)["state"], ok)


def _vocab(
    col: Column, rows: np.ndarray, pairs: list[tuple[str | None, VocabState]]
) -> dict[str, np.ndarray]:
    values = np.array([p[0] for p in pairs], dtype=object)
    states = np.array([int(p[1]) for p in pairs], dtype=np.int8)
    return {"value": col.take(values, rows), "state": col.take(states, rows)}


def _dates(col: Column, rows: np.ndarray, parsed: list[Parsed]) -> dict[str, np.ndarray]:
    nat = np.datetime64("NaT", "D")
    dates = np.array([np.datetime64(p.date, "D") if p.date else nat for p in parsed], dtype="datetime64[D]")
    out = {
        "value": col.take(dates, rows),
        "state": col.take(np.array([int(p.state) for p in parsed], dtype=np.int8), rows),
    }
    if any(p.state == DateState.RELATIVE for p in parsed):
        for key in ("days", "busdays", "months"):
            out[key] = col.take(np.array([getattr(p, key) for p in parsed], dtype=np.int32), rows)
        out["year_end"] = col.take(np.array([p.year_end for p in parsed], dtype=bool), rows)
    return out


def resolve_relative(
    value: np.ndarray,
    state: np.ndarray,
    found: np.ndarray,
    found_ok: np.ndarray,
    extras: dict[str, np.ndarray],
    *,
    roll_forward: bool = False,
) -> np.ndarray:
    """Dates that depend on the row's found date: 立即 (= found), N日内, 年底前, and "3月5日" (found's year).

    Returns the resolved datetime64[D] array; rows whose found date is unusable stay NaT.
    """
    value = value.copy()
    imm = (state == DateState.IMMEDIATE) & found_ok
    value[imm] = found[imm]
    rel = (state == DateState.RELATIVE) & found_ok
    if rel.any():
        days = extras["days"][rel].astype("timedelta64[D]")
        base = found[rel] + days
        bus = extras["busdays"][rel]
        if bus.any():
            has = bus > 0
            base[has] = np.busday_offset(found[rel][has], bus[has], roll="forward")
        months = extras["months"][rel]
        if months.any():
            has = np.flatnonzero(months > 0)
            for i in has:  # "N个月内" is rare: a short loop over those cells only
                base[i] = np.datetime64(_add_months(found[rel][i].astype(dt.date), int(months[i])), "D")
        year_end = extras["year_end"][rel]
        if year_end.any():
            years = found[rel][year_end].astype("datetime64[Y]")
            base[year_end] = (years + 1).astype("datetime64[D]") - 1
        value[rel] = base
    noyear = (state == DateState.NO_YEAR) & found_ok
    if noyear.any():
        md, ref = value[noyear], found[noyear].astype("datetime64[D]")
        years = ref.astype("datetime64[Y]").astype(np.int64) + 1970
        candidate = with_year(md, years)
        if roll_forward:  # a deadline written "1月10日" for a hazard found in December: next January
            later = candidate < ref
            candidate[later] = with_year(md[later], years[later] + 1)
        value[noyear] = candidate
    value[(state == DateState.NO_YEAR) & ~found_ok] = np.datetime64("NaT")
    return value


def with_year(md: np.ndarray, year: int | np.ndarray) -> np.ndarray:
    """Month-day dates on the year-2000 placeholder moved to `year` (one, or one per date), whole
    arrays at a time; 2月29日 in a common year becomes NaT."""
    months = md.astype("datetime64[M]")
    moved = months + (np.asarray(year, dtype=np.int64) - 2000) * 12
    out = moved.astype("datetime64[D]") + (md.astype("datetime64[D]") - months.astype("datetime64[D]"))
    out[out.astype("datetime64[M]") != moved] = np.datetime64("NaT")
    return out


def _add_months(d: dt.date, n: int) -> dt.date:
    month = d.month - 1 + n
    year, month = d.year + month // 12, month % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
