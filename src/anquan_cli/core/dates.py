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
    # "2026年10月" in a date field: which day is unknown, so it is not a date at all
    MONTH_ONLY = 8
    # "2026年10月" as a deadline: due by the month's last day at the latest, so that day is taken
    MONTH_END = 9
    # A number 10.1 (the clerk typed 10.10 or 10.1; Excel kept 10.1): October 1st or 10th
    AMBIGUOUS = 10
    # Set while a ledger is built, never by the parsers: a year-less date that took its year from the
    # file (its title, sheet or file name) because the row had no usable found date.
    YEAR_FROM_FILE = 11
    # Set while a ledger is built: a 整改完成日期 left empty, taken from the status text
    # ("已于9月20日整改完毕").
    FROM_STATUS = 12


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
_YEAR_MONTH = re.compile(r"^(?:(\d{4})\s*(?:年|[-/.])\s*)?(\d{1,2})\s*月?份?$")
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
        if 1 <= value < 13 and not float(value).is_integer():
            # 10.5 typed into a General cell is stored as a number, and would otherwise be Excel's
            # serial 10 (1900-01-10).
            readings = month_day_readings(float(value))
            if len(readings) == 1:
                return Parsed(DateState.NO_YEAR, readings[0])
            if readings:
                return Parsed(DateState.AMBIGUOUS)
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
    if "月" in s and _CN_RUN.search(s):
        s = cn_digits(s)
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
    if _year_month(s):
        return MONTH_ONLY
    return BAD


MONTH_ONLY = Parsed(DateState.MONTH_ONLY)


def _year_month(s: str) -> tuple[int | None, int] | None:
    """ "2026年10月", "2026-10", "10月": (year or None, month) when the text names a month but no day."""
    m = _YEAR_MONTH.match(s)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    if m.group(1) is None and "月" not in s:  # a bare "10" is no month
        return None
    return (int(m.group(1)) if m.group(1) else None), int(m.group(2))


def month_day_readings(value: float) -> list[dt.date]:
    """The month.day dates a number 1 ≤ x < 13 can stand for (year 2000 placeholder).

    10.5 is October 5th. 10.1 may be October 1st or 10th: Excel drops the trailing zero of 10.10,
    so both readings come back. None when the number has more than two decimals or no valid day.
    """
    whole, _, frac = repr(value).partition(".")
    if not frac.isdigit() or len(frac) > 2 or not whole.isdigit():
        return []
    days = [int(frac)] + ([int(frac) * 10] if len(frac) == 1 else [])
    return [d for d in (_make(2000, int(whole), day) for day in days) if d]


