"""The `anquan` command: a thin typer app. Each command parses, makes one library call, prints.

Heavy libraries (pandas, openpyxl, pydantic) are imported inside the commands so that
`anquan --help` stays fast.
"""

from __future__ import annotations

import typer

from anquan_cli import __version__
from anquan_cli.commands import (
    brief,
    coverage,
    criteria,
    enterprise,
    init,
    letters,
    monthly,
    overdue,
    repeats,
    stats,
    template,
    templates,
    validate,
)
from anquan_cli.commands.i18n import install as install_chinese

install_chinese()


app = typer.Typer(
    name="anquan",
    help="安全生产隐患台账工具：校验台账和责任清单，统计逾期、屡查屡有和通报指标，生成月度通报、函告、标注副本和填报模板。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command("monthly")(monthly.monthly)
app.command("validate", no_args_is_help=True)(validate.validate)
app.command("overdue", no_args_is_help=True)(overdue.overdue)
app.command("repeats", no_args_is_help=True)(repeats.repeats)
app.command("stats", no_args_is_help=True)(stats.stats)
app.command("coverage", no_args_is_help=True)(coverage.coverage)
app.command("enterprise", no_args_is_help=True)(enterprise.enterprise)
app.command("brief", no_args_is_help=True)(brief.brief)
app.command("letters", no_args_is_help=True)(letters.letters)
app.command("template", no_args_is_help=True)(template.template)
app.command("init")(init.init)
app.add_typer(criteria.app, name="criteria")
app.add_typer(templates.app, name="templates", help="文书模板工具：templates check 检查自定义模板。")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"anquan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本号"),
) -> None:
    """安全生产隐患台账工具：校验台账和责任清单，统计逾期、屡查屡有和通报指标，生成月度通报、函告、标注副本和填报模板。"""


def main() -> None:
    app(prog_name="anquan")
