"""The 提醒函 calendar: the seasonal risks a county office reminds towns and departments of.

The defaults are data (anquan_cli/data/seasons.toml); a county replaces any month in anquan.toml
([letters.seasons] for the period's name, [letters.calendar] for its risks).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parents[1] / "data" / "seasons.toml"
# The title reads 关于做好{name}安全防范工作的提醒函: a name written as a task ("冬季防火和燃气安全",
# "汛期安全防范工作") would say 安全 or 工作 twice, so the task words are taken off the name.
_TASK_WORDS = re.compile(r"(?:的)?(?:安全)?(?:防范)?(?:工作)?$")


@cache
def default_calendar() -> dict[int, tuple[str, tuple[tuple[str, str], ...]]]:
    """Month (1–12) → (period name, ((topic, text), …)), from the shipped data file."""
    with _DATA.open("rb") as f:
        seasons = tomllib.load(f)["season"]
    calendar = {}
    for season in seasons:
        risks = tuple((r["topic"], r["text"]) for r in season["risks"])
        for month in season["months"]:
            calendar[int(month)] = (season["name"], risks)
    missing = set(range(1, 13)) - set(calendar)
    if missing:  # a broken data file is a packaging bug, not the clerk's problem
        raise ValueError(f"seasons.toml has no season for months {sorted(missing)}")
    return calendar


def period_name(name: str) -> str:
    """The period alone: 冬季防火和燃气安全 → 冬季防火和燃气, 汛期安全防范工作 → 汛期, 冬季 → 冬季."""
    return _TASK_WORDS.sub("", name.strip()) or name.strip()


def season_for(month: int, seasons: dict[str, str], calendar: dict) -> tuple[str, list[dict]]:
    """(period name, [{topic, text}]) for a month, the county's calendar first."""
    default_name, default_risks = default_calendar()[month]
    name = period_name(seasons.get(str(month), default_name))
    risks = calendar.get(str(month))
    if risks:
        return name, [{"topic": r.topic, "text": r.text} for r in risks]
    return name, [{"topic": t, "text": x} for t, x in default_risks]
