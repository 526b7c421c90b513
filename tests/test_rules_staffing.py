"""安全监管力量 (staffing): recognised by its header, every rule fires on its cell and stays quiet at the
plan's exact minimum, towns told from departments by name and by the county's lists, and the template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import Config
from anquan_cli.core.vocab import fulltime, professional_background, town_by_name, unit_key
from devtools.fab import SheetSpec, write_xlsx
from tests.conftest import USCC_A, good_list, good_records, ledger_file, run_all, stacked_file

runner = CliRunner()

STAFF_HEADERS = {
    "unit": "单位",
    "person": "姓名",
    "post": "职务",
    "fulltime": "专职/兼职",
    "background": "专业背景",
    "cert_no": "执法证号",
    "phone": "联系电话",
}
FIRST = 4  # title row, 填报单位 line, header: the first person is on Excel row 4
MAJORS = ("安全工程", "化学工程", "机械", "消防工程", "电气工程", "土木工程", "采矿工程", "环境工程")


def staff(unit: str, full: int, professional: int | None = None, part: int = 0, tag: str = "") -> list[dict]:
    """`full` full-time supervisors of a unit, the first `professional` of them (all by default) with a
    named major, then `part` part-time members; every person a different name."""
    professional = full if professional is None else professional
    rows = []
    for i in range(full + part):
        rows.append(
            {
                "unit": unit,
                "person": f"{unit}{tag}人员{i + 1}",
                "post": "安全监管员",
                "fulltime": "专职" if i < full else "兼职",
                "background": MAJORS[i % len(MAJORS)] if i < professional or i >= full else "否",
                "cert_no": f"3713212026{len(unit):02d}{i:04d}",
                "phone": "13905391234",
            }
        )
    return rows


def staffing_file(
    folder: Path,
    records: list[dict],
    name: str = "监管力量统计表.xlsx",
    headers: dict[str, str] = STAFF_HEADERS,
    reporter: str = "县安委办",
) -> Path:
    """A realistic table: title row, 填报单位 line, header on row 3."""
    fields = list(headers)
    rows = [
        ["序号", *headers.values()],
        *[[i, *[r.get(f) for f in fields]] for i, r in enumerate(records, 1)],
    ]
    width = len(rows[0])
    body = [
        ["示例县安全监管力量统计表"],
        [f"填报单位：{reporter}", "", "", "填报日期：2026年11月20日"],
        *rows,
    ]
    return write_xlsx(folder / name, [SheetSpec("监管力量", body, merges=[(0, 0, 0, width - 1)])])


def found(results) -> list[tuple[str, str | None, int | None]]:
    return sorted((f.code, f.cell, f.row) for r in results for f in r.findings)


def of(results, code: str) -> list:
    return [f for r in results for f in r.findings if f.code == code]


def validate_json(path: Path, *extra) -> tuple[int, dict]:
    result = runner.invoke(app, ["validate", str(path), "--format", "json", *map(str, extra)])
    return result.exit_code, json.loads(result.stdout)


# --- recognised by its header ------------------------------------------------------------------------


def test_a_clean_staffing_table_is_recognised_by_the_cli_and_has_no_findings(tmp_path):
    # exactly 7 full-time in a town (6 of 7 professional), exactly 3 in a department, part-timers aside
    records = [*staff("青石镇", 7, 6, part=2), *staff("县住建局", 3)]
    code, doc = validate_json(staffing_file(tmp_path, records))
    assert code == 0, doc
    (entry,) = doc["files"]
    assert entry["kind"] == "staffing" and entry["header_rows"] == [3, 3]
    assert entry["rows"] == 12 and entry["findings"] == []


def test_synonym_headers_are_read_as_a_staffing_table(tmp_path):
    headers = {
        "unit": "镇（街道）/部门",
        "person": "人员姓名",
        "post": "岗位",
        "fulltime": "专兼职",
        "background": "所学专业",
        "cert_no": "行政执法证号",
        "phone": "联系方式",
    }
    results = run_all(staffing_file(tmp_path, staff("柳河镇", 7), headers=headers))
    assert [r.kind for r in results] == ["staffing"] and found(results) == []
    assert set(results[0].ledger.columns) == set(STAFF_HEADERS)


def test_a_minimal_staffing_table_with_a_phone_column_is_no_roster(tmp_path):
    """联系电话 is a roster's key field and 单位名称 its enterprise: still a staffing table."""
    headers = {"unit": "单位名称", "person": "姓名", "fulltime": "是否专职", "phone": "联系电话"}
    records = [{**r, "fulltime": "是"} for r in staff("县应急管理局", 3)]
    results = run_all(staffing_file(tmp_path, records, headers=headers))
    assert [r.kind for r in results] == ["staffing"] and found(results) == []


