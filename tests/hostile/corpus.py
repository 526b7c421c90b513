"""The hostile-input corpus (issue 7): every case is built by code at test time, no binary blobs.

Each Case builds its input into a given folder and says what every command must do with it:

- "refused": the file is unusable; `validate --format json` lists it with `error_code` and one Chinese
  line, exit 2 when it is the only input; the other commands exit 2 and name the file and the reason.
- "read":    the file is read, values unchanged; `check(doc, path)` asserts on the validate JSON and,
  where the JSON cannot show a value, on `anquan_cli.read.read_ledgers(path)` directly.
- "usage":   the argument itself is unusable (a folder with no ledgers): exit 2, one Chinese line.

A realistic hazard ledger (tests.conftest.good_records) carries the hostile values, so a case that
is read is also checked for "nothing lost": every row and value comes through.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from devtools.fab import SheetSpec, write_csv, write_ods, write_xls, write_xlsx
from tests.conftest import FIELDS, good_records, ledger_file, table

# ---------------------------------------------------------------------------------------------
# The model


@dataclass
class Case:
    name: str
    build: Callable[[Path], Path]  # returns the input path (file or folder)
    expect: str  # "refused" | "read" | "usage"
    error_code: str | None = None  # for refused: files[].error_code of validate --format json
    check: Callable[[dict, Path], None] | None = None  # assertions on the validate JSON doc
    # Optional hook run (with pytest's monkeypatch) before each command, e.g. to make a file vanish
    # while the command runs; `vanishes` lists the input files (names) it removes, so the
    # before/after checksum comparison does not count them as "modified".
    patch: Callable[[Any, Path], None] | None = None
    vanishes: tuple[str, ...] = ()
    note: str = ""

    def __str__(self) -> str:  # pytest ids
        return self.name


# ---------------------------------------------------------------------------------------------
# Hostile values

FORMULA_LIKE = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\t=1+1"]
HOSTILE = [
    *FORMULA_LIKE,
    "<script>alert(1)</script> & \"'",
    "{{ 7*7 }}",
    "{% for x in y %}",
    "${HOME}",
    "\u202eexe.txt",
    "a\nb\tc",
    "长" * 300,
    "../../etc/passwd",
]
# Only a text format can carry these (XML 1.0, hence xlsx/docx, cannot hold C0 controls).
CONTROL = ["\x1b[31m红色\x1b[0m", "响铃\x07退格\x08", "\u200f\u2066隔离\u2069", "删除\x7f"]
WHITESPACE_SENSITIVE = {"\t=1+1", "a\nb\tc"}
SECRET = "SECRET-4242-机密"
GB18030_ONLY = "𬌗"  # outside GBK: only GB18030 (or Unicode) can hold it
LONG_CELL = 32767  # Excel's limit for one cell
AS_OF = dt.date(2026, 11, 28)

# Layout of conftest.ledger_file and of the hand-written workbooks below: title row 1, 填报单位 row 2,
# header row 3, data from row 4; column A is 序号, then FIELDS in order.
FIRST_DATA_ROW = 4


def col_letter(index: int) -> str:
    s = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        s = chr(65 + rem) + s
    return s


def field_column(field_id: str) -> str:
    return col_letter(1 + FIELDS.index(field_id))


def hostile_records(values: list[str]) -> list[dict]:
    """One good hazard per value; the value in 隐患描述 and 整改责任人 (and 企业名称 of every third)."""
    records = good_records(len(values))
    for i, (rec, value) in enumerate(zip(records, values, strict=True)):
        rec["description"] = value
        rec["owner"] = value
        if i % 3 == 0:
            rec["unit"] = value
            rec["uscc"] = None  # the code belongs to another name; keep the rows free of uscc findings
    return records


# ---------------------------------------------------------------------------------------------
# Reading back, for checks


def raw(path: Path, field_id: str, **options) -> list:
    """The raw cell values of one field, as the product read them."""
    from anquan_cli.read import ReadOptions, read_ledgers

    (ledger, *_) = read_ledgers(path, ReadOptions(**options))
    return [None if _missing(v) else v for v in ledger.raw[field_id].tolist()]


def parsed_dates(path: Path, field_id: str) -> list[dt.date | None]:
    from anquan_cli.read import read_ledgers

    values = read_ledgers(path)[0].data[field_id].tolist()
    return [None if _missing(v) else pd.Timestamp(v).date() for v in values]


def _missing(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def only_file(doc: dict) -> dict:
    assert len(doc["files"]) == 1, [f["path"] for f in doc["files"]]
    return doc["files"][0]


def assert_clean_read(doc: dict, rows: int) -> dict:
    entry = only_file(doc)
    assert entry["error"] is None, entry["error"]
    assert entry["kind"] == "hazard", entry["kind"]
    assert entry["rows"] == rows, (entry["rows"], entry["row_counts"])
    return entry


def finding_at(entry: dict, row: int, column: str) -> list[dict]:
    return [f for f in entry["findings"] if f["row"] == row and f["column"] == column]


# ---------------------------------------------------------------------------------------------
# A minimal xlsx written part by part, for the cases no writer library will produce


@dataclass
class Formula:
    text: str  # without the leading "="
    cached: str | None = None  # None: no cached value (as written by a generator, never by Excel)


@dataclass
class RawXml:
    xml: str  # the whole <c .../> element, "{ref}" replaced by the cell reference


NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_BOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
REL_SHEET = f"{NS_REL}/worksheet"
REL_SST = f"{NS_REL}/sharedStrings"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _cell(ref: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, RawXml):
        return value.xml.format(ref=ref)
    if isinstance(value, Formula):
        if value.cached is None:
            return f'<c r="{ref}"><f>{escape(value.text)}</f></c>'
        return f'<c r="{ref}" t="str"><f>{escape(value.text)}</f><v>{escape(value.cached)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, dt.date):
        value = value.isoformat()
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(rows: list[list[Any]], doctype: str = "") -> str:
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{col_letter(c)}{r}", v) for c, v in enumerate(row))
        body.append(f'<row r="{r}">{cells}</row>')
    return (
        f'{XML_DECL}{doctype}<worksheet xmlns="{NS_MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    )


def write_parts(
    path: Path,
    sheets: list[tuple[str, str]],
    *,
    shared_strings: str | None = None,
    hidden: set[str] = frozenset(),
    extra: dict[str, bytes] | None = None,
    targets: dict[int, str] | None = None,
    date1904: bool = False,
) -> Path:
    """[Content_Types].xml, _rels/.rels, xl/workbook.xml, its rels, the sheets, optional sharedStrings.

    `targets` overrides the relationship target of sheet i (1-based); `extra` adds members verbatim.
    """
    overrides = [f'<Override PartName="/xl/workbook.xml" ContentType="{CT_BOOK}"/>']
    overrides += [
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT_SHEET}"/>'
        for i in range(1, len(sheets) + 1)
    ]
    if shared_strings is not None:
        overrides.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT_SST}"/>')
    content_types = (
        f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    root_rels = (
        f'{XML_DECL}<Relationships xmlns="{NS_PKG}">'
        f'<Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    entries = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"'
        + (' state="hidden"' if name in hidden else "")
        + "/>"
        for i, (name, _) in enumerate(sheets, 1)
    )
    workbook = (
        f'{XML_DECL}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
        + ('<workbookPr date1904="1"/>' if date1904 else "")
        + f"<sheets>{entries}</sheets></workbook>"
    )
    targets = targets or {}
    rels = [
        f'<Relationship Id="rId{i}" Type="{REL_SHEET}" Target="{escape(targets.get(i, f"worksheets/sheet{i}.xml"))}"/>'
        for i in range(1, len(sheets) + 1)
    ]
    if shared_strings is not None:
        rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL_SST}" Target="sharedStrings.xml"/>')
    book_rels = f'{XML_DECL}<Relationships xmlns="{NS_PKG}">{"".join(rels)}</Relationships>'
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr("xl/_rels/workbook.xml.rels", book_rels)
        for i, (_, xml) in enumerate(sheets, 1):
            zf.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if shared_strings is not None:
            zf.writestr("xl/sharedStrings.xml", shared_strings)
        for name, data in (extra or {}).items():
            zf.writestr(zipfile.ZipInfo(name), data)
    return path


def ledger_rows(records: list[dict]) -> list[list[Any]]:
    """The conftest.ledger_file layout as plain rows (dates as ISO text)."""
    body = table(records)
    return [
        ["青石镇安全生产隐患排查治理台账"],
        ["填报单位：青石镇人民政府", "", "", "填报日期：2026年10月31日"],
        *[[v.isoformat() if isinstance(v, dt.date) else v for v in row] for row in body],
    ]


def parts_ledger(path: Path, records: list[dict] | None = None, **kw) -> Path:
    rows = ledger_rows(records or good_records())
    return write_parts(path, [("台账", sheet_xml(rows, kw.pop("doctype", "")))], **kw)


# ---------------------------------------------------------------------------------------------
# Builders: refused


def _rng(name: str) -> random.Random:
    return random.Random(f"anquan-hostile-{name}")


def build_empty(ext: str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / f"空文件{ext}"
        p.write_bytes(b"")
        return p

    return build


def build_random(ext: str, size: int = 8192) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        data = bytearray(_rng(ext).randbytes(size))
        data[:4] = b"\x9c\xff\x00\x81"  # not a BOM, not a magic number, not any encoding's text
        for i in range(0, size, 97):
            data[i] = 0xFF  # 0xFF is invalid in UTF-8, GBK and GB18030 alike
        p = d / f"随机字节{ext}"
        p.write_bytes(bytes(data))
        return p

    return build


def build_text_renamed(d: Path) -> Path:
    p = d / "青石镇台账.xlsx"
    p.write_text("这是一份工作总结，不是表格。\n第二行：本月共检查企业 12 家。\n", encoding="utf-8")
    return p


def build_unrelated_zip(d: Path) -> Path:
    p = d / "青石镇台账（压缩包）.xlsx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("说明.txt", "本压缩包内含照片".encode())
        zf.writestr("照片/现场1.jpg", _rng("jpg").randbytes(2048))
    return p


def build_docx_renamed(d: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("青石镇安全生产隐患排查治理情况报告")
    buf = io.BytesIO()
    document.save(buf)
    p = d / "青石镇台账（Word）.xlsx"
    p.write_bytes(buf.getvalue())
    return p


def _good_xlsx_bytes(d: Path) -> bytes:
    tmp = d / ".构造中" / "台账.xlsx"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    ledger_file(tmp.parent, good_records(), name=tmp.name)
    data = tmp.read_bytes()
    shutil.rmtree(tmp.parent)
    return data


def build_truncated_half(d: Path) -> Path:
    data = _good_xlsx_bytes(d)
    p = d / "下载中断的台账.xlsx"
    p.write_bytes(data[: len(data) // 2])
    return p


def build_truncated_tail(d: Path) -> Path:
    data = _good_xlsx_bytes(d)
    p = d / "缺少目录的台账.xlsx"
    p.write_bytes(data[:-40])  # the end-of-central-directory record is gone
    return p


def build_garbage_xls(d: Path) -> Path:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _rng("ole").randbytes(16384)
    p = d / "损坏的旧版台账.xls"
    p.write_bytes(data)
    return p


def _encrypted_bytes(d: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(_good_xlsx_bytes(d))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt("1234", out)
    return out.getvalue()


def build_encrypted(name: str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / name
        p.write_bytes(_encrypted_bytes(d))
        return p

    return build


BOMB_MB = 300
_cache: dict[str, bytes] = {}


def _bomb_bytes(member: str) -> bytes:
    """A workbook whose `member` unpacks to ~300 MB of one repeated row (a 2 MB file), written
    streaming so neither building nor this test process ever holds it unpacked."""
    if member in _cache:
        return _cache[member]
    buf = io.BytesIO()
    rows = ledger_rows(good_records())
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        small = zipfile.ZipFile(io.BytesIO(_parts_bytes(rows)))
        for info in small.infolist():
            if info.filename != member:
                zf.writestr(info.filename, small.read(info.filename))
        with zf.open(member, "w", force_zip64=True) as fh:
            if member.endswith("sharedStrings.xml"):
                fh.write(f'{XML_DECL}<sst xmlns="{NS_MAIN}">'.encode())
                unit, tail = b"<si><t>x</t></si>", b"</sst>"
            else:
                head = sheet_xml(rows).rsplit("</sheetData>", 1)[0]
                fh.write(head.encode())
                unit, tail = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>', b"</sheetData></worksheet>"
            chunk = unit * (1 << 16)
            written = 0
            while written < BOMB_MB << 20:
                fh.write(chunk)
                written += len(chunk)
            fh.write(tail)
    _cache[member] = buf.getvalue()
    return _cache[member]


def _parts_bytes(rows) -> bytes:
    """A small hand-written workbook (with an empty sharedStrings part), as bytes."""
    import tempfile

    with tempfile.TemporaryDirectory() as t:
        p = write_parts(
            Path(t) / "x.xlsx",
            [("台账", sheet_xml(rows))],
            shared_strings=f'{XML_DECL}<sst xmlns="{NS_MAIN}"></sst>',
        )
        return p.read_bytes()


def build_bomb(member: str, name: str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        p = d / name
        p.write_bytes(_bomb_bytes(member))
        return p

    return build


def build_declared_huge(d: Path) -> Path:
    """A small, valid workbook whose sheet member *declares* 3.9 GB unpacked (local header and
    central directory patched): a reader that trusts the declaration would allocate it."""
    p = parts_ledger(d / "声明超大的台账.xlsx")
    data = bytearray(p.read_bytes())
    declared = 0xF0000000
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
        local = info.header_offset
    # local file header: uncompressed size at +22
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = declared.to_bytes(4, "little")
    # central directory entry: uncompressed size at +24
    name = b"xl/worksheets/sheet1.xml"
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = int.from_bytes(data[pos + 28 : pos + 30], "little")
        if data[pos + 46 : pos + 46 + name_len] == name:
            data[pos + 24 : pos + 28] = declared.to_bytes(4, "little")
        pos = data.find(b"PK\x01\x02", pos + 4)
    p.write_bytes(bytes(data))
    return p


def build_xxe(d: Path) -> Path:
    """A DTD with an external entity (a local file) referenced from the 隐患描述 cell.

    Office Open XML forbids DTDs (ECMA-376 Part 2, OPC: a package must not contain DTD
    declarations); no office program writes one, so a workbook with one is refused as unreadable —
    and the entity is never resolved."""
    secret = d / "机密.txt"
    secret.write_text(SECRET, encoding="utf-8")
    doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    records = good_records()
    records[0]["description"] = "@@XXE@@"
    rows = ledger_rows(records)
    xml = sheet_xml(rows, doctype).replace("@@XXE@@", "&xxe;")
    return write_parts(d / "含外部实体的台账.xlsx", [("台账", xml)])


def build_billion_laughs(d: Path) -> Path:
    lol = ['<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">']
    lol += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE worksheet [{''.join(lol)}]>"
    records = good_records()
    records[0]["description"] = "@@LOL@@"
    xml = sheet_xml(ledger_rows(records), doctype).replace("@@LOL@@", "&lol9;")
    return write_parts(d / "实体膨胀的台账.xlsx", [("台账", xml)])


def build_rels_escape(d: Path) -> Path:
    """The workbook's relationship points its only sheet outside the package."""
    return parts_ledger(d / "工作表指向包外的台账.xlsx", targets={1: "../../../../../../etc/passwd"})


