"""Rules for 应急演练记录 (issue 21; domain.md §8; 应急管理部令第2号 第三十三条).

Row by row: the type is one of the three, and a drill has its 评估总结. Unit by unit, over every drill
record read (a town sends one per enterprise or one for all): a 综合 or 专项 drill in the last 12 months
(6 for a high-risk unit), a 现场处置 drill in the last 6, and the 开工“第一课” after 春节 (a drill or
training row whose name says 第一课). The units are those of the roster (底数) when one is read, in the
statuses that must be inspected, else those of the drill records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from anquan_cli.core.calendar import add_working_days, first_working_day, spring_festival
from anquan_cli.core.dates import add_months
from anquan_cli.core.findings import Finding
from anquan_cli.core.text import format_cn, name_key
from anquan_cli.core.vocab import COMPREHENSIVE, ONSITE, SPECIAL, canonical_industry, drill_type, high_risk
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.rules import common
from anquan_cli.rules.engine import CheckContext, Reporter

FIRST_LESSON = ("第一课", "开工第一课", "开工一课")
_NO = frozenset(("无", "否", "没有", "未评估", "/", "-", "—"))


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    common.missing_columns(ledger, report)
    common.required_cells(ledger, report)
    common.date_cells(ledger, report, ctx, future=("held_on",))
    common.uscc_cells(ledger, report)
    if ledger.has("type"):
        bad = ledger.map_values("type", lambda v: drill_type(v) is None, dtype=bool, missing=False)
        report.cells("drill-type-invalid", "type", bad)
    if ledger.has("evaluation"):
        none = ledger.map_values("evaluation", lambda v: "".join(v.split()) in _NO, dtype=bool, missing=True)
        report.cells("drill-no-evaluation", "evaluation", none)


@dataclass(frozen=True)
class Drills:
    """What the unit checks need of one drill record, kept once the ledger itself is dropped."""

    rows: pd.DataFrame  # unit, key, town, industry, high_risk, type, held_on, name, row
    sheet: str | None
    header_row: int
    unit_column: str | None


def collect(ledger: Ledger, ctx: CheckContext) -> Drills:
    data = ledger.data
    n = len(data)

    def column(f: str) -> np.ndarray:
        return data[f].to_numpy() if ledger.has(f) else np.full(n, None, dtype=object)

    unit = column("unit")
    codes = valid_codes(ledger) if ledger.has("uscc") else np.full(n, None, dtype=object)
    names = np.array([name_key(u) if isinstance(u, str) else None for u in unit], dtype=object)
    keys = np.where(codes != None, codes, names)  # noqa: E711
    rows = ledger.origin.get("unit", data[ROW].to_numpy()) if ledger.has("unit") else data[ROW].to_numpy()
    held = data["held_on"].to_numpy().astype("datetime64[D]") if ledger.has("held_on") else None
    frame = pd.DataFrame(
        {
            "unit": unit,
            "key": keys,
            "town": column("town"),
            "industry": column("industry"),
            "high_risk": column("high_risk"),
            "type": ledger.map_values("type", drill_type) if ledger.has("type") else None,
            "held_on": held if held is not None else np.full(n, np.datetime64("NaT"), "M8[D]"),
            "name": column("name"),
            "row": rows,
        }
    )
    ref = ledger.columns.get("unit")
    return Drills(
        frame[frame["key"].notna()].reset_index(drop=True),
        ledger.sheet,
        ledger.header_rows[1],
        ref.letter if ref is not None else None,
    )


@dataclass(frozen=True)
class UnitStatus:
    """Each unit's drills as of a date, for the findings and the 通报's figures alike."""

    units: (
        pd.DataFrame
    )  # unit, key, town, high_risk, industry, annual_ok, halfyear_ok, onsite_ok, first_lesson
    as_of: dt.date
    year_since: dt.date
    half_since: dt.date
    lesson: tuple[int, dt.date, dt.date] | None  # year, first working day, last day to hold it (when due)


def unit_status(
    drills: list[pd.DataFrame],
    lessons: list[pd.DataFrame],
    roster: pd.DataFrame | None,
    ctx: CheckContext,
) -> UnitStatus:
    """`drills`: Drills.rows of every record; `lessons`: rows (key, held_on, name) of training archives;
    `roster`: units (unit, key, town, industry, high_risk) that must drill, or None."""
    settings = ctx.config.mechanisms
    as_of = ctx.as_of
    every = pd.concat(drills, ignore_index=True) if drills else _EMPTY.copy()
    if roster is not None and len(roster):
        units = roster[["unit", "key", "town", "industry", "high_risk"]].drop_duplicates("key")
    else:
        units = every.drop_duplicates("key")[["unit", "key", "town", "industry", "high_risk"]]
    units = units.reset_index(drop=True)
    # A unit is high-risk by its own 是否高危, else by its industry.
    risky = {canonical_industry(i, keep_subsectors=True) for i in settings.high_risk_industries}

    def is_high(row) -> bool:
        said = high_risk(row["high_risk"]) if isinstance(row["high_risk"], str) else row["high_risk"]
        if isinstance(said, bool | np.bool_):
            return bool(said)
        industry = row["industry"]
        return isinstance(industry, str) and canonical_industry(industry, keep_subsectors=True) in risky

    units["high"] = [is_high(r) for r in units.to_dict("records")] if len(units) else []
    day = np.datetime64(as_of, "D")
    year_since, half_since = add_months(as_of, -12), add_months(as_of, -6)
    held = every["held_on"].to_numpy()
    known = ~np.isnat(held) & (held <= day)
    planned = every["type"].isin([COMPREHENSIVE, SPECIAL]).to_numpy()
    onsite = (every["type"] == ONSITE).to_numpy()

    def keys_where(mask: np.ndarray) -> set:
        return set(every["key"].to_numpy()[mask])

    in_year = known & (held >= np.datetime64(year_since, "D"))
    in_half = known & (held >= np.datetime64(half_since, "D"))
    units["annual_ok"] = units["key"].isin(keys_where(planned & in_year))
    units["halfyear_ok"] = ~units["high"] | units["key"].isin(keys_where(planned & in_half))
    units["onsite_ok"] = units["key"].isin(keys_where(onsite & in_half))
    lesson = _lesson_window(as_of, settings)
    if lesson is None:
        units["first_lesson"] = None
    else:
        _, first, last = lesson
        festival = np.datetime64(spring_festival(first.year) or first, "D")
        held_lessons = [every[["key", "held_on", "name"]], *lessons]
        rows = pd.concat(held_lessons, ignore_index=True)
        dates = rows["held_on"].to_numpy().astype("M8[D]")
        named = (
            rows["name"]
            .map(lambda v: isinstance(v, str) and any(w in v for w in FIRST_LESSON))
            .to_numpy(bool)
        )
        window = ~np.isnat(dates) & (dates >= festival) & (dates <= np.datetime64(last, "D"))
        units["first_lesson"] = units["key"].isin(set(rows["key"].to_numpy()[named & window]))
    return UnitStatus(units, as_of, year_since, half_since, lesson)


def _lesson_window(as_of: dt.date, settings) -> tuple[int, dt.date, dt.date] | None:
    """The 第一课 of the as-of year, once its last day has passed; None before, or off the table."""
    first = first_working_day(as_of.year, settings.first_working_day)
    if first is None:
        return None
    last = add_working_days(first, settings.first_lesson_working_days)
    return (as_of.year, first, last) if as_of > last else None


_EMPTY = pd.DataFrame(
    {
        "unit": pd.Series(dtype=object),
        "key": pd.Series(dtype=object),
        "town": pd.Series(dtype=object),
        "industry": pd.Series(dtype=object),
        "high_risk": pd.Series(dtype=object),
        "type": pd.Series(dtype=object),
        "held_on": pd.Series(dtype="M8[D]"),
        "name": pd.Series(dtype=object),
        "row": pd.Series(dtype="int64"),
    }
)


def cross(collected: dict[str, list[tuple[int, object]]], ctx: CheckContext) -> list[tuple[int, Finding]]:
    """The unit checks over every drill record read: each finding on the unit's first row in the
    records, or, for a roster unit with no drill at all, on the last record's header row."""
    records = [(i, d) for i, d in collected.get("drill", []) if isinstance(d, Drills)]
    if not records:
        return []
    status = unit_status(
        [d.rows for _, d in records],
        [t for _, t in collected.get("training", []) if isinstance(t, pd.DataFrame)],
        roster_units(collected),
        ctx,
    )
    where: dict[object, tuple[int, Drills, int]] = {}
    for index, d in records:
        for key, row in zip(d.rows["key"], d.rows["row"], strict=True):
            where.setdefault(key, (index, d, int(row)))
    last_index, last = records[-1]
    as_of, year, half = (format_cn(x) for x in (status.as_of, status.year_since, status.half_since))
    out = []

    def add(code: str, unit: dict, **params) -> None:
        index, d, row = where.get(unit["key"], (last_index, last, last.header_row))
        found = unit["key"] in where
        finding = Finding.make(
            code,
            sheet=d.sheet,
            row=row,
            column=d.unit_column if found else None,
            field="单位名称" if found else None,
            value=unit["unit"] if found else None,
            unit=unit["unit"],
            **params,
        )
        out.append((index, finding))

    for unit in status.units.to_dict("records"):
        if not unit["annual_ok"]:
            add("drill-annual-missing", unit, since=year, as_of=as_of)
        elif not unit["halfyear_ok"]:
            add(
                "drill-halfyear-missing",
                unit,
                since=half,
                as_of=as_of,
                industry=unit["industry"] or "是否高危：是",
            )
        if not unit["onsite_ok"]:
            add("drill-onsite-missing", unit, since=half, as_of=as_of)
        if status.lesson is not None and not unit["first_lesson"]:
            y, first, last_day = status.lesson
            add("first-lesson-missing", unit, year=y, first=format_cn(first), deadline=format_cn(last_day))
    return out


def roster_units(collected: dict[str, list[tuple[int, object]]]) -> pd.DataFrame | None:
    frames = [r for _, r in collected.get("roster", []) if isinstance(r, pd.DataFrame)]
    return pd.concat(frames, ignore_index=True) if frames else None
