"""安全培训档案 (training, issue 21): recognised by its header and by nothing else's, and each rule both
fires on the right cell and stays quiet on good data, boundary dates included."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import Config
from anquan_cli.core.identifiers import id_card_valid
from anquan_cli.core.vocab import training_category, training_passed
from devtools.fab import SheetSpec, write_xlsx
from tests.conftest import (
    USCC_A,
    USCC_B,
    good_list,
    good_records,
    ledger_file,
    run_all,
    stacked_file,
)

AS_OF = dt.date(2026, 11, 28)
# Column letters of train_file: A 序号, then these in order (data from row 3).
TRAIN_HEADERS = {
    "unit": "单位名称",  # B
    "uscc": "统一社会信用代码",  # C
    "person": "姓名",  # D
    "id_number": "身份证号",  # E
    "category": "岗位类别",  # F
    "trained_on": "培训日期",  # G
    "hours": "学时",  # H
    "result": "考核结果",  # I
    "cert_name": "证书名称",  # J
    "cert_no": "证书编号",  # K
    "issued_on": "发证日期",  # L
    "valid_until": "有效期至",  # M
    "reviewed_on": "复审日期",  # N
    "industry": "行业领域",  # O
    "high_risk": "是否高危",  # P
}
MACHINES, CHEMICALS = "示例县宏达机械有限公司", "示例县通达化工有限公司"
ID_WANG = "11010519491231002X"  # valid (domain.md §5)


def id_number(body: str) -> str:
    """A valid 居民身份证号码 with these 17 digits."""
    r = sum(
        int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True)
    )
    return body + "10X98765432"[r % 11]


def machines(person: str, category: str, **extra) -> dict:
    """A row of a machinery works (工贸: not high-risk), trained 12 h this year and passed."""
    return {
        "unit": MACHINES,
        "uscc": USCC_A,
        "person": person,
        "category": category,
        "trained_on": dt.date(2026, 3, 10),
        "hours": 12,
        "result": "合格",
        "industry": "工贸",
        "high_risk": "否",
        **extra,
    }


def chemicals(person: str, category: str, **extra) -> dict:
    """A row of a chemical plant (危险化学品: high-risk), trained 20 h this year, with a certificate."""
    return {
        "unit": CHEMICALS,
        "uscc": USCC_B,
        "person": person,
        "category": category,
        "trained_on": dt.date(2026, 2, 1),
        "hours": "20学时",
        "result": "合格",
        "cert_name": "主要负责人安全生产知识和管理能力考核合格证",
        "cert_no": f"WH-{person}",
        "issued_on": dt.date(2024, 6, 1),
        "valid_until": dt.date(2027, 5, 31),
        "industry": "危险化学品",
        "high_risk": "是",
        **extra,
    }


ELECTRICIAN = {
    "id_number": ID_WANG,
    "cert_name": "特种作业操作证（低压电工作业）",
    "cert_no": f"T{ID_WANG}",
    "issued_on": dt.date(2023, 5, 20),
    "valid_until": dt.date(2029, 5, 19),
    "reviewed_on": dt.date(2026, 4, 15),
}


def good() -> list[dict]:
    return [
        machines("张伟", "主要负责人"),  # row 3
        machines("李娜", "安全生产管理人员"),  # row 4
        machines("王强", "电工", hours=8, **ELECTRICIAN),  # row 5
        machines("赵敏", "其他从业人员", hours=None),  # row 6: no yearly minimum outside high-risk units
        chemicals("刘洋", "主要负责人"),  # row 7
        chemicals("陈静", "安全生产管理人员", hours="16"),  # row 8
        chemicals("周杰", "其他从业人员", cert_name=None, cert_no=None, issued_on=None, valid_until=None),
    ]


def train_file(folder: Path, records: list[dict], name: str = "培训档案.xlsx", headers=None) -> Path:
    headers = headers or TRAIN_HEADERS
    fields = list(headers)
    rows = [
        ["序号", *headers.values()],
        *[[i, *[r.get(f) for f in fields]] for i, r in enumerate(records, 1)],
    ]
    body = [["示例县企业安全培训档案"], *rows]
    return write_xlsx(folder / name, [SheetSpec("培训档案", body, merges=[(0, 0, 0, len(rows[0]) - 1)])])


def found(path: Path, config: Config | None = None, as_of: dt.date = AS_OF) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.cell) for r in run_all(path, config, as_of) for f in r.findings)


def findings(path: Path, code: str, as_of: dt.date = AS_OF, config: Config | None = None):
    return [f for r in run_all(path, config, as_of) for f in r.findings if f.code == code]


# --- recognised by its header, and nothing else taken for it --------------------------------------


def test_a_training_archive_is_recognised_and_a_good_one_is_clean(tmp_path):
    results = run_all(train_file(tmp_path, good()), as_of=AS_OF)
    assert [r.kind for r in results] == ["training"] and results[0].counts.used == 7
    assert found(results[0].ledger.path) == []


def test_synonym_headers_are_read_as_a_training_archive(tmp_path):
    headers = {
        "unit": "企业名称",
        "person": "人员姓名",
        "id_number": "公民身份号码",
        "category": "人员类别",  # also a staffing table's 专职/兼职 synonym
        "trained_on": "培训时间",
        "hours": "课时",
        "result": "考试结果",
        "cert_no": "证号",
        "issued_on": "取证日期",
        "valid_until": "证书有效期",
        "reviewed_on": "复审时间",
    }
    records = [machines("王强", "特种作业人员", hours="８学时", **ELECTRICIAN), machines("张伟", "总经理")]
    results = run_all(train_file(tmp_path, records, headers=headers))
    assert results[0].kind == "training"
    assert {f: ref.header for f, ref in results[0].ledger.columns.items()} == headers
    assert found(results[0].ledger.path) == []


def test_a_title_row_and_a_two_row_header_are_read_as_a_training_archive(tmp_path):
    top = ["序号", "单位", "姓名", "岗位", "培训情况", None, None, "持证情况", None, None, None]
    sub = [
        None,
        None,
        None,
        None,
        "培训日期",
        "学时",
        "考核结果",
        "证书编号",
        "发证日期",
        "有效期至",
        "复审日期",
    ]
    rows = [
        ["示例县宏达机械有限公司安全培训档案（2026年度）"],
        [
            "填报单位：示例县宏达机械有限公司",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "填报日期：2026年11月20日",
        ],
        top,
        sub,
        [1, MACHINES, "张伟", "总经理", dt.date(2026, 3, 10), "12", "合格", None, None, None, None],
        [
            2,
            MACHINES,
            "王强",
            "电工",
            dt.date(2026, 4, 15),
            "8",
            "合格",
            "T1",
            dt.date(2019, 5, 20),
            dt.date(2025, 5, 19),
            None,
        ],
    ]
    merges = [(0, 0, 0, 10), (2, 4, 2, 6), (2, 7, 2, 10), *[(2, c, 3, c) for c in range(4)]]
    path = write_xlsx(tmp_path / "培训档案.xlsx", [SheetSpec("Sheet1", rows, merges)])
    (result,) = run_all(path)
    assert result.kind == "training" and result.ledger.header_rows == (3, 4)
    assert result.counts.used == 2
    assert [(f.code, f.cell) for f in result.findings] == [("cert-expired", "J6")]
    out = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-28"])
    doc = json.loads(out.stdout)
    assert out.exit_code == 1  # an expired certificate is an error
    assert doc["files"][0]["kind"] == "training"
    assert [(f["code"], f["row"], f["column"], f["field"]) for f in doc["files"][0]["findings"]] == [
        ("cert-expired", 6, "J", "有效期至")
    ]


def test_the_unit_may_stand_above_the_header(tmp_path):
    """一企一档: the enterprise's own archive names it once, above the header."""
    rows = [
        ["安全培训档案"],
        ["单位名称：示例县宏达机械有限公司"],
        ["序号", "姓名", "岗位类别", "培训日期", "学时", "考核结果"],
        [1, "张伟", "主要负责人", dt.date(2026, 3, 10), 12, "合格"],
        [2, "李娜", "安全员", dt.date(2026, 3, 10), 4, "合格"],
    ]
    path = write_xlsx(tmp_path / "宏达.xlsx", [SheetSpec("培训", rows)])
    (result,) = run_all(path)
    assert result.kind == "training"
    assert [(f.code, f.cell) for f in result.findings] == [("training-hours-short", "E5")]


