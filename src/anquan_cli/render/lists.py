"""Printable workbooks for the clerk: 逾期未整改隐患清单, 屡查屡有隐患, 统计汇总.

Written with the fast OOXML writer (render.xlsx_fast): a county's overdue list runs to tens of thousands
of rows. Every cell from a ledger is written as typed data (text stays text, never a formula). A4 landscape, one page wide, header repeated on every printed page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from anquan_cli.core.messages import GROUP_LABELS, INDICATORS
from anquan_cli.core.outputs import atomic_path
from anquan_cli.core.text import format_cn
from anquan_cli.core.vocab import MAJOR
from anquan_cli.render import xlsx_fast as fx
from anquan_cli.render.left_out import left_out


class _Sheet:
    """Cells collected by position, written out row by row when the book is saved."""

    def __init__(self, book: fx.Book, name: str) -> None:
        self.out = book.sheet(name)
        self.cells: dict[int, dict[int, tuple | int]] = {}
        self.heights: dict[int, float] = {}
        self.spans: dict[tuple[int, int], int] = {}  # (row, first column) of a merge -> its last column
        self.blocks: list[tuple[int, list[tuple[list, str]], np.ndarray]] = []

    def block(self, r0: int, columns: list[tuple[list, str]], emphasis) -> int:
        """Rows r0, r0+1, … from whole columns of (values, kind); rows where `emphasis` is true take the
        highlighted style. Returns the next free row. A county's overdue list is tens of thousands of
        rows: each column is formatted once per distinct value, not once per cell."""
        n = len(columns[0][0]) if columns else 0
        if n:
            self.blocks.append((r0, columns, np.asarray(emphasis, dtype=bool)))
        return r0 + n

    def merge_range(self, r0: int, c0: int, r1: int, c1: int, value, style: str) -> None:
        letters = fx.column_letters(c1 + 1)
        self.out.merges.append(f"{letters[c0]}{r0 + 1}:{letters[c1]}{r1 + 1}")
        for r in range(r0, r1 + 1):  # Excel draws a merged cell's border from every cell in it
            for c in range(c0, c1 + 1):
                self.cells.setdefault(r, {})[c] = fx.LIST[style]
        self.cells[r0][c0] = (value, fx.LIST[style])
        self.spans[(r0, c0)] = c1

    def autofilter(self, r0: int, c0: int, r1: int, c1: int) -> None:
        letters = fx.column_letters(c1 + 1)
        self.out.autofilter = f"{letters[c0]}{r0 + 1}:{letters[c1]}{r1 + 1}"

    def rows(self, book: fx.Book):
        last = max((max(row) for row in self.cells.values() if row), default=0)
        last = max([last, *(len(columns) - 1 for _, columns, _ in self.blocks)])
        letters = fx.column_letters(last + 1)
        lines = _line_counter()
        starts = {r0: (columns, emphasis) for r0, columns, emphasis in self.blocks}
        for r in sorted(self.cells.keys() | starts.keys()):
            if r in starts:
                yield from self._block_rows(book, r, *starts[r], letters, lines)
            else:
                yield self._row(book, r, letters, lines)

    def _row(self, book: fx.Book, r: int, letters: list[str], lines) -> str:
        widths = self.out.widths
        parts, tallest = [], 1
        for c, cell in sorted(self.cells[r].items()):
            value, style = cell if isinstance(cell, tuple) else (None, cell)
            parts.append(f'<c r="{letters[c]}{r + 1}"{book.fragment(value, style) or "/>"}')
            if isinstance(value, str) and value:
                last = self.spans.get((r, c), c)
                width = sum(widths.get(k, 8.43) for k in range(c, last + 1))
                tallest = max(tallest, lines(value, width))
        return f'<row r="{r + 1}"{self._height(r, tallest)}>{"".join(parts)}</row>'

    def _height(self, r: int | None, tallest: int) -> str:
        # Excel and WPS keep a row one line high unless told: a wrapped description would be cut off
        # on screen and on paper.
        height = (self.heights.get(r) if r is not None else None) or (
            _LINE_PT * tallest + 3 if tallest > 1 else None
        )
        return f' ht="{height}" customHeight="1"' if height else ""

    def _block_rows(self, book: fx.Book, r0: int, columns, emphasis, letters: list[str], lines):
        n, widths = len(emphasis), self.out.widths
        cells, tallest = [], np.ones(n, dtype=np.int64)
        for c, (values, kind) in enumerate(columns):
            codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
            if kind == "text" and not all(type(u) is str or u is None for u in uniques):
                # Hashing merges 1 and 1.0, which are different text: each cell on its own.
                codes, uniques = np.arange(n), values
            plain = [_typed(u, kind) for u in uniques]
            column = None
            for style in ("major", "") if emphasis.any() else ("",):
                texts = [book.fragment(v, fx.LIST[_style_key(kind, style)]) or "/>" for v in plain]
                chosen = np.array(texts, dtype=object)[codes]
                column = chosen if column is None else np.where(emphasis, column, chosen)
            cells.append(column)
            width = widths.get(c, 8.43)
            counts = np.array(
                [lines(v, width) if isinstance(v, str) and v else 1 for v in plain], dtype=np.int64
            )
            if len(counts):
                np.maximum(tallest, counts[codes], out=tallest)
        heights = {t: self._height(None, t) for t in np.unique(tallest).tolist()}
        attrs = [heights[t] for t in tallest.tolist()]
        template = '<row r="{0}"{1}>' + "".join(
            f'<c r="{letters[c]}{{0}}"{{{c + 2}}}' for c in range(len(columns))
        )
        yield from map((template + "</row>").format, range(r0 + 1, r0 + n + 1), attrs, *cells)


_LINE_PT = 13.5  # one line of 宋体 10 pt


def _line_counter():
    """Lines a text takes in a wrapped cell of a given width (memoised: list columns repeat values)."""
    import math
    from functools import cache

    @cache
    def lines(text: str, width: float) -> int:
        room = max(1.0, width - 1.5)  # the cell's inner margins
        return sum(max(1, math.ceil(fx.display_width(part) / room)) for part in text.split("\n"))

    return lines


def _style_key(kind: str, style: str) -> str:
    return f"{style}_{kind}" if style and kind != "text" else (style or kind)


def _typed(value, kind: str):
    """The value as written: a date, a plain number, or text (nothing from a ledger becomes a formula)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if kind == "date":
        return pd.Timestamp(value).to_pydatetime()
    if kind in ("num", "pct") and isinstance(value, int | float | np.number):
        return value.item() if isinstance(value, np.number) else value  # plain digits in the XML
    return str(value)


