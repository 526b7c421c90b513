"""`anquan overdue`: 应改未改 — overdue hazards (重大 → 停产整顿), due soon, closed late, no deadline."""

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


def overdue(
    paths: Paths,
    as_of: AsOfOpt = None,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within", help="几天内到期算“即将到期”（默认 7，可在配置中修改）", show_default=False
        ),
    ] = None,
    output_format: ReportFormatOpt = ReportFormat.table,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """逾期未整改隐患清单：按镇街、企业列出逾期隐患和逾期天数，重大隐患逾期标注“建议责令停产整顿”。

    退出码：0 完成；1 有文件无法读取（其余照常统计）；2 没有可用的台账或参数有误。
    """

    def body() -> int:
        day = parse_as_of(as_of)  # a mistyped option is reported before a big file is read
        from anquan_cli.commands._report import emit
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.report import figures
        from anquan_cli.render.lists import write_overdue
        from anquan_cli.render.report_terminal import print_overdue

        _, figs = figures(paths, load_config(config), as_of=day, due_within=due_within)
        return emit(
            figs.overdue,
            output_format,
            output,
            printer=print_overdue,
            xlsx=write_overdue,
            default="逾期未整改隐患清单.xlsx",
        )

    run(debug, body)