def test_other_kinds_are_not_taken_for_training_archives(tmp_path):
    hazards = ledger_file(tmp_path, good_records())
    lists = stacked_file(tmp_path, [good_list()])
    roster = [
        ["序号", "企业名称", "统一社会信用代码", "行业领域", "是否高危", "主要负责人", "联系电话", "状态"],
        [1, MACHINES, USCC_A, "工贸", "否", "张伟", "13905391234", "在营"],
    ]
    roster_path = write_xlsx(tmp_path / "底数.xlsx", [SheetSpec("底数", roster)])
    staffing = [
        ["序号", "单位", "姓名", "岗位", "专职/兼职", "专业背景", "执法证号"],
        [1, "青石镇", "张某", "安全监管员", "专职", "安全工程", "37132120260001"],
    ]
    staffing_path = write_xlsx(tmp_path / "监管力量.xlsx", [SheetSpec("监管力量", staffing)])
    kinds = [r.kind for p in (hazards, lists, roster_path, staffing_path) for r in run_all(p)]
    assert "training" not in kinds and kinds[:3] == ["hazard", "responsibility", "roster"]


def test_a_dropdown_list_of_categories_and_results_is_no_archive(tmp_path):
    """The hidden 选项 sheet of our template names key fields but no person."""
    rows = [["岗位类别", "考核结果", "行业领域", "是否高危"], ["主要负责人", "合格", "工贸", "是"]]
    (result,) = run_all(
        write_xlsx(tmp_path / "x.xlsx", [SheetSpec("档案", good_rows(), []), SheetSpec("选项", rows)])
    )
    assert result.kind == "training" and result.ledger.sheet == "档案"


