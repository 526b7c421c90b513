"""`anquan repeats`: 屡查屡有 — the same enterprise, the same problem, found again and again."""

from __future__ import annotations

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
        cfg = load_and_read(config, paths)
        from anquan_cli.analysis import repeats_report
        from anquan_cli.commands._report import emit, lazy

        report = repeats_report(paths, cfg, as_of=day, window_days=window_days, debug=debug)
        return emit(
            report,
            output_format,
            output,
            printer=lazy("anquan_cli.render.report_terminal:print_repeats"),
            xlsx=lazy("anquan_cli.render.lists:write_repeats"),
            default="屡查屡有隐患.xlsx",
        )

    run(debug, body)
