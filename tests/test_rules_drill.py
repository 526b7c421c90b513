"""应急演练记录 (drill, issue 21): recognised by its header; each rule fires and stays quiet, with the
boundary dates (exactly 12 and 6 months, a leap year, the Spring Festival table)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.calendar import add_working_days, first_working_day, spring_festival
from anquan_cli.core.config import Config
from anquan_cli.jobs.validate import run_validation
from devtools.fab import SheetSpec, write_xlsx
from tests.conftest import USCC_A, USCC_B
from tests.test_rules_roster import roster_file, roster_row

AS_OF = dt.date(2026, 10, 31)
HEADERS = (
    "序号",
    "单位名称",
    "统一社会信用代码",
    "行业领域",
    "演练名称",
    "演练类型",
    "演练日期",
    "参加人数",
    "评估总结",
)
UNIT_A, UNIT_B = "示例县宏达机械有限公司", "示例县通达化工有限公司"


def drill(
    unit=UNIT_A, code=USCC_A, industry="工贸", name="消防应急疏散演练", kind="综合", on=None, evaluation="有"
):
    return [unit, code, industry, name, kind, on or dt.date(2026, 9, 15), 30, evaluation]


def good_rows() -> list[list]:
    """Both units clean as of AS_OF: a 综合 drill within 6 months, a 现场处置 one, the 第一课."""
    rows = []
    for unit, code, industry in ((UNIT_A, USCC_A, "工贸"), (UNIT_B, USCC_B, "危险化学品")):
        rows += [
            drill(unit, code, industry, "生产安全事故综合应急预案演练", "综合", dt.date(2026, 6, 20)),
            drill(unit, code, industry, "危化品泄漏现场处置方案演练", "现场处置方案", dt.date(2026, 9, 10)),
            drill(unit, code, industry, "节后复工开工第一课", "专项", dt.date(2026, 2, 24)),
        ]
    return rows


def drill_file(folder: Path, rows: list[list], name: str = "演练记录.xlsx") -> Path:
    body = [["示例县企业应急演练记录"], ["填报单位：青石镇应急办"], list(HEADERS)]
    body += [[i, *r] for i, r in enumerate(rows, 1)]
    return write_xlsx(folder / name, [SheetSpec("演练记录", body, merges=[(0, 0, 0, len(HEADERS) - 1)])])


def findings(paths: list[Path], as_of: dt.date = AS_OF, config: Config | None = None):
    run = run_validation(paths, config or Config(), as_of=as_of)
    return [(f.code, f.cell or f.row, f.message) for r in run.results for f in r.findings]


def only(found, code):
    return [f for f in found if f[0] == code]


def test_a_drill_record_is_recognised_and_a_good_one_is_clean(tmp_path):
    path = drill_file(tmp_path, good_rows())
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-10-31"])
    doc = json.loads(result.stdout)
    assert result.exit_code == 0, result.stdout
    assert doc["files"][0]["kind"] == "drill" and doc["files"][0]["findings"] == []


def test_type_and_evaluation(tmp_path):
    rows = good_rows()
    rows[0][4] = "桌面推演"
    rows[1][7] = "无"
    found = findings([drill_file(tmp_path, rows)])
    assert only(found, "drill-type-invalid")[0][1] == "F4"
    assert only(found, "drill-no-evaluation")[0][1] == "I5"


def test_annual_drill_exactly_twelve_months_ago_is_in_time_one_day_more_is_not(tmp_path):
    rows = [r for r in good_rows() if r[0] == UNIT_A]
    rows[0][5] = dt.date(2025, 10, 31)  # 12 months before AS_OF to the day
    rows[2][4] = "现场处置"  # the 第一课 row is not the year's 综合/专项 drill here
    assert only(findings([drill_file(tmp_path, rows)]), "drill-annual-missing") == []
    rows[0][5] = dt.date(2025, 10, 30)
    (hit,) = only(findings([drill_file(tmp_path, rows, "b.xlsx")]), "drill-annual-missing")
    assert hit[1] == "B4" and UNIT_A in hit[2] and "2025年10月31日" in hit[2]


def test_a_leap_day_as_of_looks_back_to_the_end_of_february():
    from anquan_cli.core.dates import add_months

    assert add_months(dt.date(2028, 2, 29), -12) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 8, 31), -6) == dt.date(2028, 2, 29)


def test_high_risk_units_drill_every_half_year(tmp_path):
    rows = good_rows()
    rows[3][5] = dt.date(2026, 4, 29)  # UNIT_B (危险化学品): 6 months and a day before AS_OF
    rows[5][4] = "现场处置"
    (hit,) = only(findings([drill_file(tmp_path, rows)]), "drill-halfyear-missing")
    assert UNIT_B in hit[2] and "危险化学品" in hit[2]
    rows[3][5] = dt.date(2026, 4, 30)  # 6 months to the day
    assert only(findings([drill_file(tmp_path, rows, "b.xlsx")]), "drill-halfyear-missing") == []
    # the same dates for an ordinary unit: once a year is enough
    rows = good_rows()
    rows[0][5] = dt.date(2026, 1, 10)
    assert only(findings([drill_file(tmp_path, rows, "c.xlsx")]), "drill-halfyear-missing") == []


def test_onsite_drill_every_half_year(tmp_path):
    rows = good_rows()
    rows[1][5] = dt.date(2026, 3, 1)
    (hit,) = only(findings([drill_file(tmp_path, rows)]), "drill-onsite-missing")
    assert UNIT_A in hit[2] and hit[1] == "B4"


def test_spring_festival_table_and_first_working_day():
    assert spring_festival(2026) == dt.date(2026, 2, 17)
    assert first_working_day(2026) == dt.date(2026, 2, 24)  # 初八, a Tuesday
    assert first_working_day(2024) == dt.date(2024, 2, 19)  # 初八 a Saturday: the Monday after
    assert first_working_day(2024, {"2024": dt.date(2024, 2, 18)}) == dt.date(2024, 2, 18)  # 调休
    assert all(spring_festival(y) for y in range(2020, 2036)) and spring_festival(2036) is None
    assert add_working_days(dt.date(2026, 2, 24), 5) == dt.date(2026, 3, 3)


def test_first_lesson(tmp_path):
    rows = good_rows()
    del rows[2]  # UNIT_A holds no 第一课
    (hit,) = only(findings([drill_file(tmp_path, rows)]), "first-lesson-missing")
    assert UNIT_A in hit[2] and "2026年2月24日" in hit[2] and "2026年3月3日" in hit[2]
    # not yet due: before the last day to hold it
    early = findings([drill_file(tmp_path, rows, "b.xlsx")], as_of=dt.date(2026, 3, 3))
    assert only(early, "first-lesson-missing") == []
    # held on the last day allowed
    rows.append(drill(name="开工第一课：警示教育", kind="专项", on=dt.date(2026, 3, 3)))
    assert only(findings([drill_file(tmp_path, rows, "c.xlsx")]), "first-lesson-missing") == []


def test_with_a_roster_every_working_unit_must_drill(tmp_path):
    rows = [r for r in good_rows() if r[0] == UNIT_A]
    roster = roster_file(
        tmp_path,
        [
            roster_row(UNIT_A, USCC_A),
            roster_row(UNIT_B, USCC_B, industry="危险化学品", high_risk="是"),
            roster_row("示例县已关闭化工厂", None, status="关闭"),
        ],
    )
    found = findings([drill_file(tmp_path, rows), roster])
    annual = only(found, "drill-annual-missing")
    assert [h[2].split("在")[0] for h in annual] == [UNIT_B]  # the closed one is never asked
    assert annual[0][1] == 3  # no drill row of its own: the record's header row


@pytest.mark.parametrize("evaluation", ["有", "已评估", "评估报告已归档"])
def test_an_evaluation_written_any_way_is_quiet(tmp_path, evaluation):
    rows = good_rows()
    rows[0][7] = evaluation
    assert only(findings([drill_file(tmp_path, rows)]), "drill-no-evaluation") == []


def test_the_template_validates_clean_when_filled_as_instructed(tmp_path):
    import openpyxl

    target = tmp_path / "演练模板.xlsx"
    assert CliRunner().invoke(app, ["template", "drill", "-o", str(target)]).exit_code == 0
    wb = openpyxl.load_workbook(target)
    ws = wb.worksheets[0]
    header_row = next(r for r in range(1, 8) if ws.cell(r, 2).value and "单位" in str(ws.cell(r, 2).value))
    headers = [c.value for c in ws[header_row]]
    ws.delete_rows(header_row + 1)  # the grey example row, as the notes say
    values = dict(zip(HEADERS[1:], good_rows()[0][:-1], strict=False))
    filled = {**values, "评估总结": "已评估，形成评估报告", "参加人数": 30, "演练类型": "综合"}
    rows = [
        {**filled, "演练名称": "综合应急预案演练", "演练日期": dt.date(2026, 6, 20)},
        {**filled, "演练名称": "现场处置方案演练", "演练类型": "现场处置", "演练日期": dt.date(2026, 9, 10)},
        {**filled, "演练名称": "开工第一课", "演练类型": "专项", "演练日期": dt.date(2026, 2, 24)},
    ]
    for i, row in enumerate(rows, header_row + 1):
        for name, value in row.items():
            ws.cell(i, headers.index(name) + 1, value)
    wb.save(target)
    result = CliRunner().invoke(app, ["validate", str(target), "--format", "json", "--as-of", "2026-10-31"])
    doc = json.loads(result.stdout)
    assert doc["files"][0]["kind"] == "drill" and doc["files"][0]["rows"] == 3
    assert doc["files"][0]["findings"] == [], doc["files"][0]["findings"]
