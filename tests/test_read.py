"""The reader on the layouts towns really send: each test states its mess literally."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.core.errors import AnquanError
from anquan_cli.read import discover
from devtools.fab import SheetSpec, write_csv, write_ods, write_xls, write_xlsx
from tests.conftest import FIELDS, HEADERS, USCC_A, csv_file, good_records, ledger_file, read, run_file, table


def test_title_and_fill_in_lines_above_header(good):
    ledger = read(good)
    assert ledger.header_rows == (3, 3)
    assert ledger.data["_row"].tolist() == [4, 5, 6, 7]
    assert ledger.columns["deadline"].letter == "K"
    assert ledger.columns["deadline"].header == "整改期限"


def _two_row_header_sheet():
    top = ["序号", "隐患编号", "所属镇街", "企业名称", "统一社会信用代码", "排查日期", "隐患等级", "隐患描述"]
    top += ["整改责任人", "整改时限", "整改情况", "", ""]
    sub = [""] * 10 + ["整改状态", "完成时间", "验收人"]
    rows = [["柳河镇隐患排查治理台账"], top, sub]
    d = dt.date(2026, 9, 1)
    rows.append(
        [
            1,
            "LH-1",
            "柳河镇",
            "示例县柳河纺织有限公司",
            USCC_A,
            d,
            "一般",
            "消防通道堵塞",
            "王强",
            d,
            "已整改",
            d,
            "赵敏",
        ]
    )
    rows.append([2, "LH-2", "柳河镇", "", "", d, "一般", "灭火器过期", "王强", d, "已整改", d, "赵敏"])
    rows.append(
        [
            3,
            "LH-3",
            "柳河镇",
            "",
            "",
            d,
            "重大",
            "有限空间无警示标志",
            "王强",
            d + dt.timedelta(30),
            "整改中",
            "",
            "",
        ]
    )
    rows.append(["合计", "", "", "", "", "", "", "", "", "", "3", "", ""])
    merges = [(0, 0, 0, 12)] + [(1, c, 2, c) for c in range(10)] + [(1, 10, 1, 12)]
    merges += [(3, 3, 5, 3), (3, 4, 5, 4)]  # enterprise name and code merged down its three hazards
    return SheetSpec("台账", rows, merges)


@pytest.mark.parametrize("writer", [write_xlsx, write_xls])
def test_two_row_merged_header_and_vertical_merges(tmp_path, writer):
    path = writer(tmp_path / f"柳河镇.{'xlsx' if writer is write_xlsx else 'xls'}", [_two_row_header_sheet()])
    ledger = read(path)
    assert ledger.header_rows == (2, 3)
    assert ledger.columns["status"].header == "整改状态"
    assert ledger.columns["closed_on"].header == "完成时间"
    assert ledger.columns["verifier"].header == "验收人"
    assert ledger.columns["deadline"].header == "整改时限"
    assert ledger.data["unit"].tolist() == ["示例县柳河纺织有限公司"] * 3
    assert ledger.data["uscc"].tolist() == [USCC_A] * 3
    assert ledger.counts.used == 3 and ledger.counts.subtotal == 1
    # read cleanly; its one 重大 hazard cannot be checked for 五落实 (no 资金 or 预案 column)
    assert [f.code for f in run_file(path).findings] == ["major-five-unverifiable"]


def test_parent_child_flattened_when_child_alone_is_unknown(tmp_path):
    records = good_records(2)
    rows = table(records)
    header = rows[0]
    parent = list(header)
    child = [""] * len(header)
    i = header.index("整改期限")
    parent[i], child[i] = "整改", "期限"  # neither alone names a field; together they do
    rows = [parent, child, *rows[1:]]
    merges = [(0, c, 1, c) for c in range(len(header)) if c != i]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows, merges)])
    ledger = read(path)
    assert ledger.columns["deadline"].header == "整改-期限"
    assert ledger.header_rows == (1, 2)


def test_line_breaks_spaces_full_width_and_markers_in_headers(tmp_path):
    headers = {
        "hazard_id": "隐 患\n编 号",
        "unit": "企业（单位）名称",
        "found_on": "排查\n日期",
        "deadline": "*整改期限\n（年/月/日）",
        "status": "整改状态：",
        "owner": "整改责任人(必填)",
    }
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", table(good_records(), headers=headers))])
    ledger = read(path)
    assert set(ledger.columns) == set(FIELDS)
    assert ledger.columns["hazard_id"].header == "隐 患\n编 号"


def test_header_variants_from_real_ledgers(tmp_path):
    headers = {
        "hazard_id": "隐患序号",
        "town": "镇(街道)",
        "unit": "生产经营单位",
        "uscc": "社会信用代码",
        "industry": "所属行业",
        "found_on": "发现日期",
        "level": "隐患级别",
        "description": "存在问题",
        "owner": "治理责任人",
        "deadline": "完成时限",
        "status": "完成情况",
        "closed_on": "整改完成时间",
        "verifier": "复查验收人",
    }
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", table(good_records(), headers=headers))])
    assert set(read(path).columns) == set(FIELDS)
    assert run_file(path).findings == []


def test_plain_xuhao_is_never_the_hazard_id(good):
    assert read(good).columns.get("hazard_id").header == "隐患编号"
    assert "序号" not in {c.header for c in read(good).columns.values()}


def test_risk_level_is_not_hazard_level(tmp_path):
    rows = table(good_records(), fields=[f for f in FIELDS if f != "level"])
    rows[0].append("风险等级")
    for r in rows[1:]:
        r.append("较大风险")
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    assert "level" not in read(path).columns


def test_instructions_and_cover_sheets_first_do_not_fool_it(tmp_path):
    notes = SheetSpec(
        "填表说明",
        [["填表说明"], ["1. 隐患编号、企业名称、排查日期、隐患等级为必填"], ["2. 整改期限填写日期"]],
    )
    cover = SheetSpec("封面", [["安平镇2026年10月隐患排查治理情况报送"], ["报送单位：安平镇安监站"]])
    ledger_sheet = SheetSpec("隐患台账", table(good_records()))
    path = write_xlsx(tmp_path / "t.xlsx", [cover, notes, ledger_sheet])
    assert read(path).sheet == "隐患台账"


def test_hidden_sheets_only_when_named(tmp_path):
    visible = SheetSpec("说明", [["本表请勿修改"]])
    hidden = SheetSpec("台账", table(good_records()), hidden=True)
    path = write_xlsx(tmp_path / "t.xlsx", [visible, hidden])
    with pytest.raises(AnquanError) as err:
        read(path)
    assert err.value.code == "header-hidden-only" and "--sheet 台账" in err.value.message
    assert read(path, sheet="台账").counts.used == 4


def test_hidden_helper_sheet_ignored(tmp_path):
    helper = SheetSpec("字典", table(good_records(8)), hidden=True)
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", table(good_records())), helper])
    assert read(path).sheet == "台账" and read(path).counts.used == 4


def test_sheet_option_and_unknown_sheet(good):
    with pytest.raises(AnquanError) as err:
        read(good, sheet="没有")
    assert err.value.code == "sheet-not-found" and "台账" in err.value.message


def test_no_header_is_a_clear_error(tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("Sheet1", [["会议纪要"], ["时间", "地点"]])])
    with pytest.raises(AnquanError) as err:
        read(path)
    assert err.value.code == "header-not-found" and "30" in err.value.message


def test_blank_subtotal_footer_rows_accounted(tmp_path):
    rows = table(good_records())
    width = len(rows[0])
    rows.insert(3, [""] * width)  # a blank row inside the data
    rows.insert(3, [3] + [""] * (width - 1))  # a pre-numbered empty row
    rows += [
        ["小计", "", "", "", "", "", "", "", "", "", "", "2"],
        ["合 计", "", "4"],
        [],
        ["填表人：张三", "", "审核人：李四"],
    ]
    rows += [["联系电话：0000-1234567"], ["", "单位负责人（签字）："], ["注：1.隐患等级分一般和重大"]]
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    c = ledger.counts
    assert c.used == 4
    assert c.subtotal == 2
    assert c.footer == 4
    assert c.blank == 3
    assert c.used + c.blank + c.subtotal + c.footer + c.header_extra == c.total
    assert ledger.data["_row"].tolist() == [2, 3, 6, 7]
    assert run_file(path).findings == []


def test_column_number_row_under_header(tmp_path):
    rows = table(good_records())
    rows.insert(1, list(range(1, len(rows[0]) + 1)))
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    assert ledger.counts.header_extra == 1 and ledger.counts.used == 4
    assert run_file(path).findings == []


def test_values_nfkc_trimmed_raw_kept(tmp_path):
    records = good_records()
    records[0]["unit"] = "  示例县宏达机械有限公司\u3000"
    records[0]["owner"] = "张伟（安全员）"
    ledger = read(ledger_file(tmp_path, records))
    assert ledger.data["unit"].iloc[0] == "示例县宏达机械有限公司"
    assert ledger.data["owner"].iloc[0] == "张伟(安全员)"
    assert ledger.raw["unit"].iloc[0] == "  示例县宏达机械有限公司\u3000"


def test_statuses_and_levels_normalised(tmp_path):
    records = good_records()
    records[0]["status"], records[0]["level"] = "√", "一般隐患"
    records[1]["status"], records[1]["level"] = "正在整改", "重大"
    records[3]["status"] = "未整改"
    ledger = read(ledger_file(tmp_path, records))
    assert ledger.data["status"].tolist() == ["closed", "in_progress", "closed", "open"]
    assert ledger.data["level"].tolist()[:2] == ["一般", "重大"]


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "bom", "label"),
    [
        ("utf-8", False, "UTF-8"),
        ("utf-8", True, "UTF-8-BOM"),
        ("gbk", False, "GBK"),
        ("utf-16", False, "UTF-16"),
    ],
)
def test_csv_encodings_detected_and_reported(tmp_path, encoding, bom, label):
    delimiter = "\t" if encoding == "utf-16" else ","
    path = csv_file(tmp_path, good_records(), encoding=encoding, bom=bom, delimiter=delimiter)
    result = run_file(path)
    assert result.encoding == label
    assert result.counts.used == 4
    assert result.findings == []
    assert result.header_rows == (1, 1)


def test_gb18030_characters_outside_gbk(tmp_path):
    records = good_records()
    records[0]["owner"] = "王𬌗"  # a name character only GB18030 encodes
    path = csv_file(tmp_path, records, encoding="gb18030")
    result = run_file(path, keep_grid=False)
    assert result.encoding == "GB18030"
    assert read(path).data["owner"].iloc[0] == "王𬌗"


def test_csv_rows_are_line_numbers(tmp_path):
    records = good_records()
    records[0]["description"] = "第一行\n第二行"  # a quoted cell spanning two lines
    records[2]["owner"] = None
    path = csv_file(tmp_path, records)
    result = run_file(path)
    (hit,) = result.findings
    assert hit.code == "required-empty" and hit.row == 5 and hit.sheet is None


def test_csv_mixed_line_ends_and_nul(tmp_path):
    path = csv_file(tmp_path, good_records())
    data = path.read_bytes().replace(b"\r\n", b"\n", 2).replace(b"\xe5\xbc\xa0", b"\xe5\xbc\xa0\x00", 1)
    path.write_bytes(data)
    assert run_file(path).counts.used == 4


def test_ods(tmp_path):
    path = write_ods(tmp_path / "t.ods", [SheetSpec("台账", table(good_records()))])
    result = run_file(path)
    assert result.counts.used == 4 and result.findings == []


def test_xls_dates_and_numbers(tmp_path):
    path = write_xls(
        tmp_path / "t.xls", [SheetSpec("说明", [["填表说明"]]), SheetSpec("台账", table(good_records()))]
    )
    result = run_file(path)
    assert result.sheet == "台账" and result.counts.used == 4 and result.findings == []


def test_1904_date_system_serials(tmp_path):
    records = good_records()
    serial_1904 = (dt.date(2026, 9, 1) - dt.date(1904, 1, 1)).days
    records[0]["found_on"] = float(serial_1904)  # a plain number, not a date cell
    path = ledger_file(tmp_path, records, date1904=True)
    ledger = read(path)
    assert ledger.data["found_on"].iloc[0] == dt.datetime(2026, 9, 1)
    assert run_file(path).findings == []


def test_discover_skips_lock_and_hidden_files_but_not_a_name_ending_in_校验(tmp_path, good):
    (tmp_path / "~$台账.xlsx").write_bytes(b"lock")
    (tmp_path / ".hidden.xlsx").write_bytes(b"x")
    # Whether a …_校验.xlsx is our marked-up copy is told by its content (plan_inputs), not its name.
    named = tmp_path / "台账_校验.xlsx"
    named.write_bytes(b"x")
    (tmp_path / "说明.docx").write_bytes(b"x")
    sub = tmp_path / "九月"
    sub.mkdir()
    other = ledger_file(sub, good_records(), name="b.xlsx")
    assert discover([tmp_path]) == [good, named, other]


def test_discover_errors(tmp_path):
    with pytest.raises(AnquanError) as err:
        discover([tmp_path / "nope"])
    assert err.value.code == "path-not-found"
    (tmp_path / "empty").mkdir()
    with pytest.raises(AnquanError) as err:
        discover([tmp_path / "empty"])
    assert err.value.code == "no-ledger-files"


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"", "a.xlsx", "file-empty"),
        (b"not a workbook at all", "a.xlsx", "file-unreadable"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "EncryptedPackage".encode("utf-16-le"),
            "a.xlsx",
            "file-encrypted",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "b.xlsx", "file-unreadable"),
        (b"\x00\x01garbage", "a.xls", "file-unreadable"),
        (b"x", "a.docx", "format-unsupported"),
    ],
)
def test_unusable_files_are_one_clear_line(tmp_path, content, name, code):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_file(path)
    assert result.error_code == code
    assert result.error and not result.error.isascii()


def test_workbook_with_wrong_extension_still_opens(tmp_path):
    real = ledger_file(tmp_path, good_records(), name="real.xlsx")
    renamed = tmp_path / "renamed.xls"
    renamed.write_bytes(real.read_bytes())
    assert run_file(renamed).counts.used == 4


def test_header_only_ledger_has_no_rows_and_no_crash(tmp_path):
    path = write_csv(tmp_path / "a.csv", [[HEADERS[f] for f in FIELDS]])
    result = run_file(path)
    assert result.error is None and result.counts.used == 0 and result.findings == []


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "宏.xlsm", [SheetSpec("台账", table(good_records()))])
    assert run_file(path).counts.used == 4


def test_csv_delimiter_not_fooled_by_commas_in_text(tmp_path):
    records = good_records()
    for r in records:
        r["description"] = (
            "安全出口堵塞,灭火器过期,电线私拉乱接,未设警示标志,防护罩缺失,叉车无证,货物乱堆,配电箱无盖,无台账,无预案,无培训,无演练,无标志,无记录"
        )
    path = csv_file(tmp_path, records, delimiter="\t")
    assert run_file(path).counts.used == 4 and run_file(path).findings == []
    path = csv_file(tmp_path, records, name="semi.csv", delimiter=";")
    assert run_file(path).findings == []


def test_footer_words_inside_data_do_not_end_the_sheet(tmp_path):
    records = good_records()
    records[1]["unit"] = "电话机械厂"
    records[2]["unit"] = "注塑制品有限公司"
    fields = ["unit", *[f for f in FIELDS if f != "unit"]]
    rows = table(records, fields=fields)
    for r in rows[1:]:
        r[0] = ""  # no 序号: the enterprise name is the first cell of each row
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    ledger = read(path)
    assert ledger.counts.used == 4 and ledger.counts.footer == 0


def test_a_filled_in_label_above_the_header_is_not_a_header(tmp_path):
    rows = [["富源超市全员安全生产责任清单"], ["企业名称：富源超市", "", "", "", "统一社会信用代码："]]
    rows += [["序号", "责任层级", "部门", "岗位", "责任人", "责任内容", "考核指标"]]
    rows += [
        [
            1,
            "主要负责人",
            "公司",
            "总经理",
            "张伟",
            "全面负责本单位安全生产工作，建立健全全员安全生产责任制",
            "全年无事故",
        ]
    ]
    merges = [(0, 0, 0, 6), (1, 0, 1, 3), (1, 4, 1, 6)]
    ledger = read(write_xlsx(tmp_path / "t.xlsx", [SheetSpec("富源", rows, merges)]))
    assert ledger.header_rows == (3, 3)
    assert ledger.data["unit"].tolist() == ["富源超市"]


def test_a_damaged_part_met_by_the_formula_scan_is_a_damaged_file_not_an_empty_finding(tmp_path):
    """The scan explains empty cells; when it cannot read the sheet again it says the file is damaged
    rather than dropping what it would have found."""
    import zipfile

    from anquan_cli.core.errors import AnquanError
    from anquan_cli.read.formulas import FormulaScan

    path = ledger_file(tmp_path, good_records(20))
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
    data = bytearray(damaged.read_bytes())
    with zipfile.ZipFile(damaged) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF  # a flipped byte inside the deflated sheet
    damaged.write_bytes(bytes(data))
    assert FormulaScan(path).cells("台账") == set()
    with pytest.raises(AnquanError) as refused:
        FormulaScan(damaged).cells("台账")
    assert refused.value.code == "file-unreadable"


def test_factorize_gives_missing_cells_one_code():
    import numpy as np

    from anquan_cli.read.normalize import factorize

    values = np.array(["甲", None, "乙", float("nan"), "甲", ""], dtype=object)
    codes, uniques = factorize(values)
    assert list(uniques[codes]) == ["甲", None, "乙", None, "甲", ""]
    assert codes[1] == codes[3] and len(set(codes.tolist())) == 4


def test_distinct_values_come_from_the_kept_cell_codes(tmp_path):
    """ledger.distinct reuses the build's codes; values written differently but equal once cleaned
    keep separate codes, and value_ids then joins them."""
    import numpy as np

    from anquan_cli.core.text import name_key
    from anquan_cli.read.normalize import map_unique
    from anquan_cli.rules.common import value_ids

    records = good_records(6)
    records[1]["unit"] = "  示例县宏达机械有限公司\u3000"  # same enterprise as rows 1, 3, 5 once cleaned
    records[4]["owner"] = "/"  # a placeholder: empty
    ledger = read(ledger_file(tmp_path, records))
    for f in ("unit", "owner", "hazard_id", "status"):
        codes, per_code = ledger.distinct(f)
        column = ledger.data[f].to_numpy()
        assert list(per_code[codes]) == list(column), f
        assert list(ledger.map_values(f, name_key)) == list(map_unique(column, name_key)), f
    codes, _ = ledger.distinct("unit")
    assert len(set(codes.tolist())) == 3  # two spellings of one enterprise, and the other one
    ids = value_ids(ledger, "unit")
    assert len(set(ids.tolist())) == 2 and ids[0] == ids[1]
    assert ledger.distinct("owner")[1][ledger.distinct("owner")[0][4]] is None
    found_codes, found = ledger.distinct("found_on")  # dates: factorized afresh, not from raw codes
    assert np.array_equal(found[found_codes], ledger.data["found_on"].to_numpy())


_TRICKY = "，：（）Ａａ０９～　①㎡ｶﾞ\u0301\u0308\u3099é한글一车间 \n\t/无"


@given(st.lists(st.text(alphabet=st.sampled_from(_TRICKY) | st.characters(), max_size=30), max_size=150))
def test_fast_nfkc_equals_unicodedata(texts):
    import unicodedata

    from anquan_cli.core.text import nfkc_all

    assert nfkc_all(texts) == [unicodedata.normalize("NFKC", t) for t in texts]


def test_cleaning_a_column_at_once_matches_cell_by_cell():
    import datetime as dt

    import numpy as np

    from anquan_cli.read.normalize import clean_text, clean_texts

    values = [f"　第{i}处（东侧）：通道堵塞， " for i in range(100)]
    values += ["／", " 无 ", "N/A", 3.0, 18.5, True, dt.date(2026, 3, 5), None, "", "ｎｕｌｌ"]
    array = np.array(values, dtype=object)
    assert list(clean_texts(array)) == [clean_text(v) for v in values]


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 1 << 20])
def test_formula_cells_found_alike_whatever_the_chunks_the_xml_is_read_in(chunk, monkeypatch):
    import io

    from anquan_cli.read import formulas

    xml = (
        b'<worksheet><sheetFormatPr/><sheetData><row r="1"><c r="A1"><f>1+1</f></c>'
        b'<c r="B1"><f>2</f><v>2</v></c><c r="C1" t="s"><v>0</v></c></row>'
        b'<row r="5"><c r="AB5"><f t="shared" si="0"/></c></row></sheetData>'
        b"<dataValidations><f>x</f></dataValidations></worksheet>"
    )
    monkeypatch.setattr(formulas, "CHUNK", chunk)
    # A1 and AB5 have no saved value; B1 has one; the validation formula is not a cell.
    assert formulas.formula_cells(io.BytesIO(xml)) == {(1, 0), (5, 27)}


# --- headers off the synonym list, unused columns, two columns for one field ---------------------
# The good ledger as towns send it: title on row 1, 填报 line on row 2, header on row 3, data rows 4–7.


def _ledger_with(tmp_path, extra=(), *, fields=None, headers=None, at=None, number_row=False):
    """The good ledger with extra columns, each (header, one value per record): appended, or inserted
    from 0-based column `at`. `number_row`: a "1 2 3 …" row under the header."""
    rows = table(good_records(), fields, headers)
    for k, (header, values) in enumerate(extra):
        pos = len(rows[0]) if at is None else at + k
        rows[0].insert(pos, header)
        for row, value in zip(rows[1:], values, strict=True):
            row.insert(pos, value)
    if number_row:
        rows.insert(1, list(range(1, len(rows[0]) + 1)))
    body = [["青石镇安全生产隐患排查治理台账"], ["填报单位：青石镇人民政府"], *rows]
    return write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", body, [(0, 0, 0, len(rows[0]) - 1)])])


def _letter(field, fields=FIELDS):
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[fields.index(field) + 1]  # column A is 序号


def _verified(records):
    return [r["closed_on"] + dt.timedelta(days=1) if r["closed_on"] else None for r in records]


# Headers a person reads at once, now on the synonym lists; each replaces the field's header
# (or, for a field the good ledger lacks, comes as an extra column) and reads without any finding.
PLAIN_HEADERS = [
    ("unit", "单位全称"),
    ("unit", "被检查单位"),
    ("unit", "检查单位名称"),
    ("status", "整改结果"),
    ("description", "隐患内容"),
    ("description", "存在问题"),
    ("description", "问题描述"),
    ("owner", "包保责任人"),  # the cadre overseeing the enterprise, when no 整改责任人 column exists
    ("verifier", "复查人"),
    ("industry", "所属行业"),
    ("industry", "行业类别"),
    ("verified_on", "销号时间"),
    ("verified_on", "销号日期"),
    ("verified_on", "复查时间"),
    ("dept", "监管部门"),
    ("dept", "主管部门"),
    ("dept", "行业主管部门"),
    # Planned dates holding a completion-date synonym (完成时间, 整改日期) are deadlines.
    ("deadline", "预计完成时间"),
    ("deadline", "计划整改日期"),
    ("deadline", "要求整改时间"),
]


@pytest.mark.parametrize(("field", "header"), PLAIN_HEADERS, ids=[h for _, h in PLAIN_HEADERS])
def test_plain_headers_are_synonyms(tmp_path, field, header):
    if field in FIELDS:
        path = _ledger_with(tmp_path, headers={field: header})
        letter = _letter(field)
    else:
        values = _verified(good_records()) if field == "verified_on" else ["县应急管理局"] * 4
        path = _ledger_with(tmp_path, [(header, values)])
        letter = "O"
    ledger = read(path)
    assert ledger.columns[field].header == header and ledger.columns[field].letter == letter
    assert ledger.unmapped == [] and ledger.counts.used == 4
    assert run_file(path).findings == []


@pytest.mark.parametrize(("at", "letter"), [(None, "O"), (9, "J")])
def test_the_baobao_cadre_steps_aside_for_the_owner_column(tmp_path, at, letter):
    """包保责任人 beside 整改责任人 (after it, or just left of it): the owner column is read, the cadre's
    is listed as unused, and no duplicate warning is raised."""
    path = _ledger_with(tmp_path, [("包保责任人", ["刘县长"] * 4)], at=at)
    ledger = read(path)
    assert ledger.columns["owner"].header == "整改责任人"
    assert ledger.data["owner"].tolist() == ["张伟"] * 4
    assert ledger.unmapped == [(letter, "包保责任人")]
    result = run_file(path)
    assert result.findings == [] and result.counts.used == 4


# Headers on no synonym list whose key words name a field: (field, header, canonical header).
GUESSED_HEADERS = [
    ("unit", "企业全称", "企业名称"),
    ("unit", "公司名称", "企业名称"),
    ("status", "整改落实情况", "整改状态"),
    ("closed_on", "完成整改时间", "整改完成日期"),
    ("found_on", "登记时间", "排查日期"),
    ("deadline", "限改期限", "整改期限"),
    ("deadline", "要求完成整改时间", "整改期限"),  # planned, not done: the deadline rule comes first
    ("description", "问题内容", "隐患描述"),
    ("owner", "安全责任人", "整改责任人"),
    ("level", "问题级别", "隐患等级"),
    ("verifier", "复核人员", "复查人"),
    ("industry", "行业门类", "行业领域"),
    ("measure", "处理措施", "整改措施"),
    ("verified_on", "复核日期", "验收日期"),
]


@pytest.mark.parametrize(
    ("field", "header", "canonical"), GUESSED_HEADERS, ids=[g[1] for g in GUESSED_HEADERS]
)
def test_a_header_off_the_list_is_guessed_with_a_warning_at_its_cell(tmp_path, field, header, canonical):
    if field in FIELDS:
        path = _ledger_with(tmp_path, headers={field: header})
        letter = _letter(field)
    else:
        values = _verified(good_records()) if field == "verified_on" else ["清理杂物，保持通道畅通"] * 4
        path = _ledger_with(tmp_path, [(header, values)])
        letter = "O"
    ledger = read(path)
    assert ledger.columns[field].header == header
    assert ledger.header_rows == (3, 3) and ledger.counts.used == 4 and ledger.unmapped == []
    result = run_file(path)
    (hit,) = result.findings
    assert hit.code == "column-guessed" and hit.severity == "warning"
    assert hit.cell == f"{letter}3" and hit.sheet == "台账"
    assert hit.field == canonical and hit.value == header
    assert f"“{header}”" in hit.message and f"“{canonical}”" in hit.message


def test_guessed_headers_never_make_a_header_row(tmp_path):
    """A row of headers that only key words name is not taken for a ledger's header."""
    rows = [["企业全称", "问题内容", "整改落实情况", "限改期限", "安全责任人", "问题级别"]]
    rows.append(["示例县宏达机械有限公司", "安全出口堵塞", "已整改", "2026-10-01", "张伟", "一般"])
    path = write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)])
    with pytest.raises(AnquanError) as err:
        read(path)
    assert err.value.code == "header-not-found"


