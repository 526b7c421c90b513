"""A small, fast OOXML workbook writer for the marked-up copies of big ledgers and the printable lists.

xlsxwriter spends ~20 µs on every cell; a county-year ledger has millions. Here a column's distinct
values are turned into cell XML once and placed by row, so the cost per cell is one string format.
Only what those need: shared strings, a fixed style table (the copies' and the lists'), merges, a
frozen header, column widths, internal hyperlinks, autofilter, print setup and cell comments (with the
VML Excel needs to show them).
Every string is written as text (t="s"): nothing a ledger holds can become a formula.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

# Style ids, in the order of CELL_XFS below.
PLAIN, DATE, HEADER, ERROR, ERROR_DATE, WARNING, WARNING_DATE, TITLE, LINK, SEV_ERROR, SEV_WARNING, WRAP = (
    range(12)
)
# The printable lists (render.lists): bordered, wrapped, vertically centred 宋体 10.
LIST = {
    "text": 12,
    "num": 13,
    "pct": 14,
    "date": 15,
    "head": 16,
    "major": 17,
    "major_num": 18,
    "major_date": 19,
    "total": 20,
    "total_num": 21,
    "total_pct": 22,
    "title": 23,
    "sub": 24,
}

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_INF = float("inf")


def _text(value: str) -> str:
    """XML text for a cell string: control characters as OOXML _xHHHH_ escapes, a literal "_x…_" kept."""

    def repl(m: re.Match) -> str:
        s = m.group(0)
        return f"_x{ord(s):04X}_" if len(s) == 1 else f"_x005F_{s[1:]}" if s.startswith("_x") else s

    return escape(_ILLEGAL.sub(repl, value))


_JOIN = "\ufdd0"  # a noncharacter: in no ledger, and neither escaped nor part of an "_x…_" match


def _texts(values: list[str]) -> list[str]:
    """_text of each string, done on all of them joined: two passes in C instead of two per string.
    The separator must not occur in any value, which is checked."""
    joined = _JOIN.join(values)
    if len(values) < 2 or joined.count(_JOIN) != len(values) - 1:
        return [_text(v) for v in values]
    return _text(joined).split(_JOIN)


def display_width(text: str) -> int:
    """Width in Excel's column units (one "0"): a CJK character takes two.

    Counted from the UTF-8 length, which is done in C: one byte for ASCII, three for CJK.
    """
    return (len(text) + len(text.encode("utf-8", "surrogatepass")) + 1) // 2


def column_letters(n: int) -> list[str]:
    out = []
    for i in range(n):
        letters, k = "", i + 1
        while k:
            k, rem = divmod(k - 1, 26)
            letters = chr(65 + rem) + letters
        out.append(letters)
    return out


@dataclass
class Sheet:
    name: str
    rows: Iterable[str] = field(default_factory=list)  # <row> elements in order (a generator is fine)
    widths: dict[int, float] = field(default_factory=dict)
    merges: list[str] = field(default_factory=list)
    freeze_row: int = 0  # rows above the split
    hyperlinks: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, location, display)
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # (row0, col0, text)
    autofilter: str | None = None
    print_titles: tuple[int, int] | None = None  # 1-based rows repeated on every printed page
    active: bool = False


class Book:
    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._strings: dict[str, int] = {}

    def sheet(self, name: str) -> Sheet:
        s = Sheet(name)
        self.sheets.append(s)
        return s

    def string(self, value: str) -> int:
        index = self._strings.get(value)
        if index is None:
            index = self._strings[value] = len(self._strings)
        return index

    def cell(self, ref: str, value, style: int = PLAIN) -> str:
        """One <c> element for a Python value (str, number, bool, date, datetime); "" for a plain blank."""
        fragment = self.fragment(value, style)
        return f'<c r="{ref}"{fragment}' if fragment else ""

    def fragment(self, value, style: int = PLAIN) -> str:
        """A cell's XML after its reference, so a column's distinct values are formatted once."""
        if value is None or value == "":
            return f' s="{style}"/>' if style != PLAIN else ""
        if isinstance(value, str):
            return f' s="{style}" t="s"><v>{self.string(value)}</v></c>'
        if isinstance(value, bool):
            return f' s="{style}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, int | float):
            if value != value or value in (float("inf"), float("-inf")):
                return f' s="{style}" t="s"><v>{self.string(str(value))}</v></c>'
            return f' s="{style}"><v>{value!r}</v></c>'
        if isinstance(value, dt.datetime | dt.date):
            serial = excel_serial(value)
            if serial is None:
                return f' s="{style}" t="s"><v>{self.string(str(value))}</v></c>'
            date_style = {PLAIN: DATE, ERROR: ERROR_DATE, WARNING: WARNING_DATE}.get(style, style)
            return f' s="{date_style}"><v>{serial!r}</v></c>'
        return f' s="{style}" t="s"><v>{self.string(str(value))}</v></c>'

    def fragments(self, values: Iterable, style: int = PLAIN) -> list[str]:
        """fragment() of each value, with text (nearly every distinct value in a ledger) inlined."""
        strings, fragment = self._strings, self.fragment
        head, number, blank = f' s="{style}" t="s"><v>', f' s="{style}"><v>', fragment("", style)
        out = []
        for value in values:
            kind = type(value)
            if kind is str and value:
                index = strings.get(value)
                if index is None:
                    index = strings[value] = len(strings)
                out.append(f"{head}{index}</v></c>")
            elif kind is float and -_INF < value < _INF:  # not NaN or infinite: those are written as text
                out.append(f"{number}{value!r}</v></c>")
            else:
                out.append(blank if value is None or value == "" else fragment(value, style))
        return out

    def save(
        self, path: Path, *, title: str = "", category: str = "", properties: dict[str, str] | None = None
    ) -> None:
        """`category` (core properties) and `properties` (custom document properties, text) travel with
        the workbook: Excel, WPS and LibreOffice keep both when they save it again, unlike a file name."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr("[Content_Types].xml", self._content_types(custom=bool(properties)))
            zf.writestr("_rels/.rels", _RELS_CUSTOM if properties else _RELS)
            extra = f"<cp:category>{_text(category)}</cp:category>" if category else ""
            zf.writestr("docProps/core.xml", _CORE.format(title=escape(title), extra=extra))
            zf.writestr("docProps/app.xml", _APP)
            if properties:
                zf.writestr(CUSTOM_PART, _custom_xml(properties))
            zf.writestr("xl/workbook.xml", self._workbook())
            zf.writestr("xl/_rels/workbook.xml.rels", self._workbook_rels())
            zf.writestr("xl/styles.xml", _STYLES)
            zf.writestr("xl/sharedStrings.xml", self._shared_strings())
            comment_parts = 0
            for i, sheet in enumerate(self.sheets, 1):
                rels = []
                if sheet.comments:
                    comment_parts += 1
                    n = comment_parts
                    zf.writestr(f"xl/comments{n}.xml", _comments_xml(sheet.comments))
                    zf.writestr(f"xl/drawings/vmlDrawing{n}.vml", _vml(sheet.comments))
                    rels = [
                        (
                            "rId1",
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
                            f"../drawings/vmlDrawing{n}.vml",
                        ),
                        (
                            "rId2",
                            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
                            f"../comments{n}.xml",
                        ),
                    ]
                    zf.writestr(f"xl/worksheets/_rels/sheet{i}.xml.rels", _rels_xml(rels))
                _write_part(zf, f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheet, bool(rels)))
            self._comment_parts = comment_parts

    def _content_types(self, custom: bool = False) -> str:
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        n = sum(1 for s in self.sheets if s.comments)
        comments = "".join(
            f'<Override PartName="/xl/comments{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>'
            for i in range(1, n + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
            + (
                f'<Override PartName="/{CUSTOM_PART}" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
                if custom
                else ""
            )
            + f"{sheets}{comments}</Types>"
        )

    def _workbook(self) -> str:
        active = next((i for i, s in enumerate(self.sheets) if s.active), 0)
        sheets = "".join(
            f'<sheet name="{escape(s.name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(self.sheets, 1)
        )
        names = []
        for i, s in enumerate(self.sheets):
            quoted = "'" + s.name.replace("'", "''") + "'"
            if s.autofilter:
                a, b = s.autofilter.split(":")
                names.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{escape(quoted)}!${_abs(a)}:${_abs(b)}</definedName>'
                )
            if s.print_titles:
                first, last = s.print_titles
                names.append(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(quoted)}!${first}:${last}</definedName>'
                )
        defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView activeTab="{active}"/></bookViews><sheets>{sheets}</sheets>{defined}</workbook>'
        )

    def _workbook_rels(self) -> str:
        rels = [
            (
                f"rId{i}",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
                f"worksheets/sheet{i}.xml",
            )
            for i in range(1, len(self.sheets) + 1)
        ]
        n = len(self.sheets)
        rels += [
            (
                f"rId{n + 1}",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
                "styles.xml",
            ),
            (
                f"rId{n + 2}",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
                "sharedStrings.xml",
            ),
        ]
        return _rels_xml(rels)

    def _shared_strings(self) -> str:
        items = "".join(
            f'<si><t xml:space="preserve">{t}</t></si>'
            if t[:1].isspace() or t[-1:].isspace() or "\n" in t
            else f"<si><t>{t}</t></si>"
            for t in _texts(list(self._strings))
        )
        n = len(self._strings)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" uniqueCount="{n}">{items}</sst>'
        )


