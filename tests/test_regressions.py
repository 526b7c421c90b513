"""Regression tests for defects found through the CLI: ledgers without usable hazards, outputs that
cannot be written, and a credit code that only looks like a number.

Only public behaviour is used (typer's CliRunner on `app`, exit codes, stdout JSON, files written),
so these tests survive a rewrite of the internals.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from devtools.fab import SheetSpec, write_xlsx
from devtools.synth import is_valid_uscc

runner = CliRunner()

INTERNAL_ERROR = "程序内部错误"
OUTPUT_UNWRITABLE = "无法写入"  # stable part of the catalogue message "output-unwritable"
MONTH = "2026-10"
AS_OF = "2026-10-31"
DATE = "2026-11-03"
HEADER = [
    "隐患编号",
    "镇街",
    "企业名称",
    "统一社会信用代码",
    "行业领域",
    "排查日期",
    "隐患等级",
    "隐患描述",
    "整改措施",
    "整改责任人",
    "整改期限",
    "整改状态",
    "整改完成日期",
]
USCC_COLUMN = "D"  # 统一社会信用代码, the fourth column
FIRST_DATA_ROW = 3  # title on row 1, header on row 2
GOOD_USCC = "91512081MA62K0260E"
TEXT_USCC = "9144019404551955E3"  # looks like a number in scientific notation, but is a valid code
NUMBER_USCC = 9.144019404551955e17  # the same code after Excel turned it into a number
BROKEN_ROWS = 4


# --- helpers ---------------------------------------------------------------------------------------


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def assert_no_internal_error(result) -> None:
    assert INTERNAL_ERROR not in result.output, result.output
    assert INTERNAL_ERROR not in result.stderr, result.stderr


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def hazard_ledger(path: Path, rows: list[list]) -> Path:
    """An xlsx as towns send it: a merged title row, the header on row 2, data from row 3."""
    body = [["青石镇安全生产隐患排查治理台账"], HEADER, *rows]
    spec = SheetSpec("台账", body, merges=[(0, 0, 0, len(HEADER) - 1)])
    return write_xlsx(path, [spec])


def hazard_row(n: int, *, uscc=GOOD_USCC, found=None, level="一般事故隐患", status="整改中") -> list:
    found = dt.date(2026, 10, 1 + n) if found is None else found
    return [
        f"QS-202610-{n:03d}",
        "青石镇",
        "示例县宏达机械有限公司",
        uscc,
        "工贸",
        found,
        level,
        f"一车间东侧安全出口被杂物堵塞（第{n}处）",
        "清理杂物，保持出口畅通",
        "张伟",
        dt.date(2026, 10, 20 + n),
        status,
        None,
    ]


# --- one builder per ledger shape ------------------------------------------------------------------


def empty_ledger_folder(tmp_path: Path) -> Path:
    """A correct header and no data rows, as the only file in its folder."""
    folder = tmp_path / "报送"
    folder.mkdir()
    hazard_ledger(folder / "青石镇台账.xlsx", [])
    return folder


def broken_ledger_folder(tmp_path: Path) -> Path:
    """Every data row has errors: an impossible date, an unknown level and an empty status."""
    folder = tmp_path / "报送"
    folder.mkdir()
    rows = [hazard_row(n, found="2026.13.5", level="严重", status=None) for n in range(1, BROKEN_ROWS + 1)]
    hazard_ledger(folder / "青石镇台账.xlsx", rows)
    return folder


def good_ledger_folder(tmp_path: Path) -> Path:
    """Two clean open hazards found in October."""
    folder = tmp_path / "报送"
    folder.mkdir()
    hazard_ledger(folder / "青石镇台账.xlsx", [hazard_row(1), hazard_row(2)])
    return folder


def uscc_ledger(tmp_path: Path, uscc) -> Path:
    """One clean row whose credit-code cell holds `uscc` (a str is a text cell, a float a number cell)."""
    return hazard_ledger(tmp_path / "台账.xlsx", [hazard_row(1, uscc=uscc)])


# --- 1 and 2: no usable hazards is an answer of zero, not a failure --------------------------------

COMMANDS = ["validate", "overdue", "repeats", "stats", "brief-md", "brief-docx", "letters", "monthly"]


def argv(command: str, folder: Path, out: Path) -> list:
    return {
        "validate": ["validate", folder],
        "overdue": ["overdue", folder, "--as-of", AS_OF, "--format", "json"],
        "repeats": ["repeats", folder, "--as-of", AS_OF, "--format", "json"],
        "stats": ["stats", folder, "--month", MONTH, "--format", "json"],
        "brief-md": ["brief", folder, "--month", MONTH, "-o", out / "通报.md"],
        "brief-docx": ["brief", folder, "--month", MONTH, "-o", out / "通报.docx"],
        "letters": ["letters", folder, "--month", MONTH, "--out-dir", out / "函告", "--date", DATE],
        "monthly": ["monthly", folder, "--month", MONTH, "--out", out / "out", "--date", DATE],
    }[command]


def check_zero_hazards(command: str, folder: Path, out: Path, excluded: int) -> None:
    """The command finishes normally and reports zero hazards, with `excluded` rows accounted for."""
    result = invoke(*argv(command, folder, out))
    assert_no_internal_error(result)
    assert result.exit_code in (0, 1), result.output
    if command == "overdue":
        doc = json.loads(result.stdout)
        assert doc["items"] == [] and doc["counts"]["overdue"] == 0
        assert doc["input"]["excluded_rows"] == excluded
    elif command == "repeats":
        doc = json.loads(result.stdout)
        assert doc["groups"] == []
        assert doc["input"]["excluded_rows"] == excluded
    elif command == "stats":
        doc = json.loads(result.stdout)
        assert doc["total"]["found"] == 0
        assert doc["input"]["excluded_rows"] == excluded
    elif command == "brief-md":
        brief = out / "通报.md"
        assert brief.is_file()
        text = brief.read_text(encoding="utf-8")
        if excluded:  # rows left out are said, never passed off as a month without hazards
            assert "本月无隐患" not in text and f"另有{excluded}行数据未计入统计" in text
        else:
            assert "本月无隐患" in text
    elif command == "brief-docx":
        assert docx.Document(str(out / "通报.docx")).paragraphs
    elif command == "monthly":
        record = json.loads((out / "out" / "run.json").read_text(encoding="utf-8"))
        assert record["counts"]["hazards"] == 0
        assert record["counts"]["excluded_rows"] == excluded


@pytest.mark.parametrize("command", COMMANDS)
def test_ledger_with_header_and_no_rows(tmp_path, command):
    check_zero_hazards(command, empty_ledger_folder(tmp_path), tmp_path, excluded=0)


@pytest.mark.parametrize("command", COMMANDS)
def test_ledger_whose_every_row_has_errors(tmp_path, command):
    check_zero_hazards(command, broken_ledger_folder(tmp_path), tmp_path, excluded=BROKEN_ROWS)


# --- 3 and 4: an output path that cannot take a file is refused in one line -----------------------


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_stats_output_to_a_fifo_is_refused_and_the_fifo_kept(tmp_path):
    folder = good_ledger_folder(tmp_path)
    fifo = tmp_path / "统计.json"
    os.mkfifo(fifo)
    # a reader that never blocks: should the command open the FIFO for writing, it fails, not hangs
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = invoke("stats", folder, "--format", "json", "-o", fifo)
        written = os.read(reader, 65536)
    finally:
        os.close(reader)
    assert_no_internal_error(result)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and has_chinese(lines[0]), result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert written == b""


def test_stats_output_to_a_directory_is_refused(tmp_path):
    folder = good_ledger_folder(tmp_path)
    target = tmp_path / "统计"
    target.mkdir()
    result = invoke("stats", folder, "--format", "json", "-o", target)
    assert_no_internal_error(result)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and has_chinese(lines[0]), result.stderr
    assert target.is_dir() and list(target.iterdir()) == []


def test_monthly_out_below_a_regular_file_is_refused(tmp_path):
    folder = good_ledger_folder(tmp_path)
    blocker = tmp_path / "afile"
    blocker.write_text("不是文件夹", encoding="utf-8")
    result = invoke("monthly", folder, "--month", MONTH, "--out", blocker / "out", "--date", DATE)
    assert_no_internal_error(result)
    assert result.exit_code == 2, result.output
    assert OUTPUT_UNWRITABLE in result.stderr and "afile" in result.stderr, result.stderr
    assert blocker.read_text(encoding="utf-8") == "不是文件夹"


# --- 5: a credit code typed as text is not "stored as a number" ------------------------------------


def uscc_findings(path: Path) -> list[dict]:
    result = invoke("validate", path, "--format", "json", "--as-of", AS_OF)
    assert_no_internal_error(result)
    (entry,) = json.loads(result.stdout)["files"]
    return [
        f
        for f in entry["findings"]
        if f["column"] == USCC_COLUMN and f["row"] == FIRST_DATA_ROW and f["code"].startswith("uscc")
    ]


def test_text_credit_code_in_scientific_look_is_not_a_number(tmp_path):
    assert is_valid_uscc(TEXT_USCC)  # so no uscc finding at all is due on that cell
    findings = uscc_findings(uscc_ledger(tmp_path, TEXT_USCC))
    assert "uscc-number" not in {f["code"] for f in findings}, findings
    assert findings == []


def test_numeric_credit_code_is_reported_as_a_number(tmp_path):
    findings = uscc_findings(uscc_ledger(tmp_path, NUMBER_USCC))
    assert "uscc-number" in {f["code"] for f in findings}, findings
