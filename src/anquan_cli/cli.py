"""The `anquan` command: a thin typer app. Each command parses, makes one library call, prints.

Heavy libraries (pandas, openpyxl, pydantic) are imported inside the commands so that
`anquan --help` stays fast.
"""

from __future__ import annotations

import typer

from anquan_cli import __version__
from anquan_cli.commands import template, validate
from anquan_cli.i18n import install as install_chinese

install_chinese()


app = typer.Typer(
    name="anquan",
    help="安全生产隐患台账工具：校验镇街和企业报送的台账，生成标注副本和填报模板。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command("validate", no_args_is_help=True)(validate.validate)
app.command("template", no_args_is_help=True)(template.template)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"anquan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号"),
) -> None:
    """安全生产隐患台账工具：校验镇街和企业报送的台账，生成标注副本和填报模板。"""


def main() -> None:
    app(prog_name="anquan")
