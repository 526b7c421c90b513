"""全员安全生产责任清单: layouts, tier inference, every rule both ways, and the cross check."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import Config
from devtools.fab import SheetSpec, write_csv, write_xls, write_xlsx
from tests.conftest import (
    RESP_FIELDS,
    UNIT_A,
    UNIT_B,
    USCC_B,
    codes,
    good_list,
    good_records,
    ledger_file,
    per_sheet_file,
    resp_table,
    run_all,
    run_file,
    stacked_file,
)


def _stacked(tmp_path, change=None, **kw):
    first, second = good_list(), good_list(UNIT_B, USCC_B)
    if change:
        change(first)
    return run_file(stacked_file(tmp_path, [first, second], **kw))


def _hits(result, code):
    hits = [f for f in result.findings if f.code == code]
    assert hits, f"{code} did not fire: {[f.code for f in result.findings]}"
    return hits


def test_stacked_list_is_recognised_and_clean(tmp_path):
    result = _stacked(tmp_path)
    assert result.kind == "responsibility" and result.header_rows == (2, 2)
    assert result.counts.used == 14
    assert result.findings == []


def test_per_sheet_list_takes_name_and_code_from_above_the_header(tmp_path):
    results = run_all(per_sheet_file(tmp_path, [good_list(), good_list(UNIT_B, USCC_B)]))
    assert [r.sheet for r in results] == ["企业1", "企业2"]
    assert all(r.kind == "responsibility" and r.findings == [] for r in results)


def test_name_from_the_title_and_code_error_reported_once_on_its_cell(tmp_path):
    lst = good_list(uscc="91350100M000100Y4Z")
    fields = [f for f in RESP_FIELDS if f not in ("unit", "uscc")]
    rows = [
        [f"{UNIT_A}全员安全生产责任清单"],
        ["统一社会信用代码：91350100M000100Y4Z"],
        *resp_table(lst, fields),
    ]
    path = write_xls(tmp_path / "宏达.xls", [SheetSpec("Sheet1", rows)])
    result = run_file(path)
    (hit,) = _hits(result, "uscc-checksum")
    assert (hit.row, hit.column) == (2, "A")
    assert result.findings == [hit]


def test_enterprise_name_from_file_name_when_nowhere_else(tmp_path):
    fields = [f for f in RESP_FIELDS if f not in ("unit", "uscc")]
    path = write_xlsx(
        tmp_path / f"{UNIT_A}全员安全生产责任清单.xlsx",
        [SheetSpec("Sheet1", resp_table(good_list(), fields))],
    )
    assert run_file(path).findings == []


def test_without_name_anywhere_the_column_is_missing(tmp_path):
    fields = [f for f in RESP_FIELDS if f not in ("unit", "uscc")]
    path = write_xlsx(tmp_path / "清单.xlsx", [SheetSpec("Sheet1", resp_table(good_list(), fields))])
    assert codes(run_file(path)) == {"column-missing": 1}


def test_no_tier_column_infers_from_post_and_says_so(tmp_path):
    records = good_list()
    posts = ["总经理（法定代表人）", "安全总监", "一车间主任", "安全环保部部长", "甲班班长", "操作工", "电工"]
    for r, post in zip(records, posts, strict=True):
        r["post"] = post
    fields = [f for f in RESP_FIELDS if f != "tier"]
    path = write_csv(tmp_path / "开发区.csv", resp_table(records, fields), bom=True)
    result = run_file(path)
    assert codes(result) == {"tier-inferred": 1}
    (hit,) = result.findings
    assert hit.severity.value == "info"


def test_inference_keywords_are_configurable(tmp_path):
    records = good_list()
    records[4]["post"] = "工段负责人"  # no default keyword says 班组长
    fields = [f for f in RESP_FIELDS if f != "tier"]
    path = write_csv(tmp_path / "a.csv", resp_table(records, fields))
    assert "tier-missing" in codes(run_file(path))
    config = Config.model_validate({"responsibility": {"tier_keywords": {"班组长": ["工段负责人", "班长"]}}})
    assert codes(run_file(path, config)) == {"tier-inferred": 1}


CASES = [
    ("principal-missing", lambda r: r.pop(0), "B3", "error"),
    ("tier-missing", lambda r: r.pop(4), "B3", "warning"),
    ("tier-missing", lambda r: (r.pop(6), r.pop(5)), "B3", "error"),  # no 岗位人员 at all
    ("required-empty", lambda r: r[2].update(name=None), "G5", "error"),
    ("required-empty", lambda r: r[2].update(post=" "), "F5", "error"),
    ("required-empty", lambda r: r[2].update(duty="/"), "H5", "error"),
    ("standard-empty", lambda r: r[3].update(standard=None), "I6", "warning"),
    ("date-invalid", lambda r: r[1].update(signed_on="2026.2.30"), "J4", "error"),
    ("date-future", lambda r: r[1].update(signed_on=dt.date(2027, 1, 5)), "J4", "warning"),
    ("duty-short", lambda r: r[3].update(duty="负责安全"), "H6", "warning"),
    ("person-multi-tier", lambda r: r[5].update(name="王强"), "G8", "warning"),
    ("tier-invalid", lambda r: r[3].update(tier="中层"), "D6", "warning"),
    ("tier-empty", lambda r: r[4].update(tier=None), "D7", "warning"),
    ("uscc-checksum", lambda r: r[0].update(uscc="91350100M000100Y4Z"), "C3", "error"),
]


@pytest.mark.parametrize(("code", "change", "cell", "severity"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_rule_fires(tmp_path, code, change, cell, severity):
    result = _stacked(tmp_path, change)
    hits = _hits(result, code)
    assert [h.cell for h in hits] == [cell]
    assert hits[0].severity.value == severity
    assert not hits[0].message.isascii()


def test_principal_missing_names_the_enterprise(tmp_path):
    (hit,) = _hits(_stacked(tmp_path, lambda r: r.pop(0)), "principal-missing")
    assert UNIT_A in hit.message and "第五条" in hit.message


def test_copy_pasted_duty_on_three_posts(tmp_path):
    def change(r):
        for i in (1, 2, 4):
            r[i]["duty"] = "认真贯彻落实安全生产法律法规，做好本职范围内的安全生产工作。"
        r[4]["duty"] = (
            "认真贯彻落实 安全生产法律法规，做好本职范围内的安全生产工作"  # spacing/punctuation differ
        )

    hits = _hits(_stacked(tmp_path, change), "duty-copied")
    assert [h.cell for h in hits] == ["H4", "H5", "H7"]
    assert "安全总监" in hits[0].message and "车间主任" in hits[0].message and "5、7" in hits[0].message


def test_same_duty_on_two_posts_or_one_post_many_people_is_fine(tmp_path):
    def change(r):
        r[1]["duty"] = r[2]["duty"]  # two different posts only
        r.append({**r[5], "name": "吴磊"})  # a third 操作工 with the same duty: same post

    assert _stacked(tmp_path, change).findings == []


def test_two_principals_without_distinction(tmp_path):
    def change(r):
        r.insert(1, {**r[0], "post": "董事长", "name": "孙明"})
        r[0]["post"] = "总经理"

    (hit,) = _hits(_stacked(tmp_path, change), "principal-ambiguous")
    assert "张伟" in hit.message and "孙明" in hit.message


def test_legal_representative_and_controller_both_principal(tmp_path):
    def good(r):
        r.insert(1, {**r[0], "post": "实际控制人", "name": "孙明"})
        r[0]["post"] = "法定代表人"

    assert _stacked(tmp_path, good).findings == []

    def controller_not_principal(r):
        r[0]["post"] = "法定代表人"
        r[1]["post"] = "安全总监、实际控制人"

    (hit,) = _hits(_stacked(tmp_path, controller_not_principal, name="b.xlsx"), "principal-incomplete")
    assert "张伟" in hit.message and "李娜" in hit.message


def test_middle_tiers_severity_configurable(tmp_path):
    path = stacked_file(tmp_path, [[r for r in good_list() if r["tier"] != "班组长"]])
    assert codes(run_file(path)) == {"tier-missing": 1}
    off = Config.model_validate({"responsibility": {"required_tiers": {"班组长": "off"}}})
    assert run_file(path, off).findings == []
    strict = Config.model_validate({"responsibility": {"required_tiers": {"班组长": "error"}}})
    (hit,) = run_file(path, strict).findings
    assert hit.severity.value == "error"


def test_uscc_must_be_consistent_within_an_enterprise(tmp_path):
    first = good_list()
    second = good_list(UNIT_B, USCC_B)
    rows = [["清单"], *resp_table(first + second)]
    rows[4][2] = USCC_B  # row 5: UNIT_A with UNIT_B's code
    path = write_xlsx(tmp_path / "a.xlsx", [SheetSpec("责任清单", rows)])
    assert {"uscc-many-names", "name-many-uscc"} & set(codes(run_file(path)))


# --- cross check and the command line ----------------------------------------------------------

runner = CliRunner()


def _doc(*args):
    result = runner.invoke(app, ["validate", *map(str, args), "--format", "json", "--as-of", "2026-11-28"])
    return result, json.loads(result.stdout)


def test_cross_check_runs_when_both_kinds_are_given(tmp_path):
    hazards = tmp_path / "台账"
    lists = tmp_path / "清单"
    hazards.mkdir()
    lists.mkdir()
    ledger_file(hazards, good_records())  # two enterprises: UNIT_A and UNIT_B
    stacked_file(lists, [good_list()])  # only UNIT_A has a list
    result, doc = _doc(hazards, lists)
    assert result.exit_code == 0  # a missing list is a warning
    summary = doc["summary"]
    assert summary["cross_checked"] is True
    (missing,) = summary["missing_responsibility"]
    assert missing["unit"] == UNIT_B and missing["uscc"] == USCC_B and missing["row"] == 5
    hazard_entry = next(f for f in doc["files"] if f["kind"] == "hazard")
    (finding,) = hazard_entry["findings"]
    assert finding["code"] == "no-responsibility-list" and finding["column"] == "D"


def test_cross_check_matches_by_name_when_code_is_missing(tmp_path):
    ledger_file(tmp_path, good_records(), name="台账.xlsx")
    stacked_file(
        tmp_path, [good_list(uscc=None), good_list(UNIT_B.replace("有限公司", "（有限公司）"), None)]
    )
    # UNIT_B written with different brackets: the normalised names differ, so it counts as missing
    _, doc = _doc(tmp_path)
    assert [m["unit"] for m in doc["summary"]["missing_responsibility"]] == [UNIT_B]


def test_cross_check_only_on_request_with_hazards_alone(tmp_path):
    ledger_file(tmp_path, good_records())
    _, doc = _doc(tmp_path)
    assert doc["summary"]["cross_checked"] is False
    _, doc = _doc(tmp_path, "--cross")
    assert len(doc["summary"]["missing_responsibility"]) == 2


def test_kind_option_and_terminal_output(tmp_path):
    path = stacked_file(tmp_path, [[r for r in good_list() if r["tier"] != "主要负责人"]])
    result = runner.invoke(app, ["validate", str(path), "--kind", "responsibility"])
    assert result.exit_code == 1
    assert "责任清单" in result.stdout and "没有主要负责人" in result.stdout


def test_annotated_copy_of_a_per_sheet_workbook(tmp_path):
    import openpyxl

    broken = good_list(UNIT_B, USCC_B)
    broken[2]["name"] = None
    path = per_sheet_file(tmp_path, [good_list(), broken])
    out = tmp_path / "out"
    result = runner.invoke(app, ["validate", str(path), "--annotate", str(out)])
    assert result.exit_code == 1
    wb = openpyxl.load_workbook(out / f"{path.stem}_校验.xlsx")
    assert wb.sheetnames == ["校验结果", "企业1", "企业2"]
    assert wb["校验结果"]["C4"].value == "企业2!E6"
    assert wb["企业2"]["E6"].comment is not None


def test_responsibility_template_has_tier_dropdown_example_and_validates_when_filled(tmp_path):
    import openpyxl

    target = tmp_path / "责任清单模板.xlsx"
    assert runner.invoke(app, ["template", "responsibility", "-o", str(target)]).exit_code == 0
    wb = openpyxl.load_workbook(target)
    ws = wb["责任清单"]
    headers = [c.value for c in ws[3]]
    tier_col = headers.index("层级") + 1
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert len(lists) == 1 and openpyxl.utils.get_column_letter(tier_col) in str(lists[0].sqref)
    assert [ws.cell(r, tier_col).value for r in range(4, 9)] == [
        "主要负责人",
        "分管负责人",
        "部门负责人",
        "班组长",
        "岗位人员",
    ]
    from tests.conftest import RESP_HEADERS

    row = 9
    for rec in good_list():
        ws.cell(row, 1, row - 3)
        for f, value in rec.items():
            ws.cell(row, headers.index(RESP_HEADERS[f]) + 1, value)
        row += 1
    wb.save(target)
    result, doc = _doc(target)
    assert result.exit_code == 0, doc
    # The five grey example rows (序号 示例1 … 示例5) are not data; the seven filled rows are.
    assert doc["files"][0]["rows"] == 7 and doc["files"][0]["findings"] == []
    assert doc["files"][0]["sheets"][0]["skipped_rows"] == {"example": 5}
