"""The validate job: files and folders in, one result per ledger out, and (when asked) the hazard rows
merged for the report jobs in the same pass, so a month's workbooks are read once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.core.findings import Finding, Severity
from anquan_cli.core.messages import COUNTED_DESPITE
from anquan_cli.jobs.workers import read_ahead
from anquan_cli.read import InputPlan, ReadOptions, SkippedSheet, plan_inputs, read_file, superseded_message
from anquan_cli.read.counts import RowCounts
from anquan_cli.read.sources import Source

# pandas, numpy and the rules load inside run_validation while the first file is read on a thread:
# about a second of imports that would otherwise come before the read.
if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from anquan_cli.analysis.merge import HazardSet
    from anquan_cli.read.ledger import Ledger
    from anquan_cli.rules import CheckContext

_SEVERITY = attrgetter("severity")


@dataclass
class FileResult:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    ledger: Ledger | None = None  # callers may drop it once done with it; the fields below stay
    error: str | None = None  # one Chinese line when the file could not be used at all
    error_code: str | None = None
    kind: str | None = None
    sheet: str | None = None
    header_rows: tuple[int, int] | None = None
    counts: RowCounts = field(default_factory=RowCounts)
    encoding: str | None = None
    town: str | None = None  # the town most rows of a hazard ledger name (for per-town quality figures)
    # Sheets of the file that gave no ledger, with the reason (on the file's first result only).
    skipped: list[SkippedSheet] = field(default_factory=list)
    unmapped: list[tuple[str, str]] = field(default_factory=list)  # (column letter, header) not read
    copy_of: str | None = None  # a corrected copy of ours sent back: the file name of its original

    @property
    def errors(self) -> int:
        return list(map(_SEVERITY, self.findings)).count(Severity.ERROR)  # counted in C: 19k findings

    @property
    def warnings(self) -> int:
        return list(map(_SEVERITY, self.findings)).count(Severity.WARNING)

    def sheet_dict(self) -> dict:
        """This ledger as one of its file's `sheets[]`."""
        return {
            "name": self.sheet,
            "kind": self.kind,
            "header_rows": list(self.header_rows) if self.header_rows else None,
            "rows": self.counts.used,
            "rows_by_role": self.counts.rows_by_role(),
            "skipped_rows": dict(self.counts.skipped),
        }

    def to_dict(self) -> dict:
        return {
            "path": str(self.path),
            "kind": self.kind,
            "sheet": self.sheet,
            "header_rows": list(self.header_rows) if self.header_rows else None,
            "rows": self.counts.used,
            "row_counts": self.counts.to_dict(),
            "encoding": self.encoding,
            "unmapped": [{"column": letter, "header": header} for letter, header in self.unmapped],
            "error": self.error,
            "error_code": self.error_code,
            "copy_of": self.copy_of,
            "findings": [f.to_dict() for f in self.findings],
        }


def read_options(config: Config, kind: str | None = None, sheet: str | None = None, keep_grid: bool = False):
    v = config.validation
    return ReadOptions(
        kind=kind,
        sheet=sheet,
        scan_rows=v.header_scan_rows,
        keep_grid=keep_grid,
        min_year=v.min_year,
        max_year=v.max_year,
        level_map=dict(v.level_map),
        status_map=dict(v.status_map),
        limits=config.limits,
    )


def check_context(config: Config, as_of: dt.date) -> CheckContext:
    from anquan_cli.rules import CheckContext

    v = config.validation
    return CheckContext(
        as_of=as_of,
        min_year=v.min_year,
        max_year=v.max_year,
        towns=frozenset(config.towns),
        industries=frozenset(config.industries),
        config=config,
    )


def validate_file(
    path: Path, options: ReadOptions, ctx: CheckContext, opened: Future[Source] | None = None
) -> list[FileResult]:
    """One result per ledger in the file (several when a workbook keeps one enterprise per sheet);
    `opened`: the file already being read (open_sheets).

    A file anquan cannot use is a result with its reason; anything else that goes wrong is a bug and
    is raised, never passed off as a verdict on the clerk's file."""
    from anquan_cli.rules import check

    try:
        read = read_file(path, options, opened.result() if opened is not None else None)
    except AnquanError as exc:
        return [FileResult(path, error=exc.message, error_code=exc.code)]
    results = [
        FileResult(
            path,
            check(ledger, ctx),
            ledger,
            kind=ledger.kind,
            sheet=ledger.sheet,
            header_rows=ledger.header_rows,
            counts=ledger.counts,
            encoding=ledger.encoding,
            town=_main_town(ledger),
            unmapped=ledger.unmapped,
        )
        for ledger in read.ledgers
    ]
    results[0].skipped = read.skipped
    return results


