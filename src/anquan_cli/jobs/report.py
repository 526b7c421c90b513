"""The report loader: every hazard ledger below the given paths, checked and merged, and the figures
each report command asks of it — the one place that goes from files to overdue, repeats and stats.

The rows go through the same checks as `anquan validate`, so the county's policy applies to every
figure alike: with analysis.exclude_rows_with_errors (the default) rows with errors are left out and
counted. One rule decides when there is nothing to report on: no file was read as a hazard ledger.
A hazard ledger with no rows, or none usable, is a month without hazards, reported as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.analysis.overdue import OverdueReport, compute_overdue
from anquan_cli.analysis.repeats import RepeatReport, find_repeats
from anquan_cli.analysis.stats import StatsReport, compute_stats
from anquan_cli.analysis.topics import topics_of
from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.validate import FileResult, ValidationRun, run_validation
from anquan_cli.read import InputPlan

if TYPE_CHECKING:
    import pandas as pd

    from anquan_cli.analysis.coverage import CoverageReport
    from anquan_cli.analysis.major import SuspectReport
    from anquan_cli.analysis.mechanisms import MechanismsReport


def load(
    paths: Iterable[Path],
    config: Config,
    *,
    as_of: dt.date,
    annotate_dir: Path | None = None,
    progress: Callable[[Path, list[FileResult]], None] | None = None,
    pool: Executor | None = None,
    plan: InputPlan | None = None,
) -> ValidationRun:
    """Validate and merge; `run.hazards` is set. Marked-up copies (monthly) only for files with findings.
    `plan`: the inputs already planned (read.plan_inputs), else planned from `paths`."""
    run = run_validation(
        paths,
        config,
        as_of=as_of,
        annotate_dir=annotate_dir,
        annotate_clean=False,
        collect_hazards=True,
        exclude_error_rows=config.analysis.exclude_rows_with_errors,
        progress=progress,
        pool=pool,
        plan=plan,
    )
    if not any(r.kind == "hazard" for r in run.results):
        raise no_hazard_ledgers(run.results)
    return run


def no_hazard_ledgers(results: list[FileResult]) -> AnquanError:
    """Nothing to count: say which files were read and why each gave nothing."""
    paths = list(dict.fromkeys(r.path for r in results))
    reasons = [f"{r.path.name}：{r.error}" for r in results if r.error][:5]
    details = "（" + "；".join(reasons) + "）" if reasons else ""
    return AnquanError("no-hazard-ledgers", count=len(paths), details=details)


@dataclass
class Figures:
    """What the reports say of the merged hazards as of one date, each computed once and only when
    asked: overdue, 屡查屡有, and the 通报 statistics grouped by town, industry or enterprise."""

    hazards: HazardSet
    config: Config
    as_of: dt.date
    month: str | None = None  # statistics count the hazards found in this month, when given
    due_within: int | None = None  # default: config.analysis.due_within_days
    window_days: int | None = None  # default: config.analysis.repeat_window_days
    roster: pd.DataFrame | None = None  # the enterprises of the 底数 ledgers read, when any
    # the summaries of the checks across ledgers and every file's result (长效机制 figures)
    collected: dict[str, list[tuple[int, object]]] = field(default_factory=dict)
    results: list[FileResult] = field(default_factory=list)
    _overdue: OverdueReport | None = field(default=None, init=False, repr=False)
    _repeats: RepeatReport | None = field(default=None, init=False, repr=False)
    _stats: dict[str, StatsReport] = field(default_factory=dict, init=False, repr=False)
    _coverage: dict[tuple[dt.date, dt.date], CoverageReport] = field(
        default_factory=dict, init=False, repr=False
    )
    _suspects: SuspectReport | None = field(default=None, init=False, repr=False)
    _mechanisms: MechanismsReport | None = field(default=None, init=False, repr=False)

    @property
    def overdue(self) -> OverdueReport:
        if self._overdue is None:
            days = self.config.analysis.due_within_days if self.due_within is None else self.due_within
            self._overdue = compute_overdue(self.hazards, self.as_of, days)
        return self._overdue

    @property
    def repeats(self) -> RepeatReport:
        if self._repeats is None:
            settings = self.config.analysis
            window = settings.repeat_window_days if self.window_days is None else self.window_days
            self._repeats = find_repeats(
                self.hazards,
                self.as_of,
                window_days=window,
                topics=topics_of(settings.topics),
                threshold=settings.similarity_threshold,
            )
        return self._repeats

    def stats(self, by: str = "town") -> StatsReport:
        if by not in self._stats:
            report = compute_stats(self.hazards, self.as_of, by=by, month=self.month, repeats=self.repeats)
            if self.mechanisms.given:
                report.mechanisms = self.mechanisms.to_dict()
            self._stats[by] = report
        return self._stats[by]

    @property
    def mechanisms(self) -> MechanismsReport:
        """长效机制: drills, training, staffing, for the kinds among the inputs."""
        if self._mechanisms is None:
            from anquan_cli.jobs.mechanisms import mechanisms_of

            self._mechanisms = mechanisms_of(self.collected, self.results, self.config, self.as_of)
        return self._mechanisms

    def coverage(self, start: dt.date, end: dt.date) -> CoverageReport | None:
        """应查未查 and coverage for a period, None when no roster was read (the 通报 and the letters
        of one monthly run share it)."""
        if self.roster is None:
            return None
        if (start, end) not in self._coverage:
            from anquan_cli.analysis.coverage import compute_coverage

            self._coverage[(start, end)] = compute_coverage(
                self.roster, self.hazards, self.config, start=start, end=end, as_of=self.as_of
            )
        return self._coverage[(start, end)]

    @property
    def suspects(self) -> SuspectReport:
        """Hazards of the month (every month when none) written down as 一般 that meet a criterion of the
        重大事故隐患判定标准."""
        if self._suspects is None:
            from anquan_cli.analysis.major import find_suspects
            from anquan_cli.core.dates import month_bounds

            start, end = month_bounds(self.month) if self.month else (None, None)
            self._suspects = find_suspects(self.hazards, self.config, as_of=self.as_of, start=start, end=end)
        return self._suspects


def figures(
    paths: Iterable[Path],
    config: Config,
    *,
    as_of: dt.date,
    month: str | None = None,
    due_within: int | None = None,
    window_days: int | None = None,
) -> tuple[ValidationRun, Figures]:
    """Load the ledgers below `paths` and stand ready to compute their figures."""
    run = load(paths, config, as_of=as_of)
    assert run.hazards is not None  # load() always merges
    return run, Figures(
        run.hazards, config, as_of, month, due_within, window_days, run.roster, run.collected, run.results
    )
