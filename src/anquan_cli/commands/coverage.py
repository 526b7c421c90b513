"""`anquan coverage`: 应查未查 — enterprises on the roster (底数) without an inspection in their window."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import (
    ConfigOpt,
    DebugOpt,
    MonthAsOfOpt,
    OutputOpt,
    Paths,
    ReportFormat,
    ReportFormatOpt,
    parse_as_of,
)


def coverage(
    paths: Paths,
    month: Annotated[
        str | None, typer.Option("--month", help="统计月份，如 2026-10", show_default=False)
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option("--quarter", help="统计季度，如 2026Q4 或 2026年第四季度", show_default=False),
    ] = None,
    as_of: MonthAsOfOpt = None,
    roster: Annotated[
        Path | None,
        typer.Option("--roster", help="生产经营单位底数文件（默认：在输入中按表头查找）", show_default=False),
    ] = None,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """应查未查：底数中应检查的企业（在营、停产、停业）在检查周期内没有任何排查记录的，逐家列出；
    另列台账中出现但不在底数中的企业（底数不清），并按镇街、部门、行业算排查覆盖率。

    检查周期在配置 [coverage] 中设置：一般企业每季度一次，高危企业每月一次。
    退出码：0 完成；1 有文件无法读取；2 没有底数或隐患台账、参数有误。
    """

    def body() -> int:
        from anquan_cli.core.dates import month_bounds, parse_month, parse_quarter
        from anquan_cli.core.errors import AnquanError

        # every option is checked before a file is read
        if month and quarter:
            raise AnquanError("option-period-both")
        if month:
            start, end = month_bounds(parse_month(month))
        elif quarter:
            start, end = parse_quarter(quarter)
        else:
            raise AnquanError("option-period-missing")
        day = parse_as_of(as_of) if as_of else end
        from anquan_cli.commands._report import emit
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.coverage import make_coverage
        from anquan_cli.render.lists import write_coverage
        from anquan_cli.render.report_terminal import print_coverage

        report = make_coverage(paths, load_config(config), start=start, end=end, as_of=day, roster=roster)
        return emit(
            report,
            output_format,
            output,
            printer=print_coverage,
            xlsx=write_coverage,
            default="应查未查清单.xlsx",
        )

    run(debug, body)