def _write_part(zf: zipfile.ZipFile, name: str, chunks: Iterable[str]) -> None:
    """A part written as its chunks come, deflated on a second thread: zlib runs without the GIL, so a
    big sheet is compressed while its next rows are formatted (a third of the time on 100k rows)."""
    import queue
    import threading

    pending: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
    failed: list[BaseException] = []
    with zf.open(name, "w", force_zip64=True) as fh:

        def deflate() -> None:
            while (data := pending.get()) is not None:
                if not failed:
                    try:
                        fh.write(data)
                    except BaseException as exc:  # re-raised on the writing thread
                        failed.append(exc)

        worker = threading.Thread(target=deflate, name="xlsx-deflate", daemon=True)
        worker.start()
        try:
            for chunk in chunks:
                if failed:
                    break
                pending.put(chunk.encode("utf-8"))
        finally:
            pending.put(None)
            worker.join()
        if failed:
            raise failed[0]


def excel_serial(value: dt.date) -> float | None:
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    if moment.tzinfo is not None:
        moment = moment.replace(tzinfo=None)
    if moment.year < 1900:
        return None
    delta = moment - _EXCEL_EPOCH
    serial = delta.days + delta.seconds / 86400
    return float(int(serial)) if serial == int(serial) else serial


def _abs(ref: str) -> str:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    return f"{m.group(1)}${m.group(2)}" if m else ref