def test_the_other_kinds_are_never_taken_for_a_staffing_table(tmp_path):
    """A responsibility list has 姓名 and 岗位 too, a roster 联系电话, a hazard ledger 镇街: none of them has
    专职/兼职, 专业背景 or 执法证号."""
    hazard = ledger_file(tmp_path, good_records())
    responsibility = stacked_file(tmp_path, [good_list()])
    roster = write_xlsx(
        tmp_path / "底数.xlsx",
        [
            SheetSpec(
                "底数",
                [
                    ["企业名称", "统一社会信用代码", "所属镇街", "主要负责人", "联系电话", "状态"],
                    ["示例县宏达机械有限公司", USCC_A, "青石镇", "张伟", "13905391234", "在营"],
                ],
            )
        ],
    )
    kinds = [r.kind for path in (hazard, responsibility, roster) for r in run_all(path)]
    assert kinds == ["hazard", "responsibility", "roster"]


def test_the_unit_written_only_in_the_reporting_line(tmp_path):
    """A town's own table: no 单位 column, the town in "填报单位：青石镇人民政府" above the header."""
    headers = {k: v for k, v in STAFF_HEADERS.items() if k != "unit"}
    path = staffing_file(tmp_path, staff("青石镇", 6), headers=headers, reporter="青石镇人民政府")
    code, doc = validate_json(path)
    assert code == 1 and doc["files"][0]["kind"] == "staffing"
    (hit,) = doc["files"][0]["findings"]
    assert (hit["code"], hit["row"], hit["column"]) == ("staffing-below-minimum", 2, "A")
    assert hit["message"].startswith("青石镇人民政府专职安全监管人员6人，少于7人")


# --- staffing-below-minimum ---------------------------------------------------------------------------


def test_a_town_with_six_full_time_supervisors_is_short(tmp_path):
    # 6 专职 and 3 兼职: the part-time members are not counted
    records = [*staff("县住建局", 3), *staff("青石镇", 6, part=3)]
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [("staffing-below-minimum", "B7", 7)]  # 青石镇's first row, its unit cell
    (hit,) = of(results, "staffing-below-minimum")
    assert hit.message == (
        "青石镇专职安全监管人员6人，少于7人"
        "（县安全生产专项行动方案三（八）3：每个镇（街道）不少于7名专职安全监管人员）"
    )
    assert hit.severity == "error" and hit.value == "青石镇"


def test_a_department_with_two_full_time_supervisors_is_short_and_one_with_three_is_not(tmp_path):
    records = [*staff("县交通运输局", 2, part=1), *staff("县市场监督管理局", 3)]
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [("staffing-below-minimum", "B4", 4)]
    (hit,) = of(results, "staffing-below-minimum")
    assert hit.message.startswith("县交通运输局专职安全监管人员2人，少于3人")
    assert "有关部门不少于3名" in hit.message


def test_the_minimums_come_from_the_configuration(tmp_path):
    config = Config(mechanisms={"town_min_fulltime": 9, "dept_min_fulltime": 5})
    records = [*staff("青石镇", 8), *staff("县住建局", 5)]
    results = run_all(staffing_file(tmp_path, records), config)
    assert found(results) == [("staffing-below-minimum", "B4", 4)]
    assert "少于9人" in of(results, "staffing-below-minimum")[0].message


def test_a_unit_merged_down_its_rows_is_one_unit(tmp_path):
    records = staff("青石镇", 6)
    rows = [[None, *[r.get(f) for f in STAFF_HEADERS]] for r in records]
    for r in rows[1:]:
        r[1] = None  # the merge keeps only its first cell
    body = [["示例县安全监管力量统计表"], ["填报单位：县安委办"], ["序号", *STAFF_HEADERS.values()], *rows]
    merges = [(0, 0, 0, 7), (3, 1, 8, 1)]
    path = write_xlsx(tmp_path / "合并.xlsx", [SheetSpec("监管力量", body, merges)])
    assert found(run_all(path)) == [("staffing-below-minimum", "B4", 4)]


# --- towns and departments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "town"),
    [
        ("青石镇", True),
        ("青石镇人民政府", True),
        ("东湖街道", True),
        ("东湖街道办事处", True),
        ("白马乡", True),
        ("示例经济开发区", True),
        ("示例经济开发区管委会", True),
        ("县化工园区", True),
        ("县住房和城乡建设局", False),
        ("县消防救援大队", False),
        ("县人民政府办公室", False),
        ("城区", False),
    ],
)
def test_town_or_department_by_name(tmp_path, unit, town):
    results = run_all(staffing_file(tmp_path, staff(unit, 3)))
    hits = of(results, "staffing-below-minimum")
    assert bool(hits) is town
    if town:
        assert hits[0].message.startswith(f"{unit}专职安全监管人员3人，少于7人")


