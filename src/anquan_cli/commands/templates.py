"""`anquan templates check`: lint a customised template set before the month's run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import ConfigOpt, DebugOpt

app = typer.Typer(help="文书模板工具。", no_args_is_help=True, add_completion=False)


@app.command("check")
def check(
    folder: Annotated[
        Path | None,
        typer.Argument(help="模板文件夹（默认：配置中的模板文件夹，或内置模板）", show_default=False),
    ] = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """检查模板：语法错误、使用了程序不提供的变量；列出每个模板可用的变量。退出码：0 没有问题，1 有问题。"""

    def body() -> int:
        from rich.text import Text

        from anquan_cli.core.config import load_config
        from anquan_cli.render.documents import templates_dir
        from anquan_cli.render.lint import TEMPLATES, check_templates
        from anquan_cli.render.terminal import console

        where = templates_dir(load_config(config), folder)
        checked, problems = check_templates(where)
        out = console()
        out.print(Text(f"检查模板文件夹：{where}（{len(checked)} 个模板）"), soft_wrap=True)
        for p in problems:
            out.print(Text(f"  {p.template}：{p.message}", style="red"), soft_wrap=True)
        if not problems:
            out.print(Text("  未发现问题", style="green"))
        for name, variables in TEMPLATES.items():
            out.print(Text(f"  {name} 可用变量：{'、'.join(sorted(variables))}", style="dim"), soft_wrap=True)
        return 1 if problems else 0

    run(debug, body)
