"""Layouts towns send that the first reader lost rows or sheets of: several ledger sheets in one
workbook, tables stacked in one sheet, section labels, rows below a footer. Every non-empty row is
accounted for by its role."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anquan_cli.analysis.merge import merge
from anquan_cli.cli import app
from anquan_cli.read import ReadOptions, read_file, read_ledgers
from devtools.fab import SheetSpec, write_csv, write_ods, write_xls, write_xlsx
from tests.conftest import good_records, ledger_file, read, run_all, run_file, table

runner = CliRunner()


def _month_records(month: int, n: int = 3, prefix: str = "QS") -> list[dict]:
    records = good_records(n)
    for i, rec in enumerate(records):
        found = dt.date(2026, month, 1 + i)
        rec["hazard_id"] = f"{prefix}-2026{month:02d}-{i + 1:03d}"
        rec["found_on"] = found
        rec["deadline"] = found + dt.timedelta(days=10)
        if rec["closed_on"] is not None:
            rec["closed_on"] = found + dt.timedelta(days=5)
    return records


def _instructions() -> SheetSpec:
    return SheetSpec(
        "填表说明", [["填表说明"], ["1. 隐患编号、企业名称、排查日期为必填"], ["2. 整改期限填写日期"]]
    )


def test_every_visible_ledger_sheet_is_read_hidden_ones_listed(tmp_path):
    sheets = [
        _instructions(),
        SheetSpec("9月", table(_month_records(9))),
        SheetSpec("10月", table(_month_records(10, 4))),
        SheetSpec("2025年", table(_month_records(12, 2)), hidden=True),
        SheetSpec("字典", [["一般事故隐患"], ["重大事故隐患"]], hidden=True),
    ]
    path = write_xlsx(tmp_path / "青石镇.xlsx", sheets)
    read_ = read_file(path)
    assert [(lg.sheet, lg.counts.used) for lg in read_.ledgers] == [("9月", 3), ("10月", 4)]
    assert [(s.name, s.reason) for s in read_.skipped] == [
        ("填表说明", "no-header"),
        ("2025年", "hidden-ledger"),
        ("字典", "hidden"),
    ]
    # Named, a hidden sheet is read (and only it).
    named = read_file(path, ReadOptions(sheet="2025年"))
    assert [lg.sheet for lg in named.ledgers] == ["2025年"]
    assert {s.reason for s in named.skipped} == {"not-named"}


def test_two_equal_sheets_are_both_read_and_their_copies_merge_as_one(tmp_path):
    records = _month_records(10)
    sheets = [SheetSpec("台账", table(records)), SheetSpec("台账 (2)", table(records))]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    ledgers = read_ledgers(path)
    assert [lg.sheet for lg in ledgers] == ["台账", "台账 (2)"]
    hazards = merge(ledgers)
    assert len(hazards.frame) == 3 and hazards.duplicates == 3


def test_month_sheets_merge_in_month_order_not_name_order(tmp_path):
    """A cumulative ledger kept one month per sheet: the 10月 copy of a hazard is the current one,
    though "10月" sorts before "9月" as text and the 10月 sheet comes first in the workbook."""
    september = _month_records(9)
    october = [dict(r) for r in september]
    for rec in october:
        rec["status"], rec["closed_on"], rec["verifier"] = "已整改", dt.date(2026, 10, 3), "李娜"
    sheets = [SheetSpec("10月", table(october)), SheetSpec("9月", table(september))]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    hazards = merge(read_ledgers(path))
    assert len(hazards.frame) == 3
    assert set(hazards.frame["sheet"]) == {"10月"}
    assert (hazards.frame["status"] == "closed").all()


def test_month_sheets_named_in_chinese_numerals_merge_in_month_order(tmp_path):
    september = _month_records(9)
    october = [dict(r, status="已整改", closed_on=dt.date(2026, 10, 3), verifier="李娜") for r in september]
    sheets = [SheetSpec("十月份", table(october)), SheetSpec("九月份", table(september))]
    hazards = merge(read_ledgers(write_xlsx(tmp_path / "t.xlsx", sheets)))
    assert set(hazards.frame["sheet"]) == {"十月份"}


def test_month_sheets_json_lists_sheets_and_skipped(tmp_path):
    sheets = [
        _instructions(),
        SheetSpec("9月", table(_month_records(9))),
        SheetSpec("10月", table(_month_records(10))),
    ]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    result = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-28"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (entry,) = doc["files"]
    assert entry["rows"] == 6 and entry["sheet"] == "9月"
    assert [(s["name"], s["kind"], s["header_rows"], s["rows"]) for s in entry["sheets"]] == [
        ("9月", "hazard", [1, 1], 3),
        ("10月", "hazard", [1, 1], 3),
    ]
    (skipped,) = entry["skipped"]
    assert skipped["name"] == "填表说明" and skipped["reason"] == "no-header" and "表头" in skipped["message"]
    assert doc["summary"]["files"] == 1 and doc["summary"]["ledgers"] == 2


def test_skipped_sheets_and_rows_are_shown_on_the_terminal(tmp_path):
    rows = table(_month_records(10))
    rows += [
        ["填表人：张三"],
        ["", "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般", "护栏缺失"],
    ]
    sheets = [SheetSpec("10月", rows), SheetSpec("2025年", table(_month_records(12)), hidden=True)]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    result = runner.invoke(app, ["validate", str(path), "--as-of", "2026-11-28"])
    out = result.stdout.replace("\n", "")
    assert "2025年" in out and "隐藏" in out
    assert "表尾" in out and "1 行" in out


def _stacked_sheet() -> tuple[list[list], list]:
    """October's hazards, then "二、九月份遗留隐患" with the header again, 小计 rows between blocks."""
    october = table(_month_records(10, 3))
    september = table(_month_records(9, 2, prefix="YL"))
    width = len(october[0])
    rows = [["青石镇隐患排查治理台账"], ["一、十月份新发现隐患"], *october]
    rows.append(["小计", "", "", "3"])
    label_row = len(rows)
    rows.append(["二、九月份遗留隐患"] + [""] * (width - 1))
    rows += september
    rows.append(["小计", "", "", "2"])
    rows.append(["合计", "", "", "5"])
    merges = [(label_row, 0, label_row, width - 1)]
    return rows, merges


