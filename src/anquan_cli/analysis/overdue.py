"""应改未改: overdue, due soon, closed late and open without a deadline, as of a cut-off date.

States are judged as of the date, so any cut-off is reproducible: a hazard found after it does not
exist yet, and one closed after it was still open then. Overdue means not closed and 整改期限 before
the date; due on the date is still in time (domain.md §3). A 重大 hazard overdue means 停产整顿.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from anquan_cli.analysis.major import listing_column
from anquan_cli.analysis.merge import HazardSet
from anquan_cli.core.plain import plain_list
from anquan_cli.core.vocab import CLOSED, MAJOR

ITEM_COLUMNS = ("hazard_id", "town", "unit", "uscc", "level", "description", "deadline")


def as_of_view(hazards: HazardSet, as_of: dt.date) -> pd.DataFrame:
    """The hazards known on `as_of`, with `closed` meaning closed by then."""
    frame = hazards.frame
    day = pd.Timestamp(as_of)
    known = frame[frame["found_on"] <= day].copy()
    closed_on = known["closed_on"]
    # A hazard marked closed without a completion date counts as closed: nothing says when it was not.
    known["closed"] = (known["status"] == CLOSED) & (closed_on.isna() | (closed_on <= day))
    return known


@dataclass
class OverdueReport:
    as_of: dt.date
    due_within: int
    overdue: pd.DataFrame
    due_soon: pd.DataFrame
    closed_late: pd.DataFrame
    no_deadline: pd.DataFrame
    hazards: HazardSet

    @property
    def major_overdue(self) -> int:
        return int((self.overdue["level"] == MAJOR).sum())

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "due_within_days": self.due_within,
            "items": _items(self.overdue, overdue=True),
            "due_soon": _items(self.due_soon),
            "closed_late": _items(self.closed_late, late=True),
            "no_deadline": _items(self.no_deadline),
            "counts": {
                "overdue": len(self.overdue),
                "major_overdue": self.major_overdue,
                "due_soon": len(self.due_soon),
                "closed_late": len(self.closed_late),
                "no_deadline": len(self.no_deadline),
            },
            "excluded_rows": self.hazards.excluded_rows,
            "input": self.hazards.account(),
        }


def compute_overdue(hazards: HazardSet, as_of: dt.date, due_within: int = 7) -> OverdueReport:
    view = as_of_view(hazards, as_of)
    day = pd.Timestamp(as_of)
    deadline = view["deadline"]
    open_ = ~view["closed"]
    overdue = view[open_ & (deadline < day)].copy()
    overdue["days_overdue"] = (day - overdue["deadline"]).dt.days
    overdue["major_stop_order"] = overdue["level"] == MAJOR
    overdue["listing"] = listing_column(overdue)  # 挂牌督办 as the lists name it; "" when not listed
    soon = view[open_ & (deadline >= day) & (deadline <= day + pd.Timedelta(days=due_within))].copy()
    soon["days_left"] = (soon["deadline"] - day).dt.days
    late = view[view["closed"] & (view["closed_on"] > deadline)].copy()
    late["days_late"] = (late["closed_on"] - late["deadline"]).dt.days
    no_deadline = view[open_ & deadline.isna()].copy()
    order = ["town", "unit", "deadline", "hazard_id"]
    return OverdueReport(
        as_of,
        due_within,
        overdue.sort_values(["town", "unit", "days_overdue"], ascending=[True, True, False], kind="stable"),
        soon.sort_values(order, kind="stable"),
        late.sort_values(order, kind="stable"),
        no_deadline.sort_values(["town", "unit", "found_on"], kind="stable"),
        hazards,
    )


def _item_names(overdue: bool, late: bool) -> list[str]:
    names = [*ITEM_COLUMNS, "found_on", "closed_on"]
    if overdue:
        names += ["days_overdue", "major_stop_order", "listing"]
    elif late:
        names.append("days_late")
    return names


def _items(frame: pd.DataFrame, *, overdue: bool = False, late: bool = False) -> list[dict]:
    """One dict per listed hazard, built column by column (24k overdue rows in a 100k county)."""
    names = _item_names(overdue, late)
    columns = [plain_list(frame[c]) for c in names]
    sources = [
        {"path": path, "sheet": sheet, "row": row}
        for path, sheet, row in zip(
            plain_list(frame["path"]), plain_list(frame["sheet"]), plain_list(frame["row"]), strict=True
        )
    ]
    keys = (*names, "source")
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns, sources, strict=True)]