def _rels_xml(rels: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{escape(target)}"/>' for i, t, target in rels)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    )


def _sheet_xml(sheet: Sheet, has_comments: bool):
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
    )
    selected = ' tabSelected="1"' if sheet.active else ""
    if sheet.freeze_row:
        top = f"A{sheet.freeze_row + 1}"
        yield (
            f'<sheetViews><sheetView workbookViewId="0"{selected}><pane ySplit="{sheet.freeze_row}" topLeftCell="{top}" '
            f'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="{top}" sqref="{top}"/></sheetView></sheetViews>'
        )
    else:
        yield f'<sheetViews><sheetView workbookViewId="0"{selected}/></sheetViews>'
    yield '<sheetFormatPr defaultRowHeight="15"/>'
    if sheet.widths:
        cols = "".join(
            f'<col min="{c + 1}" max="{c + 1}" width="{w}" customWidth="1"/>'
            for c, w in sorted(sheet.widths.items())
        )
        yield f"<cols>{cols}</cols>"
    yield "<sheetData>"
    batch: list[str] = []
    for row in sheet.rows:
        batch.append(row)
        if len(batch) >= 2000:
            yield "".join(batch)
            batch.clear()
    yield "".join(batch)
    yield "</sheetData>"
    if sheet.autofilter:
        yield f'<autoFilter ref="{sheet.autofilter}"/>'
    if sheet.merges:
        yield (
            f'<mergeCells count="{len(sheet.merges)}">'
            + "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
            + "</mergeCells>"
        )
    if sheet.hyperlinks:
        yield (
            "<hyperlinks>"
            + "".join(
                f'<hyperlink ref="{ref}" location="{escape(loc, {chr(34): "&quot;"})}" display="{escape(disp, {chr(34): "&quot;"})}"/>'
                for ref, loc, disp in sheet.hyperlinks
            )
            + "</hyperlinks>"
        )
    yield '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
    yield '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    if has_comments:
        yield '<legacyDrawing r:id="rId1"/>'
    yield "</worksheet>"


def _comments_xml(comments: list[tuple[int, int, str]]) -> str:
    letters = column_letters(max(c for _, c, _ in comments) + 1)
    items = "".join(
        f'<comment ref="{letters[c]}{r + 1}" authorId="0"><text><r><t xml:space="preserve">{_text(text)}</t></r></text></comment>'
        for r, c, text in comments
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<authors><author>anquan</author></authors><commentList>{items}</commentList></comments>"
    )