def build_symlink_to_text(d: Path) -> Path:
    target = d / "不是台账.txt"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    link = d / "链接的台账.xlsx"
    link.symlink_to(target)
    return link


def build_dangling_in_folder(d: Path) -> Path:
    folder = d / "报送（失效链接）"
    folder.mkdir()
    (folder / "已删除的台账.xlsx").symlink_to(d / "并不存在.xlsx")
    return folder


VANISHING = "中途被删除的台账.xlsx"


def build_vanishing(d: Path) -> Path:
    folder = d / "报送（中途删除）"
    folder.mkdir()
    ledger_file(folder, good_records(), name=VANISHING)
    return folder


def vanish_on_open(monkeypatch, _input: Path) -> None:
    """The file is found, then deleted (by a colleague, a sync client) just before it is opened."""
    from anquan_cli.read import sources

    original = sources.Source.__init__

    def init(self, path, *args, **kwargs):
        if Path(path).name == VANISHING:
            Path(path).unlink(missing_ok=True)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(sources.Source, "__init__", init)


def build_not_a_ledger(d: Path) -> Path:
    rows = [["青石镇干部通讯录"], ["姓名", "职务", "电话"], ["张伟", "镇长", "13800000000"]]
    return write_xlsx(d / "通讯录.xlsx", [SheetSpec("通讯录", rows)])


