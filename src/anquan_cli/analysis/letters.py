"""Who gets which 函告 this month, why (with the figures), and what each letter lists.

- 警示函 to an enterprise whose hazards found in the month are many (≥ letters.warning_min_hazards) or
  recur (a 屡查屡有 group), AND that has overdue hazards: the county plan's wording; and always to an
  enterprise with an overdue 重大 hazard (停产整顿 without exception), which the letter names first.
- 督办函 to a town with any overdue 重大 hazard, or more overdue hazards than
  letters.supervision_overdue_threshold; report back within N working days.
- 提醒函 to all towns and departments, on the seasonal risks of the coming month (letters.calendar).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from anquan_cli.analysis.coverage import UNKNOWN as UNKNOWN_TOWN
from anquan_cli.analysis.coverage import CoverageReport
from anquan_cli.analysis.overdue import OverdueReport
from anquan_cli.analysis.repeats import RepeatReport
from anquan_cli.analysis.seasons import season_for
from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.messages import DOC_TITLES, LETTER_KINDS, LETTER_REASONS
from anquan_cli.core.text import format_cn, name_key, percent, source_ref, title_lines
from anquan_cli.core.vocab import MAJOR
from anquan_cli.read.normalize import map_unique


@dataclass
class Letter:
    kind: str  # warning | supervision | reminder
    recipient: str
    town: str | None
    facts: list[str]
    hazards: list[dict]
    extra: dict = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return LETTER_KINDS[self.kind]

    @property
    def reasons(self) -> str:
        return "".join(self.facts) or self.extra.get("season", "")


def town_recipient(town: str, config: Config) -> str:
    """青石镇 → 青石镇人民政府, 东湖街道 → 东湖街道办事处, 开发区 → 管委会 (or as configured)."""
    if town in config.county.town_recipients:
        return config.county.town_recipients[town]
    if town.endswith("街道"):
        return f"{town}办事处"
    if town.endswith(("镇", "乡")):
        return f"{town}人民政府"
    if town.endswith(("开发区", "园区", "高新区", "新区")):
        return f"{town}管理委员会"
    return town


def month_label(month: str) -> str:
    first, _ = month_bounds(month)
    return f"{first.year}年{first.month}月"


def plan_letters(
    overdue: OverdueReport,
    repeats: RepeatReport,
    config: Config,
    *,
    month: str,
    kinds: tuple[str, ...] = ("warning", "supervision", "reminder"),
    month_stats: dict | None = None,
    coverage: CoverageReport | None = None,
) -> list[Letter]:
    letters: list[Letter] = []
    # Positions as the index, so each letter's annex is looked up from rows built once for all letters.
    late = overdue.overdue.reset_index(drop=True)
    annex = _annex_rows(late)
    if "warning" in kinds:
        letters += _warnings(overdue, late, annex, repeats, config, month)
    if "supervision" in kinds:
        letters += _supervisions(late, annex, config)
        if coverage is not None and config.coverage.supervision_floor is not None:
            letters += _coverage_supervisions(coverage, config)
    if "reminder" in kinds:
        letters.append(_reminder(overdue, config, month, month_stats or {}))
    for letter in letters:  # the last reason closes the sentence
        if letter.facts and letter.facts[-1].endswith("；"):
            letter.facts[-1] = letter.facts[-1][:-1] + "。"
    return letters


def _listed(items: pd.DataFrame, annex: list[dict]) -> list[dict]:
    return [{"index": n, **annex[i]} for n, i in enumerate(items.index, 1)]


def _annex_rows(frame: pd.DataFrame) -> list[dict]:
    """Every overdue hazard as a letter's annex row, built column-wise once (a county lists thousands)."""

    def per_distinct(column: str, fn, missing) -> list:
        return map_unique(frame[column].to_numpy(dtype=object), fn, missing=missing).tolist()

    def text(column: str) -> list:
        return per_distinct(column, lambda v: v if isinstance(v, str) else "", "")

    names = per_distinct("path", lambda p: Path(p).name, "")  # each file's name worked out once
    columns = {
        "hazard_id": text("hazard_id"),
        "unit": frame["unit"].astype(object).tolist(),
        "town": text("town"),
        "description": text("description"),
        # a table cell: the level word alone (the title and text say 事故隐患)
        "level": np.where(frame["level"].to_numpy() == MAJOR, "重大", "一般").tolist(),
        "deadline": per_distinct("deadline", lambda d: d.date(), None),
        "days_overdue": frame["days_overdue"].astype(int).tolist(),
        "source": [source_ref(name, row) for name, row in zip(names, frame["row"].tolist(), strict=True)],
    }
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _warnings(
    overdue: OverdueReport,
    late: pd.DataFrame,
    annex: list[dict],
    repeats: RepeatReport,
    config: Config,
    month: str,
) -> list[Letter]:
    first, last = month_bounds(month)
    frame = overdue.hazards.frame
    in_month = frame[(frame["found_on"] >= pd.Timestamp(first)) & (frame["found_on"] <= pd.Timestamp(last))]
    found = in_month.groupby("unit_key").size()
    threshold = config.letters.warning_min_hazards
    recurring: dict[str, list] = {}
    for g in repeats.groups:
        key = g.uscc or name_key(g.unit)
        recurring.setdefault(key, []).append(g)
    letters = []
    for unit_key, items in late.groupby("unit_key", sort=False):
        many = int(found.get(unit_key, 0))
        groups = recurring.get(str(unit_key), [])
        majors = items[items["level"] == MAJOR]
        if many < threshold and not groups and majors.empty:
            continue
        latest = items.iloc[-1]
        facts = []
        if not majors.empty:
            listed = "、".join(
                f"{d}，逾期{n}天" for d, n in zip(majors["description"], majors["days_overdue"], strict=True)
            )
            order = config.letters.major_overdue_order
            facts.append(
                LETTER_REASONS["unit_major_overdue"].format(count=len(majors), items=listed, order=order)
            )
        if many >= threshold:
            facts.append(LETTER_REASONS["many"].format(month_label=month_label(month), count=many))
        if groups:
            topics = "、".join(dict.fromkeys(g.topic for g in groups))
            detail = "；".join(f"{g.topic}{g.count}次" for g in groups)
            facts.append(LETTER_REASONS["repeat"].format(topics=topics, detail=detail))
        facts.append(
            LETTER_REASONS["overdue"].format(
                as_of=format_cn(overdue.as_of), count=len(items), days=int(items["days_overdue"].max())
            )
        )
        town = latest["town"] if isinstance(latest["town"], str) else None
        letters.append(
            Letter(
                "warning",
                latest["unit"],
                town,
                facts,
                _listed(_majors_first(items), annex),
                {
                    "repeat_topics": "、".join(dict.fromkeys(g.topic for g in groups)),
                    "major_count": len(majors),
                },
            )
        )
    return sorted(letters, key=lambda lt: (lt.town or "", lt.recipient))


