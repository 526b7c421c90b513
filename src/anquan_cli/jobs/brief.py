"""The brief job: the monthly 通报 (Word, and its Markdown twin) from the month's figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.analysis.briefing import BriefInputs
from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.report import Figures, figures
from anquan_cli.jobs.validate import FileResult
from anquan_cli.render.brief import BriefJob, BriefResult


def brief_inputs(figs: Figures, results: list[FileResult]) -> BriefInputs:
    """What the 通报 is written from: the month's statistics, overdue, repeats, coverage (with a
    roster) and submission quality."""
    if figs.month is None:
        raise ValueError("a 通报 is written for a month: Figures.month is required")
    return BriefInputs(
        month=figs.month,
        as_of=figs.as_of,
        by_town=figs.stats("town"),
        by_industry=figs.stats("industry"),
        overdue=figs.overdue,
        repeats=figs.repeats,
        validation=results,
        coverage=figs.coverage(*month_bounds(figs.month)),
        suspects=figs.suspects,
        mechanisms=figs.mechanisms if figs.mechanisms.given else None,
    )


def make_brief(
    paths: Iterable[Path],
    config: Config,
    *,
    month: str,
    as_of: dt.date,
    output: Path,
    date: dt.date,
    templates: Path | None = None,
) -> BriefResult:
    """`anquan brief`: read the ledgers below `paths` and write the month's 通报 to `output` (.docx,
    .md, or .pdf when LibreOffice is installed to convert the .docx)."""
    from anquan_cli.render.documents import office_converter

    kind = output.suffix.lower()
    if kind not in (".docx", ".md", ".pdf"):
        raise AnquanError("output-suffix", path=output, allowed=".docx、.md 或 .pdf")
    converter = office_converter() if kind == ".pdf" else None
    if kind == ".pdf" and converter is None:  # refused before a ledger is read, not after
        raise AnquanError("output-pdf-no-office", path=output)
    run, figs = figures(paths, config, as_of=as_of, month=month)
    with contextlib.ExitStack() as stack:
        # A PDF is the .docx converted: written in a scratch folder, then converted into place.
        target = (
            output
            if converter is None
            else Path(stack.enter_context(tempfile.TemporaryDirectory())) / "通报.docx"
        )
        result = prepare_brief(
            brief_inputs(figs, run.results), config, target, date=date, templates=templates
        ).run()
        if converter is not None:
            from anquan_cli.render.documents import to_pdf

            to_pdf(converter, target, output)
            result.path = output
    return result


def prepare_brief(
    inputs: BriefInputs,
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

    first, _ = month_bounds(inputs.month)
    if config.brief.head == "文件":  # a 发文字号 of its own, from the register, never reused
        from anquan_cli.jobs.register import brief_number

        number, _ = brief_number(config, inputs.month, date)
    else:  # 简报: the issue, numbered by the month
        number = f"{first.year}年第{first.month}期"
    context = brief_context(inputs, config, date=date, doc_number=number)
    docx: Path | None = output
    if output.suffix.lower() == ".md":
        docx, markdown = None, output
    return BriefJob(context, config, templates_dir(config, templates), docx, markdown)
