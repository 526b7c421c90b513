"""The document jobs as library calls: the monthly 通报 and the batch of 函告."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli.config import Config


@dataclass
class BriefResult:
    path: Path
    context: dict
    notes: list[str] = field(default_factory=list)  # what the clerk should know (e.g. no chart drawn)


def brief_inputs(paths: Iterable[Path], config: Config, *, month: str, as_of: dt.date, debug: bool = False):
    from anquan_cli.analysis import repeats_of
    from anquan_cli.analysis.briefing import BriefInputs
    from anquan_cli.analysis.overdue import compute_overdue
    from anquan_cli.analysis.stats import compute_stats
    from anquan_cli.validate import run_validation

    run = run_validation(
        paths,
        config,
        as_of=as_of,
        collect_hazards=True,
        exclude_error_rows=config.analysis.exclude_rows_with_errors,
        debug=debug,
    )
    hazards = run.hazards
    if hazards is None or hazards.frame.empty:
        from anquan_cli.analysis.load import no_hazard_ledgers

        raise no_hazard_ledgers(run.results)
    repeats = repeats_of(hazards, config, as_of, None)
    return BriefInputs(
        month=month,
        as_of=as_of,
        by_town=compute_stats(hazards, as_of, by="town", month=month, repeats=repeats),
        by_industry=compute_stats(hazards, as_of, by="industry", month=month, repeats=repeats),
        overdue=compute_overdue(hazards, as_of, config.analysis.due_within_days),
        repeats=repeats,
        validation=run.results,
    )


@dataclass
class BriefJob:
    """A 通报 with its figures settled, to be drawn and rendered; small enough to hand to a worker
    process (monthly renders it there while the lists are written)."""

    context: dict
    config: Config
    folder: Path
    output: Path | None
    markdown: Path | None

    def run(self) -> BriefResult:
        from anquan_cli.render.chart import bar_chart
        from anquan_cli.render.documents import render_docx, render_markdown, template_path

        context, notes = self.context, []
        rows = [{"name": r["name"], "found": r["found"], "closed": r["closed"]} for r in context["towns"]]
        title = f"{context['month_label']}各镇（街道）隐患发现和整改情况"
        with tempfile.TemporaryDirectory() as tmp:
            # The Markdown twin links its picture by file name, so it lives beside it.
            target = self.markdown.with_suffix(".png") if self.markdown else Path(tmp) / "chart.png"
            chart = bar_chart(rows, target, title=title)
            if self.markdown is not None:
                context["chart_path"] = chart.name if chart else ""
                render_markdown(template_path(self.folder, "月度通报", ".md.j2"), context, self.markdown)
            if self.output is not None:
                render_docx(
                    template_path(self.folder, "月度通报", ".docx"),
                    context,
                    self.output,
                    self.config,
                    images={"chart": chart},
                )
        if chart is None and rows:
            from anquan_cli.messages import LABELS

            notes.append(LABELS["no-cjk-font"])
        return BriefResult(self.output or self.markdown, context, notes)


def prepare_brief(
    inputs,
    config: Config,
    output: Path,
    *,
    date: dt.date,
    templates: Path | None = None,
    markdown: Path | None = None,
) -> BriefJob:
    """The 通报 at `output` (.docx, or .md), and its Markdown twin at `markdown` when asked, ready to
    run(): one context and one chart for both, so the two can never disagree."""
    from anquan_cli.analysis.briefing import brief_context
    from anquan_cli.render.documents import templates_dir

    first = dt.date.fromisoformat(inputs.month + "-01")
    context = brief_context(inputs, config, date=date, doc_number=f"{first.year}年第{first.month}期")
    if output.suffix.lower() == ".md":
        output, markdown = None, output
    return BriefJob(context, config, templates_dir(config, templates), output, markdown)


@dataclass
class LetterResult:
    letters: list  # (Letter, Entry, Path | None)
    register: Path
    dry_run: bool


def make_letters(
    paths: Iterable[Path],
    config: Config,
    *,
    month: str,
    out_dir: Path,
    as_of: dt.date,
    date: dt.date,
    kinds: tuple[str, ...] = ("warning", "supervision", "reminder"),
    dry_run: bool = False,
    templates: Path | None = None,
    markdown: bool = False,
    debug: bool = False,
) -> LetterResult:
    from anquan_cli.analysis import repeats_of
    from anquan_cli.analysis.load import load_hazards
    from anquan_cli.analysis.overdue import compute_overdue

    hazards = load_hazards(paths, config, as_of=as_of, debug=debug)
    overdue = compute_overdue(hazards, as_of, config.analysis.due_within_days)
    repeats = repeats_of(hazards, config, as_of, None)
    return write_letters(
        overdue,
        repeats,
        config,
        month=month,
        out_dir=out_dir,
        date=date,
        kinds=kinds,
        dry_run=dry_run,
        templates=templates,
        markdown=markdown,
    )


def write_letters(overdue, repeats, config: Config, **options) -> LetterResult:
    """Select, number (under the register's lock) and render the month's letters (options: letter_batch's)."""
    with letter_batch(overdue, repeats, config, **options) as batch:
        return batch.finish()


@contextmanager
def letter_batch(
    overdue,
    repeats,
    config: Config,
    *,
    month: str,
    out_dir: Path,
    date: dt.date,
    kinds: tuple[str, ...] = ("warning", "supervision", "reminder"),
    dry_run: bool = False,
    templates: Path | None = None,
    markdown: bool = False,
    pool=None,
) -> Iterator[LetterBatch]:
    """The month's letters selected and numbered, the register locked until the block ends; finish()
    renders them and records the numbers. With `pool` (monthly's second process), the rendering starts
    there at once, while the caller goes on with other work."""
    from anquan_cli.analysis.letters import letter_context, plan_letters
    from anquan_cli.analysis.register import assign, locked, read_register
    from anquan_cli.analysis.stats import compute_stats
    from anquan_cli.outputs import input_guard, safe_filename
    from anquan_cli.render.documents import template_path, templates_dir

    as_of = overdue.as_of
    month_total = compute_stats(overdue.hazards, as_of, month=month, repeats=repeats).total
    letters = plan_letters(overdue, repeats, config, month=month, kinds=kinds, month_stats=month_total)
    register = (
        Path(config.letters.register_path) if config.letters.register_path else out_dir / "发文登记簿.xlsx"
    )
    folder = templates_dir(config, templates)
    wanted = [(letter.kind_label, letter.recipient, month) for letter in letters]
    done, jobs = [], []
    not_input = input_guard(overdue.hazards.files)
    with locked(register):
        entries = read_register(register)
        assigned = assign(entries, wanted, prefix=config.county.doc_prefix, year=date.year, date=date)
        for letter, entry in zip(letters, assigned, strict=True):
            target = None
            if not dry_run:
                context = letter_context(letter, entry, config, month=month, as_of=as_of)
                name = safe_filename(f"{entry.serial:03d}_{letter.kind_label}_{letter.recipient}")
                target = out_dir / f"{name}.docx"
                not_input(target)
                md = template_path(folder, letter.kind_label, ".md.j2") if markdown else None
                jobs.append((template_path(folder, letter.kind_label, ".docx"), md, context, target))
                entry.reasons, entry.hazards, entry.file = letter.reasons, len(letter.hazards), target.name
            done.append((letter, entry, target))
        yield LetterBatch(LetterResult(done, register, dry_run), entries, jobs, config, pool)


class LetterBatch:
    """Letters numbered and ready to render; rendering already under way when given a pool."""

    def __init__(self, result: LetterResult, entries: list, jobs: list[tuple], config: Config, pool) -> None:
        self._result, self._entries, self._jobs, self._config = result, entries, jobs, config
        self._pending = None
        if pool is not None and jobs and not result.dry_run:
            from functools import partial

            from anquan_cli.beside import submit

            self._pending = [submit(pool, partial(_render_group, part, config)) for part in _parts(jobs)]

    def finish(self) -> LetterResult:
        """The letters rendered, then their numbers written to the register."""
        from anquan_cli.analysis.register import write_register

        if not self._result.dry_run:
            if self._pending is None:
                _render_all(self._jobs, self._config)
            else:
                self._share()
                for pending in self._pending:
                    pending.result()
            write_register(self._result.register, self._entries)
        return self._result

    def _share(self) -> None:
        """Render the last parts here while the second process works through the first ones.

        monthly gives the letters to its second process and writes its workbooks meanwhile; on a big
        month the letters take longer, and this process would sit waiting. Taking parts from the end
        until the two meet halves that wait. Only worth it when enough are left to pay this process's
        first docxtpl import and template preparation (about 0.3 s).
        """
        waiting = sum(not p.started() for p in self._pending)
        if waiting < SHARE_FROM:
            return
        for pending in reversed(self._pending):
            if not pending.steal():
                break  # the worker takes parts in order: every earlier one is already its own


PARALLEL_FROM = 24  # below this many letters, starting worker processes costs more than it saves
PARTS = 24  # monthly's letters go to the second process in about this many parts of equal work
SHARE_FROM = 4  # parts not yet started when monthly is ready to render letters itself

# Templates prepared in this process: the second process renders many parts of the same few.
_PREPARED: dict[tuple, object] = {}


def _render_group(jobs: list[tuple], config: Config) -> None:
    """Letters of one template: prepared once, rendered one after another."""
    from anquan_cli.render.documents import render_markdown

    batch = _prepared(jobs[0][0], config)
    for _, md, context, target in jobs:
        batch.render(context, target)
        if md is not None:
            render_markdown(md, context, target.with_suffix(".md"))


def _prepared(template: Path, config: Config):
    from anquan_cli.render.documents import DocxBatch

    stat = template.stat()
    key = (template, stat.st_mtime_ns, stat.st_size, config.document.layout())
    batch = _PREPARED.get(key)
    if batch is None:
        if len(_PREPARED) >= 8:  # a long-lived caller with many templates: keep memory bounded
            _PREPARED.clear()
        batch = _PREPARED[key] = DocxBatch(template, config)
    return batch


def _render_all(jobs: list[tuple], config: Config) -> None:
    """Letters are independent documents: grouped by template, and spread over the cores when many."""
    import os

    groups = _by_template(jobs)
    workers = min(os.cpu_count() or 1, 4)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        for group in groups:
            _render_group(group, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    slices = [group[i::workers] for group in groups for i in range(workers) if group[i::workers]]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(_render_group, part, config) for part in slices]:
            future.result()


def _parts(jobs: list[tuple]) -> list[list[tuple]]:
    """The letters in parts of about equal work, heaviest first, each of one template.

    A letter's work grows with its annex (a 督办函 can list hundreds of hazards). Heavy parts first
    leaves the light ones at the end, where LetterBatch._share takes them.
    """
    target = sum(map(_weight, jobs)) / PARTS
    parts = []
    for group in _by_template(jobs):
        part, weight = [], 0.0
        for job in sorted(group, key=_weight, reverse=True):
            part.append(job)
            weight += _weight(job)
            if weight >= target:
                parts.append(part)
                part, weight = [], 0.0
        if part:
            parts.append(part)
    return sorted(parts, key=lambda p: sum(map(_weight, p)), reverse=True)


def _weight(job: tuple) -> int:
    # A rough guess at a letter's fixed work in annex rows: parts need only be about equal.
    return 10 + len(job[2].get("hazards") or ())


def _by_template(jobs: list[tuple]) -> list[list[tuple]]:
    groups: dict[Path, list[tuple]] = {}
    for job in jobs:
        groups.setdefault(job[0], []).append(job)
    return list(groups.values())