HIDDEN_SHEET = "隐患台账"


def build_hidden_only(d: Path) -> Path:
    rows = ledger_rows(good_records())
    sheets = [
        SheetSpec("填表说明", [["填表说明"], ["请按表头填写，不要改动表头"]]),
        SheetSpec(HIDDEN_SHEET, rows, merges=[(0, 0, 0, len(FIELDS))], hidden=True),
    ]
    return write_xlsx(d / "数据在隐藏表的台账.xlsx", sheets)


def check_hidden_only(doc: dict, _path: Path) -> None:
    message = only_file(doc)["error"]
    assert f"--sheet {HIDDEN_SHEET}" in message, message


def build_unsupported(d: Path) -> Path:
    p = d / "台账.pdf"
    p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return p


# ---------------------------------------------------------------------------------------------
# Builders: usage


def build_folder_no_ledgers(d: Path) -> Path:
    folder = d / "十月报送（没有台账）"
    folder.mkdir()
    (folder / "说明.docx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (folder / "现场照片.jpg").write_bytes(_rng("photo").randbytes(512))
    (folder / "~$台账.xlsx").write_bytes(b"lock")
    return folder


def build_empty_folder(d: Path) -> Path:
    folder = d / "空文件夹"
    folder.mkdir()
    return folder


# ---------------------------------------------------------------------------------------------
# Builders and checks: read


def _csv_case(name: str, records: list[dict], label: str, **kw) -> tuple[Callable, Callable]:
    def build(d: Path) -> Path:
        return write_csv(d / name, table(records), **kw)

    def check(doc: dict, path: Path) -> None:
        entry = assert_clean_read(doc, len(records))
        assert entry["encoding"] == label, entry["encoding"]
        assert raw(path, "description") == [r["description"] for r in records]
        assert raw(path, "owner") == [r["owner"] for r in records]
        assert raw(path, "unit") == [r["unit"] for r in records]

    return build, check


def _gb18030_records() -> list[dict]:
    records = good_records()
    records[0]["description"] = f"牙{GB18030_ONLY}合面磨损的砂轮未更换（GB18030 字符）"
    records[1]["owner"] = f"张{GB18030_ONLY}"
    return records


def _gbk_records() -> list[dict]:
    records = good_records()
    records[0]["description"] = "镕铸车间除尘管道积尘，炉窑周边堆放易燃物"
    return records


def build_mixed_newlines(d: Path) -> Path:
    text = write_csv(d / "tmp.csv", table(good_records()), newline="\n").read_text(encoding="utf-8")
    (d / "tmp.csv").unlink()
    lines = text.split("\n")
    ends = ["\r\n", "\n", "\r", "\r\n", "\r", "\n", "\r\n"]
    mixed = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines[:-1]))
    p = d / "换行混用.csv"
    p.write_bytes(mixed.encode("utf-8"))
    return p


