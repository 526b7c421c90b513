"""Dates as clerks write them (domain.md §2), parsed one distinct value at a time.

Callers factorize a column first: a column of 100k dates holds a few hundred distinct values, so these
per-value functions never run per row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

from anquan_cli.core.text import nfkc


class DateState(IntEnum):
    EMPTY = 0
    OK = 1
    BAD = 2
    NO_YEAR = 3  # "3月5日": the year comes from the row's found date
    OUT_OF_RANGE = 4
    # deadline tokens
    IMMEDIATE = 5  # 立即整改: due on the found date
    RELATIVE = 6  # 15日内: found date + offset
    VAGUE = 7  # 长期: no deadline at all


@dataclass(frozen=True, slots=True)
class Parsed:
    state: DateState
    date: dt.date | None = None  # for NO_YEAR: year 2000 placeholder carrying month/day
    days: int = 0  # RELATIVE: calendar days
    busdays: int = 0  # RELATIVE: working days
    months: int = 0  # RELATIVE: calendar months
    year_end: bool = False  # RELATIVE: 年底前 (end of the found date's year)


EMPTY = Parsed(DateState.EMPTY)
BAD = Parsed(DateState.BAD)

EXCEL_1900 = dt.date(1899, 12, 30)
EXCEL_1904 = dt.date(1904, 1, 1)
_MIN_SERIAL, _MAX_SERIAL = 1, 2958465  # Excel's own bounds (1900-01-01 .. 9999-12-31)

PLACEHOLDERS = frozenset(
    {"", "/", "／", "\\", "-", "--", "—", "——", "–", "无", "暂无", "空", "null", "none", "nan", "n/a"}
)

_SEP = r"[-/.、,]"
_TIME = re.compile(r"(?:\s*[T ]\s*|\s+)(?:上午|下午)?\d{1,2}[:时]\d{1,2}(?:[:分]\d{1,2}(?:\.\d+)?秒?)?\s*$")
_PATTERNS = (
    (re.compile(rf"^(\d{{4}})\s*{_SEP}\s*(\d{{1,2}})\s*{_SEP}\s*(\d{{1,2}})$"), "ymd"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"), "ymd"),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),
    (
        re.compile(rf"^(\d{{2}})\s*(?:年|{_SEP})\s*(\d{{1,2}})\s*(?:月|{_SEP})\s*(\d{{1,2}})\s*[日号]?$"),
        "yymd",
    ),
    (re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"), "md"),
    (re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})$"), "md"),
    (re.compile(r"^(\d{5})(?:\.\d+)?$"), "serial"),
)
# Words around a date that do not change it: 于2026年9月30日前, 2026-09-30之前完成.
_AFFIX_HEAD = re.compile(r"^(?:于|在|限|截至|截止|截止到|截止于|到)\s*")
_AFFIX_TAIL = re.compile(r"\s*(?:之前|以前|前|止|为止)?\s*(?:完成整改|整改完成|完成|整改)?\s*$")


def clean_text(value: str) -> str:
    return nfkc(value).strip()


def from_serial(serial: float, date1904: bool = False) -> dt.date | None:
    if not (_MIN_SERIAL <= serial <= _MAX_SERIAL):
        return None
    base = EXCEL_1904 if date1904 else EXCEL_1900
    try:
        return base + dt.timedelta(days=int(serial))
    except OverflowError:
        return None


def parse_date(
    value: object, *, date1904: bool = False, min_year: int = 2000, max_year: int = 2100
) -> Parsed:
    """One cell value (str, number, date, datetime) → Parsed. Never raises."""
    if value is None:
        return EMPTY
    if isinstance(value, dt.datetime):
        return _ranged(value.date(), min_year, max_year)
    if isinstance(value, dt.date):
        return _ranged(value, min_year, max_year)
    if isinstance(value, bool):
        return BAD
    if isinstance(value, int | float):
        if value != value:  # NaN
            return EMPTY
        if float(value).is_integer() and 19000101 <= value <= 21001231:
            return parse_date(str(int(value)), date1904=date1904, min_year=min_year, max_year=max_year)
        d = from_serial(float(value), date1904)
        return _ranged(d, min_year, max_year) if d else BAD
    if not isinstance(value, str):
        return BAD
    s = clean_text(value)
    if s.lower() in PLACEHOLDERS:
        return EMPTY
    return parse_date_text(s, date1904=date1904, min_year=min_year, max_year=max_year)


def parse_date_text(s: str, *, date1904: bool = False, min_year: int = 2000, max_year: int = 2100) -> Parsed:
    s = _TIME.sub("", s)
    s = _AFFIX_TAIL.sub("", _AFFIX_HEAD.sub("", s))
    for pattern, form in _PATTERNS:
        m = pattern.match(s)
        if not m:
            continue
        if form == "serial":
            d = from_serial(float(m.group(1)), date1904)
            return _ranged(d, min_year, max_year) if d else BAD
        if form == "md":
            d = _make(2000, int(m.group(1)), int(m.group(2)))
            return Parsed(DateState.NO_YEAR, d) if d else BAD
        year = int(m.group(1)) + (2000 if form == "yymd" else 0)
        d = _make(year, int(m.group(2)), int(m.group(3)))
        return _ranged(d, min_year, max_year) if d else BAD
    return BAD


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _ranged(d: dt.date | None, min_year: int, max_year: int) -> Parsed:
    if d is None:
        return BAD
    if not (min_year <= d.year <= max_year):
        return Parsed(DateState.OUT_OF_RANGE, d)
    return Parsed(DateState.OK, d)


# --- deadlines -------------------------------------------------------------------------------

IMMEDIATE_TOKENS = frozenset(
    {
        "立即",
        "立即整改",
        "立行立改",
        "当场整改",
        "当场",
        "当日",
        "当天",
        "即查即改",
        "现场整改",
        "立改",
        "当场完成",
        "当日完成",
        "当天完成",
        "已当场整改",
        "马上整改",
    }
)
VAGUE_TOKENS = frozenset(
    {
        "长期",
        "持续",
        "尽快",
        "长期整改",
        "持续整改",
        "尽快整改",
        "逐步整改",
        "长期坚持",
        "持续改进",
        "待定",
        "限期整改",
    }
)
_CN_NUM = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "半": 0,
}
_RELATIVE = re.compile(
    r"^(?:限|在|于)?\s*(\d+|[一二两三四五六七八九十]{1,3}|半)\s*(个)?\s*"
    r"(工作日|日|天|周|星期|月)\s*(?:内|以内|之内)?\s*(?:完成|整改|完成整改|整改完成)?$"
)
_YEAR_END = re.compile(r"^(?:本年|今年|年)(?:底|末)(?:前|之前)?(?:完成|整改)?$|^年内(?:完成|整改)?$")
_MONTH_END = re.compile(r"^(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:底|末)\s*(?:前|之前)?\s*(?:完成|整改)?$")


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "半":
        return None
    if text == "十":
        return 10
    if len(text) == 1:
        return _CN_NUM.get(text)
    if text.startswith("十"):  # 十五
        return 10 + _CN_NUM.get(text[1], 0)
    if text.endswith("十"):  # 二十
        return _CN_NUM.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":  # 二十五
        return _CN_NUM.get(text[0], 0) * 10 + _CN_NUM.get(text[2], 0)
    return None


def parse_deadline(
    value: object, *, date1904: bool = False, min_year: int = 2000, max_year: int = 2100
) -> Parsed:
    """A 整改期限 cell: a date, or a token relative to the found date (domain.md §2)."""
    if isinstance(value, str):
        s = clean_text(value)
        compact = re.sub(r"\s+", "", s)
        if compact in IMMEDIATE_TOKENS:
            return Parsed(DateState.IMMEDIATE)
        if compact in VAGUE_TOKENS:
            return Parsed(DateState.VAGUE)
        if _YEAR_END.match(compact):
            return Parsed(DateState.RELATIVE, year_end=True)
        m = _MONTH_END.match(compact)
        if m:
            month = int(m.group(2))
            if not 1 <= month <= 12:
                return BAD
            if m.group(1):
                year = int(m.group(1))
                nxt = dt.date(year + month // 12, month % 12 + 1, 1)
                return _ranged(nxt - dt.timedelta(days=1), min_year, max_year)
            nxt = dt.date(2000 + month // 12, month % 12 + 1, 1)
            return Parsed(DateState.NO_YEAR, nxt - dt.timedelta(days=1))
        m = _RELATIVE.match(compact)
        if m:
            unit = m.group(3)
            if m.group(1) == "半":
                if unit == "月":
                    return Parsed(DateState.RELATIVE, days=15)
                return BAD
            n = _cn_number(m.group(1))
            if n is None:
                return BAD
            if unit == "工作日":
                return Parsed(DateState.RELATIVE, busdays=n)
            if unit in ("周", "星期"):
                return Parsed(DateState.RELATIVE, days=7 * n)
            if unit == "月":
                return Parsed(DateState.RELATIVE, months=n)
            return Parsed(DateState.RELATIVE, days=n)
    return parse_date(value, date1904=date1904, min_year=min_year, max_year=max_year)


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """A report month as the clerk types it ("2026-10", "2026年10月") → its first and last day."""
    from anquan_cli.core.errors import AnquanError

    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", month or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise AnquanError("option-month-invalid", value=month)
    year, mon = int(m.group(1)), int(m.group(2))
    first = dt.date(year, mon, 1)
    last = dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last
