"""The monthly job: the clerk's whole month in one call.

1. read and validate every file (both ledger kinds), marked-up copies of files with findings;
2. merge the usable hazard rows (rows with errors left out by default, counted);
3. overdue, repeats and statistics as of the month's last day;
4. the 通报 (docx + md), the letters and their register, the lists;
5. run.json: inputs with sha256, as-of date, configuration, version, counts.

Every file is written atomically into OUT, never into the input folders; re-running the same month into
the same OUT keeps the letter numbers and the documents' date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli import __version__
from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.brief import brief_inputs, prepare_brief
from anquan_cli.jobs.letters import letter_batch
from anquan_cli.jobs.report import Figures, load
from anquan_cli.jobs.validate import FileResult
from anquan_cli.jobs.workers import workers

RETURN_DIR = "退回修改"
LETTER_DIR = "函告"
OUTPUTS = {
    "brief": "月度通报.docx",
    "brief_md": "月度通报.md",
    "overdue": "逾期未整改隐患清单.xlsx",
    "repeats": "屡查屡有隐患.xlsx",
    "stats": "统计汇总.xlsx",
    "findings": "校验报告.xlsx",
    "coverage": "应查未查清单.xlsx",  # only when a roster (底数) is among the inputs
    "suspects": "疑似重大隐患清单.xlsx",
    "mechanisms": "长效机制检查.xlsx",  # only when drill, training or staffing ledgers are among the inputs
    "run": "run.json",
}


@dataclass
class MonthlyResult:
    out: Path
    month: str
    as_of: dt.date
    date: dt.date
    counts: dict
    outputs: dict[str, str | list[str]]
    notes: list[str] = field(default_factory=list)
    exit_code: int = 0
    superseded: list[dict] = field(default_factory=list)  # inputs a corrected copy was read instead of


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fingerprint(path: Path) -> dict:
    try:
        return {"path": str(path), "size": path.stat().st_size, "sha256": _sha256(path)}
    except OSError as exc:
        from anquan_cli.core.outputs import os_reason

        return {"path": str(path), "size": None, "sha256": None, "error": os_reason(exc)}


def _previous_run(out: Path) -> tuple[str | None, dt.date | None]:
    """The month an earlier run wrote into `out`, and the date its documents were first dated."""
    try:
        previous = json.loads((out / OUTPUTS["run"]).read_text(encoding="utf-8"))
        month = previous.get("month")
    except (OSError, ValueError, AttributeError):
        return None, None
    try:
        return month, dt.date.fromisoformat(previous["date"])
    except (KeyError, TypeError, ValueError):
        return month, None


def run_monthly(
    paths: Iterable[Path],
    config: Config,
    *,
    month: str,
    out: Path,
    as_of: dt.date | None = None,
    date: dt.date | None = None,
    templates: Path | None = None,
    register: Path | None = None,
    force: bool = False,
    stage: Callable[[str], None] = lambda _: None,
    progress: Callable[[Path, list[FileResult]], None] | None = None,
    processes: int = 2,
) -> MonthlyResult:
    """The month's outputs in `out`. `processes`: worker processes that write the marked-up copies, the
    通报 and the letters while this one reads and writes the lists (0: all of it here). Two on 100k rows
    in 20 files: 0.87x the wall time of one, which is 0.80x that of none (benchmarks/PROFILE.md)."""
    from anquan_cli.core.outputs import ensure_folder, refuse_inside_inputs
    from anquan_cli.read import plan_inputs

    paths = list(paths)
    refuse_inside_inputs(out, paths)
    previous, first_dated = _previous_run(out)
    if previous and previous != month and not force:
        # Another month's 通报 and letters would be replaced, and its marked-up copies deleted.
        raise AnquanError("out-other-month", out=out, previous=previous, month=month)
    as_of = as_of or month_bounds(month)[1]
    plan = plan_inputs(paths, config.limits)  # a corrected copy sent back is read instead of its original
    ensure_folder(out)  # an unwritable place is reported before a file is read
    # A re-run of the same month keeps the date its documents were first dated.
    date = date or (first_dated if previous == month else None) or dt.date.today()
    inputs = [_fingerprint(p) for p in plan.files]
    with workers(processes) as pool:
        return _monthly(
            pool, plan, config, month, out, as_of, date, inputs, templates, register, stage, progress
        )


def _monthly(pool, plan, config, month, out, as_of, date, inputs, templates, register, stage, progress):
    from anquan_cli.render.lists import (
        write_coverage,
        write_findings,
        write_mechanisms,
        write_overdue,
        write_repeats,
        write_stats,
        write_suspects,
    )

    stage("read")
    run = load(
        plan.files,
        config,
        as_of=as_of,
        annotate_dir=out / RETURN_DIR,
        progress=progress,
        pool=pool,
        plan=plan,
    )
    assert run.hazards is not None  # load() always merges
    hazards = run.hazards

    stage("analyse")
    figs = Figures(
        hazards, config, as_of, month, roster=run.roster, collected=run.collected, results=run.results
    )
    repeats, overdue = figs.repeats, figs.overdue
    stats = {by: figs.stats(by) for by in ("town", "industry", "unit")}
    written_from = brief_inputs(figs, run.results)
    coverage = written_from.coverage

    stage("documents")
    brief = prepare_brief(
        written_from,
        config,
        out / OUTPUTS["brief"],
        date=date,
        templates=templates,
        markdown=out / OUTPUTS["brief_md"],
    )
    # The 通报 (its chart, docxtpl) and then the letters are rendered by the worker while this process
    # writes the four workbooks; the worker takes them in turn, after the marked-up copies.
    pending = pool.submit(brief.run)
    with letter_batch(
        figs, config, out_dir=out / LETTER_DIR, date=date, templates=templates, pool=pool, register=register
    ) as batch:
        written: dict[str, Path] = {
            "findings": write_findings(
                run.results, out / OUTPUTS["findings"], as_of=as_of, superseded=run.superseded
            ),
            "overdue": write_overdue(overdue, out / OUTPUTS["overdue"]),
            "repeats": write_repeats(repeats, out / OUTPUTS["repeats"]),
            "stats": write_stats(stats, out / OUTPUTS["stats"], coverage=coverage),
            "suspects": write_suspects(figs.suspects, out / OUTPUTS["suspects"]),
        }
        if figs.mechanisms.given:
            written["mechanisms"] = write_mechanisms(figs.mechanisms, out / OUTPUTS["mechanisms"])
        else:  # an earlier run's workbook would speak of ledgers not given this time
            (out / OUTPUTS["mechanisms"]).unlink(missing_ok=True)
        if coverage is not None:
            written["coverage"] = write_coverage(coverage, out / OUTPUTS["coverage"])
        else:  # an earlier run's list, from a roster no longer given, would contradict this 通报
            (out / OUTPUTS["coverage"]).unlink(missing_ok=True)
        _drop_stale_copies(out / RETURN_DIR, set(run.copies_written().values()))
        result = pending.result()
        stage("letters")
        letters = batch.finish()
    written["brief"], written["brief_md"] = result.path, out / OUTPUTS["brief_md"]
    notes = [*result.notes, *letters.notes]

    summary = run.summary
    counts = {
        "files": summary["files"],
        "ledgers": summary["ledgers"],
        "unreadable": summary["unreadable"],
        "rows": summary["rows"],
        "errors": summary["errors"],
        "warnings": summary["warnings"],
        "missing_responsibility": len(summary["missing_responsibility"]),
        "hazards": len(hazards.frame),
        "excluded_rows": hazards.excluded_rows,
        "duplicates": hazards.duplicates,
        "skipped_rows": sum(hazards.skipped_rows.values()),
        "hidden_sheets": len(hazards.hidden_sheets),
        "found_in_month": stats["town"].total["found"],
        "overdue": len(overdue.overdue),
        "major_overdue": overdue.major_overdue,
        "repeat_groups": len(repeats.groups),
        # 一般 hazards of the month meeting a 重大事故隐患判定标准 criterion (疑似重大隐患清单)
        "suspect_major": len(figs.suspects.rows),
        # 长效机制 figures (as stats --format json `mechanisms`); {} when none of those ledgers were read
        "mechanisms": figs.mechanisms.to_dict(),
        "letters": len(letters.letters),
        "returned_copies": len(run.annotated),
        "superseded": len(run.superseded),
        # 应查未查 against the roster; None without one (the 通报 says so)
        "coverage": None if coverage is None else {**coverage.counts(), "rate": coverage.rate()},
    }
    outputs: dict[str, str | list[str]] = {k: str(Path(v).relative_to(out)) for k, v in written.items()}
    # The county's register lives outside the month's folder (one numbering for every month).
    outputs["register"] = str(letters.register.resolve())
    outputs["letters"] = [str(path.relative_to(out)) for _, _, path in letters.letters if path]
    outputs["returned"] = sorted(str(p.relative_to(out)) for p in run.annotated.values())
    outputs["run"] = OUTPUTS["run"]
    record = {
        "tool": "anquan",
        "version": __version__,
        "month": month,
        "as_of": as_of.isoformat(),
        "date": date.isoformat(),
        "config_source": config.source,
        "config": config.model_dump(mode="json"),
        "inputs": inputs,
        "superseded": run.superseded_dicts(),
        "counts": counts,
        "letters": [
            {"number": e.number, "kind": e.kind, "recipient": e.recipient, "file": e.file}
            for _, e, _ in letters.letters
        ],
        "outputs": outputs,
    }
    _write_json(out / OUTPUTS["run"], record)
    failed = summary["errors"] or summary["unreadable"]
    return MonthlyResult(
        out, month, as_of, date, counts, outputs, notes, 1 if failed else 0, run.superseded_dicts()
    )


def _write_json(target: Path, document: dict) -> None:
    from anquan_cli.core.outputs import atomic_path

    with atomic_path(target) as tmp:
        tmp.write_text(
            json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )


def _drop_stale_copies(folder: Path, keep: set[Path]) -> None:
    """Marked-up copies from an earlier run of files that are now clean: only our own *_校验.xlsx, told
    by their marker, so a file the clerk put there under such a name stays."""
    from anquan_cli.read.copies import ANNOTATED_SUFFIX, copy_mark

    if not folder.is_dir():
        return
    for copy in folder.glob(f"*{ANNOTATED_SUFFIX}.xlsx"):
        if copy not in keep and copy_mark(copy) is not None:
            copy.unlink(missing_ok=True)
