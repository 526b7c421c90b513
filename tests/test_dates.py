"""Every date form of domain.md §2, deadline tokens, and a property test over the formats."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.core.dates import DateState, date_in_text, month_day_readings, parse_date, parse_deadline
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
        "2026-09-03 00:00:00",  # a datetime pasted as text
        "2026/9/3 10:30",
        "2026-09-03T10:30",
        46268,  # Excel serial, 1900 system
        46268.5,
        "46268",
        " 2026-09-03 ",
        "于2026年9月3日前",
        "2026年9月3日前完成",
        "二〇二六年九月三日",  # Chinese numerals
        "二零二六年九月三日",
        "二○二六年九月三号",  # a white circle for 〇
        "2026年九月三日",
        "于二〇二六年九月三日前",
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


@pytest.mark.parametrize(
    "value",
    ["2026.13.5", "2026-02-30", "明天", "abc", True, "二〇二六年十三月五日", "二〇二六年", "十月三十二日"],
)
def test_unreadable(value):
    assert parse_date(value).state == DateState.BAD


@pytest.mark.parametrize("value", ["9月", "2026年9月", "2026-09", "2026.9", "二〇二六年九月", "2026年9月份"])
def test_month_without_day_is_no_date(value):
    """Which day is unknown: not a date (its own error), never day 1 or the month's end."""
    parsed = parse_date(value)
    assert parsed.state == DateState.MONTH_ONLY
    assert parsed.date is None


# 9.3 is no longer here: a number below 13 is read as month.day (see test_number_month_day).
@pytest.mark.parametrize("value", ["1926-09-03", 2026, 13.5, 45.3])
def test_implausible_years(value):
    assert parse_date(value).state == DateState.OUT_OF_RANGE


@pytest.mark.parametrize("value", ["3月5日", "3月5号", "3/5", "3.5", "三月五日", "三月五号"])
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


@pytest.mark.parametrize(
    ("value", "month", "day"),
    [(10.5, 10, 5), (12.31, 12, 31), (1.05, 1, 5), (2.3, 2, 3), (10.4, 10, 4), (10.12, 10, 12)],
)
def test_number_month_day(value, month, day):
    """A number cell 10.5 (Excel made "10.5" a number) is October 5th, never serial 10 (1900-01-10)."""
    parsed = parse_date(value)
    assert parsed.state == DateState.NO_YEAR
    assert (parsed.date.month, parsed.date.day) == (month, day)
    assert parse_deadline(value) == parsed


@pytest.mark.parametrize(
    ("value", "readings"),
    [
        (10.1, ((10, 1), (10, 10))),
        (10.2, ((10, 2), (10, 20))),
        (10.3, ((10, 3), (10, 30))),
        (9.3, ((9, 3), (9, 30))),
    ],
)
def test_number_with_a_dropped_zero_is_ambiguous(value, readings):
    """10.10 typed into a number cell is stored as 10.1: October 1st or 10th, so no date at all."""
    assert parse_date(value).state == DateState.AMBIGUOUS
    assert parse_date(value).date is None
    assert [(d.month, d.day) for d in month_day_readings(value)] == list(readings)


def test_text_month_day_is_not_ambiguous():
    """Typed as text, "10.1" kept its zero if it had one: October 1st."""
    parsed = parse_date("10.1")
    assert parsed.state == DateState.NO_YEAR and (parsed.date.month, parsed.date.day) == (10, 1)


@pytest.mark.parametrize("value", [10.123, 13.5, 0.5, 2.31])
def test_numbers_that_are_no_month_day_stay_serials(value):
    assert parse_date(value).state in (DateState.OUT_OF_RANGE, DateState.BAD)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026年10月", dt.date(2026, 10, 31)),
        ("2026-10", dt.date(2026, 10, 31)),
        ("2026年2月", dt.date(2026, 2, 28)),
        ("2028年2月", dt.date(2028, 2, 29)),
        ("2026年12月", dt.date(2026, 12, 31)),
        ("二〇二六年十月", dt.date(2026, 10, 31)),
        ("2026年10月前完成", dt.date(2026, 10, 31)),
    ],
)
def test_deadline_month_means_its_last_day(value, expected):
    parsed = parse_deadline(value)
    assert parsed.state == DateState.MONTH_END
    assert parsed.date == expected


def test_deadline_month_without_year_takes_the_found_year_later():
    parsed = parse_deadline("10月")
    assert parsed.state == DateState.NO_YEAR and (parsed.date.month, parsed.date.day) == (10, 31)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("已于9月20日整改完毕", (DateState.NO_YEAR, 9, 20)),
        ("已于2026年9月20日整改完毕", (DateState.OK, 9, 20)),
        ("2026.9.20整改完成", (DateState.OK, 9, 20)),
        ("已整改(2026-09-05)", (DateState.OK, 9, 5)),
        ("已整改(9.5)", (DateState.NO_YEAR, 9, 5)),
        ("已于二〇二六年九月二十日整改完毕", (DateState.OK, 9, 20)),
        ("已于九月二十日整改", (DateState.NO_YEAR, 9, 20)),
    ],
)
def test_date_inside_prose(text, expected):
    parsed = date_in_text(text)
    assert (parsed.state, parsed.date.month, parsed.date.day) == expected


@pytest.mark.parametrize("text", ["已整改", "已整改(资金3.5万元)", "已整改，联系电话13800138000", "整改到位"])
def test_prose_without_a_date(text):
    assert date_in_text(text).state == DateState.EMPTY


def test_deadline_month_end_and_dates():
    assert parse_deadline("2026年10月底前").date == dt.date(2026, 10, 31)
    assert parse_deadline("2026-10-15").date == dt.date(2026, 10, 15)
    assert parse_deadline("年底前").year_end


def test_format_cn_has_no_zero_padding():
    assert format_cn(dt.date(2026, 3, 5)) == "2026年3月5日"


_CN = "〇一二三四五六七八九"


def _cn_date(d: dt.date) -> str:
    """二〇二六年十月十二日: the year digit by digit, month and day by value."""

    def value(n: int) -> str:
        tens, units = divmod(n, 10)
        return ("" if tens < 2 else _CN[tens]) + ("十" if tens else "") + (_CN[units] if units else "")

    return "".join(_CN[int(c)] for c in str(d.year)) + f"年{value(d.month)}月{value(d.day)}日"


FORMS = (
    lambda d: d.isoformat(),
    _cn_date,
    lambda d: f"{d.isoformat()} 00:00:00",
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
