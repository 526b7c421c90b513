"""Every hazard rule: it fires on the cell to fix, and stays quiet on good data."""

from __future__ import annotations

import datetime as dt

import pytest

from anquan_cli.core.config import Config
from tests.conftest import AS_OF, FIELDS, USCC_A, codes, good_records, ledger_file, run_file


def test_good_ledger_has_no_findings(good):
    result = run_file(good)
    assert result.error is None
    assert result.counts.used == 4
    assert result.findings == []


def _one(tmp_path, change, **kw):
    records = good_records()
    change(records)
    result = run_file(ledger_file(tmp_path, records, **kw))
    return result


def _cell(result, code):
    hits = [f for f in result.findings if f.code == code]
    assert hits, f"{code} did not fire: {[f.code for f in result.findings]}"
    return hits


# Row 4 of the sheet is records[0]; column letters: A 序号, B 隐患编号, C 镇街, D 企业名称, E 统一社会信用代码,
# F 行业领域, G 排查日期, H 隐患等级, I 隐患描述, J 整改责任人, K 整改期限, L 整改状态, M 整改完成日期, N 复查人.
CASES = [
    ("required-empty", lambda r: r[1].update(owner=None), "J5", "整改责任人"),
    ("required-empty", lambda r: r[1].update(description="  "), "I5", "隐患描述"),
    ("required-empty", lambda r: r[1].update(town="/"), "C5", "镇街"),
    ("deadline-missing", lambda r: r[1].update(deadline=None), "K5", "整改期限"),
    ("date-invalid", lambda r: r[0].update(found_on="2026.13.5"), "G4", "排查日期"),
    ("deadline-invalid", lambda r: r[1].update(deadline="下个月"), "K5", "整改期限"),
    ("date-out-of-range", lambda r: r[0].update(found_on="1926-09-01"), "G4", "排查日期"),
    ("deadline-before-found", lambda r: r[1].update(deadline=dt.date(2026, 8, 1)), "K5", "整改期限"),
    ("closed-before-found", lambda r: r[0].update(closed_on=dt.date(2026, 8, 1)), "M4", "整改完成日期"),
    ("level-invalid", lambda r: r[0].update(level="严重"), "H4", "隐患等级"),
    ("status-invalid", lambda r: r[0].update(status="看情况"), "L4", "整改状态"),
    ("uscc-length", lambda r: r[0].update(uscc="91512081MA62K026"), "E4", "统一社会信用代码"),
    ("uscc-charset", lambda r: r[0].update(uscc="91512081MO62K0260E"), "E4", "统一社会信用代码"),
    ("uscc-checksum", lambda r: r[0].update(uscc="91350100M000100Y4Z"), "E4", "统一社会信用代码"),
    ("uscc-number", lambda r: r[0].update(uscc=915120810000000000.0), "E4", "统一社会信用代码"),
    ("uscc-number", lambda r: r[0].update(uscc="9.15121E+17"), "E4", "统一社会信用代码"),
    ("closed-no-date", lambda r: r[0].update(closed_on=None), "M4", "整改完成日期"),
    ("duplicate-id", lambda r: r[3].update(hazard_id=r[0]["hazard_id"]), "B7", "隐患编号"),
    # warnings
    ("date-but-open", lambda r: r[1].update(closed_on=dt.date(2026, 9, 6)), "L5", "整改状态"),
    ("closed-no-verifier", lambda r: r[0].update(verifier=None), "N4", "复查人"),
    (
        "date-future",
        lambda r: r[1].update(found_on=dt.date(2026, 12, 1), deadline=dt.date(2026, 12, 9)),
        "G5",
        "排查日期",
    ),
    ("date-future", lambda r: r[0].update(closed_on=dt.date(2026, 12, 1)), "M4", "整改完成日期"),
    ("deadline-vague", lambda r: r[1].update(deadline="长期"), "K5", "整改期限"),
    ("level-nonstandard", lambda r: r[0].update(level="较大"), "H4", "隐患等级"),
    ("date-year-assumed", lambda r: r[1].update(deadline="9月20日"), "K5", "整改期限"),
    ("date-day-missing", lambda r: r[1].update(found_on="2026年9月"), "G5", "排查日期"),
    ("date-day-missing", lambda r: r[2].update(closed_on="2026年9月"), "M6", "整改完成日期"),
    ("date-ambiguous", lambda r: r[1].update(deadline=10.1), "K5", "整改期限"),
    ("date-ambiguous", lambda r: r[2].update(closed_on=9.3), "M6", "整改完成日期"),
    # warnings
    ("deadline-month-end", lambda r: r[1].update(deadline="2026年10月"), "K5", "整改期限"),
    ("date-year-assumed", lambda r: r[1].update(deadline=10.5), "K5", "整改期限"),  # a number cell
    # 9月2日 with no found date to lend a year: the year of 填报日期：2026年10月31日 above the header
    ("date-year-from-file", lambda r: r[1].update(found_on="9月2日"), "G5", "排查日期"),
    ("date-year-from-file", lambda r: r[1].update(found_on=9.02), "G5", "排查日期"),
    (
        "closed-date-from-status",
        lambda r: r[0].update(status="已于9月6日整改完毕", closed_on=None),
        "L4",
        "整改状态",
    ),
    ("uscc-many-names", lambda r: r[2].update(unit="示例县宏达机械厂"), "D6", "企业名称"),
    ("name-many-uscc", lambda r: r[2].update(uscc="91371300MA94K7WQ29"[:17] + "9"), "E6", "统一社会信用代码"),
]