class _Book:
    def __init__(self, path: Path, title: str) -> None:
        self.path, self.title = path, title
        self.book = fx.Book()
        self.sheets: list[_Sheet] = []

    def sheet(self, name: str, title: str, subtitle: str, headers: Sequence[str], widths: Sequence[int]):
        ws = _Sheet(self.book, name)
        self.sheets.append(ws)
        last = len(headers) - 1
        ws.merge_range(0, 0, 0, last, title, "title")
        ws.heights[0] = 30
        ws.merge_range(1, 0, 1, last, subtitle, "sub")
        for c, h in enumerate(headers):
            self.cell(ws, 2, c, h, "head")
        # Column widths in characters, padded as Excel pads what the user types into the width box.
        ws.out.widths = {c: w + 0.71 for c, w in enumerate(widths)}
        ws.out.freeze_row = 3
        ws.out.print_titles = (3, 3)
        ws.out.active = len(self.sheets) == 1
        return ws

    def cell(self, ws: _Sheet, r: int, c: int, value, kind: str = "text", style: str = "") -> None:
        ws.cells.setdefault(r, {})[c] = (_typed(value, kind), fx.LIST[_style_key(kind, style)])

    def close(self) -> None:
        for ws in self.sheets:
            ws.out.rows = list(ws.rows(self.book))  # the shared strings are written before the sheets
        self.book.save(self.path, title=self.title)


