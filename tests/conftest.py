"""Shared builders: a good hazard ledger in canonical form, written in any layout by devtools.fab."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from anquan_cli.core.config import Config
from anquan_cli.jobs.validate import check_context, read_options, validate_file
from anquan_cli.read import ReadOptions, read_ledgers
from devtools.fab import SheetSpec, write_csv, write_xlsx

AS_OF = dt.date(2026, 11, 28)
HEADERS = {
    "hazard_id": "隐患编号",
    "town": "镇街",
    "unit": "企业名称",
    "uscc": "统一社会信用代码",
    "industry": "行业领域",
    "found_on": "排查日期",
    "level": "隐患等级",
    "description": "隐患描述",
    "owner": "整改责任人",
    "deadline": "整改期限",
    "status": "整改状态",
    "closed_on": "整改完成日期",
    "verifier": "复查人",
}
FIELDS = list(HEADERS)
USCC_A = "91512081MA62K0260E"  # valid (domain.md §5)
USCC_B = "91370100MA3C5LKT4Q"  # valid, another enterprise


@pytest.fixture(scope="session", autouse=True)
def _session_data_folder(tmp_path_factory):
    """Module fixtures that run anquan start before any test's own folder: they get this one."""
    import os

    os.environ["ANQUAN_DATA_DIR"] = str(tmp_path_factory.mktemp("anquan-session-data"))


@pytest.fixture(autouse=True)
def county_register(tmp_path_factory, monkeypatch) -> Path:
    """Each test has its own user data folder: the county's 发文登记簿 never lands in the real home,
    and every test's letters are numbered from 1."""
    folder = tmp_path_factory.mktemp("anquan-data")
    monkeypatch.setenv("ANQUAN_DATA_DIR", str(folder))
    return folder


def wait_for_file(flag: str) -> None:
    """Run on a worker process: holds it busy until the test creates `flag`."""
    import os
    import time

    while not os.path.exists(flag):
        time.sleep(0.01)


def good_records(n: int = 4) -> list[dict]:
    """Clean hazards: closed ones with dates and verifier, open ones with a future deadline."""
    out = []
    for i in range(n):
        closed = i % 2 == 0
        found = dt.date(2026, 9, 1 + i)
        out.append(
            {
                "hazard_id": f"QS-202609-{i + 1:03d}",
                "town": "青石镇",
                "unit": "示例县宏达机械有限公司" if i % 2 == 0 else "示例县华丰建材有限公司",
                "uscc": USCC_A if i % 2 == 0 else USCC_B,
                "industry": "工贸",
                "found_on": found,
                "level": "一般事故隐患",
                "description": f"一车间东侧安全出口被杂物堵塞（第{i + 1}处）",
                "owner": "张伟",
                "deadline": found + dt.timedelta(days=10),
                "status": "已整改" if closed else "整改中",
                "closed_on": found + dt.timedelta(days=5) if closed else None,
                "verifier": "李娜" if closed else None,
            }
        )
    return out


def table(records: list[dict], fields: list[str] | None = None, headers: dict | None = None) -> list[list]:
    fields = fields or FIELDS
    names = {**HEADERS, **(headers or {})}
    rows = [["序号", *[names[f] for f in fields]]]
    for i, rec in enumerate(records, 1):
        rows.append([i, *[rec.get(f) for f in fields]])
    return rows


def ledger_file(tmp_path: Path, records: list[dict], name: str = "台账.xlsx", **kw) -> Path:
    """A realistic xlsx: title row, 填报单位 line, header on row 3."""
    rows = table(records, kw.pop("fields", None), kw.pop("headers", None))
    width = len(rows[0])
    body = [
        ["青石镇安全生产隐患排查治理台账"],
        ["填报单位：青石镇人民政府", "", "", "填报日期：2026年10月31日"],
        *rows,
    ]
    spec = SheetSpec("台账", body, merges=[(0, 0, 0, width - 1)])
    return write_xlsx(tmp_path / name, [spec], **kw)


def csv_file(tmp_path: Path, records: list[dict], name="台账.csv", **kw) -> Path:
    return write_csv(tmp_path / name, table(records), **kw)


def run_all(path: Path, config: Config | None = None, as_of: dt.date = AS_OF, **opts):
    """Every ledger of a file (one per sheet for responsibility workbooks)."""
    config = config or Config()
    return validate_file(path, read_options(config, **opts), check_context(config, as_of))


def run_file(path: Path, config: Config | None = None, as_of: dt.date = AS_OF, **opts):
    (result,) = run_all(path, config, as_of, **opts)
    return result


def codes(result) -> Counter:
    return Counter(f.code for f in result.findings)


