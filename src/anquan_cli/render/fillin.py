"""Fill-in workbooks for enterprises and towns: the ledger layout that passes `validate` by construction.

Dropdowns for every vocabulary, date-formatted date columns, the credit-code column formatted as text
(so an 18-digit code never turns into 9.15E+17), a frozen header and a 填表说明 sheet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from anquan_cli.config import Config
from anquan_cli.errors import AnquanError
from anquan_cli.outputs import WORKBOOK_OPTIONS, atomic_path
from anquan_cli.schema import FieldType, get_schema
from anquan_cli.vocab import INDUSTRIES

DATA_ROWS = 1000
SOURCES = ("企业自查", "镇街检查", "部门执法", "联合执法", "第三方", "举报")
CATEGORIES = ("基础管理类", "现场管理类")
LEVELS = ("一般事故隐患", "重大事故隐患")
STATUSES = ("已整改", "整改中", "未整改")

# What each column expects, shown as the header's comment and in the 填表说明 sheet.
HAZARD_HELP = {
    "hazard_id": "本单位（镇街）内唯一，如 QS-202610-001；同一隐患在以后各月报送中保持不变",
    "town": "隐患所在镇（街道）",
    "unit": "企业（单位）全称，与营业执照一致",
    "uscc": "18 位统一社会信用代码（本列为文本格式，请勿改为数字）",
    "industry": "从下拉列表选择",
    "found_on": "日期，如 2026-10-05",
    "source": "从下拉列表选择：企业自查、镇街检查、部门执法等",
    "category": "基础管理类或现场管理类",
    "level": "一般事故隐患或重大事故隐患（安监总局令第16号只分两级）",
    "place": "如 一车间东侧、仓库",
    "description": "写清具体问题，如“一车间东侧安全出口被货物堵塞”",
    "measure": "整改措施",
    "owner": "整改责任人姓名",
    "deadline": "日期；当场整改的可写“立即整改”；未整改完成的必须填写",
    "status": "已整改、整改中或未整改",
    "closed_on": "整改完成的日期；状态为已整改时必填",
    "verifier": "复查验收人姓名；已整改的隐患应填写",
    "verified_on": "复查验收日期",
    "funds": "整改资金（万元）",
    "note": "其他说明",
}
HAZARD_WIDTHS = {"description": 36, "measure": 30, "place": 16, "unit": 28, "uscc": 22, "hazard_id": 16}


def write_template(kind: str, target: Path, config: Config) -> Path:
    builders: dict[str, Callable[[Path, Config], None]] = {"hazards": _hazards, "hazard": _hazards}
    if kind not in builders:
        raise AnquanError("template-kind-unknown", kind=kind, choices="hazards")
    with atomic_path(target) as tmp:
        builders[kind](tmp, config)
    return target


def _hazards(path: Path, config: Config) -> None:
    import xlsxwriter

    schema = get_schema("hazard")
    fields = list(schema.fields)
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    wb.set_properties(
        {"title": "隐患排查治理台账（填报模板）", "author": "anquan", "created": dt.datetime(2000, 1, 1)}
    )
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "border": 1}
    title_fmt = wb.add_format(
        {"font_name": "方正小标宋简体", "font_size": 18, "align": "center", "valign": "vcenter"}
    )
    line_fmt = wb.add_format({"font_name": "宋体", "font_size": 11})
    head = {**base, "bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True}
    header_fmt = wb.add_format(head)
    required_fmt = wb.add_format({**head, "font_color": "#C00000"})
    text_fmt = wb.add_format({**base, "text_wrap": True})
    code_fmt = wb.add_format({**base, "num_format": "@"})
    date_fmt = wb.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"})
    number_fmt = wb.add_format({**base, "num_format": "0.00"})

    ws = wb.add_worksheet("隐患台账")
    lists = wb.add_worksheet("选项")
    ncols = len(fields) + 1
    ws.merge_range(0, 0, 0, ncols - 1, "安全生产隐患排查治理台账", title_fmt)
    ws.set_row(0, 36)
    ws.set_row(1, 20, line_fmt)  # the 填报 line carries no column borders
    ws.write_string(1, 0, "填报单位（盖章）：", line_fmt)
    ws.write_string(1, ncols - 4, "填报日期：", line_fmt)
    header_row, first, last = 2, 3, 2 + DATA_ROWS
    ws.set_row(header_row, 36)
    ws.write_string(header_row, 0, "序号", header_fmt)
    ws.set_column(0, 0, 6, text_fmt)

    option_lists = {
        "level": LEVELS,
        "status": STATUSES,
        "industry": tuple(config.industries) or INDUSTRIES,
        "source": SOURCES,
        "category": CATEGORIES,
    }
    if config.towns:
        option_lists["town"] = tuple(config.towns)
    for c, (field_id, options) in enumerate(option_lists.items()):
        lists.write_string(0, c, schema[field_id].header)
        for r, option in enumerate(options, 1):
            lists.write_string(r, c, option)
        option_lists[field_id] = (c, len(options))
    lists.hide()

    for i, f in enumerate(fields, 1):
        ws.write_string(header_row, i, f.header, required_fmt if f.required else header_fmt)
        ws.write_comment(
            header_row,
            i,
            ("【必填】" if f.required else "") + HAZARD_HELP.get(f.id, ""),
            {"author": "anquan"},
        )
        if f.type in (FieldType.DATE, FieldType.DEADLINE):
            col_fmt, width = date_fmt, 13
        elif f.type is FieldType.USCC:
            col_fmt, width = code_fmt, 22
        elif f.id == "funds":
            col_fmt, width = number_fmt, 10
        else:
            col_fmt, width = text_fmt, max(10, 2 * len(f.header) + 2)
        ws.set_column(i, i, HAZARD_WIDTHS.get(f.id, width), col_fmt)
        if f.id in option_lists:
            col, n = option_lists[f.id]
            letter = chr(65 + col)
            ws.data_validation(
                first,
                i,
                last,
                i,
                {
                    "validate": "list",
                    "source": f"=选项!${letter}$2:${letter}${n + 1}",
                    "error_title": "请从下拉列表选择",
                    "error_message": f"{f.header}只能从下拉列表中选择。",
                    "error_type": "stop" if f.id in ("level", "status") else "warning",
                },
            )
        elif f.type is FieldType.DATE:  # 整改期限 also takes 立即整改, so only true dates are restricted
            ws.data_validation(
                first,
                i,
                last,
                i,
                {
                    "validate": "date",
                    "criteria": "between",
                    "minimum": dt.date(2000, 1, 1),
                    "maximum": dt.date(2100, 12, 31),
                    "input_title": f.header,
                    "input_message": "请输入日期，如 2026-10-05",
                    "error_title": "日期格式不对",
                    "error_message": "请输入日期，如 2026-10-05",
                },
            )
        elif f.type is FieldType.USCC:
            ws.data_validation(
                first,
                i,
                last,
                i,
                {
                    "validate": "length",
                    "criteria": "==",
                    "value": 18,
                    "error_title": "统一社会信用代码",
                    "error_message": "统一社会信用代码为 18 位。",
                },
            )
    ws.freeze_panes(first, 3)
    ws.autofilter(header_row, 0, last, ncols - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(header_row)
    ws.fit_to_pages(1, 0)
    ws.activate()
    _instructions(wb, fields)
    wb.close()


def _instructions(wb, fields) -> None:
    ws = wb.add_worksheet("填表说明")
    bold = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 11})
    wrap = wb.add_format({"text_wrap": True, "font_name": "宋体", "font_size": 11, "valign": "top"})
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 8)
    ws.set_column(2, 2, 80)
    ws.write_string(0, 0, "填表说明", bold)
    notes = (
        "1. 一条隐患填一行；同一企业的多条隐患请逐行填写企业名称，不要合并单元格。",
        "2. 日期一律填写日期格式（如 2026-10-05），不要写“9月5日”“长期”等。",
        "3. 隐患等级只分一般事故隐患和重大事故隐患两级（安监总局令第16号第三条）。",
        "4. 整改状态为“已整改”的，须填写整改完成日期和复查人；重大事故隐患须经属地或部门现场复查后方可销号。",
        "5. 请勿修改表头、增删列；表格下方可填写填表人、审核人和联系电话。",
    )
    for r, note in enumerate(notes, 1):
        ws.write_string(r, 0, note)
    ws.write_string(7, 0, "列名", bold)
    ws.write_string(7, 1, "是否必填", bold)
    ws.write_string(7, 2, "填写要求", bold)
    for r, f in enumerate(fields, 8):
        ws.write_string(r, 0, f.header)
        ws.write_string(r, 1, "必填" if f.required else "选填")
        ws.write_string(r, 2, HAZARD_HELP.get(f.id, ""), wrap)