@pytest.mark.parametrize(("code", "change", "cell", "field"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_rule_fires_on_the_cell_to_fix(tmp_path, code, change, cell, field):
    result = _one(tmp_path, change)
    hits = _cell(result, code)
    assert [h.cell for h in hits] == [cell]
    assert hits[0].field == field
    assert hits[0].sheet == "台账"
    assert hits[0].message  # Chinese text from the catalogue
    assert not hits[0].message.isascii()


def test_only_the_intended_rule_fires(tmp_path):
    result = _one(tmp_path, lambda r: r[0].update(found_on="2026.13.5"))
    # an unreadable found date must not cascade into "deadline before found" and the like
    assert codes(result) == {"date-invalid": 1}


def test_duplicate_id_names_the_first_row(tmp_path):
    result = _one(tmp_path, lambda r: r[3].update(hazard_id=r[0]["hazard_id"]))
    (hit,) = _cell(result, "duplicate-id")
    assert "第 4 行" in hit.message


def test_identical_duplicate_row_warns_once(tmp_path):
    records = good_records()
    records[0]["hazard_id"] = None  # no id: the row identity is the whole row
    records.append(dict(records[0]))
    result = run_file(ledger_file(tmp_path, records))
    (hit,) = _cell(result, "duplicate-row")
    assert hit.row == 8 and "第 4 行" in hit.message


def test_deadline_empty_allowed_when_closed(tmp_path):
    result = _one(tmp_path, lambda r: r[0].update(deadline=None))
    assert result.findings == []


def test_deadline_tokens_resolve_against_found_date(tmp_path):
    def change(r):
        r[1].update(deadline="立即整改")
        r[3].update(deadline="15日内")

    result = _one(tmp_path, change)
    assert result.findings == []


def test_missing_required_column_is_a_finding_not_a_crash(tmp_path):
    fields = [f for f in FIELDS if f != "owner"]
    result = run_file(ledger_file(tmp_path, good_records(), fields=fields))
    assert result.error is None
    (hit,) = _cell(result, "column-missing")
    assert hit.field == "整改责任人" and hit.row == 3 and hit.column is None


def test_optional_hazard_id_column_may_be_absent(tmp_path):
    fields = [f for f in FIELDS if f != "hazard_id"]
    result = run_file(ledger_file(tmp_path, good_records(), fields=fields))
    assert result.findings == []


def test_closed_without_completion_column_warns_once(tmp_path):
    fields = [f for f in FIELDS if f != "closed_on"]
    result = run_file(ledger_file(tmp_path, good_records(), fields=fields))
    assert codes(result) == {"closed-date-column-missing": 1}


def test_no_verifier_column_no_warning(tmp_path):
    fields = [f for f in FIELDS if f != "verifier"]
    assert run_file(ledger_file(tmp_path, good_records(), fields=fields)).findings == []


def test_town_and_industry_lists_only_when_configured(tmp_path):
    records = good_records()
    records[1]["town"] = "外县镇"
    records[2]["industry"] = "化工"
    path = ledger_file(tmp_path, records)
    assert run_file(path).findings == []
    config = Config(towns=["青石镇", "柳河镇"], industries=["工贸", "危险化学品"])
    result = run_file(path, config)
    assert codes(result) == {"town-unknown": 1, "industry-unknown": 1}
    assert {f.cell for f in result.findings} == {"C5", "F6"}


def test_industry_synonyms_accepted(tmp_path):
    records = good_records()
    records[0]["industry"] = "机械"  # a 工贸 sub-sector
    config = Config(industries=["工贸"])
    assert run_file(ledger_file(tmp_path, records), config).findings == []


def test_nonstandard_levels_are_configurable(tmp_path):
    records = good_records()
    records[0]["level"] = "A"
    path = ledger_file(tmp_path, records)
    assert codes(run_file(path)) == {"level-invalid": 1}
    config = Config.model_validate({"validation": {"level_map": {"A": "重大", "B": "一般"}}})
    # mapped to 重大, it is one: its 五落实 columns are then looked for
    assert codes(run_file(path, config)) == {"level-nonstandard": 1, "major-five-unverifiable": 1}


def test_extra_status_words_are_configurable(tmp_path):
    records = good_records()
    records[1]["status"] = "挂牌督办中"
    path = ledger_file(tmp_path, records)
    assert codes(run_file(path)) == {"status-invalid": 1}
    config = Config.model_validate({"validation": {"status_map": {"挂牌督办中": "整改中"}}})
    assert run_file(path, config).findings == []


def test_future_dates_judged_against_as_of(tmp_path):
    records = good_records()
    path = ledger_file(tmp_path, records)
    result = run_file(path, as_of=dt.date(2026, 9, 2))
    assert codes(result)["date-future"] >= 1
    assert run_file(path, as_of=AS_OF).findings == []


def test_uscc_valid_examples_quiet(tmp_path):
    records = good_records()
    records[0]["uscc"] = USCC_A.lower()  # typed in lower case: upper-cased, still valid
    records[2]["uscc"] = " " + USCC_A
    assert run_file(ledger_file(tmp_path, records)).findings == []


def _yearless_file(
    tmp_path, records, *, sheet="台账", name="台账.xlsx", title="青石镇安全生产隐患排查治理台账"
):
    """conftest.ledger_file's layout, but nothing above the header, nor the names, says a year."""
    from devtools.fab import SheetSpec, write_xlsx
    from tests.conftest import table

    body = [[title], ["填报单位：青石镇人民政府"], *table(records)]
    return write_xlsx(tmp_path / name, [SheetSpec(sheet, body)])


def test_found_date_without_year_is_an_error(tmp_path):
    """No usable found date and no year in the file: the year is unknown."""
    records = good_records()
    records[1]["found_on"] = "9月2日"
    result = run_file(_yearless_file(tmp_path, records))
    (hit,) = _cell(result, "date-year-unknown")
    assert hit.cell == "G5"
    assert codes(result) == {"date-year-unknown": 1}


@pytest.mark.parametrize(
    ("layout", "source"),
    [
        ({"title": "青石镇2026年9月隐患排查治理台账"}, "第 1 行“青石镇2026年9月隐患排查治理台账”"),
        ({"sheet": "2026年9月"}, "工作表名“2026年9月”"),
        ({"name": "青石镇隐患台账_2026-09.xlsx"}, "文件名“青石镇隐患台账_2026-09”"),
    ],
)
def test_year_from_the_file_names_where_it_came_from(tmp_path, layout, source):
    records = good_records()
    records[1]["found_on"] = "9月2日"
    # a number cell, month.day: its year from the found date, which took the file's
    records[1]["deadline"] = 9.12
    result = run_file(_yearless_file(tmp_path, records, **layout))
    (hit,) = _cell(result, "date-year-from-file")
    assert (hit.cell, hit.severity) == ("G5", "warning")
    assert source in hit.message and "2026年9月2日" in hit.message
    (assumed,) = _cell(result, "date-year-assumed")
    assert assumed.cell == "K5" and "2026年9月12日" in assumed.message
    assert codes(result) == {"date-year-from-file": 1, "date-year-assumed": 1}
    assert result.counts.used == 4


def test_two_years_in_the_title_rows_say_nothing(tmp_path):
    records = good_records()
    records[1]["found_on"] = "9月2日"
    path = _yearless_file(tmp_path, records, title="2025年度隐患排查治理台账（2026年1月填报）")
    assert codes(run_file(path)) == {"date-year-unknown": 1}


def test_year_from_file_quiet_when_the_found_date_has_a_year(tmp_path):
    """The file's year is the last resort: a deadline without a year takes the found date's."""
    result = _one(tmp_path, lambda r: r[1].update(deadline="9月20日"))
    assert codes(result) == {"date-year-assumed": 1}


def test_number_month_day_quiet_alternatives(tmp_path):
    def change(r):
        r[1].update(deadline=10.5)  # October 5th, the found date's year: a warning, no error
        r[3].update(deadline="2026年10月底前")  # a month's end said in words: no warning at all

    result = _one(tmp_path, change)
    assert codes(result) == {"date-year-assumed": 1}
    (hit,) = result.findings
    assert hit.cell == "K5" and "2026年10月5日" in hit.message


def test_ambiguous_number_names_both_readings(tmp_path):
    result = _one(tmp_path, lambda r: r[1].update(deadline=10.3))
    (hit,) = _cell(result, "date-ambiguous")
    assert (hit.cell, hit.value, hit.severity) == ("K5", "10.3", "error")
    assert "10月3日" in hit.message and "10月30日" in hit.message
    # an open hazard with no usable deadline: only the ambiguity is reported, not a missing deadline
    assert codes(result) == {"date-ambiguous": 1}


def test_month_only_deadline_is_the_months_last_day(tmp_path):
    result = _one(tmp_path, lambda r: r[1].update(deadline="2026年10月"))
    (hit,) = _cell(result, "deadline-month-end")
    assert hit.severity == "warning" and "2026年10月31日" in hit.message
    assert codes(result) == {"deadline-month-end": 1}


def test_month_only_found_date_says_the_day_is_missing(tmp_path):
    result = _one(tmp_path, lambda r: r[1].update(found_on="2026年9月"))
    (hit,) = _cell(result, "date-day-missing")
    assert hit.severity == "error" and "哪一天" in hit.message and "排查日期" in hit.message
    assert codes(result) == {"date-day-missing": 1}


def test_status_invalid_message_quotes_the_cell(tmp_path):
    result = _one(tmp_path, lambda r: r[2].update(status="已下达整改通知书，企业未整改"))
    (hit,) = _cell(result, "status-invalid")
    assert hit.cell == "L6" and "“已下达整改通知书，企业未整改”" in hit.message


def test_status_prose_is_quiet_when_classified(tmp_path):
    def change(r):
        r[0].update(status="已整改到位")
        r[1].update(status="整改中（已制定方案）")
        r[2].update(status="已于9月8日整改完毕")  # its completion date is filled: nothing to say
        r[3].update(status="未整改，已制定方案")

    assert _one(tmp_path, change).findings == []


def test_completion_date_from_status(tmp_path):
    result = _one(tmp_path, lambda r: r[0].update(status="已于9月6日整改完毕", closed_on=None))
    (hit,) = _cell(result, "closed-date-from-status")
    assert (hit.cell, hit.severity, hit.value) == ("L4", "warning", "已于9月6日整改完毕")
    assert "2026年9月6日" in hit.message
    assert codes(result) == {"closed-date-from-status": 1}  # closed-no-date stays quiet


def test_completion_date_from_status_before_the_found_date(tmp_path):
    result = _one(tmp_path, lambda r: r[0].update(status="已于8月6日整改完毕", closed_on=None))
    (hit,) = _cell(result, "closed-before-found")
    assert hit.cell == "L4"  # on the status that says it, not on the empty 整改完成日期


def test_completion_date_from_status_without_the_column(tmp_path):
    records = good_records()
    records[0]["status"] = "已于2026年9月6日整改完毕"
    fields = [f for f in FIELDS if f != "closed_on"]
    result = run_file(ledger_file(tmp_path, records, fields=fields))
    (hit,) = _cell(result, "closed-date-from-status")
    assert hit.cell == "L4"
    (missing,) = _cell(result, "closed-date-column-missing")  # records[2] still has no date
    assert "1 条" in missing.message
    records[2]["status"] = "已于9月8日整改完毕"
    result = run_file(ledger_file(tmp_path, records, fields=fields, name="t2.xlsx"))
    assert codes(result) == {"closed-date-from-status": 2}


def test_year_assumed_deadline_rolls_into_next_year(tmp_path):
    def change(r):
        r[1].update(found_on=dt.date(2026, 9, 20), deadline="1月10日")

    result = _one(tmp_path, change, name="t.xlsx")
    (hit,) = _cell(result, "date-year-assumed")
    assert "2027年1月10日" in hit.message


def test_two_columns_for_one_field(tmp_path):
    from devtools.fab import SheetSpec, write_xlsx
    from tests.conftest import table

    rows = table(good_records())
    rows[0].append("整改时限")
    for r in rows[1:]:
        r.append("2026-12-31")
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    result = run_file(path)
    (hit,) = _cell(result, "column-duplicate")
    assert hit.column == "O" and "K" in hit.message and hit.field == "整改期限"
    # Both read as dates and both headers are on the list: the leftmost column is kept.
    assert hit.message == "与 K 列同为“整改期限”，采用 K 列（两列都可识别 100.0%，取靠左的一列）"
    assert len(result.findings) == 1


def test_row_identity_is_equal_exactly_when_every_cell_is_equal():
    """Keys stay exact when the mixed-radix product would overflow int64 and must be renumbered."""
    from types import SimpleNamespace

    import numpy as np

    from anquan_cli.rules.common import row_identity

    rng = np.random.default_rng(7)
    n = 2000
    wide = [rng.integers(0, 3, n) for _ in range(6)]  # few values: many repeated rows
    huge = [
        rng.integers(0, 3, n) * 1_000_000_007 for _ in range(4)
    ]  # radix ~3e9: overflow without renumbering
    columns = {f"f{i}": c for i, c in enumerate([*wide, *huge])}
    key = row_identity(SimpleNamespace(data=np.zeros(n), codes=columns))
    rows = list(zip(*columns.values(), strict=True))
    first_seen: dict = {}
    for i, row in enumerate(rows):
        first_seen.setdefault(row, i)
    by_key: dict = {}
    for i, k in enumerate(key.tolist()):
        by_key.setdefault(k, i)
    assert [first_seen[r] for r in rows] == [by_key[k] for k in key.tolist()]
    assert len(set(rows)) < n  # the data does repeat, so equality is really exercised