def read(path: Path, **kw):
    return read_ledgers(path, ReadOptions(**kw))[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return ledger_file(tmp_path, good_records())


# --- responsibility lists ------------------------------------------------------------------------

RESP_HEADERS = {
    "unit": "企业名称",
    "uscc": "统一社会信用代码",
    "tier": "层级",
    "dept": "部门(车间/班组)",
    "post": "岗位(职务)",
    "name": "姓名",
    "duty": "安全生产职责",
    "standard": "考核标准",
    "signed_on": "签订日期",
}
RESP_FIELDS = list(RESP_HEADERS)
UNIT_A, UNIT_B = "示例县宏达机械有限公司", "示例县华丰建材有限公司"


def good_list(unit: str = UNIT_A, uscc: str | None = USCC_A) -> list[dict]:
    """One enterprise, every tier, distinct duties, signed in February."""
    signed = dt.date(2026, 2, 3)
    people = [
        (
            "主要负责人",
            "公司",
            "法定代表人、总经理",
            "张伟",
            "建立健全并落实本单位全员安全生产责任制，组织制定并实施安全生产规章制度和操作规程",
        ),
        (
            "分管负责人",
            "公司",
            "安全总监",
            "李娜",
            "协助主要负责人履行安全生产管理职责，组织开展安全生产检查和隐患排查治理",
        ),
        (
            "部门负责人",
            "一车间",
            "车间主任",
            "王强",
            "组织本车间安全生产检查，及时排除生产安全事故隐患并如实记录",
        ),
        (
            "部门负责人",
            "安全环保部",
            "部长",
            "陈静",
            "组织编制本单位应急预案并每半年组织一次演练，督促落实整改措施",
        ),
        ("班组长", "一车间甲班", "班长", "赵敏", "组织班前安全讲话，检查班组成员正确佩戴和使用劳动防护用品"),
        (
            "岗位人员",
            "一车间甲班",
            "操作工",
            "刘洋",
            "严格遵守本岗位安全操作规程，发现事故隐患立即报告班组长",
        ),
        (
            "岗位人员",
            "一车间甲班",
            "操作工",
            "周杰",
            "严格遵守本岗位安全操作规程，发现事故隐患立即报告班组长",
        ),
    ]
    return [
        {
            "unit": unit,
            "uscc": uscc,
            "tier": tier,
            "dept": dept,
            "post": post,
            "name": name,
            "duty": duty,
            "standard": "全年未发生生产安全事故，隐患整改率100%，按期参加安全培训",
            "signed_on": signed,
        }
        for tier, dept, post, name, duty in people
    ]


def resp_table(records: list[dict], fields: list[str] | None = None) -> list[list]:
    fields = fields or RESP_FIELDS
    rows = [["序号", *[RESP_HEADERS[f] for f in fields]]]
    for i, rec in enumerate(records, 1):
        rows.append([i, *[rec.get(f) for f in fields]])
    return rows


def stacked_file(tmp_path: Path, lists: list[list[dict]], name: str = "责任清单.xlsx", fields=None) -> Path:
    """Town workbook: title row, header on row 2, enterprise name and code merged down their rows."""
    fields = fields or RESP_FIELDS
    records = [r for lst in lists for r in lst]
    rows = [["青石镇企业全员安全生产责任清单"], *resp_table(records, fields)]
    merges = [(0, 0, 0, len(fields))]
    start = 2
    for lst in lists:
        end = start + len(lst) - 1
        for f in ("unit", "uscc"):
            if f in fields and end > start:
                c = fields.index(f) + 1
                merges.append((start, c, end, c))
                for r in range(start + 1, end + 1):
                    rows[r][c] = None
        start = end + 1
    return write_xlsx(tmp_path / name, [SheetSpec("责任清单", rows, merges)])


def per_sheet_file(tmp_path: Path, lists: list[list[dict]], name: str = "东湖街道责任清单.xlsx") -> Path:
    """One sheet per enterprise; name and code only in a line above the header."""
    fields = [f for f in RESP_FIELDS if f not in ("unit", "uscc")]
    sheets = [SheetSpec("说明", [["填表说明"], ["每个企业一个工作表"]])]
    for i, lst in enumerate(lists):
        unit, uscc = lst[0]["unit"], lst[0]["uscc"] or ""
        rows = [[f"{unit}全员安全生产责任清单"], [f"企业名称：{unit}", "", "", f"统一社会信用代码：{uscc}"]]
        rows += resp_table(lst, fields)
        sheets.append(SheetSpec(f"企业{i + 1}", rows, [(0, 0, 0, len(fields))]))
    return write_xlsx(tmp_path / name, sheets)


def hazard(
    hid,
    *,
    found,
    deadline,
    status="整改中",
    closed=None,
    level="一般事故隐患",
    unit="A",
    town="青石镇",
    desc=None,
):
    units = {"A": ("示例县宏达机械有限公司", USCC_A), "B": ("示例县华丰建材有限公司", USCC_B)}
    name, code = units[unit]
    return {
        "hazard_id": hid,
        "town": town,
        "unit": name,
        "uscc": code,
        "industry": "工贸",
        "found_on": found,
        "level": level,
        "description": desc or f"隐患{hid}：一车间东侧配电箱门损坏",
        "owner": "张伟",
        "deadline": deadline,
        "status": status,
        "closed_on": closed,
        "verifier": "李娜" if closed else None,
    }
