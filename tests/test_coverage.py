"""应查未查 and coverage (issue 19): the roster against the hazard ledgers, through `anquan coverage`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import USCC_A, USCC_B, hazard, ledger_file
from tests.test_rules_roster import USCC_C, roster_file, roster_row

runner = CliRunner()
USCC_D = "91370100MA3C5LKT4Q"  # = USCC_B; a closed unit shares nothing with the others below


def _hazard(
    hid: str, found: str, unit: str, uscc: str | None, town: str = "青石镇", industry: str = "工贸"
) -> dict:
    row = hazard(hid, found=found, deadline="2026-12-31")
    return {**row, "unit": unit, "uscc": uscc, "town": town, "industry": industry}


def _county(tmp_path: Path, roster: list[dict], hazards: list[dict]) -> Path:
    folder = tmp_path / "报送"
    folder.mkdir(parents=True)
    ledger_file(folder, hazards, name="隐患台账.xlsx")
    roster_file(folder, roster, name="底数.xlsx")
    return folder


def _coverage(*args) -> tuple[int, dict]:
    result = runner.invoke(app, ["coverage", *map(str, args), "--format", "json"])
    return result.exit_code, (
        json.loads(result.stdout) if result.exit_code in (0, 1) else {"output": result.output}
    )


ROSTER = [
    roster_row("示例县宏达机械有限公司", USCC_A),  # inspected: matched by code
    roster_row("示例县华丰建材有限公司", USCC_B),  # never inspected
    roster_row("通达化工有限公司", None, industry="危险化学品", high_risk="是"),  # by name, 示例县 left out
    roster_row("东方木业有限公司（示例县）", None),  # by name, the county in brackets
    roster_row("示例县关停砖厂", None, status="关闭"),  # never listed
    roster_row("示例县注销商贸有限公司", None, status="注销"),  # never listed
    roster_row("示例县停产印刷厂", None, status="停产"),  # a stopped plant is still to be inspected
]
HAZARDS = [
    _hazard("H1", "2026-10-05", "宏达机械（写错的名称）", USCC_A),
    _hazard("H2", "2026-09-10", "示例县通达化工有限公司", None, industry="危险化学品"),  # September only
    _hazard("H3", "2026-08-20", "示例县东方木业有限公司", None),  # within the last three months
    _hazard("H4", "2026-10-12", "示例县不在底数机械厂", USCC_C),  # not on the roster
]


def test_coverage_for_a_month(tmp_path):
    code, report = _coverage(_county(tmp_path, ROSTER, HAZARDS), "--month", "2026-10")
    assert code == 0, report
    assert set(report) >= {"period", "as_of", "uninspected", "not_on_roster", "by_town", "counts"}
    assert (
        report["period"] == {"start": "2026-10-01", "end": "2026-10-31"} and report["as_of"] == "2026-10-31"
    )
    listed = {u["unit"]: u for u in report["uninspected"]}
    # 华丰: never inspected; 通达 (高危, monthly): inspected in September, not in October; the stopped plant
    assert set(listed) == {"示例县华丰建材有限公司", "通达化工有限公司", "示例县停产印刷厂"}
    assert (
        listed["通达化工有限公司"]["high_risk"]
        and listed["通达化工有限公司"]["last_inspected"] == "2026-09-10"
    )
    assert listed["示例县华丰建材有限公司"]["last_inspected"] is None
    assert set(listed["示例县华丰建材有限公司"]) >= {
        "unit",
        "uscc",
        "town",
        "dept",
        "industry",
        "high_risk",
        "last_inspected",
    }
    assert report["counts"] == {
        "roster": 7,
        "working": 5,
        "inspected": 2,
        "uninspected": 3,
        "not_on_roster": 1,
    }
    (missing,) = report["not_on_roster"]
    assert missing["unit"] == "示例县不在底数机械厂" and missing["uscc"] == USCC_C
    assert missing["sources"][0]["row"] == 7 and missing["sources"][0]["path"].endswith("隐患台账.xlsx")
    assert report["by_town"] == [
        {"town": "青石镇", "roster": 5, "inspected": 2, "uninspected": 3, "rate": 40.0}
    ]


def test_a_quarter_needs_every_month_of_a_high_risk_unit_and_one_inspection_of_the_others(tmp_path):
    hazards = [
        *HAZARDS,
        _hazard("H5", "2026-11-03", "示例县通达化工有限公司", None, industry="危险化学品"),
        _hazard("H6", "2026-12-01", "示例县通达化工有限公司", None, industry="危险化学品"),
        _hazard("H7", "2026-11-20", "示例县华丰建材有限公司", USCC_B),
    ]
    folder = _county(tmp_path, ROSTER, hazards)
    code, report = _coverage(folder, "--quarter", "2026Q4")
    assert code == 0
    listed = {u["unit"]: u for u in report["uninspected"]}
    # 通达: November and December, but not October; 东方木业: August is outside the fourth quarter
    assert listed["通达化工有限公司"]["windows"] == ["2026年10月"]
    assert "示例县华丰建材有限公司" not in listed
    assert {"东方木业有限公司(示例县)", "示例县停产印刷厂"} <= set(listed)  # as read: NFKC
    # as of 30 November, December's window has not ended and is not yet owed
    _, early = _coverage(folder, "--quarter", "2026年第四季度", "--as-of", "2026-11-30")
    assert {u["unit"]: u["windows"] for u in early["uninspected"]}["通达化工有限公司"] == ["2026年10月"]


def test_closed_and_deregistered_units_are_never_listed(tmp_path):
    _, report = _coverage(_county(tmp_path, ROSTER, HAZARDS), "--month", "2026-10")
    names = {u["unit"] for u in report["uninspected"]}
    assert not names & {"示例县关停砖厂", "示例县注销商贸有限公司"}


def test_a_roster_with_no_working_units(tmp_path):
    roster = [roster_row("示例县关停砖厂", None, status="关闭")]
    code, report = _coverage(_county(tmp_path, roster, HAZARDS), "--month", "2026-10")
    assert code == 0
    assert report["counts"]["working"] == 0 and report["uninspected"] == [] and report["rate"] is None
    assert report["counts"]["not_on_roster"] == 4


def test_a_roster_alone_or_no_roster_is_refused(tmp_path):
    alone = tmp_path / "底数"
    alone.mkdir()
    roster_file(alone, ROSTER)
    code, out = _coverage(alone, "--month", "2026-10")
    assert code == 2 and "隐患" in out["output"]
    ledgers = tmp_path / "台账"
    ledgers.mkdir()
    ledger_file(ledgers, HAZARDS)
    code, out = _coverage(ledgers, "--month", "2026-10")
    assert code == 2 and "底数" in out["output"]
    # named with --roster it is found
    code, report = _coverage(ledgers, "--month", "2026-10", "--roster", alone / "底数.xlsx")
    assert code == 0 and report["counts"]["roster"] == 7


def test_period_options_are_checked_before_reading(tmp_path):
    for args in (["--quarter", "2026Q5"], ["--month", "2026-10", "--quarter", "2026Q4"], []):
        result = runner.invoke(app, ["coverage", str(tmp_path / "无此文件夹"), *args])
        assert result.exit_code == 2 and "--" in result.output


def test_coverage_workbook_and_terminal(tmp_path):
    folder = _county(tmp_path, ROSTER, HAZARDS)
    result = runner.invoke(
        app, ["coverage", str(folder), "--month", "2026-10", "-o", str(tmp_path / "应查未查.xlsx")]
    )
    assert result.exit_code == 0, result.output
    assert "应查未查 3 家" in result.output and "示例县华丰建材有限公司" in result.output
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "应查未查.xlsx")
    assert {"应查未查", "底数不清", "覆盖率_按镇街"} <= set(book.sheetnames)
    rows = [r for r in book["应查未查"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) == 3
    head = next(book["应查未查"].iter_rows(min_row=3, max_row=3, values_only=True))
    assert "监管部门" not in head and "企业名称" in head  # a towns' roster has no department to print


def test_a_row_left_out_of_the_counts_still_shows_an_inspection(tmp_path):
    """A row with an unreadable level is not counted as a hazard, but the enterprise was inspected."""
    hazards = [*HAZARDS, {**_hazard("H9", "2026-10-20", "示例县华丰建材有限公司", USCC_B), "level": "严重"}]
    _, report = _coverage(_county(tmp_path, ROSTER, hazards), "--month", "2026-10")
    assert "示例县华丰建材有限公司" not in {u["unit"] for u in report["uninspected"]}
    assert report["counts"]["inspected"] == 3


def test_monthly_with_a_roster_lists_the_uninspected_and_says_so_in_the_brief(tmp_path):
    import docx
    from openpyxl import load_workbook

    folder = _county(tmp_path, ROSTER, HAZARDS)
    out = tmp_path / "成果"
    result = runner.invoke(
        app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out), "--date", "2026-11-03"]
    )
    assert result.exit_code in (0, 1), result.output
    assert "排查覆盖" in result.output and "应查未查 3 家" in result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["coverage"] == {
        "roster": 7,
        "working": 5,
        "inspected": 2,
        "uninspected": 3,
        "not_on_roster": 1,
        "rate": 40.0,
    }
    assert record["outputs"]["coverage"] == "应查未查清单.xlsx" and (out / "应查未查清单.xlsx").is_file()
    text = "\n".join(p.text for p in docx.Document(str(out / "月度通报.docx")).paragraphs)
    assert "三、排查覆盖情况" in text
    assert (
        "全县应排查企业5家" in text and "实际排查2家，排查覆盖率40.0%；应查未查3家，其中高危企业1家。" in text
    )
    assert "青石镇（40.0%）排查覆盖率低于100.0%" in text and "另有1家企业出现在隐患台账中但不在底数中" in text
    sheet = load_workbook(out / "统计汇总.xlsx")["排查覆盖"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True)]
    assert rows[-1][1:6] == ("合计", 5, 2, 3, 40.0)


def test_monthly_without_a_roster_says_coverage_could_not_be_computed(tmp_path):
    import docx

    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, HAZARDS)
    out = tmp_path / "成果"
    result = runner.invoke(app, ["monthly", str(folder), "--month", "2026-10", "--out", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert "未提供生产经营单位底数" in result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["coverage"] is None and "coverage" not in record["outputs"]
    assert not (out / "应查未查清单.xlsx").exists()
    text = "\n".join(p.text for p in docx.Document(str(out / "月度通报.docx")).paragraphs)
    assert "无法计算排查覆盖率和应查未查企业" in text


def test_a_town_below_the_supervision_floor_gets_a_coverage_letter_only_when_configured(tmp_path):
    import docx

    folder = _county(tmp_path, ROSTER, HAZARDS)
    out = tmp_path / "函告"
    args = ["letters", str(folder), "--month", "2026-10", "--out-dir", str(out), "--date", "2026-11-03"]
    assert runner.invoke(app, args).exit_code == 0
    assert not list(out.glob("*排查督办函*"))  # off by default
    config = tmp_path / "anquan.toml"
    config.write_text("[coverage]\nsupervision_floor = 50\n", encoding="utf-8")
    result = runner.invoke(app, [*args, "--config", str(config)])
    assert result.exit_code == 0, result.output
    (letter,) = out.glob("*_排查督办函_青石镇人民政府.docx")
    document = docx.Document(str(letter))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于督促青石镇落实应查尽查要求的督办函" in text.replace("\n", "")
    assert "应排查企业5家，实际排查2家，排查覆盖率40.0%，低于督办标准（50.0%），应查未查企业3家" in text
    annex = document.tables[-1]
    units = [row.cells[1].text for row in annex.rows[1:]]
    assert units[0] == "通达化工有限公司" and set(units) == {
        "通达化工有限公司",
        "示例县华丰建材有限公司",
        "示例县停产印刷厂",
    }
