"""What the clerk meets around the month's run: refusals before any work, the help's true defaults,
a warning on a document dated before its figures, and what to do next."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import good_records, ledger_file

runner = CliRunner()


def _folder(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, good_records(), name="青石镇_2026-10.xlsx")
    return folder


def test_annotate_refuses_a_folder_inside_the_input(tmp_path):
    folder = _folder(tmp_path)
    result = runner.invoke(app, ["validate", str(folder), "--annotate", str(folder / "退回修改")])
    assert result.exit_code == 2 and "位于输入" in result.output
    assert not (folder / "退回修改").exists()


def test_another_months_output_folder_is_refused_unless_forced(tmp_path):
    folder, out = _folder(tmp_path), tmp_path / "成果"
    first = runner.invoke(app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = (out / "run.json").read_bytes()
    refused = runner.invoke(app, ["monthly", str(folder), "--month", "2026-09", "--out", str(out)])
    assert refused.exit_code == 2 and "2026-10 的月度成果" in refused.output and "--force" in refused.output
    assert (out / "run.json").read_bytes() == before
    again = runner.invoke(app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out)])
    assert again.exit_code == 0, again.output  # the same month may be run again
    forced = runner.invoke(app, ["monthly", str(folder), "--month", "2026-09", "--out", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["month"] == "2026-09"


def test_the_help_states_the_real_default_of_as_of():
    for command in ("monthly", "brief", "letters"):
        text = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout
        assert "那个月的最后一天" in text and "默认：今天）" not in text.split("--as-of")[1].split("\n")[0], (
            command
        )


def test_a_date_before_the_as_of_date_warns(tmp_path):
    folder = _folder(tmp_path)
    args = ["letters", str(folder), "--month", "2026-10", "--out-dir", str(tmp_path / "函告"), "--dry-run"]
    early = runner.invoke(app, [*args, "--date", "2026-10-15"])
    assert early.exit_code == 0 and "成文日期 2026年10月15日 早于统计截止日 2026年10月31日" in early.output
    later = runner.invoke(app, [*args, "--date", "2026-11-03"])
    assert later.exit_code == 0 and "早于统计截止日" not in later.output


def test_the_summary_says_what_to_do_next(tmp_path):
    records = good_records()
    records[0]["found_on"] = "2026.13.5"  # one error: a copy goes back
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, records, name="青石镇_2026-10.xlsx")
    result = runner.invoke(app, ["monthly", str(folder), "--month", "2026-10", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("下一步：把 退回修改/ 中的 1 份标注副本发回报送单位") and "月度通报.docx" in last


def test_brief_to_pdf_without_libreoffice_is_refused_before_reading(tmp_path, monkeypatch):
    from anquan_cli.render import documents

    monkeypatch.setattr(documents, "office_converter", lambda: None)
    target = tmp_path / "通报.pdf"
    result = runner.invoke(
        app, ["brief", str(tmp_path / "没有这个文件夹"), "--month", "2026-10", "-o", str(target)]
    )
    assert result.exit_code == 2 and "LibreOffice" in result.output  # said before the missing input
    assert not target.exists()


def test_brief_refuses_an_output_that_is_no_document(tmp_path):
    target = tmp_path / "通报.doc"
    result = runner.invoke(app, ["brief", str(_folder(tmp_path)), "--month", "2026-10", "-o", str(target)])
    assert result.exit_code == 2 and ".docx、.md 或 .pdf" in result.output and not target.exists()


def test_brief_to_pdf_with_libreoffice(tmp_path):
    import shutil

    import pytest

    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed here")
    target = tmp_path / "通报.pdf"
    result = runner.invoke(app, ["brief", str(_folder(tmp_path)), "--month", "2026-10", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_a_templates_example_rows_are_skipped_and_said(tmp_path):
    import openpyxl

    target = tmp_path / "责任清单.xlsx"
    assert runner.invoke(app, ["template", "responsibility", "-o", str(target)]).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "序号")
    assert [sheet.cell(header + i, 1).value for i in (1, 2)] == ["示例1", "示例2"]
    result = runner.invoke(app, ["validate", str(target), "--format", "json"])
    (entry,) = json.loads(result.stdout)["files"]
    examples = entry["sheets"][0]["skipped_rows"]["example"]
    assert examples >= 5 and entry["rows"] == 0
    table = runner.invoke(app, ["validate", str(target)], env={"COLUMNS": "200"}).stdout.replace("\n", "")
    assert f"{examples} 行未作为数据读取（模板中的填写示例）" in table


def test_output_reads_on_a_gbk_console(tmp_path):
    """Windows consoles in China default to GBK (code page 936): no character may be lost or crash."""
    import os
    import subprocess
    import sys

    records = good_records()
    records[0]["found_on"] = "2026.13.5"
    path = ledger_file(tmp_path, records)
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "COLUMNS": "120"}
    for args in (["validate", str(path)], ["overdue", str(path), "--as-of", "2026-11-28"]):
        done = subprocess.run(
            [sys.executable, "-m", "anquan_cli", *args], capture_output=True, env=env, check=False
        )
        assert done.returncode in (0, 1), done.stderr.decode("gbk", "replace")
        text = done.stdout.decode("gbk")  # raises if anything but GBK came out
        assert "?" not in text.replace("？", "")
        assert ("日期无法识别" in text) if args[0] == "validate" else ("逾期未整改隐患" in text)


def test_no_path_longer_than_240_characters_is_written(tmp_path):
    from anquan_cli.core.outputs import MAX_PATH

    deep = tmp_path
    while len(str(deep)) < 170:
        deep = deep / "二〇二六年十月隐患排查治理专项行动成果"
    folder = tmp_path / "报送"
    folder.mkdir()
    long_name = "青石镇" + "安全生产隐患排查治理台账" * 4 + "（2026年10月）.xlsx"
    ledger_file(folder, good_records(), name=long_name)
    out = deep / "退回修改"
    result = runner.invoke(app, ["validate", str(folder), "--annotate", str(out)])
    assert result.exit_code == 0, result.output
    (copy,) = out.iterdir()
    assert len(str(copy.resolve())) <= MAX_PATH and copy.name.endswith(".xlsx")
    letters = deep / "函告"
    args = ["letters", str(folder), "--month", "2026-10", "--out-dir", str(letters), "--as-of", "2026-10-31"]
    assert runner.invoke(app, args).exit_code == 0
    assert all(len(str(p.resolve())) <= MAX_PATH for p in letters.iterdir())
