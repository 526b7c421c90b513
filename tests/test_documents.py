"""brief, letters, init, templates check: golden text read back with python-docx, numbering, escaping."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from anquan_cli.cli import app
from anquan_cli.core.config import Config
from anquan_cli.jobs.letters import make_letters
from anquan_cli.jobs.register import read_register
from anquan_cli.render.chart import cjk_font
from tests.conftest import hazard, ledger_file

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_ledgers"
D = dt.date
runner = CliRunner()


def text_of(path: Path) -> str:
    """Every paragraph and table cell of a .docx, in order, as a person reads it."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


# --- templates -------------------------------------------------------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_templates_are_in_sync_with_their_builder(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_templates.py"), "--out", str(tmp_path)], check=True
    )
    for built in sorted(tmp_path.iterdir()):
        committed = ROOT / "templates" / built.name
        assert committed.exists(), f"{built.name} missing: run `make templates`"
        if built.suffix == ".docx":
            assert _parts(built) == _parts(committed), f"{built.name} out of date: run `make templates`"
        else:
            assert built.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_shipped_templates_lint_clean():
    result = runner.invoke(app, ["templates", "check"])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.stdout


def test_template_lint_names_the_template_and_the_problem(tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    md = folder / "警示函.md.j2"
    md.write_text(md.read_text(encoding="utf-8") + "{{ recipent }}\n", encoding="utf-8")
    (folder / "提醒函.md.j2").write_text("{% for r in risks %}{{ r.topic }}\n", encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(folder)])
    assert result.exit_code == 1
    assert "警示函.md.j2：使用了程序不提供的变量“recipent”" in result.stdout
    assert "提醒函.md.j2" in result.stdout and "语法错误" in result.stdout


def test_document_layout_follows_gbt9704():
    document = docx.Document(str(ROOT / "templates" / "督办函.docx"))
    section = document.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    body = document.styles["Normal"]
    assert body.font.size.pt == 16
    fonts = body.element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋_GB2312"
    )
    title = document.styles["公文标题"]
    assert title.font.size.pt == 22
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert document.settings.odd_and_even_pages_header_footer


# --- letters ---------------------------------------------------------------------------------------


@pytest.fixture
def town_ledgers(tmp_path) -> Path:
    folder = tmp_path / "报送"
    folder.mkdir()
    records = [
        # A: a repeat (灭火器 twice) and an overdue hazard -> 警示函
        hazard(
            "A1",
            found=D(2026, 8, 5),
            deadline=D(2026, 8, 9),
            desc="灭火器过期",
            status="已整改",
            closed=D(2026, 8, 8),
        ),
        hazard("A2", found=D(2026, 10, 2), deadline=D(2026, 10, 10), desc="灭火器压力不足"),
        # B in 柳河镇: a 重大 hazard overdue -> 督办函 to 柳河镇人民政府, and a 警示函 to B though it has few
        # hazards and no repeat: an overdue 重大 hazard always brings the enterprise a letter
        hazard(
            "B1",
            found=D(2026, 10, 3),
            deadline=D(2026, 10, 20),
            level="重大事故隐患",
            unit="B",
            town="柳河镇",
        ),
    ]
    ledger_file(folder, records, name="台账_2026-10.xlsx")
    return folder


def _letters(folder, out, config: Config | None = None, **kw):
    defaults = dict(month="2026-10", out_dir=out, as_of=D(2026, 10, 31), date=D(2026, 11, 3))
    return make_letters([folder], config or Config(), **{**defaults, **kw})


def test_selection_rules_both_ways(town_ledgers, tmp_path):
    result = _letters(town_ledgers, tmp_path / "函告", dry_run=True)
    planned = [(letter.kind, letter.recipient) for letter, _, _ in result.letters]
    assert planned == [
        ("warning", "示例县华丰建材有限公司"),
        ("warning", "示例县宏达机械有限公司"),
        ("supervision", "柳河镇人民政府"),
        ("reminder", "各镇（街道）、县安委会各成员单位"),
    ]
    strict = Config.model_validate({"letters": {"supervision_overdue_threshold": 0}})
    more = _letters(town_ledgers, tmp_path / "x", strict, dry_run=True)
    assert ("supervision", "青石镇人民政府") in [(lt.kind, lt.recipient) for lt, _, _ in more.letters]
    many = Config.model_validate({"letters": {"warning_min_hazards": 1}})
    with_many = _letters(town_ledgers, tmp_path / "y", many, dry_run=True)
    (b,) = [lt for lt, _, _ in with_many.letters if lt.recipient == "示例县华丰建材有限公司"]
    assert b.kind == "warning" and any("隐患数量较多" in fact for fact in b.facts)