def test_stacked_tables_labels_and_repeated_header_are_structure(tmp_path):
    rows, merges = _stacked_sheet()
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows, merges=merges)])
    result = run_file(path)
    assert result.findings == []
    ledger = read(path)
    assert ledger.counts.used == 5
    assert sorted(ledger.data["hazard_id"]) == sorted(
        [f"QS-202610-{i:03d}" for i in (1, 2, 3)] + [f"YL-202609-{i:03d}" for i in (1, 2)]
    )
    roles = ledger.counts.rows_by_role()
    assert roles == {
        "title": 2,  # the title and the first label sit above the header
        "header": 2,
        "data": 5,
        "label": 1,
        "subtotal": 3,
        "footer": 0,
        "skipped": 0,
        "empty": 0,
    }


def test_repeated_two_row_header_and_column_numbers(tmp_path):
    top = [
        "序号",
        "隐患编号",
        "镇街",
        "企业名称",
        "排查日期",
        "隐患等级",
        "隐患描述",
        "整改责任人",
        "整改期限",
    ]
    top += ["整改情况", "", ""]
    sub = [""] * 9 + ["整改状态", "整改完成日期", "复查人"]
    numbers = list(range(1, 13))
    d = dt.date(2026, 10, 8)

    def row(i: int, status: str) -> list:
        closed = status == "已整改"
        line = [i, f"AP-{i}", "安平镇", "示例县利达化工有限公司", d, "一般", f"电线私拉乱接{i}", "王强"]
        return [*line, d + dt.timedelta(10), status, d if closed else "", "赵敏" if closed else ""]

    merges = [(0, c, 1, c) for c in range(9)] + [(0, 9, 0, 11)]
    second = 5
    merges += [(second, c, second + 1, c) for c in range(9)] + [(second, 9, second, 11)]
    rows = [top, sub, numbers, row(1, "已整改"), row(2, "整改中"), top, sub, numbers, row(3, "未整改")]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows, merges=merges)])
    ledger = read(path)
    assert ledger.data["hazard_id"].tolist() == ["AP-1", "AP-2", "AP-3"]
    assert ledger.counts.rows_by_role()["header"] == 6
    assert run_file(path).findings == []