def good_rows() -> list[list]:
    fields = list(TRAIN_HEADERS)
    return [
        ["序号", *TRAIN_HEADERS.values()],
        *[[i, *[r.get(f) for f in fields]] for i, r in enumerate(good(), 1)],
    ]


# --- vocabularies ------------------------------------------------------------------------------------


def test_categories_as_archives_write_them():
    cases = {
        "主要负责人": "主要负责人",
        "法定代表人": "主要负责人",
        "总经理": "主要负责人",
        "厂长": "主要负责人",
        "副总经理": None,
        "分管安全副总经理": "安全生产管理人员",
        "安全员": "安全生产管理人员",
        "专职安全员": "安全生产管理人员",
        "安全总监": "安全生产管理人员",
        "安全管理人员": "安全生产管理人员",
        "特种作业人员": "特种作业人员",
        "特种作业人员（电工）": "特种作业人员",
        "电工": "特种作业人员",
        "焊工": "特种作业人员",
        "从业人员": "其他从业人员",
        "一般从业人员": "其他从业人员",
        "员工": "其他从业人员",
        "新员工": "其他从业人员",
        "特种设备作业人员": "其他从业人员",
        "厨师": None,
    }
    assert {k: training_category(k) for k in cases} == cases


def test_results_as_archives_write_them():
    assert [training_passed(v) for v in ("合格", "及格", "通过", "考核合格", "补考合格")] == [True] * 5
    assert [training_passed(v) for v in ("不合格", "不及格", "未通过", "考试不合格")] == [False] * 4
    assert training_passed("85") is None and training_passed("缺考待补") is None


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_any_id_number_with_its_check_digit_is_valid(body):
    number = id_number(body)
    assert id_card_valid(number) and id_card_valid(number.lower())
    for wrong in "0123456789X":
        if wrong != number[-1]:
            assert not id_card_valid(body + wrong)
    assert not id_card_valid(number[:-1]) and not id_card_valid(number + "1")


