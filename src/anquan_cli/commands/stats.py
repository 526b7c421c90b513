"""`anquan stats`: the 通报 indicator set per town, industry or enterprise, with a 合计 and a ranking."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from anquan_cli.commands._run import load_and_read, run
from anquan_cli.options import (
    AsOfOpt,
    ConfigOpt,
    DebugOpt,
    OutputOpt,
    Paths,
    ReportFormat,
    ReportFormatOpt,
    parse_as_of,
)


class GroupBy(StrEnum):
    town = "town"
    industry = "industry"
    unit = "unit"


def stats(
    paths: Paths,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", help="只统计该月发现的隐患，如 2026-10；状态截至该月最后一天", show_default=False
        ),
    ] = None,
    as_of: AsOfOpt = None,
    by: Annotated[
        GroupBy, typer.Option("--by", help="按 town（镇街）、industry（行业领域）或 unit（企业）分组")
    ] = GroupBy.town,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """隐患排查治理统计：发现、重大、整改、整改率、按期整改率、逾期、屡查屡有，带合计和排名。

    xlsx 输出同时包含按镇街、按行业领域、按企业三个工作表。
    """

    def body() -> int:
        from anquan_cli.months import month_bounds

        # Mistyped options are reported before a big file is read.
        day = parse_as_of(as_of) if as_of or not month else month_bounds(month)[1]
        cfg = load_and_read(config, paths)
        from anquan_cli.analysis import stats_report
        from anquan_cli.commands._report import emit, lazy

        report = stats_report(paths, cfg, as_of=day, by=by.value, month=month, debug=debug)

        def workbook(rep, target):
            from anquan_cli.render.lists import write_stats

            others = {b.value: rep if b.value == rep.by else _regroup(rep, b.value) for b in GroupBy}
            return write_stats(others, target)

        return emit(
            report,
            output_format,
            output,
            printer=lazy("anquan_cli.render.report_terminal:print_stats"),
            xlsx=workbook,
            default="统计汇总.xlsx",
        )

    run(debug, body)


def _regroup(report, by: str):
    """The same figures grouped another way, from the hazards already read."""
    from anquan_cli.analysis.stats import compute_stats

    return compute_stats(report.hazards, report.as_of, by=by, month=report.month, repeats=report.repeats)
