"""Build official-document templates (GB/T 9704-2012 党政机关公文格式) from a small block language.

One list of blocks gives both the Word template (.docx with docxtpl tags) and its Markdown twin
(.md.j2), so the wording lives in one place. scripts/build_templates.py holds the blocks; the renderer
applies the county's layout (margins, fonts) from anquan.toml to every generated document.

Blocks: ("mark", text) issuing-authority mark in red; ("rule",) red separator line; ("number", text)
发文字号; ("title", text); ("to", text) 主送; ("p", text) body paragraph; ("h1"|"h2", text) headings
(黑体, 楷体); ("for", expr) / ("endfor",) / ("if", expr) / ("else",) / ("endif",) paragraph-level tags;
("split", left, right) one line with text flush left and flush right;
("table", [(head, cell expr, width mm)], loop expr); ("image", var); ("attach", text) 附件说明;
("hp"|"h2p", head, text) a paragraph opening with a 黑体 (楷体) phrase; ("sign", text) 落款; ("date", text) 成文日期; ("colophon", cc, printed) 抄送/印发 block;
("break",) page break; ("annex", text) 附件 mark on the annex page; ("blank",).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Layout:
    """Page and type per GB/T 9704-2012; counties adjust these in anquan.toml [document]."""

    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    body_font: str = "仿宋_GB2312"
    title_font: str = "方正小标宋简体"
    heading1_font: str = "黑体"
    heading2_font: str = "楷体_GB2312"
    page_number_font: str = "宋体"
    latin_font: str = "Times New Roman"
    body_pt: float = 16.0  # 3号
    title_pt: float = 22.0  # 2号
    colophon_pt: float = 14.0  # 4号
    table_pt: float = 12.0  # 小4号
    annex_table_pt: float = 10.5  # 五号: a landscape annex of dozens of rows stays a few pages
    line_pt: float = 28.95  # 22 lines in the 225 mm text block
    mark_color: str = "FF0000"
    styles: dict = field(default_factory=dict, compare=False, repr=False)


def layout_of(document) -> Layout:
    """The county's [document] settings (core.config.Document) as the page and type to apply."""
    return Layout(**{k: v for k, v in document.model_dump().items() if k != "templates"})


STYLE_NAMES = (
    "公文标题",
    "发文机关标志",
    "发文字号",
    "主送",
    "一级标题",
    "二级标题",
    "落款",
    "成文日期",
    "附件说明",
    "版记",
    "表格文字",
    "附表文字",
    "附件标识",
)


def _east_asian(rpr_owner, font: str, latin: str) -> None:
    """Word ignores Latin font names for Chinese text: set w:eastAsia explicitly."""
    from docx.oxml.ns import qn

    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", font), ("w:cs", latin)):
        fonts.set(qn(attr), value)


def _indent_chars(pf_owner, first: int = 0, left: int = 0, right: int = 0, pt: float = 16.0) -> None:
    """Indents in characters (w:firstLineChars, which Word and WPS honour) and the same in twips for
    LibreOffice, as Chinese documents are measured in characters."""
    from docx.oxml.ns import qn

    ppr = pf_owner.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = ppr.makeelement(qn("w:ind"), {})
        ppr.append(ind)
    for attr, chars in (("firstLine", first), ("left", left), ("right", right)):
        if chars:
            ind.set(qn(f"w:{attr}Chars"), str(chars * 100))
            ind.set(qn(f"w:{attr}"), str(round(chars * pt * 20)))


