"""Rules for 全员安全生产责任清单 (domain.md §4; 安全生产法 第五条、第二十二条; 中发〔2016〕32号).

Per row: who, which post, which duty, how assessed, when signed. Per enterprise: every tier present
from 主要负责人 down to 岗位人员, the first responsible persons named, and no copy-pasted duties — the
formalism the county plan attacks.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from anquan_cli.core.text import name_key
from anquan_cli.core.vocab import PRINCIPAL, STAFF, TIERS, VocabState, infer_tier
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.read.normalize import map_unique
from anquan_cli.rules import common
from anquan_cli.rules.common import present, states, values
from anquan_cli.rules.engine import CheckContext, Reporter

_PUNCT = re.compile(r"[\W_]+")
_LEGAL = ("法定代表人", "法人代表", "法人")
_CONTROLLER = ("实际控制人",)


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    settings = ctx.config.responsibility
    common.missing_columns(ledger, report)
    common.required_cells(ledger, report)
    common.date_cells(ledger, report, ctx, future=("signed_on",))
    common.uscc_cells(ledger, report)
    common.one_to_one(ledger, report)
    if ledger.has("standard"):
        report.cells("standard-empty", "standard", ~present(ledger, "standard"))
    if not len(ledger.data):
        return
    tiers = effective_tiers(ledger, settings.keywords(), report)
    if ledger.has("duty"):
        _short_duties(ledger, report, settings.min_duty_chars)
    if not ledger.has("unit"):
        return
    frame = _frame(ledger, tiers)
    anchor = "unit"
    for _, group in frame.groupby("ent", sort=False):
        _enterprise(ledger, report, group, anchor, settings)
    if ledger.has("duty") and ledger.has("post"):
        _copied_duties(ledger, report, frame, settings.copy_paste_posts)
    if ledger.has("name"):
        _people_on_two_tiers(ledger, report, frame)


def effective_tiers(ledger: Ledger, keywords: dict[str, tuple[str, ...]], report: Reporter | None = None):
    """Each row's tier: the 层级 cell when recognisable, else inferred from 岗位 (and said so)."""
    n = len(ledger.data)
    inferred = np.full(n, None, dtype=object)
    if ledger.has("post"):
        inferred = ledger.map_values("post", lambda u: infer_tier(u, keywords) or STAFF)
    has_column = ledger.has("tier") and not ledger.columns["tier"].context
    if not has_column:
        if report is not None:
            report.file("tier-inferred")
        return inferred
    st = states(ledger, "tier")
    tier = np.where(st == VocabState.OK, values(ledger, "tier"), inferred)
    if report is not None:
        usable = inferred != None  # noqa: E711 (elementwise)
        report.cells("tier-empty", "tier", (st == VocabState.EMPTY) & usable, tier=inferred)
        report.cells("tier-invalid", "tier", (st == VocabState.BAD) & usable, tier=inferred)
    return tier


def _short_duties(ledger: Ledger, report: Reporter, minimum: int) -> None:
    lengths = ledger.map_values("duty", lambda u: len(_PUNCT.sub("", u)), dtype=np.int64, missing=-1)
    report.cells("duty-short", "duty", (lengths >= 0) & (lengths < minimum), length=lengths, min=minimum)


def _frame(ledger: Ledger, tiers: np.ndarray) -> pd.DataFrame:
    data = ledger.data
    unit = data["unit"].to_numpy()
    ent = ledger.map_values("unit", name_key)
    frame = pd.DataFrame(
        {
            "pos": np.arange(len(data)),
            "ent": ent,
            "unit": unit,
            "tier": tiers,
            "name": ledger.map_values("name", name_key) if ledger.has("name") else None,
            "post": data["post"].to_numpy() if ledger.has("post") else None,
            "marks": _marks(ledger),
        }
    )
    return frame[frame["ent"].notna()]


def _marks(ledger: Ledger) -> np.ndarray:
    """Per row: "L" when the row names the legal representative, "C" the actual controller."""
    text = np.full(len(ledger.data), "", dtype=object)
    for f in ("post", "tier", "note"):
        if ledger.has(f) and not ledger.columns[f].context:
            text = text + map_unique(ledger.raw_values(f), lambda u: f"{u}|", missing="")

    def mark(t: str) -> str:
        t = unicodedata.normalize("NFKC", t)
        return ("L" if any(w in t for w in _LEGAL) else "") + (
            "C" if any(w in t for w in _CONTROLLER) else ""
        )

    return map_unique(text, mark)


