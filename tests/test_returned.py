"""Corrected copies sent back (issue 18, item 5): a marked-up copy the town fixed in Excel or WPS is
recognised by its marker, read in place of the original, and the substitution is said everywhere."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import openpyxl
from openpyxl.packaging.custom import CustomPropertyList
from typer.testing import CliRunner

from anquan_cli.cli import app
from devtools.fab import SheetSpec, write_xls
from tests.conftest import good_records, ledger_file

runner = CliRunner()
AS_OF = "2026-11-28"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def validate_json(*paths):
    result = invoke("validate", *paths, "--format", "json", "--as-of", AS_OF)
    return result.exit_code, json.loads(result.stdout)


def _bad_records():
    records = good_records()
    records[0]["found_on"] = "2026.13.5"  # G4: one error
    return records


def _copy_of(original: Path, tmp_path: Path) -> Path:
    """The marked-up copy anquan writes of `original` (in a folder of its own, as a clerk runs it)."""
    out = tmp_path / "退回修改"
    assert invoke("validate", original, "--annotate", out, "--as-of", AS_OF).exit_code in (0, 1)
    return out / f"{original.stem}_校验.xlsx"


def _returned(copy: Path, target: Path, fixes: dict[str, object], *, keep_marker: bool = True) -> Path:
    """The copy as the town sends it back: cells fixed in a spreadsheet program, saved under `target`."""
    wb = openpyxl.load_workbook(copy)
    for ref, value in fixes.items():
        wb["台账"][ref].value = value
    if not keep_marker:
        wb.custom_doc_props = CustomPropertyList()
    wb.save(target)
    return target


def test_a_marked_up_copy_names_its_original_and_a_list_does_not(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    copy = _copy_of(ledger_file(folder, _bad_records(), name="白马镇.xlsx"), tmp_path)
    wb = openpyxl.load_workbook(copy)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {"anquan_copy_of": "白马镇.xlsx", "anquan_copy_as_of": AS_OF}
    assert wb.properties.category == "anquan 标注副本"
    # The printable lists are written by the same writer, without a marker.
    out = tmp_path / "成果"
    assert invoke("monthly", folder, "--month", "2026-10", "--out", out).exit_code == 1
    report = openpyxl.load_workbook(out / "校验报告.xlsx")
    assert not report.custom_doc_props.props and report.properties.category is None
    assert openpyxl.load_workbook(out / "退回修改" / "白马镇_校验.xlsx").custom_doc_props.props


def test_a_returned_copy_edited_and_saved_supersedes_its_original(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    original = ledger_file(folder, _bad_records(), name="白马镇隐患台账.xlsx")
    code, before = validate_json(folder)
    assert code == 1 and before["summary"]["errors"] == 1
    back = _returned(
        _copy_of(original, tmp_path), folder / "白马镇隐患台账_校验.xlsx", {"G4": dt.date(2026, 9, 1)}
    )
    # openpyxl, like Excel, WPS and LibreOffice, keeps the custom document properties when it saves.
    props = {p.name: p.value for p in openpyxl.load_workbook(back).custom_doc_props.props}
    assert props["anquan_copy_of"] == "白马镇隐患台账.xlsx"

    code, doc = validate_json(folder)
    assert code == 0 and doc["summary"]["errors"] == 0 and doc["summary"]["files"] == 1
    message = "白马镇隐患台账.xlsx：已由更正后的副本 白马镇隐患台账_校验.xlsx 取代，本次读取副本"
    assert doc["superseded"] == [{"path": str(original), "by": str(back), "message": message}]
    (entry,) = doc["files"]
    assert entry["path"] == str(back) and entry["copy_of"] == "白马镇隐患台账.xlsx"
    assert entry["sheet"] == "台账" and entry["header_rows"] == [3, 3] and entry["rows"] == 4
    assert [(s["name"], s["reason"]) for s in entry["skipped"]] == [("校验结果", "check-results")]

    terminal = invoke("validate", folder, "--as-of", AS_OF).stdout.replace("\n", "")
    assert message in terminal and "是 anquan 生成的校验结果表，不是台账" in terminal
    report = invoke("overdue", folder, "--format", "json", "--as-of", AS_OF)
    assert json.loads(report.stdout)["input"]["superseded"] == [{"path": str(original), "by": str(back)}]


def test_a_copy_without_the_property_is_known_by_its_first_sheet(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    original = ledger_file(folder, _bad_records(), name="青石镇.xlsx")
    # Written before copies carried the property, then copied in Explorer: " - 副本" after the name.
    back = _returned(
        _copy_of(original, tmp_path),
        folder / "青石镇_校验 - 副本.xlsx",
        {"G4": dt.date(2026, 9, 1)},
        keep_marker=False,
    )
    assert not openpyxl.load_workbook(back).custom_doc_props.props
    code, doc = validate_json(folder)
    assert code == 0 and [s["by"] for s in doc["superseded"]] == [str(back)]
    assert [(f["path"], f["copy_of"]) for f in doc["files"]] == [(str(back), "青石镇.xlsx")]


def test_a_copy_saved_again_as_xls_is_known_by_its_first_sheet(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    records = good_records()
    original = ledger_file(folder, _bad_records(), name="青石镇.xlsx")
    wb = openpyxl.load_workbook(_copy_of(original, tmp_path))
    findings = [[c.value for c in row] for row in wb["校验结果"].iter_rows()]
    ledger = [[c.value for c in row] for row in wb["台账"].iter_rows()]
    ledger[3][6] = records[0]["found_on"]  # fixed
    back = write_xls(folder / "青石镇_校验.xls", [SheetSpec("校验结果", findings), SheetSpec("台账", ledger)])
    code, doc = validate_json(folder)
    assert code == 0 and doc["superseded"][0]["path"] == str(original)
    assert [(f["path"], f["copy_of"]) for f in doc["files"]] == [(str(back), "青石镇.xlsx")]


def test_a_ledger_named_like_a_copy_without_a_marker_is_an_ordinary_ledger(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    mine = ledger_file(folder, _bad_records(), name="东湖街道.xlsx")
    named = ledger_file(folder, good_records(), name="东湖街道_校验.xlsx")
    code, doc = validate_json(folder)
    assert code == 1 and doc["superseded"] == []
    assert [(f["path"], f["copy_of"], f["rows"]) for f in doc["files"]] == [
        (str(mine), None, 4),
        (str(named), None, 4),
    ]


def test_of_several_returned_copies_the_newest_is_read(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    original = ledger_file(folder, _bad_records(), name="白马镇.xlsx")
    copy = _copy_of(original, tmp_path)
    first = _returned(copy, folder / "白马镇_校验.xlsx", {"G4": "2026.13.6"})  # still wrong
    second = _returned(copy, folder / "白马镇_校验 (1).xlsx", {"G4": dt.date(2026, 9, 1)})
    third = _returned(copy, folder / "白马镇_校验(2).xlsx", {"G4": "9月"})
    now = dt.datetime(2026, 11, 20).timestamp()
    for path, hours in ((first, 0), (second, 2), (third, 1)):
        os.utime(path, (now + hours * 3600, now + hours * 3600))
    code, doc = validate_json(folder)
    assert code == 0 and [f["path"] for f in doc["files"]] == [str(second)]
    assert {(s["path"], s["by"]) for s in doc["superseded"]} == {
        (str(original), str(second)),
        (str(first), str(second)),
        (str(third), str(second)),
    }


def test_a_copy_supersedes_only_the_same_named_original_beside_it(tmp_path):
    august, september = tmp_path / "报送" / "八月", tmp_path / "报送" / "九月"
    august.mkdir(parents=True)
    september.mkdir()
    ledger_file(august, good_records(), name="青石镇.xlsx")
    original = ledger_file(september, _bad_records(), name="青石镇.xlsx")
    back = _returned(
        _copy_of(original, tmp_path), september / "青石镇_校验.xlsx", {"G4": dt.date(2026, 9, 1)}
    )
    code, doc = validate_json(tmp_path / "报送")
    assert code == 0 and [(s["path"], s["by"]) for s in doc["superseded"]] == [(str(original), str(back))]
    assert len(doc["files"]) == 2


def test_marking_up_a_returned_copy_names_the_first_original(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    original = ledger_file(folder, _bad_records(), name="白马镇.xlsx")
    # The town's fix is wrong again: the copy goes back once more.
    _returned(_copy_of(original, tmp_path), folder / "白马镇_校验 (1).xlsx", {"G4": "2026.13.6"})
    again = tmp_path / "再次退回"
    result = invoke("validate", folder, "--annotate", again, "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert [p.name for p in again.iterdir()] == ["白马镇_校验.xlsx"]  # not …_校验_校验.xlsx
    props = {
        p.name: p.value for p in openpyxl.load_workbook(again / "白马镇_校验.xlsx").custom_doc_props.props
    }
    assert props["anquan_copy_of"] == "白马镇.xlsx"
    assert props["anquan_copy_as_of"] == str(AS_OF)


def test_monthly_counts_the_returned_copy(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    # good_records: the hazards of rows 5 and 7 are open, due in September: overdue on 2026-10-31.
    original = ledger_file(folder, good_records(), name="青石镇_2026-10.xlsx")
    first = tmp_path / "成果1"
    assert invoke("monthly", folder, "--month", "2026-10", "--out", first).exit_code == 0
    before = json.loads((first / "run.json").read_text(encoding="utf-8"))["counts"]
    assert before["overdue"] == 2 and before["superseded"] == 0

    fixes = {"L5": "已整改", "M5": dt.date(2026, 9, 10), "N5": "李娜"}  # closed in time after all
    back = _returned(_copy_of(original, tmp_path), folder / "青石镇_2026-10_校验.xlsx", fixes)
    out = tmp_path / "成果2"
    result = invoke("monthly", folder, "--month", "2026-10", "--out", out)
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["overdue"] == 1 and record["counts"]["superseded"] == 1
    assert [(s["path"], s["by"]) for s in record["superseded"]] == [(str(original), str(back))]
    assert [i["path"] for i in record["inputs"]] == [str(back)]
    message = "青石镇_2026-10.xlsx：已由更正后的副本 青石镇_2026-10_校验.xlsx 取代，本次读取副本"
    assert message in result.stdout.replace("\n", "")
    overview = openpyxl.load_workbook(out / "校验报告.xlsx")["文件概况"]
    rows = [[c.value for c in row] for row in overview.iter_rows(min_row=3)]
    assert [str(original), message] in [[r[0], r[-1]] for r in rows]


def test_monthly_removes_only_its_own_stale_copies(tmp_path):
    records = _bad_records()
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, records, name="青石镇.xlsx")
    out = tmp_path / "成果"
    assert invoke("monthly", folder, "--month", "2026-10", "--out", out).exit_code == 1
    returned = out / "退回修改"
    assert [p.name for p in returned.iterdir()] == ["青石镇_校验.xlsx"]
    # The clerk keeps a ledger of their own there under a name like ours; the town fixes its file.
    shutil.copy(ledger_file(tmp_path, good_records(), name="x.xlsx"), returned / "汇总_校验.xlsx")
    ledger_file(folder, good_records(), name="青石镇.xlsx")
    assert invoke("monthly", folder, "--month", "2026-10", "--out", out).exit_code == 0
    assert [p.name for p in returned.iterdir()] == ["汇总_校验.xlsx"]
