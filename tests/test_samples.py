"""The shipped sample county: in sync with its generator, and validating to exactly its documented defects."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from anquan_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_ledgers"
BAIMA_OCT = "白马镇隐患排查治理台账（2026年10月）.xlsx"


def test_samples_match_their_generator(tmp_path):
    out = tmp_path / "samples"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/make_sample_ledgers.py"), "--out", str(out)], check=True
    )
    cmp = filecmp.dircmp(SAMPLES, out)
    stack, differ = [cmp], []
    while stack:
        d = stack.pop()
        differ += d.left_only + d.right_only + d.diff_files
        _, mismatch, errors = filecmp.cmpfiles(d.left, d.right, d.common_files, shallow=False)
        differ += mismatch + errors
        stack += d.subdirs.values()
    assert differ == [], "sample_ledgers/ is out of date: run `make samples`"


def test_sample_county_validates_to_the_documented_defects():
    args = ["validate", str(SAMPLES / "隐患台账"), "--format", "json", "--as-of", "2026-11-28"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    counts = {k: doc["summary"][k] for k in ("files", "ledgers", "unreadable", "rows", "errors", "warnings")}
    assert counts == {"files": 24, "ledgers": 24, "unreadable": 0, "rows": 663, "errors": 9, "warnings": 40}
    found = {
        (Path(f["path"]).name, f"{x['column']}{x['row']}", x["code"])
        for f in doc["files"]
        for x in f["findings"]
        if x["code"] not in ("level-suspect-major", "major-five-unverifiable")
    }
    # 一般 hazards whose descriptions are 重大 situations of the 判定标准 (sample_ledgers/README.md)
    suspects = {
        (
            Path(f["path"]).name.replace("隐患排查治理台账", ""),
            f"{x['column']}{x['row']}",
            x["criterion"]["id"],
        )
        for f in doc["files"]
        for x in f["findings"]
        if x["code"] == "level-suspect-major"
    }
    assert suspects == {
        ("安平镇（2026年8月）.xlsx", "J6", "gm-3-2"),
        ("示例经济开发区（2026年8月）.csv", "J11", "hg-1"),
        ("青石镇（2026年8月）.xlsx", "J5", "gm-3-2"),
        ("安平镇（2026年9月）.xlsx", "J6", "gm-3-2"),
        ("柳河镇（2026年9月）.xlsx", "H12", "jz-4-3"),
        ("柳河镇（2026年9月）.xlsx", "H24", "gm-3-2"),
        ("示例经济开发区（2026年9月）.csv", "J11", "hg-1"),
        ("西山镇（2026年9月）.xls", "J16", "hg-2"),
        ("青石镇（2026年9月）.xlsx", "J5", "gm-3-2"),
        ("青石镇（2026年9月）.xlsx", "J12", "hg-2"),
        ("青石镇（2026年9月）.xlsx", "J28", "gm-3-2"),
        ("东湖街道（2026年10月）.csv", "I36", "gm-3-2"),
        ("南关街道（2026年10月）.xlsx", "I44", "gm-3-2"),
        ("安平镇（2026年10月）.xlsx", "J6", "gm-3-2"),
        ("柳河镇（2026年10月）.xlsx", "H15", "jz-4-3"),
        ("柳河镇（2026年10月）.xlsx", "H28", "gm-3-2"),
        ("示例经济开发区（2026年10月）.csv", "J11", "hg-1"),
        ("示例经济开发区（2026年10月）.csv", "J36", "gm-3-2"),
        ("示例经济开发区（2026年10月）.csv", "J37", "hg-16"),
        ("西山镇（2026年10月）.xls", "J16", "hg-2"),
        ("青石镇（2026年10月）.xlsx", "J5", "gm-3-2"),
        ("青石镇（2026年10月）.xlsx", "J12", "hg-2"),
        ("青石镇（2026年10月）.xlsx", "J28", "gm-3-2"),
    }
    # one warning per file with 重大 hazards and no 五落实 columns: never for the two towns that keep them
    unverifiable = [
        Path(f["path"]).name
        for f in doc["files"]
        for x in f["findings"]
        if x["code"] == "major-five-unverifiable"
    ]
    assert len(unverifiable) == len(set(unverifiable)) == 14
    assert not [n for n in unverifiable if n.startswith(("青石镇", "示例经济开发区"))]
    nanguan = "南关街道隐患排查治理台账（2026年{}月）.xlsx"
    assert found == {
        ("青石镇隐患排查治理台账（2026年10月）.xlsx", "V13", "major-five-missing"),
        (BAIMA_OCT, "G32", "date-invalid"),
        (BAIMA_OCT, "O34", "deadline-before-found"),
        (BAIMA_OCT, "Q30", "closed-no-date"),
        (BAIMA_OCT, "E35", "uscc-checksum"),
        (BAIMA_OCT, "B44", "duplicate-id"),
        (BAIMA_OCT, "J36", "level-invalid"),
        (BAIMA_OCT, "N37", "required-empty"),
        (BAIMA_OCT, "E39", "uscc-number"),
        (BAIMA_OCT, "R31", "closed-no-verifier"),
        (nanguan.format(9), "N18", "deadline-vague"),
        (nanguan.format(10), "N18", "deadline-vague"),
    }
    layouts = {Path(f["path"]).name: (f["sheet"], f["header_rows"], f["encoding"]) for f in doc["files"]}
    assert layouts["柳河镇隐患排查治理台账（2026年10月）.xlsx"] == ("隐患台账", [2, 3], None)
    assert layouts["安平镇隐患排查治理台账（2026年10月）.xlsx"] == ("隐患台账", [4, 4], None)
    assert layouts["西山镇隐患排查治理台账（2026年10月）.xls"] == ("隐患台账", [2, 2], None)
    assert layouts["东湖街道隐患排查治理台账（2026年10月）.csv"] == (None, [1, 1], "GBK")
    assert layouts["示例经济开发区隐患排查治理台账（2026年10月）.csv"] == (None, [1, 1], "UTF-8-BOM")


def test_shipped_folders_resolve_in_a_checkout():
    from anquan_cli.core.resources import shipped

    assert (shipped("sample_ledgers") / "README.md").is_file()
    assert shipped("templates").is_dir()


def test_sample_responsibility_lists_and_cross_check():
    args = ["validate", str(SAMPLES), "--format", "json", "--as-of", "2026-11-28"]
    doc = json.loads(CliRunner().invoke(app, args).stdout)
    summary = doc["summary"]
    assert (summary["files"], summary["ledgers"], summary["unreadable"]) == (
        42,
        54,
        0,
    )  # with the roster and the 长效机制 ledgers
    lists = [f for f in doc["files"] if f["kind"] == "responsibility"]
    assert sum(f["rows"] for f in lists) == 700
    found = {
        (Path(f["path"]).name, f"{x['column'] or ''}{x['row']}", x["code"], x["severity"])
        for f in lists
        for x in f["findings"]
    }
    assert found == {
        ("柳河镇企业全员安全生产责任清单（2026年）.xlsx", "B53", "tier-missing", "warning"),
        ("青石镇企业全员安全生产责任清单（2026年）.xlsx", "H44", "duty-copied", "warning"),
        ("青石镇企业全员安全生产责任清单（2026年）.xlsx", "H45", "duty-copied", "warning"),
        ("青石镇企业全员安全生产责任清单（2026年）.xlsx", "H49", "duty-copied", "warning"),
        ("安平镇企业全员安全生产责任清单（2026年）.xlsx", "B58", "principal-missing", "error"),
        ("示例经济开发区企业全员安全生产责任清单.csv", "1", "tier-inferred", "info"),
    }
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    missing = {m["unit"] for m in summary["missing_responsibility"]}
    assert len(missing) == 16
    assert all(unit in readme for unit in missing)
    # hazard ledgers, responsibility lists, missing lists, the 长效机制 ledgers (sample_ledgers/README.md)
    assert summary["errors"] == 9 + 1 + 5 and summary["warnings"] == 40 + 4 + 16 + 8