def _error_rows(ledger: Ledger, findings: list[Finding]) -> np.ndarray:
    """Rows holding an error finding; a merged cell's error marks every row the cell covers."""
    import numpy as np

    from anquan_cli.read.ledger import ROW

    rows = ledger.data[ROW].to_numpy()
    mask = np.zeros(len(rows), dtype=bool)
    ids = {f.header: f.id for f in ledger.schema.fields}
    plain: list[int] = []
    for finding in findings:
        if finding.severity is not Severity.ERROR or not finding.row or finding.code in COUNTED_DESPITE:
            continue
        field_id = ids.get(finding.field or "")
        if field_id in ledger.origin:
            mask |= ledger.origin[field_id] == finding.row
        else:
            plain.append(finding.row)
    return mask | np.isin(rows, plain)


def _main_town(ledger) -> str | None:
    """The town most rows name, or for a department's hazard ledger (no 镇街) the department."""
    if ledger.has("town"):
        field_id = "town"
    elif ledger.kind == "hazard" and ledger.has("dept"):  # a responsibility list's 部门 is a workshop
        field_id = "dept"
    else:
        return None
    towns = ledger.data[field_id].dropna()
    return str(towns.mode().iloc[0]) if len(towns) else None


@dataclass
class ValidationRun:
    results: list[FileResult]
    annotated: dict[Path, Path]  # input -> its marked-up copy
    cross_checked: bool = False
    missing_lists: list[dict] = field(default_factory=list)
    hazards: HazardSet | None = None  # merged hazard rows, when asked for
    pending: dict[Path, Future] = field(default_factory=dict)  # copies a worker is still writing
    # Inputs not read because a corrected copy was read instead: (input, copy); a returned copy's
    # results say what it is a copy of (FileResult.copy_of).
    superseded: list[tuple[Path, Path]] = field(default_factory=list)
    roster: pd.DataFrame | None = None  # the enterprises of every 底数 (roster) ledger read, when any
    # Each kind's summaries for the checks across ledgers (rules.collect): {kind: [(result index, …)]}
    collected: dict[str, list[tuple[int, object]]] = field(default_factory=dict)

    def copies_written(self) -> dict[Path, Path]:
        """`annotated`, once the worker has written every copy (its errors are raised here)."""
        for path in list(self.pending):
            self.annotated[path] = self.pending.pop(path).result()
        return self.annotated

    @property
    def summary(self) -> dict:
        return {
            **summary(self.results),
            "cross_checked": self.cross_checked,
            "missing_responsibility": self.missing_lists,
        }

    @property
    def exit_code(self) -> int:
        return exit_code(self.results)

    def to_dict(self) -> dict:
        """One entry per file; a workbook with several ledger sheets lists them in `sheets`, and its
        top-level kind, sheet and header rows are those of the first (rows and findings: all sheets)."""
        files: dict[Path, dict] = {}
        for r in self.results:
            entry = files.get(r.path)
            if entry is None:
                entry = files[r.path] = r.to_dict()
                copy = self.annotated.get(r.path)
                entry["annotated"] = str(copy) if copy else None
                entry["sheets"] = []
                entry["skipped"] = [s.to_dict() for s in r.skipped]
            else:
                entry["rows"] += r.counts.used
                entry["row_counts"] = _sum_counts(entry["row_counts"], r.counts.to_dict())
                entry["findings"] += [f.to_dict() for f in r.findings]
            if r.error is None:
                entry["sheets"].append(r.sheet_dict())
        return {
            "files": list(files.values()),
            "superseded": self.superseded_dicts(),
            "summary": self.summary,
        }

    def superseded_dicts(self) -> list[dict]:
        return [
            {"path": str(path), "by": str(by), "message": superseded_message(path, by)}
            for path, by in self.superseded
        ]


