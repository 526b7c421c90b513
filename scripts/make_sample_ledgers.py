"""Regenerate sample_ledgers/: hazard ledgers and responsibility lists from the fictional county 示例县.

    .venv/bin/python scripts/make_sample_ledgers.py            # write sample_ledgers/ (make samples)
    .venv/bin/python scripts/make_sample_ledgers.py --check    # read the folder back and verify it

隐患台账/: three months of cumulative hazard ledgers; every town keeps its own layout for its three
monthly files; 白马镇's October file carries deliberate defects. 责任清单/: 全员安全生产责任清单 of about 80%
of the enterprises, one layout per town, three deliberate problems in three stacked lists. 底数/: the
county's roster of enterprises (生产经营单位底数台账, about 120 units): the enterprises of the hazard
ledgers but three, plus units no ledger names, five names written differently; no deliberate errors.
长效机制/ (issue 21): drill records of every roster unit to inspect, the training archive of ten
enterprises and the county's safety supervisors, as of 2026-10-31, with 13 planted problems.
All defects are listed in the generated README.md with their cell addresses. The data come from
devtools.synth with fixed seeds (the lists and the roster use their own random.Random, so the hazard
files do not change), the files from devtools.fab, so a rerun gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import shutil
import sys
import tempfile
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from devtools import fab, synth  # noqa: E402
from devtools.fab import SheetSpec  # noqa: E402

SEED = 2026
START, END = dt.date(2026, 8, 1), dt.date(2026, 10, 31)
MONTHS = ((2026, 8), (2026, 9), (2026, 10))
LEDGER_DIR = "隐患台账"
DEFECT_TOWN = "白马镇"
DEFECT_MONTH = (2026, 10)
LONG_TERM_TOWN = "南关街道"

# canonical columns (青石镇, 白马镇, 示例经济开发区)
CANON: tuple[tuple[str, str | None], ...] = (
    ("序号", None), ("隐患编号", "hazard_id"), ("镇街", "town"), ("企业名称", "unit"),
    ("统一社会信用代码", "uscc"), ("行业领域", "industry"), ("排查日期", "found_on"), ("排查类型", "source"),
    ("隐患类别", "category"), ("隐患等级", "level"), ("隐患部位", "place"), ("隐患描述", "description"),
    ("整改措施", "measure"), ("整改责任人", "owner"), ("整改期限", "deadline"), ("整改状态", "status"),
    ("整改完成日期", "closed_on"), ("复查人", "verifier"), ("验收日期", "verified_on"), ("备注", "note"),
)  # fmt: skip


def col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def month_end(y: int, m: int) -> dt.date:
    return synth.month_end(dt.date(y, m, 1))


def file_name(town: str, y: int, m: int, ext: str) -> str:
    return f"{town}隐患排查治理台账（{y}年{m}月）.{ext}"


def _crc(*parts: Any) -> int:
    return zlib.crc32("|".join(str(p) for p in parts).encode("utf-8"))


# ---------------------------------------------------------------------------------------------------
# The plan: data, files, defects (shared by writing and --check)


@dataclass
class Defect:
    code: str  # a … i
    hazard_id: str  # the canonical hazard behind the row
    field: str  # canonical field of the cell
    cell: str = ""  # e.g. G15, filled in by the renderer
    value: Any = None  # what the cell holds
    severity: str = "错误"  # 错误 / 警告
    text: str = ""  # Chinese description for the README


@dataclass
class FileOut:
    town: str
    month: tuple[int, int]
    rel: str  # path relative to the sample folder
    kind: str  # xlsx / xls / csv
    sheets: list[SheetSpec] = field(default_factory=list)
    csv_rows: list[list[Any]] = field(default_factory=list)
    csv_args: dict[str, Any] = field(default_factory=dict)
    sheet: str = ""  # name of the ledger sheet ("" for CSV)
    columns: list[str | None] = field(default_factory=list)  # canonical field per column
    data: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row 1-based, record as shown)
    defects: list[Defect] = field(default_factory=list)
    expected: dict[tuple[int, str], str] = field(default_factory=dict)  # (row, field) -> issue code
    created: dt.datetime | None = None


@dataclass
class Plan:
    county: synth.County
    records: list[dict]
    files: list[FileOut]
    long_term_id: str
    defect_ids: dict[str, str]  # defect code -> hazard_id
    resp: RespPlan | None = None  # 全员安全生产责任清单
    roster: RosterPlan | None = None  # 生产经营单位底数台账
    mech: MechPlan | None = None  # 长效机制台账: 应急演练, 安全培训, 安全监管力量


def build_plan() -> Plan:
    county = synth.make_county(SEED)
    # responsibility lists from the county as generated (before the hazard defects add two enterprises)
    lists = synth.make_responsibility(county, RESP_SEED, plain_towns=RESP_PLAIN)
    records = synth.make_hazards(county, start=START, end=END, seed=SEED + 1)
    rng = random.Random(SEED + 2)
    defect_ids = _prepare_defect_records(county, records, rng)
    long_term_id = _pick_long_term(records)
    town_layout = {
        "青石镇": render_qingshi,
        "柳河镇": render_liuhe,
        "东湖街道": render_donghu,
        "西山镇": render_xishan,
        "南关街道": render_nanguan,
        "白马镇": render_baima,
        "安平镇": render_anping,
        "示例经济开发区": render_kaifaqu,
    }
    by_town: dict[str, list[dict]] = {}
    for r in records:
        by_town.setdefault(r["town"], []).append(r)
    ctx = {
        "long_term_id": long_term_id,
        "defect_ids": defect_ids,
        "county": county,
        "county_records": by_town,
    }
    files = []
    for town in county.towns:
        own = [r for r in records if r["town"] == town.name]
        for y, m in MONTHS:
            as_of = month_end(y, m)
            rows = synth.snapshot(own, as_of)
            rows.sort(key=lambda r: r["hazard_id"])
            f = town_layout[town.name](town, (y, m), rows, ctx)
            f.created = dt.datetime(as_of.year, as_of.month, as_of.day, 17, 30, 0)
            files.append(f)
    resp = build_resp_plan(county, lists)
    defect_only = {r["unit"] for r in records if r["hazard_id"] in (defect_ids["d"], defect_ids["h"])}
    roster = build_roster_plan(county, records, resp, defect_only)
    mech = build_mech_plan(county, resp, roster)
    return Plan(county, records, files, long_term_id, defect_ids, resp, roster, mech)


def _prepare_defect_records(county: synth.County, records: list[dict], rng: random.Random) -> dict[str, str]:
    """Choose 10 new October hazards of 白马镇 for the defects; move two to one-hazard enterprises.

    Defects (d) and (h) change a 统一社会信用代码 cell; giving those rows an enterprise of their own keeps
    the rest of the file consistent (no second code for an existing name).
    """
    y, m = DEFECT_MONTH
    dates: dict[tuple, set] = {}
    for r in records:
        dates.setdefault((r["unit"], synth.topic_of(r["description"])), set()).add(r["found_on"])
    october = [
        r for r in records
        if r["town"] == DEFECT_TOWN and (r["found_on"].year, r["found_on"].month) == (y, m)
        and r["level"] == synth.LEVEL_GENERAL
        and len(dates[(r["unit"], synth.topic_of(r["description"]))]) == 1  # not part of a 屡查屡有 group
    ]  # fmt: skip
    closed = [r for r in october if r["status"] == synth.CLOSED]
    if len(october) < 10 or len(closed) < 2:
        raise SystemExit(f"seed {SEED}: too few October hazards in {DEFECT_TOWN} for the defects")
    picks: dict[str, dict] = {"c": closed[0], "i": closed[1]}
    rest = [r for r in october if r not in picks.values()]
    # (e): X is an earlier row whose id is copied onto a later row Y
    picks["e0"], picks["e"] = rest[0], rest[-1]
    for code, r in zip(("a", "b", "d", "f", "g", "h"), rest[1:-1], strict=False):
        picks[code] = r
    missing = {"a", "b", "d", "f", "g", "h"} - picks.keys()
    if missing:
        raise SystemExit(f"seed {SEED}: no rows left for defects {sorted(missing)}")

    town = county.town(DEFECT_TOWN)
    used = {e.name for e in county.enterprises}
    one_off = {
        "d": ("示例县白马镇恒达五金加工部", "91350100M000100Y43"),
        "h": ("示例县白马镇鑫盛铸件厂", synth.valid_uscc(rng, kind="91", region="379901", digits_only=True)),
    }
    for code, (name, uscc) in one_off.items():
        assert name not in used and synth.is_valid_uscc(uscc)
        owner = synth.person_name(rng)
        ent = synth.Enterprise(name, uscc, "工贸", "机械", DEFECT_TOWN, (owner,))
        town.enterprises.append(ent)
        rec = picks[code]
        rec.update(unit=name, uscc=uscc, industry="工贸", owner=owner)
    return {code: r["hazard_id"] for code, r in picks.items()}


def _pick_long_term(records: list[dict]) -> str:
    """One 南关街道 hazard still being worked on at the end, written with the deadline 长期."""
    cands = [r for r in records if r["town"] == LONG_TERM_TOWN and r["status"] == synth.IN_PROGRESS]
    cands.sort(key=lambda r: (r["found_on"].month != 9, r["level"] != synth.LEVEL_GENERAL, r["hazard_id"]))
    if not cands:
        raise SystemExit(f"seed {SEED}: no 整改中 hazard in {LONG_TERM_TOWN}")
    return cands[0]["hazard_id"]


def _cell(rec: dict, key: str | None, seq: int) -> Any:
    if key is None:
        return seq
    v = rec[key]
    return "" if v is None else v


def _expect_long_term(f: FileOut, ctx: dict) -> None:
    for row, rec in f.data:
        if rec["hazard_id"] == ctx["long_term_id"]:
            f.expected[(row, "deadline")] = "长期"


# ---------------------------------------------------------------------------------------------------
# Layouts


def _simple(town: synth.Town, month, rows, *, sheet: str, fill_line: bool, ext="xlsx") -> FileOut:
    y, m = month
    ncol = len(CANON)
    grid: list[list[Any]] = [[f"{town.name}安全生产隐患排查治理台账"] + [""] * (ncol - 1)]
    if fill_line:
        line = [""] * ncol
        line[0] = f"填报单位：{town.name}人民政府（盖章）"
        line[16] = f"填报日期：{cn_date(month_end(y, m))}"
        grid.append(line)
    grid.append([h for h, _ in CANON])
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, ext)}", ext)
    f.sheet = sheet
    f.columns = [k for _, k in CANON]
    for i, rec in enumerate(rows, 1):
        grid.append([_cell(rec, k, i) for _, k in CANON])
        f.data.append((len(grid), rec))
    grid.append([""] * ncol)
    footer = [""] * ncol
    footer[0], footer[5], footer[11] = (
        f"填表人：{town.clerk}",
        f"审核人：{town.reviewer}",
        "联系电话：0000-1234567",
    )
    grid.append(footer)
    widths = {1: 16, 3: 30, 4: 22, 11: 36, 12: 36}
    f.sheets = [SheetSpec(sheet, grid, merges=[(0, 0, 0, ncol - 1)], widths=widths)]
    return f


# 重大事故隐患 (issue 20): two towns keep the 五落实 columns, the zone also the 挂牌督办 ones; in 青石镇's
# October file one 重大 hazard lacks its 应急预案 (major-five-missing).
FIVE_HEADERS = ("整改资金（万元）", "应急预案")
LISTING_HEADERS = ("督办级别", "督办单位", "督办文号", "督办要求完成时间")
FIVE_GAP_TOWN = "青石镇"
_CONTINGENCY = "设置警戒区域，停用相关设备，落实专人值守和应急处置措施"


def _five(rec: dict) -> list[Any]:
    if rec["level"] != synth.LEVEL_MAJOR:
        return ["", ""]
    return [(_crc(rec["hazard_id"], "funds") % 40 + 5) / 10, _CONTINGENCY]


def _listing(rec: dict) -> list[Any]:
    """Every 重大 hazard is listed for supervision by the county (the plan: 一律挂牌督办)."""
    if rec["level"] != synth.LEVEL_MAJOR:
        return ["", "", "", ""]
    number = _crc(rec["hazard_id"], "listing") % 30 + 1
    return [
        "县级",
        "示例县安全生产委员会办公室",
        f"示例安委督〔{rec['found_on'].year}〕{number}号",
        rec["deadline"],
    ]


def five_gap(f: FileOut) -> tuple[int, str] | None:
    """(Excel row, hazard id) of the planted 五落实 gap, in 青石镇's October file only."""
    if f.town != FIVE_GAP_TOWN or f.month != DEFECT_MONTH:
        return None
    return next(((r, rec["hazard_id"]) for r, rec in f.data if rec["level"] == synth.LEVEL_MAJOR), None)


def render_qingshi(town, month, rows, ctx) -> FileOut:
    f = _simple(town, month, rows, sheet="Sheet1", fill_line=True)
    sheet = f.sheets[0]
    grid, width = sheet.rows, len(CANON) + len(FIVE_HEADERS)
    header = next(i for i, row in enumerate(grid) if row and row[0] == "序号")
    for row in grid:
        row.extend([""] * len(FIVE_HEADERS))
    grid[header][len(CANON) :] = FIVE_HEADERS
    gap = five_gap(f)
    for r, rec in f.data:
        values = _five(rec)
        if gap and r == gap[0]:
            values[1] = ""
        grid[r - 1][len(CANON) :] = values
    f.sheets = [SheetSpec(sheet.name, grid, merges=[(0, 0, 0, width - 1)], widths={**sheet.widths, 21: 30})]
    return f


def render_baima(town, month, rows, ctx) -> FileOut:
    f = _simple(town, month, rows, sheet="台账", fill_line=False)
    if month == DEFECT_MONTH:
        _apply_defects(f, ctx["defect_ids"])
    return f


def _apply_defects(f: FileOut, ids: dict[str, str]) -> None:
    grid = f.sheets[0].rows
    col = {k: i for i, (_, k) in enumerate(CANON) if k}
    row_of = {rec["hazard_id"]: (r, rec) for r, rec in f.data}

    def put(code: str, key: str, value: Any, text: str, severity: str = "错误") -> None:
        r, rec = row_of[ids[code]]
        grid[r - 1][col[key]] = value
        d = Defect(code, rec["hazard_id"], key, f"{col_letter(col[key])}{r}", value, severity, text)
        f.defects.append(d)
        f.expected[(r, key)] = code

    put("a", "found_on", "2026.13.5", "排查日期为“2026.13.5”，无法识别的日期")
    rec_b = row_of[ids["b"]][1]
    early = rec_b["found_on"] - dt.timedelta(days=7)
    put("b", "deadline", early, f"整改期限 {early.isoformat()} 早于排查日期 {rec_b['found_on'].isoformat()}")
    put("c", "closed_on", "", "整改状态为“已整改”，但整改完成日期为空")
    put("d", "uscc", "91350100M000100Y4Z", "统一社会信用代码 91350100M000100Y4Z 校验位错误（应为 3）")
    r0, _ = row_of[ids["e0"]]
    put(
        "e",
        "hazard_id",
        ids["e0"],
        f"隐患编号 {ids['e0']} 与第 {r0} 行重复（内容不同）；本行应为 {ids['e']}，该编号因此不出现在任何文件中",
    )
    put("f", "level", "严重", "隐患等级“严重”不在规定等级（一般事故隐患/重大事故隐患）内")
    put("g", "owner", "", "整改责任人为空")
    code_h = row_of[ids["h"]][1]["uscc"]
    put(
        "h",
        "uscc",
        float(code_h),
        f"统一社会信用代码存成数值 {float(code_h):.15g}，已丢失位数（原码 {code_h}）",
    )
    put("i", "verifier", "", "已整改隐患未填写复查人", severity="警告")
    f.defects.sort(key=lambda d: d.code)


def render_liuhe(town, month, rows, ctx) -> FileOut:
    """Two-row merged header, enterprise cells merged over their rows, a 合计 row."""
    y, m = month
    top = ("序号", "隐患编号", "所属镇街", "企业名称", "统一社会信用代码", "行业领域", "排查日期", "隐患等级",
           "隐患描述", "整改措施", "整改责任人", "整改时限", "整改情况", "", "")  # fmt: skip
    sub = ("",) * 12 + ("整改状态", "完成时间", "验收人")
    keys = (None, "hazard_id", "town", "unit", "uscc", "industry", "found_on", "level", "description", "measure",
            "owner", "deadline", "status", "closed_on", "verifier")  # fmt: skip
    ncol = len(top)
    grid: list[list[Any]] = [[f"{town.name}{y}年{m}月安全生产隐患排查治理台账"] + [""] * (ncol - 1)]
    grid += [list(top), list(sub)]
    merges = [(0, 0, 0, ncol - 1), (1, 12, 1, 14)] + [(1, c, 2, c) for c in range(12)]
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'xlsx')}", "xlsx")
    f.sheet, f.columns = "隐患台账", list(keys)
    first_seen: dict[str, int] = {}
    for i, r in enumerate(rows):
        first_seen.setdefault(r["unit"], i)
    ordered = sorted(rows, key=lambda r: (first_seen[r["unit"]], r["found_on"], r["hazard_id"]))
    block_start = None
    for i, rec in enumerate(ordered, 1):
        grid.append([_cell(rec, k, i) for k in keys])
        f.data.append((len(grid), rec))
        r0 = len(grid) - 1
        if block_start is None or grid[block_start][3] != rec["unit"]:
            block_start = r0
        nxt = ordered[i]["unit"] if i < len(ordered) else None
        if nxt != rec["unit"] and r0 > block_start:
            merges += [(block_start, c, r0, c) for c in (3, 4, 5)]
    total = [""] * ncol
    total[0], total[3] = "合计", len(ordered)
    grid.append(total)
    merges.append((len(grid) - 1, 0, len(grid) - 1, 2))
    f.sheets = [SheetSpec("隐患台账", grid, merges=merges, widths={1: 16, 3: 30, 4: 22, 8: 36, 9: 36})]
    return f


_DONGHU_INDUSTRY = {"危险化学品": "危化", "城镇燃气": "燃气", "教育": "学校"}
_DONGHU_STATUS = {synth.CLOSED: "已完成", synth.IN_PROGRESS: "正在整改", synth.OPEN: "未整改"}
_DONGHU_LEVEL = {synth.LEVEL_GENERAL: "一般隐患", synth.LEVEL_MAJOR: "重大隐患"}


def render_donghu(town, month, rows, ctx) -> FileOut:
    """GBK CSV as exported from WPS: variant headers, synonyms, dates 2026/9/3."""
    y, m = month
    header = ["序号", "编号", "所属镇街", "单位名称", "信用代码", "行业", "检查日期", "检查类型", "隐患等级", "隐患内容",
              "整改要求", "责任人", "整改时限", "整改情况", "实际完成时间", "验收人"]  # fmt: skip
    keys = [None, "hazard_id", "town", "unit", "uscc", "industry", "found_on", "source", "level", "description",
            "measure", "owner", "deadline", "status", "closed_on", "verifier"]  # fmt: skip
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'csv')}", "csv")
    f.columns = keys
    f.csv_rows = [header]
    for i, rec in enumerate(rows, 1):
        row = [_cell(rec, k, i) for k in keys]
        row[5] = _DONGHU_INDUSTRY.get(rec["industry"], rec["industry"])
        row[8] = _DONGHU_LEVEL[rec["level"]]
        row[13] = _DONGHU_STATUS[rec["status"]]
        f.csv_rows.append(row)
        f.data.append((len(f.csv_rows), rec))
    f.csv_args = {"encoding": "gbk", "bom": False, "newline": "\r\n"}
    return f


def render_xishan(town, month, rows, ctx) -> FileOut:
    """Old .xls: an instructions sheet first, header cells with line breaks and spaces."""
    y, m = month
    notes = [
        ["填表说明"],
        ["一、本表为累计台账，每月末在上月基础上更新整改情况后报镇安监办。"],
        ["二、日期一律按日期格式填写，例如2026-09-03。"],
        ["三、隐患等级按一般事故隐患、重大事故隐患两级填写。"],
        ["四、已整改的隐患应当填写整改完成日期，并由复查人签字确认。"],
        ["五、重大事故隐患须同时报县应急管理局。"],
    ]
    header = ["序\n号", "隐 患\n编 号", "所属\n镇街", "企业（单位）名称", "统一社会\n信用代码", "行业\n领域", "排查\n日期",
              "排查\n类型", "隐患\n类别", "隐患\n等级", "隐患\n部位", "隐患描述", "整改措施", "整改\n责任人", "整改\n期限",
              "整改\n状态", "整改完成\n日期", "复 查 人", "验收\n日期", "备  注"]  # fmt: skip
    keys = [k for _, k in CANON]
    grid: list[list[Any]] = [
        [f"{town.name}安全生产隐患排查治理台账（{y}年{m}月）"] + [""] * (len(header) - 1)
    ]
    grid.append(header)
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'xls')}", "xls")
    f.sheet, f.columns = "隐患台账", keys
    for i, rec in enumerate(rows, 1):
        grid.append([_cell(rec, k, i) for k in keys])
        f.data.append((len(grid), rec))
    f.sheets = [
        SheetSpec("填表说明", notes, widths={0: 70}),
        SheetSpec("隐患台账", grid, merges=[(0, 0, 0, len(header) - 1)]),
    ]
    return f


_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _nanguan_date(d: dt.date, hid: str, key: str, full_width: bool) -> str:
    if full_width:
        return cn_date(d).translate(_FULL_WIDTH)
    form = _crc(hid, key) % 4
    if form == 0:
        return f"{d.year}.{d.month}.{d.day}"
    if form == 1:
        return cn_date(d)
    if form == 2:
        return d.strftime("%Y%m%d")
    return d.isoformat()


def _nanguan_deadline(rec: dict) -> str | None:
    """A deadline token when the town would write one (consistent with found_on + N days)."""
    off = (rec["deadline"] - rec["found_on"]).days
    token = {0: "立即整改", 7: "一周内", 10: "10天内", 15: "15日内"}.get(off)
    if token and _crc(rec["hazard_id"], "token") % 10 < 7:
        return token
    return None


