"""`anquan repeats`: 屡查屡有 — the same enterprise, the same problem, found again and again."""

from __future__ import annotations

from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import (
    AsOfOpt,
    ConfigOpt,
    DebugOpt,
    OutputOpt,
    Paths,
    ReportFormat,
    ReportFormatOpt,
    parse_as_of,
)


def repeats(
    paths: Paths,
    as_of: AsOfOpt = None,
    window_days: Annotated[
        int | None,
        typer.Option(
            "--window-days", help="统计多少天内的重复发现（默认 365，可在配置中修改）", show_default=False
        ),
    ] = None,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """屡查屡有隐患：同一企业、同一类问题在不同日期被两次及以上发现（按问题类别词典，其余按描述相似度）。"""

    def body() -> int:
        day = parse_as_of(as_of)  # a mistyped option is reported before a big file is read
        from anquan_cli.commands._report import emit
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.report import figures
        from anquan_cli.render.lists import write_repeats
        from anquan_cli.render.report_terminal import print_repeats

        _, figs = figures(paths, load_config(config), as_of=day, window_days=window_days)
        return emit(
            figs.repeats,
            output_format,
            output,
            printer=print_repeats,
            xlsx=write_repeats,
            default="屡查屡有隐患.xlsx",
        )

    run(debug, body)