# --- id-checksum -------------------------------------------------------------------------------------


def test_id_checksum_fires_on_the_id_cell(tmp_path):
    records = good()
    records[0]["id_number"] = "110105194912310021"  # wrong check digit
    records[1]["id_number"] = "11010519491231"  # too short
    records[3]["id_number"] = 110105194912310021  # a number cell: digits lost
    records[4]["id_number"] = id_number("37132119800101123").lower()  # valid, lower-case x or not
    assert found(train_file(tmp_path, records)) == [
        ("id-checksum", "E3"),
        ("id-checksum", "E4"),
        ("id-checksum", "E6"),
    ]


# --- cert-expired ------------------------------------------------------------------------------------


def test_cert_expired_fires_on_the_valid_until_cell(tmp_path):
    records = good()
    records[4]["valid_until"] = dt.date(2026, 11, 27)  # the day before the as-of date
    assert found(train_file(tmp_path, records)) == [("cert-expired", "M7")]
    (finding,) = findings(train_file(tmp_path, records), "cert-expired")
    assert finding.severity.value == "error" and "2026年11月27日" in finding.message


def test_a_certificate_valid_until_the_as_of_date_is_still_valid(tmp_path):
    records = good()
    records[4]["valid_until"] = AS_OF
    assert found(train_file(tmp_path, records)) == []


def test_a_renewed_certificate_hides_the_expired_rows_before_it(tmp_path):
    """一人一档 keeps the old certificate's rows: only a certificate's latest row is judged, once."""
    old = {
        "trained_on": dt.date(2023, 3, 1),
        "issued_on": dt.date(2021, 6, 1),
        "valid_until": dt.date(2024, 5, 31),
    }
    records = [chemicals("刘洋", "主要负责人", **old), *good()]
    assert found(train_file(tmp_path, records)) == []
    stale = [chemicals("刘洋", "主要负责人", **old), chemicals("刘洋", "主要负责人", **old, hours=20)]
    assert found(train_file(tmp_path, stale)) == [("cert-expired", "M4"), ("training-hours-short", "H4")]


# --- cert-review-overdue ---------------------------------------------------------------------------


def electrician(issued: dt.date, reviewed: dt.date | None = None, **extra) -> dict:
    """孙磊, another electrician (no ID number: not 王强 of good())."""
    cert = {
        **ELECTRICIAN,
        "id_number": None,
        "cert_no": "T2",
        "issued_on": issued,
        "reviewed_on": reviewed,
        "valid_until": dt.date(2030, 1, 1),
    }
    return machines("孙磊", "特种作业人员", hours=8, **{**cert, **extra})


def test_review_overdue_fires_on_the_issued_cell(tmp_path):
    records = [*good(), electrician(dt.date(2022, 3, 1))]  # row 10
    (finding,) = findings(train_file(tmp_path, records), "cert-review-overdue")
    assert (finding.cell, finding.severity.value) == ("L10", "warning")
    assert "2022年3月1日发证" in finding.message and "未见复审记录" in finding.message
    assert "2025年3月1日" in finding.message


def test_review_boundary_three_years_to_the_day_is_in_time(tmp_path):
    on_time = [electrician(dt.date(2023, 11, 28))]  # due 2026-11-28 = the as-of date
    assert found(train_file(tmp_path, on_time)) == []
    late = [electrician(dt.date(2023, 11, 27))]  # due the day before
    assert found(train_file(tmp_path, late)) == [("cert-review-overdue", "L3")]


