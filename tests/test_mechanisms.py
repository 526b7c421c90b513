"""长效机制 in the reports (issue 21): the 通报 section, 长效机制检查.xlsx and `stats` mechanisms, present
only for the kinds among the inputs, every figure from one place."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import good_records, ledger_file
from tests.test_rules_drill import UNIT_A, drill_file, good_rows

runner = CliRunner()


def _inputs(tmp_path: Path, *, drills: bool) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    ledger_file(folder, good_records())
    if drills:
        rows = good_rows()
        del rows[2]  # UNIT_A: no 第一课
        drill_file(folder, rows)
    return folder


def test_stats_json_carries_mechanisms_only_for_the_kinds_given(tmp_path):
    folder = _inputs(tmp_path, drills=True)
    doc = json.loads(
        runner.invoke(app, ["stats", str(folder), "--month", "2026-10", "--format", "json"]).stdout
    )
    assert doc["mechanisms"] == {
        "drill": {
            "units": 2,
            "annual_ok": 2,
            "halfyear_ok": 1,
            "high_risk": 1,
            "onsite_ok": 2,
            "first_lesson": 1,
        }
    }
    plain = _inputs(tmp_path / "b", drills=False)
    doc = json.loads(
        runner.invoke(app, ["stats", str(plain), "--month", "2026-10", "--format", "json"]).stdout
    )
    assert "mechanisms" not in doc


def test_monthly_writes_the_section_and_the_workbook(tmp_path):
    folder = _inputs(tmp_path, drills=True)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out), "--date", "2026-11-03"]
    )
    assert result.exit_code in (0, 1), result.output
    brief = (out / "月度通报.md").read_text(encoding="utf-8")
    assert "## 九、长效机制落实情况" in brief and "## 十、下一步工作要求" in brief
    assert "演练记录中的2家单位" in brief and "开展的1家" in brief
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["mechanisms"]["drill"]["first_lesson"] == 1
    sheet = openpyxl.load_workbook(out / "长效机制检查.xlsx")["应急演练"]
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]}
    assert rows[UNIT_A][7] == "否" and len(rows) == 2


def test_without_those_ledgers_the_brief_is_unchanged(tmp_path):
    folder = _inputs(tmp_path, drills=False)
    out = tmp_path / "out"
    runner.invoke(
        app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out), "--date", "2026-11-03"]
    )
    brief = (out / "月度通报.md").read_text(encoding="utf-8")
    assert "长效机制" not in brief and "## 九、下一步工作要求" in brief
    assert not (out / "长效机制检查.xlsx").exists()
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["mechanisms"] == {}
