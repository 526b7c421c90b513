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

ORG_SUFFIX = re.compile(
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
    if {"town", "dept"} <= wanted and "town" not in found and "dept" not in found:
        found.update(_reporter(rows_above, sheet, stem))
    return found


# Who reports a ledger, as its title, 填报单位 line, sheet or file name says: a town (青石镇, 东湖街道,
# 示例经济开发区) or a county department (县住建局, 示例县交通运输局, 县消防救援大队).
_COUNTY = r"(?:[\u4e00-\u9fff]{1,6}?[县市区](?=[\u4e00-\u9fff]{2}))?"
_TOWN = re.compile(
    rf"^{_COUNTY}([\u4e00-\u9fff]{{1,8}}?(?:街道办事处|街道|镇|乡|经济开发区|经济技术开发区|高新技术产业开发区|开发区|高新区|产业园区|园区))"
)
_DEPT = re.compile(
    r"^((?:[\u4e00-\u9fff]{0,6}?[县市区])?[\u4e00-\u9fff]{1,14}?"
    r"(?:局|委员会|委|办公室|大队|支队|中队|中心|管理处|监督站|管理站|所))(?![\u4e00-\u9fff]*(?:公司|厂))"
)
_REPORTER_LABELS = ("填报单位", "报送单位", "填报部门", "报送部门", "单位", "部门")


def _reporter(rows_above, sheet: str | None, stem: str) -> dict[str, ContextValue]:
    """The town or department a ledger without a 镇街 column belongs to (first place that names one)."""
    for r, row in enumerate(rows_above):
        for c, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            for label, value in _pairs(cell):
                if label.strip() in _REPORTER_LABELS and value:
                    hit = _town_or_dept(value, label.strip(), r, c)
                    if hit:
                        return hit
    for r, row in enumerate(rows_above):
        first = next(((c, v) for c, v in enumerate(row) if isinstance(v, str) and v.strip()), None)
        if first is not None:
            hit = _town_or_dept(first[1], "标题", r, first[0])
            if hit:
                return hit
    for text, label in ((sheet or "", "工作表名"), (stem, "文件名")):
        hit = _town_or_dept(text, label, None, None)
        if hit:
            return hit
    return {}


def _town_or_dept(text: str, label: str, row: int | None, col: int | None) -> dict[str, ContextValue]:
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    town = _TOWN.match(s)
    if town:
        return {"town": ContextValue(town.group(1), label, row, col)}
    dept = _DEPT.match(s)
    if dept:
        return {"dept": ContextValue(dept.group(1), label, row, col)}
    return {}


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
        name = _org_in_title(sheet) or (sheet.strip() if ORG_SUFFIX.search(sheet.strip()) else None)
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
    return name if name and ORG_SUFFIX.search(name) else None


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
