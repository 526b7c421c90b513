"""一企一档 (issue 19): `anquan enterprise NAME_OR_CODE PATHS…` finds one enterprise by code or name and
files its hazards, repeats, roster entry, responsibility list and letters; xlsx and docx read back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import UNIT_A, USCC_A, USCC_B, good_list, hazard, ledger_file, stacked_file
from tests.test_rules_roster import USCC_C, roster_file, roster_row

runner = CliRunner()
D = dt.date
ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2026-10-31"
FORMULA = "=1+1 一车间配电箱门损坏"  # must stay text in the workbook


def _row(hid: str, unit: str, uscc: str | None, **kw) -> dict:
    return {**hazard(hid, **kw), "unit": unit, "uscc": uscc}


HAZARDS = [
    # 宏达机械 (USCC_A): 灭火器 twice (屡查屡有), the second overdue 21 days on 31 October
    hazard(
        "A1",
        found=D(2026, 8, 5),
        deadline=D(2026, 8, 9),
        desc="灭火器过期",
        status="已整改",
        closed=D(2026, 8, 8),
    ),
    hazard("A2", found=D(2026, 10, 2), deadline=D(2026, 10, 10), desc="灭火器压力不足"),
    # the same enterprise, its code left out and the county's name in brackets: still its hazard
    _row(
        "A3",
        "宏达机械有限公司（示例县）",
        None,
        found=D(2026, 10, 12),
        deadline=D(2026, 12, 31),
        desc=FORMULA,
    ),
    # 华丰建材 (USCC_B) in 柳河镇: a 重大 hazard 11 days overdue
    hazard(
        "B1", found=D(2026, 10, 3), deadline=D(2026, 10, 20), level="重大事故隐患", unit="B", town="柳河镇"
    ),
    # a namesake of 宏达 without a code, on no roster
    _row(
        "C1",
        "示例县宏达建材有限公司",
        None,
        found=D(2026, 10, 5),
        deadline=D(2026, 12, 31),
        desc="仓库消防通道堵塞",
    ),
]
ROSTER = [
    roster_row("示例县宏达机械有限公司", USCC_A),
    roster_row("示例县华丰建材有限公司", USCC_B, "柳河镇"),
    roster_row("通达化工有限公司", USCC_C, industry="危险化学品", high_risk="是"),  # never inspected
]


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """Hazard ledger, roster and a responsibility list for 宏达机械 only."""
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, HAZARDS, name="台账_2026-10.xlsx")
    roster_file(folder, ROSTER, name="底数.xlsx")
    stacked_file(folder, [good_list(UNIT_A, USCC_A)], name="责任清单.xlsx")
    return folder


def _invoke(*args):
    return runner.invoke(app, ["enterprise", *map(str, args), "--as-of", AS_OF])


def _json(*args) -> dict:
    result = _invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_by_credit_code_the_file_has_every_part(county):
    doc = _json(USCC_A, county)
    assert set(doc) == {
        "unit",
        "uscc",
        "town",
        "industry",
        "as_of",
        "on_roster",
        "roster",
        "last_inspected",
        "hazards",
        "counts",
        "repeats",
        "responsibility",
        "letters",
        "input",
    }
    assert (doc["unit"], doc["uscc"], doc["town"], doc["as_of"]) == (UNIT_A, USCC_A, "青石镇", AS_OF)
    assert [h["hazard_id"] for h in doc["hazards"]] == ["A1", "A2", "A3"]  # the code-less row too
    assert set(doc["hazards"][0]) >= {
        "hazard_id",
        "found_on",
        "level",
        "description",
        "deadline",
        "status",
        "closed_on",
        "days_overdue",
        "source",
    }
    by_id = {h["hazard_id"]: h for h in doc["hazards"]}
    assert by_id["A2"]["days_overdue"] == 21 and by_id["A1"]["days_overdue"] is None
    assert by_id["A1"]["closed_on"] == "2026-08-08" and by_id["A2"]["level"] == "一般"
    assert by_id["A3"]["source"]["row"] == 6 and by_id["A3"]["source"]["path"].endswith("台账_2026-10.xlsx")
    assert doc["counts"] == {"found": 3, "closed": 1, "open": 2, "overdue": 1, "major": 0, "major_overdue": 0}
    (group,) = doc["repeats"]
    assert group["hazard_ids"] == ["A1", "A2"] and group["count"] == 2 and group["open"]
    assert doc["on_roster"] is True
    assert doc["roster"]["uscc"] == USCC_A and doc["roster"]["status"] == "在营"
    assert doc["roster"]["source"]["row"] == 3 and doc["roster"]["high_risk"] is False
    assert doc["responsibility"] == "submitted"
    assert doc["last_inspected"] == "2026-10-12" and doc["letters"] == []


@pytest.mark.parametrize(
    "name",
    [
        "示例县宏达机械有限公司",
        "宏达机械有限公司",
        "宏达机械有限公司（示例县）",
        "宏达机械有限公司(示例县)",
        "宏达机械",
    ],
)
def test_by_name_with_or_without_the_county(county, name):
    doc = _json(name, county)
    assert doc["uscc"] == USCC_A and len(doc["hazards"]) == 3


def test_a_major_overdue_hazard_and_a_missing_list(county):
    doc = _json("华丰建材", county)
    (b1,) = doc["hazards"]
    assert b1["level"] == "重大" and b1["days_overdue"] == 11
    assert doc["counts"]["major_overdue"] == 1 and doc["repeats"] == []
    assert doc["responsibility"] == "missing" and doc["town"] == "柳河镇"
    table = _invoke("华丰建材", county)
    assert table.exit_code == 0
    text = table.stdout.replace("\n", "")
    assert "未报送全员安全生产责任清单" in text and "建议责令停产整顿" in text and "B1" in text


def test_an_enterprise_on_no_roster_and_one_only_on_the_roster(county):
    namesake = _json("宏达建材", county)
    assert namesake["on_roster"] is False and namesake["roster"] is None and namesake["uscc"] is None
    assert namesake["responsibility"] == "missing"
    assert "不在生产经营单位底数中" in _invoke("宏达建材", county).stdout.replace("\n", "")
    plant = _json("通达化工", county)
    assert plant["hazards"] == [] and plant["last_inspected"] is None and plant["on_roster"] is True
    assert plant["roster"]["high_risk"] is True and plant["roster"]["industry"] == "危险化学品"
    assert plant["responsibility"] == "unknown"  # not in any hazard ledger: the cross check says nothing


def test_without_roster_or_lists_nothing_is_claimed(tmp_path):
    ledger_file(tmp_path, HAZARDS, name="台账_2026-10.xlsx")
    doc = _json("宏达机械", tmp_path / "台账_2026-10.xlsx")
    assert doc["on_roster"] is None and doc["responsibility"] == "unknown"
    text = _invoke("宏达机械", tmp_path).stdout.replace("\n", "")
    assert "未提供生产经营单位底数" in text and "未提供责任清单" in text


def test_an_ambiguous_name_lists_the_candidates_and_exits_2(county):
    result = _invoke("宏达", county)
    assert result.exit_code == 2
    assert "对应 2 家企业" in result.output
    assert "示例县宏达机械有限公司（青石镇，91512081MA62K0260E）" in result.output.replace("\n", "")
    assert "示例县宏达建材有限公司（青石镇）" in result.output.replace("\n", "")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("query", ["不存在的企业", "91350100M000100Y4Z", "91370100MA3C5LKT4R"])
def test_an_unknown_enterprise_or_code_exits_2(county, query):
    result = _invoke(query, county)
    assert result.exit_code == 2 and "没有找到企业" in result.output


def test_the_letters_sent_to_it_come_from_the_register(county, tmp_path, county_register):
    args = ["letters", str(county), "--month", "2026-10", "--out-dir", str(tmp_path / "函告")]
    sent = runner.invoke(app, [*args, "--as-of", AS_OF, "--date", "2026-11-03"])
    assert sent.exit_code == 0, sent.output
    assert list(county_register.glob("发文登记簿_*.xlsx"))
    doc = _json("宏达机械", county)
    (letter,) = doc["letters"]
    assert letter["kind"] == "警示函" and letter["month"] == "2026-10" and letter["date"] == "2026-11-03"
    assert letter["number"].startswith("示例安办函〔2026〕") and letter["file"]
    # the 督办函 to 柳河镇人民政府 is the town's, not the enterprise's
    assert [e["kind"] for e in _json("华丰建材", county)["letters"]] == ["警示函"]
    assert letter["number"] in _invoke("宏达机械", county).stdout.replace("\n", "")


def test_out_xlsx_holds_its_name_and_hazards_as_text(county, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "档案" / "宏达.xlsx"
    result = _invoke("宏达机械", county, "--out", target)
    assert result.exit_code == 0, result.output
    wb = load_workbook(target)
    assert wb.sheetnames == ["企业概况", "隐患记录", "屡查屡有", "函告"]
    overview = [[c for c in row if c is not None] for row in wb["企业概况"].iter_rows(values_only=True)]
    assert ["企业名称", UNIT_A] in overview
    cells = {c.value: c for row in wb["隐患记录"].iter_rows() for c in row if c.value is not None}
    assert {"A1", "A2", "A3"} <= set(cells)
    assert cells[FORMULA].data_type == "s"  # a description starting with "=" is text, not a formula
    assert "21" in {str(c) for c in cells} and "灭火器" in str(
        list(wb["屡查屡有"].iter_rows(values_only=True))
    )


def test_out_docx_has_the_title_facts_and_hazards(county, tmp_path):
    import docx
    from docx.oxml.ns import qn

    target = tmp_path / "宏达.docx"
    result = _invoke("宏达机械", county, "--out", target, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["uscc"] == USCC_A  # stdout is the JSON alone
    doc = docx.Document(str(target))
    heading = doc.paragraphs[0]
    assert heading.text == f"{UNIT_A}\n安全生产档案（一企一档）"  # broken after the name, never inside a word
    fonts = heading.runs[0]._r.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia"))  # Chinese text gets its own font
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert UNIT_A in cells and USCC_A in cells
    assert {"A1", "A2", "A3", FORMULA} <= set(cells)
    assert "整改中，逾期 21 天" in cells


@pytest.mark.parametrize("name", ["档案.pdf", "档案.json", "档案"])
def test_other_suffixes_are_refused_before_anything_is_read(tmp_path, name):
    result = _invoke("宏达", tmp_path / "不存在", "--out", tmp_path / name)
    assert result.exit_code == 2 and "一企一档只能写成 .xlsx 或 .docx" in result.output
    assert not (tmp_path / name).exists()


def test_an_input_is_never_overwritten(tmp_path):
    ledger = ledger_file(tmp_path, HAZARDS, name="台账_2026-10.xlsx")
    before = ledger.read_bytes()
    result = _invoke("宏达机械", ledger, "--out", ledger)
    assert result.exit_code == 2 and ledger.read_bytes() == before


def test_the_sample_county():
    args = ["示例县金桥机械制造有限公司", ROOT / "sample_ledgers"]
    result = _invoke(*args)
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\n", "")
    assert "已在底数中" in text and "AP-202609-014" in text and "建议责令停产整顿" in text
    doc = _json(*args)
    assert doc["uscc"] == "91379901MA32B74E32" and doc["on_roster"] is True
    assert doc["counts"]["found"] == len(doc["hazards"]) > 0 and doc["counts"]["major_overdue"] == 1