def apply_layout(doc, layout: Layout) -> None:
    """Page size, margins and every style's fonts and sizes (also on documents rendered from templates)."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    for section in doc.sections:
        if section.orientation == WD_ORIENT.LANDSCAPE:
            # A wide annex turned a quarter: the same 156 x 225 mm text block on its side.
            section.page_width, section.page_height = Mm(297), Mm(210)
            section.top_margin, section.bottom_margin = Mm(layout.left_mm), Mm(layout.right_mm)
            section.left_margin, section.right_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
            section.footer_distance = Mm(max(layout.right_mm - 7 - 5, 5))
            continue
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(layout.top_mm), Mm(layout.bottom_mm)
        section.left_margin, section.right_margin = Mm(layout.left_mm), Mm(layout.right_mm)
        # the page number sits about 7 mm below the text block (GB/T 9704 7.5)
        section.footer_distance = Mm(max(layout.bottom_mm - 7 - 5, 5))
    fonts = {
        "Normal": (layout.body_font, layout.body_pt),
        "公文标题": (layout.title_font, layout.title_pt),
        "发文机关标志": (layout.title_font, layout.title_pt + 4),
        "一级标题": (layout.heading1_font, layout.body_pt),
        "二级标题": (layout.heading2_font, layout.body_pt),
        "版记": (layout.body_font, layout.colophon_pt),
        "表格文字": (layout.body_font, layout.table_pt),
        "附表文字": (layout.body_font, layout.annex_table_pt),
        "附件标识": (layout.heading1_font, layout.body_pt),
    }
    for style in doc.styles:
        if style.type != 1 or style.name not in (*fonts, *STYLE_NAMES, "Footer"):  # paragraph styles we own
            continue
        font, size = fonts.get(style.name, (layout.body_font, layout.body_pt))
        if style.name == "Footer":
            font, size = layout.page_number_font, layout.colophon_pt
        style.font.size = Pt(size)
        _east_asian(style.element, font, layout.latin_font)
        pf = style.paragraph_format
        if style.name == "附表文字":  # a fixed line, so every viewer (and font) gives the same rows a page
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(layout.annex_table_pt + 3)
        elif style.name not in ("表格文字", "Footer", "公文标题", "发文机关标志"):
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(layout.line_pt)
    colophon_spacing(doc, layout)


def build(blocks: list[tuple], layout: Layout, docx_path: Path, md_path: Path, *, core_title: str) -> None:
    """Write the .docx template and its Markdown twin from one block list."""
    docx_path.parent.mkdir(parents=True, exist_ok=True)
    doc = _new_document(layout, core_title)
    md: list[str | None] = []
    for block in blocks:
        _docx_block(doc, block, layout)
        md.append(_md_block(block))
    doc.save(str(docx_path))
    md_path.write_text("\n".join(x for x in md if x is not None).rstrip() + "\n", encoding="utf-8")


def _new_document(layout: Layout, title: str):
    import datetime as dt

    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "anquan", "anquan"
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    normal = doc.styles["Normal"]
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _indent_chars(normal.element, first=2)
    align = {
        "公文标题": WD_ALIGN_PARAGRAPH.CENTER,
        "发文机关标志": WD_ALIGN_PARAGRAPH.CENTER,
        "发文字号": WD_ALIGN_PARAGRAPH.CENTER,
        "主送": WD_ALIGN_PARAGRAPH.LEFT,
        "落款": WD_ALIGN_PARAGRAPH.RIGHT,
        "成文日期": WD_ALIGN_PARAGRAPH.RIGHT,
        "附件标识": WD_ALIGN_PARAGRAPH.LEFT,
        "表格文字": WD_ALIGN_PARAGRAPH.CENTER,
        "附表文字": WD_ALIGN_PARAGRAPH.CENTER,
    }
    for name in STYLE_NAMES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        pf = style.paragraph_format
        if name in align:
            pf.alignment = align[name]
        if name in (
            "公文标题",
            "发文机关标志",
            "发文字号",
            "主送",
            "落款",
            "成文日期",
            "版记",
            "表格文字",
            "附表文字",
            "附件标识",
        ):
            _indent_chars(style.element)  # no first-line indent
            pf.first_line_indent = Pt(0)
        if name in ("落款", "成文日期"):
            _indent_chars(style.element, right=4)  # 右空四字
        if name == "附件说明":
            _indent_chars(style.element, first=2)
        if name == "版记":
            _indent_chars(style.element, left=1, right=1)
        if name == "发文机关标志":
            style.font.color.rgb = RGBColor.from_string(layout.mark_color)
        if name in ("表格文字", "附表文字"):
            pf.line_spacing = 1.0
        if name == "附件标识":
            pf.page_break_before = True
        if name in ("一级标题", "二级标题", "公文标题"):
            pf.keep_with_next = True  # a heading never stays alone at the foot of a page
    apply_layout(doc, layout)
    _page_numbers(doc, layout)
    return doc


def _page_numbers(doc, layout: Layout) -> None:
    """ "— 1 —" in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, alignment, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left"),
    ):
        p = footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.alignment = alignment
        _indent_chars(p._p, **{side: 1})
        p.add_run("— ")
        run = p.add_run()
        for tag, attrs, text in (
            ("w:fldChar", {"w:fldCharType": "begin"}, None),
            ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
            ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ):
            el = run._r.makeelement(qn(tag), {qn(k): v for k, v in attrs.items()})
            if text:
                el.text = text
            run._r.append(el)
        p.add_run("1")
        end = p.add_run()
        end._r.append(end._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"}))
        p.add_run(" —")


def _border(paragraph, edge: str, color: str, size: int = 12, style: str = "single") -> None:
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = ppr.makeelement(qn("w:pBdr"), {})
        ppr.append(borders)
    el = borders.makeelement(
        qn(f"w:{edge}"),
        {
            qn("w:val"): style,
            qn("w:sz"): str(size),
            qn("w:space"): "1",
            qn("w:color"): color,
        },
    )
    borders.append(el)


def _docx_block(doc, block: tuple, layout: Layout) -> None:
    kind, *args = block
    styles = {
        "mark": "发文机关标志",
        "number": "发文字号",
        "title": "公文标题",
        "to": "主送",
        "h1": "一级标题",
        "h2": "二级标题",
        "attach": "附件说明",
        "sign": "落款",
        "date": "成文日期",
        "annex": "附件标识",
        "p": "Normal",
    }
    if kind == "number" and len(args) > 1:  # 信函格式: 发文字号 flush right under the double line
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        doc.add_paragraph(args[0], style="发文字号").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif kind == "annex" and _landscape(doc):
        # the section break before it already starts a page; a page break too could leave one blank
        doc.add_paragraph(args[0], style="附件标识").paragraph_format.page_break_before = False
    elif kind in styles:
        doc.add_paragraph(args[0], style=styles[kind])
    elif kind == "letterhead":
        _letterhead(doc, args[0], layout)
    elif kind == "landscape":
        _new_section(doc, landscape=True)
    elif kind in (
        "hp",
        "h2p",
    ):  # "一、立即整改。" in 黑体 (（一） in 楷体), then the sentence in the body font
        paragraph = doc.add_paragraph("", style="Normal")
        head = paragraph.add_run(args[0])
        font = layout.heading1_font if kind == "hp" else layout.heading2_font
        _east_asian(head._r, font, layout.latin_font)
        paragraph.add_run(args[1])
    elif kind == "blank":
        doc.add_paragraph("", style="主送")
    elif kind == "rule":
        _border(doc.add_paragraph("", style="主送"), "bottom", layout.mark_color, 18)
    elif kind in ("for", "if"):
        doc.add_paragraph(f"{{%p {kind} {args[0]} %}}", style="主送")
    elif kind in ("else", "endfor", "endif"):
        doc.add_paragraph(f"{{%p {kind} %}}", style="主送")
    elif kind == "split":  # 简报: the issuing office flush left, the date flush right, on one line
        from docx.enum.text import WD_TAB_ALIGNMENT
        from docx.shared import Mm

        paragraph = doc.add_paragraph(args[0], style="主送")
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(210 - layout.left_mm - layout.right_mm), WD_TAB_ALIGNMENT.RIGHT
        )
        paragraph.add_run().add_tab()
        paragraph.add_run(args[1])
    elif kind == "image":
        doc.add_paragraph(f"{{{{ {args[0]} }}}}", style="表格文字")
    elif kind == "break":
        pass  # the 附件 mark that follows starts its page itself (an empty break paragraph could add a blank page)
    elif kind == "colophon":
        # 版记 at the foot of the last page, an even one (the back of the last sheet): a section of
        # its own that starts on an even page, its text aligned to the bottom of the page.
        from docx.shared import Mm

        _new_section(doc, landscape=False, even=True)
        cc, printed = (*args, None) if len(args) == 1 else args
        first = doc.add_paragraph(cc, style="版记")
        first.paragraph_format.space_before = Mm(1)  # the mark colophon_spacing() sets the page's foot by
        if printed is None:  # 信函格式: 抄送 alone, without 印发 line or rules (GB/T 9704 10.2)
            colophon_spacing(doc, layout)
            return
        _border(first, "top", "000000", 8)
        last = doc.add_paragraph(printed, style="版记")
        _border(last, "top", "000000", 4)
        _border(last, "bottom", "000000", 8)
        colophon_spacing(doc, layout)
    elif kind == "table":
        if _landscape(doc):
            width, style = 297 - layout.top_mm - layout.bottom_mm, "附表文字"
        else:
            width, style = 210 - layout.left_mm - layout.right_mm, "表格文字"
        _table(doc, *args, text_width_mm=width, style=style)
    else:
        raise ValueError(f"unknown block {kind}")