def test_dry_run_writes_nothing(town_ledgers, tmp_path):
    out = tmp_path / "函告"
    result = runner.invoke(
        app,
        [
            "letters",
            str(town_ledgers),
            "--month",
            "2026-10",
            "--out-dir",
            str(out),
            "--dry-run",
            "--date",
            "2026-11-03",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "拟发函件 4 件" in result.stdout and "示例安办函〔2026〕1号" in result.stdout
    assert not out.exists() or not any(p for p in out.iterdir() if not p.name.endswith(".lock"))


def test_letters_golden_text(town_ledgers, tmp_path, county_register):
    out = tmp_path / "函告"
    result = _letters(town_ledgers, out)
    names = sorted(p.name for p in out.glob("*.docx"))
    assert names == [
        "001_警示函_示例县华丰建材有限公司.docx",
        "002_警示函_示例县宏达机械有限公司.docx",
        "003_督办函_柳河镇人民政府.docx",
        "004_提醒函_各镇（街道）、县安委会各成员单位.docx",
    ]
    major = text_of(out / names[0])
    assert (
        "有1项重大事故隐患逾期未整改（隐患B1:一车间东侧配电箱门损坏，逾期11天），依法责令停产停业整顿；"
        in major
    )
    assert "其中1项重大事故隐患，依法责令停产停业整顿，整改验收合格前不得恢复生产。" in major
    names = names[1:]
    warning = text_of(out / names[0])
    assert "示例安办函〔2026〕2号" in warning
    assert "关于示例县宏达机械有限公司\n安全生产隐患问题的警示函" in warning  # broken between words
    assert "示例县宏达机械有限公司：" in warning
    assert "灭火器问题在不同日期被反复发现（灭火器2次），属于屡查屡有；" in warning
    assert "截至2026年10月31日，仍有1项隐患逾期未整改，最长逾期21天。" in warning
    assert "请于2026年11月17日前" in warning  # 10 working days after Tuesday 3 November
    assert "抄送：青石镇人民政府，县应急管理局。" in warning
    assert "1 | 青石镇 | A2 | 灭火器压力不足 | 一般 | 2026年10月10日 | 21 | 2026-10 第5行" in warning
    supervision = text_of(out / names[1])
    assert "关于督促柳河镇加快\n逾期未整改隐患整改的督办函" in supervision
    assert "有1项重大事故隐患逾期未整改（涉及示例县华丰建材有限公司），依法应责令停产整顿。" in supervision
    assert "依法责令相关企业停产停业整顿" in supervision
    reminder = text_of(out / names[2])
    assert "关于做好冬季安全防范工作的提醒函" in reminder
    assert "一、冬季防火。" in reminder and "二、城镇燃气。" in reminder
    register = read_register(result.register)
    assert [(e.number, e.kind, e.recipient, e.hazards) for e in register] == [
        ("示例安办函〔2026〕1号", "警示函", "示例县华丰建材有限公司", 1),
        ("示例安办函〔2026〕2号", "警示函", "示例县宏达机械有限公司", 1),
        ("示例安办函〔2026〕3号", "督办函", "柳河镇人民政府", 1),
        ("示例安办函〔2026〕4号", "提醒函", "各镇（街道）、县安委会各成员单位", 0),
    ]
    assert all(e.file for e in register)
    # The county's register for the office and year, not one per output folder.
    assert result.register == county_register / "发文登记簿_示例安办函_2026.xlsx"
    assert not (out / "发文登记簿.xlsx").exists()


def test_numbering_is_idempotent_and_continues(town_ledgers, tmp_path):
    out = tmp_path / "10月成果" / "函告"
    first = _letters(town_ledgers, out)
    again = _letters(town_ledgers, out, date=D(2026, 11, 20))  # a rerun later keeps numbers and dates
    assert [e.number for _, e, _ in again.letters] == [e.number for _, e, _ in first.letters]
    assert {e.date for _, e, _ in again.letters} == {D(2026, 11, 3)}
    # November into another folder: the numbers go on from October's, never start again at 1.
    other = tmp_path / "11月成果" / "函告"
    november = _letters(town_ledgers, other, month="2026-11", as_of=D(2026, 11, 30), date=D(2026, 12, 2))
    serials = [e.serial for _, e, _ in november.letters]
    assert serials[0] == 5 and len(set(serials)) == len(serials)
    assert november.register == first.register
    register = read_register(first.register)
    numbers = [e.number for e in register]
    assert len(numbers) == len(set(numbers))


def _run_month(args):
    folder, out, month, day = args
    result = make_letters(
        [Path(folder)],
        Config(),
        month=month,
        out_dir=Path(out),
        as_of=D(2026, int(month[-2:]), 28),
        date=D(2026, 12, day),
    )
    return [e.serial for _, e, _ in result.letters]


def test_overlapping_runs_never_share_a_number(town_ledgers, tmp_path, county_register):
    months = (("2026-09", 1), ("2026-10", 2), ("2026-11", 3))
    jobs = [(str(town_ledgers), str(tmp_path / f"{m}成果"), m, d) for m, d in months]  # each its own folder
    with ProcessPoolExecutor(max_workers=3) as pool:
        serials = [s for result in pool.map(_run_month, jobs) for s in result]
    assert sorted(serials) == list(range(1, len(serials) + 1))
    assert len(read_register(county_register / "发文登记簿_示例安办函_2026.xlsx")) == len(serials)


def test_hostile_names_come_out_literally(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    nasty = "坏<b>&\"公司'{{ 7*7 }}{% if 1 %}x{% endif %}"
    record = hazard("X1", found=D(2026, 10, 1), deadline=D(2026, 10, 5), level="重大事故隐患")
    record["unit"], record["uscc"] = nasty, None
    record["description"] = "第一行\n第二行 <script>alert(1)</script> ${HOME}"
    ledger_file(folder, [record], name="t_2026-10.xlsx")
    out = tmp_path / "out"
    make_letters(
        [folder],
        Config(),
        month="2026-10",
        out_dir=out,
        as_of=D(2026, 10, 31),
        date=D(2026, 11, 3),
        kinds=("supervision",),
    )
    (letter,) = out.glob("*.docx")
    text = text_of(letter)
    assert (
        nasty in text
        and "<script>alert(1)</script> ${HOME}" in text
        and "49" not in text.split("涉及")[1][:20]
    )


def test_letters_config_error_names_the_key(town_ledgers, tmp_path):
    cfg = tmp_path / "anquan.toml"
    cfg.write_text('[letters]\nwarning_min_hazards = "很多"\n', encoding="utf-8")
    result = runner.invoke(
        app, ["letters", str(town_ledgers), "--month", "2026-10", "--config", str(cfg), "--dry-run"]
    )
    assert result.exit_code == 2
    assert "letters.warning_min_hazards" in result.output and "应为整数" in result.output


def test_broken_template_is_one_line_naming_it(town_ledgers, tmp_path):
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    document = docx.Document(str(folder / "提醒函.docx"))
    document.paragraphs[-1].text = "{{ 没有这个变量 }}"
    document.save(str(folder / "提醒函.docx"))
    result = runner.invoke(
        app,
        [
            "letters",
            str(town_ledgers),
            "--month",
            "2026-10",
            "--out-dir",
            str(tmp_path / "o"),
            "--templates",
            str(folder),
            "--kind",
            "reminder",
        ],
    )
    assert result.exit_code == 2
    assert (
        "提醒函.docx" in result.output
        and "没有这个变量" in result.output
        and "Traceback" not in result.output
    )


# --- brief -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    result = runner.invoke(
        app,
        ["brief", str(SAMPLES), "--month", "2026-10", "-o", str(out / "通报.docx"), "--date", "2026-11-03"],
    )
    assert result.exit_code == 0, result.output
    stats = json.loads(
        runner.invoke(app, ["stats", str(SAMPLES), "--month", "2026-10", "--format", "json"]).stdout
    )
    return out / "通报.docx", stats


def test_brief_figures_are_the_stats_figures(sample_brief):
    path, stats = sample_brief
    text = text_of(path)
    t = stats["total"]
    assert (
        f"全县共检查企业{t['enterprises']}家，其中存在隐患企业{t['enterprises_with_hazards']}家，"
        f"本月发现隐患{t['found']}项，其中重大事故隐患{t['major']}项。本月发现的隐患中，"
        f"截至2026年10月31日已整改{t['closed']}项，整改率{t['rectification_rate']:.1f}%"
    ) in text
    assert f"整改中未到期{t['not_due']}项，已逾期{t['overdue']}项。" in text
    assert f"全县累计逾期未整改隐患{t['overdue_all']}项" in text
    for row in stats["rows"]:
        cells = (
            f"{row['rank']} | {row['name']} | {row['found']} | {row['major']} | {row['closed']} | "
            f"{row['rectification_rate']:.1f}% | {row['overdue_all']} | {row['repeat_groups']}"
        )
        assert cells in text


def test_brief_sections_and_layout(sample_brief):
    path, _ = sample_brief
    text = text_of(path)
    for heading in (
        "一、总体情况",
        "二、各镇（街道）情况",
        "三、排查覆盖情况",
        "四、行业领域情况",
        "五、重大事故隐患整改情况",
        "六、逾期未整改隐患",
        "七、屡查屡有问题",
        "八、台账报送质量",
        "九、长效机制落实情况",  # the sample county sends drill, training and staffing ledgers
        "十、下一步工作要求",
    ):
        assert heading in text
    assert "关于2026年10月全县安全生产\n隐患排查整治情况的通报" in text
    assert "位列后三位" in text and "2026年11月3日" in text
    assert "附件：逾期未整改隐患清单" in text
    assert "本月共有8个镇（街道）报送隐患排查治理台账8份" in text
    assert "截至2026年10月31日，全县累计逾期未整改隐患共55项" in text  # rows with errors left out (default)


def test_brief_annex_numbers_the_longest_overdue_first_from_one(sample_brief):
    path, _ = sample_brief
    annex = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[0].text == "序号")
    rows = [[c.text for c in row.cells] for row in annex.rows[1:]]
    assert len(rows) == 55  # every overdue hazard of the sample county (under annex_max)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    days = [int(r[7]) for r in rows]
    assert days == sorted(days, reverse=True)


def test_brief_lists_the_most_frequent_repeat_groups_up_to_the_limit(tmp_path):
    config = tmp_path / "anquan.toml"
    config.write_text("[brief]\nrepeats_max = 5\n", encoding="utf-8")
    args = ["--month", "2026-10", "--date", "2026-11-03"]
    capped, full = tmp_path / "capped.docx", tmp_path / "full.docx"
    assert (
        runner.invoke(
            app, ["brief", str(SAMPLES), *args, "-o", str(capped), "--config", str(config)]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["brief", str(SAMPLES), *args, "-o", str(full)]).exit_code == 0

    def repeat_rows(path):
        table = next(t for t in docx.Document(str(path)).tables if t.rows[0].cells[2].text == "问题类别")
        return [tuple(c.text for c in row.cells) for row in table.rows[1:]]

    every, listed = repeat_rows(full), repeat_rows(capped)
    assert len(every) == 22 and len(listed) == 5
    assert listed == [row for row in every if row in listed]  # the report's order is kept
    assert min(int(r[3]) for r in listed) >= max(int(r[3]) for r in every if r not in listed)
    text = text_of(capped)
    assert (
        "共有22组同类问题" in text and "以下列出反复次数最多的5组，完整清单见《屡查屡有隐患》工作簿：" in text
    )
    assert "完整清单" not in text_of(full).split("七、屡查屡有问题")[1].split("八、")[0]


def test_brief_chart_with_a_cjk_font_or_a_clear_note(sample_brief):
    path, _ = sample_brief
    document = docx.Document(str(path))
    if cjk_font():
        assert len(document.inline_shapes) == 1
    else:
        assert len(document.inline_shapes) == 0


def test_brief_markdown_twin(tmp_path):
    target = tmp_path / "通报.md"
    result = runner.invoke(
        app, ["brief", str(SAMPLES), "--month", "2026-10", "-o", str(target), "--date", "2026-11-03"]
    )
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith(
        "**安全生产工作简报**\n\n2026年第10期\n\n示例县安全生产委员会办公室　　　　2026年11月3日"
    )
    assert "## 一、总体情况" in text and "| 1 | 白马镇 |" in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_documents_convert_to_pdf(sample_brief, town_ledgers, tmp_path):
    path, _ = sample_brief
    out = tmp_path / "函告"
    _letters(town_ledgers, out)
    from anquan_cli.render.documents import office_converter, to_pdf

    converter = office_converter()
    assert converter is not None
    for document in [path, *sorted(out.glob("*.docx"))]:
        to_pdf(converter, document, tmp_path / f"{document.stem}.pdf")
        assert (tmp_path / f"{document.stem}.pdf").stat().st_size > 1000


# --- init ------------------------------------------------------------------------------------------


def test_init_writes_a_valid_config_and_templates(tmp_path):
    from anquan_cli.core.config import load_config

    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    config = load_config(tmp_path / "anquan.toml")
    defaults = Config()
    assert (
        config.county == defaults.county
        and config.letters == defaults.letters
        and config.brief == defaults.brief
    )
    assert config.validation == defaults.validation and config.analysis == defaults.analysis
    assert Path(config.document.templates) == tmp_path / "templates"
    assert sorted(p.name for p in (tmp_path / "templates").iterdir()) == sorted(
        p.name for p in (ROOT / "templates").iterdir() if p.name.endswith((".docx", ".md.j2"))
    )
    again = runner.invoke(app, ["init", str(tmp_path)])
    assert again.exit_code == 2 and "--force" in again.output


def _body_shape(path: Path) -> tuple:
    """What a reader sees plus the line breaks and tables Word lays out."""
    document = docx.Document(str(path))
    body = document.element.body
    return (
        text_of(path),
        len(body.findall(".//" + docx.oxml.ns.qn("w:br"))),
        len(document.tables),
        [p.style.name for p in document.paragraphs],
    )


def test_batch_rendering_matches_docxtpl(town_ledgers, tmp_path, monkeypatch):
    """The one-template-many-letters fast path gives the letter docxtpl would give, line breaks and
    control characters in the data included."""
    from anquan_cli.jobs import letters as letters_job
    from anquan_cli.render import documents
    from anquan_cli.render.documents import render_docx

    seen: list[documents.LetterJob] = []
    real = letters_job.render_all
    monkeypatch.setattr(
        letters_job, "render_all", lambda jobs, config: (seen.extend(jobs), real(jobs, config))
    )
    _letters(town_ledgers, tmp_path / "函告")
    assert len(seen) == 4
    for template, _, context, target in ((j.template, j.markdown, j.context, j.target) for j in seen):
        reference = render_docx(template, context, tmp_path / f"ref_{target.name}", Config())
        assert _body_shape(target) == _body_shape(reference), template.name
        # docxtpl itself loses "<&>" from a value that also holds a line break, so the fast path is held
        # to what a reader must see instead.
        tricky = {**context, "recipient": "第一行\n第二行\x1b\t末尾 <&>"}
        batch_out = tmp_path / f"batch2_{target.name}"
        documents.render_letters([documents.LetterJob(template, None, tricky, batch_out)], Config())
        text, breaks, tables, styles = _body_shape(batch_out)
        assert "第一行\n第二行\t末尾 <&>：" in text, template.name
        assert "\x1b" not in text and breaks > _body_shape(target)[1]
        assert (tables, styles) == _body_shape(target)[2:]


def test_parallel_letters_equal_sequential(town_ledgers, tmp_path, monkeypatch):
    from anquan_cli.jobs import letters as letters_job

    _letters(town_ledgers, tmp_path / "seq")
    monkeypatch.setattr(letters_job, "PARALLEL_FROM", 1)
    _letters(town_ledgers, tmp_path / "par")
    seq = sorted(p.name for p in (tmp_path / "seq").glob("*.docx"))
    assert seq and seq == sorted(p.name for p in (tmp_path / "par").glob("*.docx"))
    for name in seq:
        assert text_of(tmp_path / "seq" / name) == text_of(tmp_path / "par" / name)


def test_package_parts_deflated_once_read_back_as_a_zip(tmp_path):
    from anquan_cli.render.package import Package

    parts = [
        ("[Content_Types].xml", b"<Types/>" * 50),
        ("word/document.xml", "<w:document>正文</w:document>".encode()),
        ("word/media/图一.bin", bytes(range(256)) * 40),  # a non-ASCII part name
        ("docProps/empty.xml", b""),
    ]
    package = Package(parts)
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    package.write(first, {"word/document.xml": "<w:document>函</w:document>".encode()})
    package.write(second, {"word/document.xml": "<w:document>函</w:document>".encode()})
    with zipfile.ZipFile(first) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == [name for name, _ in parts]
        assert zf.read("word/document.xml").decode() == "<w:document>函</w:document>"
        assert all(zf.read(name) == raw for name, raw in parts if name != "word/document.xml")
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_DEFLATED}
    assert first.read_bytes() == second.read_bytes()  # no clock in the bytes
    package.write(second, {})
    with zipfile.ZipFile(second) as zf:
        assert zf.read("word/document.xml").decode() == "<w:document>正文</w:document>"


def test_shared_strings_escaped_together_or_one_by_one_alike():
    from anquan_cli.render import xlsx_fast as fx

    plain = ["甲<乙>&丙", " 前导空格", "换行\n", "普通"] * 3
    assert fx._texts(plain) == [fx._text(v) for v in plain]
    odd = [
        *plain,
        "控制\x01字符",
        "字面 _x0041_ 转义",
        "_x",
        "0041_",
        "尾\x1f",
    ]  # escapes, none across values
    assert fx._texts(odd) == [fx._text(v) for v in odd]
    holding_the_separator = [*odd, f"分{fx._JOIN}隔"]  # this one takes the one-by-one path
    assert fx._texts(holding_the_separator) == [fx._text(v) for v in holding_the_separator]
    book = fx.Book()
    values = ["a", "", None, 1.5, float("nan"), float("inf"), 3, True, "a"]
    assert book.fragments(values, fx.WARNING) == [book.fragment(v, fx.WARNING) for v in values]


def test_docx_listing_pass_only_skipped_when_it_would_change_nothing(town_ledgers, tmp_path, monkeypatch):
    """render_docx skips docxtpl's tab/line-break pass when no run text holds one: the document is the
    one the pass would give, and a value with a line break or tab still becomes <w:br/> / <w:tab/>."""
    import re

    from anquan_cli.jobs import letters as letters_job
    from anquan_cli.render import documents

    seen: list[documents.LetterJob] = []
    monkeypatch.setattr(letters_job, "render_all", lambda jobs, config: seen.extend(jobs))
    _letters(town_ledgers, tmp_path / "函告")
    template, context = seen[0].template, seen[0].context
    context = {**context, "title": context["title"].replace("\n", "")}  # a title that fits one line
    skipped = documents.render_docx(template, context, tmp_path / "skipped.docx", Config())
    with monkeypatch.context() as m:
        m.setattr(documents, "_LISTING", re.compile(""))  # always run the pass
        passed = documents.render_docx(template, context, tmp_path / "passed.docx", Config())
    assert _parts(skipped)["word/document.xml"] == _parts(passed)["word/document.xml"]
    assert b"<w:br/>" not in _parts(skipped)["word/document.xml"]

    tricky = {**context, "recipient": "第一行\n第二行\t末尾"}
    broken = documents.render_docx(template, tricky, tmp_path / "broken.docx", Config())
    body = _parts(broken)["word/document.xml"].decode()
    assert "<w:br/>" in body and "<w:tab/>" in body
    assert "第一行\n第二行\t末尾" in _body_shape(broken)[0]


def test_letters_rendered_by_a_worker_equal_letters_rendered_here(tmp_path):
    """monthly hands its letters to a worker process: the same numbers, names and text as here."""
    from anquan_cli.jobs.letters import letter_batch
    from anquan_cli.jobs.report import figures
    from anquan_cli.jobs.workers import workers

    config = Config()
    _, figs = figures([ROOT / "sample_ledgers"], config, as_of=D(2026, 10, 31), month="2026-10")
    options = dict(date=D(2026, 11, 3))
    with letter_batch(figs, config, out_dir=tmp_path / "here", **options) as batch:
        here = batch.finish()
    with (
        workers(1) as pool,
        letter_batch(figs, config, out_dir=tmp_path / "there", pool=pool, **options) as batch,
    ):
        there = batch.finish()
    assert (
        len(here.letters) == 19
    )  # 17, and the two enterprises whose overdue 重大 hazard had brought only their town a 督办函
    assert [e.number for _, e, _ in there.letters] == [e.number for _, e, _ in here.letters]
    names = sorted(p.name for p in (tmp_path / "here").glob("*.docx"))
    assert len(names) == 19 and names == sorted(p.name for p in (tmp_path / "there").glob("*.docx"))
    for name in names:
        assert text_of(tmp_path / "there" / name) == text_of(tmp_path / "here" / name)


def _one_enterprise(tmp_path, *records) -> Path:
    folder = tmp_path / "报送"
    folder.mkdir()
    ledger_file(folder, list(records), name="台账_2026-10.xlsx")
    return folder


def test_an_overdue_general_hazard_alone_brings_no_warning_letter(tmp_path):
    folder = _one_enterprise(tmp_path, hazard("G1", found=D(2026, 10, 2), deadline=D(2026, 10, 10)))
    result = _letters(folder, tmp_path / "函告", dry_run=True)
    assert [lt.kind for lt, _, _ in result.letters] == ["reminder"]


def test_a_major_overdue_hazard_always_brings_a_warning_letter_listing_it_first(tmp_path):
    folder = _one_enterprise(
        tmp_path,
        hazard("G1", found=D(2026, 9, 1), deadline=D(2026, 9, 5), desc="配电箱门损坏"),
        hazard(
            "M1",
            found=D(2026, 10, 20),
            deadline=D(2026, 10, 25),
            desc="液氨储罐无泄漏报警",
            level="重大事故隐患",
        ),
    )
    config = Config.model_validate({"letters": {"major_overdue_order": "依法责令停产整顿并予以立案查处"}})
    result = _letters(folder, tmp_path / "函告", config)
    (warning,) = [lt for lt, _, _ in result.letters if lt.kind == "warning"]
    assert (
        warning.facts[0]
        == "有1项重大事故隐患逾期未整改（液氨储罐无泄漏报警，逾期6天），依法责令停产整顿并予以立案查处；"
    )
    assert [h["hazard_id"] for h in warning.hazards] == ["M1", "G1"]  # 重大 first, though G1 is 56 days late
    text = text_of(next(path for lt, _, path in result.letters if lt.kind == "warning"))
    assert "其中1项重大事故隐患，依法责令停产整顿并予以立案查处，整改验收合格前不得恢复生产。" in text


def test_a_cjk_font_installed_after_matplotlib_made_its_font_list_is_found(monkeypatch):
    """The note says 安装中文字体后重新生成即可: it must hold although matplotlib's cached list predates it."""
    from matplotlib import font_manager

    from anquan_cli.render import chart

    system = [p for p in font_manager.findSystemFonts() if chart.CJK_FILES.search(Path(p).name)]
    if not system:
        pytest.skip("no CJK font on this machine")
    stale = [f for f in font_manager.fontManager.ttflist if f.name not in chart.CJK_FAMILIES]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    chart.cjk_font.cache_clear()
    try:
        assert chart.cjk_font() in chart.CJK_FAMILIES
    finally:
        chart.cjk_font.cache_clear()