def test_a_guess_never_takes_a_mapped_field_and_unused_columns_are_listed(tmp_path):
    extra = [
        ("整改落实情况", ["已落实"] * 4),  # O: 整改状态 names the status already
        ("", ["备用"] * 4),  # P: no header, not listed
        ("责任人联系电话", ["13800000000"] * 4),  # Q: a phone number, never the owner
        ("本月隐患整改情况总体良好请继续保持", [""] * 4),  # R: a sentence, not a header
        ("包保责任人", ["刘县长"] * 4),  # S
    ]
    path = _ledger_with(tmp_path, extra, number_row=True)
    ledger = read(path)
    assert ledger.columns["status"].header == "整改状态" and ledger.columns["owner"].header == "整改责任人"
    assert ledger.unmapped == [
        ("O", "整改落实情况"),
        ("Q", "责任人联系电话"),
        ("R", "本月隐患整改情况总体良好请继续保持"),
        ("S", "包保责任人"),
    ]  # 序号 in A is a row counter and the "1 2 3 …" row is no header: neither listed
    assert ledger.counts.header_extra == 1 and ledger.counts.used == 4
    assert run_file(path).findings == []


STATUS_ONLY_PROSE = ["已整改", "详见附件", "已整改", "见整改报告"]  # two of four classify
YES_NO = ["是", "否", "是", "否"]  # as good_records: rows 1 and 3 closed, 2 and 4 open
NO_STATUS = [f for f in FIELDS if f != "status"]  # A 序号 … M 复查人, then the two status columns N and O


