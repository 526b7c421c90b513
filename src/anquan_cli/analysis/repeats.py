"""屡查屡有: the same enterprise, the same hazard topic, found on two or more different dates.

Topic first (the configurable keyword dictionary); descriptions matching no topic are grouped by text
similarity (rapidfuzz) within the enterprise only, so the cost grows with the largest enterprise, never
with the county. Only hazards found within the window before the cut-off date count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.analysis.overdue import as_of_view
from anquan_cli.analysis.topics import topic_of
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
    groups = [_group(g) for _, g in repeated.groupby(["unit_key", "topic"], sort=False)]
    groups.sort(key=lambda g: (g.town or "", g.unit, g.topic))
    return RepeatReport(as_of, window_days, groups, hazards)


def _similar_groups(frame: pd.DataFrame, threshold: float) -> np.ndarray:
    """Per enterprise, link descriptions at or above the similarity threshold (union-find) and label
    each connected set "相似描述:<first description>"; singletons stay without a topic."""
    from rapidfuzz import fuzz, process

    labels = np.full(len(frame), None, dtype=object)
    positions = {idx: i for i, idx in enumerate(frame.index)}
    for _, group in frame.groupby("unit_key", sort=False):
        texts = group["description_key"].tolist()
        if len(texts) < 2:
            continue
        scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=threshold)
        roots = _components(len(texts), zip(*np.nonzero(scores), strict=True))
        sizes = pd.Series(roots).value_counts()
        for i, idx in enumerate(group.index):
            if sizes[roots[i]] > 1:
                labels[positions[idx]] = f"{SIMILAR}：{group['description'].iloc[roots[i]]}"
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


def _group(g: pd.DataFrame) -> RepeatGroup:
    latest = g.iloc[-1]
    topic = g["topic"].iloc[0]
    return RepeatGroup(
        unit=latest["unit"],
        uscc=latest["uscc"] if isinstance(latest["uscc"], str) else None,
        town=latest["town"] if isinstance(latest["town"], str) else None,
        topic=SIMILAR if topic.startswith(SIMILAR) else topic,
        hazard_ids=[h if isinstance(h, str) else None for h in g["hazard_id"]],
        dates=[d.date().isoformat() for d in g["found_on"]],
        descriptions=g["description"].tolist(),
        open=not bool(latest["closed"]),
        sources=[
            {"path": p, "sheet": s, "row": int(r)}
            for p, s, r in zip(g["path"], g["sheet"], g["row"], strict=True)
        ],
    )
