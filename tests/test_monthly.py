"""`anquan monthly`: the whole job on the sample county, idempotence, refusals, partial failure."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from tests.conftest import good_records, ledger_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_ledgers"
runner = CliRunner()


def _checksums(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def month_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "2026-10月成果"
    before = _checksums(SAMPLES)
    result = runner.invoke(app, ["monthly", "--demo", "--out", str(out), "--date", "2026-11-03"])
    assert result.exit_code == 1, result.output  # the sample county carries deliberate errors
    assert _checksums(SAMPLES) == before  # inputs are never written
    return out, result.stdout


def test_every_output_exists_and_opens(month_out):
    out, stdout = month_out
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    for key in ("brief", "overdue", "repeats", "stats", "findings", "register"):
        assert (out / record["outputs"][key]).is_file(), key
    assert docx.Document(str(out / "月度通报.docx")).paragraphs
    assert (out / "月度通报.md").read_text(encoding="utf-8").startswith("**安全生产工作简报**")
    for name in (
        "逾期未整改隐患清单.xlsx",
        "屡查屡有隐患.xlsx",
        "统计汇总.xlsx",
        "校验报告.xlsx",
        "疑似重大隐患清单.xlsx",
    ):
        assert openpyxl.load_workbook(out / name).sheetnames
    # One register for the office and year, outside the month's folder, and the run says where.
    register = Path(record["outputs"]["register"])
    assert register.name == "发文登记簿_示例安办函_2026.xlsx" and out not in register.parents
    assert openpyxl.load_workbook(register).sheetnames and not (out / "函告" / "发文登记簿.xlsx").exists()
    assert f"发文登记簿：{register}" in stdout.replace("\n", "")
    letters = sorted((out / "函告").glob("*.docx"))
    assert len(letters) == record["counts"]["letters"] == 19
    assert all(docx.Document(str(p)).paragraphs for p in letters)
    returned = sorted((out / "退回修改").glob("*_校验.xlsx"))
    # only files with findings: 21 of the 24 hazard ledgers (most for a 疑似重大 or 五落实 warning), 4 lists
    # and the 3 长效机制 ledgers
    assert len(returned) == record["counts"]["returned_copies"] == 28
    assert "月度成果" in stdout and "函告" in stdout and "逾期未整改" in stdout


def test_run_record(month_out):
    out, _ = month_out
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["month"] == "2026-10" and record["as_of"] == "2026-10-31" and record["date"] == "2026-11-03"
    assert record["version"] and record["config"]["county"]["doc_prefix"] == "示例安办函"
    # 24 hazard ledgers, 14 responsibility lists, the roster, a drill record, a training archive, a staffing table
    assert len(record["inputs"]) == 42
    first = record["inputs"][0]
    assert hashlib.sha256(Path(first["path"]).read_bytes()).hexdigest() == first["sha256"]
    c = record["counts"]
    assert (c["files"], c["errors"], c["warnings"], c["overdue"], c["major_overdue"], c["repeat_groups"]) == (
        42,
        15,
        68,
        55,
        3,
        22,
    )
    # the row lacking its 预案 (major-five-missing) is an error and still counted
    assert c["excluded_rows"] == 8 and c["missing_responsibility"] == 16


def test_suspected_major_list_agrees_with_the_brief_and_the_run(month_out):
    out, stdout = month_out
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    sheet = openpyxl.load_workbook(out / "疑似重大隐患清单.xlsx")["疑似重大隐患"]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None]
    assert record["counts"]["suspect_major"] == len(rows) == 4
    assert all(r[6].startswith("《") and r[7] and r[8] for r in rows)  # basis, the standard's text, words
    towns = {}
    for r in rows:
        towns[r[1]] = towns.get(r[1], 0) + 1
    brief = (out / "月度通报.md").read_text(encoding="utf-8")
    named = "、".join(f"{t}{n}项" for t, n in sorted(towns.items(), key=lambda tn: (-tn[1], tn[0])))
    assert f"本月登记为一般隐患的有{len(rows)}项疑似重大事故隐患（{named}）" in brief
    assert "疑似重大隐患清单.xlsx" in stdout


def test_an_overdue_listed_major_is_named_first(month_out):
    out, _ = month_out
    brief = (out / "月度通报.md").read_text(encoding="utf-8")
    section = brief[brief.index("## 五、") : brief.index("## 六、")]
    assert "其中挂牌督办的1项：示例经济开发区丰泽加油站" in section
    table = [line for line in section.splitlines() if line.startswith("| ") and "镇（街道）" not in line]
    assert table[0].startswith("| 示例经济开发区 | 丰泽加油站 |") and "县级挂牌督办" in table[0]
    overdue = openpyxl.load_workbook(out / "逾期未整改隐患清单.xlsx").active
    head = [c.value for c in overdue[3]]
    listed = [r for r in overdue.iter_rows(min_row=4, values_only=True) if r[head.index("挂牌督办")]]
    assert [r[head.index("隐患编号")] for r in listed] == ["KFQ-202609-001"]


def test_numbers_agree_with_stats(month_out):
    out, _ = month_out
    stats = json.loads(
        runner.invoke(app, ["stats", str(SAMPLES), "--month", "2026-10", "--format", "json"]).stdout
    )
    total = stats["total"]
    sheet = openpyxl.load_workbook(out / "统计汇总.xlsx")["按镇街"]
    last = sheet.max_row
    headers = [c.value for c in sheet[3]]
    assert sheet.cell(last, 2).value == "合计"
    assert sheet.cell(last, headers.index("发现隐患") + 1).value == total["found"]
    assert sheet.cell(last, headers.index("逾期未整改") + 1).value == total["overdue"]
    brief = "\n".join(p.text for p in docx.Document(str(out / "月度通报.docx")).paragraphs)
    assert f"本月发现隐患{total['found']}项，其中重大事故隐患{total['major']}项" in brief
    assert f"已整改{total['closed']}项" in brief
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["found_in_month"] == total["found"]
    overdue = json.loads(
        runner.invoke(app, ["overdue", str(SAMPLES), "--as-of", "2026-10-31", "--format", "json"]).stdout
    )
    assert record["counts"]["overdue"] == overdue["counts"]["overdue"] == total["overdue_all"]
    assert sheet.cell(last, headers.index("累计逾期未整改") + 1).value == overdue["counts"]["overdue"]
    assert f"全县累计逾期未整改隐患{overdue['counts']['overdue']}项" in brief


def test_rerun_is_idempotent(month_out):
    out, _ = month_out
    first = json.loads((out / "run.json").read_text(encoding="utf-8"))
    result = runner.invoke(app, ["monthly", str(SAMPLES), "--month", "2026-10", "--out", str(out)])
    assert result.exit_code == 1
    second = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert second["counts"] == first["counts"]
    assert second["letters"] == first["letters"]  # same numbers for the same letters
    assert second["date"] == "2026-11-03"  # the month's documents keep their date
    assert len(list((out / "函告").glob("*.docx"))) == 19
    assert not list(out.rglob(".~anquan-*"))  # no temporary files left behind


def test_brief_rendered_beside_the_workbooks_matches_one_rendered_inline(month_out, tmp_path, monkeypatch):
    import os

    out, _ = month_out
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one core: the 通报 is rendered in this process
    inline = tmp_path / "inline"
    result = runner.invoke(app, ["monthly", "--demo", "--out", str(inline), "--date", "2026-11-03"])
    assert result.exit_code == 1, result.output
    md = "月度通报.md"
    assert (inline / md).read_text(encoding="utf-8") == (out / md).read_text(encoding="utf-8")

    def text(path: Path) -> list[str]:
        return [p.text for p in docx.Document(str(path)).paragraphs]

    assert text(inline / "月度通报.docx") == text(out / "月度通报.docx")
    assert len(text(out / "月度通报.docx")) > 10
    # The marked-up copies, written by the worker while the next files were read, are the same too.
    copies = sorted(p.name for p in (out / "退回修改").iterdir())
    assert copies == sorted(p.name for p in (inline / "退回修改").iterdir()) and len(copies) == 28
    for name in copies:
        with zipfile.ZipFile(out / "退回修改" / name) as a, zipfile.ZipFile(inline / "退回修改" / name) as b:
            assert {n: a.read(n) for n in a.namelist()} == {n: b.read(n) for n in b.namelist()}, name


def test_out_inside_the_input_is_refused(tmp_path):
    ledger_file(tmp_path, good_records())
    result = runner.invoke(
        app, ["monthly", str(tmp_path), "--month", "2026-10", "--out", str(tmp_path / "成果")]
    )
    assert result.exit_code == 2
    assert "位于输入" in result.output and not (tmp_path / "成果").exists()


def test_partial_failure_goes_on(tmp_path):
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, good_records(), name="青石镇_2026-09.xlsx")
    (folder / "坏文件.xlsx").write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = runner.invoke(app, ["monthly", str(folder), "--month", "2026-09", "--out", str(out)])
    assert result.exit_code == 1, result.output
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert record["counts"]["unreadable"] == 1 and record["counts"]["hazards"] == 4
    overview = openpyxl.load_workbook(out / "校验报告.xlsx")["文件概况"]
    reasons = [overview.cell(r, 9).value for r in range(4, overview.max_row + 1)]
    assert any(reason and "不是 Excel 工作簿" in reason for reason in reasons)
    assert overview.auto_filter.ref == f"A3:J{overview.max_row}"  # its own ten columns, no more
    assert (out / "月度通报.docx").exists()


def test_usage_errors(tmp_path):
    result = runner.invoke(app, ["monthly", "--month", "2026-10"])
    assert result.exit_code == 2 and "--demo" in result.output
    result = runner.invoke(app, ["monthly", str(SAMPLES), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "--month" in result.output


def test_an_interrupted_run_leaves_the_previous_outputs_intact(tmp_path, monkeypatch):
    import anquan_cli.render.lists as lists

    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, good_records(), name="青石镇_2026-09.xlsx")
    out = tmp_path / "out"
    assert (
        runner.invoke(app, ["monthly", str(folder), "--month", "2026-09", "--out", str(out)]).exit_code == 0
    )
    before = _checksums(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(lists, "write_repeats", interrupted)
    result = runner.invoke(app, ["monthly", str(folder), "--month", "2026-09", "--out", str(out)])
    assert result.exit_code == 130 and "已中断" in result.output
    after = _checksums(out)
    assert set(after) == set(before)  # nothing half-written, no temporary files left
    for name in ("屡查屡有隐患.xlsx", "统计汇总.xlsx", "run.json"):
        assert after[name] == before[name]  # not reached yet: untouched
    # The 通报 is rendered in a second process beside the workbooks: the old one or a whole new one.
    assert docx.Document(str(out / "月度通报.docx")).paragraphs
    assert openpyxl.load_workbook(out / "逾期未整改隐患清单.xlsx").sheetnames  # replaced whole, still opens


def _monthly_with_broken_templates(tmp_path, names: tuple[str, ...]):
    import shutil

    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    for name in names:
        document = docx.Document(str(folder / f"{name}.docx"))
        document.paragraphs[-1].text = "{{ 没有这个变量 }}"
        document.save(str(folder / f"{name}.docx"))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["monthly", str(SAMPLES), "--month", "2026-10", "--out", str(out), "--templates", str(folder)]
    )
    assert result.exit_code == 2, result.output
    assert "没有这个变量" in result.output and "Traceback" not in result.output
    assert not list(out.rglob(".~anquan-*"))
    return out, result.output


def test_broken_brief_template_in_the_second_process_is_one_line_naming_it(tmp_path):
    out, output = _monthly_with_broken_templates(tmp_path, ("月度通报",))
    assert "月度通报.docx" in output and not (out / "月度通报.docx").exists()


def test_broken_letter_template_rendered_in_the_second_process_is_one_line_and_numbers_nothing(
    tmp_path, county_register
):
    out, output = _monthly_with_broken_templates(tmp_path, ("警示函", "督办函", "提醒函"))
    assert "函.docx" in output
    assert not list(county_register.glob("发文登记簿*.xlsx"))  # no number was given out
    assert not list(out.rglob("发文登记簿*"))


def test_work_goes_to_another_process_and_a_dead_worker_is_one_line(monkeypatch):
    from anquan_cli.core.errors import AnquanError
    from anquan_cli.jobs.workers import workers

    with workers(1) as pool:
        assert pool.submit(os.getpid).result() != os.getpid()
        with pytest.raises(ValueError):
            pool.submit(int, "七").result()  # a failure comes where the result is asked for
    with pytest.raises(AnquanError) as died, workers(1) as pool:
        pool.submit(os._exit, 1).result()
    assert died.value.code == "worker-died"  # lost work is said, never silently redone
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    with workers(1) as pool:  # one core: the work is done here, failures kept alike
        assert pool.submit(os.getpid).result() == os.getpid()
        with pytest.raises(ValueError):
            pool.submit(int, "七").result()


def test_read_ahead_hands_out_each_item_in_order_with_its_own_result_or_failure():
    import threading

    from anquan_cli.jobs.workers import read_ahead

    threads = threading.active_count()
    with read_ahead(["1", "x", "3"], int) as items:
        seen = [(item, future.exception() or future.result()) for item, future in items]
    assert [s[0] for s in seen] == ["1", "x", "3"] and seen[0][1] == 1 and seen[2][1] == 3
    assert isinstance(seen[1][1], ValueError)  # the failure belongs to its item, asked for there
    with read_ahead(list("123456"), int) as items:
        for item, _ in items:
            if item == "2":
                break  # a loop left early ends the reading thread with it
    assert threading.active_count() == threads


def test_files_read_ahead_are_checked_as_if_read_in_turn(tmp_path):
    import datetime as dt

    from anquan_cli.core.config import Config
    from anquan_cli.jobs.validate import run_validation

    folder = tmp_path / "报送"
    folder.mkdir()
    (folder / "a坏.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    good = ledger_file(folder, good_records(), name="b好.xlsx")
    ledger_file(folder, good_records(), name="c好.xlsx")
    run = run_validation([folder], Config(), as_of=dt.date(2026, 10, 31))
    assert [r.path.name for r in run.results] == ["a坏.xlsx", "b好.xlsx", "c好.xlsx"]
    assert run.results[0].error_code == "file-unreadable" and run.results[1].error is None
    alone = run_validation([good], Config(), as_of=dt.date(2026, 10, 31))
    assert alone.results[0].to_dict() == run.results[1].to_dict()


def test_list_rows_written_by_column_match_cell_by_cell(tmp_path):
    import datetime as dt

    import python_calamine

    from anquan_cli.render.lists import _Book

    values = [
        [1, "东湖街道", "甲公司", dt.date(2026, 9, 1), 30, "很长的隐患描述" * 8],
        [2, "东湖街道", None, None, 5, "短"],
        [3, 1.0, "乙公司", dt.datetime(2026, 9, 2, 8, 30), 12, "一\n二\n三"],  # a number in a text column
        [4, 1, "", dt.date(2026, 9, 1), 0, float("nan")],  # 1 and 1.0 hash alike, and print apart
    ]
    kinds = ["num", "text", "text", "date", "num", "text"]
    major = [False, True, False, True]
    books = {}
    for how in ("cells", "block"):
        target = tmp_path / f"{how}.xlsx"
        book = _Book(target, "清单")
        ws = book.sheet(
            "清单", "标题", "副标题", ["序号", "镇街", "企业", "日期", "天数", "描述"], (6, 8, 10, 12, 6, 20)
        )
        if how == "cells":
            for r, row in enumerate(values, 3):
                for c, (value, kind) in enumerate(zip(row, kinds, strict=True)):
                    book.cell(ws, r, c, value, kind, "major" if major[r - 3] else "")
        else:
            columns = [([row[c] for row in values], kinds[c]) for c in range(len(kinds))]
            assert ws.block(3, columns, major) == 3 + len(values)
        book.close()
        books[how] = target
    read = {
        how: python_calamine.CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()
        for how, p in books.items()
    }
    assert read["block"] == read["cells"] and read["block"][5][1] == "1.0" and read["block"][6][1] == "1"
    sheets = {how: openpyxl.load_workbook(p).active for how, p in books.items()}
    for a, b in zip(sheets["block"].iter_rows(), sheets["cells"].iter_rows(), strict=True):
        for x, y in zip(a, b, strict=True):
            assert (x.value, x.fill.fgColor.rgb, x.number_format, x.alignment.horizontal) == (
                y.value,
                y.fill.fgColor.rgb,
                y.number_format,
                y.alignment.horizontal,
            ), x.coordinate
    heights = {
        how: {r: d.height for r, d in ws.row_dimensions.items() if d.height} for how, ws in sheets.items()
    }
    assert heights["block"] == heights["cells"] and heights["block"][4] > 15  # the long description wraps


def test_library_runs_leave_the_process_as_they_found_it(tmp_path):
    import datetime as dt
    import gc
    import multiprocessing
    import threading

    from anquan_cli.core.config import Config
    from anquan_cli.jobs.monthly import run_monthly
    from anquan_cli.jobs.validate import run_validation

    (tmp_path / "报送").mkdir()
    ledger = ledger_file(tmp_path / "报送", good_records())
    gc.disable()
    try:
        run_validation([ledger], Config(), as_of=dt.date(2026, 11, 28))
        assert not gc.isenabled()
    finally:
        gc.enable()
    run_validation([ledger], Config(), as_of=dt.date(2026, 11, 28))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    threads = threading.active_count()
    run_monthly([ledger], Config(), month="2026-10", out=tmp_path / "成果")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert threading.active_count() == threads and not multiprocessing.active_children()


def test_the_findings_workbook_names_each_files_town(month_out):
    out, _ = month_out
    book = openpyxl.load_workbook(out / "校验报告.xlsx")
    findings, overview = book["问题清单"], book["文件概况"]
    assert findings.cell(3, 2).value == "镇街" and overview.cell(3, 2).value == "镇街"
    rows = {findings.cell(r, 3).value: findings.cell(r, 2).value for r in range(4, findings.max_row + 1)}
    baima = next(
        town for path, town in rows.items() if path and "白马镇隐患排查治理台账（2026年10月）" in path
    )
    assert baima == "白马镇"


def test_mechanisms_figures_agree_across_the_brief_the_workbook_and_the_run(month_out):
    out, _ = month_out
    m = json.loads((out / "run.json").read_text(encoding="utf-8"))["counts"]["mechanisms"]
    d, t = m["drill"], m["training"]
    brief = (out / "月度通报.md").read_text(encoding="utf-8")
    section = brief[brief.index("## 九、长效机制落实情况") : brief.index("## 十、下一步工作要求")]
    assert f"应开展演练的{d['units']}家单位" in section and f"综合或专项演练的{d['annual_ok']}家" in section
    assert f"开展的{d['first_lesson']}家" in section
    assert f"培训档案中{t['people']}人，证书过期{t['certs_expired']}人次" in section
    below = [s["unit"] for s in m["staffing"] if not s["ok"]]
    assert below == ["西山镇", "县住建局"] and all(u in section for u in below)
    book = openpyxl.load_workbook(out / "长效机制检查.xlsx")
    assert book.sheetnames == ["应急演练", "安全培训", "监管力量"]
    drills = [r for r in book["应急演练"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(drills) == d["units"] and sum(r[4] == "是" for r in drills) == d["annual_ok"]
    staff = {r[1]: r for r in book["监管力量"].iter_rows(min_row=4, values_only=True) if r[0]}
    assert staff["西山镇"][3] == 6 and staff["西山镇"][7] == "否"