@pytest.mark.parametrize("prose_first", [True, False])
def test_two_status_columns_the_one_that_classifies_is_used(tmp_path, prose_first):
    """整改情况 prose beside 是否整改 是/否, in either order: the 是/否 column is read, the good rows
    stay good, and the warning on the other column says which one was used and why."""
    pair = [("整改情况", STATUS_ONLY_PROSE), ("是否整改", YES_NO)]
    if not prose_first:
        pair.reverse()
    path = _ledger_with(tmp_path, pair, fields=NO_STATUS)
    kept, ignored = ("O", "N") if prose_first else ("N", "O")
    ledger = read(path)
    assert ledger.columns["status"].letter == kept and ledger.columns["status"].header == "是否整改"
    assert ledger.data["status"].tolist() == ["closed", "open", "closed", "open"]
    assert ledger.unmapped == [(ignored, "整改情况")]
    result = run_file(path)
    (hit,) = result.findings
    assert (hit.code, hit.cell, hit.field, hit.value) == (
        "column-duplicate",
        f"{ignored}3",
        "整改状态",
        "整改情况",
    )
    assert hit.message == f"与 {kept} 列同为“整改状态”，采用 {kept} 列（可识别 100.0%，本列 50.0%）"
    assert result.errors == 0 and result.counts.used == 4


