"""Read every hazard ledger below the given paths, in submission order, into one HazardSet.

The rows go through the same checks as `anquan validate`, so the county's policy applies to every
figure alike: with analysis.exclude_rows_with_errors (the default) rows with errors are left out and
counted. Each ledger is reduced to its merge frame as soon as it is checked; responsibility lists
among the inputs are checked and skipped; unreadable files are listed with their reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.config import Config
from anquan_cli.errors import AnquanError


def load_hazards(
    paths: Iterable[Path], config: Config, *, as_of: dt.date | None = None, debug: bool = False
) -> HazardSet:
    from anquan_cli.validate import run_validation

    run = run_validation(
        paths,
        config,
        as_of=as_of or dt.date.today(),
        collect_hazards=True,
        exclude_error_rows=config.analysis.exclude_rows_with_errors,
        debug=debug,
    )
    hazards = run.hazards
    if hazards is None or (hazards.frame.empty and not any(r.kind == "hazard" for r in run.results)):
        raise no_hazard_ledgers(run.results)
    return hazards


def no_hazard_ledgers(results) -> AnquanError:
    """Nothing to count: say which files were read and why each gave nothing."""
    paths = list(dict.fromkeys(r.path for r in results))
    reasons = [f"{r.path.name}：{r.error}" for r in results if r.error][:5]
    details = "（" + "；".join(reasons) + "）" if reasons else ""
    return AnquanError("no-hazard-ledgers", count=len(paths), details=details)