# Dates written in Chinese numerals: 二〇二六年十月十二日, 二零二六年十月十二日, 十月廿五日. "○" (a
# white circle) stands in for 〇 on many keyboards.
_CN_DIGITS = dict(zip("〇零○一二两三四五六七八九", (0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_TENS = {"十": 1, "廿": 2, "卅": 3}
_CN_RUN = re.compile(r"[〇零○一二两三四五六七八九十廿卅]+")


def cn_digits(text: str) -> str:
    """Each run of Chinese numerals as Arabic digits: a year digit by digit (二〇二六 → 2026), a month
    or day by value (十二 → 12, 廿五 → 25). A run that is neither stays as written."""

    def one(m: re.Match[str]) -> str:
        run = m.group(0)
        if len(run) > 1 and all(c in _CN_DIGITS for c in run):
            return "".join(str(_CN_DIGITS[c]) for c in run)
        n = _cn_number(run)
        return run if n is None else str(n)

    return _CN_RUN.sub(one, text)


# A date inside prose ("已于9月20日整改完毕", "已整改（2026.9.5）"): a form with 月 or a full year, never a
# bare "3.5" (3.5万元 is money). A bracket holding only a date may use any form parse_date_text reads.
_CN = "〇零○一二两三四五六七八九十廿卅"
DATE_IN_TEXT = (
    rf"(?:(?:\d{{4}}|[{_CN}]{{4}})\s*年\s*)?(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[日号]?"
    r"|\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}"
)
_DATE_SEARCH = re.compile(rf"(?<!\d)(?:{DATE_IN_TEXT})(?!\d)")
_BRACKETED = re.compile(r"\(([^()]*)\)")


def date_in_text(text: str, *, min_year: int = 2000, max_year: int = 2100) -> Parsed:
    """The first date written inside a sentence (NFKC text), or EMPTY when it holds none."""
    m = _DATE_SEARCH.search(text)
    if m:
        return parse_date_text(m.group(0), min_year=min_year, max_year=max_year)
    for inner in _BRACKETED.findall(text):
        parsed = parse_date_text(inner.strip(), min_year=min_year, max_year=max_year)
        if parsed.state in (DateState.OK, DateState.NO_YEAR, DateState.OUT_OF_RANGE):
            return parsed
    return EMPTY


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
_RELATIVE = re.compile(
    r"^(?:限|在|于)?\s*(\d+|[一二两三四五六七八九十]{1,3}|半)\s*(个)?\s*"
    r"(工作日|日|天|周|星期|月)\s*(?:内|以内|之内)?\s*(?:完成|整改|完成整改|整改完成)?$"
)
_YEAR_END = re.compile(r"^(?:本年|今年|年)(?:底|末)(?:前|之前)?(?:完成|整改)?$|^年内(?:完成|整改)?$")
_MONTH_END = re.compile(r"^(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(?:底|末)\s*(?:前|之前)?\s*(?:完成|整改)?$")


def _cn_number(text: str) -> int | None:
    """A Chinese number below 100 (五, 十五, 二十, 二十五, 廿五, 卅一), or None."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        if text in _CN_TENS:
            return _CN_TENS[text] * 10
        return _CN_DIGITS.get(text)
    tens_at = next((i for i, c in enumerate(text) if c in _CN_TENS), -1)
    if tens_at < 0 or tens_at > 1 or len(text) - tens_at > 2:
        return None
    mark, head, tail = text[tens_at], text[:tens_at], text[tens_at + 1 :]
    if head and (mark != "十" or _CN_DIGITS.get(head, 0) == 0):  # 二十, never 二廿 or 〇十
        return None
    if tail and _CN_DIGITS.get(tail, 0) == 0:
        return None
    tens = _CN_DIGITS[head] if head else _CN_TENS[mark]
    return tens * 10 + (_CN_DIGITS[tail] if tail else 0)


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
        bare = _AFFIX_TAIL.sub("", _AFFIX_HEAD.sub("", compact))  # 2026年10月前完成
        ym = _year_month(cn_digits(bare) if "月" in bare else bare)
        if ym:
            # "2026年10月" as a deadline: done within October, so its last day is the latest date
            named_year, month = ym
            last = dt.date((named_year or 2000) + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            if named_year is None:
                return Parsed(DateState.NO_YEAR, last)
            ranged = _ranged(last, min_year, max_year)
            return Parsed(DateState.MONTH_END, last) if ranged.state == DateState.OK else ranged
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


_MONTH = re.compile(r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})|(\d{2}))\s*(?:月份?)?")


def parse_month(text: str | None) -> str:
    """A report month as the clerk types it → "YYYY-MM": 2026-10, 2026/10, 2026.10, 2026-1, 202610,
    2026年10月, 2026年十月份, full-width digits. Anything else (no year, month 13) raises AnquanError."""
    from anquan_cli.core.errors import AnquanError

    s = cn_digits(nfkc(text or "")).strip()
    m = _MONTH.fullmatch(s)
    month = int(m.group(2) or m.group(3)) if m else 0
    if m is None or not 1 <= month <= 12:
        raise AnquanError("option-month-invalid", value=text or "")
    return f"{int(m.group(1)):04d}-{month:02d}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """A report month (any form parse_month reads) → its first and last day."""
    year, mon = map(int, parse_month(month).split("-"))
    first = dt.date(year, mon, 1)
    last = dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last


_QUARTER = re.compile(r"(\d{4})\s*(?:-|/|年)?\s*(?:Q|第)?\s*([1-4])\s*(?:季度?)?", re.I)


def parse_quarter(text: str | None) -> tuple[dt.date, dt.date]:
    """A report quarter as typed → its first and last day: 2026Q4, 2026-Q4, 2026 Q4, 2026年第四季度,
    2026年4季度. Anything else raises AnquanError."""
    from anquan_cli.core.errors import AnquanError

    s = cn_digits(nfkc(text or "")).strip()
    m = _QUARTER.fullmatch(s)
    if m is None:
        raise AnquanError("option-quarter-invalid", value=text or "")
    year, quarter = int(m.group(1)), int(m.group(2))
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, month_bounds(f"{year}-{3 * quarter:02d}")[1]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_bounds(f"{year}-{month + 1:02d}")[1]
    return dt.date(year, month + 1, min(day.day, last.day))