def test_the_county_lists_come_before_the_name(tmp_path):
    records = [*staff("城区", 3), *staff("县化工园区", 3)]
    path = staffing_file(tmp_path, records)
    by_name = found(run_all(path))
    assert by_name == [("staffing-below-minimum", "B7", 7)]  # 园区 is a town by name; 城区 is not
    config = Config(towns=["城区"], departments=["县化工园区"])
    assert found(run_all(path, config)) == [("staffing-below-minimum", "B4", 4)]


def test_a_town_and_its_government_are_one_unit_and_match_the_configured_town(tmp_path):
    records = [*staff("青石镇", 4), *staff("青石镇人民政府", 3, tag="乙")]
    results = run_all(staffing_file(tmp_path, records), Config(towns=["青石镇"]))
    assert found(results) == []  # 4 + 3 = 7


# --- staffing-professional-share ----------------------------------------------------------------------


def test_exactly_75_percent_professional_is_enough(tmp_path):
    records = [*staff("县住建局", 4, 3), *staff("青石镇", 8, 6)]  # 3 of 4, 6 of 8
    assert found(run_all(staffing_file(tmp_path, records))) == []


def test_74_percent_professional_is_too_few(tmp_path):
    records = [*staff("县应急管理局", 3), *staff("青石镇", 50, 37)]  # 37 of 50 = 74.0%
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [("staffing-professional-share", "B7", 7)]
    (hit,) = of(results, "staffing-professional-share")
    assert hit.severity == "warning"
    assert hit.message.startswith(
        "青石镇专职安全监管人员50人，其中具有相关专业背景的37人，占74.0%，低于75.0%"
    )


def test_only_full_time_supervisors_count_towards_the_share(tmp_path):
    # 3 full-time, 2 professional (66.7%); the part-time members' majors do not help
    results = run_all(staffing_file(tmp_path, staff("县住建局", 3, 2, part=5)))
    assert found(results) == [("staffing-professional-share", "B4", 4)]
    assert "占66.7%" in of(results, "staffing-professional-share")[0].message


def test_no_share_finding_without_full_time_supervisors_or_without_the_column(tmp_path):
    results = run_all(staffing_file(tmp_path, staff("县住建局", 0, part=3)))
    assert found(results) == [("staffing-below-minimum", "B4", 4)]
    headers = {k: v for k, v in STAFF_HEADERS.items() if k != "background"}
    results = run_all(staffing_file(tmp_path, staff("县住建局", 3, 0), name="无专业列.xlsx", headers=headers))
    assert found(results) == []


@pytest.mark.parametrize("value", ["否", "无", "/", "没有", None, "本科", "大专"])
def test_backgrounds_that_say_no(tmp_path, value):
    records = staff("县住建局", 4)
    records[0]["background"] = value  # 3 of 4 still professional: 75%
    records[1]["background"] = value  # 2 of 4: 50%
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [("staffing-professional-share", "B4", 4)]


@pytest.mark.parametrize("value", ["是", "安全工程", "本科/化学工程", "机械", "是（安全工程）"])
def test_backgrounds_that_say_yes(tmp_path, value):
    records = staff("县住建局", 4, 0)
    for r in records:
        r["background"] = value
    assert found(run_all(staffing_file(tmp_path, records))) == []


# --- staffing-fulltime-invalid ------------------------------------------------------------------------


def test_an_unclear_fulltime_value_warns_and_is_not_counted(tmp_path):
    records = staff("青石镇", 7)
    records[2]["fulltime"] = "借调"
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [
        ("staffing-below-minimum", "B4", 4),  # 6 full-time left
        ("staffing-fulltime-invalid", "E6", 6),
    ]
    assert of(results, "staffing-fulltime-invalid")[0].severity == "warning"


def test_yes_and_no_are_read_as_full_and_part_time(tmp_path):
    records = staff("县住建局", 3, part=1)
    for r in records:
        r["fulltime"] = "是" if r["fulltime"] == "专职" else "否"
    assert found(run_all(staffing_file(tmp_path, records))) == []


# --- required cells and columns -----------------------------------------------------------------------


def test_empty_required_cells_and_a_missing_column(tmp_path):
    records = [
        *staff("县住建局", 3),
        {"unit": "县住建局", "fulltime": "专职"},
        {"person": "无名", "fulltime": "专职"},
    ]
    assert found(run_all(staffing_file(tmp_path, records))) == [
        ("required-empty", "B8", 8),
        ("required-empty", "C7", 7),
    ]
    headers = {k: v for k, v in STAFF_HEADERS.items() if k != "fulltime"}
    results = run_all(staffing_file(tmp_path, staff("县住建局", 3), name="无专兼职列.xlsx", headers=headers))
    # who is full-time is unknown, so no unit is said to be short
    assert [(f.code, f.field) for f in results[0].findings] == [("column-missing", "专职/兼职")]


