"""The letters job: the month's 警示函, 督办函 and 提醒函 selected, numbered from the 发文登记簿 and
rendered, with the register written only once every letter is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.messages import LABELS
from anquan_cli.jobs.report import Figures, figures
from anquan_cli.jobs.workers import available, workers
from anquan_cli.render.documents import LetterJob, render_letters

ALL_KINDS = ("warning", "supervision", "reminder")
PARALLEL_FROM = 24  # below this many letters, starting worker processes costs more than it saves
PROCESSES = 4  # at most this many worker processes for a big batch
# monthly hands its letters to its workers in this many parts per template, so that every worker has
# letters to render until the end (one part per template left one worker with nearly all of them).
SLICES = 4


@dataclass
class LetterResult:
    letters: list  # (Letter, Entry, Path | None)
    register: Path
    dry_run: bool
    notes: list[str] = field(default_factory=list)  # said on the terminal: numbers issued twice before


def make_letters(
    paths: Iterable[Path],
    config: Config,
    *,
    month: str,
    out_dir: Path,
    as_of: dt.date,
    date: dt.date,
    kinds: tuple[str, ...] = ALL_KINDS,
    dry_run: bool = False,
    templates: Path | None = None,
    markdown: bool = False,
    register: Path | None = None,
) -> LetterResult:
    """`anquan letters`: read the ledgers below `paths` and write the month's letters into `out_dir`,
    numbered from the county register (`register`: another register file)."""
    _, figs = figures(paths, config, as_of=as_of, month=month)
    with letter_batch(
        figs,
        config,
        out_dir=out_dir,
        date=date,
        kinds=kinds,
        dry_run=dry_run,
        templates=templates,
        markdown=markdown,
        register=register,
    ) as batch:
        return batch.finish()


@contextmanager
def letter_batch(
    figs: Figures,
    config: Config,
    *,
    out_dir: Path,
    date: dt.date,
    kinds: tuple[str, ...] = ALL_KINDS,
    dry_run: bool = False,
    templates: Path | None = None,
    markdown: bool = False,
    pool: Executor | None = None,
    register: Path | None = None,
) -> Iterator[LetterBatch]:
    """The month's letters selected and numbered, the register locked until the block ends; finish()
    renders them and records the numbers. With `pool` (monthly's worker), the rendering starts there at
    once, while the caller goes on with other work."""
    from anquan_cli.analysis.letters import letter_context, plan_letters
    from anquan_cli.core.outputs import fit_in, input_guard, safe_filename
    from anquan_cli.jobs.register import OLD_NAME, adopt, assign, locked, read_register, register_location
    from anquan_cli.render.documents import template_path, templates_dir

    month = figs.month
    if month is None:
        raise ValueError("letters are planned for a month: Figures.month is required")
    overdue, repeats = figs.overdue, figs.repeats
    month_total = figs.stats("town").total
    coverage = figs.coverage(*month_bounds(month))  # 排查督办函, when a roster was given
    letters = plan_letters(
        overdue, repeats, config, month=month, kinds=kinds, month_stats=month_total, coverage=coverage
    )
    register = register_location(config, date.year, register)
    folder = templates_dir(config, templates)
    wanted = [(letter.kind_label, letter.recipient, month) for letter in letters]
    done, jobs = [], []
    not_input = input_guard(overdue.hazards.files)
    notes: list[str] = []
    with nullcontext() if dry_run else locked(register):  # a dry run creates no folder and no lock
        entries = read_register(register)
        old = out_dir / OLD_NAME
        if old != register and old.is_file():  # an earlier version's register of this folder, read once
            for clash in adopt(entries, read_register(old)):
                notes.append(LABELS["register-clash"].format(number=clash.number, path=old))
        assigned = assign(entries, wanted, prefix=config.county.doc_prefix, year=date.year, date=date)
        for letter, entry in zip(letters, assigned, strict=True):
            target = None
            if not dry_run:
                context = letter_context(letter, entry, config, month=month, as_of=figs.as_of)
                name = safe_filename(f"{entry.serial:03d}_{letter.kind_label}_{letter.recipient}")
                target = fit_in(out_dir, name, ".docx")
                not_input(target)
                md = template_path(folder, letter.kind_label, ".md.j2") if markdown else None
                jobs.append(LetterJob(template_path(folder, letter.kind_label, ".docx"), md, context, target))
                entry.reasons, entry.hazards, entry.file = letter.reasons, len(letter.hazards), target.name
            done.append((letter, entry, target))
        yield LetterBatch(LetterResult(done, register, dry_run, notes), entries, jobs, config, pool)


class LetterBatch:
    """Letters numbered and ready to render; rendering already under way when given a pool."""

    def __init__(
        self,
        result: LetterResult,
        entries: list,
        jobs: list[LetterJob],
        config: Config,
        pool: Executor | None,
    ) -> None:
        self._result, self._entries, self._jobs, self._config = result, entries, jobs, config
        self._pending: list[Future] | None = None
        if pool is not None and not result.dry_run:
            self._pending = [pool.submit(render_letters, part, config) for part in slices(jobs, SLICES)]

    def finish(self) -> LetterResult:
        """The letters rendered, then their numbers written to the register."""
        from anquan_cli.jobs.register import write_register

        if not self._result.dry_run:
            if self._pending is not None:
                for pending in self._pending:
                    pending.result()
            else:
                render_all(self._jobs, self._config)
            write_register(self._result.register, self._entries)
        return self._result


def render_all(jobs: list[LetterJob], config: Config) -> None:
    """Letters are independent documents: grouped by template, and spread over the cores when many."""
    groups = by_template(jobs)
    if len(jobs) < PARALLEL_FROM:
        for group in groups:
            render_letters(group, config)
        return
    count = max(1, available(PROCESSES))
    with workers(count) as pool:
        for future in [pool.submit(render_letters, part, config) for part in slices(jobs, count)]:
            future.result()


def slices(jobs: list[LetterJob], count: int) -> list[list[LetterJob]]:
    """Each template's letters dealt out into `count` parts of about equal size (fewer for few letters)."""
    return [group[i::count] for group in by_template(jobs) for i in range(count) if group[i::count]]


def by_template(jobs: list[LetterJob]) -> list[list[LetterJob]]:
    groups: dict[Path, list[LetterJob]] = {}
    for job in jobs:
        groups.setdefault(job.template, []).append(job)
    return list(groups.values())