def _enterprise(ledger: Ledger, report: Reporter, group: pd.DataFrame, anchor: str, settings) -> None:
    first = np.zeros(len(ledger.data), dtype=bool)
    first[group["pos"].iloc[0]] = True
    unit = group["unit"].iloc[0]
    present_tiers = set(group["tier"].dropna())
    if PRINCIPAL not in present_tiers:
        report.cells("principal-missing", anchor, first, unit=unit)
    for tier in TIERS[1:]:
        severity = settings.required_tiers.get(tier, "off")
        if severity != "off" and tier not in present_tiers:
            report.cells("tier-missing", anchor, first, severity=severity, unit=unit, tier=tier)
    principals = group[group["tier"] == PRINCIPAL]
    marks = group["marks"].fillna("")
    legal = set(group.loc[marks.str.contains("L"), "name"].dropna())
    controller = set(group.loc[marks.str.contains("C"), "name"].dropna())
    names = list(dict.fromkeys(principals["name"].dropna())) if "name" in principals else []
    if len(names) > 1 and not (legal and controller):
        report.cells(
            "principal-ambiguous", anchor, first, unit=unit, count=len(names), names="、".join(names)
        )
    if legal and controller and legal != controller and not (legal | controller) <= set(names):
        report.cells(
            "principal-incomplete",
            anchor,
            first,
            unit=unit,
            legal="、".join(sorted(legal)),
            controller="、".join(sorted(controller)),
        )


def _copied_duties(ledger: Ledger, report: Reporter, frame: pd.DataFrame, threshold: int) -> None:
    duty_key = ledger.map_values("duty", lambda s: _PUNCT.sub("", s))
    post_key = ledger.map_values("post", name_key)
    sub = frame.assign(duty=duty_key[frame["pos"]], post_key=post_key[frame["pos"]]).dropna(subset=["duty"])
    spread = sub.groupby(["ent", "duty"], sort=False)["post_key"].transform("nunique")
    copied = sub[spread >= threshold]
    if copied.empty:
        return
    rows = ledger.data[ROW].to_numpy()
    mask = np.zeros(len(ledger.data), dtype=bool)
    others = np.empty(len(ledger.data), dtype=object)
    posts = np.empty(len(ledger.data), dtype=object)
    for _, group in copied.groupby(["ent", "duty"], sort=False):
        positions = group["pos"].to_numpy()
        listed = "、".join(dict.fromkeys(p for p in group["post"] if p))
        for pos in positions:
            other = [str(rows[p]) for p in positions if p != pos]
            others[pos] = "、".join(other[:6]) + ("等" if len(other) > 6 else "")
            posts[pos] = listed
        mask[positions] = True
    report.cells("duty-copied", "duty", mask, rows=others, posts=posts)


def _people_on_two_tiers(ledger: Ledger, report: Reporter, frame: pd.DataFrame) -> None:
    people = frame.dropna(subset=["name", "tier"])
    spread = people.groupby(["ent", "name"], sort=False)["tier"].transform("nunique")
    multi = people[spread > 1]
    if multi.empty:
        return
    first_tier = multi.groupby(["ent", "name"], sort=False)["tier"].transform("first")
    listed = multi.groupby(["ent", "name"], sort=False)["tier"].transform(
        lambda s: "、".join(dict.fromkeys(s))
    )
    off = multi[multi["tier"] != first_tier]
    mask = np.zeros(len(ledger.data), dtype=bool)
    mask[off["pos"].to_numpy()] = True
    tiers = np.empty(len(ledger.data), dtype=object)
    tiers[multi["pos"].to_numpy()] = listed.to_numpy()
    names = np.empty(len(ledger.data), dtype=object)
    names[multi["pos"].to_numpy()] = ledger.data["name"].to_numpy()[multi["pos"].to_numpy()]
    report.cells("person-multi-tier", "name", mask, name=names, tiers=tiers)
