"""`anquan criteria`: the 重大事故隐患 criteria table; `anquan criteria check`: what a description meets."""

from __future__ import annotations

from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import ConfigOpt, DebugOpt, FormatOpt, OutputFormat, parse_as_of

app = typer.Typer(
    help="重大事故隐患判定标准：列出本县使用的判定标准；criteria check 检查一条隐患描述会匹配哪一条。",
    invoke_without_command=True,
    add_completion=False,
)


@app.callback()
def criteria(
    ctx: typer.Context,
    output_format: FormatOpt = OutputFormat.table,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """列出判定标准表（内置表加上 anquan.toml [major] 中的增补、替换和停用）：编号、依据、适用行业、施行日期和关键词。"""
    if ctx.invoked_subcommand is not None:
        return

    def body() -> int:
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.criteria import criteria_table

        _show(criteria_table(load_config(config)), output_format, "print_criteria")
        return 0

    run(debug, body)


@app.command("check", no_args_is_help=True)
def check(
    description: Annotated[
        str, typer.Argument(help="隐患描述，如 “除尘器未设置泄爆装置”", show_default=False)
    ],
    industry: Annotated[
        str | None,
        typer.Option(
            "--industry", help="行业领域，如 工贸、危险化学品（默认：本县默认行业）", show_default=False
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="排查日期，如 2026-10-15（默认：今天）", show_default=False)
    ] = None,
    output_format: FormatOpt = OutputFormat.table,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """检查一条隐患描述：会匹配哪条判定标准、找到了哪些词、缺哪组词、被哪个排除词否定、行业或日期是否适用。"""

    def body() -> int:
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.criteria import check_description

        on = parse_as_of(date, "--date")
        result = check_description(load_config(config), description, industry=industry, on=on)
        _show(result.to_dict(), output_format, "print_check")
        return 0

    run(debug, body)


def _show(document: dict | list, output_format: OutputFormat, printer: str) -> None:
    """JSON on stdout, or the named printer of render.criteria."""
    if output_format == OutputFormat.json:
        from anquan_cli.render.jsonout import emit

        emit(document)
    else:
        from anquan_cli.render import criteria as render

        getattr(render, printer)(document)
