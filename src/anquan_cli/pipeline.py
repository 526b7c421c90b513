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
import gc
import hashlib
import json
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli import __version__
from anquan_cli.config import Config
from anquan_cli.errors import AnquanError

RETURN_DIR = "退回修改"
LETTER_DIR = "函告"
OUTPUTS = {
    "brief": "月度通报.docx",
    "brief_md": "月度通报.md",
    "overdue": "逾期未整改隐患清单.xlsx",
    "repeats": "屡查屡有隐患.xlsx",
    "stats": "统计汇总.xlsx",
    "findings": "校验报告.xlsx",
    "register": f"{LETTER_DIR}/发文登记簿.xlsx",
    "run": "run.json",
}


@dataclass
class MonthlyResult:
    out: Path
    month: str
    as_of: dt.date
    date: dt.date
    counts: dict
    outputs: dict[str, str]
    notes: list[str] = field(default_factory=list)
    exit_code: int = 0


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
        from anquan_cli.outputs import os_reason

        return {"path": str(path), "size": None, "sha256": None, "error": os_reason(exc)}


def _refuse_out_inside_inputs(out: Path, paths: list[Path]) -> None:
    target = out.resolve()
    for p in paths:
        folder = p.resolve() if p.is_dir() else p.resolve().parent
        if target == folder or folder in target.parents:
            raise AnquanError("out-inside-input", out=out, path=p)


def _previous_date(out: Path, month: str) -> dt.date | None:
    """A re-run of the same month keeps the date its documents were first dated."""
    try:
        previous = json.loads((out / OUTPUTS["run"]).read_text(encoding="utf-8"))
        return dt.date.fromisoformat(previous["date"]) if previous.get("month") == month else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def run_monthly(
    paths: Iterable[Path],
    config: Config,
    *,
    month: str,
    out: Path,
    as_of: dt.date | None = None,
    date: dt.date | None = None,
    templates: Path | None = None,
    stage: Callable[[str], None] = lambda _: None,
    progress: Callable | None = None,
    debug: bool = False,
    beside=None,
) -> MonthlyResult:
    """`beside`: a worker pool from beside.second_process(), opened before anything was read (the
    command line does); without one, the 通报 gets a worker of its own once the reading is done."""
    from anquan_cli.months import month_bounds
    from anquan_cli.read.prefetch import discovered

    paths = list(paths)
    _refuse_out_inside_inputs(out, paths)
    as_of = as_of or month_bounds(month)[1]
    date = date or _previous_date(out, month) or dt.date.today()
    files = discovered(paths)
    inputs = [_fingerprint(p) for p in files]

    try:
        return _monthly(
            beside, files, config, month, out, as_of, date, inputs, templates, stage, progress, debug
        )
    finally:
        gc.unfreeze()


def _monthly(beside, files, config, month, out, as_of, date, inputs, templates, stage, progress, debug):
    from anquan_cli.analysis import repeats_of
    from anquan_cli.analysis.briefing import BriefInputs
    from anquan_cli.analysis.overdue import compute_overdue
    from anquan_cli.analysis.stats import compute_stats
    from anquan_cli.beside import second_process, submit
    from anquan_cli.jobs import letter_batch, prepare_brief
    from anquan_cli.render.lists import write_findings, write_overdue, write_repeats, write_stats
    from anquan_cli.validate import run_validation

    stage("read")
    run = run_validation(
        files,
        config,
        as_of=as_of,
        annotate_dir=out / RETURN_DIR,
        annotate_clean=False,
        collect_hazards=True,
        exclude_error_rows=config.analysis.exclude_rows_with_errors,
        progress=progress,
        debug=debug,
        copies=beside,
    )
    hazards = run.hazards
    if hazards is None or hazards.frame.empty:
        from anquan_cli.analysis.load import no_hazard_ledgers

        raise no_hazard_ledgers(run.results)

    stage("analyse")
    # What the month's files left alive stays so until the end: full collections would walk those
    # millions of objects again and again while the documents are written (0.3-0.5 s on 100k rows).
    gc.freeze()
    repeats = repeats_of(hazards, config, as_of)
    overdue = compute_overdue(hazards, as_of, config.analysis.due_within_days)
    stats = {
        by: compute_stats(hazards, as_of, by=by, month=month, repeats=repeats)
        for by in ("town", "industry", "unit")
    }

    stage("documents")
    brief_inputs = BriefInputs(month, as_of, stats["town"], stats["industry"], overdue, repeats, run.results)
    brief = prepare_brief(
        brief_inputs,
        config,
        out / OUTPUTS["brief"],
        date=date,
        templates=templates,
        markdown=out / OUTPUTS["brief_md"],
    )
    # The 通报 (its chart, docxtpl) and then the letters are rendered on the second core while this
    # process writes the four workbooks; the worker takes its jobs in turn, after the marked-up copies.
    with ExitStack() as stack:
        pool = beside if beside is not None else stack.enter_context(second_process(warm=False))
        pending = submit(pool, brief.run)
        batch = stack.enter_context(
            letter_batch(
                overdue,
                repeats,
                config,
                month=month,
                out_dir=out / LETTER_DIR,
                date=date,
                templates=templates,
                pool=pool,
            )
        )
        written = {
            "findings": write_findings(run.results, out / OUTPUTS["findings"], as_of=as_of),
            "overdue": write_overdue(overdue, out / OUTPUTS["overdue"]),
            "repeats": write_repeats(repeats, out / OUTPUTS["repeats"]),
            "stats": write_stats(stats, out / OUTPUTS["stats"]),
        }
        _drop_stale_copies(out / RETURN_DIR, set(run.copies_written().values()))
        result = pending.result()
        stage("letters")
        letters = batch.finish()
    written["brief"], written["brief_md"], notes = result.path, out / OUTPUTS["brief_md"], result.notes
    written["register"] = letters.register

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
        "found_in_month": stats["town"].total["found"],
        "overdue": len(overdue.overdue),
        "major_overdue": overdue.major_overdue,
        "repeat_groups": len(repeats.groups),
        "letters": len(letters.letters),
        "returned_copies": len(run.annotated),
    }
    outputs = {k: str(Path(v).relative_to(out)) for k, v in written.items()}
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
        "counts": counts,
        "letters": [
            {"number": e.number, "kind": e.kind, "recipient": e.recipient, "file": e.file}
            for _, e, _ in letters.letters
        ],
        "outputs": outputs,
    }
    _write_json(out / OUTPUTS["run"], record)
    failed = summary["errors"] or summary["unreadable"]
    return MonthlyResult(out, month, as_of, date, counts, outputs, notes, 1 if failed else 0)


def _write_json(target: Path, document: dict) -> None:
    from anquan_cli.outputs import atomic_path

    with atomic_path(target) as tmp:
        tmp.write_text(
            json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )


def _drop_stale_copies(folder: Path, keep: set[Path]) -> None:
    """Marked-up copies from an earlier run of files that are now clean (only our own *_校验.xlsx)."""
    from anquan_cli.read import ANNOTATED_SUFFIX

    if not folder.is_dir():
        return
    for copy in folder.glob(f"*{ANNOTATED_SUFFIX}.xlsx"):
        if copy not in keep:
            copy.unlink(missing_ok=True)
