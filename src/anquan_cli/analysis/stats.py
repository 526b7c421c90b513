"""The figures behind the monthly 通报 (domain.md §6), per town, industry or enterprise, with a 合计.

Definitions (also in the README):
- 发现隐患: hazards found in the period (the month, or everything up to the cut-off date).
- 已整改: of those, closed by the cut-off date. 整改率 = 已整改 / 发现隐患.
- 到期应改: of those, with a 整改期限 on or before the cut-off. 按期整改: of the due ones, closed on or
  before their 整改期限. 按期整改率 = 按期整改 / 到期应改.
- 整改中未到期 + 逾期未整改 + 未明确期限 + 已整改 = 发现隐患 (each open hazard is in exactly one).
- 检查企业数: enterprises with any row in the period; 存在隐患企业数: with at least one hazard.
- 屡查屡有: repeat groups (analysis.repeats) of the group's enterprises.
- 累计逾期未整改 (overdue_all, major_overdue_all): every hazard overdue on the cut-off date, whenever it
  was found: the figure the 逾期未整改隐患清单 lists, so a month's table adds up to the list. Without a
  month it equals 逾期未整改. A group with old overdue hazards and none found in the month is a row.
Counts in the 合计 row are the sums of the rows above, so the figures always add up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.analysis.overdue import as_of_view
from anquan_cli.analysis.repeats import RepeatReport
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.messages import INDICATORS
from anquan_cli.core.vocab import MAJOR
from anquan_cli.read.normalize import map_unique

COUNTS = [k for k in INDICATORS if not k.endswith("_rate")]
_NO_HAZARD = re.compile(r"^(?:无|无隐患|无问题|未发现隐患|未发现问题|未发现安全隐患|正常|合格)$")
UNKNOWN = "（未填写）"


@dataclass
class StatsReport:
    as_of: dt.date
    month: str | None
    by: str
    rows: pd.DataFrame  # one row per group, ranked; counts and rates
    total: dict
    hazards: HazardSet
    repeats: RepeatReport | None = None
    mechanisms: dict | None = None  # 长效机制 figures, when drill, training or staffing ledgers were read

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "month": self.month,
            "by": self.by,
            "indicators": INDICATORS,
            "rows": [_plain_row(r) for r in self.rows.to_dict("records")],
            "total": _plain_row(self.total),
            "excluded_rows": self.hazards.excluded_rows,
            "input": self.hazards.account(),
            **({"mechanisms": self.mechanisms} if self.mechanisms is not None else {}),
        }


def compute_stats(
    hazards: HazardSet,
    as_of: dt.date,
    *,
    by: str = "town",
    month: str | None = None,
    repeats: RepeatReport | None = None,
) -> StatsReport:
    known = as_of_view(hazards, as_of)
    day = pd.Timestamp(as_of)
    known_key = _group_key(known, by)
    late = (~known["closed"] & (known["deadline"] < day)).to_numpy()
    cumulative = pd.DataFrame(
        {
            "key": known_key,
            "overdue_all": late,
            "major_overdue_all": late & (known["level"] == MAJOR).to_numpy(),
        }
    )
    view, key = known, known_key
    if month:
        first, last = month_bounds(month)
        in_month = (
            (known["found_on"] >= pd.Timestamp(first)) & (known["found_on"] <= pd.Timestamp(last))
        ).to_numpy()
        view, key = known[in_month], known_key[in_month]
    is_hazard = map_unique(
        view["description"].to_numpy(), lambda d: not _NO_HAZARD.match(d), dtype=bool, missing=True
    )
    closed = view["closed"].to_numpy()
    deadline = view["deadline"]
    due = (deadline <= day).to_numpy()
    on_time = closed & (view["closed_on"] <= deadline).to_numpy() & due
    open_ = ~closed
    major = (view["level"] == MAJOR).to_numpy()
    flags = pd.DataFrame(
        {
            "key": key,
            "unit_key": view["unit_key"].to_numpy(),
            "found": is_hazard,
            "major": is_hazard & major,
            "closed": is_hazard & closed,
            "due": is_hazard & due,
            "closed_on_time": is_hazard & on_time,
            "not_due": is_hazard & open_ & (deadline >= day).to_numpy(),
            "overdue": is_hazard & open_ & (deadline < day).to_numpy(),
            "major_overdue": is_hazard & open_ & (deadline < day).to_numpy() & major,
            "no_deadline": is_hazard & open_ & deadline.isna().to_numpy(),
            "major_closed": is_hazard & closed & major,
        }
    )
    sums = flags.drop(columns=["unit_key"]).groupby("key", sort=False).sum()
    carried = cumulative.groupby("key", sort=False).sum()
    carried = carried[carried["overdue_all"] > 0]
    sums = sums.reindex(sums.index.union(carried.index, sort=False), fill_value=0)
    sums = sums.join(carried).fillna({"overdue_all": 0, "major_overdue_all": 0})
    enterprises = flags.groupby("key", sort=False)["unit_key"].nunique()
    with_hazards = flags[flags["found"]].groupby("key", sort=False)["unit_key"].nunique()
    table = sums.assign(
        enterprises=enterprises.reindex(sums.index, fill_value=0),
        enterprises_with_hazards=with_hazards.reindex(sums.index, fill_value=0),
    )
    table["repeat_groups"] = _repeat_counts(repeats, hazards, by).reindex(table.index, fill_value=0)
    table = table[COUNTS].astype(int)
    _rates(table)
    table = table.reset_index(names="name")
    table = table.sort_values(
        ["rectification_rate", "overdue", "name"], ascending=[False, True, True], kind="stable"
    )
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    total: dict[str, Any] = {str(k): v for k, v in table[COUNTS].sum().astype(int).to_dict().items()}
    _rates_dict(total)
    total["name"] = "合计"
    return StatsReport(as_of, month, by, table.reset_index(drop=True), total, hazards, repeats)


def _group_key(view: pd.DataFrame, by: str) -> np.ndarray:
    if by == "unit":
        # one line per enterprise, named as in its latest row
        names = view.groupby("unit_key", sort=False)["unit"].transform("last")
        return names.fillna(UNKNOWN).to_numpy()
    return view[by].fillna(UNKNOWN).to_numpy()


def _repeat_counts(repeats: RepeatReport | None, hazards: HazardSet, by: str) -> pd.Series:
    if repeats is None or not repeats.groups:
        return pd.Series(dtype=int)
    keys: list[str | None]
    if by == "town":
        keys = [g.town or UNKNOWN for g in repeats.groups]
    elif by == "unit":
        keys = [g.unit for g in repeats.groups]
    else:  # industry: of the group's enterprise, by credit code, else by the name it is listed under
        frame = hazards.frame
        industry = frame.groupby("unit_key", sort=False)["industry"].last()
        by_name = frame.groupby("unit", sort=False)["industry"].last()  # last non-empty per name
        keys = [industry.get(g.uscc or "", None) or by_name.get(g.unit, None) for g in repeats.groups]
    return pd.Series(keys, dtype=object).fillna(UNKNOWN).value_counts()


def _rates(table: pd.DataFrame) -> None:
    table["rectification_rate"] = _percent(table["closed"], table["found"])
    table["on_time_rate"] = _percent(table["closed_on_time"], table["due"])


def _rates_dict(total: dict) -> None:
    total["rectification_rate"] = _percent_one(total["closed"], total["found"])
    total["on_time_rate"] = _percent_one(total["closed_on_time"], total["due"])


def _percent(part: pd.Series, whole: pd.Series) -> pd.Series:
    """One decimal; None where there is nothing to divide (not 0 %, not 100 %)."""
    rate = (part / whole.where(whole > 0) * 100).round(1)
    return rate.astype(object).where(whole > 0, None)


def _percent_one(part: int, whole: int) -> float | None:
    return round(part / whole * 100, 1) if whole else None


def _plain_row(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        if isinstance(v, np.generic):
            v = v.item()
        if isinstance(v, float) and v != v:
            v = None
        out[k] = v
    return out
