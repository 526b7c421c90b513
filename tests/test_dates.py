"""Every date form of domain.md §2, deadline tokens, and a property test over the formats."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.core.dates import DateState, parse_date, parse_deadline
from anquan_cli.core.text import format_cn

D = dt.date(2026, 9, 3)


@pytest.mark.parametrize(
    "value",
    [
        D,
        dt.datetime(2026, 9, 3, 14, 30),
        "2026-09-03",
        "2026-9-3",
        "2026/9/3",
        "2026/09/03",
        "2026.9.3",
        "2026.09.03",
        "2026年9月3日",
        "2026年09月03日",
        "2026 年 9 月 3 日",
        "20260903",
        20260903,
        20260903.0,
        "２０２６年９月３日",  # full-width digits
        "２０２６－０９－０３",
        "2026-09-03 10:30:00",
        "2026/9/3 10:30",
        "2026-09-03T10:30",
        46268,  # Excel serial, 1900 system
        46268.5,
        "46268",
        " 2026-09-03 ",
        "于2026年9月3日前",
        "2026年9月3日前完成",
    ],
)
def test_date_forms(value):
    parsed = parse_date(value)
    assert parsed.state == DateState.OK, value
    assert parsed.date == D


def test_serial_in_1904_system():
    assert parse_date(46268 - 1462, date1904=True).date == D


@pytest.mark.parametrize("value", ["", None, "/", "—", "无", "  ", "-"])
def test_placeholders_are_empty(value):
    assert parse_date(value).state == DateState.EMPTY


@pytest.mark.parametrize("value", ["2026.13.5", "2026-02-30", "明天", "9月", "abc", True, "2026年9月"])
def test_unreadable(value):
    assert parse_date(value).state == DateState.BAD


@pytest.mark.parametrize("value", ["1926-09-03", 2026, 9.3])
def test_implausible_years(value):
    assert parse_date(value).state == DateState.OUT_OF_RANGE


@pytest.mark.parametrize("value", ["3月5日", "3月5号", "3/5"])
def test_year_missing(value):
    parsed = parse_date(value)
    assert parsed.state == DateState.NO_YEAR
    assert (parsed.date.month, parsed.date.day) == (3, 5)


@pytest.mark.parametrize(
    ("value", "state", "days", "busdays", "months"),
    [
        ("立即", DateState.IMMEDIATE, 0, 0, 0),
        ("立即整改", DateState.IMMEDIATE, 0, 0, 0),
        ("立行立改", DateState.IMMEDIATE, 0, 0, 0),
        ("当场整改", DateState.IMMEDIATE, 0, 0, 0),
        ("当日", DateState.IMMEDIATE, 0, 0, 0),
        ("当天", DateState.IMMEDIATE, 0, 0, 0),
        ("15日内", DateState.RELATIVE, 15, 0, 0),
        ("15天内", DateState.RELATIVE, 15, 0, 0),
        ("十五日内", DateState.RELATIVE, 15, 0, 0),
        ("限7日内完成", DateState.RELATIVE, 7, 0, 0),
        ("一周内", DateState.RELATIVE, 7, 0, 0),
        ("两周内", DateState.RELATIVE, 14, 0, 0),
        ("5个工作日内", DateState.RELATIVE, 0, 5, 0),
        ("一个月内", DateState.RELATIVE, 0, 0, 1),
        ("长期", DateState.VAGUE, 0, 0, 0),
        ("持续", DateState.VAGUE, 0, 0, 0),
        ("尽快", DateState.VAGUE, 0, 0, 0),
    ],
)
def test_deadline_tokens(value, state, days, busdays, months):
    parsed = parse_deadline(value)
    assert parsed.state == state
    assert (parsed.days, parsed.busdays, parsed.months) == (days, busdays, months)


def test_deadline_month_end_and_dates():
    assert parse_deadline("2026年10月底前").date == dt.date(2026, 10, 31)
    assert parse_deadline("2026-10-15").date == dt.date(2026, 10, 15)
    assert parse_deadline("年底前").year_end


def test_format_cn_has_no_zero_padding():
    assert format_cn(dt.date(2026, 3, 5)) == "2026年3月5日"


FORMS = (
    lambda d: d.isoformat(),
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: d.strftime("%Y%m%d"),
    lambda d: f"{d.year}年{d.month}月{d.day}日".translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
    lambda d: d,
    lambda d: dt.datetime(d.year, d.month, d.day, 8, 15),
    lambda d: float((d - dt.date(1899, 12, 30)).days),
)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(FORMS))
def test_every_form_round_trips(day, form):
    parsed = parse_date(form(day))
    assert parsed.state == DateState.OK
    assert parsed.date == day


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.none(), st.booleans()))
def test_parsers_never_raise(value):
    parse_date(value)
    parse_deadline(value)
