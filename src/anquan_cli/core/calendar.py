"""The working calendar the plan's dates hang on: 春节 (anquan_cli/data/spring_festival.toml), the first
working day after it, and counting working days (Monday to Friday; a county gives a year's official
date in [mechanisms] first_working_day where the State Council's schedule shifts it)."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data" / "spring_festival.toml"
HOLIDAY_DAYS = 7  # 初一 to 初七: work resumes on 初八


@cache
def spring_festivals() -> dict[int, dt.date]:
    with _DATA.open("rb") as f:
        return {int(year): day for year, day in tomllib.load(f).items()}


def spring_festival(year: int) -> dt.date | None:
    """正月初一 of `year`, None outside the table."""
    return spring_festivals().get(year)


def first_working_day(year: int, official: Mapping[str, dt.date] | None = None) -> dt.date | None:
    """The first working day after 春节: the county's official date for the year when given, else 初八,
    or the Monday after when 初八 falls on a weekend."""
    if official and str(year) in official:
        return official[str(year)]
    festival = spring_festival(year)
    if festival is None:
        return None
    return next_working_day(festival + dt.timedelta(days=HOLIDAY_DAYS))


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when a weekday, else the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The working day `n` working days after `day` (n = 0: `day`, moved off a weekend)."""
    day = next_working_day(day)
    for _ in range(n):
        day = next_working_day(day + dt.timedelta(days=1))
    return day
