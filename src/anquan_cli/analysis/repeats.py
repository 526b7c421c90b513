"""屡查屡有: the same enterprise, the same hazard topic, found on two or more different dates.

Topic first (the configurable keyword dictionary); descriptions matching no topic are grouped by text
similarity (rapidfuzz) within the enterprise only, so the cost grows with the largest enterprise, never
with the county. Only hazards found within the window before the cut-off date count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.analysis.overdue import as_of_view
from anquan_cli.analysis.topics import topic_of
from anquan_cli.core.plain import iso_days, text_list
from anquan_cli.read.normalize import map_unique

SIMILAR = "相似描述"  # the topic label of a group found by text similarity


@dataclass
class RepeatGroup:
    unit: str
    uscc: str | None
    town: str | None
    topic: str
    hazard_ids: list[str | None]
    dates: list[str]
    descriptions: list[str]
    open: bool  # the latest finding is still not closed
    sources: list[dict]

    @property
    def count(self) -> int:
        return len(self.hazard_ids)

    def to_dict(self) -> dict:
        return {
            "unit": self.unit,
            "uscc": self.uscc,
            "town": self.town,
            "topic": self.topic,
            "count": self.count,
            "hazard_ids": self.hazard_ids,
            "dates": self.dates,
            "descriptions": self.descriptions,
            "open": self.open,
            "sources": self.sources,
        }


@dataclass
class RepeatReport:
    as_of: dt.date
    window_days: int
    groups: list[RepeatGroup]
    hazards: HazardSet

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "window_days": self.window_days,
            "groups": [g.to_dict() for g in self.groups],
            "excluded_rows": self.hazards.excluded_rows,
            "input": self.hazards.account(),
        }


def find_repeats(
    hazards: HazardSet,
    as_of: dt.date,
    *,
    window_days: int = 365,
    topics: dict[str, tuple[str, ...]],
    threshold: float = 75.0,
) -> RepeatReport:
    view = as_of_view(hazards, as_of)
    view = view[view["found_on"] >= pd.Timestamp(as_of) - pd.Timedelta(days=window_days)].copy()
    view["topic"] = map_unique(view["description"].to_numpy(), lambda d: topic_of(d, topics))
    untopical = view[view["topic"].isna() & view["description_key"].notna()]
    if len(untopical):
        view.loc[untopical.index, "topic"] = _similar_groups(untopical, threshold)
    candidates = view.dropna(subset=["topic"])
    dates = candidates.groupby(["unit_key", "topic"], sort=False)["found_on"].transform("nunique")
    repeated = candidates[dates >= 2].sort_values(["unit_key", "topic", "found_on", "row"], kind="stable")
    groups = _groups(repeated)
    groups.sort(key=lambda g: (g.town or "", g.unit, g.topic))
    return RepeatReport(as_of, window_days, groups, hazards)


def _similar_groups(frame: pd.DataFrame, threshold: float) -> np.ndarray:
    """Per enterprise, link descriptions at or above the similarity threshold (union-find) and label
    each connected set "相似描述:<first description>"; singletons stay without a topic."""
    from rapidfuzz import fuzz, process

    labels = np.full(len(frame), None, dtype=object)
    keys = frame["description_key"].to_numpy(dtype=object)
    descriptions = frame["description"].to_numpy(dtype=object)
    # Row positions per enterprise, in frame order: plain arrays, no sub-frame per enterprise.
    for rows in frame.groupby("unit_key", sort=False).indices.values():
        if len(rows) < 2:
            continue
        texts = keys[rows].tolist()
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold)
        roots = np.array(_components(len(texts), zip(*np.nonzero(scores), strict=True)))
        linked = np.bincount(roots, minlength=len(rows))[roots] > 1
        for at, root in zip(rows[linked].tolist(), rows[roots[linked]].tolist(), strict=True):
            labels[at] = f"{SIMILAR}：{descriptions[root]}"
    return labels


def _components(n: int, pairs) -> list[int]:
    """Union-find: the representative (smallest index) of each item's connected set."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = find(int(i)), find(int(j))
        if a != b:
            parent[max(a, b)] = min(a, b)
    return [find(i) for i in range(n)]


def _groups(repeated: pd.DataFrame) -> list[RepeatGroup]:
    """RepeatGroups from rows sorted by (enterprise, topic, date): columns become lists once, then each
    group is a slice — no per-group DataFrame work, which would dominate on a county-year of ledgers."""
    if repeated.empty:
        return []
    key = repeated["unit_key"].astype(str) + "\x00" + repeated["topic"].astype(str)
    starts = np.flatnonzero(np.r_[True, key.to_numpy()[1:] != key.to_numpy()[:-1]])
    ends = np.r_[starts[1:], len(repeated)]
    col = {c: repeated[c].tolist() for c in ("unit", "topic", "description", "closed", "path")}
    col |= {c: text_list(repeated[c]) for c in ("uscc", "town", "hazard_id", "sheet")}
    rows = repeated["row"].astype(int).tolist()
    # Every merged row has its found date (rows without one are left out by the merge, counted).
    dates = cast(list[str], iso_days(repeated["found_on"]))
    groups = []
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        last = b - 1
        topic = col["topic"][a]
        groups.append(
            RepeatGroup(
                unit=col["unit"][last],
                uscc=col["uscc"][last],
                town=col["town"][last],
                topic=SIMILAR if topic.startswith(SIMILAR) else topic,
                hazard_ids=col["hazard_id"][a:b],
                dates=dates[a:b],
                descriptions=col["description"][a:b],
                open=not bool(col["closed"][last]),
                sources=[
                    {"path": p, "sheet": sh, "row": r}
                    for p, sh, r in zip(col["path"][a:b], col["sheet"][a:b], rows[a:b], strict=True)
                ],
            )
        )
    return groups
