"""Corrected copies sent back (issue 18, item 5): a marked-up copy the town fixed in Excel or WPS is
recognised by its marker, read in place of the original, and the substitution is said everywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import good_records, ledger_file

runner = CliRunner()
AS_OF = "2026-11-28"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def _bad_records():
    records = good_records()
    records[0]["found_on"] = "2026.13.5"  # G4: one error
    return records


def _copy_of(original: Path, tmp_path: Path) -> Path:
    """The marked-up copy anquan writes of `original` (in a folder of its own, as a clerk runs it)."""
    out = tmp_path / "退回修改"
    assert invoke("validate", original, "--annotate", out, "--as-of", AS_OF).exit_code in (0, 1)
    return out / f"{original.stem}_校验.xlsx"


def test_a_marked_up_copy_names_its_original_and_a_list_does_not(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    copy = _copy_of(ledger_file(folder, _bad_records(), name="白马镇.xlsx"), tmp_path)
    wb = openpyxl.load_workbook(copy)
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props == {"anquan_copy_of": "白马镇.xlsx", "anquan_copy_written": dt.date.today().isoformat()}
    assert wb.properties.category == "anquan 标注副本"
    # The printable lists are written by the same writer, without a marker.
    out = tmp_path / "成果"
    assert invoke("monthly", folder, "--month", "2026-10", "--out", out).exit_code == 1
    report = openpyxl.load_workbook(out / "校验报告.xlsx")
    assert not report.custom_doc_props.props and report.properties.category is None
    assert openpyxl.load_workbook(out / "退回修改" / "白马镇_校验.xlsx").custom_doc_props.props
