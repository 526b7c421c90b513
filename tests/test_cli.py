"""The commands through typer's CliRunner: JSON shape, exit codes, Chinese messages, outputs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import openpyxl
import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from devtools.fab import SheetSpec, write_xlsx
from tests.conftest import good_records, ledger_file, table

runner = CliRunner()
FILE_KEYS = {
    "path",
    "kind",
    "sheet",
    "header_rows",
    "rows",
    "row_counts",
    "encoding",
    "unmapped",
    "error",
    "error_code",
    "annotated",
    "copy_of",
    "findings",
    "sheets",
    "skipped",
}
FINDING_KEYS = {"severity", "code", "sheet", "row", "column", "field", "value", "message"}


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def _json(result):
    return json.loads(result.stdout)


def _bad(tmp_path, name="bad.xlsx"):
    records = good_records()
    records[0]["found_on"] = "2026.13.5"
    return ledger_file(tmp_path, records, name=name)


def test_clean_file_exit_0_and_json_shape(good):
    result = invoke("validate", good, "--format", "json", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.output
    doc = _json(result)
    assert set(doc) == {"files", "superseded", "summary"}
    assert doc["superseded"] == []
    assert set(doc["summary"]) == {
        "files",
        "ledgers",
        "unreadable",
        "rows",
        "errors",
        "warnings",
        "cross_checked",
        "missing_responsibility",
    }
    (entry,) = doc["files"]
    assert set(entry) == FILE_KEYS
    assert entry["kind"] == "hazard" and entry["sheet"] == "台账" and entry["header_rows"] == [3, 3]
    assert (
        entry["rows"] == 4 and entry["error"] is None and entry["findings"] == [] and entry["unmapped"] == []
    )
    assert entry["copy_of"] is None
    counts = entry["row_counts"]
    below = ("used", "blank", "subtotal", "footer", "header_extra", "label", "after_footer", "example")
    assert sum(counts[k] for k in below) == counts["total"]
    assert sum(counts["rows_by_role"].values()) == counts["sheet_rows"]
    (sheet,) = entry["sheets"]
    assert sheet == {
        "name": "台账",
        "kind": "hazard",
        "header_rows": [3, 3],
        "rows": 4,
        "rows_by_role": {
            "title": 2,
            "header": 1,
            "data": 4,
            "label": 0,
            "subtotal": 0,
            "footer": 0,
            "skipped": 0,
            "empty": 0,
        },
        "skipped_rows": {},
    }
    assert entry["skipped"] == []


def test_errors_exit_1_with_cell_addresses(tmp_path):
    result = invoke("validate", _bad(tmp_path), "--format", "json", "--as-of", "2026-11-28")
    assert result.exit_code == 1
    (finding,) = _json(result)["files"][0]["findings"]
    assert set(finding) == FINDING_KEYS
    assert finding == {
        "severity": "error",
        "code": "date-invalid",
        "sheet": "台账",
        "row": 4,
        "column": "G",
        "field": "排查日期",
        "value": "2026.13.5",
        "message": finding["message"],
    }
    assert "日期无法识别" in finding["message"]


def test_table_output_line_per_finding(tmp_path):
    result = invoke("validate", _bad(tmp_path), "--as-of", "2026-11-28")
    assert result.exit_code == 1
    assert '台账!G4 排查日期 "2026.13.5"：日期无法识别' in result.stdout
    assert "错误 1 条" in result.stdout


def _with_unused_columns(tmp_path):
    rows = table(good_records())
    rows[0] += ["联系电话", "包保责任人"]
    for r in rows[1:]:
        r += ["13800000000", "刘县长"]
    return write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])


def test_unused_columns_in_json(tmp_path):
    result = invoke("validate", _with_unused_columns(tmp_path), "--format", "json", "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.output
    (entry,) = _json(result)["files"]
    assert entry["unmapped"] == [
        {"column": "O", "header": "联系电话"},
        {"column": "P", "header": "包保责任人"},
    ]
    assert entry["findings"] == [] and entry["rows"] == 4


def test_unused_columns_on_the_terminal(tmp_path, good):
    result = invoke("validate", _with_unused_columns(tmp_path), "--as-of", "2026-11-28")
    assert result.exit_code == 0, result.output
    assert "未使用的列：O 列“联系电话”、P 列“包保责任人”" in result.stdout
    assert "未使用的列" not in invoke("validate", good, "--as-of", "2026-11-28").stdout


def test_one_unreadable_file_among_many(tmp_path, good):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"this is not a workbook")
    result = invoke("validate", good, broken, "--format", "json")
    assert result.exit_code == 1
    doc = _json(result)
    errors = {f["path"]: f["error"] for f in doc["files"]}
    assert errors[str(good)] is None
    assert "这是文本文件，不是 Excel 工作簿" in errors[str(broken)]
    assert doc["summary"]["unreadable"] == 1


def test_nothing_usable_exit_2(tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"this is not a workbook")
    result = invoke("validate", broken)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_missing_path_exit_2_one_red_line(tmp_path):
    result = invoke("validate", tmp_path / "没有这个文件夹")
    assert result.exit_code == 2
    assert "找不到文件或文件夹" in result.output
    assert "Traceback" not in result.output


def test_bad_as_of_is_a_usage_error(good):
    result = invoke("validate", good, "--as-of", "明天")
    assert result.exit_code == 2
    assert "--as-of" in result.output and "日期无法识别" in result.output


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--as-of", "明天"],
        ["overdue", "--as-of", "明天"],
        ["repeats", "--as-of", "2026-13-01"],
        ["stats", "--month", "2026-13"],
        ["brief", "--month", "十月"],
        ["letters", "--month", "2026-10", "--date", "下周"],
        ["monthly", "--month", "2026/13"],
    ],
)
def test_mistyped_options_are_refused_before_any_workbook_is_opened(tmp_path, argv):
    # A file no reader could open: the option's message, not the file's, shows nothing was read.
    broken = tmp_path / "台账.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    command, *options = argv
    extra = ["--out", str(tmp_path / "out")] if command == "monthly" else []
    result = runner.invoke(app, [command, str(broken), *options, *extra])
    assert result.exit_code == 2, result.output
    assert "无法读取" not in result.output and "程序内部错误" not in result.output
    assert not (tmp_path / "out").exists()  # nothing written either


def test_unknown_kind(good):
    result = invoke("validate", good, "--kind", "fish")
    assert result.exit_code == 2 and "未知的台账类型" in result.output


def test_json_is_utf8_and_free_of_markup(tmp_path):
    records = good_records()
    records[0]["description"] = "[bold red]货物[/]堵塞 <script>&amp;"
    records[1]["owner"] = None
    result = invoke("validate", ledger_file(tmp_path, records), "--format", "json")
    raw = result.stdout_bytes.decode("utf-8")
    assert "\\u" not in raw  # Chinese is written as UTF-8, not escaped
    assert "\x1b[" not in raw


def test_annotate_writes_marked_up_copy(tmp_path):
    bad = _bad(tmp_path)
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    out = tmp_path / "退回"
    result = invoke("validate", bad, "--annotate", out, "--as-of", "2026-11-28")
    assert result.exit_code == 1
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before  # the input is never written
    copy = out / "bad_校验.xlsx"
    assert "已生成 1 份标注副本" in result.stdout
    doc = _json(invoke("validate", bad, "--annotate", out, "--format", "json"))
    assert doc["files"][0]["annotated"] == str(copy)
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[:2] == ["校验结果", "台账"]
    summary = wb["校验结果"]
    assert summary["C4"].value == "台账!G4"
    assert summary["C4"].hyperlink.location == "'台账'!G4"
    assert summary["F4"].value.startswith("日期无法识别")
    sheet = wb["台账"]
    cell = sheet["G4"]
    assert cell.value == "2026.13.5"
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert "日期无法识别" in cell.comment.text
    assert sheet["A1"].value == "青石镇安全生产隐患排查治理台账"
    assert "A1:N1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["G5"].comment is None and sheet["G5"].fill.fgColor.rgb in (None, "00000000")


def test_annotate_csv_and_warning_yellow(tmp_path):
    from tests.conftest import csv_file

    records = good_records()
    records[0]["verifier"] = None
    path = csv_file(tmp_path, records, encoding="gbk")
    out = tmp_path / "out"
    result = invoke("validate", path, "--annotate", out)
    assert result.exit_code == 0  # warnings only
    wb = openpyxl.load_workbook(out / "台账_校验.xlsx")
    sheet = wb["台账"]
    assert sheet["N2"].fill.fgColor.rgb.endswith("FFEB9C")
    assert sheet["D2"].value == "示例县宏达机械有限公司"


def test_annotate_names_do_not_collide(tmp_path):
    a = tmp_path / "报送" / "八月"
    b = tmp_path / "报送" / "九月"
    a.mkdir(parents=True)
    b.mkdir()
    ledger_file(a, good_records(), name="青石镇.xlsx")
    ledger_file(b, good_records(), name="青石镇.xlsx")
    out = tmp_path / "out"  # beside the folder read, never inside it
    assert invoke("validate", tmp_path / "报送", "--annotate", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["九月_青石镇_校验.xlsx", "八月_青石镇_校验.xlsx"]


def test_formula_like_text_stays_text_in_copy(tmp_path):
    records = good_records()
    records[0]["description"] = '=HYPERLINK("http://x","点我")'
    records[1]["owner"] = None
    out = tmp_path / "out"
    invoke("validate", ledger_file(tmp_path, records), "--annotate", out)
    wb = openpyxl.load_workbook(out / "台账_校验.xlsx")
    cell = wb["台账"]["I4"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_template_filled_with_good_rows_validates_clean(tmp_path):
    target = tmp_path / "隐患台账模板.xlsx"
    result = invoke("template", "hazards", "-o", target)
    assert result.exit_code == 0 and target.exists()
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["隐患台账", "选项", "填表说明"]
    ws = wb["隐患台账"]
    assert ws.freeze_panes == "D4"
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert any(dv.type == "list" for dv in validations.values())
    headers = [c.value for c in ws[3]]
    for i, rec in enumerate(good_records(), 4):
        rec = {**rec, "level": "一般事故隐患"}
        ws.cell(i, 1, i - 3)
        for f, value in rec.items():
            from tests.conftest import HEADERS

            ws.cell(i, headers.index(HEADERS[f]) + 1, value)
    wb.save(target)
    result = invoke("validate", target, "--format", "json")
    doc = _json(result)
    assert result.exit_code == 0, doc
    assert doc["files"][0]["rows"] == 4 and doc["files"][0]["findings"] == []


def test_template_unknown_kind(tmp_path):
    result = invoke("template", "nonsense", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "未知的模板类型" in result.output


def test_config_errors_name_the_key(tmp_path, good):
    cfg = tmp_path / "anquan.toml"
    cfg.write_text('towns = ["青石镇"]\n[validation]\nmin_yaer = 2000\n', encoding="utf-8")
    result = invoke("validate", good, "--config", cfg)
    assert result.exit_code == 2
    assert "validation.min_yaer" in result.output and "没有这个配置项" in result.output
    cfg.write_text("towns = 青石镇\n", encoding="utf-8")
    result = invoke("validate", good, "--config", cfg)
    assert result.exit_code == 2 and "格式错误" in result.output


def test_config_from_current_directory(tmp_path, good, monkeypatch):
    (tmp_path / "anquan.toml").write_text('towns = ["柳河镇"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    doc = _json(invoke("validate", good, "--format", "json"))
    assert {f["code"] for f in doc["files"][0]["findings"]} == {"town-unknown"}


def test_help_is_chinese():
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    assert "用法" in result.output and "显示本帮助并退出" in result.output
    assert "Show this message" not in result.output


def test_usage_errors_are_chinese(good):
    result = invoke("validate", good, "--bogus")
    assert result.exit_code == 2
    assert "没有这个选项" in result.output


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_module_entry_point(args):
    proc = subprocess.run(
        [sys.executable, "-m", "anquan_cli", *args], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and proc.stdout


def test_template_town_dropdown_when_configured(tmp_path):
    cfg = tmp_path / "anquan.toml"
    cfg.write_text('towns = ["青石镇", "柳河镇"]\n', encoding="utf-8")
    target = tmp_path / "t.xlsx"
    assert invoke("template", "hazards", "-o", target, "--config", cfg).exit_code == 0
    wb = openpyxl.load_workbook(target)
    options = wb["选项"]
    columns = {options.cell(1, c).value: c for c in range(1, options.max_column + 1)}
    town_col = columns["镇街"]
    assert [options.cell(r, town_col).value for r in (2, 3)] == ["青石镇", "柳河镇"]
    assert wb["选项"].sheet_state == "hidden"
    sources = [dv.formula1 for dv in wb["隐患台账"].data_validations.dataValidation if dv.type == "list"]
    assert len(sources) == 6  # level, status, industry, source, category, town


@pytest.mark.parametrize(
    ("module", "name"),
    [("anquan_cli.read.ledger", "build_ledger"), ("anquan_cli.rules.hazard", "check")],
    ids=["while-reading", "in-a-rule"],
)
def test_a_bug_is_an_internal_error_never_a_verdict_on_the_file(tmp_path, monkeypatch, module, name):
    """A bug, while reading or in a rule, must not be reported as "this file is unreadable"."""
    import importlib

    good = ledger_file(tmp_path, good_records(), name="good.xlsx")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module(module), name, broken)
    result = invoke("validate", good, "--format", "json")
    assert result.exit_code == 2
    assert "程序内部错误" in result.output and "RuntimeError: boom" in result.output
    assert '"files"' not in result.stdout  # no verdict printed about the clerk's file
    debug = invoke("validate", good, "--debug")
    assert isinstance(debug.exception, RuntimeError)


def test_output_names_are_portable():
    from pathlib import Path

    from anquan_cli.core.outputs import safe_filename, unique_names

    assert safe_filename('a<b>:c"d/e\\f|g?h*i') == "a_b_c_d_e_f_g_h_i"
    escaped = safe_filename("../../etc/passwd")
    assert "/" not in escaped and "\\" not in escaped and not escaped.startswith(".")
    assert safe_filename("CON") == "_CON"
    assert safe_filename("\u202eexe.xlsx") == "exe.xlsx"
    assert safe_filename("...") == "未命名"
    names = unique_names([(Path("a/x.xlsx"), "x"), (Path("b/x.xlsx"), "x"), (Path("c/q:r.xlsx"), "q:r")])
    assert names == {Path("a/x.xlsx"): "a_x", Path("b/x.xlsx"): "b_x", Path("c/q:r.xlsx"): "q_r"}


def test_python_dash_m_entry_does_not_rerun_in_spawned_workers(monkeypatch):
    import runpy

    import anquan_cli.cli

    calls = []
    monkeypatch.setattr(anquan_cli.cli, "main", lambda: calls.append(1))
    runpy.run_module("anquan_cli.__main__", run_name="__mp_main__")  # what a spawned worker does
    assert calls == []
    runpy.run_module("anquan_cli.__main__", run_name="__main__")  # `python -m anquan_cli`
    assert calls == [1]


def test_a_command_leaves_the_process_as_it_found_it(good):
    import gc
    import threading

    threads = threading.active_count()
    assert invoke("validate", good, "--format", "json").exit_code == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert threading.active_count() == threads


def test_whole_process_output_is_complete(tmp_path):
    """What `anquan` printed and wrote as a whole process is all there."""
    path = ledger_file(
        tmp_path, [*good_records(29), {**good_records(1)[0], "hazard_id": "QS-X", "deadline": "不知道"}]
    )
    proc = subprocess.run(
        [sys.executable, "-m", "anquan_cli", "validate", str(path), "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["summary"]["rows"] == 30 and data["summary"]["errors"] >= 1
    target = tmp_path / "模板.xlsx"
    proc = subprocess.run(
        [sys.executable, "-m", "anquan_cli", "template", "hazards", "-o", str(target)],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert openpyxl.load_workbook(target).sheetnames[0] == "隐患台账"


def test_an_output_that_is_one_of_the_inputs_is_refused(tmp_path):
    from anquan_cli.core.errors import AnquanError
    from anquan_cli.core.outputs import input_guard

    source = ledger_file(tmp_path, good_records())
    link = tmp_path / "别名.xlsx"
    link.symlink_to(source)
    check = input_guard([tmp_path / "缺失.xlsx", source])
    check(tmp_path / "台账_校验.xlsx")  # another file: fine
    for same in (tmp_path / "." / source.name, link):
        with pytest.raises(AnquanError) as refused:
            check(same)
        assert refused.value.code == "output-is-input"


def test_validate_json_reports_status_prose_and_new_date_forms(tmp_path):
    """Issue 17 (4, 5) end to end: the codes, cells and quoted text a clerk sees in JSON."""
    records = good_records()
    records[0].update(status="已于9月6日整改完毕", closed_on=None)
    records[1].update(status="整改中（已制定方案）", deadline="2026年10月")
    records[2].update(status="挂牌督办")
    records[3].update(found_on="二〇二六年九月四日", deadline=10.2)
    result = invoke("validate", ledger_file(tmp_path, records), "--format", "json", "--as-of", "2026-11-28")
    assert result.exit_code == 1, result.output
    (entry,) = _json(result)["files"]
    assert entry["rows"] == 4
    found = {(f["code"], f["column"] + str(f["row"])): f for f in entry["findings"]}
    assert set(found) == {
        ("closed-date-from-status", "L4"),
        ("deadline-month-end", "K5"),
        ("status-invalid", "L6"),
        ("date-ambiguous", "K7"),
    }
    assert found[("status-invalid", "L6")]["message"].startswith("整改状态“挂牌督办”无法识别")
    assert found[("date-ambiguous", "K7")]["value"] == "10.2"
    assert "10月2日" in found[("date-ambiguous", "K7")]["message"]
    assert "10月20日" in found[("date-ambiguous", "K7")]["message"]