# --- duplicates ---------------------------------------------------------------------------------------


def test_a_person_listed_twice_is_counted_once(tmp_path):
    records = staff("青石镇", 7)
    records[6] = {**records[0], "post": "安监站站长"}  # row 10: the first person again, another post
    results = run_all(staffing_file(tmp_path, records))
    assert found(results) == [
        ("staffing-below-minimum", "B4", 4),
        ("staffing-duplicate-person", "C10", 10),
    ]
    assert of(results, "staffing-duplicate-person")[0].message.startswith("与第 4 行是同一单位的同一人")


def test_an_identical_row_is_a_duplicate_row(tmp_path):
    records = staff("县住建局", 3)
    records.append(dict(records[1]))  # row 7
    results = run_all(staffing_file(tmp_path, records))
    # the 序号 differs, so only the recognised cells are compared: the same person, counted once
    assert found(results) == [("duplicate-row", "C7", 7)]


def test_namesakes_in_two_units_or_with_two_certificates_are_two_people(tmp_path):
    town = staff("青石镇", 7)
    dept = staff("县住建局", 3)
    dept[0]["person"] = town[0]["person"]  # same name, another unit
    town[6]["person"] = town[5]["person"]  # same name, same town, another 执法证号
    assert found(run_all(staffing_file(tmp_path, [*town, *dept]))) == []


# --- the word lists -----------------------------------------------------------------------------------


def test_vocabulary():
    assert [fulltime(v) for v in ("专职", "是", "专职人员", "兼职", "否", "兼职（挂职）", "借调")] == [
        True,
        True,
        True,
        False,
        False,
        False,
        None,
    ]
    assert professional_background("安全工程") and professional_background("是")
    assert not professional_background("否（行政管理）") and not professional_background("无相关专业")
    assert professional_background("无机非金属材料")  # a major that merely starts with 无
    assert unit_key("青石镇人民政府") == "青石镇" and unit_key("县人民政府办公室") == "县人民政府办公室"
    assert town_by_name("东湖街道") and not town_by_name("县住建局")


# --- the fill-in template -----------------------------------------------------------------------------


def test_the_template_validates_clean_when_filled_like_its_example(tmp_path):
    import openpyxl

    target = tmp_path / "监管力量统计表模板.xlsx"
    result = runner.invoke(app, ["template", "staffing", "-o", str(target)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["监管力量", "选项", "填表说明"]
    ws = wb["监管力量"]
    headers = [c.value for c in ws[3]]
    assert headers[1:] == ["单位", "姓名", "职务", "专职/兼职", "专业背景", "执法证号", "联系电话", "备注"]
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and "E4" in str(lists[0].sqref)  # 专职/兼职; no unit list without a county list
    examples = [[c.value for c in row] for row in ws.iter_rows(min_row=4, max_row=ws.max_row)]
    examples = [r for r in examples if isinstance(r[0], str) and r[0].startswith("示例")]
    assert len(examples) == 8 and sum(r[4] == "专职" for r in examples) == 7
    # Filled in as instructed: the grey examples deleted, one's own rows written in their place.
    for i, example in enumerate(examples, 4):
        ws.cell(i, 1, i - 3)
        ws.cell(i, 2, "青石镇")
        for c, value in enumerate(example[2:], 3):
            ws.cell(i, c, value)
    wb.save(target)
    code, doc = validate_json(target)
    assert code == 0, doc
    assert doc["files"][0]["kind"] == "staffing"
    assert doc["files"][0]["rows"] == 8 and doc["files"][0]["findings"] == []


def test_the_template_offers_the_county_units_when_configured(tmp_path):
    import openpyxl

    cfg = tmp_path / "anquan.toml"
    cfg.write_text('towns = ["青石镇", "柳河镇"]\ndepartments = ["县住建局"]\n', encoding="utf-8")
    target = tmp_path / "t.xlsx"
    assert (
        runner.invoke(app, ["template", "staffing", "-o", str(target), "--config", str(cfg)]).exit_code == 0
    )
    wb = openpyxl.load_workbook(target)
    options = wb["选项"]
    columns = {options.cell(1, c).value: c for c in range(1, options.max_column + 1)}
    assert [options.cell(r, columns["单位"]).value for r in (2, 3, 4)] == ["青石镇", "柳河镇", "县住建局"]
    lists = [dv for dv in wb["监管力量"].data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 2
    # The example (示例镇) is not data; the examples validate clean as they stand too.
    code, doc = validate_json(target, "--config", cfg)
    assert code == 0 and doc["files"][0]["rows"] == 0