def render_nanguan(town, month, rows, ctx) -> FileOut:
    """Header on row 1 with variant names, text dates in mixed forms, deadline tokens, a hidden 字典 sheet."""
    y, m = month
    header = ["隐患序号", "镇(街道)", "生产经营单位", "社会信用代码", "所属行业", "发现日期", "隐患来源", "隐患分类",
              "隐患级别", "部位", "存在问题", "整改方案", "治理责任人", "完成时限", "完成情况", "整改完成时间",
              "复查验收人"]  # fmt: skip
    keys = ["hazard_id", "town", "unit", "uscc", "industry", "found_on", "source", "category", "level", "place",
            "description", "measure", "owner", "deadline", "status", "closed_on", "verifier"]  # fmt: skip
    status_word = {synth.CLOSED: "已完成", synth.IN_PROGRESS: "整改中", synth.OPEN: "未完成"}
    # full-width digits: the found date of the first hazard found in each month (stable across the files)
    firsts: dict[tuple[int, int], str] = {}
    for r in sorted(ctx["county_records"][town.name], key=lambda r: r["hazard_id"]):
        firsts.setdefault((r["found_on"].year, r["found_on"].month), r["hazard_id"])
    full = set(firsts.values())
    grid: list[list[Any]] = [header]
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'xlsx')}", "xlsx")
    f.sheet, f.columns = "隐患排查治理台账", keys
    for rec in rows:
        hid = rec["hazard_id"]
        row = [_cell(rec, k, 0) for k in keys]
        row[5] = _nanguan_date(rec["found_on"], hid, "found", hid in full)
        row[8] = "重大" if rec["level"] == synth.LEVEL_MAJOR else "一般"
        if hid == ctx["long_term_id"]:
            row[13] = "长期"
        else:
            row[13] = _nanguan_deadline(rec) or _nanguan_date(rec["deadline"], hid, "deadline", False)
        row[14] = status_word[rec["status"]]
        row[15] = _nanguan_date(rec["closed_on"], hid, "closed", False) if rec["closed_on"] else ""
        grid.append(row)
        f.data.append((len(grid), rec))
    _expect_long_term(f, ctx)
    lists = [
        ["隐患级别", "完成情况", "隐患来源", "隐患分类", "所属行业"],
    ]
    columns = [
        ["一般", "重大"],
        ["已完成", "整改中", "未完成"],
        list(synth.SOURCES),
        ["基础管理类", "现场管理类"],
        [
            "工贸",
            "危险化学品",
            "建筑施工",
            "城镇燃气",
            "道路运输",
            "特种设备",
            "教育",
            "养老机构",
            "文化旅游",
            "其他",
        ],
    ]
    for i in range(max(len(c) for c in columns)):
        lists.append([c[i] if i < len(c) else "" for c in columns])
    f.sheets = [
        SheetSpec("隐患排查治理台账", grid, widths={0: 16, 2: 30, 3: 22, 10: 36, 11: 36}),
        SheetSpec("字典", lists, hidden=True),
    ]
    return f


def render_anping(town, month, rows, ctx) -> FileOut:
    """A cover sheet first; ledger with title, blank row, 填报单位 line, header on row 4, 合计, signature."""
    y, m = month
    as_of = month_end(y, m)
    new = sum(1 for r in rows if (r["found_on"].year, r["found_on"].month) == (y, m))
    done = sum(1 for r in rows if r["status"] == synth.CLOSED)
    cover = [
        [f"{town.name}{y}年{m}月隐患排查治理情况报送"],
        [""],
        [f"报送单位：{town.name}安监站"],
        [f"报送日期：{cn_date(as_of)}"],
        [""],
        [f"本月新排查隐患{new}条，累计{len(rows)}条，已整改{done}条。"],
    ]
    header = ["序号", "隐患编号", "所属镇街", "企业名称", "统一社会信用代码", "行业类别", "检查时间", "检查方式", "隐患类型",
              "隐患等级", "检查地点", "隐患描述", "整改措施", "责任人", "整改期限", "整改进度", "整改完成日期", "复核人",
              "复查时间", "备注"]  # fmt: skip
    keys = [k for _, k in CANON]
    ncol = len(header)
    blank = [""] * ncol
    grid: list[list[Any]] = [[f"{town.name}安全生产隐患排查治理台账"] + [""] * (ncol - 1), list(blank)]
    grid.append([f"填报单位：{town.name}安监站（盖章）"] + [""] * (ncol - 1))
    grid.append(header)
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'xlsx')}", "xlsx")
    f.sheet, f.columns = "隐患台账", keys
    for i, rec in enumerate(rows, 1):
        grid.append([_cell(rec, k, i) for k in keys])
        f.data.append((len(grid), rec))
    total = list(blank)
    total[0], total[2] = "合计", f"{len(rows)}条"
    grid.append(total)
    grid.append(list(blank))
    sign = list(blank)
    sign[0], sign[12] = "单位负责人（签字）：", "盖章"
    grid.append(sign)
    f.sheets = [
        SheetSpec("封面", cover, merges=[(0, 0, 0, 5)], widths={0: 20}),
        SheetSpec(
            "隐患台账", grid, merges=[(0, 0, 0, ncol - 1), (2, 0, 2, 5)], widths={3: 30, 11: 36, 12: 36}
        ),
    ]
    return f


def render_kaifaqu(town, month, rows, ctx) -> FileOut:
    """UTF-8 CSV with BOM, canonical headers, ISO dates."""
    y, m = month
    keys = [k for _, k in CANON]
    f = FileOut(town.name, month, f"{LEDGER_DIR}/{y}-{m:02d}/{file_name(town.name, y, m, 'csv')}", "csv")
    f.columns = keys
    f.csv_rows = [[h for h, _ in CANON] + [*FIVE_HEADERS, *LISTING_HEADERS]]
    for i, rec in enumerate(rows, 1):
        row = [_cell(rec, k, i) for k in keys] + _five(rec) + _listing(rec)
        row = [v.isoformat() if isinstance(v, dt.date) else v for v in row]
        f.csv_rows.append(row)
        f.data.append((len(f.csv_rows), rec))
    f.csv_args = {"encoding": "utf-8", "bom": True, "newline": "\r\n"}
    return f


# ---------------------------------------------------------------------------------------------------
# 全员安全生产责任清单: plan, layouts, defects

RESP_DIR = "责任清单"
RESP_SEED = SEED + 3  # synth.make_responsibility: its own random.Random, independent of the hazards
RESP_DEFECT_SEED = SEED + 4
RESP_STACKED = ("青石镇", "柳河镇", "白马镇", "安平镇")
RESP_PER_SHEET = ("东湖街道", "南关街道")
RESP_PER_FILE = ("西山镇",)
RESP_PLAIN = ("示例经济开发区",)  # no 层级 column: the level follows from the post
RESP_DEFECT_TOWNS = {"1": "柳河镇", "2": "青石镇", "3": "安平镇"}
RESP_LIMIT = dt.date(2026, 11, 28)  # signing dates must not lie after this day
RESP_SHEET = "责任清单"

STACKED_HEADER = ("序号", "企业名称", "统一社会信用代码", "层级", "部门(车间/班组)", "岗位(职务)", "姓名", "安全生产职责",
                  "考核标准", "签订日期", "备注")  # fmt: skip
STACKED_KEYS = (
    None,
    "unit",
    "uscc",
    "level",
    "dept",
    "post",
    "name",
    "duty",
    "standard",
    "signed_on",
    "note",
)
PER_SHEET_HEADER = (
    "序号",
    "责任层级",
    "部门",
    "岗位",
    "责任人",
    "责任内容",
    "考核指标",
    "考核方式",
    "签字日期",
)
PER_SHEET_KEYS = (None, "level", "dept", "post", "name", "duty", "standard", "method", "signed_on")
PER_FILE_HEADER = (
    "序号",
    "层级",
    "部门(车间/班组)",
    "岗位(职务)",
    "姓名",
    "安全生产职责",
    "考核标准",
    "签订日期",
)
PER_FILE_KEYS = (None, "level", "dept", "post", "name", "duty", "standard", "signed_on")
PLAIN_HEADER = (
    "企业名称",
    "统一社会信用代码",
    "部门",
    "岗位(职务)",
    "姓名",
    "安全生产职责",
    "考核标准",
    "签订日期",
)
PLAIN_KEYS = ("unit", "uscc", "dept", "post", "name", "duty", "standard", "signed_on")
RESP_INSTRUCTIONS = (
    "一、本工作簿每个工作表为一家企业的全员安全生产责任清单，工作表名称为企业简称，第2行填写企业全称和统一社会信用代码。",
    "二、责任层级按主要负责人、分管负责人、部门负责人、班组长、岗位人员五级填写，每名从业人员均应列入并本人签字。",
    "三、责任内容应结合岗位实际逐岗位填写，不得照抄照搬；考核指标和签字日期不得空缺。",
)


@dataclass
class RespBlock:
    ent: synth.Enterprise
    sheet: str
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (Excel row / CSV line, row as shown)

    @property
    def first(self) -> int:
        return self.rows[0][0]

    @property
    def last(self) -> int:
        return self.rows[-1][0]


@dataclass
class RespFile:
    town: str
    rel: str
    kind: str  # xlsx / xls / csv
    layout: str  # stacked / per_sheet / per_file / plain
    columns: tuple[str | None, ...] = ()
    sheets: list[SheetSpec] = field(default_factory=list)
    csv_rows: list[list[Any]] = field(default_factory=list)
    blocks: list[RespBlock] = field(default_factory=list)
    created: dt.datetime | None = None


@dataclass
class RespDefect:
    code: str  # 1 / 2 / 3
    unit: str
    town: str
    severity: str
    rows: list[int] = field(default_factory=list)  # indices into the enterprise's list (defect 2)
    rel: str = ""
    sheet: str = ""
    cells: list[str] = field(default_factory=list)  # filled in by the renderer
    text: str = ""


@dataclass
class RespPlan:
    lists: dict[str, list[dict]]  # enterprise name -> rows (defects applied)
    files: list[RespFile]
    defects: list[RespDefect]
    without: list[synth.Enterprise]  # enterprises of the county (incl. hazard-only ones) with no list


def build_resp_plan(county: synth.County, lists: dict[str, list[dict]]) -> RespPlan:
    defects = _apply_resp_defects(county, lists, random.Random(RESP_DEFECT_SEED))
    files: list[RespFile] = []
    by_town = {t.name: [e for e in t.enterprises if e.name in lists] for t in county.towns}
    for i, town in enumerate(county.towns):
        ents = by_town[town.name]
        created = dt.datetime(2026, 4, 7 + i, 9, 30, 0)
        if town.name in RESP_STACKED:
            files.append(_resp_stacked(town.name, ents, lists, created))
        elif town.name in RESP_PER_SHEET:
            files.append(_resp_per_sheet(town.name, ents, lists, created))
        elif town.name in RESP_PER_FILE:
            files += [_resp_per_file(town.name, e, lists[e.name]) for e in ents]
        elif town.name in RESP_PLAIN:
            files.append(_resp_plain(town.name, ents, lists))
        else:
            raise SystemExit(f"no responsibility-list layout for {town.name}")
    for d in defects:
        f = next(f for f in files if f.town == d.town)
        b = next(b for b in f.blocks if b.ent.name == d.unit)
        col = {k: col_letter(i) for i, k in enumerate(f.columns) if k}
        d.rel, d.sheet = f.rel, b.sheet
        if d.code == "1":
            d.cells = [f"{col['level']}{b.first}:{col['level']}{b.last}"]
        elif d.code == "2":
            d.cells = [f"{col['duty']}{b.rows[i][0]}" for i in d.rows]
        else:
            d.cells = [f"{col['unit']}{b.first}", f"{col['level']}{b.first}"]
        d.text = _resp_defect_text(d, b, col)
    without = [e for e in county.enterprises if e.name not in lists]
    return RespPlan(lists, files, defects, without)


def _apply_resp_defects(
    county: synth.County, lists: dict[str, list[dict]], rng: random.Random
) -> list[RespDefect]:
    """(1) no 班组长 level; (2) one duty on three posts of three levels; (3) no 主要负责人. Each in its town."""
    out = []
    for code, town in RESP_DEFECT_TOWNS.items():
        cands = [e.name for e in county.town(town).enterprises if e.name in lists]
        if code == "2":
            cands = [n for n in cands if _single_staff_posts(lists[n])]
        if not cands:
            raise SystemExit(f"seed {RESP_SEED}: no enterprise in {town} for responsibility defect ({code})")
        unit = rng.choice(cands)
        rows = lists[unit]
        if code == "1":
            lists[unit] = [r for r in rows if r["level"] != "班组长"]
            out.append(RespDefect(code, unit, town, "警告"))
        elif code == "3":
            lists[unit] = [r for r in rows if r["level"] != "主要负责人"]
            out.append(RespDefect(code, unit, town, "错误"))
        else:
            dept_rows = [i for i, r in enumerate(rows) if r["level"] == "部门负责人"]
            team_rows = [i for i, r in enumerate(rows) if r["level"] == "班组长"]
            x, y, z = rng.choice(dept_rows), rng.choice(team_rows), rng.choice(_single_staff_posts(rows))
            text = rows[x]["duty"]
            # the copies differ only in punctuation and spaces, as pasted from another file
            rows[y]["duty"] = text.replace("，", ", ", 1)
            rows[z]["duty"] = text.replace("；", ";").rstrip("。")
            assert len({rows[i]["duty"] for i in (x, y, z)}) == 3
            assert len({synth.duty_key(rows[i]["duty"]) for i in (x, y, z)}) == 1
            out.append(RespDefect(code, unit, town, "警告", rows=[x, y, z]))
    return out


def _single_staff_posts(rows: list[dict]) -> list[int]:
    """Indices of 岗位人员 rows whose post nobody else in the list holds."""
    posts = [r["post"] for r in rows]
    return [i for i, r in enumerate(rows) if r["level"] == "岗位人员" and posts.count(r["post"]) == 1]


def _resp_defect_text(d: RespDefect, b: RespBlock, col: dict[str, str]) -> str:
    if d.code == "1":
        levels = "、".join(dict.fromkeys(r["level"] for _, r in b.rows))
        return (f"{d.unit}（第 {b.first}–{b.last} 行）只有 {levels} 四个层级，缺少“班组长”层级，"
                "应给出缺少中间层级的警告")  # fmt: skip
    if d.code == "2":
        parts = [f"第 {b.rows[i][0]} 行 {b.rows[i][1]['post']}（{b.rows[i][1]['level']}）" for i in d.rows]
        return (f"{d.unit}：同一段职责用于 3 个不同层级、不同部门的岗位：{'、'.join(parts)}；三处文字只在标点和空格上不同"
                "（“，”写成“, ”，“；”写成“;”并去掉句末“。”），去掉空白和标点后完全相同，应给出职责照抄照搬的警告")  # fmt: skip
    first = b.rows[0][1]
    return (f"{d.unit}（第 {b.first}–{b.last} 行）没有主要负责人行，清单从{first['level']}"
            f"（{first['post']} {first['name']}）开始，应报错：缺少主要负责人")  # fmt: skip


def sheet_short_name(name: str, used: set[str]) -> str:
    short = name.removeprefix("示例县").removesuffix("有限公司")
    short = short[:31]
    candidate, i = short, 2
    while candidate in used:
        suffix = f"({i})"
        candidate, i = short[: 31 - len(suffix)] + suffix, i + 1
    used.add(candidate)
    return candidate


def _resp_stacked(town: str, ents: list[synth.Enterprise], lists, created) -> RespFile:
    ncol = len(STACKED_HEADER)
    f = RespFile(
        town, f"{RESP_DIR}/{town}企业全员安全生产责任清单（2026年）.xlsx", "xlsx", "stacked", STACKED_KEYS
    )
    grid: list[list[Any]] = [[f"{town}企业全员安全生产责任清单"] + [""] * (ncol - 1), list(STACKED_HEADER)]
    merges = [(0, 0, 0, ncol - 1)]
    seq = 0
    for ent in ents:
        b = RespBlock(ent, RESP_SHEET)
        for j, r in enumerate(lists[ent.name]):
            seq += 1
            row = [seq] + ["" if r[k] is None else r[k] for k in STACKED_KEYS[1:]]
            if j:  # enterprise cells merged over the enterprise's rows: value in the top cell only
                row[1] = row[2] = ""
            grid.append(row)
            b.rows.append((len(grid), r))
        if len(b.rows) > 1:
            merges += [(b.first - 1, c, b.last - 1, c) for c in (1, 2)]
        f.blocks.append(b)
    widths = {0: 6, 1: 28, 2: 21, 3: 11, 4: 14, 5: 16, 6: 8, 7: 60, 8: 40, 9: 12, 10: 14}
    f.sheets = [SheetSpec(RESP_SHEET, grid, merges=merges, widths=widths)]
    f.created = created
    return f


def _resp_per_sheet(town: str, ents: list[synth.Enterprise], lists, created) -> RespFile:
    ncol = len(PER_SHEET_HEADER)
    f = RespFile(
        town, f"{RESP_DIR}/{town}企业全员安全生产责任清单（2026年）.xlsx", "xlsx", "per_sheet", PER_SHEET_KEYS
    )
    f.sheets = [SheetSpec("说明", [[line] for line in RESP_INSTRUCTIONS], widths={0: 100})]
    used: set[str] = {"说明"}
    for ent in ents:
        name = sheet_short_name(ent.name, used)
        grid: list[list[Any]] = [[f"{ent.name}全员安全生产责任清单"] + [""] * (ncol - 1)]
        pre = [""] * ncol
        pre[0], pre[4] = f"企业名称：{ent.name}", f"统一社会信用代码：{ent.uscc or ''}"
        grid += [pre, list(PER_SHEET_HEADER)]
        b = RespBlock(ent, name)
        for j, r in enumerate(lists[ent.name], 1):
            row = [j] + ["" if r[k] is None else r[k] for k in PER_SHEET_KEYS[1:]]
            row[-1] = cn_date(r["signed_on"])
            grid.append(row)
            b.rows.append((len(grid), r))
        f.blocks.append(b)
        merges = [(0, 0, 0, ncol - 1), (1, 0, 1, 3), (1, 4, 1, ncol - 1)]
        widths = {0: 6, 1: 11, 2: 14, 3: 16, 4: 8, 5: 60, 6: 40, 7: 16, 8: 14}
        f.sheets.append(SheetSpec(name, grid, merges=merges, widths=widths))
    f.created = created
    return f


def _resp_per_file(town: str, ent: synth.Enterprise, rows: list[dict]) -> RespFile:
    ncol = len(PER_FILE_HEADER)
    rel = f"{RESP_DIR}/{town}/{ent.name}全员安全生产责任清单.xls"
    f = RespFile(town, rel, "xls", "per_file", PER_FILE_KEYS)
    grid: list[list[Any]] = [[f"{ent.name}全员安全生产责任清单"] + [""] * (ncol - 1)]
    grid.append([f"统一社会信用代码：{ent.uscc or ''}"] + [""] * (ncol - 1))
    grid.append(list(PER_FILE_HEADER))
    b = RespBlock(ent, "Sheet1")
    for j, r in enumerate(rows, 1):
        grid.append([j] + ["" if r[k] is None else r[k] for k in PER_FILE_KEYS[1:]])
        b.rows.append((len(grid), r))
    f.blocks.append(b)
    f.sheets = [SheetSpec("Sheet1", grid, merges=[(0, 0, 0, ncol - 1), (1, 0, 1, 3)])]
    return f


def _resp_plain(town: str, ents: list[synth.Enterprise], lists) -> RespFile:
    f = RespFile(town, f"{RESP_DIR}/{town}企业全员安全生产责任清单.csv", "csv", "plain", PLAIN_KEYS)
    f.csv_rows = [list(PLAIN_HEADER)]
    for ent in ents:
        b = RespBlock(ent, "")
        for r in lists[ent.name]:
            f.csv_rows.append(["" if r[k] is None else r[k] for k in PLAIN_KEYS])
            b.rows.append((len(f.csv_rows), r))
        f.blocks.append(b)
    return f


def write_resp(rp: RespPlan, out: Path) -> None:
    shutil.rmtree(out / RESP_DIR, ignore_errors=True)
    for f in rp.files:
        _write_one(out / f.rel, f, {"encoding": "utf-8", "bom": True, "newline": "\r\n"})


def _write_one(path: Path, f, csv_args: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if f.kind == "xlsx":
        fab.write_xlsx(path, f.sheets, properties={"created": f.created, "author": f"{f.town}安监站"})
    elif f.kind == "xls":
        fab.write_xls(path, f.sheets)
    else:
        fab.write_csv(path, f.csv_rows, **csv_args)


# ---------------------------------------------------------------------------------------------------
# 生产经营单位底数台账 (the county's roster of enterprises): plan and layout

ROSTER_DIR = "底数"
ROSTER_SEED = SEED + 5  # its own random.Random: the hazard ledgers and lists do not change
ROSTER_SHEET = "底数台账"
ROSTER_FILE = f"{ROSTER_DIR}/示例县生产经营单位底数台账.xlsx"
ROSTER_TITLE = "示例县生产经营单位底数台账（2026年10月）"
ROSTER_OFFICE = "示例县安全生产委员会办公室"
ROSTER_DATE = dt.date(2026, 10, 31)
ROSTER_TOTAL = 120
ROSTER_HEADER = ("序号", "企业名称", "统一社会信用代码", "所属镇街", "行业领域", "是否高危", "主要负责人", "联系电话",
                 "地址", "状态", "备注")  # fmt: skip
ROSTER_KEYS = ("seq", "unit", "uscc", "town", "industry", "high_risk", "principal", "phone", "address", "status",
               "note")  # fmt: skip
HIGH_RISK = frozenset(("危险化学品", "城镇燃气", "烟花爆竹", "非煤矿山", "建筑施工"))
COUNTY = "示例县"
# Enterprises on the roster only: (industry, sector, count), name templates ({z} trade name, {t} town)
# with their credit-code kind. 烟花爆竹 and 非煤矿山 have no enterprise in the hazard ledgers.
ROSTER_EXTRA_MIX: tuple[tuple[str, str, int], ...] = (
    ("工贸", "机械", 6), ("工贸", "建材", 4), ("工贸", "轻工", 6), ("工贸", "纺织", 2), ("工贸", "冶金", 2),
    ("工贸", "商贸", 4), ("危险化学品", "危险化学品", 4), ("建筑施工", "建筑施工", 3), ("城镇燃气", "城镇燃气", 2),
    ("烟花爆竹", "烟花爆竹", 2), ("非煤矿山", "非煤矿山", 2), ("道路运输", "道路运输", 3), ("教育", "教育", 2),
    ("养老机构", "养老机构", 1), ("文化旅游", "文化旅游", 3), ("其他", "其他", 3),
)  # fmt: skip
ROSTER_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "机械": (("{z}机械制造有限公司", "91"), ("{z}五金制品厂", "92"), ("{z}农机配件有限公司", "91"),
             ("{z}机械加工厂", "92"), ("{z}阀门有限公司", "91")),
    "建材": (("{z}建材有限公司", "91"), ("{z}新型墙体材料有限公司", "91"), ("{z}砖厂", "92"), ("{z}石材加工厂", "92")),
    "轻工": (("{z}食品有限公司", "91"), ("{z}包装制品有限公司", "91"), ("{z}家具厂", "92"), ("{z}面粉有限公司", "91"),
             ("{z}塑料制品厂", "92"), ("{z}纸制品有限公司", "91")),
    "纺织": (("{z}纺织有限公司", "91"), ("{z}服装厂", "92")),
    "冶金": (("{z}铸造有限公司", "91"), ("{z}金属制品有限公司", "91")),
    "商贸": (("{z}商贸有限公司", "91"), ("{z}超市", "92"), ("{z}仓储有限公司", "91")),
    "危险化学品": (("{z}化工有限公司", "91"), ("{z}加油站", "91"), ("{z}气体有限公司", "91"),
                   ("{z}化工产品经营部", "92")),
    "建筑施工": (("{z}建筑工程有限公司", "91"), ("{z}建设工程有限公司", "91"), ("{z}建筑安装有限公司", "91")),
    "城镇燃气": (("{z}燃气有限公司", "91"), ("{z}液化气站", "91")),
    "烟花爆竹": (("{z}烟花爆竹零售店", "92"), ("{z}烟花爆竹经营部", "92")),
    "非煤矿山": (("{z}矿业有限公司", "91"), ("{z}石料厂", "91")),
    "道路运输": (("{z}物流有限公司", "91"), ("{z}运输有限公司", "91"), ("{z}货运有限公司", "91")),
    "教育": (("{z}幼儿园", "52"), ("{t}中心幼儿园", "12")),
    "养老机构": (("{z}老年公寓", "52"), ("{z}养老服务中心", "52")),
    "文化旅游": (("{z}宾馆", "92"), ("{z}农家乐", "92"), ("{z}生态园", "91")),
    "其他": (("{z}物业服务有限公司", "91"), ("{z}汽车维修中心", "92"), ("{z}餐饮管理有限公司", "91")),
}  # fmt: skip
ROSTER_QUARRY_TOWNS = ("青石镇", "西山镇")  # the two 非煤矿山 (stone quarries)
_ROADS = ("工业路", "建设路", "人民路", "兴业路", "振兴街", "府前街", "创业路", "和平路", "文化路", "新华街",
          "滨河路", "青年路")  # fmt: skip