@pytest.mark.parametrize("text_first", [True, False])
def test_two_date_columns_the_one_holding_dates_is_used(tmp_path, text_first):
    records = good_records()
    no_found = [f for f in FIELDS if f != "found_on"]
    pair = [("检查时间", ["上午", "下午", "夜查", "上午"]), ("排查日期", [r["found_on"] for r in records])]
    if not text_first:
        pair.reverse()
    path = _ledger_with(tmp_path, pair, fields=no_found)
    kept, ignored = ("O", "N") if text_first else ("N", "O")
    ledger = read(path)
    assert ledger.columns["found_on"].letter == kept
    assert [d.date() for d in ledger.data["found_on"]] == [r["found_on"] for r in records]
    result = run_file(path)
    (hit,) = result.findings
    assert (hit.code, hit.cell, hit.value) == ("column-duplicate", f"{ignored}3", "检查时间")
    assert hit.message == f"与 {kept} 列同为“排查日期”，采用 {kept} 列（可识别 100.0%，本列 0.0%）"
    assert result.errors == 0


@pytest.mark.parametrize(("at", "kept", "ignored"), [(None, "I", "O"), (8, "J", "I")])
def test_two_text_columns_the_fuller_one_is_used(tmp_path, at, kept, ignored):
    """隐患描述 beside a half-empty 问题描述 (after it, or just left of it)."""
    path = _ledger_with(tmp_path, [("问题描述", ["通道堵塞", None, "灭火器过期", None])], at=at)
    assert read(path).columns["description"].letter == kept
    (hit,) = run_file(path).findings
    assert (hit.code, hit.cell) == ("column-duplicate", f"{ignored}3")
    assert hit.message == f"与 {kept} 列同为“隐患描述”，采用 {kept} 列（已填 100.0%，本列 50.0%）"