def write_overdue(report, target: Path) -> Path:
    """逾期未整改隐患清单: grouped by town then enterprise, 重大 rows highlighted, a total per town."""
    headers: tuple[str, ...] = (
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
    widths: tuple[int, ...] = (6, 10, 26, 16, 13, 40, 10, 12, 8, 16, 40)
    frame = report.overdue
    listing = frame["listing"] if "listing" in frame else pd.Series("", index=frame.index, dtype=object)
    listed = bool((listing != "").any())
    if listed:  # a 挂牌督办 column, and within each town the listed hazards first
        headers, widths = (*headers[:9], "挂牌督办", *headers[9:]), (*widths[:9], 30, *widths[9:])
        frame = frame.assign(_unlisted=listing == "").sort_values(["town", "_unlisted"], kind="stable")
        listing = listing[frame.index]
    last = len(headers) - 1
    with atomic_path(target) as tmp:
        book = _Book(tmp, "逾期未整改隐患清单")
        subtitle = (
            f"截至 {format_cn(report.as_of)}（不论哪个月发现）：逾期未整改 {len(frame)} 条，其中重大事故隐患 "
            f"{int((frame['level'] == MAJOR).sum())} 条（建议责令停产整顿）；未计入分析的数据行 {report.hazards.excluded_rows} 行"
        )
        ws = book.sheet("逾期未整改隐患清单", "逾期未整改隐患清单", subtitle, headers, widths)
        r, n = 3, 0
        for town, group in frame.groupby("town", sort=False, dropna=False):
            major = (group["level"] == MAJOR).to_numpy()
            level = group["level"].map(lambda v: f"{v}事故隐患" if isinstance(v, str) else None)
            names = group["path"].map({p: Path(p).name for p in group["path"].unique()})
            sheets = group["sheet"].map(lambda v: f" {v}" if isinstance(v, str) and v else "")  # none for CSV
            columns = [
                (list(range(n + 1, n + len(group) + 1)), "num"),
                (group["town"].tolist(), "text"),
                (group["unit"].tolist(), "text"),
                (group["hazard_id"].tolist(), "text"),
                (level.tolist(), "text"),
                (group["description"].tolist(), "text"),
                (group["owner"].tolist(), "text"),
                (group["deadline"].tolist(), "date"),
                (group["days_overdue"].astype(int).tolist(), "num"),
                *([(listing[group.index].tolist(), "text")] if listed else []),
                (
                    np.where(
                        group["major_stop_order"].to_numpy(bool), "建议责令停产整顿", "督促限期整改"
                    ).tolist(),
                    "text",
                ),
                ((names + sheets + " 第" + group["row"].astype(str) + "行").tolist(), "text"),
            ]
            r, n = ws.block(r, columns, major), n + len(group)
            name = town if isinstance(town, str) else "（未填写镇街）"
            ws.merge_range(
                r, 0, r, last, f"{name} 小计：{len(group)} 条，其中重大 {int(major.sum())} 条", "total"
            )
            r += 1
        ws.merge_range(r, 0, r, last, f"合计：{len(frame)} 条", "total")
        ws.autofilter(2, 0, max(3, r - 1), len(headers) - 1)
        book.close()
    return target


def write_suspects(report, target: Path) -> Path:
    """疑似重大隐患清单: 一般 hazards whose description meets a criterion of the 判定标准, with the
    standard, article and words, and blank columns for the person who judges each."""
    headers = (
        "序号",
        "镇街",
        "企业名称",
        "行业领域",
        "排查日期",
        "隐患描述",
        "判定依据",
        "标准条文",
        "匹配关键词",
        "来源",
        "核实结论（是/否重大）",
        "核实人",
    )
    widths = (6, 10, 24, 10, 11, 30, 28, 34, 14, 22, 12, 8)
    rows = report.rows
    period = (
        f"{format_cn(report.start)}至{format_cn(report.end)}发现的" if report.start and report.end else ""
    )
    subtitle = f"{period}登记为一般隐患、描述符合重大事故隐患判定标准情形的 {len(rows)} 项（关键词比对，须逐项人工核实）"
    assumed = "（未填行业，按默认行业比对）"
    with atomic_path(target) as tmp:
        book = _Book(tmp, "疑似重大隐患清单")
        ws = book.sheet("疑似重大隐患", "疑似重大事故隐患清单", subtitle, headers, widths)
        columns = [
            (list(range(1, len(rows) + 1)), "num"),
            (rows["town"].tolist(), "text"),
            (rows["unit"].tolist(), "text"),
            (
                [
                    (i if isinstance(i, str) else "") + (assumed if a else "")
                    for i, a in zip(rows["industry"], rows["assumed"], strict=True)
                ],
                "text",
            ),
            (rows["found_on"].tolist(), "date"),
            (rows["description"].tolist(), "text"),
            (rows["basis"].tolist(), "text"),
            (rows["criterion_text"].tolist(), "text"),
            (["、".join(w) for w in rows["words"]], "text"),
            (rows["source"].tolist(), "text"),
            ([""] * len(rows), "text"),
            ([""] * len(rows), "text"),
        ]
        ws.block(3, columns, [False] * len(rows))
        ws.autofilter(2, 0, max(3, len(rows) + 2), len(headers) - 1)
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
        groups = report.groups
        ws.block(3, repeat_columns(groups), [g.open for g in groups])
        ws.autofilter(2, 0, max(3, len(report.groups) + 2), len(headers) - 1)
        book.close()
    return target


def repeat_columns(groups: list, *, who: bool = True) -> list[tuple[list, str]]:
    """A 屡查屡有 table's columns: 序号, (镇街, 企业,) 问题类别, 次数, 发现日期, 隐患编号, 隐患描述, 最近一次."""
    columns: list[tuple[list, str]] = [(list(range(1, len(groups) + 1)), "num")]
    if who:
        columns += [([g.town for g in groups], "text"), ([g.unit for g in groups], "text")]
    return [
        *columns,
        ([g.topic for g in groups], "text"),
        ([g.count for g in groups], "num"),
        (["、".join(g.dates) for g in groups], "text"),
        (["、".join(h or "（无编号）" for h in g.hazard_ids) for g in groups], "text"),
        (["；".join(dict.fromkeys(g.descriptions)) for g in groups], "text"),
        (["未整改" if g.open else "已整改" for g in groups], "text"),
    ]


def write_stats(reports: dict, target: Path, coverage=None) -> Path:
    """统计汇总: one sheet per grouping (镇街, 行业领域, 企业), ranked, with the 合计 row; with a
    coverage report (a roster was given), its 应排查 / 实际排查 by town on a sheet 排查覆盖."""
    keys = list(INDICATORS)
    first = next(iter(reports.values()))
    period = (
        f"{first.month} 月发现的隐患（“累计逾期未整改”两列为截至统计日全部逾期未整改隐患，含以前月份发现的）"
        if first.month
        else "截至统计日发现的全部隐患"
    )
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
        if coverage is not None:
            _coverage_by(book, coverage, "town", "镇街", sheet="排查覆盖")
        book.close()
    return target


def write_findings(
    results, target: Path, *, as_of: dt.date, superseded: Sequence[tuple[Path, Path]] = ()
) -> Path:
    """校验报告: every finding of every file on one filterable sheet, and a per-file overview, which
    lists the files `superseded` by a corrected copy too (file, copy read instead): no file goes unsaid."""
    from anquan_cli.core.messages import LABELS, SEVERITY_LABEL
    from anquan_cli.read import superseded_message

    with atomic_path(target) as tmp:
        book = _Book(tmp, "台账校验报告")
        errors = sum(r.errors for r in results)
        warnings = sum(r.warnings for r in results)
        subtitle = f"截止日 {format_cn(as_of)}；{len({r.path for r in results})} 个文件，错误 {errors} 条，警告 {warnings} 条"
        # 镇街 beside each finding: the clerk filters the list by town and sends each its part.
        headers = ("序号", "镇街", "文件", "工作表", "位置", "级别", "字段", "原值", "问题说明", "代码")
        widths = (6, 12, 40, 14, 10, 6, 14, 24, 60, 22)
        ws = book.sheet("问题清单", "台账校验报告", subtitle, headers, widths)
        every = [(str(result.path), f) for result in results for f in result.findings]
        towns = [result.town or "" for result in results for _ in result.findings]
        columns = [
            (list(range(1, len(every) + 1)), "num"),
            (towns, "text"),
            ([path for path, _ in every], "text"),
            ([f.sheet for _, f in every], "text"),
            ([f.cell or (f"第{f.row}行" if f.row else "") for _, f in every], "text"),
            ([SEVERITY_LABEL[f.severity.value] for _, f in every], "text"),
            ([f.field for _, f in every], "text"),
            ([f.value for _, f in every], "text"),
            ([f.message for _, f in every], "text"),
            ([f.code for _, f in every], "text"),
        ]
        r = ws.block(3, columns, [f.severity.value == "error" for _, f in every])
        ws.autofilter(2, 0, max(3, r - 1), len(headers) - 1)
        overview = (
            "文件",
            "镇街",
            "类型",
            "工作表",
            "表头行",
            "数据行",
            "错误",
            "警告",
            "无法读取的原因",
            "未读取的工作表和行",
        )
        widths = (50, 12, 10, 16, 8, 8, 8, 8, 50, 50)
        ws = book.sheet("文件概况", "各文件校验概况", subtitle, overview, widths)
        for r, result in enumerate(results, 3):
            rows = result.header_rows
            values = (
                (str(result.path), "text"),
                (result.town, "text"),
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
                (left_out(result) or None, "text"),
            )
            for c, (value, kind) in enumerate(values):
                book.cell(ws, r, c, value, kind, "major" if result.error else "")
        for r, (path, by) in enumerate(superseded, len(results) + 3):
            book.cell(ws, r, 0, str(path), "text")
            for c in range(1, len(overview) - 1):
                book.cell(ws, r, c, None, "text")
            book.cell(ws, r, len(overview) - 1, superseded_message(path, by), "text")
        ws.autofilter(2, 0, max(3, len(results) + len(superseded) + 2), len(overview) - 1)
        book.close()
    return target


def write_coverage(report, target: Path) -> Path:
    """应查未查清单: the uninspected units, the units not on the roster, and the coverage by town,
    department and industry (the 应排查 / 实际排查 columns of the national form)."""
    with atomic_path(target) as tmp:
        book = _Book(tmp, "应查未查清单")
        add_coverage_sheets(book, report)
        book.close()
    return target


def add_coverage_sheets(book: _Book, report) -> None:
    c = report.counts()
    period = f"{format_cn(report.start)}至{format_cn(report.end)}，截至 {format_cn(report.as_of)}"
    headers: tuple[str, ...] = (
        "序号",
        "镇街",
        "监管部门",
        "企业名称",
        "统一社会信用代码",
        "行业领域",
        "高危",
        "未检查的周期",
        "最近一次排查",
    )
    widths: tuple[int, ...] = (6, 12, 12, 30, 22, 12, 6, 36, 14)
    subtitle = (
        f"{period}：应排查 {c['working']} 家，已排查 {c['inspected']} 家，应查未查 {c['uninspected']} 家"
    )
    rows = report.uninspected.to_dict("records")
    columns = [
        (list(range(1, len(rows) + 1)), "num"),
        ([r["town"] for r in rows], "text"),
        ([r["dept"] for r in rows], "text"),
        ([r["unit"] for r in rows], "text"),
        ([r["uscc"] for r in rows], "text"),
        ([r["industry"] for r in rows], "text"),
        (["是" if r["high_risk_unit"] else "" for r in rows], "text"),
        (["、".join(r["windows_missed"]) for r in rows], "text"),
        ([format_cn(r["last_inspected"]) if r["last_inspected"] else "从未检查" for r in rows], "text"),
    ]
    if not report.roster["dept"].notna().any():  # a towns' roster: no empty 监管部门 column to print
        headers, widths = headers[:2] + headers[3:], widths[:2] + widths[3:]
        del columns[2]
    ws = book.sheet("应查未查", "应查未查企业清单", subtitle, headers, widths)
    ws.block(3, columns, [bool(r["high_risk_unit"]) for r in rows])
    ws.autofilter(2, 0, max(3, len(rows) + 2), len(headers) - 1)

    headers = ("序号", "镇街", "企业名称", "统一社会信用代码", "出现在")
    subtitle = (
        f"{period}：隐患台账中出现、生产经营单位底数中没有的企业 {c['not_on_roster']} 家，请核实后补入底数"
    )
    ws = book.sheet("底数不清", "底数中没有的企业", subtitle, headers, (6, 12, 30, 22, 70))
    missing = report.not_on_roster
    where = [
        "；".join(f"{Path(s['path']).name} {s['sheet'] or ''} 第{s['row']}行" for s in e["sources"])
        for e in missing
    ]
    columns = [
        (list(range(1, len(missing) + 1)), "num"),
        ([e["town"] for e in missing], "text"),
        ([e["unit"] for e in missing], "text"),
        ([e["uscc"] for e in missing], "text"),
        (where, "text"),
    ]
    ws.block(3, columns, [False] * len(missing))

    for by, label in (("town", "镇街"), ("dept", "监管部门"), ("industry", "行业领域")):
        _coverage_by(book, report, by, label)


def _coverage_by(book: _Book, report, by: str, label: str, sheet: str | None = None) -> None:
    """应排查 / 实际排查 / 覆盖率 per town (department, industry), with the 合计 row."""
    groups = report.groups[by]
    if not groups:
        return
    period = f"{format_cn(report.start)}至{format_cn(report.end)}，截至 {format_cn(report.as_of)}；对照生产经营单位底数"
    headers = ("排名", label, "应排查企业数", "实际排查企业数", "应查未查", "覆盖率（%）")
    ws = book.sheet(
        sheet or f"覆盖率_按{label}", f"排查覆盖率（按{label}）", period, headers, (6, 16, 12, 12, 10, 10)
    )
    r = 3
    for r, g in enumerate(groups, 3):
        values = (r - 2, g["name"], g["roster"], g["inspected"], g["uninspected"], g["rate"])
        for col, value in enumerate(values):
            book.cell(ws, r, col, value, "pct" if col == 5 else ("text" if col == 1 else "num"))
    c = report.counts()
    total = (None, "合计", c["working"], c["inspected"], c["uninspected"], report.rate())
    for col, value in enumerate(total):
        book.cell(ws, r + 1, col, value, "pct" if col == 5 else ("text" if col < 2 else "num"), "total")


def write_mechanisms(report, target: Path) -> Path:
    """长效机制检查: a sheet per kind read — each unit's drills, the training findings, each town's and
    department's supervisors — with the figures of the 通报's section."""
    as_of = format_cn(report.as_of)
    yes = {True: "是", False: "否"}
    with atomic_path(target) as tmp:
        book = _Book(tmp, "长效机制检查")
        if report.drill is not None:
            d = report.drill
            headers: tuple[str, ...] = (
                "序号",
                "单位",
                "镇街",
                "高危",
                "近12个月综合/专项演练",
                "近6个月综合/专项演练（高危）",
                "近6个月现场处置演练",
                "开工第一课",
            )
            c = report.drill_counts()
            subtitle = f"截至 {as_of}：{c['units']} 家单位，近12个月开展综合或专项演练 {c['annual_ok']} 家"
            ws = book.sheet("应急演练", "应急演练落实情况", subtitle, headers, (6, 30, 12, 6, 14, 18, 14, 12))
            rows = d.to_dict("records")
            lesson = [
                "" if report.lesson is None or r["first_lesson"] is None else yes[bool(r["first_lesson"])]
                for r in rows
            ]
            columns = [
                (list(range(1, len(rows) + 1)), "num"),
                ([r["unit"] for r in rows], "text"),
                ([r["town"] if isinstance(r["town"], str) else "" for r in rows], "text"),
                (["是" if r["high"] else "" for r in rows], "text"),
                ([yes[bool(r["annual_ok"])] for r in rows], "text"),
                ([yes[bool(r["halfyear_ok"])] if r["high"] else "" for r in rows], "text"),
                ([yes[bool(r["onsite_ok"])] for r in rows], "text"),
                (lesson, "text"),
            ]
            missed = [not (r["annual_ok"] and r["halfyear_ok"] and r["onsite_ok"]) for r in rows]
            ws.block(3, columns, missed)
            ws.autofilter(2, 0, max(3, len(rows) + 2), len(headers) - 1)
        if report.training is not None:
            t = report.training
            items = report.training_items
            subtitle = (
                f"截至 {as_of}：{t['people']} 人；证书过期 {t['certs_expired']}，应持证未填证书编号 {t['certs_missing']}，"
                f"年度学时不足 {t['hours_short']}"
            )
            headers = ("序号", "文件", "位置", "问题")
            ws = book.sheet("安全培训", "安全培训和持证问题", subtitle, headers, (6, 40, 14, 70))
            columns = [
                (list(range(1, len(items) + 1)), "num"),
                ([Path(i["path"]).name for i in items], "text"),
                ([f"{i['sheet'] or ''} 第{i['row']}行".strip() for i in items], "text"),
                ([i["message"] for i in items], "text"),
            ]
            ws.block(3, columns, [i["code"] != "training-hours-short" for i in items])
        if report.staffing is not None:
            rows = report.staffing.to_dict("records")
            below = sum(not r["ok"] for r in rows)
            subtitle = f"{len(rows)} 个单位，{below} 个未达到专职安全监管人员配备要求"
            headers = (
                "序号",
                "单位",
                "类型",
                "专职人数",
                "最低人数",
                "具有专业背景",
                "专业背景占比",
                "是否达标",
            )
            ws = book.sheet(
                "监管力量", "安全监管力量配备情况", subtitle, headers, (6, 24, 8, 10, 10, 12, 12, 10)
            )
            columns = [
                (list(range(1, len(rows) + 1)), "num"),
                ([r["unit"] for r in rows], "text"),
                ([r["kind"] for r in rows], "text"),
                ([int(r["fulltime"]) for r in rows], "num"),
                ([int(r["minimum"]) for r in rows], "num"),
                ([int(r["professional"]) for r in rows], "num"),
                (["" if pd.isna(r["share"]) else f"{r['share']:.1f}%" for r in rows], "text"),
                ([yes[bool(r["ok"])] for r in rows], "text"),
            ]
            ws.block(3, columns, [not r["ok"] for r in rows])
        book.close()
    return target