_PARK_ROADS = ("经一路", "经三路", "纬二路", "纬五路", "创新大道", "科技路", "发展大道")
_VILLAGES = ("李家庄村", "王家店村", "东岭村", "河口村", "前庄村", "后洼村", "石门村", "杨树沟村", "大官庄村",
             "小河涯村", "张家屯村", "北坡村")  # fmt: skip
_ROSTER_NOTES = {"关闭": ("2026年6月已关闭", "2026年5月关停"), "注销": ("2026年3月注销", "2026年7月注销"),
                 "停产": ("停产整顿", "季节性停产")}  # fmt: skip


@dataclass
class RosterRow:
    values: dict[str, Any]  # by ROSTER_KEYS, as written
    origin: str  # ledger (in the hazard ledgers) / county (in the county, never in a ledger) / extra
    ledger_name: str = ""  # the name in the hazard ledgers (origin ledger)
    variant: str = ""  # no_prefix / bracket: the name written differently from the ledgers
    row: int = 0  # Excel row


@dataclass
class RosterPlan:
    rows: list[RosterRow]
    off_roster: list[synth.Enterprise]  # in the hazard ledgers, not on the roster (底数不清)
    sheets: list[SheetSpec] = field(default_factory=list)
    created: dt.datetime | None = None

    def of(self, *origins: str) -> list[RosterRow]:
        return [r for r in self.rows if r.origin in origins]