def test_two_text_columns_equally_full_the_better_header_is_used(tmp_path):
    path = _ledger_with(tmp_path, [("隐患描述（简要）", ["通道堵塞"] * 4)], at=8)
    assert read(path).columns["description"].letter == "J"
    (hit,) = run_file(path).findings
    assert hit.cell == "I3" and hit.message == "与 J 列同为“隐患描述”，采用 J 列（表头更贴切）"


def test_two_guessed_columns_for_one_field(tmp_path):
    """Neither names the status on the list: the one that classifies is used, and said to be a guess."""
    pair = [("整改落实情况", STATUS_ONLY_PROSE), ("整改完成进度", YES_NO)]
    path = _ledger_with(tmp_path, pair, fields=NO_STATUS)
    ledger = read(path)
    assert ledger.columns["status"].letter == "O" and ledger.unmapped == [("N", "整改落实情况")]
    result = run_file(path)
    assert {(f.code, f.cell) for f in result.findings} == {
        ("column-duplicate", "N3"),
        ("column-guessed", "O3"),
    }
    assert result.errors == 0


# --- status prose (issue 17, item 4) ---------------------------------------------------------------

STATUS_PROSE = [
    ("已于9月20日整改完毕", "closed"),
    ("已整改到位", "closed"),
    ("整改完毕", "closed"),
    ("已完成整改并经复查验收合格", "closed"),
    ("2026年9月20日已整改", "closed"),
    ("已", "closed"),
    ("是", "closed"),
    ("√", "closed"),
    ("正在整改", "in_progress"),
    ("整改中（已制定方案）", "in_progress"),
    ("已制定方案，正在整改", "in_progress"),
    ("已部分整改", "in_progress"),
    ("整改工作正在进行中", "in_progress"),
    ("未整改，已制定方案", "open"),
    ("尚未整改（资金未到位）", "open"),
    ("整改未完成", "open"),
    ("待销号", "open"),
    ("未", "open"),
    ("否", "open"),
    ("×", "open"),
    ("已制定整改方案", None),  # a plan, not a rectification
    ("已下达整改通知书，企业未整改", None),  # its leading verb phrase is no status
    ("看情况", None),
]


