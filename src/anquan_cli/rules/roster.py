"""Rules for 生产经营单位底数 (the enterprise roster, domain.md §10).

A roster is only as good as its uniqueness: an enterprise listed twice is counted twice in 应排查, and
one code under two names hides which of them was inspected. Duplicates are flagged at the later row,
naming the first.
"""

from __future__ import annotations

import re
from functools import partial

import numpy as np
import pandas as pd

from anquan_cli.core.text import local_name_key
from anquan_cli.core.vocab import canonical_industry, high_risk, roster_status, subsectors_kept
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.rules import common
from anquan_cli.rules.common import present
from anquan_cli.rules.engine import CheckContext, Reporter

# 13912345678, 0539-1234567, (0539)12345678, 12345678 with an extension, several joined by 、/，;
_PHONE = re.compile(r"(?:1[3-9]\d{9}|(?:\(?0\d{2,3}\)?-?)?[2-9]\d{6,7}(?:-\d{1,6})?|400-?\d{3}-?\d{4})")
_PHONE_SPLIT = re.compile(r"[、,，;；/\s]+")


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    n = len(ledger.data)
    common.missing_columns(ledger, report)
    if not ledger.has("town") and not ledger.has("dept"):
        report.file("column-missing", "town")
    common.required_cells(ledger, report)
    common.uscc_cells(ledger, report)
    _place(ledger, report, n)
    county = ctx.config.county.name if ctx.config is not None else ""
    codes = pd.Series(valid_codes(ledger) if ledger.has("uscc") else np.full(n, None, dtype=object))
    by_code = _duplicates_by_code(ledger, report, codes)
    _duplicates_by_name(ledger, report, county, codes, skip=by_code)
    common.one_to_one(ledger, report)
    if ledger.has("status"):
        bad = ledger.map_values("status", lambda v: roster_status(v) is None, dtype=bool, missing=False)
        report.cells("roster-status-invalid", "status", bad)
    if ledger.has("high_risk"):
        bad = ledger.map_values("high_risk", lambda v: high_risk(v) is None, dtype=bool, missing=False)
        report.cells("roster-high-risk-invalid", "high_risk", bad)
    if ledger.has("phone"):
        bad = ledger.map_values("phone", lambda v: not _phones_ok(v), dtype=bool, missing=False)
        report.cells("roster-phone-invalid", "phone", bad)
    common.membership(ledger, report, "town", ctx.towns, "town-unknown")
    canon = partial(canonical_industry, keep_subsectors=subsectors_kept(ctx.industries))
    common.membership(ledger, report, "industry", ctx.industries, "industry-unknown", canon)


def _phones_ok(text: str) -> bool:
    parts = [p for p in _PHONE_SPLIT.split(text.strip()) if p]
    return bool(parts) and all(_PHONE.fullmatch(p.replace("－", "-")) for p in parts)


def _place(ledger: Ledger, report: Reporter, n: int) -> None:
    """Every enterprise belongs to a town or a department: someone must inspect it."""
    if not ledger.has("town") or not ledger.has("dept"):
        return  # a missing town column is a missing column; a department's roster has no towns
    empty = ~present(ledger, "town") & ~present(ledger, "dept")
    report.cells("roster-place-empty", "town", empty)


def _duplicates_by_code(ledger: Ledger, report: Reporter, codes: pd.Series) -> np.ndarray:
    """Later rows with a (valid) credit code already listed."""
    dup = (codes.duplicated(keep="first") & codes.notna()).to_numpy()
    if dup.any():
        rows = ledger.data[ROW].reset_index(drop=True)
        first = rows.groupby(codes.fillna("")).transform("first").to_numpy()
        report.cells("roster-duplicate", "uscc", dup, first=first)
    return dup


def _duplicates_by_name(
    ledger: Ledger, report: Reporter, county: str, codes: pd.Series, skip: np.ndarray
) -> None:
    """Later rows naming an enterprise already listed in the same town (the county's name aside),
    unless both carry valid codes that differ: then it is one name for two codes (one_to_one says so)."""
    if not ledger.has("unit"):
        return
    keys = pd.Series(ledger.map_values("unit", lambda v: local_name_key(v, county)))
    towns = pd.Series(ledger.data["town"].to_numpy() if ledger.has("town") else [None] * len(keys))
    ident = towns.fillna("").astype(str) + "\x00" + keys.fillna("").astype(str)
    first_at = pd.Series(np.arange(len(keys))).groupby(ident).transform("first").to_numpy()
    first_code = codes.to_numpy()[first_at]
    two_codes = (codes.notna().to_numpy() & pd.notna(first_code)) & (codes.to_numpy() != first_code)
    dup = (ident.duplicated(keep="first") & keys.notna()).to_numpy() & ~skip & ~two_codes
    if dup.any():
        rows = ledger.data[ROW].reset_index(drop=True)
        first = rows.groupby(ident).transform("first").to_numpy()
        report.cells("roster-duplicate-name", "unit", dup, first=first)


def collect(ledger: Ledger, ctx: CheckContext) -> pd.DataFrame:
    """The units that must drill, train and be inspected (the statuses of [coverage] inspect_statuses),
    for the checks across kinds: unit, key (valid code, else normalised name), town, industry, 高危."""
    from anquan_cli.core.text import name_key

    n = len(ledger.data)

    def column(f: str) -> np.ndarray:
        return ledger.data[f].to_numpy() if ledger.has(f) else np.full(n, None, dtype=object)

    unit = column("unit")
    codes = valid_codes(ledger) if ledger.has("uscc") else np.full(n, None, dtype=object)
    names = np.array([name_key(u) if isinstance(u, str) else None for u in unit], dtype=object)
    status = ledger.map_values("status", roster_status) if ledger.has("status") else np.full(n, None)
    working = set(ctx.config.coverage.inspect_statuses)
    keep = np.array([s is None or s in working for s in status], dtype=bool) & (unit != None)  # noqa: E711
    frame = pd.DataFrame(
        {
            "unit": unit,
            "key": np.where(codes != None, codes, names),  # noqa: E711
            "town": column("town"),
            "industry": column("industry"),
            "high_risk": ledger.map_values("high_risk", high_risk) if ledger.has("high_risk") else None,
        }
    )
    return frame[keep].reset_index(drop=True)
