"""重大事故隐患 (issue 20): the criteria table, suspected 重大, 五落实, 销号 and 挂牌督办."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import Config, load_config
from anquan_cli.core.criteria import load_table
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.criteria import check_description
from tests.conftest import HEADERS, codes, good_records, ledger_file, run_file

CASES_FILE = Path(__file__).with_name("criteria_cases.toml")
CASES = tomllib.loads(CASES_FILE.read_text(encoding="utf-8"))
TABLE = load_table()
runner = CliRunner()


def _met(description: str, industry: str | None, on: dt.date, config: Config | None = None) -> list[str]:
    result = check_description(config or Config(), description, industry=industry or None, on=on)
    return [i["id"] for i in result.met]


# --- the table -----------------------------------------------------------------------------------


def test_the_table_covers_the_standards_the_issue_names():
    standards = {c.standard for c in TABLE.criteria}
    assert len(TABLE) >= 30
    for name in (
        "工贸企业重大事故隐患判定标准",
        "化工和危险化学品",
        "房屋市政工程",
        "城镇燃气",
        "道路运输",
        "重大火灾隐患",
    ):
        assert any(name in s for s in standards), name
    ids = [c.id for c in TABLE.criteria]
    assert len(ids) == len(set(ids))
    for c in TABLE.criteria:
        assert c.article and c.text and c.source, c.id
        assert c.until is None or c.until >= c.from_


def test_fire_criteria_follow_the_2025_standard_from_its_effective_date():
    fire = [c for c in TABLE.criteria if "35181" in c.document]
    old = [c for c in fire if c.document.endswith("2017")]
    new = [c for c in fire if c.document.endswith("2025")]
    assert old and new
    assert all(c.until == dt.date(2025, 10, 31) for c in old)
    assert all(c.from_ == dt.date(2025, 11, 1) and c.until is None for c in new)


def test_every_criterion_has_a_case_and_every_case_a_criterion():
    assert sorted(c["id"] for c in CASES["case"]) == sorted(c.id for c in TABLE.criteria)


@pytest.mark.parametrize("case", CASES["case"], ids=lambda c: c["id"])
def test_each_criterion_fires_on_its_description_and_not_on_its_near_miss(case):
    assert case["id"] in _met(case["match"], case["industry"], case["date"])
    assert case["id"] not in _met(case["miss"], case["miss_industry"], case["miss_date"])


def test_near_misses_cover_negation_industry_and_date():
    kinds = [c["miss_kind"] for c in CASES["case"]]
    assert kinds.count("negation") >= 8
    assert kinds.count("industry") >= 8
    assert kinds.count("date") >= 6


@pytest.mark.parametrize(
    "industry", ["工贸", "冶金", "危险化学品", "建筑施工", "城镇燃气", "道路运输", "消防", ""]
)
def test_everyday_hazards_never_look_major(industry):
    assert len(CASES["everyday"]) >= 40
    for description in CASES["everyday"]:
        assert _met(description, industry, dt.date(2026, 10, 15)) == [], description


def test_matching_normalises_width_spaces_and_ways_of_saying_not():
    for text in (
        "干式除尘器 没有 设置泄爆装置",
        "干式除尘器无泄爆装置，尚未设置",
        "干式除尘器未设置泄爆装置",
    ):
        assert "gm-11-3" in _met(text, "工贸", dt.date(2026, 10, 1)), text
    assert _met("未发现干式除尘器未设置泄爆装置的情况", "工贸", dt.date(2026, 10, 1)) == []


def test_the_gongmao_standard_does_not_judge_other_industries():
    text = "干式除尘器未设置泄爆装置"
    assert "gm-11-3" in _met(text, "机械", dt.date(2026, 10, 1))  # a subsector is 工贸
    for industry in ("危险化学品", "消防", "城镇燃气", "特种设备"):
        assert "gm-11-3" not in _met(text, industry, dt.date(2026, 10, 1)), industry


def test_a_row_without_an_industry_is_compared_with_the_default_industries():
    result = check_description(Config(), "干式除尘器未设置泄爆装置", industry=None, on=dt.date(2026, 10, 1))
    assert result.assumed and result.scope == ["工贸"]
    assert [i["id"] for i in result.met] == ["gm-11-3"]
    config = Config.model_validate({"major": {"default_industries": ["建筑施工"]}})
    assert _met("干式除尘器未设置泄爆装置", None, dt.date(2026, 10, 1), config) == []


# --- the table from anquan.toml ------------------------------------------------------------------


def _county(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "anquan.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


EXTRA = """
[major]
disable = ["gm-11-3"]
[[major.criteria]]
id = "county-1"
standard = "示例县喷涂作业重大事故隐患补充规定"
article = "第三条"
text = "喷漆房未设置机械通风的"
industries = ["工贸"]
from = 2026-01-01
[[major.criteria.pattern]]
all = [["喷漆房", "喷涂间"], ["未设置", "未安装"], ["通风", "排风"]]
none = ["已整改"]
"""


def test_a_county_adds_replaces_and_switches_off_criteria(tmp_path):
    config = _county(tmp_path, EXTRA)
    ids = [c.id for c in config.major.table().criteria]
    assert "county-1" in ids and "gm-11-3" not in ids
    assert _met("喷漆房未设置机械排风装置", "工贸", dt.date(2026, 10, 1), config) == ["county-1"]
    assert _met("喷漆房未设置机械排风装置", "工贸", dt.date(2025, 10, 1), config) == []
    assert _met("干式除尘器未设置泄爆装置", "工贸", dt.date(2026, 10, 1), config) == []


def test_a_criteria_file_replaces_a_shipped_criterion_by_id(tmp_path):
    (tmp_path / "本县.toml").write_text(
        """
