"""Rules for 安全监管力量 (staffing, plan 三(八)3, domain.md §8).

The plan counts people per unit: each town (街道, 开发区) at least town_min_fulltime full-time safety
supervisors, each department with important duties at least dept_min_fulltime, and among them at least
professional_share percent with a relevant professional background. A finding about a unit stands on the
unit cell of its first row, once; a person listed twice is counted once, so a double entry never makes
up a shortfall.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from anquan_cli.core.config import Config
from anquan_cli.core.messages import STAFFING_BASIS
from anquan_cli.core.text import name_key, percent
from anquan_cli.core.vocab import fulltime, professional_background, town_by_name, unit_key
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.rules import common
from anquan_cli.rules.common import present
from anquan_cli.rules.engine import CheckContext, Reporter


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    common.missing_columns(ledger, report)
    common.required_cells(ledger, report)
    n = len(ledger.data)
    full = np.zeros(n, dtype=bool)
    if ledger.has("fulltime"):
        said = ledger.map_values("fulltime", fulltime, missing=None)
        full = said == True  # noqa: E712 (elementwise on an object array)
        unclear = present(ledger, "fulltime") & (said == None)  # noqa: E711
        report.cells("staffing-fulltime-invalid", "fulltime", unclear)
    if not ledger.has("unit") or not ledger.has("person"):
        return  # no one to count, or no unit to count them for: the missing column says so
    units = ledger.map_values("unit", lambda v: unit_key(name_key(v)))
    counted = present(ledger, "unit") & present(ledger, "person") & ~_duplicates(ledger, report, units)
    if ledger.has("fulltime"):  # without it no one is known to be full-time: not "0 of 7"
        _per_unit(ledger, ctx.config, report, units, counted, full)


def _duplicates(ledger: Ledger, report: Reporter, units: np.ndarray) -> np.ndarray:
    """Later rows of a person already listed for the same unit; a row identical to an earlier one is a
    double entry (duplicate-row). Two namesakes with different 执法证号 are two people."""
    n = len(ledger.data)
    identical = pd.Series(common.row_identity(ledger)).duplicated(keep="first").to_numpy()
    common.duplicate_rows(ledger, report, "person", skip=np.zeros(n, dtype=bool))
    names = ledger.map_values("person", name_key)
    ident = pd.Series(units).fillna("").astype(str) + "\x00" + pd.Series(names).fillna("").astype(str)
    named = pd.notna(units) & pd.notna(names)
    dup = ident.duplicated(keep="first").to_numpy() & named
    if ledger.has("cert_no"):
        certs = pd.Series(ledger.map_values("cert_no", name_key))
        first_at = pd.Series(np.arange(n)).groupby(ident).transform("first").to_numpy()
        first_cert = certs.to_numpy()[first_at]
        dup &= ~(certs.notna().to_numpy() & pd.notna(first_cert) & (certs.to_numpy() != first_cert))
    if dup.any():
        first = ledger.data[ROW].reset_index(drop=True).groupby(ident).transform("first").to_numpy()
        report.cells("staffing-duplicate-person", "person", dup & ~identical, first=first)
    return dup | identical


def _per_unit(
    ledger: Ledger, config: Config, report: Reporter, units: np.ndarray, counted: np.ndarray, full: np.ndarray
) -> None:
    """staffing-below-minimum and staffing-professional-share, one of each at most per unit, on the unit
    cell of its first row."""
    table = _unit_table(ledger, config, units, counted, full)
    if table.empty:
        return
    at = table["first"].to_numpy()

    def mask(values: pd.Series) -> np.ndarray:
        out = np.zeros(len(units), dtype=bool)
        out[at] = values.to_numpy()
        return out

    def params(values: object) -> np.ndarray:
        out = np.full(len(units), None, dtype=object)
        out[at] = values
        return out

    unit, count = params(table["unit"].to_numpy()), params(table["fulltime"].to_numpy())
    basis = [
        STAFFING_BASIS["town" if town else "dept"].format(minimum=minimum)
        for town, minimum in zip(table["town"], table["minimum"], strict=True)
    ]
    report.cells(
        "staffing-below-minimum",
        "unit",
        mask(table["fulltime"] < table["minimum"]),
        unit=unit,
        fulltime=count,
        minimum=params(table["minimum"].to_numpy()),
        basis=params(basis),
    )
    if not ledger.has("background"):
        return  # without the column the share is unknown, not zero
    minimum = config.mechanisms.professional_share
    # Compared in whole numbers: 3 of 4 is exactly 75%, never 74.99999.
    low = (table["fulltime"] > 0) & (table["professional"] * 100 < minimum * table["fulltime"])
    report.cells(
        "staffing-professional-share",
        "unit",
        mask(low),
        unit=unit,
        fulltime=count,
        professional=params(table["professional"].to_numpy()),
        share=params([percent(v) if v == v else None for v in table["share"]]),  # NaN: none full-time
        minimum=percent(minimum),
        basis=STAFFING_BASIS["share"].format(minimum=percent(minimum)),
    )


def _unit_table(
    ledger: Ledger, config: Config, units: np.ndarray, counted: np.ndarray, full: np.ndarray
) -> pd.DataFrame:
    """One row per unit, in order of appearance: unit (as its first row writes it), town (else a
    department), fulltime, professional (full-time ones with a background), share (%, NaN without
    full-time supervisors), minimum, first (its first row's position)."""
    has_unit = pd.notna(units)
    professional = np.zeros(len(units), dtype=bool)
    if ledger.has("background"):
        professional = ledger.map_values("background", professional_background, dtype=bool, missing=False)
    frame = pd.DataFrame(
        {
            "key": units,
            "full": counted & full,
            "pro": counted & full & professional,
            "pos": np.arange(len(units)),
        }
    )[has_unit]
    table = frame.groupby("key", sort=False).agg(
        fulltime=("full", "sum"), professional=("pro", "sum"), first=("pos", "first")
    )
    towns = {unit_key(name_key(t)) for t in config.towns}
    departments = {unit_key(name_key(d)) for d in config.departments}
    # The county's lists first: a town named 城区, a 化工园区 run as a department; else the name says.
    table["town"] = [k in towns or (k not in departments and town_by_name(str(k))) for k in table.index]
    mech = config.mechanisms
    table["minimum"] = np.where(table["town"], mech.town_min_fulltime, mech.dept_min_fulltime)
    table["unit"] = ledger.data["unit"].to_numpy()[table["first"].to_numpy()]
    share = 100.0 * table["professional"] / table["fulltime"].clip(lower=1)
    table["share"] = share.where(table["fulltime"] > 0)
    return table.reset_index(drop=True)


def collect(ledger: Ledger, ctx: CheckContext) -> pd.DataFrame | None:
    """Each unit's full-time supervisors and professional share as check() counts them, for the 通报
    and 长效机制检查.xlsx: unit, kind (镇街 / 部门), fulltime, professional, share, minimum, ok."""
    if not (ledger.has("unit") and ledger.has("person") and ledger.has("fulltime")):
        return None
    full = ledger.map_values("fulltime", fulltime, missing=None) == True  # noqa: E712
    units = ledger.map_values("unit", lambda v: unit_key(name_key(v)))
    scratch = Reporter(ledger)  # the duplicates were reported by check(); only the count matters here
    counted = present(ledger, "unit") & present(ledger, "person") & ~_duplicates(ledger, scratch, units)
    table = _unit_table(ledger, ctx.config, units, counted, full)
    judged = ledger.has("background")
    low = (
        judged
        & (table["fulltime"] > 0)
        & (table["professional"] * 100 < ctx.config.mechanisms.professional_share * table["fulltime"])
    )
    return pd.DataFrame(
        {
            "unit": table["unit"],
            "kind": np.where(table["town"], "镇街", "部门"),
            "fulltime": table["fulltime"],
            "professional": table["professional"],
            "share": table["share"] if judged else np.nan,
            "minimum": table["minimum"],
            "ok": (table["fulltime"] >= table["minimum"]) & ~low,
        }
    )
