"""Printable workbooks for the clerk: 逾期未整改隐患清单, 屡查屡有隐患, 统计汇总.

Written with xlsxwriter; every cell from a ledger is written as typed data (text stays text, never a
formula). A4 landscape, one page wide, header repeated on every printed page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from anquan_cli.messages import GROUP_LABELS, INDICATORS
from anquan_cli.outputs import WORKBOOK_OPTIONS, atomic_path
from anquan_cli.read.dates import format_cn
from anquan_cli.vocab import MAJOR

MAJOR_FILL = "#F8CBAD"


class _Book:
    def __init__(self, path: Path, title: str) -> None:
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
        self.wb.set_properties({"title": title, "author": "anquan", "created": dt.datetime(2000, 1, 1)})
        base = {"font_name": "宋体", "font_size": 10, "valign": "vcenter", "border": 1, "text_wrap": True}
        add = self.wb.add_format
        self.f = {
            "title": add(
                {"font_name": "方正小标宋简体", "font_size": 16, "align": "center", "valign": "vcenter"}
            ),
            "sub": add({"font_name": "宋体", "font_size": 10}),
            "head": add({**base, "bold": True, "bg_color": "#DDEBF7", "align": "center"}),
            "text": add(base),
            "num": add({**base, "align": "right"}),
            "pct": add({**base, "align": "right", "num_format": "0.0"}),
            "total_pct": add(
                {**base, "bold": True, "bg_color": "#F2F2F2", "align": "right", "num_format": "0.0"}
            ),
            "date": add({**base, "num_format": "yyyy-mm-dd", "align": "center"}),
            "major": add({**base, "bg_color": MAJOR_FILL}),
            "major_num": add({**base, "bg_color": MAJOR_FILL, "align": "right"}),
            "major_date": add(
                {**base, "bg_color": MAJOR_FILL, "num_format": "yyyy-mm-dd", "align": "center"}
            ),
            "total": add({**base, "bold": True, "bg_color": "#F2F2F2"}),
            "total_num": add({**base, "bold": True, "bg_color": "#F2F2F2", "align": "right"}),
        }

    def sheet(self, name: str, title: str, subtitle: str, headers: Sequence[str], widths: Sequence[int]):
        ws = self.wb.add_worksheet(name)
        last = len(headers) - 1
        ws.merge_range(0, 0, 0, last, title, self.f["title"])
        ws.set_row(0, 30)
        ws.merge_range(1, 0, 1, last, subtitle, self.f["sub"])
        for c, (h, w) in enumerate(zip(headers, widths, strict=True)):
            ws.write_string(2, c, h, self.f["head"])
            ws.set_column(c, c, w)
        ws.freeze_panes(3, 0)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(2)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        return ws

    def cell(self, ws, r: int, c: int, value, kind: str = "text", style: str = "") -> None:
        fmt = self.f[f"{style}_{kind}" if style and kind != "text" else (style or kind)]
        if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
            ws.write_blank(r, c, None, fmt)
        elif kind == "date":
            ws.write_datetime(r, c, pd.Timestamp(value).to_pydatetime(), fmt)
        elif kind in ("num", "pct") and isinstance(value, int | float):
            ws.write_number(r, c, value, fmt)
        else:
            ws.write_string(r, c, str(value), fmt)

    def close(self) -> None:
        self.wb.close()


def write_overdue(report, target: Path) -> Path:
    """逾期未整改隐患清单: grouped by town then enterprise, 重大 rows highlighted, a total per town."""
    headers = (
        "序号",
        "镇街",
        "企业名称",
        "隐患编号",
        "隐患等级",
        "隐患描述",
        "整改责任人",
        "整改期限",
        "逾期天数",
        "处理建议",
        "来源",
    )
    widths = (6, 10, 26, 16, 13, 40, 10, 12, 8, 16, 40)
    frame = report.overdue
    with atomic_path(target) as tmp:
        book = _Book(tmp, "逾期未整改隐患清单")
        subtitle = (
            f"截至 {format_cn(report.as_of)}：逾期未整改 {len(frame)} 条，其中重大事故隐患 "
            f"{int((frame['level'] == MAJOR).sum())} 条（建议责令停产整顿）；未计入分析的数据行 {report.hazards.excluded_rows} 行"
        )
        ws = book.sheet("逾期未整改隐患清单", "逾期未整改隐患清单", subtitle, headers, widths)
        r, n = 3, 0
        for town, group in frame.groupby("town", sort=False, dropna=False):
            for row in group.itertuples(index=False):
                n += 1
                style = "major" if row.level == MAJOR else ""
                values = (
                    (n, "num"),
                    (row.town, "text"),
                    (row.unit, "text"),
                    (row.hazard_id, "text"),
                    (f"{row.level}事故隐患" if isinstance(row.level, str) else None, "text"),
                    (row.description, "text"),
                    (row.owner, "text"),
                    (row.deadline, "date"),
                    (int(row.days_overdue), "num"),
                    ("建议责令停产整顿" if row.major_stop_order else "督促限期整改", "text"),
                    (f"{Path(row.path).name} {row.sheet or ''} 第{row.row}行", "text"),
                )
                for c, (value, kind) in enumerate(values):
                    book.cell(ws, r, c, value, kind, style)
                r += 1
            majors = int((group["level"] == MAJOR).sum())
            name = town if isinstance(town, str) else "（未填写镇街）"
            ws.merge_range(
                r, 0, r, 10, f"{name} 小计：{len(group)} 条，其中重大 {majors} 条", book.f["total"]
            )
            r += 1
        ws.merge_range(r, 0, r, 10, f"合计：{len(frame)} 条", book.f["total"])
        ws.autofilter(2, 0, max(3, r - 1), len(headers) - 1)
        book.close()
    return target


def write_repeats(report, target: Path) -> Path:
    headers = (
        "序号",
        "镇街",
        "企业名称",
        "问题类别",
        "次数",
        "发现日期",
        "隐患编号",
        "隐患描述",
        "最近一次是否整改",
    )
    widths = (6, 10, 26, 16, 6, 22, 26, 50, 10)
    with atomic_path(target) as tmp:
        book = _Book(tmp, "屡查屡有隐患")
        subtitle = (
            f"截至 {format_cn(report.as_of)}，近 {report.window_days} 天内同一企业同类问题被不同日期发现两次及以上："
            f"{len(report.groups)} 组；未计入分析的数据行 {report.hazards.excluded_rows} 行"
        )
        ws = book.sheet("屡查屡有隐患", "屡查屡有隐患", subtitle, headers, widths)
        for n, g in enumerate(report.groups, 1):
            r = n + 2
            values = (
                (n, "num"),
                (g.town, "text"),
                (g.unit, "text"),
                (g.topic, "text"),
                (g.count, "num"),
                ("、".join(g.dates), "text"),
                ("、".join(h or "（无编号）" for h in g.hazard_ids), "text"),
                ("；".join(dict.fromkeys(g.descriptions)), "text"),
                ("未整改" if g.open else "已整改", "text"),
            )
            for c, (value, kind) in enumerate(values):
                book.cell(ws, r, c, value, kind, "major" if g.open else "")
        ws.autofilter(2, 0, max(3, len(report.groups) + 2), len(headers) - 1)
        book.close()
    return target


def write_stats(reports: dict, target: Path) -> Path:
    """统计汇总: one sheet per grouping (镇街, 行业领域, 企业), ranked, with the 合计 row."""
    keys = list(INDICATORS)
    first = next(iter(reports.values()))
    period = f"{first.month} 月发现的隐患" if first.month else "截至统计日发现的全部隐患"
    with atomic_path(target) as tmp:
        book = _Book(tmp, "隐患排查治理统计汇总")
        for by, report in reports.items():
            label = GROUP_LABELS[by]
            headers = (
                "排名",
                label,
                *[INDICATORS[k] + ("（%）" if k.endswith("_rate") else "") for k in keys],
            )
            widths = (6, 26 if by == "unit" else 14, *[10] * len(keys))
            subtitle = (
                f"统计范围：{period}；状态截至 {format_cn(report.as_of)}；"
                f"未计入分析的数据行 {report.hazards.excluded_rows} 行"
            )
            ws = book.sheet(f"按{label}", f"隐患排查治理情况统计（按{label}）", subtitle, headers, widths)
            r = 3
            for row in report.rows.to_dict("records"):
                book.cell(ws, r, 0, int(row["rank"]), "num")
                book.cell(ws, r, 1, row["name"])
                for c, k in enumerate(keys, 2):
                    book.cell(ws, r, c, row[k], "pct" if k.endswith("_rate") else "num")
                r += 1
            book.cell(ws, r, 0, None, "text", "total")
            book.cell(ws, r, 1, "合计", "text", "total")
            for c, k in enumerate(keys, 2):
                book.cell(ws, r, c, report.total[k], "pct" if k.endswith("_rate") else "num", "total")
        book.close()
    return target


def write_findings(results, target: Path, *, as_of: dt.date) -> Path:
    """校验报告: every finding of every file on one filterable sheet, and a per-file overview."""
    from anquan_cli.messages import LABELS, SEVERITY_LABEL

    with atomic_path(target) as tmp:
        book = _Book(tmp, "台账校验报告")
        errors = sum(r.errors for r in results)
        warnings = sum(r.warnings for r in results)
        subtitle = f"截止日 {format_cn(as_of)}；{len({r.path for r in results})} 个文件，错误 {errors} 条，警告 {warnings} 条"
        headers = ("序号", "文件", "工作表", "位置", "级别", "字段", "原值", "问题说明", "代码")
        ws = book.sheet("问题清单", "台账校验报告", subtitle, headers, (6, 40, 14, 10, 6, 14, 24, 60, 22))
        r = 3
        for result in results:
            for f in result.findings:
                values = (
                    (r - 2, "num"),
                    (str(result.path), "text"),
                    (f.sheet, "text"),
                    (f.cell or (f"第{f.row}行" if f.row else ""), "text"),
                    (SEVERITY_LABEL[f.severity.value], "text"),
                    (f.field, "text"),
                    (f.value, "text"),
                    (f.message, "text"),
                    (f.code, "text"),
                )
                for c, (value, kind) in enumerate(values):
                    book.cell(ws, r, c, value, kind, "major" if f.severity.value == "error" else "")
                r += 1
        ws.autofilter(2, 0, max(3, r - 1), len(headers) - 1)
        headers = ("文件", "类型", "工作表", "表头行", "数据行", "错误", "警告", "无法读取的原因")
        ws = book.sheet("文件概况", "各文件校验概况", subtitle, headers, (50, 10, 16, 8, 8, 8, 8, 50))
        for r, result in enumerate(results, 3):
            rows = result.header_rows
            values = (
                (str(result.path), "text"),
                (LABELS.get(result.kind, "") if result.kind else "", "text"),
                (result.sheet, "text"),
                (
                    f"{rows[0]}–{rows[1]}" if rows and rows[0] != rows[1] else (rows[0] if rows else None),
                    "text",
                ),
                (result.counts.used, "num"),
                (result.errors, "num"),
                (result.warnings, "num"),
                (result.error, "text"),
            )
            for c, (value, kind) in enumerate(values):
                book.cell(ws, r, c, value, kind, "major" if result.error else "")
        ws.autofilter(2, 0, max(3, len(results) + 2), len(headers) - 1)
        book.close()
    return target
