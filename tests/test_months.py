"""One parser for the report month: every command takes it however a clerk types it, goes on with
2026-10, and refuses anything else in one line before a file is read or written."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.dates import month_bounds, parse_month
from anquan_cli.core.errors import AnquanError
from tests.conftest import good_records, ledger_file

runner = CliRunner()
FORMS = [
    "2026-10",
    "2026/10",
    "2026.10",
    "202610",
    "2026年10月",
    "2026年十月份",
    "２０２６－１０",
    "二〇二六年十月",
]
BAD = ["10月", "2026-13", "202613", "2026", "26-10", "2026-10-05", "十月"]


@pytest.mark.parametrize("text", FORMS)
def test_month_forms(text):
    assert parse_month(text) == "2026-10"
    assert [d.isoformat() for d in month_bounds(text)] == ["2026-10-01", "2026-10-31"]


def test_single_digit_month():
    assert parse_month("2026-1") == "2026-01" and parse_month("2026年1月") == "2026-01"


@pytest.mark.parametrize("text", BAD)
def test_not_a_month(text):
    with pytest.raises(AnquanError) as err:
        parse_month(text)
    assert err.value.code == "option-month-invalid" and "请写成 2026-10" in err.value.message


def _folder(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, good_records(), name="青石镇_2026-10.xlsx")
    return folder


@pytest.mark.parametrize("text", ["2026/10", "2026年10月", "202610"])
def test_monthly_goes_on_with_the_month_as_2026_10(tmp_path, text):
    out = tmp_path / "out"
    result = runner.invoke(app, ["monthly", str(_folder(tmp_path)), "--month", text, "--out", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["month"] == "2026-10" and record["as_of"] == "2026-10-31"
    assert result.stdout.startswith("2026-10 月度成果")


@pytest.mark.parametrize("text", ["2026/10", "二〇二六年十月"])
def test_stats_names_the_month_as_2026_10(tmp_path, text):
    args = ["stats", str(_folder(tmp_path)), "--month", text, "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["month"] == "2026-10" and doc["as_of"] == "2026-10-31"


@pytest.mark.parametrize(
    "command",
    [
        ["monthly", "--out", "{out}"],
        ["brief", "-o", "{out}/通报.docx"],
        ["letters", "--out-dir", "{out}"],
        ["stats", "--format", "xlsx", "-o", "{out}/统计.xlsx"],
    ],
)
@pytest.mark.parametrize("text", ["2026-13", "10月"])
def test_a_bad_month_is_one_line_and_nothing_is_written(tmp_path, command, text):
    folder = _folder(tmp_path)
    out = tmp_path / "out"
    args = [command[0], str(folder), "--month", text, *(a.format(out=out) for a in command[1:])]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "请写成 2026-10" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_month_says_so(tmp_path):
    result = runner.invoke(app, ["monthly", str(_folder(tmp_path)), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "缺少 --month" in result.output


def test_the_same_month_typed_two_ways_reuses_its_letter_numbers(tmp_path):
    folder, out = _folder(tmp_path), tmp_path / "函告"
    first = runner.invoke(app, ["letters", str(folder), "--month", "2026/10", "--out-dir", str(out)])
    assert first.exit_code == 0, first.output
    names = sorted(p.name for p in out.glob("*.docx"))
    second = runner.invoke(app, ["letters", str(folder), "--month", "2026年10月", "--out-dir", str(out)])
    assert second.exit_code == 0, second.output
    assert names and sorted(p.name for p in out.glob("*.docx")) == names