def test_review_due_from_the_29th_of_february_is_the_28th(tmp_path):
    """Years are 12 calendar months, clamped: a certificate issued 2024-02-29 is due 2027-02-28."""
    path = train_file(tmp_path, [electrician(dt.date(2024, 2, 29), trained_on=dt.date(2026, 6, 1))])
    assert findings(path, "cert-review-overdue", as_of=dt.date(2027, 2, 28)) == []
    (finding,) = findings(path, "cert-review-overdue", as_of=dt.date(2027, 3, 1))
    assert finding.cell == "L3" and "应于2027年2月28日前复审" in finding.message


def test_a_review_within_three_years_keeps_it_quiet(tmp_path):
    assert found(train_file(tmp_path, [electrician(dt.date(2020, 3, 1), dt.date(2023, 11, 28))])) == []
    late = [electrician(dt.date(2020, 3, 1), dt.date(2023, 11, 27))]
    (finding,) = findings(train_file(tmp_path, late), "cert-review-overdue")
    assert "最近一次复审为2023年11月27日" in finding.message


def test_a_review_on_another_row_of_the_same_certificate_counts(tmp_path):
    records = [electrician(dt.date(2020, 3, 1)), electrician(dt.date(2020, 3, 1), dt.date(2025, 3, 1))]
    assert found(train_file(tmp_path, records)) == []


def test_review_is_not_asked_of_an_expired_certificate_or_of_other_categories(tmp_path):
    expired = [electrician(dt.date(2019, 3, 1), valid_until=dt.date(2025, 2, 28))]
    assert found(train_file(tmp_path, expired)) == [("cert-expired", "M3")]
    principal = [chemicals("刘洋", "主要负责人", issued_on=dt.date(2020, 1, 1))]
    assert found(train_file(tmp_path, principal)) == []


def test_review_years_come_from_the_config(tmp_path):
    config = Config(mechanisms={"special_review_years": 4})
    assert found(train_file(tmp_path, [electrician(dt.date(2023, 1, 1))]), config) == []


# --- cert-missing ------------------------------------------------------------------------------------


def test_cert_missing_fires_once_per_person_at_the_first_row(tmp_path):
    records = [
        *good(),
        machines("孙磊", "焊工", hours=8),  # row 10: a special worker without a certificate …
        machines("孙磊", "焊工", hours=8, trained_on=dt.date(2026, 6, 1)),  # … on both rows: once
        chemicals("吴刚", "安全生产管理人员", cert_no=None),  # row 12: high-risk manager
    ]
    result = findings(train_file(tmp_path, records), "cert-missing")
    assert [(f.cell, f.severity.value) for f in result] == [("K10", "error"), ("K12", "error")]
    assert result[0].message.startswith("孙磊（特种作业人员）应持证上岗")
    assert result[1].message.startswith("吴刚（高危行业单位的安全生产管理人员）")


def test_high_risk_by_industry_alone(tmp_path):
    records = [chemicals("吴刚", "主要负责人", cert_no=None, high_risk=None)]
    assert found(train_file(tmp_path, records)) == [("cert-missing", "K3")]
    records = [chemicals("吴刚", "主要负责人", cert_no=None, high_risk=None, industry="工贸")]
    assert found(train_file(tmp_path, records)) == []
    config = Config(mechanisms={"high_risk_industries": ["工贸"]})
    assert found(train_file(tmp_path, records), config) == [("cert-missing", "K3")]


def test_cert_missing_is_quiet_when_any_row_of_the_person_has_a_number(tmp_path):
    records = [machines("孙磊", "焊工", hours=8), machines("孙磊", "焊工", hours=8, cert_no="T2")]
    assert found(train_file(tmp_path, records)) == []
    # A principal of a unit that is not high-risk needs no certificate.
    assert found(train_file(tmp_path, [machines("张伟", "主要负责人")])) == []