def test_status_prose_classified_by_its_leading_verb_phrase(tmp_path):
    records = good_records(len(STATUS_PROSE))
    for rec, (text, _) in zip(records, STATUS_PROSE, strict=True):
        rec["status"] = text
    ledger = read(ledger_file(tmp_path, records))
    assert ledger.counts.used == len(STATUS_PROSE)
    assert ledger.data["status"].tolist() == [want for _, want in STATUS_PROSE]


def test_closed_status_date_fills_an_empty_completion_date(tmp_path):
    records = good_records()
    records[0].update(status="已于9月6日整改完毕", closed_on=None)  # found 2026-09-01
    records[2].update(status="已于9月9日整改完毕")  # its own completion date (9-08) is kept
    records[1].update(status="正在整改（计划9月30日完成）")  # not closed: its date is a plan
    ledger = read(ledger_file(tmp_path, records))
    closed_on = ledger.data["closed_on"].dt.date.tolist()
    assert closed_on[0] == dt.date(2026, 9, 6)
    assert closed_on[2] == dt.date(2026, 9, 8)
    assert pd.isna(closed_on[1])
    assert ledger.counts.used == 4


def test_closed_status_date_without_a_completion_column(tmp_path):
    records = good_records()
    records[0]["status"] = "已于2026年9月6日整改完毕"
    fields = [f for f in FIELDS if f != "closed_on"]
    ledger = read(ledger_file(tmp_path, records, fields=fields))
    assert not ledger.has("closed_on")  # no column to point at, but the date is known
    assert ledger.data["closed_on"].dt.date.tolist()[0] == dt.date(2026, 9, 6)
    assert pd.isna(ledger.data["closed_on"].iloc[2])


