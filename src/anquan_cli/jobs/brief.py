"""The brief job: the monthly 通报 (Word, and its Markdown twin) from the month's figures."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli.analysis.briefing import BriefInputs
from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.jobs.report import Figures, figures
from anquan_cli.jobs.validate import FileResult


@dataclass
class BriefResult:
    path: Path
    context: dict
    notes: list[str] = field(default_factory=list)  # what the clerk should know (e.g. no chart drawn)


def brief_inputs(figs: Figures, results: list[FileResult]) -> BriefInputs:
    """What the 通报 is written from: the month's statistics, overdue, repeats and submission quality."""
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
    """`anquan brief`: read the ledgers below `paths` and write the month's 通报 to `output`."""
    run, figs = figures(paths, config, as_of=as_of, month=month)
    return prepare_brief(
        brief_inputs(figs, run.results), config, output, date=date, templates=templates
    ).run()


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
        from anquan_cli.core.messages import LABELS
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
            notes.append(LABELS["no-cjk-font"])
        written = self.output or self.markdown
        assert written is not None  # prepare_brief always names one
        return BriefResult(written, context, notes)


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
    context = brief_context(inputs, config, date=date, doc_number=f"{first.year}年第{first.month}期")
    docx: Path | None = output
    if output.suffix.lower() == ".md":
        docx, markdown = None, output
    return BriefJob(context, config, templates_dir(config, templates), docx, markdown)