def build_roster_plan(
    county: synth.County, records: list[dict], resp: RespPlan, defect_only: set[str]
) -> RosterPlan:
    """The county's roster at the end of October: every enterprise of the hazard ledgers but three,
    the county's two never inspected, and new ones (most 在营; 3 关闭, 2 注销, 2 停产) up to ROSTER_TOTAL.

    ``defect_only``: the two enterprises made for hazard defects (d) and (h), never chosen for the
    off-roster three or the name variants (their ledger rows show no valid code). Reads the county,
    never changes it; all choices come from random.Random(ROSTER_SEED).
    """
    rng = random.Random(ROSTER_SEED)
    in_ledgers = {r["unit"] for r in records}
    ents = county.enterprises
    key_count: dict[str, int] = {}
    for e in ents:
        k = _local_key(e.name)
        key_count[k] = key_count.get(k, 0) + 1
    # plain candidates: in the ledgers with a code, a name no other enterprise shares (the county aside)
    plain = [
        e for e in ents
        if e.name in in_ledgers and e.uscc and key_count[_local_key(e.name)] == 1 and e.name not in defect_only
    ]  # fmt: skip

    def pick(cands: list[synth.Enterprise], n: int, taken: set[str]) -> list[synth.Enterprise]:
        """n enterprises of n different towns, in county order."""
        pool = [e for e in cands if e.name not in taken]
        rng.shuffle(pool)
        out: list[synth.Enterprise] = []
        for e in pool:
            if len(out) < n and e.town not in {x.town for x in out}:
                out.append(e)
        if len(out) < n:
            raise SystemExit(f"seed {ROSTER_SEED}: too few enterprises for the roster's choices")
        return sorted(out, key=ents.index)

    off = pick(plain, 3, set())
    taken = {e.name for e in off}
    prefixed = [e for e in plain if e.name.startswith(COUNTY) and e.town not in e.name]
    no_prefix = pick(prefixed, 3, taken)
    taken |= {e.name for e in no_prefix}
    bracket = pick([e for e in prefixed if e.name.endswith(("有限公司", "厂"))], 2, taken)
    variant_of: dict[str, tuple[str, str, bool]] = {}  # name -> (shown name, variant, code kept)
    for e, keep in zip(no_prefix, (False, False, True), strict=True):
        variant_of[e.name] = (e.name.removeprefix(COUNTY), "no_prefix", keep)
    for e, keep in zip(bracket, (False, True), strict=True):
        variant_of[e.name] = (f"{e.name.removeprefix(COUNTY)}（{COUNTY}）", "bracket", keep)

    # people: the 主要负责人 of a county enterprise is its first owner (the 法定代表人 of its list)
    used_people: set[str] = set()
    for t in county.towns:
        used_people |= {*t.verifiers, t.clerk, t.reviewer}
        for e in t.enterprises:
            used_people |= set(e.owners)
    for rows in resp.lists.values():
        used_people |= {r["name"] for r in rows}
    used_keys = set(key_count)
    used_codes = {e.uscc for e in ents if e.uscc}
    used_addr: set[str] = set()

    def person() -> str:
        while True:
            p = synth.person_name(rng)
            if p not in used_people:
                used_people.add(p)
                return p

    def phone() -> str:
        if rng.random() < 0.7:
            return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))
        return "0539-" + rng.choice("2345678") + "".join(rng.choice("0123456789") for _ in range(6))

    def address(town: str) -> str:
        while True:
            if town == "示例经济开发区":
                a = f"{COUNTY}{town}{rng.choice(_PARK_ROADS)}{rng.randint(1, 199)}号"
            elif rng.random() < 0.7:
                a = f"{COUNTY}{town}{rng.choice(_ROADS)}{rng.randint(1, 299)}号"
            else:
                a = f"{COUNTY}{town}{rng.choice(_VILLAGES)}"
            if a not in used_addr:
                used_addr.add(a)
                return a

    def row(name, code, town, industry, principal, status="在营", note="") -> dict[str, Any]:
        return {
            "seq": 0, "unit": name, "uscc": code or "", "town": town, "industry": industry,
            "high_risk": "是" if industry in HIGH_RISK else "否", "principal": principal, "phone": phone(),
            "address": address(town), "status": status, "note": note,
        }  # fmt: skip

    rows: list[RosterRow] = []
    for e in ents:
        if e in off:
            continue  # not on the roster
        if e.name in in_ledgers:
            shown, variant, keep = variant_of.get(e.name, (e.name, "", True))
            v = row(shown, e.uscc if keep else None, e.town, e.industry, e.owners[0])
            rows.append(RosterRow(v, "ledger", e.name, variant))
        else:
            rows.append(RosterRow(row(e.name, e.uscc, e.town, e.industry, e.owners[0]), "county"))

    n_extra = ROSTER_TOTAL - len(rows)
    mix = [(ind, sec) for ind, sec, k in ROSTER_EXTRA_MIX for _ in range(k)]
    if len(mix) != n_extra:
        raise SystemExit(f"roster: {len(mix)} new enterprises planned, {n_extra} needed for {ROSTER_TOTAL}")
    towns = [t.name for t in county.towns]
    spread = (towns * (len(mix) // len(towns) + 1))[: len(mix) - len(ROSTER_QUARRY_TOWNS)]
    rng.shuffle(spread)
    quarries = list(ROSTER_QUARRY_TOWNS)
    extras: list[RosterRow] = []
    for industry, sector in mix:
        town = quarries.pop(0) if industry == "非煤矿山" else spread.pop()
        while True:
            template, kind = rng.choice(ROSTER_TEMPLATES[sector])
            name = template.format(z=rng.choice(synth._TRADE_NAMES), t=town)
            if "{t}" in template or rng.random() < 0.35:
                name = COUNTY + name
            if _local_key(name) not in used_keys:
                used_keys.add(_local_key(name))
                break
        code = synth.valid_uscc(rng, kind=kind, region=synth.REGION_COUNTY)
        while code in used_codes:
            code = synth.valid_uscc(rng, kind=kind, region=synth.REGION_COUNTY)
        used_codes.add(code)
        extras.append(RosterRow(row(name, code, town, industry, person()), "extra"))
    for r, status in zip(rng.sample(extras, 7), ("关闭",) * 3 + ("注销",) * 2 + ("停产",) * 2, strict=True):
        r.values["status"] = status
        r.values["note"] = rng.choice(_ROSTER_NOTES[status])
    rows += extras

    # by town in county order; within a town as the office has added them over the years
    ordered: list[RosterRow] = []
    for t in towns:
        own = [r for r in rows if r.values["town"] == t]
        rng.shuffle(own)
        ordered += own
    return _roster_layout(RosterPlan(ordered, off))


def _local_key(name: str) -> str:
    """An enterprise name as the roster is matched: no county name in front or in brackets behind."""
    key = norm(name).replace("（", "(").replace("）", ")").replace(f"({COUNTY})", "")
    return key.removeprefix(COUNTY)


def _roster_layout(rp: RosterPlan) -> RosterPlan:
    ncol = len(ROSTER_HEADER)
    line = [""] * ncol
    line[0], line[8] = f"填报单位：{ROSTER_OFFICE}", f"更新日期：{cn_date(ROSTER_DATE)}"
    grid: list[list[Any]] = [[ROSTER_TITLE] + [""] * (ncol - 1), line, list(ROSTER_HEADER)]
    for i, r in enumerate(rp.rows, 1):
        r.values["seq"] = i
        grid.append([r.values[k] for k in ROSTER_KEYS])
        r.row = len(grid)
    widths = {0: 6, 1: 32, 2: 21, 3: 14, 4: 11, 5: 9, 6: 10, 7: 14, 8: 34, 9: 8, 10: 18}
    rp.sheets = [SheetSpec(ROSTER_SHEET, grid, merges=[(0, 0, 0, ncol - 1), (1, 0, 1, 4)], widths=widths)]
    rp.created = dt.datetime(ROSTER_DATE.year, ROSTER_DATE.month, ROSTER_DATE.day, 16, 0, 0)
    return rp


def write_roster(rp: RosterPlan, out: Path) -> None:
    shutil.rmtree(out / ROSTER_DIR, ignore_errors=True)
    path = out / ROSTER_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fab.write_xlsx(path, rp.sheets, properties={"created": rp.created, "author": ROSTER_OFFICE})


# ---------------------------------------------------------------------------------------------------
# 长效机制台账 (issue 21): 应急演练记录, 安全培训档案, 安全监管力量统计表 — plan and layout

MECH_DIR = "长效机制"
MECH_SEED = SEED + 6  # its own random.Random: nothing else of the county changes
MECH_AS_OF = dt.date(2026, 10, 31)  # the demo: anquan monthly sample_ledgers --month 2026-10
MECH_OFFICE = "示例县应急管理局"
MECH_CREATED = dt.datetime(2026, 10, 31, 15, 0, 0)
# windows back from MECH_AS_OF, both ends inclusive: 12 and 6 calendar months
YEAR_SINCE, HALF_SINCE = dt.date(2025, 10, 31), dt.date(2026, 4, 30)
# The findings stay the same for any as-of date up to MECH_LATEST (the other sample tests validate the whole
# folder as of 2026-11-28): the dates that meet a window lie inside the windows of both ends.
MECH_LATEST = dt.date(2026, 11, 28)
# 开工“第一课”: 春节 2026-02-17, first working day 2026-02-24 (初八), within 5 working days: by 2026-03-03
FESTIVAL, LESSON_FIRST, LESSON_LAST = dt.date(2026, 2, 17), dt.date(2026, 2, 24), dt.date(2026, 3, 3)
INSPECT_STATUSES = ("在营", "停产", "停业")
# [mechanisms] high_risk_industries; a unit is high-risk by its 是否高危, else by its industry
MECH_HIGH_RISK = frozenset(
    ("危险化学品", "煤矿", "非煤矿山", "烟花爆竹", "民爆物品", "冶金", "有色", "建筑施工", "城镇燃气")
)
# [mechanisms] yearly_hours: category -> (ordinary unit, high-risk unit)
YEARLY_HOURS = {
    "主要负责人": (12, 16),
    "安全生产管理人员": (12, 16),
    "特种作业人员": (0, 0),
    "其他从业人员": (0, 20),
}
TOWN_MIN, DEPT_MIN, PRO_SHARE = (
    7,
    3,
    75,
)  # [mechanisms] town_min_fulltime, dept_min_fulltime, professional_share
SEVERITY = {
    "drill-annual-missing": "错误", "drill-halfyear-missing": "错误", "drill-no-evaluation": "警告",
    "first-lesson-missing": "警告", "drill-type-invalid": "警告", "cert-expired": "错误", "cert-review-overdue": "警告",
    "cert-missing": "错误", "training-hours-short": "警告", "training-failed": "警告", "id-checksum": "警告",
    "staffing-below-minimum": "错误", "staffing-professional-share": "警告",
}  # fmt: skip

DRILL_FILE = f"{MECH_DIR}/示例县企业应急演练记录（2026年）.xlsx"
DRILL_SHEET = "应急演练记录"
DRILL_HEADER = ("序号", "单位名称", "统一社会信用代码", "镇街", "行业领域", "是否高危", "演练名称", "演练类型", "演练日期",
                "演练地点", "组织人", "参加人数", "评估总结", "发现问题", "备注")  # fmt: skip
DRILL_KEYS = ("seq", "unit", "uscc", "town", "industry", "high_risk", "name", "type", "held_on", "place", "organizer",
              "participants", "evaluation", "problems", "note")  # fmt: skip
TRAIN_FILE = f"{MECH_DIR}/示例县企业安全培训档案（2026年）.xlsx"
TRAIN_SHEET = "培训档案"
TRAIN_HEADER = ("序号", "单位名称", "统一社会信用代码", "行业领域", "是否高危", "姓名", "身份证号", "岗位类别", "培训日期",
                "培训内容", "学时", "考核结果", "证书名称", "证书编号", "发证日期", "有效期至", "复审日期", "备注")  # fmt: skip
TRAIN_KEYS = ("seq", "unit", "uscc", "industry", "high_risk", "person", "id_number", "category", "trained_on", "content",
              "hours", "result", "cert_name", "cert_no", "issued_on", "valid_until", "reviewed_on", "note")  # fmt: skip
STAFF_FILE = f"{MECH_DIR}/示例县安全监管力量统计表（2026年）.xlsx"
STAFF_SHEET = "监管力量"
STAFF_HEADER = ("序号", "单位", "姓名", "职务", "专职/兼职", "专业背景", "执法证号", "联系电话", "备注")
STAFF_KEYS = ("seq", "unit", "person", "post", "fulltime", "background", "cert_no", "phone", "note")
STAFF_DEPTS = ("县应急管理局", "县住建局", "县市场监管局", "县交通运输局")
STAFF_SHORT_TOWN = "西山镇"  # 6 full-time supervisors: staffing-below-minimum
STAFF_SHARE_DEPT = "县住建局"  # 4 full-time, 2 with a professional background: staffing-professional-share
STAFF_EXACT_DEPT = "县交通运输局"  # 4 full-time, 3 professional: exactly 75%, not reported
# full-time supervisors per department and how many of them have a professional background
STAFF_DEPT_COUNTS = {
    "县应急管理局": (5, 4),
    "县住建局": (4, 2),
    "县市场监管局": (3, 3),
    "县交通运输局": (4, 3),
}

# Drill scenarios (topic, place) per industry; 加油站 have their own.
_DRILL_TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "危险化学品": (("危化品泄漏", "储罐区"), ("火灾爆炸", "装卸区"), ("有毒气体中毒窒息", "生产装置区"),
                   ("有限空间中毒窒息", "污水处理池"), ("消防疏散", "办公楼")),
    "加油站": (("卸油作业油品泄漏", "卸油区"), ("加油机着火", "加油区"), ("消防疏散", "站房"),
               ("油罐区火灾", "油罐区")),
    "建筑施工": (("高处坠落", "施工现场"), ("基坑坍塌", "基坑作业区"), ("起重机械倾覆", "塔吊作业区"),
                 ("施工用电触电", "施工现场配电箱"), ("消防疏散", "生活区")),
    "城镇燃气": (("燃气管道泄漏", "调压站"), ("液化气钢瓶泄漏着火", "储瓶间"), ("消防疏散", "营业厅"),
                 ("燃气泄漏中毒", "门站")),
    "非煤矿山": (("边坡坍塌", "采场"), ("爆破事故", "爆破作业区"), ("机械伤害", "破碎车间"),
                 ("车辆伤害", "矿区运输道路")),
    "烟花爆竹": (("火灾", "店面"), ("消防疏散", "店面"), ("烟花爆竹燃爆", "储存间")),
    "工贸": (("机械伤害", "生产车间"), ("车间火灾", "生产车间"), ("有限空间中毒窒息", "污水井"),
             ("触电", "配电室"), ("粉尘爆炸", "除尘系统"), ("消防疏散", "厂区"), ("叉车伤害", "仓库")),
    "道路运输": (("道路交通事故", "停车场"), ("车辆火灾", "停车场"), ("消防疏散", "办公楼"),
                 ("维修车间触电", "维修车间")),
    "特种设备": (("起重机械事故", "作业现场"), ("电梯困人", "电梯机房"), ("触电", "配电室"),
                 ("消防疏散", "办公楼")),
    "教育": (("地震应急疏散", "教学楼"), ("消防疏散", "教学楼"), ("食堂燃气泄漏", "食堂"),
             ("触电", "配电室")),
    "养老机构": (("夜间火灾疏散", "住养楼"), ("厨房火灾", "厨房"), ("消防疏散", "住养楼"),
                 ("燃气泄漏", "厨房")),
    "文化旅游": (("火灾人员疏散", "客房楼"), ("电梯困人", "电梯"), ("厨房燃气泄漏", "厨房"),
                 ("游客踩踏疏散", "景区入口")),
    "其他": (("消防疏散", "办公区"), ("触电", "配电室"), ("火灾", "仓库"), ("燃气泄漏", "厨房")),
}  # fmt: skip
_SMALL_UNITS = ("零售店", "经营部", "加油站", "液化气站", "农家乐", "汽车维修中心", "超市", "宾馆", "老年公寓",
                "幼儿园")  # fmt: skip
_EVALUATIONS = ("已评估，形成评估报告", "已开展演练评估，形成书面总结", "已评估，形成评估报告并修订应急预案",
                "已评估，针对发现的问题制定整改措施", "已评估，评估报告已存档")  # fmt: skip
_DRILL_PROBLEMS = ("无", "无", "部分员工对疏散路线不熟悉", "应急广播音量不足", "个别人员佩戴防护用品不规范",
                   "应急物资柜缺少警戒带", "报警信息传递不够及时", "初期处置分工不够明确", "无")  # fmt: skip


@dataclass
class MechPlant:
    code: str  # (a)…(e) drills, (1)…(6) training, (7)(8) staffing; see label
    finding: str  # the code anquan reports
    unit: str
    field: str  # key of the cell
    index: int  # index into MechFile.rows
    text: str  # Chinese description for the README
    cell: str = ""  # filled in by the layout

    @property
    def label(self) -> str:
        """D1–D5 drills, T1–T6 training, S1–S2 staffing (the README's numbering)."""
        if self.code in "abcde":
            return f"D{'abcde'.index(self.code) + 1}"
        return f"T{self.code}" if int(self.code) <= 6 else f"S{int(self.code) - 6}"


@dataclass
class MechFile:
    rel: str
    sheet: str
    title: str
    header: tuple[str, ...]
    keys: tuple[str, ...]
    rows: list[dict[str, Any]]  # by keys, as written
    plants: list[MechPlant] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    sheets: list[SheetSpec] = field(default_factory=list)
    first: int = 4  # Excel row of the first data row

    def cell(self, index: int, key: str) -> str:
        return f"{col_letter(self.keys.index(key))}{self.first + index}"


@dataclass
class MechPlan:
    drill: MechFile
    training: MechFile
    staffing: MechFile
    units: list[dict[str, Any]]  # roster values of the units that must drill (在营, 停产, 停业)
    trainees: list[dict[str, Any]]  # roster values of the enterprises of the training archive
    lesson_onsite: int = 0  # 第一课 drills held as 现场处置 (the others 专项)

    @property
    def files(self) -> tuple[MechFile, MechFile, MechFile]:
        return (self.drill, self.training, self.staffing)


def mech_high(v: dict[str, Any]) -> bool:
    """High-risk as anquan reads it: 是否高危 when it says 是/否, else the industry."""
    if v.get("high_risk") in ("是", "否"):
        return v["high_risk"] == "是"
    return v.get("industry") in MECH_HIGH_RISK


def _workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return [d for d in days if d.weekday() < 5]


def _id_check(body17: str) -> str:
    """居民身份证号码 (GB 11643) check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights, strict=True)) % 11]


def id_valid(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and number[17] == _id_check(number[:17])


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def build_mech_plan(county: synth.County, resp: RespPlan, rp: RosterPlan) -> MechPlan:
    """The three 长效机制 ledgers of the county at the end of October 2026, from the roster (its units,
    codes, 主要负责人) and the responsibility lists (safety staff, 电工, 焊工, workers). Reads them,
    never changes them; every choice comes from random.Random(MECH_SEED)."""
    rng = random.Random(MECH_SEED)
    used_people: set[str] = set()
    for t in county.towns:
        used_people |= {*t.verifiers, t.clerk, t.reviewer}
        for e in t.enterprises:
            used_people |= set(e.owners)
    for rows in resp.lists.values():
        used_people |= {r["name"] for r in rows}
    used_people |= {r.values["principal"] for r in rp.rows}

    def person() -> str:
        while True:
            p = synth.person_name(rng)
            if p not in used_people:
                used_people.add(p)
                return p

    def list_of(r: RosterRow) -> list[dict]:
        return resp.lists.get(r.ledger_name or r.values["unit"], [])

    units = [r for r in rp.rows if r.values["status"] in INSPECT_STATUSES]
    drill = _build_drills(rng, units, list_of)
    plants = {p.unit for p in drill.plants}
    training, trainees = _build_training(rng, units, list_of, person, plants)
    staffing = _build_staffing(rng, county, person)
    for f in (drill, training, staffing):
        _mech_layout(f)
    lesson_onsite = sum(1 for r in drill.rows if "第一课" in r["name"] and r["type"] == "现场处置")
    return MechPlan(drill, training, staffing, [r.values for r in units], trainees, lesson_onsite)


def _pick_units(rng: random.Random, cands: list[RosterRow], n: int, towns: set[str]) -> list[RosterRow]:
    """n units of n towns not in `towns` (which grows)."""
    pool = list(cands)
    rng.shuffle(pool)
    out = []
    for r in pool:
        if len(out) < n and r.values["town"] not in towns:
            out.append(r)
            towns.add(r.values["town"])
    if len(out) < n:
        raise SystemExit(f"seed {MECH_SEED}: too few units for the 长效机制 choices")
    return out


def _build_drills(rng: random.Random, units: list[RosterRow], list_of) -> MechFile:
    """Every unit to inspect: a 综合/专项 drill within 12 months (high-risk also one within 6), a 现场处置
    within 6, the 开工第一课; five planted problems (a)–(e) in five units of five towns."""
    plain = [r for r in units if r.values["uscc"] and r.values["status"] == "在营" and not r.variant]
    towns: set[str] = set()
    (a,) = _pick_units(rng, [r for r in plain if not mech_high(r.values)], 1, towns)
    (b,) = _pick_units(rng, [r for r in plain if mech_high(r.values)], 1, towns)
    c, d, e = _pick_units(rng, [r for r in plain if r not in (a, b)], 3, towns)
    plant_of = {id(a): "a", id(b): "b", id(c): "c", id(d): "d", id(e): "e"}
    annual_days = _workdays(dt.date(2025, 12, 1), dt.date(2026, 10, 23))
    early_days = _workdays(dt.date(2025, 12, 1), dt.date(2026, 4, 24))
    half_days = _workdays(dt.date(2026, 6, 1), dt.date(2026, 10, 23))
    onsite_days = _workdays(dt.date(2026, 6, 1), dt.date(2026, 10, 26))
    lesson_days = [*[LESSON_FIRST] * 6, *_workdays(LESSON_FIRST + dt.timedelta(days=1), dt.date(2026, 3, 2))]
    rows: list[dict[str, Any]] = []
    plants: list[MechPlant] = []
    for r in units:
        v = r.values
        code = plant_of.get(id(r), "")
        high = mech_high(v)
        topics = list(_DRILL_TOPICS["加油站" if "加油站" in v["unit"] else v["industry"]])
        rng.shuffle(topics)
        small = v["unit"].endswith(_SMALL_UNITS)
        staff = [
            x["name"]
            for x in list_of(r)
            if x["level"] in ("分管负责人", "部门负责人") and "安全" in x["post"]
        ]
        head = staff[0] if staff else v["principal"]
        own: list[dict[str, Any]] = []

        def add(
            kind: str,
            day: dt.date,
            topic: tuple[str, str],
            *,
            lesson=False,
            v=v,
            own=own,
            small=small,
            head=head,
        ) -> dict:
            what, place = topic
            if lesson:
                name = f"开工第一课——{what}应急演练"
            elif kind == "桌面推演":
                name = f"{what}应急桌面推演"
            else:
                name = f"{what}{'现场处置方案' if kind == '现场处置' else kind + '应急'}演练"
            lo, hi = {"综合": (30, 120), "专项": (15, 60), "现场处置": (6, 25), "桌面推演": (8, 15)}[kind]
            if lesson:
                lo, hi = (20, 90)
            if small:
                lo, hi = max(3, lo // 6), max(8, hi // 8)
            row = {
                "seq": 0, "unit": v["unit"], "uscc": v["uscc"], "town": v["town"], "industry": v["industry"],
                "high_risk": v["high_risk"], "name": name, "type": kind, "held_on": day, "place": place,
                "organizer": v["principal"] if kind == "综合" or lesson else head,
                "participants": rng.randint(lo, hi), "evaluation": rng.choice(_EVALUATIONS),
                "problems": rng.choice(_DRILL_PROBLEMS),
                "note": "停产期间组织留守人员参加" if v["status"] == "停产" else "",
            }  # fmt: skip
            own.append(row)
            return row

        # the 第一课 (none for (d)); (a) and (b) hold it as a 现场处置 drill, so their latest 综合/专项 is the planted one
        if code != "d":
            kind = "现场处置" if code in ("a", "b") or rng.random() < 0.4 else "专项"
            add(kind, rng.choice(lesson_days), topics[-1], lesson=True)
        if code == "a":
            add("综合", dt.date(2025, 9, 20), topics[0])
        elif code == "b":
            add("综合", dt.date(2026, 3, 15), topics[0])
        elif high:
            add("综合", rng.choice(early_days), topics[0])
            add("专项", rng.choice(half_days), topics[1])
        else:
            add("综合" if rng.random() < 0.6 else "专项", rng.choice(annual_days), topics[0])
        onsite = add("现场处置", rng.choice(onsite_days), topics[2 % len(topics)])
        if rng.random() < 0.3:
            add("现场处置", rng.choice(early_days), topics[3 % len(topics)])
        tabletop = add("桌面推演", rng.choice(half_days), topics[1]) if code == "e" else None
        own.sort(key=lambda x: x["held_on"])
        base = len(rows)
        rows += own
        if code == "a":
            plants.append(MechPlant("a", "drill-annual-missing", v["unit"], "unit", base,
                                    "最近一次综合/专项演练为 2025-09-20，已超过 12 个月（12 个月内无综合或专项演练）"))  # fmt: skip
        elif code == "b":
            plants.append(MechPlant("b", "drill-halfyear-missing", v["unit"], "unit", base,
                                    f"高危单位（{v['industry']}），最近一次综合/专项演练为 2026-03-15，"
                                    "6 个月内没有综合或专项演练"))  # fmt: skip
        elif code == "c":
            onsite["evaluation"] = ""
            plants.append(MechPlant("c", "drill-no-evaluation", v["unit"], "evaluation", base + own.index(onsite),
                                    f"“{onsite['name']}”的评估总结为空"))  # fmt: skip
        elif code == "d":
            plants.append(MechPlant("d", "first-lesson-missing", v["unit"], "unit", base,
                                    "没有开工第一课记录（应在 2026-02-24 至 2026-03-03 开展）"))  # fmt: skip
        elif code == "e" and tabletop is not None:
            plants.append(MechPlant("e", "drill-type-invalid", v["unit"], "type", base + own.index(tabletop),
                                    "演练类型写作“桌面推演”（演练形式，不是综合/专项/现场处置中的一种）；"
                                    "该单位其余演练齐全"))  # fmt: skip
    plants.sort(key=lambda p: p.code)
    return MechFile(DRILL_FILE, DRILL_SHEET, "示例县企业应急演练记录（2026年）", DRILL_HEADER, DRILL_KEYS, rows, plants,
                    widths={0: 6, 1: 30, 2: 21, 3: 14, 4: 11, 5: 9, 6: 34, 7: 10, 8: 12, 9: 16, 10: 10, 11: 9,
                            12: 30, 13: 26, 14: 22})  # fmt: skip


_CERT_MANAGER = "安全生产知识和管理能力考核合格证"
TRAIN_HIGH_INDUSTRIES = ("危险化学品", "建筑施工", "非煤矿山", "城镇燃气")
_CERT_SPECIAL = {"电工": "特种作业操作证（低压电工作业）", "焊工": "特种作业操作证（熔化焊接与热切割作业）"}
_TRAIN_COURSES = {
    "主要负责人": ("主要负责人安全生产知识和管理能力再培训", "安全生产法律法规及事故案例警示教育"),
    "安全生产管理人员": ("安全生产管理人员年度再培训", "隐患排查治理专题培训"),
    "电工": ("低压电工作业安全技术复训", "特种作业人员年度安全教育"),
    "焊工": ("熔化焊接与热切割作业安全技术复训", "特种作业人员年度安全教育"),
    "其他从业人员": ("从业人员年度安全再培训", "岗位安全操作规程及应急处置培训"),
}
_LESSON_CONTENT = "开工第一课：节后复工复产安全教育（政策形势、警示教育、工作部署）"


def _build_training(
    rng: random.Random, units: list[RosterRow], list_of, person, avoid: set[str]
) -> tuple[MechFile, list[dict[str, Any]]]:
    """One row per training of the principal, safety managers, 电工/焊工 and workers of ten enterprises
    (four high-risk), one 开工第一课 row per enterprise; planted problems (1)–(6)."""
    cands = [
        r
        for r in units
        if r.values["status"] == "在营" and r.values["uscc"] and r.values["unit"] not in avoid
    ]
    picked_high: list[RosterRow] = []
    for industry in TRAIN_HIGH_INDUSTRIES:  # one of each, with a responsibility list where there is one
        pool = [r for r in cands if mech_high(r.values) and r.values["industry"] == industry]
        rng.shuffle(pool)
        pool.sort(key=lambda r: not list_of(r))
        picked_high.append(pool[0])
    ordinary = [r for r in cands if not mech_high(r.values) and list_of(r)]
    with_special = [
        r for r in ordinary if r.values["industry"] == "工贸" and any(x["post"] in _CERT_SPECIAL for x in list_of(r))
    ]  # fmt: skip
    rng.shuffle(with_special)
    picked = picked_high + with_special[:4]
    rest = [r for r in ordinary if r not in picked]
    rng.shuffle(rest)
    picked += rest[:2]
    order = {id(r): i for i, r in enumerate(units)}
    picked.sort(key=lambda r: order[id(r)])
    used_ids: set[str] = set()

    def id_number(born: tuple[int, int]) -> str:
        while True:
            day = dt.date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28))
            body = f"{synth.REGION_COUNTY}{day:%Y%m%d}{rng.randint(1, 999):03d}"
            number = body + _id_check(body)
            if number not in used_ids:
                used_ids.add(number)
                return number

    year_days = _workdays(dt.date(2025, 12, 1), dt.date(2026, 10, 23))
    new_days = _workdays(dt.date(2026, 7, 13), dt.date(2026, 9, 30))  # (3) took the post in July 2026
    # who: (category, post, name); the plan of who carries a planted problem, by enterprise position
    # (1) cert-expired: a high-risk principal; (3) cert-missing: a high-risk safety manager;
    # (2) cert-review-overdue: a 焊工 or 电工; (4) training-hours-short: an ordinary principal;
    # (5) training-failed and (6) id-checksum: workers of ordinary enterprises
    hi = [r for r in picked if mech_high(r.values)]
    lo = [r for r in picked if not mech_high(r.values)]
    lo_special = [r for r in lo if any(x["post"] in _CERT_SPECIAL for x in list_of(r))]
    free = [r for r in lo if r is not lo_special[0]]
    assign = {"1": id(hi[0]), "3": id(hi[1]), "2": id(lo_special[0]), "4": id(free[0]), "5": id(free[1]),
              "6": id(free[2])}  # fmt: skip
    refail = id(free[3])  # a worker who failed the yearly course, then passed the make-up exam
    rows: list[dict[str, Any]] = []
    plants: list[MechPlant] = []
    cert_seq = {"A": 0, "C": 0}
    for r in picked:
        v = r.values
        is_high = mech_high(v)
        staff = list_of(r)
        managers = [
            x["name"] for x in staff if "安全" in x["post"] and x["level"] in ("分管负责人", "部门负责人")
        ][:2]
        specials = [(x["post"], x["name"]) for x in staff if x["post"] in _CERT_SPECIAL][:2]
        workers = [
            x["name"] for x in staff
            if x["level"] in ("岗位人员", "班组长") and x["post"] not in _CERT_SPECIAL and x["note"] == ""
        ][:3]  # fmt: skip
        if not managers:
            managers = [person()]
        if not specials:
            specials = [("电工", person())]
        while len(workers) < 2:
            workers.append(person())
        people = [("主要负责人", "主要负责人", v["principal"])]
        people += [("安全生产管理人员", "安全生产管理人员", m) for m in managers]
        people += [("特种作业人员", post, n) for post, n in specials]
        people += [("其他从业人员", "其他从业人员", w) for w in workers]
        own: list[tuple[str, dict[str, Any]]] = []  # (plant code or "", row)
        plan_codes = [c for c, target in assign.items() if target == id(r)]
        lesson_done = False
        for category, post, name in people:
            born = (1965, 1986) if category == "主要负责人" else (1968, 2002)
            idn = id_number(born)
            minimum = YEARLY_HOURS[category][1 if is_high else 0]
            code = ""
            if category == "主要负责人" and "1" in plan_codes:
                code = "1"
            elif category == "主要负责人" and "4" in plan_codes:
                code = "4"
            elif category == "安全生产管理人员" and "3" in plan_codes and name == managers[-1]:
                code = "3"
            elif category == "特种作业人员" and "2" in plan_codes and name == specials[-1][1]:
                code = "2"
            elif category == "其他从业人员" and "5" in plan_codes and name == workers[-1]:
                code = "5"
            elif category == "其他从业人员" and "6" in plan_codes and name == workers[-1]:
                code = "6"
            # the certificate, written on every row of its holder
            cert: dict[str, Any] = {
                "cert_name": "",
                "cert_no": "",
                "issued_on": "",
                "valid_until": "",
                "reviewed_on": "",
            }
            if (
                category in ("主要负责人", "安全生产管理人员")
                and (is_high or rng.random() < 0.5)
                and code != "3"
            ):
                issued = rng.choice(_workdays(dt.date(2024, 1, 2), dt.date(2026, 6, 30)))
                if code == "1":
                    issued = dt.date(2023, 7, 20)
                letter = "A" if category == "主要负责人" else "C"
                cert_seq[letter] += 1
                cert = {
                    "cert_name": _CERT_MANAGER, "cert_no": f"{letter}{synth.REGION_COUNTY}{issued.year}{cert_seq[letter] * 37 % 9000 + 1000}",
                    "issued_on": issued, "valid_until": _add_years(issued, 3) - dt.timedelta(days=1), "reviewed_on": "",
                }  # fmt: skip
            elif category == "特种作业人员":
                if code == "2":
                    issued, reviewed = dt.date(2023, 4, 12), None
                elif rng.random() < 0.5:
                    issued, reviewed = (
                        rng.choice(_workdays(dt.date(2023, 12, 1), dt.date(2025, 12, 31))),
                        None,
                    )
                else:
                    issued = rng.choice(_workdays(dt.date(2021, 1, 4), dt.date(2023, 6, 30)))
                    reviewed = _add_years(issued, 3) - dt.timedelta(days=rng.randint(10, 60))
                cert = {
                    "cert_name": _CERT_SPECIAL[post], "cert_no": "T" + idn, "issued_on": issued,
                    "valid_until": _add_years(issued, 6) - dt.timedelta(days=1), "reviewed_on": reviewed or "",
                }  # fmt: skip
            # the trainings: one row for a planted person, else one or two making up the yearly hours
            courses = _TRAIN_COURSES[post if category == "特种作业人员" else category]
            if code == "3":
                events = [("安全生产管理人员初次安全培训", 48 if is_high else 32)]
            elif code == "4":
                events = [(courses[0], 8)]
            elif code in ("1", "2", "5", "6"):
                events = [(courses[0], max(minimum, 8))]
            else:
                first = max(minimum, 8) if minimum else rng.choice((4, 8, 8, 12))
                events = [(courses[0], first)]
                if rng.random() < 0.4:
                    events.append((courses[1], 4))
            days = sorted(rng.sample(year_days if code != "3" else new_days, len(events)))
            for (content, hours), day in zip(events, days, strict=True):
                row = {
                    "seq": 0, "unit": v["unit"], "uscc": v["uscc"], "industry": v["industry"],
                    "high_risk": v["high_risk"], "person": name, "id_number": idn, "category": category,
                    "trained_on": day, "content": content, "hours": hours,
                    "result": "不合格" if code == "5" else "合格", **cert, "note": "",
                }  # fmt: skip
                if code == "6":
                    right = row["id_number"][17]
                    row["id_number"] = idn[:17] + str((int(right) + 3) % 10 if right.isdigit() else 7)
                own.append((code, row))
            if code == "3":
                own[-1][1]["note"] = "2026年7月新任"
            if category == "其他从业人员" and id(r) == refail and name == workers[0]:
                # failed the yearly course, passed the make-up exam a month later: not reported
                first_row = own[-1][1]
                first_row["result"] = "不合格"
                later = min(first_row["trained_on"] + dt.timedelta(days=30), dt.date(2026, 10, 23))
                later = next(d for d in _workdays(later, dt.date(2026, 10, 30)))
                own.append(("", {**first_row, "trained_on": later, "content": first_row["content"] + "（补考）",
                                 "hours": 2, "result": "合格"}))  # fmt: skip
            if category == "其他从业人员" and not lesson_done and not code:
                lesson_done = True
                own.append(("", {**own[-1][1], "trained_on": LESSON_FIRST, "content": _LESSON_CONTENT, "hours": 2,
                                 "result": "合格", "note": ""}))  # fmt: skip
        position = {name: i for i, (_, _, name) in enumerate(people)}
        own.sort(key=lambda x: (position[x[1]["person"]], x[1]["trained_on"]))  # one person's rows by date
        base = len(rows)
        for i, (code, row) in enumerate(own):
            rows.append(row)
            if not code:
                continue
            plants.append(_training_plant(code, v, row, base + i))
    plants.sort(key=lambda p: p.code)
    f = MechFile(TRAIN_FILE, TRAIN_SHEET, "示例县企业安全培训档案（2026年）", TRAIN_HEADER, TRAIN_KEYS, rows, plants,
                 widths={0: 6, 1: 30, 2: 21, 3: 11, 4: 9, 5: 9, 6: 20, 7: 16, 8: 12, 9: 40, 10: 6, 11: 9, 12: 34,
                         13: 22, 14: 12, 15: 12, 16: 12, 17: 14})  # fmt: skip
    return f, [r.values for r in picked]


_TRAINING_CODES = {"1": "cert-expired", "2": "cert-review-overdue", "3": "cert-missing", "4": "training-hours-short",
                   "5": "training-failed", "6": "id-checksum"}  # fmt: skip


def _training_plant(code: str, v: dict[str, Any], row: dict[str, Any], index: int) -> MechPlant:
    if code == "1":
        key, text = "valid_until", f"{_CERT_MANAGER}有效期至 {row['valid_until'].isoformat()}，已过期"
    elif code == "2":
        key, text = (
            "issued_on",
            f"{row['cert_name']}于 {row['issued_on'].isoformat()} 发证，已满 3 年，没有复审日期",
        )
    elif code == "3":
        key, text = "cert_no", f"高危单位（{v['industry']}）的安全生产管理人员，未填证书编号"
    elif code == "4":
        key, text = (
            "hours",
            f"近 12 个月只有这一次培训，{row['hours']} 学时，少于 {YEARLY_HOURS['主要负责人'][0]} 学时",
        )
    elif code == "5":
        key, text = "result", "考核结果为“不合格”，之后没有合格记录"
    else:
        right = _id_check(row["id_number"][:17])
        key, text = "id_number", f"身份证号 {row['id_number']} 校验位错误（应为 {right}）"
    text = f"{row['person']}（{row['category']}）：{text}"
    return MechPlant(code, _TRAINING_CODES[code], v["unit"], key, index, text)


_PRO_TOWN = ("安全工程", "化学工程与工艺", "机械设计制造及其自动化", "土木工程", "电气工程及其自动化", "应急技术与管理",
             "采矿工程", "消防工程", "安全技术管理")  # fmt: skip
_PRO_DEPT = {
    "县应急管理局": ("安全工程", "化学工程与工艺", "应急技术与管理", "采矿工程", "消防工程"),
    "县住建局": ("土木工程", "工程管理", "建筑学", "给排水科学与工程"),
    "县市场监管局": ("过程装备与控制工程", "机械工程", "材料成型及控制工程"),
    "县交通运输局": ("交通运输", "交通工程", "汽车服务工程", "道路桥梁与渡河工程"),
}
_NON_PRO = (
    "无相关专业（行政管理）",
    "无相关专业（汉语言文学）",
    "无相关专业（会计学）",
    "无相关专业（思想政治教育）",
)
_DEPT_POSTS = {
    "县应急管理局": ("安全生产综合监管股股长", "危险化学品安全监管股股长", "执法大队队员"),
    "县住建局": ("建筑安全监督站站长", "建筑安全监督员"),
    "县市场监管局": ("特种设备安全监察股股长", "特种设备安全监察员"),
    "县交通运输局": ("运输安全监管股股长", "交通运输执法人员"),
}
_TOWN_PART = ("经济发展办公室干事", "村镇建设办公室科员", "党政办公室干事", "综合治理办公室干事")


def _build_staffing(rng: random.Random, county: synth.County, person) -> MechFile:
    """Every town 7–9 full-time supervisors (STAFF_SHORT_TOWN 6) and one or two part-time, each department
    3–5 full-time (STAFF_DEPT_COUNTS); at least 75% with a professional background, STAFF_SHARE_DEPT 50%.
    A town's 审核人 heads its office, its 复查人 and 填表人 are full-time supervisors."""
    rows: list[dict[str, Any]] = []
    plants: list[MechPlant] = []
    seq = 0

    def phone() -> str:
        return "1" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(9))

    def cert() -> str:
        nonlocal seq
        seq += 1
        return f"{synth.REGION_COUNTY}{2026 - rng.randint(0, 6)}{seq:04d}"

    def add(unit: str, name: str, post: str, full: bool, background: str, note: str = "") -> dict[str, Any]:
        row = {
            "seq": 0, "unit": unit, "person": name, "post": post, "fulltime": "专职" if full else "兼职",
            "background": background, "cert_no": cert() if full else "", "phone": phone(), "note": note,
        }  # fmt: skip
        rows.append(row)
        return row

    def backgrounds(n_full: int, n_pro: int, pool: tuple[str, ...]) -> list[str]:
        out = [rng.choice(pool) for _ in range(n_pro)] + [rng.choice(_NON_PRO) for _ in range(n_full - n_pro)]
        rng.shuffle(out)
        return out

    for t in county.towns:
        people = [t.reviewer, *t.verifiers, t.clerk]
        if t.name == STAFF_SHORT_TOWN:
            n_full, n_pro = 6, 5
        else:
            n_full = rng.randint(max(TOWN_MIN, len(people)), 9)
            n_pro = rng.randint(-(-n_full * PRO_SHARE // 100), n_full - 1)
        people = people[:n_full]
        while len(people) < n_full:
            people.append(person())
        heads = ("安全生产监管科科长", "安全生产监管科副科长") if t.name.endswith("开发区") else (
            "应急管理办公室主任", "应急管理办公室副主任")  # fmt: skip
        posts = [*heads] + [
            "安全监管员" if rng.random() < 0.6 else "综合行政执法队员" for _ in range(n_full - 2)
        ]
        start = len(rows)
        for name, post, bg in zip(people, posts, backgrounds(n_full, n_pro, _PRO_TOWN), strict=True):
            add(t.name, name, post, True, bg)
        for _ in range(rng.randint(1, 2)):
            add(
                t.name,
                person(),
                rng.choice(_TOWN_PART),
                False,
                rng.choice(_NON_PRO + _PRO_TOWN),
                "兼任安全监管工作",
            )
        if t.name == STAFF_SHORT_TOWN:
            plants.append(MechPlant("7", "staffing-below-minimum", t.name, "unit", start,
                                    f"专职安全监管人员 {n_full} 人（另有兼职），少于每镇（街道）{TOWN_MIN} 人"))  # fmt: skip
    for dept in STAFF_DEPTS:
        n_full, n_pro = STAFF_DEPT_COUNTS[dept]
        start = len(rows)
        posts = list(_DEPT_POSTS[dept])
        posts = posts[:1] + [posts[1 + i % (len(posts) - 1)] for i in range(n_full - 1)]
        for post, bg in zip(posts, backgrounds(n_full, n_pro, _PRO_DEPT[dept]), strict=True):
            add(dept, person(), post, True, bg)
        if dept == STAFF_SHARE_DEPT:
            plants.append(MechPlant("8", "staffing-professional-share", dept, "unit", start,
                                    f"专职 {n_full} 人，具有相关专业背景的 {n_pro} 人（{n_pro * 100 // n_full}%），"
                                    f"低于 {PRO_SHARE}%"))  # fmt: skip
    return MechFile(STAFF_FILE, STAFF_SHEET, "示例县安全监管力量统计表（2026年）", STAFF_HEADER, STAFF_KEYS, rows,
                    plants, widths={0: 6, 1: 16, 2: 10, 3: 28, 4: 10, 5: 28, 6: 16, 7: 14, 8: 18})  # fmt: skip


def _mech_layout(f: MechFile) -> None:
    """Title (merged), 填报单位 and 填报日期, the header; the data from row 4; no footer."""
    ncol = len(f.header)
    line = [""] * ncol
    line[0], line[ncol - 4] = f"填报单位：{MECH_OFFICE}", f"填报日期：{cn_date(MECH_AS_OF)}"
    grid: list[list[Any]] = [[f.title] + [""] * (ncol - 1), line, list(f.header)]
    f.first = len(grid) + 1
    for i, row in enumerate(f.rows, 1):
        row["seq"] = i
        grid.append([row[k] for k in f.keys])
    for p in f.plants:
        p.cell = f.cell(p.index, p.field)
    merges = [(0, 0, 0, ncol - 1), (1, 0, 1, 3), (1, ncol - 4, 1, ncol - 1)]
    f.sheets = [SheetSpec(f.sheet, grid, merges=merges, widths=f.widths)]


def write_mech(mp: MechPlan, out: Path) -> None:
    shutil.rmtree(out / MECH_DIR, ignore_errors=True)
    (out / MECH_DIR).mkdir(parents=True, exist_ok=True)
    for f in mp.files:
        fab.write_xlsx(out / f.rel, f.sheets, properties={"created": MECH_CREATED, "author": MECH_OFFICE})


# ---------------------------------------------------------------------------------------------------
# Writing


def write_all(plan: Plan, out: Path) -> None:
    shutil.rmtree(out / LEDGER_DIR, ignore_errors=True)
    for f in plan.files:
        _write_one(out / f.rel, f, getattr(f, "csv_args", {}))
    write_resp(plan.resp, out)
    write_roster(plan.roster, out)
    write_mech(plan.mech, out)
    (out / "README.md").write_text(readme(plan), encoding="utf-8")


# ---------------------------------------------------------------------------------------------------
# README

_LAYOUTS = {
    "青石镇": ("xlsx", "第1行标题跨列合并；第2行“填报单位：…（盖章）”与“填报日期：…”两格；第3行标准表头（20列）；"
                    "真实日期单元格；末尾空一行后为填表人、审核人、联系电话"),
    "柳河镇": ("xlsx", "标题行；第2–3行两行合并表头（“整改情况”横跨 整改状态/完成时间/验收人）；表头用“所属镇街”“整改时限”；"
                    "按企业排序，企业名称、信用代码、行业领域纵向合并；最后一行“合计”"),
    "东湖街道": ("csv", "GBK 编码、CRLF；表头变体（编号、单位名称、信用代码、行业、检查日期、隐患等级、隐患内容、整改要求、责任人、"
                     "整改时限、整改情况、实际完成时间、验收人）；行业同义词（危化、燃气、学校）；状态“已完成/正在整改”；"
                     "日期文本 2026/9/3"),
    "西山镇": ("xls", "Excel 97-2003；第1个工作表“填表说明”；台账在第2个工作表“隐患台账”，第1行标题、第2行表头；"
                   "表头含换行和空格（“隐 患\\n编 号”“整改\\n期限”“企业（单位）名称”）"),
    "南关街道": ("xlsx", "表头在第1行，全部为变体名称（隐患序号、镇(街道)、生产经营单位、发现日期、存在问题、完成时限…）；"
                     "日期为文本且格式混杂（2026.9.3、2026年9月3日、20260903、2026-09-03，另有全角数字）；"
                     "整改期限部分为“立即整改”“一周内”“10天内”“15日内”；等级写“一般/重大”；隐藏工作表“字典”"),
    "白马镇": ("xlsx", "同青石镇的标准列，但第1行标题、第2行表头（无填报单位行）；8、9月干净，10月含故意错误"),
    "安平镇": ("xlsx", "第1个工作表“封面”；台账在“隐患台账”：标题、空行、“填报单位：…”、第4行表头（行业类别、检查时间、"
                   "检查方式、隐患类型、检查地点、整改进度、复核人、复查时间等变体）；“合计”行；“单位负责人（签字）：”“盖章”"),
    "示例经济开发区": ("csv", "UTF-8 带 BOM；标准表头；日期 2026-09-03"),
}  # fmt: skip


def _stats(plan: Plan) -> dict[str, Any]:
    recs = plan.records
    st: dict[str, Any] = {"total": len(recs)}
    for y, m in MONTHS:
        as_of = month_end(y, m)
        snap = synth.snapshot(recs, as_of)
        overdue = [r for r in snap if r["status"] != synth.CLOSED and r["deadline"] < as_of]
        st[(y, m)] = {
            "rows": len(snap),
            "new": sum(1 for r in snap if (r["found_on"].year, r["found_on"].month) == (y, m)),
            "closed": sum(1 for r in snap if r["status"] == synth.CLOSED),
            "overdue": len(overdue),
            "overdue_major": sorted(r["hazard_id"] for r in overdue if r["level"] == synth.LEVEL_MAJOR),
            "major": sum(1 for r in snap if r["level"] == synth.LEVEL_MAJOR),
        }
    closed = [r for r in recs if r["status"] == synth.CLOSED]
    st["late"] = sum(1 for r in closed if r["closed_on"] > r["deadline"])
    groups: dict[tuple, set] = {}
    for r in recs:
        groups.setdefault((r["uscc"] or r["unit"], synth.topic_of(r["description"])), set()).add(
            r["found_on"]
        )
    st["repeats"] = sum(1 for v in groups.values() if len(v) >= 2)
    return st


def readme(plan: Plan) -> str:
    st = _stats(plan)
    defect_file = next(f for f in plan.files if f.town == DEFECT_TOWN and f.month == DEFECT_MONTH)
    long_rows = [
        (f, row) for f in plan.files if f.town == LONG_TERM_TOWN for row, rec in f.data
        if rec["hazard_id"] == plan.long_term_id
    ]  # fmt: skip
    out = [
        "# 示例县隐患排查治理台账样例（sample_ledgers）",
        "",
        "本文件夹由 `scripts/make_sample_ledgers.py` 生成（`make samples`），固定随机种子，重新生成内容不变；"
        "请勿手工修改，需要调整请改脚本后重新生成。生成后可用 `--check` 参数读回校验。",
        "",
        "**示例县是虚构的县**，镇街、企业、人员、统一社会信用代码、电话均为编造（信用代码校验位正确，地区码 379901 不存在）。"
        "文件夹模拟 8 个镇街 2026 年 8、9、10 三个月向县安委办报送的隐患排查治理台账。"
        "每个月的文件都是该镇街的**累计台账**：包含 2026-08-01 至当月最后一天发现的全部隐患，"
        "整改状态为当月最后一天的状态，因此同一隐患编号最多出现在三个文件中，状态逐月推进（未整改→整改中→已整改）。"
        "每个镇街三个月使用同一种版式，各镇街版式不同，覆盖常见的表格乱象。",
        "",
        "隐患编号格式：`镇街前缀-发现年月-序号`，前缀 QS 青石镇、LH 柳河镇、DH 东湖街道、XS 西山镇、NG 南关街道、"
        "BM 白马镇、AP 安平镇、KFQ 示例经济开发区。",
        "",
        "## 文件与版式",
        "",
        "| 镇街 | 格式 | 工作表 | 版式特点 | 数据行数（8月/9月/10月） |",
        "|---|---|---|---|---|",
    ]
    for town in plan.county.towns:
        fs = [f for f in plan.files if f.town == town.name]
        ext, desc = _LAYOUTS[town.name]
        sheet = fs[0].sheet or "（CSV）"
        counts = " / ".join(str(len(f.data)) for f in fs)
        out.append(f"| {town.name} | .{ext} | {sheet} | {desc} | {counts} |")
    out += [
        "",
        f"文件路径：`隐患台账/2026-08/<镇街>隐患排查治理台账（2026年8月）.<扩展名>`，9 月、10 月同理，共 {len(plan.files)} 个文件。",
        "",
        "## 数据概况",
        "",
        f"- 全县不重复隐患 {st['total']} 条；屡查屡有（同一企业同一类问题在不同日期被再次发现）{st['repeats']} 组。",
    ]
    for y, m in MONTHS:
        s = st[(y, m)]
        om = "、".join(s["overdue_major"]) or "无"
        out.append(
            f"- 截至 {cn_date(month_end(y, m))}：累计 {s['rows']} 条（当月新增 {s['new']} 条），已整改 {s['closed']} 条，"
            f"重大事故隐患 {s['major']} 条，逾期未整改 {s['overdue']} 条（其中重大：{om}）。"
        )
    out.append(f"- 10 月底已整改的隐患中逾期整改（完成日期晚于整改期限）{st['late']} 条。")
    out += [
        "",
        "## 故意设置的错误（仅白马镇 10 月文件）",
        "",
        f"文件：`{defect_file.rel}`，工作表“{defect_file.sheet}”，第 2 行为表头。以下各项分别位于不同的数据行，"
        "且都是 10 月新发现的隐患（不出现在 8、9 月文件中）。除这些单元格外，所有文件都符合校验规则。",
        "",
        "| 编号 | 单元格 | 级别 | 问题 |",
        "|---|---|---|---|",
    ]
    base = Path(defect_file.rel).name
    for d in defect_file.defects:
        out.append(f"| ({d.code}) | {base} {defect_file.sheet}!{d.cell} | {d.severity} | {d.text} |")
    out += [
        "",
        "## 预期的警告",
        "",
        "- 上表 (i)：已整改但复查人为空，为警告而非错误。",
    ]
    for f, row in long_rows:
        c = col_letter(f.columns.index("deadline"))
        out.append(
            f"- {Path(f.rel).name} {f.sheet}!{c}{row}：隐患 {plan.long_term_id} 的完成时限写作“长期”，"
            "视为无整改期限（整改中），应给出警告，无法判断是否逾期。"
        )
    gap_file = next(f for f in plan.files if five_gap(f))
    gap_row, gap_id = five_gap(gap_file) or (0, "")
    gap_col = col_letter(len(CANON) + 1)
    out += [
        "- 南关街道的隐藏工作表“字典”（下拉选项）不是台账，应跳过；西山镇的“填表说明”、安平镇的“封面”同理。",
        "- 各文件中的“合计”行、填表人/审核人/联系电话、单位负责人（签字）/盖章等表尾行不是数据行。",
        "",
        "## 重大事故隐患：五落实、挂牌督办和疑似重大",
        "",
        f"- 青石镇和示例经济开发区的台账在末尾多两列“{FIVE_HEADERS[0]}”“{FIVE_HEADERS[1]}”，重大事故隐患都填写（五落实齐全）；"
        f"示例经济开发区还有“{'”“'.join(LISTING_HEADERS)}”四列，每项重大事故隐患都由县安委办挂牌督办，"
        "督办要求完成时间同整改期限。",
        f"- 故意设置：{Path(gap_file.rel).name} {gap_file.sheet}!{gap_col}{gap_row}，重大事故隐患 {gap_id} 的应急预案为空"
        "（错误 major-five-missing，五落实缺“预案”）。",
        "- 其余镇街的台账没有整改资金、应急预案列，有重大事故隐患的文件各有一条警告 major-five-unverifiable（无法核查五落实）。",
        "- 各镇街台账中有些登记为一般的隐患，描述本身就是重大事故隐患判定标准所列情形，如“特种作业人员操作证过期未复审”"
        "“安全管理人员未取得安全生产知识和管理能力考核合格证”（工贸企业重大事故隐患判定标准第三条），"
        "anquan 对这些行给出警告 level-suspect-major（疑似重大，须人工核实），monthly 列入《疑似重大隐患清单》。",
        "",
        *resp_readme(plan),
        *roster_readme(plan),
        *mech_readme(plan),
        "---",
        "",
        "## English summary",
        "",
        "Fictional county 示例县 (not a real place): cumulative monthly hazard ledgers (隐患排查治理台账) from 8 towns for "
        "August–October 2026, one file per town and month, each town with its own messy layout (title rows, "
        "two-row merged headers, merged enterprise cells, GBK and BOM CSV, old .xls with an instructions sheet, "
        "text dates in mixed and full-width forms, deadline tokens, hidden helper sheet, cover sheet, totals and "
        f"footers). {st['total']} unique hazards. Every file is clean except the October file of 白马镇, which "
        "carries nine deliberate defects (a–i, cells listed above; (i) is a warning). The one 长期 deadline in "
        "南关街道 should give a warning. Generated by `scripts/make_sample_ledgers.py` (`make samples`); "
        "`--check` reads everything back with python-calamine and verifies data, defects and this README.",
        "",
        *resp_readme_en(plan),
        *roster_readme_en(plan),
        *mech_readme_en(plan),
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------
# README: 责任清单

_RESP_LAYOUTS = {
    "stacked": "一个工作簿，工作表“责任清单”：第1行标题跨列合并，第2行表头（序号、企业名称、统一社会信用代码、层级、"
               "部门(车间/班组)、岗位(职务)、姓名、安全生产职责、考核标准、签订日期、备注）；企业逐家上下排列，序号全表连续；"
               "企业名称、统一社会信用代码在每家企业的各行上纵向合并（只有首行有值）；签订日期为日期单元格",
    "per_sheet": "一个工作簿，第1个工作表“说明”（3行填报说明，不是清单），其后每家企业一个工作表，表名为企业简称（去掉“示例县”"
                 "前缀和“有限公司”后缀）；第1行标题“<企业名称>全员安全生产责任清单”，第2行 A2“企业名称：…”、"
                 "E2“统一社会信用代码：…”（A2:D2、E2:I2 合并；无代码的企业只写“统一社会信用代码：”），第3行表头不含企业名称和"
                 "信用代码列（序号、责任层级、部门、岗位、责任人、责任内容、考核指标、考核方式、签字日期）；签字日期为文本“2026年2月3日”",
    "per_file": "每家企业一个 Excel 97-2003 文件 `责任清单/西山镇/<企业名称>全员安全生产责任清单.xls`，工作表“Sheet1”：第1行标题"
                "“<企业名称>全员安全生产责任清单”，第2行“统一社会信用代码：…”，第3行表头（序号、层级、部门(车间/班组)、岗位(职务)、"
                "姓名、安全生产职责、考核标准、签订日期）；没有企业名称列，企业名称只在标题和文件名中；签订日期为日期单元格",
    "plain": "UTF-8 带 BOM 的 CSV（CRLF），企业逐家上下排列，每行重复企业名称和统一社会信用代码（CSV 无合并单元格）；"
             "没有“层级”列（企业名称、统一社会信用代码、部门、岗位(职务)、姓名、安全生产职责、考核标准、签订日期），"
             "层级须由岗位推断（岗位写作“总经理（法定代表人）”“安全总监”“生产部经理”“甲班班长”“操作工”等）；日期 2026/2/3",
}  # fmt: skip
_RESP_DEFECT_TITLE = {"1": "缺少中间层级（班组长）", "2": "职责照抄照搬", "3": "缺少主要负责人"}


def _where(f: RespFile, b: RespBlock) -> str:
    if f.layout == "per_file":
        return f"`{Path(f.rel).name}` Sheet1"
    if f.layout == "plain":
        return f"`{Path(f.rel).name}`"
    return f"`{Path(f.rel).name}` {b.sheet}"


def resp_readme(plan: Plan) -> list[str]:
    rp = plan.resp
    hazard_units = {r["unit"] for r in plan.records}
    n_ents = len(plan.county.enterprises)
    n_rows = sum(len(v) for v in rp.lists.values())
    dual = [n for n, rows in rp.lists.items() if any(r["post"] == "实际控制人" for r in rows)]
    lost = _owners_not_listed(plan)
    except_ = "".join(f"（{n} 因故意问题 (3) 没有主要负责人行，整改责任人 {o} 不在清单中）" for n, o in lost)
    out = [
        "## 责任清单（全员安全生产责任清单）",
        "",
        f"文件夹 `{RESP_DIR}/` 模拟各镇街 2026 年一季度收集的企业全员安全生产责任清单（签订日期 2026-01-05 至 2026-03-31）。"
        "企业与隐患台账是同一批虚构企业，企业名称和统一社会信用代码与隐患台账完全一致；没有信用代码的企业，代码单元格留空。"
        "每家企业按五个层级依次排列：主要负责人 → 分管负责人 → 部门负责人 → 班组长 → 岗位人员；"
        "主要负责人 1 行（岗位“法定代表人、总经理”“法定代表人、董事长”“法定代表人、厂长”“法定代表人、校长”等），"
        f"其中 {len(dual)} 家企业的法定代表人与实际控制人不是同一人，分两行列为主要负责人（岗位“法定代表人”“实际控制人”）；"
        "分管负责人 1–2 行，部门负责人 2–3 行，班组长 2–3 行，岗位人员 3–6 行（同一岗位可有多人，职责相同、部门相同）。"
        "不同岗位的职责各不相同，职责均不少于 25 个字（不计标点）；考核标准均已填写；同一人不会出现在两个层级；"
        "企业内姓名不重复。隐患台账中各企业的整改责任人都列在本企业清单的前几行（第一位为法定代表人）"
        f"{except_}；实际控制人另有其人。",
        "",
        f"全县 {n_ents} 家企业（含白马镇 10 月台账中两家只为故意错误而设的企业）中 {len(rp.lists)} 家有责任清单，"
        f"{len(rp.without)} 家没有；清单共 {n_rows} 行。",
        "",
        "### 文件与版式",
        "",
        "| 镇街 | 文件 | 版式 | 企业数 | 数据行数 |",
        "|---|---|---|---|---|",
    ]
    for town in plan.county.towns:
        fs = [f for f in rp.files if f.town == town.name]
        n_e = sum(len(f.blocks) for f in fs)
        n_r = sum(len(b.rows) for f in fs for b in f.blocks)
        name = f"`{fs[0].rel}`" if len(fs) == 1 else f"`{RESP_DIR}/{town.name}/` 下 {len(fs)} 个 .xls 文件"
        out.append(f"| {town.name} | {name} | {_RESP_LAYOUTS[fs[0].layout]} | {n_e} | {n_r} |")
    out += [
        "",
        f"共 {len(rp.files)} 个文件。各企业清单的位置（行号为 Excel 行号，含标题行；CSV 为行号，第 1 行为表头）：",
        "",
        "| 镇街 | 企业名称 | 统一社会信用代码 | 文件与工作表 | 行 | 行数 | 说明 |",
        "|---|---|---|---|---|---|---|",
    ]
    defect_of = {d.unit: d for d in rp.defects}
    for f in rp.files:
        for b in f.blocks:
            notes = []
            if b.ent.name in dual:
                notes.append("法定代表人与实际控制人分列")
            if b.ent.name not in hazard_units:
                notes.append("隐患台账中无该企业")
            if b.ent.name in defect_of:
                notes.append(f"故意问题 ({defect_of[b.ent.name].code})")
            out.append(
                f"| {f.town} | {b.ent.name} | {b.ent.uscc or '（无）'} | {_where(f, b)} | {b.first}–{b.last} | "
                f"{len(b.rows)} | {'；'.join(notes)} |"
            )
    out += ["", "### 没有责任清单的企业", ""]
    for town in plan.county.towns:
        miss = [e for e in rp.without if e.town == town.name]
        if not miss:
            out.append(f"- {town.name}：无")
            continue
        items = []
        for e in miss:
            tag = ""
            if e.name not in hazard_units:
                tag = "（隐患台账中也没有该企业）"
            elif e.name in _defect_only_units(plan):
                tag = "（只出现在白马镇 10 月台账的故意错误行）"
            items.append(e.name + tag)
        out.append(f"- {town.name}：{'、'.join(items)}")
    in_ledgers = [e for e in rp.without if e.name in hazard_units]
    out += [
        "",
        f"其中 {len(in_ledgers)} 家在隐患台账中出现，将隐患台账与责任清单交叉核对时应逐家给出“没有责任清单”的警告；"
        f"{len(rp.without) - len(in_ledgers)} 家在隐患台账中也没有出现。",
        "",
        "### 故意设置的问题",
        "",
        "以下三个问题分别位于三个不同镇街的三家企业（均为“企业逐家排列”版式）。除此之外，所有责任清单都符合校验规则："
        "姓名、岗位、职责、考核标准均不为空，职责不少于 25 字，签订日期可识别且不晚于 2026-11-28，信用代码校验正确且与隐患台账一致，"
        "无一人跨层级，每家企业五个层级齐全。",
        "",
        "| 编号 | 文件 | 单元格 | 企业 | 级别 | 问题 |",
        "|---|---|---|---|---|---|",
    ]
    for d in rp.defects:
        cells = "、".join(d.cells)
        out.append(
            f"| ({d.code}) | {Path(d.rel).name} | {d.sheet}!{cells} | {d.unit} | {d.severity} | "
            f"{_RESP_DEFECT_TITLE[d.code]}：{d.text} |"
        )
    plain = next(f for f in rp.files if f.layout == "plain")
    posts = list(dict.fromkeys((r["post"], r["level"]) for b in plain.blocks for _, r in b.rows))
    out += [
        "",
        "### 预期的提示",
        "",
        f"- `{Path(plain.rel).name}` 没有“层级”列：应给出一条提示（信息，非错误）——层级由岗位(职务)推断。推断结果应为"
        "（按首次出现顺序）："
        + "；".join(f"{p} → {lv}" for p, lv in posts)
        + "。推断后每家企业五个层级齐全，没有其他问题。",
        "- 东湖街道、南关街道工作簿的“说明”工作表不是清单，应跳过；企业名称和信用代码取自各工作表第 2 行。",
        "- 西山镇各 .xls 文件没有企业名称列：企业名称取自标题（或文件名），信用代码取自第 2 行。",
        "",
    ]
    return out


def _owners_not_listed(plan: Plan) -> list[tuple[str, str]]:
    """(enterprise, person): hazard 整改责任人 missing from their enterprise's list."""
    out = []
    for e in plan.county.enterprises:
        rows = plan.resp.lists.get(e.name)
        if rows is not None:
            names = {r["name"] for r in rows}
            out += [(e.name, o) for o in e.owners if o not in names]
    return out


def _defect_only_units(plan: Plan) -> set[str]:
    """Enterprises added to 白马镇 only for hazard defects (d) and (h)."""
    return {r["unit"] for r in plan.records if r["hazard_id"] in (plan.defect_ids["d"], plan.defect_ids["h"])}


def resp_readme_en(plan: Plan) -> list[str]:
    rp = plan.resp
    n_rows = sum(len(v) for v in rp.lists.values())
    return [
        f"Responsibility lists (全员安全生产责任清单, folder `{RESP_DIR}/`): {len(rp.lists)} of the "
        f"{len(plan.county.enterprises)} enterprises have one ({n_rows} rows, five levels 主要负责人 → 岗位人员, "
        "same names and codes as the hazard ledgers); the enterprises without a list are listed above. Four layouts: "
        "stacked with merged enterprise cells (青石镇, 柳河镇, 白马镇, 安平镇), one sheet per enterprise with the name "
        "and code in row 2 (东湖街道, 南关街道), one .xls per enterprise with the name only in title and file name "
        "(西山镇), and a BOM CSV without a 层级 column, whose level must be inferred from the post (示例经济开发区, "
        "expect an info message). Three deliberate problems: (1) no 班组长 level (warning), (2) one duty copied onto "
        "three posts of different levels (warning), (3) no 主要负责人 (error); cells above.",
        "",
    ]


# ---------------------------------------------------------------------------------------------------
# README: 生产经营单位底数


def roster_readme(plan: Plan) -> list[str]:
    rp = plan.roster
    first, last = rp.rows[0].row, rp.rows[-1].row
    ledger_rows = rp.of("ledger")
    never = rp.of("county", "extra")
    due_never = [r for r in never if r.values["status"] in ("在营", "停产")]
    gone = [r for r in never if r.values["status"] in ("关闭", "注销")]
    status_n = {
        s: sum(1 for r in rp.rows if r.values["status"] == s) for s in ("在营", "停产", "关闭", "注销")
    }
    high = sum(1 for r in rp.rows if r.values["high_risk"] == "是")
    no_code = [r for r in rp.rows if not r.values["uscc"]]
    variants = [r for r in rp.rows if r.variant]
    by_name = {e.name: e for e in plan.county.enterprises}
    defect_only = sorted(_defect_only_units(plan))
    same_key: dict[str, list[str]] = {}
    for r in rp.rows:
        same_key.setdefault(_local_key(r.values["unit"]), []).append(r.values["unit"])
    twins = [names for names in same_key.values() if len(names) > 1]
    n_ledger_units = len({r["unit"] for r in plan.records})
    n_due = sum(1 for r in rp.rows if r.values["status"] in ("在营", "停产"))
    high_ledger = [r for r in ledger_rows if r.values["high_risk"] == "是"]
    october = {r["unit"] for r in plan.records if r["found_on"].month == 10 and r["unit"] not in defect_only}
    if {r.ledger_name for r in high_ledger} - october or any(
        r.values["status"] != "在营" for r in ledger_rows
    ):
        raise SystemExit("roster: a 高危 unit of the ledgers without an October hazard, or one not 在营")
    if any(r.values["unit"] not in plan.resp.lists for r in rp.of("county")):
        raise SystemExit("roster: a county enterprise without hazards has no responsibility list")

    def where(r: RosterRow) -> str:
        return f"{ROSTER_SHEET}!B{r.row}"

    def tag(r: RosterRow) -> str:
        v = r.values
        marks = [v["industry"]] + ["高危"] * (v["high_risk"] == "是") + ["停产"] * (v["status"] == "停产")
        return f"{v['unit']}（{'，'.join(marks)}）"

    out = [
        "## 生产经营单位底数",
        "",
        f"文件 `{ROSTER_FILE}` 模拟县安委办 2026 年 10 月底的生产经营单位底数台账（全县应纳入监管的企业名册），"
        "与隐患台账对照可算出应查未查（底数中的企业在检查周期内没有任何排查记录）、底数不清（台账中出现但不在底数中）"
        "和排查覆盖率。",
        "",
        f"工作表“{ROSTER_SHEET}”：第1行标题“{ROSTER_TITLE}”跨列合并；第2行“填报单位：{ROSTER_OFFICE}”（A2:E2 合并）"
        f"与 I2“更新日期：{cn_date(ROSTER_DATE)}”；第3行表头（{'、'.join(ROSTER_HEADER)}）；"
        f"第 {first}–{last} 行为数据，共 **{len(rp.rows)} 家单位**，无合计行和表尾。按镇街排列（顺序同隐患台账的镇街），"
        "序号全表连续。除序号外全部为文本单元格（信用代码、电话不会丢位）。",
        "",
        f"- 状态：在营 {status_n['在营']} 家、停产 {status_n['停产']} 家、关闭 {status_n['关闭']} 家、注销 {status_n['注销']} 家；"
        f"关闭、注销的 {status_n['关闭'] + status_n['注销']} 家不列入应排查名单，应排查 "
        f"{len(rp.rows) - status_n['关闭'] - status_n['注销']} 家（在营、停产）。",
        f"- 是否高危：行业领域为{'、'.join(sorted(HIGH_RISK))}的填“是”（{high} 家），其余填“否”"
        f"（{len(rp.rows) - high} 家）。",
        "- 企业名称、统一社会信用代码、所属镇街、行业领域与隐患台账一致（名称写法不同的见下）；隐患台账中的企业和县内另 "
        f"{len(rp.of('county'))} 家企业的主要负责人取其第一位整改责任人（责任清单中列为法定代表人），只在底数中出现的单位的"
        "主要负责人为编造；联系电话为手机号（1 开头 11 位）或座机（0539-7 位），地址为所属镇街内编造的路名门牌或村名。",
        f"- 信用代码留空 {len(no_code)} 家："
        + "、".join(r.values["unit"] for r in no_code)
        + f"。其中 {sum(1 for r in no_code if r.variant)} 家是下面名称写法不同的企业，"
        f"其余 {sum(1 for r in no_code if not r.variant)} 家在隐患台账中也没有信用代码。",
        "",
        "### 与隐患台账对照",
        "",
        f"隐患台账（8、9、10 三个月）中出现的企业共 {n_ledger_units} 家，其中 {len(ledger_rows)} 家在底数中，"
        f"**{len(rp.off_roster)} 家不在底数中**（底数不清），应逐家列出：",
        "",
    ]
    for e in rp.off_roster:
        out.append(f"- {e.name}（{e.town}，{e.industry}，信用代码 {e.uscc}）")
    out += [
        "",
        f"底数中**从未出现在任何隐患台账中的单位 {len(never)} 家**，其中 {len(due_never)} 家应排查"
        f"（在营 {sum(1 for r in due_never if r.values['status'] == '在营')} 家、停产 "
        f"{sum(1 for r in due_never if r.values['status'] == '停产')} 家），即应查未查；"
        f"{len(gone)} 家已关闭或注销，不应列出。"
        f"其中 {len(rp.of('county'))} 家（"
        + "、".join(r.values["unit"] for r in rp.of("county"))
        + "）是责任清单中也有的县内企业，三个月没有隐患记录；其余是只在底数中出现的企业。按镇街：",
        "",
    ]
    for t in plan.county.towns:
        items = [r for r in due_never if r.values["town"] == t.name]
        text = "、".join(tag(r) for r in items)
        out.append(f"- {t.name}（{len(items)} 家）：{text or '无'}")
    out += [
        "",
        "已关闭或注销（不列入应排查名单，也不应作为应查未查列出）：",
        "",
    ]
    for r in gone:
        v = r.values
        out.append(
            f"- {v['unit']}（{v['town']}，{v['industry']}）：{v['status']}，备注“{v['note']}”，{where(r)}"
        )
    out += [
        "",
        f"两家企业只出现在白马镇 10 月台账的故意错误行中（{'、'.join(defect_only)}，(d)、(h) 两行的信用代码有误）；"
        "底数中写的是它们正确的信用代码，按名称（同镇街）可以对上。错误行不计入隐患统计，但仍证明这两家在 10 月接受过排查，"
        "所以不算应查未查。",
        "",
        f"按默认检查周期（一般企业每季度一次、高危企业每月一次）统计 2026 年 10 月：应排查 {n_due} 家；底数中在隐患台账出现的 "
        f"{len(ledger_rows)} 家都在周期内有隐患记录（其中高危 {len(high_ledger)} 家 10 月都有新发现的隐患），"
        f"应查未查即上面的 {len(due_never)} 家，覆盖率 {len(ledger_rows)}/{n_due} = {_pct(len(ledger_rows), n_due)}"
        "（`anquan coverage sample_ledgers --month 2026-10` 的数字）。",
        "",
        "### 名称写法与隐患台账不同的企业",
        "",
        "真实底数常把县名省略或写在括号里。以下 5 家按信用代码或名称（同镇街、去掉县名后）都应与隐患台账中的企业对上，"
        "不应算作底数不清或应查未查：",
        "",
        "| 单元格 | 底数中的名称 | 隐患台账中的名称 | 镇街 | 底数中的信用代码 |",
        "|---|---|---|---|---|",
    ]
    for r in variants:
        code = r.values["uscc"] or f"（空；台账中为 {by_name[r.ledger_name].uscc}）"
        out.append(f"| {where(r)} | {r.values['unit']} | {r.ledger_name} | {r.values['town']} | {code} |")
    out += [""]
    for names in twins:
        towns = "、".join(
            f"{n}（{next(r.values['town'] for r in rp.rows if r.values['unit'] == n)}）" for n in names
        )
        out.append(
            f"另：{towns}是两家不同的企业，去掉县名后同名，但在不同镇街、信用代码不同，应按信用代码区分，不是重复登记。"
        )
    out += [
        "",
        "底数不含故意错误：企业名称均已填写，填写的信用代码均为 18 位且校验位正确，同一信用代码不出现两次，同一镇街内没有重复名称，"
        "状态均为在营/停产/关闭/注销，是否高危均为是/否，电话格式均正确。",
        "",
    ]
    return out


def _pct(a: int, b: int) -> str:
    return f"{a / b * 100:.1f}%"


def roster_readme_en(plan: Plan) -> list[str]:
    rp = plan.roster
    never = rp.of("county", "extra")
    gone = [r for r in never if r.values["status"] in ("关闭", "注销")]
    return [
        f"Enterprise roster (生产经营单位底数, `{ROSTER_FILE}`): {len(rp.rows)} units. Every enterprise of the "
        f"hazard ledgers except {len(rp.off_roster)} (not on the roster), plus {len(never)} units that appear in no "
        f"hazard ledger ({len(never) - len(gone)} to be inspected, i.e. 应查未查; {len(gone)} closed or "
        "deregistered, never to be listed). Five names are written differently from the ledgers (county name left "
        "out or in brackets), three of them without a credit code, so matching must also work by name. No "
        "deliberate errors.",
        "",
    ]


# ---------------------------------------------------------------------------------------------------
# README: 长效机制台账


def mech_readme(plan: Plan) -> list[str]:
    mp = plan.mech
    d, t, s = mp.files
    n_units = len(mp.units)
    n_high = sum(1 for v in mp.units if mech_high(v))
    status_n = {st: sum(1 for v in mp.units if v["status"] == st) for st in INSPECT_STATUSES}
    gone = [r.values["unit"] for r in plan.roster.rows if r.values["status"] not in INSPECT_STATUSES]
    no_code = [v["unit"] for v in mp.units if not v["uscc"]]
    types = {
        k: sum(1 for r in d.rows if r["type"] == k and "第一课" not in r["name"])
        for k in ("综合", "专项", "现场处置")
    }
    lessons = [r for r in d.rows if "第一课" in r["name"]]
    persons = list(dict.fromkeys((r["unit"], r["person"]) for r in t.rows))
    cats = {c: sum(1 for u, p in persons if next(r["category"] for r in t.rows if (r["unit"], r["person"]) == (u, p)) == c)
            for c in YEARLY_HOURS}  # fmt: skip

    def last(f: MechFile) -> int:
        return f.first + len(f.rows) - 1

    def header(f: MechFile) -> str:
        return "、".join(f.header)

    out = [
        "## 长效机制台账",
        "",
        f"文件夹 `{MECH_DIR}/` 模拟{MECH_OFFICE} 2026 年 10 月底汇总的三种长效机制台账：应急演练记录、安全培训档案、"
        f"安全监管力量统计表。基准日为 {MECH_AS_OF.isoformat()}（演示命令 `anquan monthly sample_ledgers --month 2026-10`）。"
        "三个文件都是 .xlsx、只有一个工作表：第1行标题跨列合并；第2行“填报单位：示例县应急管理局”（A2:D2 合并）与"
        f"“填报日期：{cn_date(MECH_AS_OF)}”；第3行表头；第4行起为数据，序号连续，无合计行和表尾。日期为日期单元格，"
        "参加人数、学时为数值，其余为文本（信用代码、身份证号不会丢位）。单位名称、统一社会信用代码、镇街、行业领域、"
        "是否高危和主要负责人与底数台账一致；人员均为编造，企业的安全管理人员、电工、焊工、岗位人员取自其责任清单，"
        "镇街的审核人、复查人、填表人列为本镇街的专职安全监管人员。",
        "",
        "| 文件 | 工作表 | 表头（第3行） | 数据行 |",
        "|---|---|---|---|",
    ]
    for f in mp.files:
        out.append(
            f"| {Path(f.rel).name} | {f.sheet} | {header(f)} | 第 {f.first}–{last(f)} 行，共 {len(f.rows)} 行 |"
        )
    out += [
        "",
        "校验：`anquan validate sample_ledgers/长效机制 sample_ledgers/底数 --as-of 2026-10-31` 应恰好报告下文"
        "“故意设置的问题”中的 "
        f"{sum(len(f.plants) for f in mp.files)} 项，此外没有任何错误或警告；基准日取 {MECH_AS_OF.isoformat()} 至 "
        f"{MECH_LATEST.isoformat()} 之间的任一天结果都相同（满足要求的演练、培训都在两端的窗口之内，"
        "证书有效期均不在这段时间内到期）。",
        "",
        "### 应急演练记录",
        "",
        f"底数中应排查的 {n_units} 家单位（在营 {status_n['在营']} 家、停产 {status_n['停产']} 家；已关闭、注销的 "
        f"{len(gone)} 家不列入）每家都有演练记录，共 {len(d.rows)} 行，按底数顺序排列，同一单位按演练日期排列。"
        f"其中高危单位 {n_high} 家（底数“是否高危”为“是”）。没有信用代码的 {len(no_code)} 家（{'、'.join(no_code)}）"
        "按底数中的名称填写，应按名称与底数对上。",
        "",
        f"- 12 个月窗口为 {YEAR_SINCE.isoformat()} 至 {MECH_AS_OF.isoformat()}，6 个月窗口为 {HALF_SINCE.isoformat()} 至 "
        f"{MECH_AS_OF.isoformat()}（从基准日按日历月倒推，含两端）。",
        "- 每家单位 12 个月内至少一次综合或专项演练；高危单位另在 6 个月内有一次综合或专项演练（12 个月内的一次在 "
        "2025-12 至 2026-04 之间，6 个月内的一次在 2026-06 至 2026-10 之间）；每家单位 6 个月内（2026-06 至 2026-10）"
        "至少一次现场处置方案演练"
        "（约三成单位另有一次更早的现场处置演练）。"
        f"不含第一课，综合 {types['综合']} 次、专项 {types['专项']} 次、现场处置 {types['现场处置']} 次。",
        f"- 开工第一课：2026 年春节为 {FESTIVAL.isoformat()}，春节后第一个工作日 {LESSON_FIRST.isoformat()}（初八），"
        f"应在 5 个工作日内、即 {LESSON_LAST.isoformat()} 前开展。除 (D4) 外每家单位有一行“开工第一课——…”演练，日期在 "
        f"{min(r['held_on'] for r in lessons).isoformat()} 至 {max(r['held_on'] for r in lessons).isoformat()} 之间"
        f"（{len(lessons)} 行，其中 {mp.lesson_onsite} 行演练类型为现场处置，其余为专项）。",
        "- 演练名称按行业编写（危化品泄漏、有限空间中毒窒息、机械伤害、触电、高处坠落、燃气管道泄漏、消防疏散等），"
        "评估总结均已填写（“已评估，形成评估报告”等），参加人数为数值，组织人为主要负责人或安全管理人员。",
        "",
        "### 安全培训档案",
        "",
        f"{len(mp.trainees)} 家企业（高危 {sum(1 for v in mp.trainees if mech_high(v))} 家）的培训档案，一人一档、"
        f"一次培训一行：{len(persons)} 人、{len(t.rows)} 行（主要负责人 {cats['主要负责人']} 人、安全生产管理人员 "
        f"{cats['安全生产管理人员']} 人、特种作业人员（电工、焊工）{cats['特种作业人员']} 人、其他从业人员 "
        f"{cats['其他从业人员']} 人）。企业：{'、'.join(v['unit'] + ('（高危）' if mech_high(v) else '') for v in mp.trainees)}。",
        "",
        "- 身份证号均为编造（地区码 379901 不存在），符合 GB 11643 校验（(T6) 除外）；特种作业操作证证号为“T+身份证号”。",
        "- 培训日期均在 12 个月窗口内；每人学时之和不少于年度要求：主要负责人、安全生产管理人员 12 学时（高危 16），"
        "高危单位其他从业人员 20 学时，特种作业人员和一般单位的其他从业人员不设年度学时下限。",
        "- 高危单位的主要负责人、安全生产管理人员和全部特种作业人员持证，一般单位约一半的主要负责人、安全生产管理人员也持证；"
        "证书信息写在持证人的每一行。安全生产知识和管理能力考核合格证有效期 3 年；特种作业操作证有效期 6 年，"
        "发证满 3 年的都有复审日期（复审日期距基准日不满 3 年）。",
        f"- 每家企业一行开工第一课培训（培训内容含“开工第一课”，{LESSON_FIRST.isoformat()}，2 学时）。",
        "",
        "### 安全监管力量统计表",
        "",
        f"全县 {len(plan.county.towns)} 个镇街和 {len(STAFF_DEPTS)} 个部门，每人一行，共 {len(s.rows)} 行。"
        f"要求：每个镇（街道、开发区）专职不少于 {TOWN_MIN} 人，部门不少于 {DEPT_MIN} 人，专职人员中具有相关专业背景的不少于 "
        f"{PRO_SHARE}%。专业背景写专业名称（安全工程、化学工程与工艺、土木工程等）；没有相关专业背景的写“无相关专业（行政管理）”等。"
        "兼职人员不计入专职人数。",
        "",
        "| 单位 | 行 | 专职 | 其中有专业背景 | 占比 | 兼职 |",
        "|---|---|---|---|---|---|",
    ]
    for unit in dict.fromkeys(r["unit"] for r in s.rows):
        idx = [i for i, r in enumerate(s.rows) if r["unit"] == unit]
        full = [s.rows[i] for i in idx if s.rows[i]["fulltime"] == "专职"]
        pro = [r for r in full if not r["background"].startswith("无")]
        out.append(
            f"| {unit} | {s.first + idx[0]}–{s.first + idx[-1]} | {len(full)} | {len(pro)} | "
            f"{_pct(len(pro), len(full))} | {len(idx) - len(full)} |"
        )
    out += [
        "",
        "### 故意设置的问题",
        "",
        "每项只出现一次，各在不同的单位（培训档案中各在不同的人，均只有一行培训记录）。单位层面的问题（缺演练、缺第一课、"
        "人数不足、专业占比）报在该单位第一行的单位名称单元格。",
        "",
        "| 编号 | 文件 | 单元格 | 单位 | 预期代码 | 级别 | 问题 |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in mp.files:
        for p in f.plants:
            out.append(
                f"| ({p.label}) | {Path(f.rel).name} | {f.sheet}!{p.cell} | {p.unit} | {p.finding} | "
                f"{SEVERITY[p.finding]} | {p.text} |"
            )
    refail = [r for r in t.rows if r["content"].endswith("（补考）")]
    exact = next(r for r in s.rows if r["unit"] == STAFF_EXACT_DEPT)
    out += [
        "",
        "### 不应报告的情形",
        "",
        "- 停产单位也有演练记录（备注“停产期间组织留守人员参加”），已关闭、注销的单位没有演练记录，也不应被列为缺演练。",
        "- (D1) 的单位 2026 年的第一课演练类型为现场处置，不能代替综合/专项演练；(D2) 的单位 12 个月内有综合演练"
        "（2026-03-15），只缺半年一次；(D5) 的单位除桌面推演外其余演练齐全。",
    ]
    for r in refail:
        out.append(
            f"- {r['unit']}的{r['person']}（{r['category']}）年度培训考核不合格，{r['trained_on'].isoformat()} 补考合格，"
            "不应报告 training-failed。"
        )
    out += [
        f"- {STAFF_EXACT_DEPT}（{STAFF_SHEET}!B{s.first + s.rows.index(exact)}）专职 "
        f"{STAFF_DEPT_COUNTS[STAFF_EXACT_DEPT][0]} 人、有专业背景 {STAFF_DEPT_COUNTS[STAFF_EXACT_DEPT][1]} 人，"
        f"恰好 {PRO_SHARE}%，不低于要求。",
        f"- {STAFF_SHORT_TOWN}的专业占比达标，只报人数不足。",
        "",
    ]
    return out


def mech_readme_en(plan: Plan) -> list[str]:
    mp = plan.mech
    return [
        f"长效机制 ledgers (folder `{MECH_DIR}/`, as of {MECH_AS_OF.isoformat()}): drill records of all "
        f"{len(mp.units)} roster units to inspect ({len(mp.drill.rows)} rows), the training archive of "
        f"{len(mp.trainees)} enterprises ({len(mp.training.rows)} rows) and the supervisors of "
        f"{len(plan.county.towns)} towns and {len(STAFF_DEPTS)} departments ({len(mp.staffing.rows)} rows); "
        f"{sum(len(f.plants) for f in mp.files)} planted problems ({len(mp.drill.plants)} drill, "
        f"{len(mp.training.plants)} training, {len(mp.staffing.plants)} staffing; cells and codes listed above), "
        "nothing else to report when validated with the roster.",
        "",
    ]


# ---------------------------------------------------------------------------------------------------
# --check: read every file back and verify

HEADERS: dict[str, tuple[str, ...]] = {
    "hazard_id": ("隐患编号", "编号", "隐患序号"),
    "town": ("镇街", "所属镇街", "镇(街道)", "所属镇(街道)", "乡镇(街道)", "属地", "区域"),
    "unit": ("企业名称", "单位名称", "企业(单位)名称", "生产经营单位", "被检查单位"),
    "uscc": ("统一社会信用代码", "社会信用代码", "信用代码"),
    "industry": ("行业领域", "行业", "行业类别", "所属行业", "监管行业"),
    "found_on": ("排查日期", "排查时间", "检查日期", "检查时间", "发现日期", "发现时间", "登记日期"),
    "source": ("排查类型", "检查类型", "隐患来源", "检查方式"),
    "category": ("隐患类别", "隐患类型", "隐患分类"),
    "level": ("隐患等级", "隐患级别", "隐患分级", "等级"),
    "place": ("隐患部位", "检查地点", "部位", "位置"),
    "description": ("隐患描述", "隐患内容", "隐患名称", "存在问题", "问题描述", "隐患问题描述", "主要隐患"),
    "measure": ("整改措施", "治理措施", "整改要求", "整改意见", "整改方案"),
    "owner": ("整改责任人", "责任人", "治理责任人", "负责人"),
    "deadline": ("整改期限", "整改时限", "治理时限", "治理期限", "限期整改日期", "计划完成时间", "要求完成时间", "完成时限"),
    "status": ("整改状态", "整改情况", "整改进度", "完成情况", "治理结果", "销号情况", "是否整改"),
    "closed_on": ("整改完成日期", "实际完成时间", "完成时间", "整改完成时间", "治理完成时间", "整改日期"),
    "verifier": ("复查人", "验收人", "复查验收人", "复核人"),
    "verified_on": ("验收日期", "验收时间", "复查时间", "销号日期"),
    "note": ("备注", "说明"),
}  # fmt: skip
_HEADER_FIELD = {h: k for k, hs in HEADERS.items() for h in hs}
_LEVELS = {"一般": synth.LEVEL_GENERAL, "一般隐患": synth.LEVEL_GENERAL, "一般事故隐患": synth.LEVEL_GENERAL,
           "重大": synth.LEVEL_MAJOR, "重大隐患": synth.LEVEL_MAJOR, "重大事故隐患": synth.LEVEL_MAJOR}  # fmt: skip
_STATUS = {**dict.fromkeys(("已整改", "已完成", "整改完成", "完成", "已闭环", "已销号", "已验收", "是", "√"), synth.CLOSED),
           **dict.fromkeys(("整改中", "正在整改", "治理中", "部分整改"), synth.IN_PROGRESS),
           **dict.fromkeys(("未整改", "待整改", "未完成", "否", "×"), synth.OPEN)}  # fmt: skip
_INDUSTRY_SYN = {"危化": "危险化学品", "燃气": "城镇燃气", "学校": "教育", "交通运输": "道路运输"}
_SKIP_FIRST = ("合计", "小计", "总计", "填表人", "审核人", "单位负责人", "填报单位")


def norm(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        v = int(v)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(v)))


def parse_date(v: Any) -> dt.date | str | None:
    """A date, None for empty, or the string "bad" for an unreadable value."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    s = norm(v)
    if s in ("", "/", "—", "无"):
        return None
    m = (
        re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
        or re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", s)
        or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    )
    if not m:
        return "bad"
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return "bad"


def parse_deadline(v: Any, found: Any) -> dt.date | str | None:
    s = norm(v)
    if s in ("长期", "持续", "尽快"):
        return "长期"
    if not isinstance(found, dt.date):
        return parse_date(v)
    if s in ("立即", "立即整改", "立行立改", "当场整改", "当日", "当天"):
        return found
    if s == "一周内":
        return found + dt.timedelta(days=7)
    m = re.fullmatch(r"(\d+)[日天]内", s)
    if m:
        return found + dt.timedelta(days=int(m[1]))
    return parse_date(v)


def read_grids(path: Path) -> dict[str, tuple[list[list[Any]], bool]]:
    """sheet name -> (rows, visible). CSV gives one sheet named ""."""
    if path.suffix == ".csv":
        data = path.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("gb18030")
        return {"": (list(csv.reader(io.StringIO(text, newline=""))), True)}
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    out = {}
    for meta in wb.sheets_metadata:
        rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        out[meta.name] = (rows, meta.visible == python_calamine.SheetVisibleEnum.Visible)
    return out


def find_header(rows: list[list[Any]]) -> tuple[int, list[str | None], int] | None:
    """(header row index, field per column, first data row index), two-row headers flattened."""
    best = None
    for i, row in enumerate(rows[:12]):
        score = sum(1 for v in row if norm(v) in _HEADER_FIELD)
        if score >= 6 and (best is None or score > best[1]):
            best = (i, score)
    if best is None:
        return None
    h = best[0]
    top = rows[h]
    below = rows[h + 1] if h + 1 < len(rows) else []
    two = sum(1 for v in below if norm(v) in _HEADER_FIELD) >= 2
    fields: list[str | None] = []
    for c in range(len(top)):
        child = norm(below[c]) if two and c < len(below) else ""
        name = child if child in _HEADER_FIELD else norm(top[c])
        fields.append(_HEADER_FIELD.get(name))
    return h, fields, h + (2 if two else 1)


def read_ledger(path: Path) -> tuple[str, list[tuple[int, dict]], list[str]]:
    """(sheet, [(Excel row, raw values by field)], notes) from the first visible sheet with a header."""
    notes = []
    for name, (rows, visible) in read_grids(path).items():
        found = find_header(rows)
        if not visible:
            if found:
                notes.append(f"hidden sheet {name} looks like a ledger")
            continue
        if not found:
            continue
        _, fields, first = found
        out: list[tuple[int, dict]] = []
        prev: dict = {}
        for i in range(first, len(rows)):
            row = rows[i]
            texts = [norm(v) for v in row]
            if not any(texts):
                continue
            first_text = next(t for t in texts if t)
            if first_text.startswith(_SKIP_FIRST):
                continue
            rec = {k: row[c] for c, k in enumerate(fields) if k and c < len(row)}
            if norm(rec.get("unit")) == "" and prev:  # enterprise cells merged over their rows
                for k in ("unit", "uscc", "industry"):
                    rec[k] = prev.get(k)
            prev = rec
            out.append((i + 1, rec))
        return name, out, notes
    raise AssertionError(f"{path}: no ledger sheet found")


def interpret(raw: dict) -> tuple[dict, list[tuple[str, str]]]:
    """Canonical values and rule issues [(field, code)] for one data row."""
    issues: list[tuple[str, str]] = []
    v: dict[str, Any] = {}
    for k in ("hazard_id", "town", "unit", "source", "category", "place", "description", "measure", "owner",
              "verifier", "note"):  # fmt: skip
        if k in raw:
            v[k] = norm(raw[k]) or None
    for k in ("found_on", "closed_on", "verified_on"):
        if k in raw:
            d = parse_date(raw[k])
            if d == "bad":
                issues.append((k, "unreadable_date"))
                d = None
            v[k] = d
    if "deadline" in raw:
        d = parse_deadline(raw["deadline"], v.get("found_on"))
        if d == "bad":
            issues.append(("deadline", "unreadable_date"))
            d = None
        elif d == "长期":
            issues.append(("deadline", "长期"))
            d = None
        v["deadline"] = d
    if "uscc" in raw:
        u = raw["uscc"]
        if isinstance(u, float | int) and not isinstance(u, bool):
            issues.append(("uscc", "uscc_number"))
            v["uscc"] = None
        else:
            s = norm(u).upper() or None
            if s and not synth.is_valid_uscc(s):
                issues.append(("uscc", "uscc_check"))
            v["uscc"] = s
    if "industry" in raw:
        s = norm(raw["industry"])
        v["industry"] = _INDUSTRY_SYN.get(s, s) or None
    if "level" in raw:
        s = norm(raw["level"])
        v["level"] = _LEVELS.get(s)
        if s and v["level"] is None:
            issues.append(("level", "level_vocab"))
    if "status" in raw:
        s = norm(raw["status"])
        v["status"] = _STATUS.get(s)
        if s and v["status"] is None:
            issues.append(("status", "status_vocab"))
    for k in synth.REQUIRED_KEYS:
        if k in raw and norm(raw[k]) == "" and not any(f == k for f, _ in issues):
            issues.append((k, "required"))
    found, deadline, closed = v.get("found_on"), v.get("deadline"), v.get("closed_on")
    if found and deadline and deadline < found:
        issues.append(("deadline", "deadline_before_found"))
    if v.get("status") == synth.CLOSED:
        if "closed_on" in raw and closed is None:
            issues.append(("closed_on", "closed_without_date"))
        if "verifier" in raw and not v.get("verifier"):
            issues.append(("verifier", "closed_without_verifier"))
    elif closed is not None:
        issues.append(("closed_on", "date_but_not_closed"))
    if found and closed and closed < found:
        issues.append(("closed_on", "closed_before_found"))
    if closed and v.get("verified_on") and v["verified_on"] < closed:
        issues.append(("verified_on", "verified_before_closed"))
    return v, issues


def check(out: Path) -> list[str]:
    problems: list[str] = []
    plan = build_plan()
    recs = plan.records

    # 1. canonical invariants on every snapshot (the defects live in the files only)
    for y, m in MONTHS:
        as_of = month_end(y, m)
        for p in synth.check_invariants(synth.snapshot(recs, as_of), as_of):
            problems.append(f"canonical {y}-{m:02d}: {p}")
    ids = {r["hazard_id"] for r in recs}
    if not 300 <= len(ids) <= 400:
        problems.append(f"unique hazards {len(ids)} not in 300..400")
    problems += [f"topic table: {p}" for p in synth.topic_problems()]

    # 2. files on disk are exactly the planned ones
    on_disk = sorted(str(p.relative_to(out)) for p in (out / LEDGER_DIR).rglob("*") if p.is_file())
    if on_disk != sorted(f.rel for f in plan.files):
        problems.append(f"files on disk differ from the plan: {set(on_disk) ^ {f.rel for f in plan.files}}")

    # 3. read every file back, compare with the records, apply the rules
    read_ids: set[str] = set()
    name_of: dict[str, str] = {}
    code_of: dict[str, str | None] = {}
    defect_cells: dict[str, Any] = {}
    ledger_codes: dict[str, set] = {}  # enterprise -> codes as read from the hazard ledgers
    for f in plan.files:
        path = out / f.rel
        sheet, rows, notes = read_ledger(path)
        if f.sheet and sheet != f.sheet:
            problems.append(f"{f.rel}: ledger read from sheet {sheet}, expected {f.sheet}")
        if [r for r, _ in rows] != [r for r, _ in f.data]:
            problems.append(f"{f.rel}: data rows {[r for r, _ in rows][:5]}… differ from plan")
            continue
        seen_ids: dict[str, int] = {}
        expected = dict(f.expected)
        for (row, raw), (_, rec) in zip(rows, f.data, strict=True):
            val, issues = interpret(raw)
            hid = val.get("hazard_id")
            if hid in seen_ids:
                issues.append(("hazard_id", "duplicate_id"))
            seen_ids.setdefault(hid, row)
            read_ids.add(hid)
            unit, code = val.get("unit"), val.get("uscc")
            if (row, "uscc") not in expected:
                ledger_codes.setdefault(unit, set()).add(code)
            if code and name_of.setdefault(code, unit) != unit:
                issues.append(("uscc", "uscc_two_names"))
            if unit and code and code_of.setdefault(unit, code) != code:
                issues.append(("uscc", "name_two_codes"))
            got = {(row, k) for k, _ in issues}
            for key in expected:
                if key[0] == row and key not in got:
                    problems.append(f"{f.rel} row {row}: expected issue on {key[1]} not found")
            for k, code_ in issues:
                if (row, k) not in expected:
                    problems.append(f"{f.rel} row {row}: unexpected issue {code_} on {k}")
            # field-by-field comparison with the canonical record
            for k in f.columns:
                if k is None or (row, k) in expected:
                    continue
                want = rec[k]
                if isinstance(want, str) or want is None:
                    want = norm(want) or None
                have = val.get(k)
                if have != want:
                    problems.append(f"{f.rel} row {row}: {k} read {have!r}, expected {want!r}")
        for n in notes:
            if not (f.town == "南关街道" and "字典" in n):
                problems.append(f"{f.rel}: {n}")
        for d in f.defects:
            defect_cells[d.cell] = d

    missing = ids - read_ids - {plan.defect_ids["e"]}  # (e) shows its row under another id
    if missing:
        problems.append(f"hazards never shown in any file: {sorted(missing)[:5]}")

    # 4. the defects sit exactly at the documented cells, as calamine reads them
    import python_calamine

    df = next(f for f in plan.files if f.town == DEFECT_TOWN and f.month == DEFECT_MONTH)
    wb = python_calamine.CalamineWorkbook.from_path(str(out / df.rel))
    grid = wb.get_sheet_by_name(df.sheet).to_python(skip_empty_area=False)

    def at(addr: str) -> Any:
        m = re.fullmatch(r"([A-Z]+)(\d+)", addr)
        c = 0
        for ch in m[1]:
            c = c * 26 + ord(ch) - 64
        row = grid[int(m[2]) - 1]
        return row[c - 1] if c - 1 < len(row) else ""

    col = {k: col_letter(i) for i, (_, k) in enumerate(CANON) if k}
    for d in df.defects:
        v = at(d.cell)
        row = int(re.sub(r"[A-Z]+", "", d.cell))
        ok = {
            "a": v == "2026.13.5",
            "b": isinstance(v, dt.date)
            and isinstance(at(f"{col['found_on']}{row}"), dt.date)
            and v < at(f"{col['found_on']}{row}"),
            "c": v == "" and at(f"{col['status']}{row}") == synth.CLOSED,
            "d": v == "91350100M000100Y4Z",
            "e": v == plan.defect_ids["e0"] and sum(1 for r in grid if len(r) > 1 and r[1] == v) == 2,
            "f": v == "严重",
            "g": v == "",
            "h": isinstance(v, float) and v > 9e17,
            "i": v == ""
            and at(f"{col['status']}{row}") == synth.CLOSED
            and at(f"{col['closed_on']}{row}") != "",
        }[d.code]
        if not ok:
            problems.append(f"defect ({d.code}) not found at {df.sheet}!{d.cell}: {v!r}")
    if sorted(d.code for d in df.defects) != list("abcdefghi"):
        problems.append("defect list incomplete")
    rows_used = [int(re.sub(r"[A-Z]+", "", d.cell)) for d in df.defects]
    if len(set(rows_used)) != len(rows_used):
        problems.append(f"defects share rows: {rows_used}")
    earlier = {r["hazard_id"] for f in plan.files if f.town == DEFECT_TOWN and f.month != DEFECT_MONTH
               for _, r in f.data}  # fmt: skip
    if earlier & set(plan.defect_ids.values()):
        problems.append("a defect row is not a new October hazard")

    # 5. README addresses match
    text = (out / "README.md").read_text(encoding="utf-8")
    if text != readme(plan):
        problems.append("README.md differs from what the generator writes")
    documented = re.findall(re.escape(Path(df.rel).name) + r" " + re.escape(df.sheet) + r"!([A-Z]+\d+)", text)
    if sorted(documented) != sorted(d.cell for d in df.defects):
        problems.append(f"README cells {documented} != defects {[d.cell for d in df.defects]}")
    for f in plan.files:
        for (row, k), code_ in f.expected.items():
            if code_ == "长期":
                addr = f"{col_letter(f.columns.index(k))}{row}"
                g = read_grids(out / f.rel)[f.sheet][0]
                if norm(g[row - 1][f.columns.index(k)]) != "长期" or f"{f.sheet}!{addr}" not in text:
                    problems.append(f"{f.rel}: 长期 not at {addr} or not in README")

    # 6. the responsibility lists
    problems += check_resp(out, plan, ledger_codes)

    # 7. the roster of enterprises
    problems += check_roster(out, plan, ledger_codes)

    # 8. the 长效机制 ledgers
    problems += check_mech(out, plan)
    return problems


# ---------------------------------------------------------------------------------------------------
# --check: responsibility lists

RESP_HEADER_FIELD = {
    **dict.fromkeys(("序号",), "seq"), **dict.fromkeys(("企业名称",), "unit"),
    **dict.fromkeys(("统一社会信用代码",), "uscc"), **dict.fromkeys(("层级", "责任层级"), "level"),
    **dict.fromkeys(("部门(车间/班组)", "部门"), "dept"), **dict.fromkeys(("岗位(职务)", "岗位"), "post"),
    **dict.fromkeys(("姓名", "责任人"), "name"), **dict.fromkeys(("安全生产职责", "责任内容"), "duty"),
    **dict.fromkeys(("考核标准", "考核指标"), "standard"), **dict.fromkeys(("考核方式",), "method"),
    **dict.fromkeys(("签订日期", "签字日期"), "signed_on"), **dict.fromkeys(("备注",), "note"),
}  # fmt: skip
_CN_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")


@dataclass
class ReadBlock:
    unit: str
    uscc: str | None
    sheet: str
    rows: list[tuple[int, dict]]  # (row, canonical values incl. all synth.RESP_KEYS)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _resp_records(
    grid: list[list[Any]], header: int, problems: list[str], where: str
) -> list[tuple[int, dict]]:
    """Rows below the header as {field: raw value}; the header must map every column."""
    fields = [RESP_HEADER_FIELD.get(norm(v)) for v in grid[header]]
    if None in fields or len(set(fields)) != len(fields):
        problems.append(f"{where}: header {grid[header]} not understood")
    out = []
    for i in range(header + 1, len(grid)):
        row = grid[i]
        if not any(norm(v) for v in row):
            continue
        out.append((i + 1, {k: (row[c] if c < len(row) else "") for c, k in enumerate(fields) if k}))
    return out


def _resp_canon(raw: dict, unit: str, uscc: str | None, layout: str, problems: list[str], where: str) -> dict:
    rec = {k: "" for k in synth.RESP_KEYS}
    rec["unit"], rec["uscc"] = unit, uscc
    for k, v in raw.items():
        if k in ("seq", "unit", "uscc"):
            continue
        if k == "signed_on":
            want_text = layout in ("per_sheet", "plain")
            if want_text != isinstance(v, str) or (layout == "per_sheet" and not _CN_DATE.fullmatch(v)):
                problems.append(f"{where}: 签订日期 {v!r} not in the layout's form")
            d = parse_date(v)
            rec[k] = d if isinstance(d, dt.date) else None
            if not isinstance(d, dt.date) or d > RESP_LIMIT:
                problems.append(f"{where}: 签订日期 {v!r} unreadable or after {RESP_LIMIT}")
        else:
            rec[k] = _text(v)
    if layout == "plain":
        rec["level"] = synth.infer_level(rec["post"])
    return rec


def _uscc_text(v: Any, problems: list[str], where: str) -> str | None:
    if isinstance(v, float | int) and not isinstance(v, bool):
        problems.append(f"{where}: 统一社会信用代码 stored as a number {v!r}")
    s = norm(v).upper()
    return s or None


def read_resp(path: Path, f: RespFile, problems: list[str]) -> list[ReadBlock]:
    """The enterprises of one responsibility-list file as read back (calamine; CSV via csv.reader)."""
    grids = read_grids(path)
    blocks: list[ReadBlock] = []
    where = f.rel
    if f.layout in ("stacked", "plain"):
        sheet = RESP_SHEET if f.layout == "stacked" else ""
        if list(grids) != [sheet]:
            problems.append(f"{where}: sheets {list(grids)}")
        grid = grids[sheet][0]
        header = 1 if f.layout == "stacked" else 0
        if f.layout == "stacked" and grid[0][0] != f"{f.town}企业全员安全生产责任清单":
            problems.append(f"{where}: title {grid[0][0]!r}")
        unit, code = None, None
        for row, raw in _resp_records(grid, header, problems, where):
            if norm(raw.get("unit")):
                unit, code = _text(raw["unit"]), _uscc_text(raw.get("uscc"), problems, f"{where} row {row}")
            elif f.layout == "plain":
                problems.append(f"{where} row {row}: 企业名称 empty in a CSV row")
            elif norm(raw.get("uscc")):
                problems.append(f"{where} row {row}: code without name (merge broken)")
            rec = _resp_canon(raw, unit, code, f.layout, problems, f"{where} row {row}")
            if not blocks or blocks[-1].unit != unit:
                blocks.append(ReadBlock(unit, code, sheet, []))
            elif blocks[-1].uscc != code:
                problems.append(f"{where} row {row}: {unit} with two codes")
            blocks[-1].rows.append((row, rec))
        if f.layout == "stacked":
            import python_calamine

            wb = python_calamine.CalamineWorkbook.from_path(str(path))
            merged = set(wb.get_sheet_by_name(RESP_SHEET).merged_cell_ranges)
            want = {((0, 0), (0, len(STACKED_HEADER) - 1))}
            for b in blocks:
                if len(b.rows) > 1:
                    want |= {((b.rows[0][0] - 1, c), (b.rows[-1][0] - 1, c)) for c in (1, 2)}
            if merged != want:
                problems.append(f"{where}: merged ranges differ: {sorted(merged ^ want)[:4]}")
        return blocks
    for sheet, (grid, _visible) in grids.items():
        if f.layout == "per_sheet" and sheet == "说明":
            if [r[0] for r in grid] != list(RESP_INSTRUCTIONS):
                problems.append(f"{where}: 说明 sheet differs")
            continue
        w = f"{where} {sheet}"
        title = _text(grid[0][0])
        if not title.endswith("全员安全生产责任清单"):
            problems.append(f"{w}: title {title!r}")
        unit = title.removesuffix("全员安全生产责任清单")
        if f.layout == "per_sheet":
            a2, e2 = _text(grid[1][0]), _text(grid[1][4])
            if not a2.startswith("企业名称：") or a2.removeprefix("企业名称：") != unit:
                problems.append(f"{w}: A2 {a2!r} does not name {unit}")
            if not e2.startswith("统一社会信用代码："):
                problems.append(f"{w}: E2 {e2!r}")
            code = _uscc_text(e2.removeprefix("统一社会信用代码："), problems, w)
        else:
            if Path(f.rel).stem != f"{unit}全员安全生产责任清单" or sheet != "Sheet1":
                problems.append(f"{w}: file name / sheet do not match the title {title!r}")
            a2 = _text(grid[1][0])
            if not a2.startswith("统一社会信用代码："):
                problems.append(f"{w}: A2 {a2!r}")
            code = _uscc_text(a2.removeprefix("统一社会信用代码："), problems, w)
        rows = [
            (row, _resp_canon(raw, unit, code, f.layout, problems, f"{w} row {row}"))
            for row, raw in _resp_records(grid, 2, problems, w)
        ]
        blocks.append(ReadBlock(unit, code, sheet, rows))
    return blocks


def check_resp(out: Path, plan: Plan, ledger_codes: dict[str, set]) -> list[str]:
    problems: list[str] = []
    rp = plan.resp
    on_disk = sorted(str(p.relative_to(out)) for p in (out / RESP_DIR).rglob("*") if p.is_file())
    if on_disk != sorted(f.rel for f in rp.files):
        problems.append(f"责任清单 files differ from the plan: {set(on_disk) ^ {f.rel for f in rp.files}}")
        return problems
    county_code = {e.name: e.uscc for e in plan.county.enterprises}
    defect_of = {d.unit: d for d in rp.defects}
    expected_codes = {"1": {"level_missing"}, "2": {"copy_duty"}, "3": {"no_main"}}
    seen_units: list[str] = []
    grids: dict[str, list[list[Any]]] = {}
    for f in rp.files:
        blocks = read_resp(out / f.rel, f, problems)
        if f.layout == "stacked":
            grids[f.rel] = read_grids(out / f.rel)[RESP_SHEET][0]
        shape = [(b.unit, b.sheet, [r for r, _ in b.rows]) for b in blocks]
        want = [(b.ent.name, b.sheet, [r for r, _ in b.rows]) for b in f.blocks]
        if shape != want:
            problems.append(f"{f.rel}: enterprises/rows read {shape[:2]}… differ from the plan {want[:2]}…")
            continue
        for b, pb in zip(blocks, f.blocks, strict=True):
            seen_units.append(b.unit)
            where = f"{f.rel} {b.sheet} {b.unit}"
            # same enterprise as in the hazard ledgers (and the county)
            if b.uscc != county_code.get(b.unit, "missing"):
                problems.append(
                    f"{where}: code {b.uscc} but county has {county_code.get(b.unit, 'no such unit')}"
                )
            if b.unit in ledger_codes and ledger_codes[b.unit] != {b.uscc}:
                problems.append(f"{where}: code {b.uscc} but the hazard ledgers show {ledger_codes[b.unit]}")
            # cell by cell against the plan
            for (row, rec), (_, want_rec) in zip(b.rows, pb.rows, strict=True):
                for k in f.columns:
                    if k is None:
                        continue
                    w = want_rec[k] if want_rec[k] is not None else ("" if k != "uscc" else None)
                    if rec[k] != w:
                        problems.append(f"{where} row {row}: {k} read {rec[k]!r}, planned {w!r}")
                if f.layout == "plain" and rec["level"] != want_rec["level"]:
                    problems.append(
                        f"{where} row {row}: level inferred {rec['level']}, planned {want_rec['level']}"
                    )
            # the rules: clean except the documented defects
            found = synth.responsibility_problems([r for _, r in b.rows], plain=f.layout == "plain")
            d = defect_of.get(b.unit)
            want_codes = expected_codes[d.code] if d else set()
            if {c for c, _ in found} != want_codes:
                problems.append(f"{where}: rule findings {found} != expected {sorted(want_codes)}")
            if d and d.code == "1" and found != [("level_missing", "班组长")]:
                problems.append(f"{where}: defect (1) findings {found}")
            if d and d.code == "2" and found != [("copy_duty", ",".join(map(str, d.rows)))]:
                problems.append(f"{where}: defect (2) findings {found}, expected rows {d.rows}")
    if len(seen_units) != len(set(seen_units)):
        problems.append("an enterprise has two lists")
    lost = _owners_not_listed(plan)
    d3 = next(d.unit for d in rp.defects if d.code == "3")
    if {n for n, _ in lost} - {d3} or len(lost) > 1:
        problems.append(f"hazard owners missing from their lists: {lost}")
    owners_seen = {(r["unit"], r["owner"]) for r in plan.records}
    for unit, owner in owners_seen:
        rows = rp.lists.get(unit)
        if rows is not None and unit != d3 and owner not in {r["name"] for r in rows}:
            problems.append(f"{unit}: hazard owner {owner} not in the list")
    if sorted(seen_units) != sorted(rp.lists):
        problems.append("enterprises read differ from the plan")
    without = sorted(e.name for e in plan.county.enterprises if e.name not in set(seen_units))
    if without != sorted(e.name for e in rp.without):
        problems.append(f"enterprises without a list differ: {without}")
    share = len(seen_units) / len(plan.county.enterprises)
    if not 0.7 <= share <= 0.85:
        problems.append(f"coverage {share:.0%} not about 80%")
    dual = sum(
        1 for rows in rp.lists.values() if [r["post"] for r in rows[:2]] == ["法定代表人", "实际控制人"]
    )
    if not 0.18 <= dual / len(rp.lists) <= 0.32:
        problems.append(f"{dual} enterprises with 法定代表人 and 实际控制人 on two rows, not about 25%")
    for n, rows in rp.lists.items():
        if n not in defect_of:
            for lv, lo, hi in (("主要负责人", 1, 2), ("分管负责人", 1, 2), ("部门负责人", 2, 3), ("班组长", 2, 3),
                               ("岗位人员", 3, 6)):  # fmt: skip
                k = sum(1 for r in rows if r["level"] == lv)
                if not lo <= k <= hi:
                    problems.append(f"{n}: {k} rows of {lv}, expected {lo}–{hi}")

    # the defects at the cells the README documents, as calamine reads them
    text = (out / "README.md").read_text(encoding="utf-8")
    documented = re.findall(
        r"^\| \(([123])\) \| ([^|]+?) \| ([^!|]+)!([A-Z0-9:、]+) \| ([^|]+?) \| ([^|]+?) \|", text, re.M
    )
    if sorted(d[0] for d in documented) != ["1", "2", "3"]:
        problems.append(f"README: responsibility defects documented {documented}")
    for code, fname, sheet, cells, unit, severity in documented:
        f = next((f for f in rp.files if Path(f.rel).name == fname), None)
        if f is None or f.layout != "stacked" or sheet != RESP_SHEET:
            problems.append(f"README defect ({code}): {fname} {sheet} is not a stacked list")
            continue
        grid = grids[f.rel]
        col = {k: i for i, k in enumerate(STACKED_KEYS) if k}

        def at(r: int, key: str, grid=grid, col=col) -> Any:
            row = grid[r - 1]
            return row[col[key]] if col[key] < len(row) else ""

        def block_rows(r0: int, grid=grid) -> list[int]:
            """Excel rows of the enterprise starting at row r0 (merged name cell)."""
            rows = [r0]
            while (
                rows[-1] < len(grid)
                and norm(grid[rows[-1]][1]) == ""
                and any(norm(v) for v in grid[rows[-1]])
            ):
                rows.append(rows[-1] + 1)
            return rows

        addr = [c for c in cells.split("、")]
        nums = [int(re.sub(r"[A-Z]", "", a.split(":")[0])) for a in addr]
        d = defect_of.get(unit)
        if d is None or d.code != code or severity != d.severity:
            problems.append(f"README defect ({code}): enterprise {unit} / {severity} not planned")
            continue
        if code == "1":
            m = re.fullmatch(r"D(\d+):D(\d+)", addr[0])
            r0, r1 = int(m[1]), int(m[2])
            levels = [at(r, "level") for r in range(r0, r1 + 1)]
            ok = (
                at(r0, "unit") == unit and block_rows(r0) == list(range(r0, r1 + 1))
                and "班组长" not in levels and len(set(levels)) == 4 and all(levels)
            )  # fmt: skip
        elif code == "2":
            r0 = max(r for r in range(1, nums[0] + 1) if norm(at(r, "unit")))
            duties = [at(r, "duty") for r in nums]
            ok = (
                all(a.startswith("H") for a in addr) and len(nums) == 3 and at(r0, "unit") == unit
                and all(r in block_rows(r0) for r in nums)
                and len({synth.duty_key(x) for x in duties}) == 1 and len(set(duties)) == 3
                and len({at(r, "post") for r in nums}) == 3 and len({at(r, "level") for r in nums}) == 3
                and len({at(r, "dept") for r in nums}) == 3
            )  # fmt: skip
        else:
            r0 = nums[0]
            ok = (
                addr == [f"B{r0}", f"D{r0}"] and at(r0, "unit") == unit and at(r0, "level") == "分管负责人"
                and all(at(r, "level") != "主要负责人" for r in block_rows(r0))
            )  # fmt: skip
        if not ok:
            problems.append(f"README defect ({code}) not found at {fname} {sheet}!{cells}")
    return problems


# ---------------------------------------------------------------------------------------------------
# --check: the roster

_ROSTER_PHONE = re.compile(r"1[3-9]\d{9}|0539-[2-9]\d{6}")


def check_roster(out: Path, plan: Plan, ledger_codes: dict[str, set]) -> list[str]:
    """The roster as calamine reads it: layout, every cell as planned, no rule errors, and matched to
    the hazard ledgers (by code, else by name within the town) exactly the documented differences."""
    import python_calamine

    problems: list[str] = []
    rp = plan.roster
    on_disk = sorted(str(p.relative_to(out)) for p in (out / ROSTER_DIR).rglob("*") if p.is_file())
    if on_disk != [ROSTER_FILE]:
        return [f"底数 files {on_disk} differ from the plan"]
    grids = read_grids(out / ROSTER_FILE)
    if list(grids) != [ROSTER_SHEET]:
        return [f"底数: sheets {list(grids)}"]
    grid = grids[ROSTER_SHEET][0]
    line = [_text(v) for v in grid[1]]
    if (
        _text(grid[0][0]) != ROSTER_TITLE
        or line[0] != f"填报单位：{ROSTER_OFFICE}"
        or not line[8].startswith("更新日期：")
    ):
        problems.append(f"底数: title / 填报单位 line {grid[0][0]!r} {line!r}")
    if [_text(v) for v in grid[2]] != list(ROSTER_HEADER):
        problems.append(f"底数: header {grid[2]}")
    wb = python_calamine.CalamineWorkbook.from_path(str(out / ROSTER_FILE))
    merged = set(wb.get_sheet_by_name(ROSTER_SHEET).merged_cell_ranges)
    if merged != {((0, 0), (0, len(ROSTER_HEADER) - 1)), ((1, 0), (1, 4))}:
        problems.append(f"底数: merged ranges {sorted(merged)}")
    data = [r for r in grid[3:] if any(norm(v) for v in r)]
    if len(data) != len(rp.rows) or len(rp.rows) != ROSTER_TOTAL:
        return [*problems, f"底数: {len(data)} rows read, {len(rp.rows)} planned, {ROSTER_TOTAL} wanted"]
    for cells, r in zip(data, rp.rows, strict=True):
        read = {k: _text(v) for k, v in zip(ROSTER_KEYS, cells, strict=False)}
        want = {k: _text(v) for k, v in r.values.items()}
        if read != want:
            problems.append(f"底数 row {r.row}: read {read}, planned {want}")
    # no rule errors
    rows = [r.values for r in rp.rows]
    codes = [v["uscc"] for v in rows if v["uscc"]]
    if len(codes) != len(set(codes)) or not all(synth.is_valid_uscc(c) for c in codes):
        problems.append("底数: a credit code repeated or with a wrong check character")
    keys = [(v["town"], _local_key(v["unit"])) for v in rows]
    if len(keys) != len(set(keys)):
        problems.append("底数: one name twice in a town")
    for v in rows:
        if not _ROSTER_PHONE.fullmatch(v["phone"]) or v["status"] not in ("在营", "停产", "关闭", "注销"):
            problems.append(f"底数 {v['unit']}: phone {v['phone']} / status {v['status']}")
        if (v["high_risk"] == "是") != (v["industry"] in HIGH_RISK):
            problems.append(f"底数 {v['unit']}: 是否高危 {v['high_risk']} for {v['industry']}")
    statuses = [v["status"] for v in rows]
    if [statuses.count(s) for s in ("关闭", "注销", "停产")] != [3, 2, 2]:
        problems.append("底数: not 3 关闭, 2 注销, 2 停产")
    if any(r.values["status"] != "在营" for r in rp.of("ledger", "county")):
        problems.append("底数: an enterprise of the county not 在营")
    variants = [r for r in rp.rows if r.variant]
    if (sorted(r.variant for r in variants) != ["bracket"] * 2 + ["no_prefix"] * 3
            or sum(1 for r in variants if not r.values["uscc"]) != 3
            or any(_local_key(r.values["unit"]) != _local_key(r.ledger_name) for r in variants)):  # fmt: skip
        problems.append("底数: the name variants are not as documented")
    # matched to the hazard ledgers as the tool does: by code, else by name within the town
    town_of = {e.name: e.town for e in plan.county.enterprises}
    by_code = {v["uscc"]: i for i, v in enumerate(rows) if v["uscc"]}
    by_name = {k: i for i, k in enumerate(keys)}
    units = set(ledger_codes) | _defect_only_units(plan)
    hit: set[int] = set()
    off: list[str] = []
    for unit in units:
        found = [by_code[c] for c in ledger_codes.get(unit, ()) if c in by_code]
        i = found[0] if found else by_name.get((town_of[unit], _local_key(unit)))
        if i is None:
            off.append(unit)
        else:
            hit.add(i)
            if rp.rows[i].ledger_name != unit:
                problems.append(f"底数: {unit} of the ledgers matched to {rows[i]['unit']}")
            if rows[i]["uscc"] and ledger_codes.get(unit, {rows[i]["uscc"]}) != {rows[i]["uscc"]}:
                problems.append(f"底数: {unit} has code {rows[i]['uscc']}, the ledgers {ledger_codes[unit]}")
    if sorted(off) != sorted(e.name for e in rp.off_roster):
        problems.append(
            f"底数: not on the roster {sorted(off)}, documented {[e.name for e in rp.off_roster]}"
        )
    never = [i for i in range(len(rows)) if i not in hit]
    if never != [i for i, r in enumerate(rp.rows) if r.origin != "ledger"]:
        problems.append("底数: units never in a ledger differ from the plan")
    return problems


# ---------------------------------------------------------------------------------------------------
# --check: 长效机制台账


def _mval(v: Any) -> Any:
    """A cell as calamine reads it, comparable with the plan: dates as dates, whole floats as int."""
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def check_mech(out: Path, plan: Plan) -> list[str]:
    """The three files as calamine reads them: layout, every cell as planned, and a reading of the rules
    that finds exactly the planted problems at the planted cells (and the README documents them)."""
    mp = plan.mech
    problems: list[str] = []
    on_disk = sorted(str(p.relative_to(out)) for p in (out / MECH_DIR).rglob("*") if p.is_file())
    if on_disk != sorted(f.rel for f in mp.files):
        return [f"{MECH_DIR}: files {on_disk} differ from the plan"]
    read: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for f in mp.files:
        grids = read_grids(out / f.rel)
        if list(grids) != [f.sheet]:
            problems.append(f"{f.rel}: sheets {list(grids)}")
            continue
        grid = grids[f.sheet][0]
        line = [_text(v) for v in grid[1]]
        if (
            _text(grid[0][0]) != f.title
            or line[0] != f"填报单位：{MECH_OFFICE}"
            or line[len(f.header) - 4] != f"填报日期：{cn_date(MECH_AS_OF)}"
        ):
            problems.append(f"{f.rel}: title / 填报单位 line {grid[0][0]!r} {line!r}")
        if [_text(v) for v in grid[2]] != list(f.header):
            problems.append(f"{f.rel}: header {grid[2]}")
        data = [(i + 1, r) for i, r in enumerate(grid) if i >= f.first - 1 and any(_mval(v) != "" for v in r)]
        if len(data) != len(f.rows) or (data and data[0][0] != f.first):
            problems.append(f"{f.rel}: {len(data)} data rows read, {len(f.rows)} planned")
            continue
        rows = []
        for (n, cells), want in zip(data, f.rows, strict=True):
            got = {k: _mval(v) for k, v in zip(f.keys, cells, strict=False)}
            if got != {k: want[k] for k in f.keys}:
                problems.append(f"{f.rel} row {n}: read {got}, planned {want}")
            rows.append((n, got))
        read[f.rel] = rows
    if problems:
        return problems
    if (_months_back(MECH_AS_OF, 12), _months_back(MECH_AS_OF, 6)) != (YEAR_SINCE, HALF_SINCE):
        problems.append("长效机制: the windows documented differ from the ones computed")
    for as_of in (MECH_AS_OF, MECH_LATEST):
        findings = {
            DRILL_FILE: _drill_findings(read[DRILL_FILE], read[TRAIN_FILE], mp, as_of),
            TRAIN_FILE: _training_findings(read[TRAIN_FILE], as_of),
            STAFF_FILE: _staffing_findings(read[STAFF_FILE]),
        }
        for f in mp.files:
            want = sorted((p.finding, p.cell) for p in f.plants)
            if findings[f.rel] != want:
                problems.append(f"{f.rel} as of {as_of}: the rules read {findings[f.rel]}, planted {want}")
    text = (out / "README.md").read_text(encoding="utf-8")
    for f in mp.files:
        for p in f.plants:
            if (
                f"| ({p.label}) | {Path(f.rel).name} | {f.sheet}!{p.cell} | {p.unit} | {p.finding} |"
                not in text
            ):
                problems.append(
                    f"README: planted ({p.label}) {p.finding} at {f.sheet}!{p.cell} not documented"
                )
    codes = [p.finding for f in mp.files for p in f.plants]
    if sorted(codes) != sorted(SEVERITY) or len(set(codes)) != len(codes):
        problems.append(f"planted codes {codes} are not each of {sorted(SEVERITY)} once")
    for f in (mp.drill, mp.training):
        if len({p.unit for p in f.plants}) != len(f.plants):
            problems.append(f"{f.rel}: two planted problems in one unit")
    # names and codes as on the roster
    roster = {r.values["unit"]: r.values for r in plan.roster.rows}
    for rel in (DRILL_FILE, TRAIN_FILE):
        for n, r in read[rel]:
            v = roster.get(r["unit"])
            if (
                v is None
                or v["status"] not in INSPECT_STATUSES
                or any(r[k] != v[k] for k in ("uscc", "industry", "high_risk"))
            ):
                problems.append(f"{rel} row {n}: {r['unit']} {r['uscc']} not as on the roster")
    units = {r["unit"] for _, r in read[DRILL_FILE]}
    if units != {v["unit"] for v in mp.units} or len(mp.units) != sum(
        1 for r in plan.roster.rows if r.values["status"] in INSPECT_STATUSES
    ):
        problems.append("应急演练记录: the units differ from the roster's units to inspect")
    staff_units = list(dict.fromkeys(r["unit"] for _, r in read[STAFF_FILE]))
    if staff_units != [t.name for t in plan.county.towns] + list(STAFF_DEPTS):
        problems.append(f"监管力量: units {staff_units}")
    people = {t.name: {*t.verifiers, t.clerk, t.reviewer} for t in plan.county.towns}
    for _, r in read[STAFF_FILE]:
        if r["unit"] in people and r["fulltime"] == "专职":
            people[r["unit"]].discard(r["person"])
    if any(people.values()):
        problems.append(f"监管力量: town staff of the hazard ledgers not listed as full-time {people}")
    return problems


def _first_rows(rows: list[tuple[int, dict]], key) -> dict[Any, int]:
    out: dict[Any, int] = {}
    for n, r in rows:
        out.setdefault(key(r), n)
    return out


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier, clamped to the end of a shorter month."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return min(day.replace(year=y, month=m + 1, day=1) + dt.timedelta(days=day.day - 1), month_end(y, m + 1))


def _drill_findings(rows, training, mp: MechPlan, as_of: dt.date) -> list[tuple[str, str]]:
    """The rules of 应急演练 (windows back from `as_of`, inclusive) over the rows read, with the roster's units."""
    year_since, half_since = _months_back(as_of, 12), _months_back(as_of, 6)
    col = {k: col_letter(i) for i, k in enumerate(DRILL_KEYS)}
    found: list[tuple[str, str]] = []

    def key(r: dict) -> str:
        return r["uscc"] or r["unit"]

    for n, r in rows:
        if r["type"] not in ("综合", "专项", "现场处置"):
            found.append(("drill-type-invalid", f"{col['type']}{n}"))
        if not str(r["evaluation"]).strip():
            found.append(("drill-no-evaluation", f"{col['evaluation']}{n}"))
    first = _first_rows(rows, key)
    lessons = {key(r) for _, r in rows if "第一课" in r["name"] and FESTIVAL <= r["held_on"] <= LESSON_LAST}
    lessons |= {
        r["uscc"] or r["unit"] for _, r in training
        if "第一课" in r["content"] and FESTIVAL <= r["trained_on"] <= LESSON_LAST
    }  # fmt: skip
    for v in mp.units:
        k = v["uscc"] or v["unit"]
        own = [r for _, r in rows if key(r) == k]
        at = f"{col['unit']}{first.get(k, 3)}"
        planned = [r["held_on"] for r in own if r["type"] in ("综合", "专项")]
        if not any(year_since <= d <= as_of for d in planned):
            found.append(("drill-annual-missing", at))
        elif mech_high(v) and not any(half_since <= d <= as_of for d in planned):
            found.append(("drill-halfyear-missing", at))
        if not any(r["type"] == "现场处置" and half_since <= r["held_on"] <= as_of for r in own):
            found.append(("drill-onsite-missing", at))
        if k not in lessons:
            found.append(("first-lesson-missing", at))
    return sorted(found)


def _training_findings(rows, as_of: dt.date) -> list[tuple[str, str]]:
    """The rules of 安全培训 over the rows read: hours (the year back from `as_of`, its first day excluded),
    results, certificates, ID numbers."""
    year_since = _months_back(as_of, 12)
    col = {k: col_letter(i) for i, k in enumerate(TRAIN_KEYS)}
    found: set[tuple[str, str]] = set()
    by_person: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for n, r in rows:
        by_person.setdefault((r["unit"], r["person"]), []).append((n, r))
        if not id_valid(str(r["id_number"])):
            found.add(("id-checksum", f"{col['id_number']}{n}"))
    for own in by_person.values():
        # as the rules place them: a missing certificate on the person's first row, the others on the last
        (n0, r0), (n1, r1) = own[0], own[-1]
        high = mech_high(r0)
        category = r0["category"]
        hours = sum(r["hours"] for _, r in own if year_since < r["trained_on"] <= as_of)
        if hours < YEARLY_HOURS[category][1 if high else 0]:
            found.add(("training-hours-short", f"{col['hours']}{n1}"))
        n_last, r_last = max(own, key=lambda x: (x[1]["trained_on"], x[1]["result"] == "合格"))
        if r_last["result"] != "合格":
            found.add(("training-failed", f"{col['result']}{n_last}"))
        if not r0["cert_no"]:
            if category == "特种作业人员" or (high and category in ("主要负责人", "安全生产管理人员")):
                found.add(("cert-missing", f"{col['cert_no']}{n0}"))
            continue
        reviewed = max(r1["issued_on"], r1["reviewed_on"] or r1["issued_on"])
        if r1["valid_until"] < as_of:
            found.add(("cert-expired", f"{col['valid_until']}{n1}"))
        elif category == "特种作业人员" and _add_years(reviewed, 3) < as_of:
            found.add(("cert-review-overdue", f"{col['issued_on']}{n1}"))
    return sorted(found)


def _staffing_findings(rows) -> list[tuple[str, str]]:
    col = {k: col_letter(i) for i, k in enumerate(STAFF_KEYS)}
    found: list[tuple[str, str]] = []
    first = _first_rows(rows, lambda r: r["unit"])
    for unit, n0 in first.items():
        full = [r for _, r in rows if r["unit"] == unit and r["fulltime"] == "专职"]
        pro = [r for r in full if r["background"] and not r["background"].startswith("无")]
        minimum = TOWN_MIN if unit.endswith(("镇", "街道", "开发区")) else DEPT_MIN
        if len(full) < minimum:
            found.append(("staffing-below-minimum", f"{col['unit']}{n0}"))
        if full and len(pro) * 100 < PRO_SHARE * len(full):
            found.append(("staffing-professional-share", f"{col['unit']}{n0}"))
    return sorted(found)


def same_content(a: Path, b: Path) -> list[str]:
    """Differences between two generated folders: CSV/README bytes, spreadsheet cell values."""
    diffs = []
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return [f"file lists differ: {set(files_a) ^ set(files_b)}"]
    for rel in files_a:
        pa, pb = a / rel, b / rel
        if pa.suffix in (".csv", ".md"):
            if pa.read_bytes() != pb.read_bytes():
                diffs.append(f"{rel}: bytes differ")
        elif read_grids(pa) != read_grids(pb):
            diffs.append(f"{rel}: cell contents differ")
        elif pa.read_bytes() != pb.read_bytes():
            diffs.append(f"{rel}: same cells, bytes differ (container metadata)")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="read the folder back and verify it; write nothing")
    ap.add_argument("--out", type=Path, default=ROOT / "sample_ledgers", help="target folder")
    args = ap.parse_args(argv)
    out: Path = args.out
    if not args.check:
        plan = build_plan()
        out.mkdir(parents=True, exist_ok=True)
        write_all(plan, out)
        print(f"wrote {len(plan.files)} files and README.md to {out} ({len(plan.records)} hazards)")
        rp = plan.resp
        print(
            f"wrote {len(rp.files)} responsibility-list files ({len(rp.lists)} enterprises, "
            f"{sum(len(v) for v in rp.lists.values())} rows; {len(rp.without)} enterprises without a list)"
        )
        ro = plan.roster
        print(
            f"wrote {ROSTER_FILE} ({len(ro.rows)} units; {len(ro.off_roster)} of the ledgers left off, "
            f"{len(ro.of('county', 'extra'))} never in a ledger)"
        )
        for f in plan.mech.files:
            print(f"wrote {f.rel} ({len(f.rows)} rows, {len(f.plants)} planted problems)")
        return 0
    problems = check(out)
    with tempfile.TemporaryDirectory() as tmp:
        write_all(build_plan(), Path(tmp))
        problems += [f"rerun: {d}" for d in same_content(out, Path(tmp))]
    for p in problems:
        print("FAIL", p)
    if not problems:
        plan = build_plan()
        print(f"OK: {len(plan.files)} files, {len({r['hazard_id'] for r in plan.records})} unique hazards")
        for f in plan.files:
            print(f"  {f.rel}: {len(f.data)} rows")
        rp = plan.resp
        print(f"OK: {len(rp.files)} responsibility-list files, {len(rp.lists)} enterprises with a list")
        for f in rp.files:
            print(f"  {f.rel}: {len(f.blocks)} enterprises, {sum(len(b.rows) for b in f.blocks)} rows")
        for d in rp.defects:
            print(f"  defect ({d.code}) {d.unit}: {Path(d.rel).name} {d.sheet}!{'、'.join(d.cells)}")
        ro = plan.roster
        print(
            f"OK: {ROSTER_FILE}: {len(ro.rows)} units, {len(ro.off_roster)} of the ledgers not on it, "
            f"{len(ro.of('county', 'extra'))} never in a ledger"
        )
        for f in plan.mech.files:
            print(f"OK: {f.rel}: {len(f.rows)} rows")
            for p in f.plants:
                print(f"  ({p.label}) {p.finding} at {f.sheet}!{p.cell} ({p.unit})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