def run_validation(
    paths: Iterable[Path],
    config: Config,
    *,
    as_of: dt.date,
    kind: str | None = None,
    sheet: str | None = None,
    annotate_dir: Path | None = None,
    cross: bool = False,
    collect_hazards: bool = False,
    exclude_error_rows: bool = False,
    annotate_clean: bool = True,
    progress: Callable[[Path, list[FileResult]], None] | None = None,
    pool: Executor | None = None,
    plan: InputPlan | None = None,
) -> ValidationRun:
    """Validate every ledger below `paths`; with `annotate_dir`, write <name>_校验.xlsx for each file.

    Files are handled one at a time and each ledger is dropped once checked (and its copy written),
    so memory stays bounded by the largest file, not the whole submission. When hazard ledgers and
    responsibility lists are both given (or `cross`), enterprises without a list are reported.
    With `collect_hazards`, the hazard rows are also merged for analysis (outcome.hazards) in the
    same pass; `exclude_error_rows` leaves rows with validation errors out of that merge (counted).
    `annotate_clean=False` writes copies only for files with findings or rows not read; `progress(path, results)` is
    called after each file. With `pool` (jobs.workers), the copies are written there while the next
    files are read; they are in `annotated` once outcome.copies_written() has returned.
    A corrected copy of ours that a town sent back is read instead of its original (read.plan_inputs;
    `plan`: already made by the caller), and said so in `superseded`.
    """
    from anquan_cli.core.outputs import fit_in, input_guard, unique_names
    from anquan_cli.read.copies import copy_stem
    from anquan_cli.schema import get_schema

    if kind is not None:
        get_schema(kind)
    paths = list(paths)
    if annotate_dir is not None:
        from anquan_cli.core.outputs import refuse_inside_inputs

        # Only a folder is searched again next time; a copy beside a file named on its own is fine.
        refuse_inside_inputs(annotate_dir, [p for p in paths if p.is_dir()])
    plan = plan or plan_inputs(paths, config.limits)
    files = plan.files
    options = read_options(config, kind, sheet, keep_grid=annotate_dir is not None)
    with read_ahead(files, partial(open_sheets, options=options)) as opened:
        # The first file is being read: what the checks and the merge need loads meanwhile.
        from anquan_cli.analysis.merge import SHEETS_PER_FILE, combine, frame_of, sheet_order, submission_key
        from anquan_cli.core.vocab import subsectors_kept
        from anquan_cli.rules import across, summarize
        from anquan_cli.rules.cross import roster

        ctx = check_context(config, as_of)
        subsectors = subsectors_kept(config.industries)
        names = unique_names((p, copy_stem(p, plan.copies.get(p))) for p in files) if annotate_dir else {}
        not_input = input_guard(files)
        results: list[FileResult] = []
        annotated: dict[Path, Path] = {}
        pending: dict[Path, Future] = {}
        rosters: dict[str, list] = {"hazard": [], "responsibility": []}
        order = {p: i for i, p in enumerate(sorted(files, key=submission_key))} if collect_hazards else {}
        parts = []
        enterprises = []  # roster ledgers as coverage needs them
        collected: dict[str, list[tuple[int, object]]] = {}  # kind -> [(result index, summary)]
        for path, source in opened:
            file_results = validate_file(path, options, ctx, source)
            del source  # the file's cells as read are not kept beside the ledgers that follow
            ledgers = [(r.ledger, r.findings) for r in file_results if r.ledger is not None]
            # A copy goes back when there is something to fix or to check: findings, or rows not read
            # (a template's blank numbered lines and its example rows are nothing to check).
            wanted = annotate_clean or any(
                r.findings or set(r.counts.skipped) - {"numbered-empty", "example"} for r in file_results
            )
            if annotate_dir is not None and ledgers and wanted:
                from anquan_cli.render.annotate import prepare_copy

                target = fit_in(annotate_dir, names[path], ".xlsx")
                not_input(target)
                job = prepare_copy(ledgers, target, as_of, copy_of=plan.copies.get(path))
                if pool is None:
                    annotated[path] = job.run()
                else:
                    pending[path] = pool.submit(job.run)
            hazard_sheets = [r for r in file_results if r.ledger is not None and r.kind == "hazard"]
            places = dict(
                zip(map(id, hazard_sheets), sheet_order([r.sheet for r in hazard_sheets]), strict=True)
            )
            for r in file_results:
                r.copy_of = plan.copies.get(path)
                if r.ledger is not None and r.kind == "roster":
                    from anquan_cli.analysis.coverage import roster_frame

                    enterprises.append(roster_frame(r.ledger, config))
                if r.ledger is not None and r.kind in rosters:
                    rosters[r.kind].append((len(results), roster(r.ledger)))
                if r.ledger is not None and (summary := summarize(r.ledger, ctx)) is not None:
                    collected.setdefault(r.ledger.kind, []).append((len(results), summary))
                if collect_hazards and r.ledger is not None and r.kind == "hazard":
                    errors = _error_rows(r.ledger, r.findings) if exclude_error_rows else None
                    place = order[path] * SHEETS_PER_FILE + places[id(r)]
                    parts.append(frame_of(r.ledger, place, errors, keep_subsectors=subsectors))
                r.ledger = None
                results.append(r)
            if progress is not None:
                progress(path, file_results)
    for index, finding in across(collected, ctx):
        results[index].findings.append(finding)
    outcome = ValidationRun(results, annotated, pending=pending, superseded=plan.superseded)
    outcome.collected = collected
    if enterprises:
        import pandas as pd

        outcome.roster = pd.concat(enterprises, ignore_index=True)
    if collect_hazards:
        outcome.hazards = combine(parts)
        outcome.hazards.files = files
        outcome.hazards.superseded = plan.superseded
        outcome.hazards.unreadable = [(r.path, r.error) for r in results if r.error]
        for r in results:
            if r.kind == "hazard":
                for reason, count in r.counts.skipped.items():
                    outcome.hazards.skipped_rows[reason] = outcome.hazards.skipped_rows.get(reason, 0) + count
            outcome.hazards.hidden_sheets += [
                (r.path, s.name) for s in r.skipped if s.reason == "hidden-ledger" and s.kind == "hazard"
            ]
    if rosters["hazard"] and (cross or rosters["responsibility"]):
        _cross_check(outcome, rosters)
    return outcome