def test_cert_missing_without_a_number_column_is_said_at_the_header(tmp_path):
    headers = {k: v for k, v in TRAIN_HEADERS.items() if k != "cert_no"}
    result = findings(
        train_file(tmp_path, [machines("孙磊", "焊工", hours=8)], headers=headers), "cert-missing"
    )
    assert [(f.row, f.column, f.field) for f in result] == [(2, None, "证书编号")]


# --- training-hours-short --------------------------------------------------------------------------


def test_hours_short_fires_on_the_last_rows_hours_cell(tmp_path):
    records = [
        *good(),
        machines("孙磊", "安全员", hours="4学时"),  # row 10
        machines("孙磊", "安全员", hours=4, trained_on=dt.date(2026, 9, 1)),  # row 11: 8 h in all
        chemicals("吴刚", "主要负责人", hours=12),  # row 12: high-risk needs 16
        chemicals("郑浩", "员工", hours=18),  # row 13: high-risk other worker needs 20
    ]
    result = findings(train_file(tmp_path, records), "training-hours-short")
    assert [f.cell for f in result] == ["H11", "H12", "H13"]
    assert (
        result[0].message
        == "孙磊（安全生产管理人员）2025年11月29日至2026年11月28日共培训8学时，少于每年12学时的要求"
    )
    assert "（主要负责人，高危行业单位）" in result[1].message and "少于每年16学时" in result[1].message


def test_hours_are_read_from_text_and_full_width_digits(tmp_path):
    records = [
        machines("孙磊", "安全员", hours="８学时"),
        machines("孙磊", "安全员", hours="2.5课时"),
        machines("孙磊", "安全员", hours=1.5),
    ]
    assert found(train_file(tmp_path, records)) == []
    records[2]["hours"] = "一天"  # no number: 0 hours
    (finding,) = findings(train_file(tmp_path, records), "training-hours-short")
    assert finding.cell == "H5" and "共培训10.5学时" in finding.message


def test_hours_window_boundary_twelve_months_to_the_day(tmp_path):
    exactly = [machines("孙磊", "安全员", trained_on=dt.date(2025, 11, 28))]  # 12 months before: not counted
    assert found(train_file(tmp_path, exactly)) == [("training-hours-short", "H3")]
    inside = [machines("孙磊", "安全员", trained_on=dt.date(2025, 11, 29))]
    assert found(train_file(tmp_path, inside)) == []
    future = [machines("孙磊", "安全员", trained_on=dt.date(2026, 11, 29))]  # after the as-of date
    assert found(train_file(tmp_path, future)) == [("date-future", "G3"), ("training-hours-short", "H3")]


def test_hours_window_in_a_leap_year(tmp_path):
    """as_of 2028-02-29: 12 calendar months back is 2027-02-29, clamped to 2027-02-28 (exclusive)."""
    leap = dt.date(2028, 2, 29)
    on_the_28th = [machines("孙磊", "安全员", trained_on=dt.date(2027, 2, 28))]
    (finding,) = findings(train_file(tmp_path, on_the_28th), "training-hours-short", as_of=leap)
    assert "2027年3月1日至2028年2月29日" in finding.message
    march = [machines("孙磊", "安全员", trained_on=dt.date(2027, 3, 1))]
    assert findings(train_file(tmp_path, march), "training-hours-short", as_of=leap) == []


def test_yearly_hours_come_from_the_config(tmp_path):
    config = Config(mechanisms={"yearly_hours": {"其他从业人员": [8, 20]}})
    records = [machines("赵敏", "其他从业人员", hours=6)]
    assert found(train_file(tmp_path, records), config) == [("training-hours-short", "H3")]
    assert found(train_file(tmp_path, records)) == []  # by default no minimum outside high-risk units


# --- training-failed ---------------------------------------------------------------------------------


