"""`anquan stats`: the 通报 indicator set per town, industry or enterprise, with a 合计 and a ranking."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import (
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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="统计截止日，如 2026-10-31（默认：给了 --month 时为该月最后一天，否则今天）",
            show_default=False,
        ),
    ] = None,
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
        from anquan_cli.core.dates import month_bounds, parse_month

        # Mistyped options are reported before a big file is read; the month goes on as 2026-10.
        chosen = parse_month(month) if month else None
        day = parse_as_of(as_of) if as_of or not chosen else month_bounds(chosen)[1]
        from anquan_cli.commands._report import emit
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.report import figures
        from anquan_cli.render.lists import write_stats
        from anquan_cli.render.report_terminal import print_stats

        _, figs = figures(paths, load_config(config), as_of=day, month=chosen)
        return emit(
            figs.stats(by.value),
            output_format,
            output,
            printer=print_stats,
            # the workbook holds every grouping, computed from the hazards already read
            xlsx=lambda _, target: write_stats({b.value: figs.stats(b.value) for b in GroupBy}, target),
            default="统计汇总.xlsx",
        )

    run(debug, body)
