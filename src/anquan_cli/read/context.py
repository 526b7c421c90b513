"""Fields written above the header instead of in a column: "企业名称：XX有限公司  统一社会信用代码：…",
or only in the title ("XX有限公司全员安全生产责任清单"), the sheet name or the file name; and the year a
ledger is about ("2026年10月隐患排查台账"), for dates written without one."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anquan_cli.core.dates import cn_digits
from anquan_cli.schema import Schema, normalize_header, strip_parens

_ORG = re.compile(
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|厂|店|中心|合作社|站|学校|医院|卫生院|酒店|宾馆|超市|商场|"
    r"门市部|经营部|加工厂|矿|场|馆|所|园|行|社|部)$"
)
_TITLE = re.compile(
    r"^(.+?)(?:企业)?(?:全员)?(?:安全生产)?(?:责任制|责任)(?:清单|体系|一览表)|^(.+?)(?:安全生产)?隐患"
)
_GENERIC_SHEET = re.compile(r"^(?:sheet\d*|工作表\d*|表\d*|\d+)$", re.I)


@dataclass(frozen=True)
class ContextValue:
    value: str
    label: str  # how the sheet names it ("企业名称", "标题", "工作表名")
    row: int | None = None  # 0-based position in the grid, None for sheet or file names
    col: int | None = None


def find_context(
    rows_above: list[list[Any]], schema: Schema, sheet: str | None, stem: str
) -> dict[str, ContextValue]:
    found: dict[str, ContextValue] = {}
    wanted = set(schema.context_fields)
    labels = {
        normalize_header(name): f.id
        for f in schema.fields
        if f.id in wanted
        for name in (f.header, *f.synonyms)
    }
    for r, row in enumerate(rows_above):
        for c, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            for label, value in _pairs(cell):
                key = normalize_header(label)
                field_id = labels.get(key) or labels.get(strip_parens(key))
                if field_id is None or field_id in found:
                    continue
                if not value:  # "企业名称：" in one cell, the name in the next
                    value = next((str(v).strip() for v in row[c + 1 :] if str(v).strip()), "")
                    if ":" in value or "：" in value:
                        value = ""
                if value:
                    found[field_id] = ContextValue(value, label.strip(), r, c)
    if "unit" in wanted and "unit" not in found:
        unit = _unit_from_titles(rows_above, sheet, stem)
        if unit:
            found["unit"] = unit
    return found


_PAIR = re.compile(r"([^\s:]+)\s*:\s*(.*?)(?=\s+[^\s:]+\s*:|$)")


def _pairs(cell: str):
    """Every "label：value" in a cell; one cell may hold both name and code ("企业名称：X　统一社会信用代码：Y")."""
    text = unicodedata.normalize("NFKC", cell).strip()
    for m in _PAIR.finditer(text):
        yield m.group(1), m.group(2).strip()


def _unit_from_titles(rows_above, sheet: str | None, stem: str) -> ContextValue | None:
    for r, row in enumerate(rows_above):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and cell.strip():
                name = _org_in_title(cell)
                if name:
                    return ContextValue(name, "标题", r, c)
                break  # only the first text of a row can be a title
    if sheet and not _GENERIC_SHEET.match(sheet.strip()):
        name = _org_in_title(sheet) or (sheet.strip() if _ORG.search(sheet.strip()) else None)
        if name:
            return ContextValue(name, "工作表名")
    name = _org_in_title(stem)
    if name:
        return ContextValue(name, "文件名")
    return None


def _org_in_title(text: str) -> str | None:
    s = unicodedata.normalize("NFKC", text).strip()
    m = _TITLE.match(s)
    if not m:
        return None
    name = (m.group(1) or m.group(2) or "").strip(" -_:")
    return name if name and _ORG.search(name) else None


# A year stands alone: 2026年, 2026-10, "2026 台账", never the digits inside a phone number or a code.
_YEAR = re.compile(r"(?<![0-9A-Za-z])(\d{4})(?![0-9A-Za-z])")
_CN_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=年)")


@dataclass(frozen=True)
class FileYear:
    year: int
    source: str  # where it was read, for the message: 第 1 行“…”, 工作表名“…”, 文件名“…”


def find_year(
    rows_above: list[list[Any]],
    sheet: str | None,
    stem: str,
    row_number: Callable[[int], int],
    min_year: int = 2000,
    max_year: int = 2100,
) -> FileYear | None:
    """The one year named by the rows above the header, else by the sheet name, else the file name.

    A place that names two different years (a title for 2025 filled in on 2026年1月5日) says nothing.
    """
    seen: dict[int, int] = {}  # year -> first row naming it
    for r, row in enumerate(rows_above):
        for cell in row:
            if isinstance(cell, dt.date):
                seen.setdefault(cell.year, r)
            elif isinstance(cell, str):
                for year in _years(cell, min_year, max_year):
                    seen.setdefault(year, r)
    if len(seen) == 1:
        ((year, r),) = seen.items()
        cells = (c.isoformat()[:10] if isinstance(c, dt.date) else str(c).strip() for c in rows_above[r])
        text = " ".join(c for c in cells if c)
        return FileYear(year, f"第 {row_number(r)} 行“{_short(text)}”")
    for label, name in (("工作表名", sheet), ("文件名", stem)):
        years = _years(name or "", min_year, max_year)
        if len(years) == 1:
            return FileYear(years.pop(), f"{label}“{_short(name or '')}”")
    return None


def _years(text: str, min_year: int, max_year: int) -> set[int]:
    s = unicodedata.normalize("NFKC", text)
    if "年" in s:
        s = _CN_YEAR.sub(lambda m: cn_digits(m.group(0)), s)
    return {y for y in map(int, _YEAR.findall(s)) if min_year <= y <= max_year}


def _short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