def test_the_findings_workbook_names_what_was_left_out(tmp_path):
    import openpyxl

    from anquan_cli.render.lists import write_findings

    rows = table(_month_records(10))
    rows += [["填表人：张三"], [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般"]]
    sheets = [_instructions(), SheetSpec("10月", rows)]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    target = write_findings(run_all(path), tmp_path / "校验报告.xlsx", as_of=dt.date(2026, 11, 28))
    overview = openpyxl.load_workbook(target)["文件概况"]
    assert overview.cell(3, 10).value == "未读取的工作表和行"
    assert overview.cell(4, 10).value == "工作表 “填表说明”（没有台账表头）；1 行在表尾的填表人、审核人等之后"


def test_the_marked_up_copy_tells_the_sender_of_rows_not_read(tmp_path):
    import openpyxl

    rows = table(_month_records(10))
    rows += [["填表人：张三"], [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般"]]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("10月", rows)])
    out = tmp_path / "退回"
    result = runner.invoke(app, ["validate", str(path), "--annotate", str(out), "--as-of", "2026-11-28"])
    assert result.exit_code == 0, result.output
    summary = openpyxl.load_workbook(out / "t_校验.xlsx")["校验结果"].cell(2, 1).value
    assert "另有 1 行未作为数据读取（在表尾的填表人、审核人等之后），请核实" in summary


def test_rows_below_a_footer_that_look_like_data_are_counted_and_named(tmp_path):
    rows = table(_month_records(10))
    rows += [
        ["填表人：张三", "", "审核人：李四"],
        [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般", "护栏缺失"],
    ]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    assert ledger.counts.used == 3 and ledger.counts.footer == 1
    assert ledger.counts.skipped == {"after-footer": 1}
    result = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-28"])
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["sheets"][0]["skipped_rows"] == {"after-footer": 1}
    assert entry["row_counts"]["rows_by_role"]["skipped"] == 1


def test_a_second_block_after_a_footer_is_read(tmp_path):
    """Two monthly tables one under the other, each signed: the footer ends at the next header."""
    first, second = table(_month_records(10)), table(_month_records(9, 2, prefix="YL"))
    rows = [*first, ["填表人：张三"], ["青石镇九月份隐患台账"], *second, ["填表人：张三"]]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    assert ledger.counts.used == 5 and ledger.counts.footer == 3
    assert run_file(path).findings == []


def test_a_lone_enterprise_name_is_a_data_row_not_a_label(tmp_path):
    rows = table(_month_records(10))
    rows.append(["", "", "", "示例县十月建材有限公司"])
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    result = run_file(path)
    assert result.counts.used == 4 and result.counts.label == 0
    assert any(f.code == "required-empty" and f.row == 5 for f in result.findings)


def test_rows_with_text_only_in_unused_columns_are_counted(tmp_path):
    rows = table(_month_records(10))
    rows[0].append("联系电话")  # a column the ledger does not use, right of the last field
    rows.append(["", *[""] * (len(rows[0]) - 2), "0000-1234567"])
    rows.append([5])  # a pre-numbered empty row
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    assert ledger.counts.used == 3
    assert ledger.counts.skipped == {"unmapped-only": 1, "numbered-empty": 1}


# --- every non-empty row has one role, in every layout the fixture writers make ------------------


def _footer_rows() -> list[list]:
    return [*table(_month_records(10)), [], ["填表人：张三", "", "审核人：李四"], ["联系电话：0000-1234567"]]


def _everything_rows() -> list[list]:
    """Labels, a repeated header, a footer with rows after it, text in an unused column, numbered rows."""
    rows, _ = _stacked_sheet()
    rows[2].append("联系电话")
    rows.append([""] * (len(rows[2]) - 1) + ["0000-1234567"])
    rows += [
        [9],
        ["填表人：张三"],
        [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般"],
    ]
    return rows


LAYOUTS = {
    "stacked-xlsx": lambda d: write_xlsx(d / "s.xlsx", [SheetSpec("台账", *_stacked_sheet())]),
    "stacked-ods": lambda d: write_ods(d / "s.ods", [SheetSpec("台账", _stacked_sheet()[0])]),
    "month-sheets": lambda d: write_xlsx(
        d / "m.xlsx",
        [_instructions(), SheetSpec("9月", _footer_rows()), SheetSpec("10月", table(good_records()))],
    ),
    "titled": lambda d: ledger_file(d, good_records()),
    "padded-xls": lambda d: write_xls(
        d / "p.xls", [SheetSpec("台账", [*table(good_records()), [5], [6], [], ["小计", "", "4"]])]
    ),
    "footer-gbk-csv": lambda d: write_csv(d / "f.csv", _footer_rows(), encoding="gbk"),
    "department": lambda d: write_xlsx(
        d / "县住建局.xlsx", [SheetSpec("Sheet1", _dept_rows("县住建局隐患台账"))]
    ),
    "everything": lambda d: write_xlsx(d / "e.xlsx", [SheetSpec("台账", _everything_rows())]),
}


def _non_empty_rows(path: Path, sheet: str | None) -> int:
    from anquan_cli.read.sources import Source

    source = Source(path)
    info = next(i for i in source.sheets() if i.name == sheet)
    return sum(any(v not in ("", None) for v in row) for row in source.grid(info).rows)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_non_empty_row_is_counted_once(tmp_path, layout):
    path = LAYOUTS[layout](tmp_path)
    for ledger in read_ledgers(path):
        roles = ledger.counts.rows_by_role()
        assert sum(roles.values()) == ledger.counts.sheet_rows
        assert sum(roles.values()) - roles["empty"] == _non_empty_rows(path, ledger.sheet), roles
        c = ledger.counts
        old_view = (
            c.used + c.blank + c.subtotal + c.footer + c.header_extra + c.label + c.after_footer + c.example
        )
        assert old_view == c.total
    if layout == "everything":
        (ledger,) = read_ledgers(path)
        assert ledger.counts.skipped == {"unmapped-only": 1, "numbered-empty": 1, "after-footer": 1}
        assert (ledger.counts.used, ledger.counts.label, ledger.counts.header_extra) == (5, 1, 1)


def test_multi_sheet_results_keep_their_own_sheet(tmp_path):
    sheets = [SheetSpec("9月", table(_month_records(9))), SheetSpec("10月", table(_month_records(10)))]
    path = write_xlsx(tmp_path / "t.xlsx", sheets)
    results = run_all(path)
    assert [(r.sheet, r.counts.used, r.findings) for r in results] == [("9月", 3, []), ("10月", 3, [])]


def test_report_commands_count_rows_and_hidden_sheets_left_out(tmp_path):
    rows = table(_month_records(10))
    rows += [["填表人：张三"], [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般"]]
    sheets = [SheetSpec("10月", rows), SheetSpec("2025年", table(_month_records(12)), hidden=True)]
    path = write_xlsx(tmp_path / "青石镇.xlsx", sheets)
    for command in ("overdue", "repeats", "stats"):
        result = runner.invoke(app, [command, str(path), "--format", "json", "--as-of", "2026-11-28"])
        assert result.exit_code == 0, result.output
        account = json.loads(result.stdout)["input"]
        assert account["skipped_rows"] == {"在表尾的填表人、审核人等之后": 1}, command
        assert account["hidden_sheets"] == [{"path": str(path), "sheet": "2025年"}], command
    result = runner.invoke(app, ["overdue", str(path), "--as-of", "2026-11-28"])
    out = result.stdout.replace("\n", "")
    assert "另有 1 行未作为数据读取" in out and "“2025年”" in out


def test_a_dropdown_dictionary_sheet_is_not_a_ledger(tmp_path):
    dictionary = [
        ["隐患级别", "完成情况", "隐患来源", "隐患分类", "所属行业"],
        ["一般", "已完成", "企业自查", "基础管理类", "工贸"],
    ]
    sheets = [SheetSpec("台账", table(_month_records(10))), SheetSpec("字典", dictionary)]
    read_ = read_file(write_xlsx(tmp_path / "t.xlsx", sheets))
    assert [lg.sheet for lg in read_.ledgers] == ["台账"]
    assert [(s.name, s.reason) for s in read_.skipped] == [("字典", "no-header")]


def test_a_summary_sheet_beside_the_ledger_is_listed_not_read(tmp_path):
    summary = [
        ["镇街", "企业名称", "统一社会信用代码", "隐患等级", "整改状态", "隐患数"],
        ["青石镇", "示例县宏达机械有限公司", "91512081MA62K0260E", "一般", "已整改", 3],
    ]
    sheets = [SheetSpec("汇总", summary), SheetSpec("台账", table(_month_records(10)))]
    read_ = read_file(write_xlsx(tmp_path / "t.xlsx", sheets))
    assert [lg.sheet for lg in read_.ledgers] == ["台账"]
    (skipped,) = read_.skipped
    assert (skipped.name, skipped.reason) == ("汇总", "partial-header")
    assert "--sheet 汇总" in skipped.to_dict()["message"]


# --- department ledgers: no 镇街 column, the department named in the title or the file name ---------


def _dept_rows(title: str | None) -> list[list]:
    records = _month_records(10)
    rows = table(records, fields=[f for f in records[0] if f != "town"])
    return [[title], *rows] if title else rows


def test_a_department_ledger_reports_under_its_department(tmp_path):
    path = write_xlsx(
        tmp_path / "t.xlsx", [SheetSpec("台账", _dept_rows("县住建局隐患排查治理台账（2026年10月）"))]
    )
    result = run_file(path)
    assert result.findings == []  # no 镇街 column is not an error for a department
    ledger = read(path)
    assert ledger.columns["dept"].context and ledger.columns["dept"].header == "标题"
    assert set(ledger.data["dept"]) == {"县住建局"}
    hazards = merge([ledger])
    assert set(hazards.frame["town"]) == {"县住建局"}
    out = runner.invoke(app, ["stats", str(path), "--format", "json", "--as-of", "2026-11-28"])
    names = [row["name"] for row in json.loads(out.stdout)["rows"]]
    assert names == ["县住建局"]


def test_the_department_may_be_named_only_in_the_file_name(tmp_path):
    path = write_xlsx(
        tmp_path / "县交通运输局隐患台账（2026年10月）.xlsx", [SheetSpec("Sheet1", _dept_rows(None))]
    )
    assert set(read(path).data["dept"]) == {"县交通运输局"}
    assert run_file(path).findings == []


def test_a_town_ledger_without_a_town_column_takes_the_town_from_its_title(tmp_path):
    path = write_xlsx(
        tmp_path / "t.xlsx", [SheetSpec("台账", _dept_rows("示例县安平镇安全生产隐患排查治理台账"))]
    )
    ledger = read(path)
    assert set(ledger.data["town"]) == {"安平镇"} and not ledger.has("dept")
    assert run_file(path).findings == []


def test_a_ledger_naming_neither_town_nor_department_still_misses_its_town_column(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("Sheet1", _dept_rows(None))])
    assert [f.code for f in run_file(path).findings] == ["column-missing"]


def test_monthly_counts_rows_not_read_and_returns_a_copy_for_them(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    rows = table(_month_records(10))
    rows += [["填表人：张三"], [4, "QS-9", "青石镇", "示例县宏达机械有限公司", "", "", "2026-10-09", "一般"]]
    write_xlsx(folder / "青石镇_2026-10.xlsx", [SheetSpec("10月", rows)])
    out = tmp_path / "out"
    result = runner.invoke(app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    counts = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert (counts["skipped_rows"], counts["hidden_sheets"], counts["returned_copies"]) == (1, 0, 1)
    assert "未作为数据读取" in result.stdout


def test_a_responsibility_lists_workshops_are_not_towns_that_failed_to_report(tmp_path):
    """部门(车间/班组) of a responsibility list is no reporting unit: the 通报's 应报未报 stays quiet."""
    from tests.conftest import good_list, stacked_file

    folder = tmp_path / "报送"
    folder.mkdir()
    write_xlsx(folder / "青石镇_2026-10.xlsx", [SheetSpec("台账", table(_month_records(10)))])
    stacked_file(folder, [good_list()])
    target = tmp_path / "通报.md"
    args = ["brief", str(folder), "--month", "2026-10", "-o", str(target), "--date", "2026-11-03"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "本月共有1个镇（街道）报送" in text and "应报未报" not in text
