"""生产经营单位底数 (roster): recognised by its header, and each rule both fires and stays quiet."""

from __future__ import annotations

from pathlib import Path

from anquan_cli.core.config import Config
from devtools.fab import SheetSpec, write_xlsx
from tests.conftest import USCC_A, USCC_B, run_all

ROSTER_HEADERS = {
    "unit": "企业名称",
    "uscc": "统一社会信用代码",
    "town": "所属镇街",
    "industry": "行业领域",
    "high_risk": "是否高危",
    "principal": "主要负责人",
    "phone": "联系电话",
    "address": "地址",
    "status": "状态",
}
USCC_C = "91350100M000100Y43"  # the domain's example with its check digit fixed (domain.md §5)


def roster_row(unit: str, uscc: str | None, town: str = "青石镇", **extra) -> dict:
    return {
        "unit": unit,
        "uscc": uscc,
        "town": town,
        "industry": "工贸",
        "high_risk": "否",
        "principal": "张伟",
        "phone": "13905391234",
        "address": f"{town}工业园区1号",
        "status": "在营",
        **extra,
    }


GOOD = [
    roster_row("示例县宏达机械有限公司", USCC_A),
    roster_row("示例县华丰建材有限公司", USCC_B, "柳河镇", phone="0539-7654321、13812345678"),
    roster_row("示例县通达化工有限公司", USCC_C, industry="危险化学品", high_risk="是", status="停产整顿"),
    roster_row("宏达机械有限公司", None, "柳河镇", status="注销"),  # another town's namesake
]


def roster_file(folder: Path, records: list[dict], name: str = "底数.xlsx", headers=ROSTER_HEADERS) -> Path:
    fields = list(headers)
    rows = [
        ["序号", *headers.values()],
        *[[i, *[r.get(f) for f in fields]] for i, r in enumerate(records, 1)],
    ]
    body = [["示例县生产经营单位底数台账"], *rows]
    return write_xlsx(folder / name, [SheetSpec("底数", body, merges=[(0, 0, 0, len(rows[0]) - 1)])])


def codes(results) -> list[tuple[str, str | None, int | None]]:
    return sorted((f.code, f.cell, f.row) for r in results for f in r.findings)


def test_a_roster_is_recognised_by_its_header_and_a_good_one_is_clean(tmp_path):
    results = run_all(roster_file(tmp_path, GOOD))
    assert [r.kind for r in results] == ["roster"] and results[0].counts.used == 4
    assert codes(results) == []


def test_synonym_headers_are_read_as_a_roster(tmp_path):
    headers = {
        "unit": "单位名称",
        "uscc": "社会信用代码",
        "town": "属地",
        "industry": "行业类别",
        "high_risk": "风险等级",
        "principal": "法定代表人",
        "phone": "联系方式",
        "status": "经营状态",
    }
    records = [roster_row("示例县宏达机械有限公司", USCC_A, high_risk="较大", status="正常")]
    results = run_all(roster_file(tmp_path, records, headers=headers))
    assert results[0].kind == "roster" and codes(results) == []


def test_roster_rules_fire(tmp_path):
    records = [
        *GOOD,
        roster_row("示例县宏达机械有限公司（二厂）", USCC_A),  # row 7: same code as row 3
        roster_row("宏达机械有限公司（示例县）", None),  # row 8: same enterprise by name, same town
        roster_row("示例县某某厂", "91350100M000100Y4Z", status="倒闭了吧"),  # row 9: check digit, status
        roster_row("示例县某某二厂", None, town=None, phone="123", high_risk="也许"),  # row 10
        roster_row(None, None),  # row 11: no name
    ]
    found = codes(run_all(roster_file(tmp_path, records)))
    assert ("roster-duplicate", "C7", 7) in found
    assert ("roster-duplicate-name", "B8", 8) in found
    assert ("uscc-checksum", "C9", 9) in found
    assert ("roster-status-invalid", "J9", 9) in found
    assert ("roster-phone-invalid", "H10", 10) in found
    assert ("roster-high-risk-invalid", "F10", 10) in found
    assert ("required-empty", "B11", 11) in found
    assert ("uscc-many-names", "B7", 7) in found  # one code, two names
    # closed down rows, stopped rows and the other town's namesake are not flagged
    assert not [f for f in found if f[2] in (3, 4, 5, 6)]


def test_a_roster_without_town_or_department_column(tmp_path):
    headers = {k: v for k, v in ROSTER_HEADERS.items() if k != "town"}
    found = codes(run_all(roster_file(tmp_path, GOOD, headers=headers)))
    assert ("column-missing", "C2", 2) in found or any(c == "column-missing" for c, _, _ in found)


def test_place_empty_when_both_town_and_department_are_blank(tmp_path):
    headers = {**ROSTER_HEADERS, "dept": "监管部门"}
    records = [
        roster_row("示例县宏达机械有限公司", USCC_A, dept="县应急局"),
        roster_row("示例县乙厂", None, town=None),
    ]
    found = codes(run_all(roster_file(tmp_path, records, headers=headers)))
    assert [c for c in found if c[0] == "roster-place-empty"] == [("roster-place-empty", "D4", 4)]


def test_towns_outside_the_configured_list_warn(tmp_path):
    config = Config(towns=["青石镇"])
    found = codes(run_all(roster_file(tmp_path, GOOD), config))
    assert [c for c in found if c[0] == "town-unknown"] == [
        ("town-unknown", "D4", 4),
        ("town-unknown", "D6", 6),
    ]
