"""Fill-in workbooks for enterprises and towns: the ledger layout that passes `validate` by construction.

Dropdowns for every vocabulary, date-formatted date columns, the credit-code column formatted as text
(so an 18-digit code never turns into 9.15E+17), a frozen header and a 填表说明 sheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.core.outputs import WORKBOOK_OPTIONS, atomic_path
from anquan_cli.render.fillin_specs import SPECS, TemplateSpec
from anquan_cli.schema import FieldType, get_schema

DATA_ROWS = 1000


def write_template(kind: str, target: Path, config: Config) -> Path:
    spec = SPECS.get(kind)
    if spec is None:
        raise AnquanError("template-kind-unknown", kind=kind, choices="hazards、responsibility")
    with atomic_path(target) as tmp:
        _build(tmp, spec, config)
    return target


def _build(path: Path, spec: TemplateSpec, config: Config) -> None:
    import xlsxwriter

    schema = get_schema(spec.kind)
    fields = [f for f in schema.fields if f.id not in spec.omit]
    wb = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    wb.set_properties(
        {"title": f"{spec.title}（填报模板）", "author": "anquan", "created": dt.datetime(2000, 1, 1)}
    )
    fmt = _formats(wb)
    ws = wb.add_worksheet(spec.sheet)
    lists = wb.add_worksheet("选项")
    ncols = len(fields) + 1
    ws.merge_range(0, 0, 0, ncols - 1, spec.title, fmt["title"])
    ws.set_row(0, 36)
    header_row = 2 if spec.fill_line else 1
    if spec.fill_line:
        ws.set_row(1, 20, fmt["line"])  # the 填报 line carries no column borders
        ws.write_string(1, 0, "填报单位（盖章）：", fmt["line"])
        ws.write_string(1, ncols - 4, "填报日期：", fmt["line"])
    first, last = header_row + 1, header_row + DATA_ROWS
    ws.set_row(header_row, 36)
    ws.write_string(header_row, 0, "序号", fmt["header"])
    ws.set_column(0, 0, 6, fmt["text"])
    sources = _option_sources(lists, schema, spec.options(config))
    for i, f in enumerate(fields, 1):
        ws.write_string(header_row, i, f.header, fmt["required"] if f.required else fmt["header"])
        ws.write_comment(
            header_row, i, ("【必填】" if f.required else "") + spec.help.get(f.id, ""), {"author": "anquan"}
        )
        col_fmt, width = _column_format(f, fmt, f.id in spec.text)
        ws.set_column(i, i, spec.widths.get(f.id, width), col_fmt)
        rule = _validation(f, sources.get(f.id), f.id in spec.strict)
        if rule:
            ws.data_validation(first, i, last, i, rule)
    for r, example in enumerate(spec.example, first):
        ws.set_row(r, 48)  # room for the wrapped duty text
        # 示例N, not a number: the reader knows the row for an example and never takes it for data.
        ws.write_string(r, 0, f"示例{r - first + 1}", fmt["example"])
        for i, f in enumerate(fields, 1):
            value = example.get(f.id)
            if isinstance(value, dt.date):
                ws.write_datetime(r, i, dt.datetime(value.year, value.month, value.day), fmt["example_date"])
            elif value is not None:
                ws.write_string(r, i, str(value), fmt["example"])
    ws.freeze_panes(first, 3)
    ws.autofilter(header_row, 0, last, ncols - 1)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(header_row)
    ws.fit_to_pages(1, 0)
    ws.activate()
    _instructions(wb, spec, fields)
    wb.close()


def _formats(wb) -> dict:
    base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter", "border": 1}
    head = {**base, "bold": True, "bg_color": "#DDEBF7", "align": "center", "text_wrap": True}
    grey = {**base, "font_color": "#808080", "italic": True, "text_wrap": True}
    return {
        "title": wb.add_format(
            {"font_name": "方正小标宋简体", "font_size": 18, "align": "center", "valign": "vcenter"}
        ),
        "line": wb.add_format({"font_name": "宋体", "font_size": 11}),
        "header": wb.add_format(head),
        "required": wb.add_format({**head, "font_color": "#C00000"}),
        "text": wb.add_format({**base, "text_wrap": True}),
        "code": wb.add_format({**base, "num_format": "@"}),
        "date": wb.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"}),
        "number": wb.add_format({**base, "num_format": "0.00"}),
        "example": wb.add_format(grey),
        "example_date": wb.add_format({**grey, "num_format": "yyyy-mm-dd"}),
    }


def _column_format(f, fmt, text: bool = False) -> tuple[object, int]:
    if f.type in (FieldType.DATE, FieldType.DEADLINE):
        return fmt["date"], 13
    if f.type is FieldType.USCC or text:
        return fmt["code"], 22
    if f.id == "funds":
        return fmt["number"], 10
    return fmt["text"], max(10, 2 * len(f.header) + 2)


def _option_sources(lists, schema, options: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Dropdown lists live on a hidden sheet: no 255-character limit, and a county can edit them."""
    sources = {}
    for c, (field_id, values) in enumerate(options.items()):
        letter = chr(65 + c)
        lists.write_string(0, c, schema[field_id].header)
        for r, value in enumerate(values, 1):
            lists.write_string(r, c, value)
        sources[field_id] = f"=选项!${letter}$2:${letter}${len(values) + 1}"
    lists.hide()
    return sources


def _validation(f, source: str | None, strict: bool) -> dict | None:
    if source:
        return {
            "validate": "list",
            "source": source,
            "error_title": "请从下拉列表选择",
            "error_message": f"{f.header}只能从下拉列表中选择。",
            "error_type": "stop" if strict else "warning",
        }
    if f.type is FieldType.DATE:  # 整改期限 also takes 立即整改, so only true dates are restricted
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "input_title": f.header,
            "input_message": "请输入日期，如 2026-10-05",
            "error_title": "日期格式不对",
            "error_message": "请输入日期，如 2026-10-05",
        }
    if f.type is FieldType.USCC:
        return {
            "validate": "length",
            "criteria": "==",
            "value": 18,
            "error_title": "统一社会信用代码",
            "error_message": "统一社会信用代码为 18 位。",
        }
    return None


def _instructions(wb, spec: TemplateSpec, fields) -> None:
    ws = wb.add_worksheet("填表说明")
    bold = wb.add_format({"bold": True, "font_name": "宋体", "font_size": 11})
    wrap = wb.add_format({"text_wrap": True, "font_name": "宋体", "font_size": 11, "valign": "top"})
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 8)
    ws.set_column(2, 2, 80)
    ws.write_string(0, 0, "填表说明", bold)
    for r, note in enumerate(spec.notes, 1):
        ws.write_string(r, 0, note)
    top = len(spec.notes) + 2
    ws.write_string(top, 0, "列名", bold)
    ws.write_string(top, 1, "是否必填", bold)
    ws.write_string(top, 2, "填写要求", bold)
    for r, f in enumerate(fields, top + 1):
        ws.write_string(r, 0, f.header)
        ws.write_string(r, 1, "必填" if f.required else "选填")
        ws.write_string(r, 2, spec.help.get(f.id, ""), wrap)
