"""应查未查 and coverage: the enterprise roster (底数) against the hazard ledgers (domain.md §10).

Every enterprise on the roster in a status that must be inspected (config [coverage] inspect_statuses;
关闭 and 注销 never) has a frequency: every `months` months, or every `high_risk_months` for a unit
marked 高危 or in a high-risk industry. Its windows for a report period:
- when its frequency is as long as the period or longer (a quarterly unit in a month's report): one
  window of that length ending with the period (or the as-of date, if earlier): "in the last three
  months";
- when shorter (a monthly unit in a quarter's report): each calendar block of the period that has
  ended by the as-of date: every month of the quarter.
A window with no hazard-ledger row of the unit (any row, "无隐患" too: an inspection is an inspection)
makes the unit 应查未查. Rows are matched to the roster by credit code, else by the enterprise name within
its town, the county's own name aside (示例县宏达… = 宏达…（示例县）). Units in the ledgers that match no
roster row are 底数不清 (not_on_roster), with where they appear.

应排查 = the units that must be inspected; 实际排查 = those with every window inspected; the rate is
their quotient, per town, department and industry: the first columns of the national 统计表.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.core.config import Config
from anquan_cli.core.dates import add_months
from anquan_cli.core.text import format_cn, local_name_key
from anquan_cli.core.vocab import WORKING, canonical_industry, high_risk, roster_status, subsectors_kept
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import ROW, Ledger

ROSTER_COLUMNS = ("unit", "uscc", "town", "dept", "industry", "high_risk", "status", "path", "sheet", "row")
UNKNOWN = "（未填写）"


def roster_frame(ledger: Ledger, config: Config) -> pd.DataFrame:
    """A roster ledger's enterprises as the coverage needs them: status and 高危 in their canonical
    form (an empty status is 在营, as a roster lists the living), valid codes only."""
    data = ledger.data
    n = len(data)

    def column(f: str) -> np.ndarray:
        return data[f].to_numpy() if ledger.has(f) else np.full(n, None, dtype=object)

    keep = subsectors_kept(config.industries)
    frame = pd.DataFrame(
        {
            "unit": column("unit"),
            "uscc": valid_codes(ledger) if ledger.has("uscc") else np.full(n, None, dtype=object),
            "town": column("town"),
            "dept": column("dept"),
            "industry": (
                ledger.map_values("industry", lambda v: canonical_industry(v, keep))
                if ledger.has("industry")
                else np.full(n, None, dtype=object)
            ),
            "high_risk": (
                ledger.map_values("high_risk", lambda v: bool(high_risk(v)), dtype=bool, missing=False)
                if ledger.has("high_risk")
                else np.zeros(n, dtype=bool)
            ),
            "status": (
                ledger.map_values("status", lambda v: roster_status(v) or v, missing=WORKING)
                if ledger.has("status")
                else np.full(n, WORKING, dtype=object)
            ),
            "principal": column("principal"),  # for the 一企一档
            "path": str(ledger.path),
            "sheet": ledger.sheet,
            "row": data[ROW].to_numpy(),
        }
    )
    return frame[frame["unit"].notna()].reset_index(drop=True)


@dataclass
class CoverageReport:
    start: dt.date
    end: dt.date
    as_of: dt.date
    roster: pd.DataFrame  # every roster row, with must/inspected/windows_missed/last_inspected
    not_on_roster: list[dict]
    groups: dict[str, list[dict]] = field(default_factory=dict)  # by town / dept / industry
    hazards: HazardSet | None = None  # what was read (its unreadable files decide the exit code)

    @property
    def due(self) -> pd.DataFrame:
        return self.roster[self.roster["must"]]

    @property
    def uninspected(self) -> pd.DataFrame:
        due = self.due
        return due[~due["inspected"]]

    def counts(self) -> dict[str, int]:
        due = self.due
        return {
            "roster": len(self.roster),
            "working": len(due),
            "inspected": int(due["inspected"].sum()),
            "uninspected": int((~due["inspected"]).sum()),
            "not_on_roster": len(self.not_on_roster),
        }

    def rate(self) -> float | None:
        c = self.counts()
        return round(c["inspected"] / c["working"] * 100, 1) if c["working"] else None

    def to_dict(self) -> dict:
        items = [
            {
                "unit": r["unit"],
                "uscc": r["uscc"],
                "town": r["town"],
                "dept": r["dept"],
                "industry": r["industry"],
                "high_risk": bool(r["high_risk_unit"]),
                "last_inspected": r["last_inspected"].isoformat() if r["last_inspected"] else None,
                "windows": r["windows_missed"],
                "source": {"path": r["path"], "sheet": r["sheet"], "row": int(r["row"])},
            }
            for r in _records(self.uninspected)
        ]
        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "as_of": self.as_of.isoformat(),
            "uninspected": items,
            "not_on_roster": self.not_on_roster,
            "by_town": [{"town": g["name"], **_group_numbers(g)} for g in self.groups["town"]],
            "by_dept": [{"dept": g["name"], **_group_numbers(g)} for g in self.groups["dept"]],
            "by_industry": [{"industry": g["name"], **_group_numbers(g)} for g in self.groups["industry"]],
            "counts": self.counts(),
            "rate": self.rate(),
        }


def _group_numbers(g: dict) -> dict:
    return {k: g[k] for k in ("roster", "inspected", "uninspected", "rate")}


def _records(frame: pd.DataFrame) -> list[dict]:
    out = []
    for r in frame.to_dict("records"):
        out.append({k: (None if (not isinstance(v, list) and pd.isna(v)) else v) for k, v in r.items()})
    return out


def compute_coverage(
    roster: pd.DataFrame, hazards: HazardSet, config: Config, *, start: dt.date, end: dt.date, as_of: dt.date
) -> CoverageReport:
    settings = config.coverage
    county = config.county.name
    roster = roster.reset_index(drop=True).copy()
    roster["key"] = [local_name_key(u, county) for u in roster["unit"]]
    roster["must"] = roster["status"].isin(settings.inspect_statuses).to_numpy()
    risky = set(settings.high_risk_industries)
    roster["high_risk_unit"] = (
        roster["high_risk"].to_numpy(dtype=bool) | roster["industry"].isin(risky).to_numpy()
    )

    frame = hazards.inspections()  # rows left out of the counts for an error were inspections too
    day = pd.Timestamp(as_of)
    seen = frame[frame["found_on"].notna() & (frame["found_on"] <= day)].reset_index(drop=True)
    match = _match(roster, seen, county)
    dates = seen["found_on"].to_numpy()

    stop = min(end, as_of)
    last, missed, inspected = [], [], []
    found_by_unit: dict[int, np.ndarray] = {}
    positions = np.flatnonzero(match >= 0)
    if len(positions):
        order = np.argsort(match[positions], kind="stable")
        sorted_units = match[positions][order]
        bounds = np.flatnonzero(np.diff(sorted_units)) + 1
        for group in np.split(positions[order], bounds):
            found_by_unit[int(match[group[0]])] = dates[group]
    for i, r in enumerate(roster.itertuples(index=False)):
        found = found_by_unit.get(i, np.array([], dtype="datetime64[ns]"))
        last.append(pd.Timestamp(found.max()).date() if len(found) else None)
        months = settings.high_risk_months if r.high_risk_unit else settings.months
        gaps = [w for w in _windows(start, stop, months) if not _any_between(found, *w)]
        missed.append([_window_text(a, b) for a, b in gaps])
        inspected.append(not gaps)
    roster["last_inspected"] = last
    roster["windows_missed"] = missed
    roster["inspected"] = inspected

    groups = {by: _groups(roster, by) for by in ("town", "dept", "industry")}
    return CoverageReport(start, end, as_of, roster, _not_on_roster(seen, match), groups, hazards)


def _windows(start: dt.date, stop: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    """The windows a unit inspected every `months` months must each hold an inspection (module doc)."""
    period_months = (stop.year - start.year) * 12 + stop.month - start.month + 1
    if months >= period_months:
        return [(add_months(stop, -months) + dt.timedelta(days=1), stop)]
    out = []
    first = start
    while True:
        last = add_months(first, months) - dt.timedelta(days=1)
        if last > stop:
            break
        out.append((first, last))
        first = last + dt.timedelta(days=1)
    return out


def _any_between(found: np.ndarray, a: dt.date, b: dt.date) -> bool:
    if not len(found):
        return False
    lo, hi = np.datetime64(a), np.datetime64(b) + np.timedelta64(1, "D")
    return bool(((found >= lo) & (found < hi)).any())


def _window_text(a: dt.date, b: dt.date) -> str:
    if a.day == 1 and (b + dt.timedelta(days=1)).day == 1 and a.month == b.month:
        return f"{a.year}年{a.month}月"
    return f"{format_cn(a)}至{format_cn(b)}"


def _match(roster: pd.DataFrame, seen: pd.DataFrame, county: str) -> np.ndarray:
    """For each hazard row, the roster row of its enterprise (-1: none): by credit code, else by name
    within the town, else by name alone for a roster row without a town (a department's roster).
    Worked out once per distinct (code, name, town), not per row: a county-year repeats them."""
    by_code = {c: i for i, c in enumerate(roster["uscc"]) if isinstance(c, str)}
    by_town_name = {
        (t, k): i for i, (t, k) in enumerate(zip(roster["town"], roster["key"], strict=True)) if t
    }
    by_name = {k: i for i, (t, k) in enumerate(zip(roster["town"], roster["key"], strict=True)) if not t}
    cells = pd.DataFrame(
        {c: seen[c].astype(object).where(seen[c].notna(), "") for c in ("uscc", "unit", "town")}
    )
    ids = cells.groupby(["uscc", "unit", "town"], sort=False).ngroup().to_numpy()
    hits = []
    for code, unit, town in cells.drop_duplicates().itertuples(index=False):  # first-seen order, as ngroup
        hit = by_code.get(code) if code else None
        if hit is None and unit:
            key = local_name_key(unit, county)
            hit = by_town_name.get((town, key)) if town else None
            if hit is None:
                hit = by_name.get(key)
        hits.append(-1 if hit is None else hit)
    return np.asarray(hits, dtype=np.int64)[ids] if len(ids) else np.empty(0, dtype=np.int64)


def _not_on_roster(seen: pd.DataFrame, match: np.ndarray, per_unit: int = 20) -> list[dict]:
    """Enterprises of the ledgers that no roster row names, each with the places it appears."""
    rest = seen[match < 0]
    out = []
    for _, rows in rest.groupby("unit_key", sort=False):
        first = rows.iloc[0]
        places = rows.drop_duplicates(["path", "sheet"])[["path", "sheet", "row"]].head(per_unit)
        out.append(
            {
                "unit": first["unit"],
                "uscc": first["uscc"] if isinstance(first["uscc"], str) else None,
                "town": first["town"] if isinstance(first["town"], str) else None,
                "sources": [
                    {"path": p, "sheet": s, "row": int(r)}
                    for p, s, r in zip(places["path"], places["sheet"], places["row"], strict=True)
                ],
            }
        )
    return sorted(out, key=lambda e: (e["town"] or "", e["unit"]))


def _groups(roster: pd.DataFrame, by: str) -> list[dict]:
    due = roster[roster["must"]]
    if due[by].isna().all():
        return []
    names = due[by].fillna(UNKNOWN)
    out = []
    for name, rows in due.groupby(names, sort=True):
        count, done = len(rows), int(rows["inspected"].sum())
        out.append(
            {
                "name": name,
                "roster": count,
                "inspected": done,
                "uninspected": count - done,
                "rate": round(done / count * 100, 1) if count else None,
            }
        )
    return sorted(out, key=lambda g: (-(g["rate"] or 0), g["name"]))
