"""Rules for 隐患排查治理台账 (issue: foundation; domain.md §2–3).

A finding that involves two cells sits on the cell to fix: the empty 整改完成日期 of a closed hazard,
the 整改期限 or 整改完成日期 that lies before 排查日期, the second occurrence of a duplicated 隐患编号.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from anquan_cli.core.dates import DateState
from anquan_cli.core.vocab import (
    CLOSED,
    MAJOR,
    STATUS_LABEL,
    VocabState,
    canonical_industry,
    subsectors_kept,
)
from anquan_cli.read.ledger import Ledger, state_col
from anquan_cli.rules import common, major
from anquan_cli.rules.common import present, states, values
from anquan_cli.rules.engine import CheckContext, Reporter


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    n = len(ledger.data)
    # A department's ledger (县住建局 …) has no 镇街: the department is who reports it.
    department = not ledger.has("town") and ledger.has("dept")
    common.missing_columns(ledger, report, skip=("town",) if department else ())
    common.required_cells(ledger, report, skip=("deadline",))
    common.date_cells(ledger, report, ctx, future=("found_on", "closed_on", "verified_on"))
    common.uscc_cells(ledger, report)

    closed = _closed(ledger, n)
    found = _dates(ledger, "found_on", n)

    if ledger.has("deadline"):
        st = states(ledger, "deadline")
        missing = (st == DateState.EMPTY) & ~closed
        formula = common.formula_cells(ledger, "deadline", missing)
        report.cells("formula-no-value", "deadline", formula)
        report.cells("deadline-missing", "deadline", missing & ~formula)
        report.cells("deadline-vague", "deadline", st == DateState.VAGUE)
        deadline = _dates(ledger, "deadline", n)
        report.cells("deadline-before-found", "deadline", deadline < found, found=found)

    # A completion date read from the status text ("已于9月20日整改完毕") stands where the status is.
    from_status = _from_status(ledger, n)
    if from_status.any():
        closed_on = ledger.data["closed_on"].to_numpy()
        report.cells("closed-date-from-status", "status", from_status, date=closed_on)
        report.cells("closed-before-found", "status", from_status & (closed_on < found), found=found)
    if ledger.has("closed_on"):
        closed_on = _dates(ledger, "closed_on", n)
        early = (closed_on < found) & ~from_status
        report.cells("closed-before-found", "closed_on", early, found=found)
        has_date = present(ledger, "closed_on")
        report.cells("closed-no-date", "closed_on", closed & ~has_date)
        if ledger.has("status"):
            not_closed = np.isin(values(ledger, "status"), [s for s in STATUS_LABEL if s != CLOSED])
            report.cells("date-but-open", "status", not_closed & ~np.isnat(closed_on), date=closed_on)
    elif (closed & ~from_status).any():
        report.file("closed-date-column-missing", count=int((closed & ~from_status).sum()))

    major_rows = values(ledger, "level") == MAJOR if ledger.has("level") else np.zeros(n, dtype=bool)
    if ledger.has("verifier"):
        # A 重大 one has its own finding (major-closed-unverified), which names the 销号 it lacks.
        report.cells("closed-no-verifier", "verifier", closed & ~major_rows & ~present(ledger, "verifier"))

    if ledger.has("level"):
        st = states(ledger, "level")
        report.cells("level-invalid", "level", st == VocabState.BAD)
        report.cells("level-nonstandard", "level", st == VocabState.MAPPED, mapped=values(ledger, "level"))
    if ledger.has("status"):
        report.cells("status-invalid", "status", states(ledger, "status") == VocabState.BAD)

    major.check(ledger, ctx, report, closed)

    dup_id = common.duplicate_values(ledger, report, "hazard_id", "duplicate-id")
    anchor = "hazard_id" if ledger.has("hazard_id") else "unit"
    common.duplicate_rows(ledger, report, anchor, skip=dup_id)
    common.one_to_one(ledger, report)
    common.membership(ledger, report, "town", ctx.towns, "town-unknown")
    canon = partial(canonical_industry, keep_subsectors=subsectors_kept(ctx.industries))
    common.membership(ledger, report, "industry", ctx.industries, "industry-unknown", canon)


def _closed(ledger: Ledger, n: int) -> np.ndarray:
    if not ledger.has("status"):
        return np.zeros(n, dtype=bool)
    return values(ledger, "status") == CLOSED


def _from_status(ledger: Ledger, n: int) -> np.ndarray:
    """Rows whose 整改完成日期 was empty (or has no column) and was read from the status text."""
    state = state_col("closed_on")
    if state not in ledger.data:
        return np.zeros(n, dtype=bool)
    return ledger.data[state].to_numpy() == DateState.FROM_STATUS


def _dates(ledger: Ledger, field_id: str, n: int) -> np.ndarray:
    """Resolved dates (NaT where unusable): comparisons with NaT are False, so they never fire."""
    if not ledger.has(field_id):
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    return ledger.data[field_id].to_numpy()