def _majors_first(items: pd.DataFrame) -> pd.DataFrame:
    """An annex lists its 重大 hazards first, then the longest overdue."""
    return items.assign(_major=items["level"] == MAJOR).sort_values(
        ["_major", "days_overdue"], ascending=[False, False], kind="stable"
    )


def _supervisions(late: pd.DataFrame, annex: list[dict], config: Config) -> list[Letter]:
    threshold = config.letters.supervision_overdue_threshold
    letters = []
    for town, items in late.groupby("town", sort=True):
        majors = items[items["level"] == MAJOR]
        if majors.empty and len(items) <= threshold:
            continue
        facts = []
        if not majors.empty:
            units = "、".join(dict.fromkeys(majors["unit"]))
            facts.append(LETTER_REASONS["major_overdue"].format(count=len(majors), units=units))
        if len(items) > threshold:
            facts.append(LETTER_REASONS["town_overdue"].format(count=len(items), threshold=threshold))
        ordered = _majors_first(items)
        letters.append(
            Letter(
                "supervision",
                town_recipient(str(town), config),
                str(town),
                facts,
                _listed(ordered, annex),
                {"major_count": len(majors)},
            )
        )
    return letters


def _coverage_supervisions(coverage: CoverageReport, config: Config) -> list[Letter]:
    """排查督办函 to a town whose coverage is below [coverage] supervision_floor, its annex the
    enterprises 应查未查 (high-risk ones first)."""
    floor = config.coverage.supervision_floor
    assert floor is not None
    missing = coverage.uninspected
    letters = []
    for g in coverage.groups["town"]:
        if g["rate"] is None or g["rate"] >= floor or g["name"] == UNKNOWN_TOWN:
            continue
        units = missing[missing["town"] == g["name"]].sort_values(
            "high_risk_unit", ascending=False, kind="stable"
        )
        fact = LETTER_REASONS["town_coverage"].format(
            as_of=format_cn(coverage.as_of), roster=g["roster"], inspected=g["inspected"], uninspected=g["uninspected"],
            rate=percent(g["rate"]), floor=percent(floor),
        )  # fmt: skip
        rows = [
            {
                "index": i,
                "unit": r["unit"],
                "uscc": r["uscc"] if isinstance(r["uscc"], str) else "",
                "industry": r["industry"] if isinstance(r["industry"], str) else "",
                "level": "是" if r["high_risk_unit"] else "",
                "windows": "、".join(r["windows_missed"]),
                "last": format_cn(r["last_inspected"]) if r["last_inspected"] else "从未检查",
            }
            for i, r in enumerate(units.to_dict("records"), 1)
        ]
        letters.append(Letter("coverage", town_recipient(g["name"], config), g["name"], [fact], rows))
    return letters


