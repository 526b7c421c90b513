"""Analysis over merged hazard ledgers: overdue, repeats, statistics. Each job is one call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.config import Config


def overdue_report(
    paths: Iterable[Path], config: Config, *, as_of: dt.date, due_within: int | None = None, debug=False
):
    from anquan_cli.analysis.load import load_hazards
    from anquan_cli.analysis.overdue import compute_overdue

    hazards = load_hazards(paths, config, as_of=as_of, debug=debug)
    days = config.analysis.due_within_days if due_within is None else due_within
    return compute_overdue(hazards, as_of, days)


def repeats_report(
    paths: Iterable[Path], config: Config, *, as_of: dt.date, window_days: int | None = None, debug=False
):
    from anquan_cli.analysis.load import load_hazards

    return repeats_of(load_hazards(paths, config, as_of=as_of, debug=debug), config, as_of, window_days)


def stats_report(
    paths: Iterable[Path],
    config: Config,
    *,
    as_of: dt.date,
    by: str = "town",
    month: str | None = None,
    debug=False,
):
    from anquan_cli.analysis.load import load_hazards
    from anquan_cli.analysis.stats import compute_stats

    hazards = load_hazards(paths, config, as_of=as_of, debug=debug)
    return compute_stats(hazards, as_of, by=by, month=month, repeats=repeats_of(hazards, config, as_of, None))


def repeats_of(hazards, config: Config, as_of: dt.date, window_days: int | None = None):
    """屡查屡有 groups with the configured topics, threshold and window."""
    from anquan_cli.analysis.repeats import find_repeats

    settings = config.analysis
    return find_repeats(
        hazards,
        as_of,
        window_days=settings.repeat_window_days if window_days is None else window_days,
        topics=settings.topic_dict(),
        threshold=settings.similarity_threshold,
    )