def open_sheets(path: Path, options: ReadOptions) -> Source:
    """A file opened and the sheets read_ledgers will look at parsed (run ahead on a thread)."""
    source = Source(path, options.limits)
    for info in source.sheets():
        if (info.name == options.sheet) if options.sheet is not None else info.visible:
            source.grid(info)
    return source


def _cross_check(outcome: ValidationRun, rosters: dict[str, list]) -> None:
    """Findings go to the hazard ledger where the enterprise first appears, and into the summary."""
    from anquan_cli.rules.cross import missing_lists

    lists = [e for _, entries in rosters["responsibility"] for e in entries]
    hazards = [(index, e) for index, entries in rosters["hazard"] for e in entries]
    where = {id(e): index for index, e in hazards}
    outcome.cross_checked = True
    for e, finding in missing_lists([e for _, e in hazards], lists):
        result = outcome.results[where[id(e)]]
        result.findings.append(finding)
        outcome.missing_lists.append(
            {
                "unit": e.unit,
                "uscc": e.uscc,
                "town": e.town,
                "path": str(result.path),
                "sheet": e.sheet,
                "row": e.row,
            }
        )


def _sum_counts(a: dict, b: dict) -> dict:
    """Row counts of two sheets added up, nested reasons too."""
    keys = dict.fromkeys([*a, *b])
    return {
        k: _sum_counts(a.get(k, {}), b.get(k, {}))
        if isinstance(a.get(k, b.get(k)), dict)
        else a.get(k, 0) + b.get(k, 0)
        for k in keys
    }


def summary(results: list[FileResult]) -> dict[str, int]:
    return {
        "files": len({r.path for r in results}),
        "ledgers": sum(r.error is None for r in results),
        "unreadable": sum(r.error is not None for r in results),
        "rows": sum(r.counts.used for r in results),
        "errors": sum(r.errors for r in results),
        "warnings": sum(r.warnings for r in results),
    }


def exit_code(results: list[FileResult]) -> int:
    """0 clean; 1 errors found (or some file unusable); 2 nothing usable at all."""
    if results and all(r.error is not None for r in results):
        return 2
    if any(r.error is not None or r.errors for r in results):
        return 1
    return 0
