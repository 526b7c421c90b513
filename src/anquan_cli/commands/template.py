"""`anquan template`: a fill-in workbook that passes `anquan validate` once filled with good rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import ConfigOpt, DebugOpt
from anquan_cli.core.messages import kinds_help


def template(
    kind: Annotated[
        str,
        typer.Argument(
            help=f"模板类型：{kinds_help()}",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="输出文件（默认：隐患台账模板.xlsx / 责任清单模板.xlsx / 底数台账模板.xlsx）",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """生成填报模板：带下拉选项、日期格式、冻结表头和填表说明，按模板填写即可通过校验。"""

    def body() -> int:
        from anquan_cli.core.config import load_config
        from anquan_cli.render.fillin import write_template
        from anquan_cli.render.fillin_specs import SPECS
        from anquan_cli.render.terminal import console

        target = output or Path(SPECS[kind].default_name if kind in SPECS else f"{kind}.xlsx")
        written = write_template(kind, target, load_config(config))
        from anquan_cli.core.messages import LABELS

        console().print(LABELS["template-written"].format(path=written), style="green", markup=False)
        return 0

    run(debug, body)