def check_good_csv(label: str) -> Callable[[dict, Path], None]:
    records = good_records()

    def check(doc: dict, path: Path) -> None:
        entry = assert_clean_read(doc, 4)
        assert entry["encoding"] == label, entry["encoding"]
        assert raw(path, "description") == [r["description"] for r in records]
        assert parsed_dates(path, "found_on") == [r["found_on"] for r in records]

    return check


def build_nul_padding(d: Path) -> Path:
    p = write_csv(d / "末尾补零.csv", table(good_records()))
    p.write_bytes(p.read_bytes() + b"\x00" * 64)
    return p


def build_nul_in_cell(d: Path) -> Path:
    records = good_records()
    records[2]["description"] = "配电箱\x00门损坏"
    return write_csv(d / "单元格含NUL.csv", table(records))


def check_nul_in_cell(doc: dict, path: Path) -> None:
    records = good_records()
    entry = assert_clean_read(doc, 4)
    assert entry["encoding"] == "UTF-8"
    got = raw(path, "description")
    # A NUL cannot be typed in Excel or WPS; dropping it is the one change allowed.
    assert [str(v).replace("\x00", "") for v in got] == [
        "配电箱门损坏" if i == 2 else r["description"] for i, r in enumerate(records)
    ]


def build_200_sheets(d: Path) -> Path:
    sheets = [SheetSpec(f"说明{i}", [[f"第{i}页说明"], ["无"]]) for i in range(1, 181)]
    rows = ledger_rows(good_records())
    sheets.append(SheetSpec("隐患台账", rows, merges=[(0, 0, 0, len(FIELDS))]))
    sheets += [SheetSpec(f"附表{i}", [[f"附表{i}"]]) for i in range(1, 20)]
    return write_xlsx(d / "二百个工作表.xlsx", sheets)