def colophon_spacing(doc, layout: Layout) -> None:
    """The 版记 stands alone on its page: space above it brings it to the foot of the text block. Word
    would also honour the section's bottom alignment, LibreOffice does not; the space works in both,
    and leaves two lines spare for a 抄送 line that wraps."""
    from docx.shared import Pt

    lines = [p for p in doc.paragraphs if p.style is not None and p.style.name == "版记"]
    if not lines or not lines[0].paragraph_format.space_before:
        return
    line_mm = layout.line_pt * 25.4 / 72
    free = 297 - layout.top_mm - layout.bottom_mm - (len(lines) + 2) * line_mm
    lines[0].paragraph_format.space_before = Pt(max(free, 1) * 72 / 25.4)


def _landscape(doc) -> bool:
    from docx.enum.section import WD_ORIENT

    return doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE


def _new_section(doc, *, landscape: bool, even: bool = False) -> None:
    """End the current section at the last paragraph and go on in a new one: a landscape page for a
    wide annex, or (even) the page of the 版记, the bottom of the next even page."""
    import copy

    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Mm

    body = doc.element.body
    last = body[-2] if len(body) > 1 else None  # body[-1] is the sectPr
    if last is None or last.tag != qn("w:p") or "{%" in "".join(last.itertext()):
        # a table, or a docxtpl tag paragraph that rendering removes with everything in it
        last = doc.add_paragraph("", style="主送")._p
    last.get_or_add_pPr().append(copy.deepcopy(body.sectPr))
    section = doc.sections[-1]
    section.start_type = WD_SECTION.EVEN_PAGE if even else WD_SECTION.NEW_PAGE
    section.different_first_page_header_footer = False  # the 信函 first-page footer is page 1's only
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    sect = section._sectPr
    for old in sect.findall(qn("w:vAlign")):
        sect.remove(old)
    if even:
        v_align = sect.makeelement(qn("w:vAlign"), {qn("w:val"): "bottom"})
        later = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")
        anchor = next((el for el in sect if el.tag in {qn(t) for t in later}), None)
        if anchor is None:
            sect.append(v_align)
        else:
            anchor.addprevious(v_align)


