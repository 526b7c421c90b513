"""What the clerk signs (issue 18): every figure of the 通报 equals its source and says its scope,
titles break between words, and the 公文 layout (landscape annex, 附件 before 版记, 信函格式) holds,
read back with python-docx and, where LibreOffice is installed, as pages."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from anquan_cli.analysis.seasons import season_for
from anquan_cli.cli import app
from anquan_cli.core.messages import DOC_TITLES
from anquan_cli.core.text import title_lines

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_ledgers"
runner = CliRunner()


def _json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """The sample county's October: the 通报 and letters as monthly writes them, and the figures the
    stats and overdue commands give for the same inputs."""
    out = tmp_path_factory.mktemp("month") / "10月"
    result = runner.invoke(
        app, ["monthly", str(SAMPLES), "--month", "2026-10", "--out", str(out), "--date", "2026-11-03"]
    )
    assert result.exit_code in (0, 1), result.output
    stats = _json("stats", str(SAMPLES), "--month", "2026-10")
    overdue = _json("overdue", str(SAMPLES), "--as-of", "2026-10-31")
    repeats = _json("repeats", str(SAMPLES), "--as-of", "2026-10-31")
    return out, stats, overdue, repeats


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _section(paragraphs: list[str], head: str, following: str) -> str:
    start = next(i for i, p in enumerate(paragraphs) if p == head)
    end = next(i for i, p in enumerate(paragraphs) if p == following)
    return "".join(paragraphs[start + 1 : end])


def _table(path: Path, first_header: str, column: str) -> list[dict[str, str]]:
    for table in docx.Document(str(path)).tables:
        heads = [c.text for c in table.rows[0].cells]
        if heads[0] == first_header and column in heads:
            return [dict(zip(heads, (c.text for c in row.cells), strict=True)) for row in table.rows[1:]]
    raise AssertionError(f"no table with {first_header} and {column}")


def test_every_figure_of_the_brief_equals_its_source(month):
    out, stats, overdue, repeats = month
    brief = out / "月度通报.docx"
    paragraphs = _paragraphs(brief)
    t, counts = stats["total"], overdue["counts"]
    assert counts["overdue"] == 55 and t["overdue"] == 17  # the contradiction the issue found
    general = _section(paragraphs, "一、总体情况", "二、各镇（街道）情况")
    expected = {
        r"全县共检查企业(\d+)家，其中存在隐患企业(\d+)家": (t["enterprises"], t["enterprises_with_hazards"]),
        r"本月发现隐患(\d+)项，其中重大事故隐患(\d+)项": (t["found"], t["major"]),
        r"本月发现的隐患中，截至2026年10月31日已整改(\d+)项，整改率([\d.]+)%": (
            t["closed"],
            t["rectification_rate"],
        ),
        r"到期应改(\d+)项，按期整改(\d+)项，按期整改率([\d.]+)%": (
            t["due"],
            t["closed_on_time"],
            t["on_time_rate"],
        ),
        r"整改中未到期(\d+)项，已逾期(\d+)项": (t["not_due"], t["overdue"]),
        # the headline overdue figure is the cumulative one the annex lists
        r"截至2026年10月31日，全县累计逾期未整改隐患(\d+)项（其中本月发现的(\d+)项、以前月份发现的(\d+)项），"
        r"其中重大事故隐患(\d+)项": (
            counts["overdue"],
            t["overdue"],
            counts["overdue"] - t["overdue"],
            counts["major_overdue"],
        ),
        r"近365天内屡查屡有问题(\d+)组": (len(repeats["groups"]),),
    }
    for pattern, values in expected.items():
        m = re.search(pattern, general)
        assert m, pattern
        assert tuple(float(g) if "." in g else int(g) for g in m.groups()) == values, pattern
    # 另有N行数据未计入统计: the rows the stats leave out, stated in the month's text too
    m = re.search(r"另有(\d+)行数据未计入统计", general)
    assert m and int(m.group(1)) == stats["excluded_rows"]

    major = _section(paragraphs, "五、重大事故隐患整改情况", "六、逾期未整改隐患")
    assert f"本月发现重大事故隐患{t['major']}项，已整改{t['major_closed']}项" in major
    assert f"全县逾期未整改的重大事故隐患共{counts['major_overdue']}项" in major
    late = _section(paragraphs, "六、逾期未整改隐患", "七、屡查屡有问题")
    assert (
        f"全县累计逾期未整改隐患共{counts['overdue']}项（含以前月份发现的），其中重大事故隐患{counts['major_overdue']}项"
        in late
    )
    again = _section(paragraphs, "七、屡查屡有问题", "八、台账报送质量")
    assert f"共有{len(repeats['groups'])}组同类问题" in again

    # the town and industry tables: this month's figures per row, the cumulative column adds up to the list
    towns = _table(brief, "排名", "累计逾期")
    by_name = {r["name"]: r for r in stats["rows"]}
    for row in towns:
        source = by_name[row["镇（街道）"]]
        assert int(row["发现隐患"]) == source["found"] and int(row["累计逾期"]) == source["overdue_all"]
    assert sum(int(r["累计逾期"]) for r in towns) == counts["overdue"] == t["overdue_all"]
    industries = _table(brief, "行业领域", "累计逾期")
    assert sum(int(r["累计逾期"]) for r in industries) == counts["overdue"]
    annex = _table(brief, "序号", "等级")
    assert len(annex) == counts["overdue"]
    assert sum(r["等级"] == "重大" for r in annex) == counts["major_overdue"]
    assert {r["等级"] for r in annex} <= {"一般", "重大"}


def test_the_reminder_and_the_stats_workbook_quote_the_cumulative_overdue_figure(month):
    out, stats, overdue, _ = month
    from openpyxl import load_workbook

    reminder = next((out / "函告").glob("*_提醒函_*.docx"))
    text = "".join(_paragraphs(reminder))
    assert f"截至2026年10月31日，全县累计逾期未整改隐患{overdue['counts']['overdue']}项" in text
    assert f"2026年10月，全县共发现安全生产隐患{stats['total']['found']}项" in text
    sheet = load_workbook(out / "统计汇总.xlsx", read_only=True)["按镇街"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    head = rows[2]
    assert "累计逾期未整改" in head and "逾期未整改" in head
    assert "累计逾期未整改" in rows[1][0]  # the subtitle says what the column counts
    total = next(r for r in rows if r[1] == "合计")
    assert total[head.index("累计逾期未整改")] == overdue["counts"]["overdue"]
    assert total[head.index("逾期未整改")] == stats["total"]["overdue"]


# --- titles ----------------------------------------------------------------------------------------


TITLES = [
    DOC_TITLES["brief"].format(month_label="2026年10月"),
    DOC_TITLES["brief"].format(month_label="2026年1月"),
    DOC_TITLES["warning"].format(recipient="利民家具有限公司"),
    DOC_TITLES["warning"].format(recipient="示例县天成建材有限公司"),
    DOC_TITLES["warning"].format(recipient="示例县XYZ精密机械制造股份有限公司第二分厂"),
    DOC_TITLES["supervision"].format(town="示例经济开发区管理委员会"),
    DOC_TITLES["supervision"].format(town="南关街道"),
    *(DOC_TITLES["reminder"].format(season=season_for(m, {}, {})[0]) for m in range(1, 13)),
]


def _check_lines(title: str, broken: str, width: float = 20) -> None:
    lines = broken.split("\n")
    assert "".join(lines) == title
    widths = [sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in line) for line in lines]
    assert max(widths) <= width
    if len(lines) > 1:
        assert min(len(line) for line in lines) >= 3  # never a line of one or two characters
        for a, b in itertools.pairwise(lines):  # never inside a number
            assert not (a[-1].isdigit() and b[0].isdigit())


@pytest.mark.parametrize("title", TITLES)
def test_titles_break_between_words_into_balanced_lines(title):
    broken = title_lines(title)
    _check_lines(title, broken)
    if len(title) > 20:
        lines = broken.split("\n")
        assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 6


def test_known_titles_break_where_a_reader_would():
    assert title_lines(TITLES[0]) == "关于2026年10月全县安全生产\n隐患排查整治情况的通报"
    assert title_lines(TITLES[2]) == "关于利民家具有限公司\n安全生产隐患问题的警示函"
    assert title_lines(TITLES[5]) == "关于督促示例经济开发区管理委员会\n加快逾期未整改隐患整改的督办函"


@given(
    st.text(
        alphabet="安全生产隐患企业公司有限机械加工镇街道办事处关于的警示函0123456789ABC",
        min_size=1,
        max_size=60,
    )
)
def test_any_title_is_broken_into_lines_that_fit(text):
    broken = title_lines(text)
    assert broken.replace("\n", "") == text.strip()
    lines = broken.split("\n")
    if len(lines) > 1:
        assert max(sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in line) for line in lines) <= 20


def test_the_reminder_over_twelve_months_reads_as_chinese(tmp_path):
    """Seasonal texts are data: for a report in each month, the reminder names the coming period once,
    with no word doubled, and each risk is a topic and a sentence."""
    titles = set()
    for report_month in range(1, 13):
        coming = report_month % 12 + 1
        season, risks = season_for(coming, {}, {})
        title = DOC_TITLES["reminder"].format(season=season)
        titles.add(title)
        assert re.fullmatch(r"关于做好\w+安全防范工作的提醒函", title)
        for doubled in ("安全安全", "防范防范", "工作工作", "季季", "期期"):
            assert doubled not in title
        assert not season.endswith(("安全", "防范", "工作"))
        assert len(risks) >= 3
        for risk in risks:
            assert risk["topic"] and not risk["topic"].endswith("。")
            assert risk["text"].endswith("。") and len(risk["text"]) >= 15
    assert len(titles) == 6  # one period every two months
    # a county's own period name written as a task is not doubled either
    season, _ = season_for(11, {"11": "冬季防火和燃气安全"}, {})
    assert "安全安全" not in DOC_TITLES["reminder"].format(season=season)


# --- layout ----------------------------------------------------------------------------------------


def _borders(paragraph) -> dict[str, str]:
    ppr = paragraph._p.pPr
    found = {}
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        for edge in ppr.find(qn("w:pBdr")):
            found[edge.tag.split("}")[1]] = edge.get(qn("w:val"))
    return found


def test_brief_layout_annex_landscape_before_the_colophon_on_an_even_page(month):
    out, *_ = month
    document = docx.Document(str(out / "月度通报.docx"))
    sections = document.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    assert sections[1].page_width > sections[1].page_height
    assert sections[2].start_type == WD_SECTION.EVEN_PAGE
    texts = [p.text for p in document.paragraphs]
    order = [
        texts.index("附件：逾期未整改隐患清单"),
        texts.index("示例县安全生产委员会办公室", 3),  # the signature, after the heading's mark
        texts.index("附件"),
        next(i for i, t in enumerate(texts) if t.startswith("抄送：")),
    ]
    assert order == sorted(order)  # 附件说明, signature, 附件, then 版记
    colophon = [p for p in document.paragraphs if p.style.name == "版记"]
    assert colophon[0].paragraph_format.space_before.mm > 150  # at the foot of its page
    annex = next(t for t in document.tables if t.rows[0].cells[0].text == "序号")
    assert annex.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeated on each page
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in annex.rows)
    assert all(c.text in ("一般", "重大") for c in annex.columns[5].cells[1:])
    assert re.fullmatch(r"\S+月 第\d+行", annex.rows[1].cells[-1].text)  # short source reference
    title = next(p for p in document.paragraphs if p.style.name == "公文标题")
    assert title.text == "关于2026年10月全县安全生产\n隐患排查整治情况的通报"


def test_letters_use_the_letter_format(month):
    out, *_ = month
    for path in sorted((out / "函告").glob("*.docx")):
        document = docx.Document(str(path))
        mark, number = document.paragraphs[0], document.paragraphs[1]
        assert mark.text == "示例县安全生产委员会办公室"
        assert _borders(mark) == {"bottom": "thickThinSmallGap"}  # red double line, thick over thin
        assert re.fullmatch(r"示例安办函〔2026〕[1-9]\d*号", number.text)
        assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
        first = document.sections[0]
        assert first.different_first_page_header_footer
        assert _borders(first.first_page_footer.paragraphs[0]) == {"top": "thinThickSmallGap"}
        assert all(not s.different_first_page_header_footer for s in document.sections[1:])
        last = document.sections[-1]
        assert last.start_type == WD_SECTION.EVEN_PAGE
        colophon = [p.text for p in document.paragraphs if p.style.name == "版记"]
        assert len(colophon) == 1 and colophon[0].startswith("抄送：")  # no 印发 line in a 函
        if "提醒函" not in path.name:
            assert document.sections[1].orientation == WD_ORIENT.LANDSCAPE


def _pdf(docx_path: Path, folder: Path) -> Path:
    """The document as LibreOffice prints it, converted as `brief -o x.pdf` converts it."""
    from anquan_cli.render.documents import office_converter, to_pdf

    converter = office_converter()
    assert converter is not None
    target = folder / f"{docx_path.stem}.pdf"
    to_pdf(converter, docx_path, target)
    return target


def _pages(pdf: Path) -> list[tuple[bool, str]]:
    """(landscape, text) of each page."""
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True)
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    return [(float(w) > float(h), pages[i]) for i, (w, h) in enumerate(sizes)]


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice or poppler missing",
)
def test_the_sample_documents_as_pages(month, tmp_path):
    out, _, overdue, _ = month
    pages = _pages(_pdf(out / "月度通报.docx", tmp_path))
    annex = [i for i, (landscape, _) in enumerate(pages) if landscape]
    # the 55-row annex on landscape pages in one run, about a third of the 12 portrait pages it took
    assert annex and annex == list(range(annex[0], annex[-1] + 1)) and len(annex) <= 5
    assert "附件" in pages[annex[0]][1] and "逾期未整改隐患清单" in pages[annex[0]][1]
    assert all("序号" in text for _, text in (pages[i] for i in annex))  # header on every page
    assert not pages[-1][0] and "抄送" in pages[-1][1] and "印发" in pages[-1][1]
    signature = max(i for i, (_, text) in enumerate(pages) if "附件：逾期未整改隐患清单" in text)
    assert signature < annex[0]
    assert overdue["counts"]["overdue"] == 55
    for letter in sorted((out / "函告").glob("*.docx"))[:3]:
        pages = _pages(_pdf(letter, tmp_path))
        assert "抄送" in pages[-1][1] and not pages[-1][0]
        assert "示例安办函" in pages[0][1]


def _brief(folder: Path, name: str, month: str = "2026-10", config: Path | None = None) -> list[str]:
    args = ["brief", str(SAMPLES), "--month", month, "-o", str(folder / name), "--date", "2026-11-03"]
    result = runner.invoke(app, [*args, *(["--config", str(config)] if config else [])])
    assert result.exit_code == 0, result.output
    return _paragraphs(folder / name)


def test_the_brief_head_is_a_bulletin_by_default(tmp_path):
    head = _brief(tmp_path, "通报.docx")[:3]
    assert head == ["安全生产工作简报", "2026年第10期", "示例县安全生产委员会办公室\t2026年11月3日"]


def test_the_brief_as_a_document_takes_its_own_number_from_the_register(tmp_path):
    config = tmp_path / "anquan.toml"
    config.write_text('[brief]\nhead = "文件"\n', encoding="utf-8")
    october = _brief(tmp_path, "10月.docx", config=config)
    assert october[0] == "示例县安全生产委员会办公室文件" and october[2] == "示例安办发〔2026〕1号"
    assert (
        _brief(tmp_path, "10月再次.docx", config=config)[2] == "示例安办发〔2026〕1号"
    )  # re-run: same number
    assert _brief(tmp_path, "9月.docx", month="2026-09", config=config)[2] == "示例安办发〔2026〕2号"
    # its own register beside anquan.toml; the letters' numbering (示例安办函) is not touched
    assert (tmp_path / "发文登记簿_示例安办发_2026.xlsx").is_file()
    assert not (tmp_path / "发文登记簿_示例安办函_2026.xlsx").exists()


def test_the_coverage_figures_of_the_brief_are_the_coverage_command_s(month):
    out, *_ = month
    report = _json("coverage", str(SAMPLES), "--month", "2026-10")
    c = report["counts"]
    paragraphs = _paragraphs(out / "月度通报.docx")
    text = _section(paragraphs, "三、排查覆盖情况", "四、行业领域情况")
    assert f"对照生产经营单位底数（{c['roster']}家）" in text
    assert f"全县应排查企业{c['working']}家" in text and f"实际排查{c['inspected']}家" in text
    assert f"排查覆盖率{report['rate']:.1f}%；应查未查{c['uninspected']}家" in text
    towns = _table(out / "月度通报.docx", "镇（街道）", "应排查企业")
    assert sum(int(r["应排查企业"]) for r in towns) == c["working"]
    assert sum(int(r["应查未查"]) for r in towns) == c["uninspected"]
    assert (c["roster"], c["working"], c["inspected"], c["uninspected"], c["not_on_roster"]) == (
        120,
        115,
        69,
        46,
        3,
    )
