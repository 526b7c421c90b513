"""Shared builders: a good hazard ledger in canonical form, written in any layout by devtools.fab."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from anquan_cli.config import Config
from anquan_cli.read import ReadOptions, read_ledger
from anquan_cli.validate import check_context, read_options, validate_file
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


def run_file(path: Path, config: Config | None = None, as_of: dt.date = AS_OF, **opts):
    config = config or Config()
    return validate_file(path, read_options(config, **opts), check_context(config, as_of))


def codes(result) -> Counter:
    return Counter(f.code for f in result.findings)


def read(path: Path, **kw):
    return read_ledger(path, ReadOptions(**kw))


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return ledger_file(tmp_path, good_records())