def check_200_sheets(doc: dict, path: Path) -> None:
    entry = assert_clean_read(doc, 4)
    assert entry["sheet"] == "隐患台账", entry["sheet"]
    assert entry["findings"] == [], entry["findings"]
    assert raw(path, "description") == [r["description"] for r in good_records()]


def _date1904_records() -> list[dict]:
    records = good_records()
    # A plain number (no date format) in a 1904 workbook is a 1904 serial.
    records[3]["found_on"] = (dt.date(2026, 9, 4) - dt.date(1904, 1, 1)).days
    return records


def build_1904(d: Path) -> Path:
    return ledger_file(d, _date1904_records(), name="1904日期系统.xlsx", date1904=True)


def check_1904(doc: dict, path: Path) -> None:
    records = good_records()
    entry = assert_clean_read(doc, 4)
    assert entry["findings"] == [], entry["findings"]
    assert parsed_dates(path, "found_on") == [r["found_on"] for r in records]
    assert parsed_dates(path, "deadline") == [r["deadline"] for r in records]
    assert parsed_dates(path, "closed_on") == [r["closed_on"] for r in records]


def build_xfd(d: Path) -> Path:
    rows = ledger_rows(good_records())
    width = 16384
    rows = [row + [None] * (width - len(row)) for row in rows]
    rows[2][width - 1] = "备注（XFD 列）"
    rows[3][width - 1] = "最后一列的值"
    return write_xlsx(d / "一万六千列.xlsx", [SheetSpec("台账", rows, merges=[(0, 0, 0, len(FIELDS))])])


