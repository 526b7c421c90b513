"""Rules of 重大事故隐患 in a hazard ledger (issue 20; domain.md §9).

- A hazard written down as 一般 whose description meets a criterion of the 判定标准 in force for its
  industry on its date: suspected 重大 (a person judges; the ledger may be right).
- A 重大 hazard's 五落实 (16号令 第十五条): 责任, 措施, 资金, 时限, 预案, each a column when the ledger has it.
- A 重大 hazard closed with no 核查/验收 person or date: 销号 needs the authority's review.
"""

from __future__ import annotations

import numpy as np

from anquan_cli.core.criteria import RowMatch, match_rows
from anquan_cli.core.vocab import GENERAL, MAJOR
from anquan_cli.read.ledger import Ledger
from anquan_cli.rules.common import present, values
from anquan_cli.rules.engine import CheckContext, Reporter

# 五落实 in the order the practice names them, and the field that holds each.
FIVE = (
    ("owner", "责任"),
    ("measure", "措施"),
    ("funds", "资金"),
    ("deadline", "时限"),
    ("contingency", "预案"),
)
_TEXT_MAX = 60


def check(ledger: Ledger, ctx: CheckContext, report: Reporter, closed: np.ndarray) -> None:
    if not ledger.has("level"):
        return
    level = values(ledger, "level")
    suspect_major(ledger, ctx, report, level == GENERAL)
    major = level == MAJOR
    if major.any():
        five(ledger, report, major, closed)
        closed_unverified(ledger, report, major & closed)


def suspect_major(ledger: Ledger, ctx: CheckContext, report: Reporter, general: np.ndarray) -> None:
    if not general.any() or not ledger.has("description"):
        return
    rows = np.flatnonzero(general)
    found = _dates(ledger)[rows]
    industry = values(ledger, "industry")[rows] if ledger.has("industry") else np.full(len(rows), None)
    major = ctx.config.major
    hits = match_rows(
        major.table(),
        values(ledger, "description")[rows],
        industry,
        found,
        default_industries=major.default_industries,
        as_of=ctx.as_of,
    )
    if not hits:
        return
    n = len(ledger.data)
    mask = np.zeros(n, dtype=bool)
    words, basis, text, scope = (np.full(n, "", dtype=object) for _ in range(4))
    detail = np.full(n, None, dtype=object)
    defaults = "、".join(major.default_industries)
    for hit in hits:
        i = rows[hit.position]
        c = hit.match.criterion
        mask[i] = True
        words[i] = "”“".join(hit.match.words)
        basis[i] = c.basis
        text[i] = c.text if len(c.text) <= _TEXT_MAX else c.text[: _TEXT_MAX - 2] + "……"
        scope[i] = _scope(hit, defaults)
        detail[i] = {"criterion": {"id": c.id, "standard": c.standard, "article": c.article}}
    report.cells(
        "level-suspect-major", "level", mask, words=words, basis=basis, text=text, scope=scope, detail=detail
    )


def _scope(hit: RowMatch, defaults: str) -> str:
    if hit.assumed is None:
        return ""
    if not hit.assumed:
        return f"（未填行业领域，按本县默认行业“{defaults}”比对）"
    return f"（行业领域“{hit.assumed}”不是判定标准所分的行业，按本县默认行业“{defaults}”比对）"


def _dates(ledger: Ledger) -> np.ndarray:
    """Each row's 排查日期 as a date, None where it has none (the criteria in force on the as-of date
    judge it then)."""
    if not ledger.has("found_on"):
        return np.full(len(ledger.data), None, dtype=object)
    days = ledger.data["found_on"].to_numpy().astype("datetime64[D]")
    out = days.astype(object)
    out[np.isnat(days)] = None
    return out


def five(ledger: Ledger, report: Reporter, major: np.ndarray, closed: np.ndarray) -> None:
    have = [(f, label) for f, label in FIVE if ledger.has(f)]
    absent = [ledger.schema[f].header for f, _ in FIVE if not ledger.has(f)]
    if absent:
        report.file("major-five-unverifiable", count=int(major.sum()), columns="”“".join(absent))
    gaps = {f: major & ~present(ledger, f) for f, _ in have}
    if not any(g.any() for g in gaps.values()):
        return
    n = len(ledger.data)
    missing = np.full(n, "", dtype=object)
    for f, label in have:
        missing[gaps[f]] += label + "、"
    missing = np.array([m.rstrip("、") for m in missing], dtype=object)
    # Cells another rule already calls empty are not reported twice: 整改责任人 is required on every
    # row, and an open hazard's 整改期限 is deadline-missing.
    already = {"owner": np.ones(n, dtype=bool), "deadline": ~closed}
    for f, label in have:
        mask = gaps[f] & ~already.get(f, np.zeros(n, dtype=bool))
        item = f"{label}（{ledger.schema[f].header}）"
        report.cells("major-five-missing", f, mask, item=item, missing=missing)


def closed_unverified(ledger: Ledger, report: Reporter, major_closed: np.ndarray) -> None:
    if not major_closed.any():
        return
    checks = [
        (f, label) for f, label in (("verifier", "核查验收人"), ("verified_on", "验收日期")) if ledger.has(f)
    ]
    if not checks:
        return
    n = len(ledger.data)
    gaps = {f: major_closed & ~present(ledger, f) for f, _ in checks}
    missing = np.full(n, "", dtype=object)
    for f, label in checks:
        missing[gaps[f]] += label + "和"
    missing = np.array([m.rstrip("和") for m in missing], dtype=object)
    first, _ = checks[0]
    report.cells("major-closed-unverified", first, gaps[first], missing=missing)
    if len(checks) > 1:
        second, _ = checks[1]
        report.cells("major-closed-unverified", second, gaps[second] & ~gaps[first], missing=missing)