# --- dates in words (issue 17, item 5) -------------------------------------------------------------


@pytest.mark.parametrize("writer", ["xlsx", "xls", "csv"])
def test_dates_in_chinese_numerals_and_datetime_text(tmp_path, writer):
    records = good_records()
    records[0]["found_on"] = "二〇二六年九月一日"
    records[1]["found_on"] = "二零二六年九月二日"
    records[1]["deadline"] = "十月十二日"  # no year: the found date's
    records[2]["found_on"] = "2026-09-03 00:00:00"
    records[3]["deadline"] = "二〇二六年九月廿四日"
    rows = table(records)
    path = {
        "xlsx": lambda: write_xlsx(tmp_path / "t.xlsx", [SheetSpec("台账", rows)]),
        "xls": lambda: write_xls(tmp_path / "t.xls", [SheetSpec("台账", rows)]),
        "csv": lambda: write_csv(tmp_path / "t.csv", rows),
    }[writer]()
    ledger = read(path)
    assert ledger.data["found_on"].dt.date.tolist()[:3] == [dt.date(2026, 9, d) for d in (1, 2, 3)]
    assert ledger.data["deadline"].dt.date.tolist()[1] == dt.date(2026, 10, 12)
    assert ledger.data["deadline"].dt.date.tolist()[3] == dt.date(2026, 9, 24)
    assert ledger.counts.used == 4