def test_training_failed_fires_on_the_last_results_cell(tmp_path):
    records = [
        *good(),
        machines("孙磊", "安全员", result="合格", trained_on=dt.date(2026, 1, 10)),  # row 10
        machines("孙磊", "安全员", result="不合格", trained_on=dt.date(2026, 6, 1)),  # row 11
    ]
    (finding,) = findings(train_file(tmp_path, records), "training-failed")
    assert (finding.cell, finding.severity.value) == ("I11", "warning")
    assert finding.message == "孙磊考核结果为不合格，之后没有合格记录"


def test_a_later_pass_clears_a_fail(tmp_path):
    records = [
        machines("孙磊", "安全员", result="不及格", trained_on=dt.date(2026, 6, 1)),
        machines("孙磊", "安全员", result="补考合格", trained_on=dt.date(2026, 6, 20)),
    ]
    assert found(train_file(tmp_path, records)) == []
    # Sheet order does not matter, dates do; a pass on the day of the fail is its 补考.
    assert found(train_file(tmp_path, records[::-1])) == []
    same_day = [records[0], {**records[1], "trained_on": dt.date(2026, 6, 1)}]
    assert found(train_file(tmp_path, same_day[::-1])) == []


# --- who is one person -----------------------------------------------------------------------------


def test_a_person_is_the_unit_and_the_id_number_or_the_name(tmp_path):
    records = [
        # The ID number on the first row only: both rows are one person (8 h + 4 h).
        machines("孙磊", "安全员", hours=8, id_number=ID_WANG),
        machines("孙 磊", "安全员", hours=4),
        # A namesake in another unit is another person; alone he has only 4 h.
        machines("孙磊", "安全员", hours=4, unit="示例县华丰建材有限公司", uscc=None),
    ]
    assert found(train_file(tmp_path, records)) == [("training-hours-short", "H5")]


# --- the fill-in template ----------------------------------------------------------------------------

runner = CliRunner()


def test_template_has_dropdowns_and_validates_clean_once_filled_as_instructed(tmp_path):
    target = tmp_path / "培训档案模板.xlsx"
    result = runner.invoke(app, ["template", "training", "-o", str(target)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["培训档案", "选项", "填表说明"]
    ws = wb["培训档案"]
    headers = [c.value for c in ws[3]]
    lists = {
        re.match(r"[A-Z]+", str(dv.sqref)).group()
        for dv in ws.data_validations.dataValidation
        if dv.type == "list"
    }
    letter = {h: openpyxl.utils.get_column_letter(i) for i, h in enumerate(headers, 1)}
    assert {letter["岗位类别"], letter["考核结果"]} <= lists
    # An ID number typed in never turns into 1.10105E+17.
    assert ws.column_dimensions[letter["身份证号"]].number_format == "@"
    notes = "".join(str(c.value or "") for c in wb["填表说明"]["A"])
    assert "特种作业操作证" in notes and "每3年复审一次" in notes
    # The grey example rows are skipped as they stand …
    doc = json.loads(runner.invoke(app, ["validate", str(target), "--format", "json"]).stdout)
    assert doc["files"][0]["kind"] == "training" and doc["files"][0]["rows"] == 0
    examples = [r for r in range(4, 20) if str(ws.cell(r, 1).value or "").startswith("示例")]
    assert len(examples) == 4
    # … and, filled in as instructed (numbered, the unit's real name instead of the example's), clean.
    for n, r in enumerate(examples, 1):
        ws.cell(r, 1, n)
        ws.cell(r, headers.index("单位名称") + 1, MACHINES)
    wb.save(target)
    out = runner.invoke(app, ["validate", str(target), "--format", "json", "--as-of", "2026-11-28"])
    doc = json.loads(out.stdout)
    assert out.exit_code == 0, doc
    assert doc["files"][0]["rows"] == 4 and doc["files"][0]["findings"] == []
