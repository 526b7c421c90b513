"""`anquan validate`: every problem of every ledger, in Chinese, with its Excel cell address."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import (
    AsOfOpt,
    ConfigOpt,
    DebugOpt,
    FormatOpt,
    KindOpt,
    OutputFormat,
    Paths,
    SheetOpt,
    parse_as_of,
)

AnnotateOpt = Annotated[
    Path | None,
    typer.Option(
        "--annotate",
        help="为每个文件生成标注副本（错误标红、警告标黄、附批注）到此文件夹：<原名>_校验.xlsx",
        show_default=False,
    ),
]
CrossOpt = Annotated[
    bool,
    typer.Option("--cross", help="核对隐患台账中的企业是否都报送了责任清单（同时给出两类台账时自动核对）"),
]
LimitOpt = Annotated[int, typer.Option("--limit", help="表格输出时每个文件最多显示的问题条数，0 表示全部")]


def validate(
    paths: Paths,
    kind: KindOpt = None,
    sheet: SheetOpt = None,
    as_of: AsOfOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    annotate: AnnotateOpt = None,
    cross: CrossOpt = False,
    limit: LimitOpt = 200,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """校验隐患台账和全员安全生产责任清单：逐格列出问题（位置、字段、原值、说明），可生成退回用的标注副本。

    退出码：0 未发现错误；1 发现错误或有文件无法读取；2 所有文件都无法使用或参数有误。
    """

    def body() -> int:
        day = parse_as_of(as_of)  # a mistyped option is reported before a big file is read
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.validate import run_validation

        cfg = load_config(config)
        outcome = run_validation(
            paths,
            cfg,
            as_of=day,
            kind=kind,
            sheet=sheet,
            annotate_dir=annotate,
            cross=cross,
        )
        if output_format is OutputFormat.json:
            from anquan_cli.render.jsonout import emit

            emit(outcome.to_dict())
        else:
            from anquan_cli.render.terminal import print_validation

            print_validation(outcome, limit)
        return outcome.exit_code

    run(debug, body)