[[criterion]]
id = "gm-11-3"
standard = "工贸企业重大事故隐患判定标准"
article = "第十一条第（三）项"
industries = ["工贸"]
from = 2023-05-15
[[criterion.pattern]]
all = [["集尘器"], ["泄爆"]]
""",
        encoding="utf-8",
    )
    config = _county(tmp_path, '[major]\ncriteria_file = "本县.toml"\n')
    assert len(config.major.table()) == len(TABLE)
    assert _met("集尘器泄爆片缺失", "工贸", dt.date(2026, 10, 1), config) == ["gm-11-3"]


def test_an_unknown_id_to_switch_off_is_an_error(tmp_path):
    config = _county(tmp_path, '[major]\ndisable = ["gm-99"]\n')
    with pytest.raises(AnquanError) as err:
        config.major.table()
    assert err.value.code == "criteria-unknown-id"


def test_a_criterion_without_patterns_is_refused_naming_the_key(tmp_path):
    path = tmp_path / "anquan.toml"
    path.write_text(
        '[[major.criteria]]\nid = "x"\nstandard = "s"\narticle = "a"\nindustries = ["工贸"]\nfrom = 2026-01-01\n',
        encoding="utf-8",
    )
    with pytest.raises(AnquanError) as err:
        load_config(path)
    assert err.value.code == "config-invalid"


# --- commands ------------------------------------------------------------------------------------


def test_criteria_json_contract():
    result = runner.invoke(app, ["criteria", "--format", "json"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert len(table) == len(TABLE)
    for item in table:
        assert {"id", "standard", "article", "industries", "from", "until", "patterns"} <= set(item)
        assert all("all" in p and "none" in p for p in item["patterns"])


def test_criteria_table_prints():
    result = runner.invoke(app, ["criteria"])
    assert result.exit_code == 0, result.output
    assert "gm-11-3" in result.stdout and "判定标准" in result.stdout


def test_criteria_check_says_what_matched_and_why_not():
    result = runner.invoke(
        app, ["criteria", "check", "干式除尘器未设置泄爆装置", "--industry", "工贸", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["suspect_major"] is True
    top = doc["items"][0]
    assert top["id"] == "gm-11-3" and top["met"] and "泄爆" in top["words"]

    result = runner.invoke(
        app, ["criteria", "check", "除尘器泄爆片未定期检查", "--industry", "工贸", "--format", "json"]
    )
    doc = json.loads(result.stdout)
    assert doc["suspect_major"] is False
    near = next(i for i in doc["items"] if i["id"] == "gm-11-3")
    assert near["missing_groups"] and not near["met"]

    result = runner.invoke(app, ["criteria", "check", "干式除尘器未设置泄爆装置", "--industry", "消防"])
    assert result.exit_code == 0
    assert "行业不适用" in result.stdout and "不会提示" in result.stdout


# --- suspected 重大 in a ledger -------------------------------------------------------------------


def _ledger(tmp_path, updates, fields=None, headers=None, name="台账.xlsx"):
    records = good_records()
    for i, change in updates.items():
        records[i].update(change)
    return run_file(ledger_file(tmp_path, records, fields=fields, headers=headers, name=name))


def test_level_suspect_major_fires_on_the_level_cell_with_its_criterion(tmp_path):
    result = _ledger(tmp_path, {1: {"description": "2#车间砂光机除尘风管未安装火花探测消除装置"}})
    (hit,) = [f for f in result.findings if f.code == "level-suspect-major"]
    assert hit.cell == "H5" and hit.field == "隐患等级" and hit.severity == "warning"
    assert "第十一条" in hit.message and "火花探测" in hit.message and "核实" in hit.message
    doc = hit.to_dict()
    assert doc["criterion"] == {
        "id": "gm-11-8",
        "standard": "工贸企业重大事故隐患判定标准",
        "article": doc["criterion"]["article"],
    }
    assert "第十一条" in doc["criterion"]["article"]


def test_level_suspect_major_stays_quiet_on_major_rows_other_industries_and_earlier_dates(tmp_path):
    text = "2#车间砂光机除尘风管未安装火花探测消除装置"
    assert "level-suspect-major" not in codes(
        _ledger(tmp_path, {1: {"description": text, "level": "重大事故隐患"}})
    )
    assert "level-suspect-major" not in codes(
        _ledger(tmp_path, {1: {"description": text, "industry": "危险化学品"}}, name="b.xlsx")
    )
    early = {"description": text, "found_on": dt.date(2023, 3, 1), "deadline": dt.date(2023, 3, 10)}
    assert "level-suspect-major" not in codes(_ledger(tmp_path, {1: early}, name="c.xlsx"))


def test_a_ledger_of_everyday_hazards_has_no_suspects(tmp_path):
    records = []
    for text in CASES["everyday"]:
        record = good_records(1)[0]
        record.update(description=text, hazard_id=f"QS-{len(records):03d}")
        records.append(record)
    result = run_file(ledger_file(tmp_path, records))
    assert "level-suspect-major" not in codes(result)


def test_a_row_without_industry_says_it_was_compared_with_the_default(tmp_path):
    result = _ledger(tmp_path, {1: {"description": "干式除尘器未设置泄爆装置", "industry": None}})
    (hit,) = [f for f in result.findings if f.code == "level-suspect-major"]
    assert "未填行业领域" in hit.message and "工贸" in hit.message


# --- 五落实 and 销号 --------------------------------------------------------------------------------

FIVE_FIELDS = [*HEADERS, "measure", "funds", "contingency"]
FIVE_HEADERS = {"measure": "整改措施", "funds": "整改资金（万元）", "contingency": "应急预案"}


def _major(**change):
    row = {"level": "重大事故隐患", "measure": "更换防爆电气", "funds": 3, "contingency": "停产并设警戒"}
    row.update(change)
    return row


def test_major_five_missing_names_which_of_the_five(tmp_path):
    result = _ledger(tmp_path, {1: _major(funds=None, contingency=None)}, FIVE_FIELDS, FIVE_HEADERS)
    hits = [f for f in result.findings if f.code == "major-five-missing"]
    assert sorted(f.field for f in hits) == ["应急预案", "整改资金"]
    assert all(f.severity == "error" and f.row == 5 and "资金、预案" in f.message for f in hits)


def test_major_five_complete_or_general_rows_stay_quiet(tmp_path):
    result = _ledger(tmp_path, {1: _major()}, FIVE_FIELDS, FIVE_HEADERS)
    assert not {"major-five-missing", "major-five-unverifiable"} & set(codes(result))
    result = _ledger(tmp_path, {}, FIVE_FIELDS, FIVE_HEADERS, name="b.xlsx")
    assert not {"major-five-missing", "major-five-unverifiable"} & set(codes(result))


def test_major_five_unverifiable_once_per_file_when_columns_are_absent(tmp_path):
    result = _ledger(tmp_path, {1: _major(), 3: _major()})
    hits = [f for f in result.findings if f.code == "major-five-unverifiable"]
    assert len(hits) == 1
    assert "2 项" in hits[0].message and "整改措施" in hits[0].message and "应急预案" in hits[0].message
    assert "major-five-unverifiable" not in codes(_ledger(tmp_path, {}, name="b.xlsx"))


def test_major_closed_without_verification_is_a_warning(tmp_path):
    # good_records()[0] is closed with a verifier; a 重大 one without
    result = _ledger(tmp_path, {0: {"level": "重大事故隐患", "verifier": None}})
    (hit,) = [f for f in result.findings if f.code == "major-closed-unverified"]
    assert hit.cell == "N4" and "核查验收人" in hit.message
    assert "closed-no-verifier" not in codes(result)
    quiet = _ledger(tmp_path, {0: {"level": "重大事故隐患"}}, name="b.xlsx")
    assert "major-closed-unverified" not in codes(quiet)


def test_two_row_listing_header_is_read_as_listing_not_deadline(tmp_path):
    from devtools.fab import SheetSpec, write_xlsx
    from tests.conftest import read

    head1 = [
        "序号",
        "镇街",
        "企业名称",
        "排查日期",
        "隐患等级",
        "隐患描述",
        "整改责任人",
        "整改期限",
        "整改状态",
        "挂牌督办",
        "",
        "",
    ]
    head2 = ["", "", "", "", "", "", "", "", "", "督办级别", "督办单位", "要求完成时间"]
    row = [
        1,
        "青石镇",
        "示例县宏达机械有限公司",
        "2026-09-01",
        "重大事故隐患",
        "液氨储罐区外部安全防护距离不足",
        "张伟",
        "2026-10-01",
        "整改中",
        "市级",
        "市安委办",
        "2026-10-20",
    ]
    merges = [(0, 9, 0, 11), *[(0, c, 1, c) for c in range(9)]]
    path = write_xlsx(tmp_path / "督办.xlsx", [SheetSpec("台账", [head1, head2, row], merges=merges)])
    ledger = read(path)
    assert {"listing_level", "listing_by", "listing_due", "deadline"} <= set(ledger.columns)
    assert ledger.columns["deadline"].letter == "H"


def test_validate_json_carries_the_criterion_beside_the_usual_fields(tmp_path):
    records = good_records()
    records[1]["description"] = "甲类溶剂仓库设在地下室"
    records[1]["industry"] = "消防"
    path = ledger_file(tmp_path, records)
    result = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-28"])
    assert result.exit_code == 0, result.output
    (hit,) = [
        f for f in json.loads(result.stdout)["files"][0]["findings"] if f["code"] == "level-suspect-major"
    ]
    assert {"severity", "code", "sheet", "row", "column", "field", "value", "message"} <= set(hit)
    assert hit["criterion"]["standard"] == "重大火灾隐患判定规则" and hit["field"] == "隐患等级"
    # the same hazard found before GB 35181-2025 came into force is judged by the 2017 standard
    records[1].update(found_on=dt.date(2025, 9, 1), deadline=dt.date(2025, 9, 30))
    path = ledger_file(tmp_path, records, name="2025.xlsx")
    result = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-28"])
    (hit,) = [
        f for f in json.loads(result.stdout)["files"][0]["findings"] if f["code"] == "level-suspect-major"
    ]
    assert hit["criterion"]["standard"] == "重大火灾隐患判定方法"


def test_a_broken_criteria_file_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "本县.toml").write_text('[[criterion]]\nid = "x"\n', encoding="utf-8")
    (tmp_path / "anquan.toml").write_text('[major]\ncriteria_file = "本县.toml"\n', encoding="utf-8")
    result = runner.invoke(app, ["criteria", "--config", str(tmp_path / "anquan.toml")])
    assert result.exit_code == 2
    assert "判定标准表" in result.output and "Traceback" not in result.output
