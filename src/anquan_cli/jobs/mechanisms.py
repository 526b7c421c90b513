"""The 长效机制 figures of one run: each kind's summaries (rules.summarize) and its findings, read once."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from anquan_cli.analysis.mechanisms import MechanismsReport
from anquan_cli.core.config import Config
from anquan_cli.jobs.validate import FileResult, check_context

_TRAINING_COUNTS = {
    "certs_expired": "cert-expired",
    "certs_missing": "cert-missing",
    "hours_short": "training-hours-short",
}


def mechanisms_of(
    collected: dict[str, list[tuple[int, object]]], results: list[FileResult], config: Config, as_of: dt.date
) -> MechanismsReport:
    report = MechanismsReport(as_of)
    if collected.get("drill"):
        from anquan_cli.rules.drill import Drills, roster_units, unit_status

        roster = roster_units(collected)
        status = unit_status(
            [d.rows for _, d in collected["drill"] if isinstance(d, Drills)],
            [t for _, t in collected.get("training", []) if isinstance(t, pd.DataFrame)],
            roster,
            check_context(config, as_of),
        )
        report.drill, report.lesson = status.units, status.lesson
        report.drill_from_roster = roster is not None and len(roster) > 0
    if collected.get("training"):
        people = pd.concat([t for _, t in collected["training"] if isinstance(t, pd.DataFrame)])
        findings = [(r, f) for r in results if r.kind == "training" for f in r.findings]
        report.training = {
            "people": int(people.drop_duplicates(["key", "person"]).shape[0]) if len(people) else 0,
            **{k: sum(f.code == code for _, f in findings) for k, code in _TRAINING_COUNTS.items()},
        }
        report.training_items = [
            {"path": str(r.path), "sheet": f.sheet, "row": f.row, "code": f.code, "message": f.message}
            for r, f in findings
            if f.code in _TRAINING_COUNTS.values()
        ]
    if collected.get("staffing"):
        frames = [s for _, s in collected["staffing"] if isinstance(s, pd.DataFrame)]
        report.staffing = pd.concat(frames, ignore_index=True) if frames else None
    return report