def _vml(comments: list[tuple[int, int, str]]) -> str:
    shapes = "".join(
        f'<v:shape id="_x0000_s{1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
        f'margin-top:1.5pt;width:220pt;height:80pt;z-index:{i + 1};visibility:hidden" fillcolor="#ffffe1" '
        'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/>'
        '<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"/>'
        '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>'
        f"<x:Anchor>{c + 1}, 15, {r}, 10, {c + 4}, 15, {r + 5}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>"
        f"<x:Row>{r}</x:Row><x:Column>{c}</x:Column></x:ClientData></v:shape>"
        for i, (r, c, _) in enumerate(comments)
    )
    return (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/>'
        '</o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/>'
        f"</v:shapetype>{shapes}</xml>"
    )


_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_RELS_CUSTOM = _RELS.replace(
    "</Relationships>",
    f'<Relationship Id="rId4" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/></Relationships>',
)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _custom_xml(properties: dict[str, str]) -> str:
    # Values are read back as plain text (a file name), so no _xHHHH_ escapes: what XML cannot hold is dropped.
    # The fmtid every application uses for user-defined properties; pids start at 2 (0 and 1 are reserved).
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{escape(name, {chr(34): "&quot;"})}"><vt:lpwstr>{escape(_NOT_XML.sub("", value))}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(properties.items(), 2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
    )


_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title>{extra}<dc:creator>anquan</dc:creator>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created></cp:coreProperties>'
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>anquan</Application></Properties>'
)
_FONT = '<sz val="{size}"/><name val="宋体"/><charset val="134"/>'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
    '<numFmt numFmtId="165" formatCode="0.0"/></numFmts>'
    '<fonts count="7">'
    f"<font>{_FONT.format(size=10)}</font>"
    f"<font><b/>{_FONT.format(size=10)}</font>"
    f"<font><b/>{_FONT.format(size=14)}</font>"
    f'<font><u/><color rgb="FF0000FF"/>{_FONT.format(size=10)}</font>'
    f'<font><b/><color rgb="FFC00000"/>{_FONT.format(size=10)}</font>'
    f'<font><b/><color rgb="FF9C5700"/>{_FONT.format(size=10)}</font>'
    '<font><sz val="16"/><name val="方正小标宋简体"/><charset val="134"/></font>'
    "</fonts>"
    '<fills count="7"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/><bgColor indexed="64"/></patternFill></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFF8CBAD"/><bgColor indexed="64"/></patternFill></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="4"><border><left/><right/><top/><bottom/><diagonal/></border>'
    + "".join(
        f'<border><left style="thin"><color rgb="{c}"/></left><right style="thin"><color rgb="{c}"/></right>'
        f'<top style="thin"><color rgb="{c}"/></top><bottom style="thin"><color rgb="{c}"/></bottom><diagonal/></border>'
        for c in ("FFC00000", "FFBF8F00", "FF000000")
    )
    + "</borders>"
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="25">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="top"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="4" borderId="3" xfId="0" applyFont="1" applyFill="1" applyBorder="1">'
    '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="3" borderId="2" xfId="0" applyFill="1" applyBorder="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="164" fontId="0" fillId="3" borderId="2" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="4" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="5" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment vertical="top"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="top" wrapText="1"/></xf>'
    + "".join(
        f'<xf numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="3" xfId="0" applyNumberFormat="1" '
        f'applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment{align} vertical="center" '
        'wrapText="1"/></xf>'
        for fmt, font, fill, align in (
            (0, 0, 0, ""),  # text
            (0, 0, 0, ' horizontal="right"'),  # num
            (165, 0, 0, ' horizontal="right"'),  # pct
            (164, 0, 0, ' horizontal="center"'),  # date
            (0, 1, 4, ' horizontal="center"'),  # head
            (0, 0, 5, ""),  # major
            (0, 0, 5, ' horizontal="right"'),  # major_num
            (164, 0, 5, ' horizontal="center"'),  # major_date
            (0, 1, 6, ""),  # total
            (0, 1, 6, ' horizontal="right"'),  # total_num
            (165, 1, 6, ' horizontal="right"'),  # total_pct
        )
    )
    + '<xf numFmtId="0" fontId="6" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">'
    '<alignment horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