def _letterhead(doc, office: str, layout: Layout) -> None:
    """信函格式 (GB/T 9704 10.2): the issuing authority's name in red, a red double line below it (thick
    over thin), and on the first page only, a red double line near the foot (thin over thick) and no
    page number."""
    mark = doc.add_paragraph(office, style="发文机关标志")
    _border(mark, "bottom", layout.mark_color, 24, style="thickThinSmallGap")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    foot = section.first_page_footer.paragraphs[0]
    foot.style = doc.styles["Footer"]
    _border(foot, "top", layout.mark_color, 24, style="thinThickSmallGap")


def _table(
    doc, columns: list[tuple[str, str, int]], loop: str, *, text_width_mm: float, style: str = "表格文字"
) -> None:
    """Header row (repeated on every page), the docxtpl row loop, widths scaled to the text block."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(w for _, _, w in columns)
    # a body table shrinks to the text block; an annex table fills its landscape page
    scale = text_width_mm / total if style == "附表文字" else min(1.0, text_width_mm / total)
    for c, (head, expr, width) in enumerate(columns):
        table.columns[c].width = Mm(width * scale)
        for row in table.rows:
            row.cells[c].width = Mm(width * scale)
        cells = [row.cells[c].paragraphs[0] for row in table.rows]
        cells[0].text = head
        cells[2].text = f"{{{{ {expr} }}}}"
        for p in cells:
            p.style = doc.styles[style]
        cells[0].runs[0].bold = True
        if width >= 30:  # long text (names, descriptions) reads better left-aligned
            cells[2].alignment = WD_ALIGN_PARAGRAPH.LEFT
    if style == "附表文字":  # narrow cell margins (1 mm, not Word's 1.9 mm): a column more on the page
        tbl_pr = table._tbl.tblPr
        margins = tbl_pr.makeelement(qn("w:tblCellMar"), {})
        for side in ("left", "right"):
            margins.append(margins.makeelement(qn(f"w:{side}"), {qn("w:w"): "57", qn("w:type"): "dxa"}))
        tbl_pr.append(margins)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))  # repeated on each page
    for row in table.rows[:3]:  # a row (the loop's row is copied per item) never splits across pages
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.insert(0, tr_pr.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
    table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for {loop} %}}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    doc.add_paragraph("", style="主送")


def _md_block(block: tuple) -> str | None:
    kind, *args = block
    if kind == "mark":
        return f"**{args[0]}**\n"
    if kind == "rule":
        return "---\n"
    if kind == "title":
        # a title broken for the page (\n between its lines) is one line in Markdown
        text = re.sub(r"\{\{ (\w+) \}\}", r"{{ \1|replace('\\n', '') }}", args[0])
        return f"# {text}\n"
    if kind == "letterhead":
        return f"**{args[0]}**\n\n---\n"
    if kind == "landscape":
        return "\n---\n"
    if kind in ("number", "to", "attach", "annex"):
        return f"{args[0]}\n"
    if kind in ("sign", "date"):
        return f'<div align="right">{args[0]}</div>\n'
    if kind == "h1":
        return f"## {args[0]}\n"
    if kind == "h2":
        return f"### {args[0]}\n"
    if kind == "p":
        return f"　　{args[0]}\n"
    if kind in ("hp", "h2p"):
        return f"　　**{args[0]}**{args[1]}\n"
    if kind in ("for", "if"):
        return f"{{% {kind} {args[0]} %}}"
    if kind in ("else", "endfor", "endif"):
        return f"{{% {kind} %}}"
    if kind == "split":
        return f"{args[0]}　　　　{args[1]}\n"
    if kind == "image":
        return f"{{% if {args[0]}_path %}}![]({{{{ {args[0]}_path }}}}){{% endif %}}\n"
    if kind == "blank":
        return ""
    if kind == "break":
        return "\n---\n"
    if kind == "colophon":
        return f"---\n\n{args[0]}\n" + (f"\n{args[1]}\n" if len(args) > 1 else "")
    if kind == "table":
        columns, loop = args
        head = "| " + " | ".join(h for h, _, _ in columns) + " |"
        rule = "|" + "---|" * len(columns)
        row = "| " + " | ".join(f"{{{{ {e} }}}}" for _, e, _ in columns) + " |"
        return f"{head}\n{rule}\n{{% for {loop} %}}{row}\n{{% endfor %}}"
    raise ValueError(f"unknown block {kind}")
