"""overdue, repeats, stats: hand-computed expectations on small built ledgers, JSON and xlsx outputs."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from anquan_cli.analysis.overdue import compute_overdue
from anquan_cli.cli import app
from anquan_cli.core.config import Config
from anquan_cli.jobs.report import figures, load
from tests.conftest import USCC_A, USCC_B, hazard, ledger_file

D = dt.date
AS_OF = D(2026, 10, 31)
runner = CliRunner()


@pytest.fixture
def boundary(tmp_path) -> Path:
    records = [
        hazard("A", found=D(2026, 10, 1), deadline=D(2026, 10, 30)),  # overdue 1 day
        hazard("B", found=D(2026, 10, 1), deadline=D(2026, 10, 31)),  # due on the day: in time
        hazard("C", found=D(2026, 10, 1), deadline=D(2026, 11, 5)),  # due soon
        hazard("D", found=D(2026, 10, 1), deadline=D(2026, 11, 20)),  # neither
        hazard(
            "E", found=D(2026, 10, 1), deadline=D(2026, 10, 15), status="已整改", closed=D(2026, 10, 20)
        ),  # late
        hazard("F", found=D(2026, 10, 1), deadline=D(2026, 10, 25), status="已整改", closed=D(2026, 11, 3)),
        hazard(
            "G", found=D(2026, 9, 1), deadline=D(2026, 10, 1), level="重大事故隐患", unit="B", town="柳河镇"
        ),
        hazard("H", found=D(2026, 10, 29), deadline="立即整改"),  # due on the found date
        hazard("I", found=D(2026, 10, 2), deadline="长期"),  # no deadline
        hazard("J", found=D(2026, 11, 2), deadline=D(2026, 11, 3)),  # found after the cut-off
        hazard("K", found="2026.13.5", deadline=D(2026, 10, 3)),  # unusable: excluded and counted
        hazard("L", found=D(2026, 10, 1), deadline=D(2026, 10, 20), status="已整改", closed=D(2026, 10, 10)),
    ]
    return ledger_file(tmp_path, records, name="青石镇隐患台账（2026年10月）.xlsx")


def test_overdue_definitions(boundary):
    report = figures([boundary], Config(), as_of=AS_OF)[1].overdue
    overdue = dict(zip(report.overdue["hazard_id"], report.overdue["days_overdue"], strict=True))
    assert overdue == {"A": 1, "F": 6, "G": 30, "H": 2}
    assert report.overdue.set_index("hazard_id")["major_stop_order"].to_dict() == {
        "A": False,
        "F": False,
        "G": True,
        "H": False,
    }
    assert set(report.due_soon["hazard_id"]) == {"B", "C"}
    assert report.closed_late["hazard_id"].tolist() == ["E"]
    assert report.closed_late["days_late"].tolist() == [5]
    assert report.no_deadline["hazard_id"].tolist() == ["I"]
    assert report.hazards.excluded_rows == 1


def test_overdue_is_reproducible_for_any_cut_off(boundary):
    hazards = load([boundary], Config(), as_of=dt.date.today()).hazards
    early = compute_overdue(hazards, D(2026, 10, 16))
    assert set(early.overdue["hazard_id"]) == {"G", "E"}  # E closed on 10-20: still open on 10-16
    late = compute_overdue(hazards, D(2026, 11, 4))
    assert "F" not in set(late.overdue["hazard_id"]) and "J" in set(late.overdue["hazard_id"])


def test_overdue_json_through_the_cli(boundary):
    result = runner.invoke(app, ["overdue", str(boundary), "--as-of", "2026-10-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert {"as_of", "items", "due_soon", "closed_late", "excluded_rows"} <= set(doc)
    assert doc["as_of"] == "2026-10-31" and doc["excluded_rows"] == 1
    g = next(i for i in doc["items"] if i["hazard_id"] == "G")
    assert set(g) >= {
        "hazard_id",
        "town",
        "unit",
        "uscc",
        "level",
        "description",
        "deadline",
        "days_overdue",
        "major_stop_order",
        "source",
    }
    assert g["deadline"] == "2026-10-01" and g["days_overdue"] == 30 and g["major_stop_order"] is True
    assert g["uscc"] == USCC_B and g["level"] == "重大"
    assert g["source"] == {"path": str(boundary), "sheet": "台账", "row": 10}


def test_overdue_sees_the_completion_date_written_in_the_status(tmp_path):
    """已于10月20日整改完毕 with 整改完成日期 empty: closed on 10-20, so late, and open on 10-16."""
    records = [
        hazard("S", found=D(2026, 10, 1), deadline=D(2026, 10, 15), status="已于10月20日整改完毕"),
        hazard(
            "T", found=D(2026, 10, 1), deadline=D(2026, 10, 15), status="已整改到位", closed=D(2026, 10, 12)
        ),
        hazard("U", found=D(2026, 10, 1), deadline=D(2026, 10, 25), status="整改中（已制定方案）"),
        hazard("V", found=D(2026, 10, 1), deadline=D(2026, 10, 25), status="未整改，已制定方案"),
    ]
    path = ledger_file(tmp_path, records, name="青石镇隐患台账（2026年10月）.xlsx")
    result = runner.invoke(app, ["overdue", str(path), "--as-of", "2026-10-31", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (late,) = doc["closed_late"]
    assert (late["hazard_id"], late["closed_on"], late["days_late"]) == ("S", "2026-10-20", 5)
    assert {i["hazard_id"] for i in doc["items"]} == {"U", "V"}
    assert doc["excluded_rows"] == 0
    early = runner.invoke(app, ["overdue", str(path), "--as-of", "2026-10-16", "--format", "json"])
    assert {i["hazard_id"] for i in json.loads(early.stdout)["items"]} == {"S"}


def test_overdue_table_and_xlsx(boundary, tmp_path):
    result = runner.invoke(app, ["overdue", str(boundary), "--as-of", "2026-10-31"])
    assert result.exit_code == 0
    assert "建议责令停产整顿" in result.stdout and "逾期 30 天" in result.stdout
    assert "1 行因关键字段不可用未计入" in result.stdout
    target = tmp_path / "清单.xlsx"
    result = runner.invoke(
        app, ["overdue", str(boundary), "--as-of", "2026-10-31", "--format", "xlsx", "-o", str(target)]
    )
    assert result.exit_code == 0
    ws = openpyxl.load_workbook(target)["逾期未整改隐患清单"]
    assert ws["A1"].value == "逾期未整改隐患清单" and "2026年10月31日" in ws["A2"].value
    assert ws.freeze_panes == "A4"
    rows = {ws.cell(r, 4).value: r for r in range(4, ws.max_row + 1)}
    assert ws.cell(rows["G"], 10).value == "建议责令停产整顿"
    assert ws.cell(rows["G"], 6).fill.fgColor.rgb.endswith("F8CBAD")
    subtotals = [ws.cell(r, 1).value for r in range(4, ws.max_row + 1) if "小计" in str(ws.cell(r, 1).value)]
    assert subtotals == ["柳河镇 小计：1 条，其中重大 1 条", "青石镇 小计：3 条，其中重大 0 条"]
    # printable as the clerk expects: A4 landscape, one page wide, header on every page, filterable
    assert "A1:K1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$3:$3"
    assert ws.auto_filter.ref.startswith("A3:K")
    assert ws["A3"].font.b and ws["A3"].border.left.style == "thin"
    g = rows["G"]
    assert isinstance(ws.cell(g, 8).value, dt.datetime) and ws.cell(g, 8).number_format == "yyyy\\-mm\\-dd"
    assert ws.cell(g, 9).data_type == "n" and ws.cell(g, 1).data_type == "n"
    assert ws.column_dimensions["F"].width > ws.column_dimensions["A"].width


def test_cumulative_files_keep_the_latest_submission(tmp_path):
    sep = ledger_file(
        tmp_path,
        [
            hazard("QS-1", found=D(2026, 9, 1), deadline=D(2026, 9, 10)),
            hazard("QS-2", found=D(2026, 9, 2), deadline=D(2026, 9, 9)),
        ],
        name="青石镇台账_2026-09.xlsx",
    )
    oct_ = ledger_file(
        tmp_path,
        [
            hazard(
                "QS-1", found=D(2026, 9, 1), deadline=D(2026, 9, 10), status="已整改", closed=D(2026, 9, 8)
            ),
            hazard(
                "QS-2", found=D(2026, 9, 20), deadline=D(2026, 9, 29), unit="B", desc="另一家企业的另一条隐患"
            ),
        ],
        name="青石镇台账_2026-10.xlsx",
    )
    os.utime(sep, (2_000_000_000, 2_000_000_000))  # September's file touched last: the name still decides
    hazards = load([tmp_path], Config(), as_of=dt.date.today()).hazards
    assert hazards.duplicates == 2 and len(hazards.frame) == 2
    latest = hazards.frame.set_index("hazard_id")
    assert latest.loc["QS-1", "status"] == "closed" and latest.loc["QS-1", "path"] == str(oct_)
    (conflict,) = hazards.conflicts
    assert conflict.hazard_id == "QS-2" and conflict.kept == str(oct_) and "企业" in conflict.fields


def test_rows_without_id_are_identified_by_enterprise_date_and_text(tmp_path):
    first = hazard(None, found=D(2026, 9, 1), deadline=D(2026, 9, 10), desc="消防通道堵塞")
    ledger_file(tmp_path, [first], name="a_2026-09.xlsx")
    again = {
        **first,
        "description": "消防通道 堵塞。",
        "status": "已整改",
        "closed_on": D(2026, 9, 5),
        "verifier": "李娜",
    }
    ledger_file(tmp_path, [again], name="a_2026-10.xlsx")
    hazards = load([tmp_path], Config(), as_of=dt.date.today()).hazards
    assert len(hazards.frame) == 1 and hazards.duplicates == 1 and hazards.frame["status"].iloc[0] == "closed"


def _repeat_file(tmp_path, records, name="r.xlsx"):
    return ledger_file(tmp_path, records, name=name)


def test_repeats_by_topic(tmp_path):
    path = _repeat_file(
        tmp_path,
        [
            hazard(
                "1",
                found=D(2026, 8, 5),
                deadline=D(2026, 8, 9),
                desc="消防通道堵塞",
                status="已整改",
                closed=D(2026, 8, 8),
            ),
            hazard("2", found=D(2026, 10, 1), deadline=D(2026, 11, 9), desc="仓库消防通道被货物堵塞"),
            hazard(
                "3", found=D(2026, 10, 1), deadline=D(2026, 11, 9), desc="消防通道堵塞", unit="B"
            ),  # other unit
            hazard(
                "4",
                found=D(2026, 9, 1),
                deadline=D(2026, 9, 9),
                desc="配电箱未接地",
                unit="B",
                status="已整改",
                closed=D(2026, 9, 2),
            ),
            hazard(
                "5",
                found=D(2026, 9, 1),
                deadline=D(2026, 9, 9),
                desc="配电柜接地线松动",
                unit="B",
                status="已整改",
                closed=D(2026, 9, 2),
            ),
            hazard(
                "6",
                found=D(2024, 9, 1),
                deadline=D(2024, 9, 9),
                desc="灭火器过期",
                status="已整改",
                closed=D(2024, 9, 2),
            ),
            hazard("7", found=D(2026, 9, 1), deadline=D(2026, 11, 9), desc="灭火器压力不足"),
        ],
    )
    report = figures([path], Config(), as_of=AS_OF)[1].repeats
    groups = {(g.unit, g.topic): g for g in report.groups}
    assert set(groups) == {
        ("示例县宏达机械有限公司", "消防通道/安全出口")
    }  # same date twice or out of window: no
    g = groups[("示例县宏达机械有限公司", "消防通道/安全出口")]
    assert g.count == 2 and g.dates == ["2026-08-05", "2026-10-01"] and g.hazard_ids == ["1", "2"] and g.open
    longer = figures([path], Config(), as_of=AS_OF, window_days=800)[1].repeats
    assert ("示例县宏达机械有限公司", "灭火器") in {(g.unit, g.topic) for g in longer.groups}


def test_repeats_fuzzy_fallback_both_ways(tmp_path):
    path = _repeat_file(
        tmp_path,
        [
            hazard(
                "1",
                found=D(2026, 8, 5),
                deadline=D(2026, 8, 9),
                desc="消防通道堵塞",
                status="已整改",
                closed=D(2026, 8, 8),
            ),
            hazard("2", found=D(2026, 10, 1), deadline=D(2026, 11, 9), desc="消防通道被货物堵塞"),
            hazard("3", found=D(2026, 10, 2), deadline=D(2026, 11, 9), desc="配电箱未接地"),
        ],
    )
    no_topics = Config.model_validate({"analysis": {"topics": {"无关": ["不会出现的词"]}}})
    report = figures([path], no_topics, as_of=AS_OF)[1].repeats
    (g,) = report.groups
    assert g.topic == "相似描述" and g.hazard_ids == ["1", "2"]
    strict = Config.model_validate(
        {"analysis": {"topics": {"无关": ["不会出现的词"]}, "similarity_threshold": 90}}
    )
    assert figures([path], strict, as_of=AS_OF)[1].repeats.groups == []


def test_repeats_json_shape(tmp_path):
    path = _repeat_file(
        tmp_path,
        [
            hazard(
                "1",
                found=D(2026, 8, 5),
                deadline=D(2026, 8, 9),
                desc="灭火器过期",
                status="已整改",
                closed=D(2026, 8, 8),
            ),
            hazard("2", found=D(2026, 10, 1), deadline=D(2026, 11, 9), desc="灭火器压力不足"),
        ],
    )
    result = runner.invoke(app, ["repeats", str(path), "--as-of", "2026-10-31", "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["window_days"] == 365
    (g,) = doc["groups"]
    assert {"unit", "uscc", "town", "topic", "count", "hazard_ids", "dates", "open"} <= set(g)
    assert g["topic"] == "灭火器" and g["count"] == 2 and g["open"] is True and g["uscc"] == USCC_A


def test_stats_hand_computed(boundary):
    report = figures([boundary], Config(), as_of=AS_OF)[1].stats()
    rows = {r["name"]: r for r in report.rows.to_dict("records")}
    qs = rows["青石镇"]
    # known on 10-31 in 青石镇: A B C D E F H I L (J not yet found, K excluded); closed by then: E, L
    assert qs["found"] == 9 and qs["closed"] == 2 and qs["major"] == 0
    assert qs["rectification_rate"] == 22.2
    # due by 10-31: A B E F H L; on time among them: L
    assert qs["due"] == 6 and qs["closed_on_time"] == 1 and qs["on_time_rate"] == 16.7
    assert (qs["not_due"], qs["overdue"], qs["no_deadline"]) == (3, 3, 1)  # B C D; A F H; I
    assert qs["closed"] + qs["not_due"] + qs["overdue"] + qs["no_deadline"] == qs["found"]
    assert rows["柳河镇"]["major_overdue"] == 1 and rows["柳河镇"]["rectification_rate"] == 0.0
    assert [r["name"] for r in report.rows.to_dict("records")] == ["青石镇", "柳河镇"]  # ranked by 整改率


def test_stats_rows_add_up_to_the_total_on_the_sample_county():
    samples = Path(__file__).resolve().parents[1] / "sample_ledgers"
    for by in ("town", "industry", "unit"):
        report = figures([samples], Config(), as_of=AS_OF, month="2026-10")[1].stats(by)
        for key in (
            "found",
            "major",
            "closed",
            "overdue",
            "not_due",
            "no_deadline",
            "enterprises",
            "repeat_groups",
        ):
            assert report.rows[key].sum() == report.total[key], (by, key)


def test_stats_month_filter_and_json(boundary):
    result = runner.invoke(app, ["stats", str(boundary), "--month", "2026-09", "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["month"] == "2026-09" and doc["as_of"] == "2026-09-30"
    assert doc["total"]["found"] == 1 and doc["total"]["overdue"] == 0  # G found 09-01, due 10-01
    assert doc["rows"][0]["name"] == "柳河镇" and doc["rows"][0]["rank"] == 1
    empty = runner.invoke(app, ["stats", str(boundary), "--month", "2026-07", "--format", "json"])
    assert json.loads(empty.stdout)["total"]["rectification_rate"] is None
    bad = runner.invoke(app, ["stats", str(boundary), "--month", "十月"])
    assert bad.exit_code == 2 and "--month" in bad.output


def test_stats_xlsx_has_three_groupings(boundary, tmp_path):
    target = tmp_path / "统计汇总.xlsx"
    result = runner.invoke(
        app, ["stats", str(boundary), "--as-of", "2026-10-31", "--format", "xlsx", "-o", str(target)]
    )
    assert result.exit_code == 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["按镇街", "按行业领域", "按企业"]
    ws = wb["按镇街"]
    last = ws.max_row
    assert ws.cell(last, 2).value == "合计" and ws.cell(last, 5).value == 10


@pytest.mark.parametrize(
    ("exclude", "counts", "excluded", "hazards"),
    [
        # default: the 8 rows of 白马镇's October file with errors stay out of the figures
        (
            True,
            {"overdue": 55, "major_overdue": 3, "due_soon": 14, "closed_late": 28, "no_deadline": 1},
            8,
            338,
        ),
        # only rows whose needed fields are unusable stay out (one bad date, one bad level)
        (
            False,
            {"overdue": 54, "major_overdue": 3, "due_soon": 14, "closed_late": 29, "no_deadline": 1},
            2,
            343,
        ),
    ],
)
def test_sample_county_numbers_are_stable(exclude, counts, excluded, hazards):
    samples = Path(__file__).resolve().parents[1] / "sample_ledgers"
    config = Config.model_validate({"analysis": {"exclude_rows_with_errors": exclude}})
    overdue = figures([samples], config, as_of=AS_OF)[1].overdue.to_dict()
    assert overdue["counts"] == counts
    majors = sorted(i["hazard_id"] for i in overdue["items"] if i["major_stop_order"])
    assert majors == ["AP-202609-014", "KFQ-202609-001", "NG-202608-005"]
    assert overdue["excluded_rows"] == excluded and overdue["input"]["hazards"] == hazards
    assert len(figures([samples], config, as_of=AS_OF)[1].repeats.groups) == 22


def test_no_hazard_ledgers_is_a_usage_error(tmp_path):
    from tests.conftest import good_list, stacked_file

    stacked_file(tmp_path, [good_list()])
    result = runner.invoke(app, ["overdue", str(tmp_path)])
    assert result.exit_code == 2 and "没有读到可用的隐患台账" in result.output


def test_json_to_a_file_and_table_with_a_copy(boundary, tmp_path):
    target = tmp_path / "逾期.json"
    result = runner.invoke(
        app, ["overdue", str(boundary), "--as-of", "2026-10-31", "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 0 and "已写入" in result.stdout
    assert json.loads(target.read_text(encoding="utf-8"))["counts"]["overdue"] == 4
    copy = tmp_path / "屡查.xlsx"
    result = runner.invoke(app, ["repeats", str(boundary), "--as-of", "2026-10-31", "-o", str(copy)])
    assert result.exit_code == 0 and "屡查屡有" in result.stdout and copy.exists()


def test_report_columns_become_plain_json_values():
    import numpy as np
    import pandas as pd

    from anquan_cli.core.plain import iso_days, plain_list, text_list

    days = pd.Series(pd.to_datetime(["2026-10-01", None, "2026-10-01", "2026-09-30"]))
    assert iso_days(days) == ["2026-10-01", None, "2026-10-01", "2026-09-30"]
    assert plain_list(days) == iso_days(days)
    numbers = pd.Series([3, 12], dtype="int64")
    assert plain_list(numbers) == [3, 12] and all(type(v) is int for v in plain_list(numbers))
    mixed = pd.Series([1.5, np.nan, True], dtype=object)
    assert plain_list(mixed) == [1.5, None, True]
    assert text_list(pd.Series(["甲", "", None, np.nan, "甲"], dtype=object)) == [
        "甲",
        None,
        None,
        None,
        "甲",
    ]
    json.dumps([plain_list(numbers), plain_list(mixed)])  # numpy scalars would not serialise


def test_rows_without_id_stay_apart_when_date_or_enterprise_differs(tmp_path):
    first = hazard(None, found=D(2026, 9, 1), deadline=D(2026, 9, 10), desc="消防通道堵塞")
    other_day = {**first, "found_on": D(2026, 9, 2)}
    other_unit = {**first, "unit": "示例县华丰建材有限公司", "uscc": None}
    with_id = hazard("QS-1", found=D(2026, 9, 1), deadline=D(2026, 9, 10), desc="消防通道堵塞")
    ledger_file(tmp_path, [first, other_day, other_unit, with_id], name="a_2026-09.xlsx")
    hazards = load([tmp_path], Config(), as_of=dt.date.today()).hazards
    assert len(hazards.frame) == 4 and hazards.duplicates == 0


# --- 行业领域: one name per industry ----------------------------------------------------------------


def test_industry_names_have_one_canonical_form():
    from anquan_cli.core.vocab import canonical_industry, subsectors_kept

    # 工贸's subsectors folded, whatever way they are written
    for written in ("机械", "工贸(机械)", "工贸（机械）", "工贸行业", " 建材 ", "有色金属"):
        assert canonical_industry(written) == "工贸"
    # kept apart, every one, when the county counts 工贸 by subsector
    assert subsectors_kept(["机械", "危险化学品"]) and not subsectors_kept(["工贸", "危险化学品"])
    assert [canonical_industry(w, keep_subsectors=True) for w in ("机械", "工贸（机械）", "有色金属")] == [
        "机械",
        "机械",
        "有色",
    ]
    assert canonical_industry("危险化学品（危化）") == canonical_industry("危化") == "危险化学品"
    assert canonical_industry("养殖(畜牧)") == "养殖（畜牧）"  # brackets as Chinese text writes them


def _industry_rows(tmp_path, config_text: str) -> dict[str, int]:
    records = [
        {**hazard("H1", found="2026-10-03", deadline="2026-10-20"), "industry": "机械"},
        {**hazard("H2", found="2026-10-04", deadline="2026-10-20"), "industry": "工贸（机械）"},
        {**hazard("H3", found="2026-10-05", deadline="2026-10-20"), "industry": "工贸"},
        {**hazard("H4", found="2026-10-06", deadline="2026-10-20"), "industry": "建材"},
    ]
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    ledger_file(folder, records)
    config = tmp_path / "anquan.toml"
    config.write_text(config_text, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "stats",
            str(folder),
            "--month",
            "2026-10",
            "--by",
            "industry",
            "--format",
            "json",
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.output
    return {r["name"]: r["found"] for r in json.loads(result.stdout)["rows"]}


def test_stats_by_industry_fold_or_keep_subsectors_as_the_county_lists_them(tmp_path):
    assert _industry_rows(tmp_path / "a", "") == {"工贸": 4}
    kept = _industry_rows(tmp_path / "b", 'industries = ["机械", "建材", "工贸"]\n')
    assert kept == {"机械": 2, "工贸": 1, "建材": 1}