def check_xfd(doc: dict, path: Path) -> None:
    entry = assert_clean_read(doc, 4)
    assert raw(path, "description") == [r["description"] for r in good_records()]
    assert [f for f in entry["findings"] if f["severity"] == "error"] == [], entry["findings"]


def _long_records() -> list[dict]:
    records = good_records()
    head = "一车间东侧安全出口被杂物堵塞，"
    records[0]["description"] = (head * (LONG_CELL // len(head) + 1))[: LONG_CELL - 1] + "止"
    assert len(records[0]["description"]) == LONG_CELL
    return records


def check_long(doc: dict, path: Path) -> None:
    assert_clean_read(doc, 4)
    got = raw(path, "description")
    assert len(got[0]) == LONG_CELL and got[0] == _long_records()[0]["description"]


def _at(rows: list[list[Any]], excel_row: int, field_id: str, value: Any) -> None:
    rows[excel_row - 1][1 + FIELDS.index(field_id)] = value


def build_formula_no_value(d: Path) -> Path:
    rows = ledger_rows(good_records())
    # Row 5 (record 1) is still open, so its deadline matters; a formula stands where a date should.
    _at(rows, FIRST_DATA_ROW + 1, "deadline", Formula("G5+10"))
    _at(rows, FIRST_DATA_ROW + 2, "description", Formula("1+1"))
    return write_parts(d / "公式无缓存值.xlsx", [("台账", sheet_xml(rows))])


def check_formula_no_value(doc: dict, path: Path) -> None:
    entry = only_file(doc)
    assert entry["error"] is None, entry["error"]
    assert entry["rows"] == 4, entry["row_counts"]
    for row, field_id in ((FIRST_DATA_ROW + 1, "deadline"), (FIRST_DATA_ROW + 2, "description")):
        col = field_column(field_id)
        found = finding_at(entry, row, col)
        assert found, f"no finding at {col}{row} (a formula without a cached value): {entry['findings']}"
        assert any("公式" in f["message"] for f in found), f"{col}{row}: {found}"
    # Never evaluated: 1+1 must not have become 2.
    assert raw(path, "description")[2] not in (2, 2.0, "2")


def build_formula_cached(d: Path) -> Path:
    records = good_records()
    rows = ledger_rows(records)
    _at(rows, FIRST_DATA_ROW + 1, "deadline", Formula("G5+10", cached=records[1]["deadline"].isoformat()))
    return write_parts(d / "公式有缓存值.xlsx", [("台账", sheet_xml(rows))])


def check_formula_cached(doc: dict, path: Path) -> None:
    entry = assert_clean_read(doc, 4)
    assert entry["findings"] == [], entry["findings"]
    assert parsed_dates(path, "deadline") == [r["deadline"] for r in good_records()]


def build_inline_strings(d: Path) -> Path:
    return parts_ledger(d / "内联字符串.xlsx")


def check_good(doc: dict, path: Path) -> None:
    entry = assert_clean_read(doc, 4)
    assert entry["findings"] == [], entry["findings"]
    assert raw(path, "description") == [r["description"] for r in good_records()]


def build_zip_slip(d: Path) -> Path:
    extra = {
        "../../逃逸.txt": b"escaped",
        "../../../../tmp/anquan-zip-slip-escaped.txt": b"escaped",
        "/tmp/anquan-zip-slip-absolute.txt": b"escaped",
        "..\\..\\逃逸2.txt": b"escaped",
    }
    return parts_ledger(d / "含路径穿越成员的台账.xlsx", extra=extra)


def check_zip_slip(doc: dict, path: Path) -> None:
    check_good(doc, path)
    for name in ("anquan-zip-slip-escaped.txt", "anquan-zip-slip-absolute.txt"):
        assert not (Path("/tmp") / name).exists(), name
    for parent in path.parents[:3]:
        assert not (parent / "逃逸.txt").exists() and not (parent / "逃逸2.txt").exists()


def _check_hostile(values: list[str], kind: str) -> Callable[[dict, Path], None]:
    records = hostile_records(values)

    def check(doc: dict, path: Path) -> None:
        entry = only_file(doc)
        assert entry["error"] is None, entry["error"]
        assert entry["rows"] == len(records), entry["row_counts"]
        assert raw(path, "description") == values, kind
        assert raw(path, "owner") == values, kind
        assert raw(path, "unit") == [r["unit"] for r in records], kind

    return check


def _hostile_build(writer: str, values: list[str]) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        records = hostile_records(values)
        if writer == "xlsx":
            return ledger_file(d, records, name="恶意文本.xlsx")
        if writer == "xls":
            return write_xls(d / "恶意文本.xls", [SheetSpec("台账", ledger_rows(records))])
        if writer == "ods":
            return write_ods(d / "恶意文本.ods", [SheetSpec("台账", ledger_rows(records))])
        return write_csv(d / "恶意文本.csv", table(records), bom=True)

    return build


# File names: shell metacharacters, CJK, quotes; a newline and a bidi override; leading dashes.
SHELL_NAME = "青石镇 台账 \"引号\" '单引号' $(touch pwned) `touch pwned2` ; & | 2026年10月.xlsx"
TERMINAL_NAME = "青石镇\n台账\u202excod.xlsx"


def build_named(name: str) -> Callable[[Path], Path]:
    def build(d: Path) -> Path:
        return ledger_file(d, good_records(), name=name)

    return build


def build_dash_names(d: Path) -> Path:
    folder = d / "报送 (2026年10月)"
    folder.mkdir()
    ledger_file(folder, good_records(), name="-rf 台账.xlsx")
    ledger_file(folder, good_records(), name="--help.xlsx")
    return folder


def check_two_good(doc: dict, _path: Path) -> None:
    assert len(doc["files"]) == 2, doc["files"]
    for entry in doc["files"]:
        assert entry["error"] is None and entry["rows"] == 4, entry


def build_symlink_to_good(d: Path) -> Path:
    target = ledger_file(d, good_records(), name="真实台账.xlsx")
    link = d / "链接到台账.xlsx"
    link.symlink_to(target)
    return link


def build_symlink_loop(d: Path) -> Path:
    folder = d / "含循环链接的文件夹"
    folder.mkdir()
    ledger_file(folder, good_records(), name="台账.xlsx")
    (folder / "循环").symlink_to(folder, target_is_directory=True)
    return folder


def check_one_good(doc: dict, path: Path) -> None:
    entry = assert_clean_read(doc, 4)
    assert entry["findings"] == [], entry["findings"]


def build_xlsx_as_xls(d: Path) -> Path:
    p = d / "实为xlsx的台账.xls"
    p.write_bytes(_good_xlsx_bytes(d))
    return p


def check_one_good_file(doc: dict, path: Path) -> None:
    check_one_good(doc, path)


# ---------------------------------------------------------------------------------------------
# The corpus


def _csv(name, records, label, **kw) -> Case:
    build, check = _csv_case(f"{name}.csv", records, label, **kw)
    return Case(f"csv-{name}", build, "read", check=check)


_NON_ODS = [v for v in HOSTILE if v not in WHITESPACE_SENSITIVE]  # ODF collapses whitespace in text:p

CASES: list[Case] = [
    # --- refused ---------------------------------------------------------------------------
    Case("empty-xlsx", build_empty(".xlsx"), "refused", "file-empty"),
    Case("empty-xls", build_empty(".xls"), "refused", "file-empty"),
    Case("empty-csv", build_empty(".csv"), "refused", "file-empty"),
    Case("random-bytes-xlsx", build_random(".xlsx"), "refused", "file-unreadable"),
    Case("random-bytes-xls", build_random(".xls"), "refused", "file-unreadable"),
    Case("random-bytes-csv", build_random(".csv"), "refused", "encoding-unknown"),
    Case("text-renamed-xlsx", build_text_renamed, "refused", "file-unreadable"),
    Case("unrelated-zip-xlsx", build_unrelated_zip, "refused", "file-unreadable"),
    Case("docx-renamed-xlsx", build_docx_renamed, "refused", "file-unreadable"),
    Case("truncated-xlsx-half", build_truncated_half, "refused", "file-unreadable"),
    Case("truncated-xlsx-tail", build_truncated_tail, "refused", "file-unreadable"),
    Case("garbage-xls", build_garbage_xls, "refused", "file-unreadable"),
    Case("encrypted-xlsx", build_encrypted("加密的台账.xlsx"), "refused", "file-encrypted"),
    Case("encrypted-xlsx-named-xls", build_encrypted("加密的台账.xls"), "refused", "file-encrypted"),
    Case(
        "bomb-sheet-300mb",
        build_bomb("xl/worksheets/sheet1.xml", "压缩炸弹（工作表）.xlsx"),
        "refused",
        "file-too-large",
    ),
    Case(
        "bomb-shared-strings-300mb",
        build_bomb("xl/sharedStrings.xml", "压缩炸弹（共享字符串）.xlsx"),
        "refused",
        "file-too-large",
    ),
    Case("bomb-declared-size", build_declared_huge, "refused", "file-too-large"),
    Case("xml-external-entity", build_xxe, "refused", "file-unreadable"),
    Case("xml-billion-laughs", build_billion_laughs, "refused", "file-unreadable"),
    Case("rels-target-outside-package", build_rels_escape, "refused", "file-unreadable"),
    Case("symlink-to-text", build_symlink_to_text, "refused", "file-unreadable"),
    Case("dangling-symlink-in-folder", build_dangling_in_folder, "refused", "path-not-found"),
    Case(
        "vanishes-mid-run",
        build_vanishing,
        "refused",
        "path-not-found",
        patch=vanish_on_open,
        vanishes=(VANISHING,),
    ),
    Case("not-a-ledger", build_not_a_ledger, "refused", "header-not-found"),
    Case("hidden-sheet-only", build_hidden_only, "refused", "header-hidden-only", check=check_hidden_only),
    Case("unsupported-pdf", build_unsupported, "refused", "format-unsupported"),
    # --- usage -----------------------------------------------------------------------------
    Case("folder-without-ledgers", build_folder_no_ledgers, "usage"),
    Case("empty-folder", build_empty_folder, "usage"),
    # --- read: CSV -------------------------------------------------------------------------
    Case(
        "csv-utf8",
        lambda d: write_csv(d / "utf8.csv", table(good_records())),
        "read",
        check=check_good_csv("UTF-8"),
    ),
    Case(
        "csv-utf8-bom",
        lambda d: write_csv(d / "utf8bom.csv", table(good_records()), bom=True),
        "read",
        check=check_good_csv("UTF-8-BOM"),
    ),
    _csv("gbk", _gbk_records(), "GBK", encoding="gbk"),
    _csv("gb18030", _gb18030_records(), "GB18030", encoding="gb18030"),
    _csv("utf16-tabs", good_records(), "UTF-16", encoding="utf-16", delimiter="\t"),
    Case("csv-mixed-newlines", build_mixed_newlines, "read", check=check_good_csv("UTF-8")),
    Case("csv-nul-padding", build_nul_padding, "read", check=check_good_csv("UTF-8")),
    Case("csv-nul-in-cell", build_nul_in_cell, "read", check=check_nul_in_cell),
    # --- read: workbooks -------------------------------------------------------------------
    Case("xlsx-200-sheets", build_200_sheets, "read", check=check_200_sheets),
    Case("xlsx-1904-dates", build_1904, "read", check=check_1904),
    Case("xlsx-column-xfd", build_xfd, "read", check=check_xfd),
    Case(
        "xlsx-32767-char-cell",
        lambda d: ledger_file(d, _long_records(), name="超长单元格.xlsx"),
        "read",
        check=check_long,
    ),
    Case("xlsx-formula-no-cached-value", build_formula_no_value, "read", check=check_formula_no_value),
    Case("xlsx-formula-cached-value", build_formula_cached, "read", check=check_formula_cached),
    Case("xlsx-inline-strings", build_inline_strings, "read", check=check_good),
    Case("xlsx-zip-slip-members", build_zip_slip, "read", check=check_zip_slip),
    Case("xlsx-named-xls", build_xlsx_as_xls, "read", check=check_one_good_file),
    Case("xlsx-uppercase-ext", build_named("青石镇台账.XLSX"), "read", check=check_good),
    # --- read: hostile cell text -----------------------------------------------------------
    Case("hostile-text-xlsx", _hostile_build("xlsx", HOSTILE), "read", check=_check_hostile(HOSTILE, "xlsx")),
    Case("hostile-text-xls", _hostile_build("xls", HOSTILE), "read", check=_check_hostile(HOSTILE, "xls")),
    Case("hostile-text-ods", _hostile_build("ods", _NON_ODS), "read", check=_check_hostile(_NON_ODS, "ods")),
    Case(
        "hostile-text-csv",
        _hostile_build("csv", HOSTILE + CONTROL),
        "read",
        check=_check_hostile(HOSTILE + CONTROL, "csv"),
    ),
    # --- read: hostile paths ---------------------------------------------------------------
    Case("name-shell-metacharacters", build_named(SHELL_NAME), "read", check=check_good),
    Case("name-newline-bidi", build_named(TERMINAL_NAME), "read", check=check_good),
    Case("names-with-leading-dashes", build_dash_names, "read", check=check_two_good),
    Case("symlink-to-ledger", build_symlink_to_good, "read", check=check_good),
    Case("folder-with-symlink-loop", build_symlink_loop, "read", check=check_one_good),
]

BY_NAME = {c.name: c for c in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