def _reminder(overdue: OverdueReport, config: Config, month: str, month_stats: dict) -> Letter:
    first, _ = month_bounds(month)
    coming = first.month % 12 + 1  # remind of the month ahead
    season, risks = season_for(coming, config.letters.seasons, config.letters.calendar)
    summary = "、".join(r["topic"] for r in risks)
    return Letter(
        "reminder",
        config.letters.reminder_recipient,
        None,
        [],
        [],
        {
            "season": season,
            "risks": risks,
            "risk_summary": f"{summary}等方面安全风险较为突出",
            # found: in the month; overdue: every hazard overdue on the cut-off date, as the 通报's
            # headline and the 逾期未整改隐患清单 count it (never the month's share of it).
            "stats": {"found": month_stats.get("found", 0), "overdue": len(overdue.overdue)},
        },
    )


def report_back(date: dt.date, working_days: int) -> dt.date:
    """N working days after the letter's date (Monday to Friday)."""
    day = np.busday_offset(np.datetime64(date, "D"), working_days, roll="forward")
    return day.astype(dt.date)


def letter_context(letter: Letter, entry, config: Config, *, month: str, as_of: dt.date) -> dict:
    """Everything a letter template may use (see `anquan templates check`)."""
    cc = list(config.county.cc)
    if letter.kind == "warning" and letter.town:
        cc.insert(0, town_recipient(letter.town, config))
    days = config.letters.report_back_working_days
    title = DOC_TITLES[letter.kind].format(
        recipient=letter.recipient, town=letter.town or "", season=letter.extra.get("season", "")
    )
    return {
        "title": title_lines(title, config.document.title_width()),
        "office": config.county.office,
        "county": config.county.name,
        "doc_number": entry.number,
        "date": entry.date,
        "recipient": letter.recipient,
        "town": letter.town or "",
        "month_label": month_label(month),
        "as_of": as_of,
        "facts": letter.facts,
        "hazards": letter.hazards,
        "hazard_count": len(letter.hazards),
        "major_count": letter.extra.get("major_count", sum(h["level"] == "重大" for h in letter.hazards)),
        "repeat_topics": letter.extra.get("repeat_topics", ""),
        "major_order": config.letters.major_overdue_order,
        "report_back": report_back(entry.date, days),
        "working_days": days,
        "cc": "，".join(dict.fromkeys(cc)),
        "season": letter.extra.get("season", ""),
        "risks": letter.extra.get("risks", []),
        "risk_summary": letter.extra.get("risk_summary", ""),
        "stats": letter.extra.get("stats", {"found": 0, "overdue": 0}),
    }
