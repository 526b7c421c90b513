"""一企一档 for the terminal, as a workbook (企业概况, 隐患记录, 屡查屡有, 函告) and as a Word document.

Takes the EnterpriseFile of analysis.enterprise by its attributes (render does not import analysis).
Every value from a ledger is user data: rich Text in the terminal, text cells in the workbook.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.outputs import atomic_path
from anquan_cli.core.text import format_cn, source_ref, title_lines
from anquan_cli.core.vocab import MAJOR, STATUS_LABEL
from anquan_cli.render.terminal import _safe, console

SUFFIXES = (".xlsx", ".docx")


def check_output(target: Path) -> None:
    """Refused before anything is read: only a workbook or a Word document."""
    if target.suffix.lower() not in SUFFIXES:
        raise AnquanError("enterprise-output-suffix", path=target, allowed=" 或 ".join(SUFFIXES))


def title(ef: Any) -> str:
    return f"{ef.unit}安全生产档案（一企一档）"


# --- the facts every form shows ------------------------------------------------------------------


def _roster_text(ef: Any) -> str:
    if ef.on_roster is None:
        return "未提供生产经营单位底数，无法核对"
    if not ef.on_roster:
        return "不在生产经营单位底数中（底数不清，请核实后补入底数）"
    src = ef.roster["source"]
    where = " ".join(x for x in (Path(src["path"]).name, src["sheet"]) if x)
    return f"已在底数中（{where} 第{src['row']}行）"


def _responsibility_text(ef: Any) -> str:
    if ef.responsibility == "submitted":
        return "已报送全员安全生产责任清单"
    if ef.responsibility == "missing":
        return "未报送全员安全生产责任清单"
    if ef.lists_read:
        return "隐患台账中没有该企业，未核对"
    return "未提供责任清单，无法核对"


def _counts_text(ef: Any) -> str:
    c = ef.counts
    return (
        f"共 {c['found']} 条，已整改 {c['closed']} 条，未整改 {c['open']} 条（其中逾期 {c['overdue']} 条）；"
        f"重大事故隐患 {c['major']} 条（其中逾期 {c['major_overdue']} 条）"
    )


def facts(ef: Any) -> list[tuple[str, str]]:
    """(label, text) of the 企业概况, in the order every form prints them."""
    r = ef.roster or {}
    rows = [
        ("企业名称", ef.unit),
        ("统一社会信用代码", ef.uscc or "（台账和底数中均未填写有效代码）"),
        ("镇街", ef.town or "（未填写）"),
    ]
    if r.get("dept"):
        rows.append(("监管部门", r["dept"]))
    rows.append(("行业领域", ef.industry or "（未填写）"))
    if ef.roster is not None:
        rows.append(("是否高危", "是" if r.get("high_risk") else "否"))
        rows.append(("经营状态", r.get("status") or "（未填写）"))
        if r.get("principal"):
            rows.append(("主要负责人", r["principal"]))
    rows += [
        ("生产经营单位底数", _roster_text(ef)),
        ("全员安全生产责任清单", _responsibility_text(ef)),
        ("最近一次排查", format_cn(ef.last_inspected) if ef.last_inspected else "台账中没有排查记录"),
        ("隐患情况", _counts_text(ef)),
        ("屡查屡有", f"{len(ef.repeats)} 组" if ef.repeats else "无"),
        ("函告", f"{len(ef.letters)} 件" if ef.letters else "无"),
        ("统计截止日", format_cn(ef.as_of)),
    ]
    return rows


def _level(h: dict) -> str:
    return f"{h['level']}事故隐患" if h["level"] else ""


def _state(h: dict) -> str:
    """The hazard as of the date: a hazard closed after it was still open then."""
    if h["closed"]:
        return "已整改"
    label = STATUS_LABEL.get(h["status"], "") if h["status"] != "closed" else "整改中"
    return f"{label}，逾期 {h['days_overdue']} 天" if h["days_overdue"] is not None else label


def _source(s: dict) -> str:
    return source_ref(Path(s["path"]).name, s["row"])


# --- terminal ------------------------------------------------------------------------------------


def print_enterprise(ef: Any) -> None:
    from anquan_cli.render.report_terminal import print_account

    out = console()
    out.print(Text(_safe(title(ef)), style="bold"), soft_wrap=True)
    for label, text in facts(ef):
        line = Text(f"  {label}：")
        bad = (label == "全员安全生产责任清单" and ef.responsibility == "missing") or (
            label == "生产经营单位底数" and ef.on_roster is False
        )
        line.append(_safe(text), style="yellow" if bad else "")
        out.print(line, soft_wrap=True)
    if ef.hazards:
        table = Table(header_style="bold", pad_edge=False, title_justify="left")
        for head, kw in (
            ("排查日期", {"no_wrap": True}),
            ("隐患编号", {"no_wrap": True}),
            ("等级", {"no_wrap": True}),
            ("隐患描述", {"overflow": "fold", "ratio": 1}),
            ("整改期限", {"no_wrap": True}),
            ("整改情况", {"overflow": "fold"}),
        ):
            table.add_column(head, **kw)
        for h in ef.hazards:
            late = h["days_overdue"] is not None
            major = h["level"] == MAJOR
            table.add_row(
                h["found_on"] or "",
                Text(_safe(h["hazard_id"] or "（无编号）")),
                Text(h["level"] or "", style="bold red" if major else ""),
                Text(_safe(h["description"] or "")),
                h["deadline"] or "",
                Text(_state(h), style="red" if late else ("green" if h["closed"] else "")),
            )
        out.print(Text("隐患记录：", style="bold"))
        out.print(table)
        if any(h["days_overdue"] is not None and h["level"] == MAJOR for h in ef.hazards):
            out.print(Text("  有重大事故隐患逾期未整改，建议责令停产整顿", style="bold red"), soft_wrap=True)
    for g in ef.repeats:
        line = Text("  屡查屡有：")
        line.append(_safe(f"{g.topic} {g.count} 次（{'、'.join(g.dates)}），最近一次："))
        line.append("未整改", style="bold red") if g.open else line.append("已整改", style="green")
        out.print(line, soft_wrap=True)
    for letter in ef.letters:
        text = (
            f"  函告：{letter['number']} {letter['kind']}（{letter['month']}，{format_cn(letter['date'])}）"
        )
        out.print(Text(_safe(text)), soft_wrap=True)
    print_account(out, ef.hazard_set)


# --- files ---------------------------------------------------------------------------------------


def write_enterprise(ef: Any, target: Path, document: Any = None) -> Path:
    """The file as .xlsx or .docx by the target's suffix; `document`: the county's [document] settings
    (fonts and margins of the .docx)."""
    check_output(target)
    if target.suffix.lower() == ".docx":
        return _write_docx(ef, target, document)
    return _write_xlsx(ef, target)


def _write_xlsx(ef: Any, target: Path) -> Path:
    from anquan_cli.render.lists import _Book, repeat_columns

    subtitle = f"截至 {format_cn(ef.as_of)}"
    with atomic_path(target) as tmp:
        book = _Book(tmp, title(ef))
        ws = book.sheet("企业概况", title(ef), subtitle, ("项目", "内容"), (20, 80))
        for r, (label, text) in enumerate(facts(ef), 3):
            book.cell(ws, r, 0, label)
            book.cell(ws, r, 1, text)

        hazards = ef.hazards
        headers: tuple[str, ...] = (
            "序号",
            "排查日期",
            "隐患编号",
            "隐患等级",
            "隐患描述",
            "整改期限",
            "整改情况",
            "整改完成日期",
            "逾期天数",
            "来源",
        )
        widths = (6, 12, 16, 13, 44, 12, 16, 12, 8, 30)
        ws = book.sheet("隐患记录", "隐患记录", f"{subtitle}：{_counts_text(ef)}", headers, widths)
        columns = [
            (list(range(1, len(hazards) + 1)), "num"),
            ([h["found_on"] for h in hazards], "date"),
            ([h["hazard_id"] for h in hazards], "text"),
            ([_level(h) for h in hazards], "text"),
            ([h["description"] for h in hazards], "text"),
            ([h["deadline"] for h in hazards], "date"),
            ([_state(h) for h in hazards], "text"),
            ([h["closed_on"] for h in hazards], "date"),
            ([h["days_overdue"] for h in hazards], "num"),
            ([_source(h["source"]) for h in hazards], "text"),
        ]
        ws.block(3, columns, [h["days_overdue"] is not None for h in hazards])
        ws.autofilter(2, 0, max(3, len(hazards) + 2), len(headers) - 1)

        groups = ef.repeats
        headers = ("序号", "问题类别", "次数", "发现日期", "隐患编号", "隐患描述", "最近一次是否整改")
        ws = book.sheet(
            "屡查屡有",
            "屡查屡有",
            f"{subtitle}：同类问题被不同日期发现两次及以上 {len(groups)} 组",
            headers,
            (6, 16, 6, 24, 26, 50, 10),
        )
        ws.block(3, repeat_columns(groups, who=False), [g.open for g in groups])

        letters = ef.letters
        headers = ("序号", "文号", "种类", "所属月份", "发文日期", "事由", "文件")
        ws = book.sheet(
            "函告",
            "函告记录",
            f"发文登记簿中发给本企业的函件 {len(letters)} 件",
            headers,
            (6, 24, 8, 10, 12, 50, 40),
        )
        columns = [
            (list(range(1, len(letters) + 1)), "num"),
            ([e["number"] for e in letters], "text"),
            ([e["kind"] for e in letters], "text"),
            ([e["month"] for e in letters], "text"),
            ([e["date"] for e in letters], "date"),
            ([e["reasons"] for e in letters], "text"),
            ([e["file"] for e in letters], "text"),
        ]
        ws.block(3, columns, [False] * len(letters))
        book.close()
    return target


def _fonts(element: Any, east_asian: str, latin: str) -> None:
    """Word ignores a Latin font name for Chinese text: w:eastAsia is set explicitly."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attr), value)


