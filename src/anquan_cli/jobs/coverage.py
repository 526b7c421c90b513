"""The coverage job: the roster (底数) and the hazard ledgers in, 应查未查 and coverage out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.analysis.coverage import CoverageReport
from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.report import figures


def make_coverage(
    paths: Iterable[Path],
    config: Config,
    *,
    start: dt.date,
    end: dt.date,
    as_of: dt.date,
    roster: Path | None = None,
) -> CoverageReport:
    """`anquan coverage`: the roster is found among the inputs by its header, or named by `roster`.
    No hazard ledger, or no roster: AnquanError (exit 2)."""
    inputs = [*paths, *([roster] if roster is not None else [])]
    if roster is not None and not roster.is_file():
        raise AnquanError("path-not-found", path=roster)
    _, figs = figures(inputs, config, as_of=as_of)
    report = figs.coverage(start, end)
    if report is None:
        raise AnquanError("roster-missing")
    return report
