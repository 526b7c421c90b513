"""`anquan init`: a commented anquan.toml and a copy of the document templates to customise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import DebugOpt


def init(
    folder: Annotated[Path, typer.Argument(help="写入的文件夹（默认：当前文件夹）")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的 anquan.toml 和模板")] = False,
    debug: DebugOpt = False,
) -> None:
    """生成带中文注释的配置文件 anquan.toml 和一套可在 Word/WPS 中修改的文书模板（templates/）。"""

    def body() -> int:
        from anquan_cli.core.messages import LABELS
        from anquan_cli.jobs.starter import write_starter
        from anquan_cli.render.terminal import console

        written = write_starter(folder, force=force)
        console().print(
            LABELS["init-written"].format(path=written), style="green", markup=False, soft_wrap=True
        )
        return 0

    run(debug, body)