def _write_docx(ef: Any, target: Path, document: Any) -> Path:
    import datetime as dt

    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from anquan_cli.render.docx_build import Layout, layout_of

    layout = layout_of(document) if document is not None else Layout()
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title(ef), "anquan", "anquan"
    props.created = props.modified = dt.datetime(2026, 1, 1)  # the same file for the same data
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
    section.left_margin, section.right_margin = Mm(layout.left_mm), Mm(layout.right_mm)
    text_mm = 210 - layout.left_mm - layout.right_mm

    normal = doc.styles["Normal"]
    normal.font.size = Pt(layout.table_pt)
    _fonts(normal.element, layout.body_font, layout.latin_font)
    normal.paragraph_format.space_after = Pt(0)

    def paragraph(text: str, font: str, size: float, *, center: bool = False, space: float = 0) -> None:
        p = doc.add_paragraph()
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(space)
        p.paragraph_format.space_after = Pt(space / 2)
        run = p.add_run(text)
        run.font.size = Pt(size)
        _fonts(run._r, font, layout.latin_font)

    def table(headers: Sequence[str], widths_mm: Sequence[float], rows: Sequence[Sequence[str]]) -> None:
        grid = doc.add_table(rows=1 + len(rows), cols=len(headers))
        grid.style = doc.styles["Table Grid"]
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        grid.autofit = False
        scale = min(1.0, text_mm / sum(widths_mm))
        for c, width in enumerate(widths_mm):
            grid.columns[c].width = Mm(width * scale)
            for row in grid.rows:
                row.cells[c].width = Mm(width * scale)
        for r, values in enumerate([headers, *rows]):
            for c, value in enumerate(values):
                p = grid.rows[r].cells[c].paragraphs[0]
                run = p.add_run(value)
                run.font.size = Pt(layout.annex_table_pt)
                run.bold = r == 0
                _fonts(run._r, layout.heading1_font if r == 0 else layout.body_font, layout.latin_font)
        _repeat_header(grid)

    # broken between words like every title anquan writes (never "（一企一" / "档）")
    paragraph(
        title_lines(title(ef), text_mm / (layout.title_pt * 25.4 / 72)),
        layout.title_font,
        layout.title_pt,
        center=True,
    )
    paragraph(f"截至{format_cn(ef.as_of)}", layout.body_font, layout.table_pt, center=True, space=6)

    paragraph("一、企业概况", layout.heading1_font, layout.body_pt, space=12)
    table(("项目", "内容"), (40, 116), facts(ef))

    paragraph("二、隐患记录", layout.heading1_font, layout.body_pt, space=12)
    if ef.hazards:
        hazard_rows = [
            (
                str(i),
                format_cn(h["found_on"]),
                h["hazard_id"] or "",
                h["level"] or "",
                h["description"] or "",
                format_cn(h["deadline"]),
                _state(h),
            )
            for i, h in enumerate(ef.hazards, 1)
        ]
        headers = ("序号", "排查日期", "隐患编号", "等级", "隐患描述", "整改期限", "整改情况")
        table(headers, (10, 22, 24, 12, 50, 22, 24), hazard_rows)
    else:
        paragraph("台账中没有该企业的隐患记录。", layout.body_font, layout.table_pt)

    paragraph("三、屡查屡有", layout.heading1_font, layout.body_pt, space=12)
    if ef.repeats:
        repeat_rows = [
            (
                str(i),
                g.topic,
                str(g.count),
                "、".join(format_cn(d) for d in g.dates),
                "；".join(dict.fromkeys(g.descriptions)),
                "未整改" if g.open else "已整改",
            )
            for i, g in enumerate(ef.repeats, 1)
        ]
        table(
            ("序号", "问题类别", "次数", "发现日期", "隐患描述", "最近一次"),
            (10, 22, 10, 34, 58, 22),
            repeat_rows,
        )
    else:
        paragraph("无。", layout.body_font, layout.table_pt)

    paragraph("四、函告记录", layout.heading1_font, layout.body_pt, space=12)
    if ef.letters:
        letter_rows = [
            (str(i), e["number"], e["kind"], e["month"], format_cn(e["date"]), e["reasons"] or "")
            for i, e in enumerate(ef.letters, 1)
        ]
        table(("序号", "文号", "种类", "所属月份", "发文日期", "事由"), (10, 40, 16, 18, 24, 48), letter_rows)
    else:
        paragraph("发文登记簿中没有发给本企业的函件。", layout.body_font, layout.table_pt)

    with atomic_path(target) as tmp:
        doc.save(str(tmp))
    return target


def _repeat_header(grid: Any) -> None:
    """A long hazard table keeps its header on every printed page, and no row splits across two."""
    from docx.oxml.ns import qn

    for r, row in enumerate(grid.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
        if r == 0:
            tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
