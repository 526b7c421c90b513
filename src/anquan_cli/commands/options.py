"""Option definitions shared by every command, so each reads and behaves the same everywhere."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.core.messages import kinds_help


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="台账文件或文件夹（文件夹会递归查找 xlsx、xlsm、xls、ods、csv）",
        show_default=False,
        metavar="路径",
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="配置文件（默认：当前目录下的 anquan.toml，没有则用内置默认值）", show_default=False
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="出错时显示完整的调试信息")]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="统计截止日，如 2026-10-31（默认：今天）", show_default=False),
]
# For the commands that report a month: the status is that of the month's last day unless told.
MonthAsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="统计截止日，如 2026-10-31（默认：--month 那个月的最后一天）", show_default=False
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="输出格式：table（表格）或 json")]
SheetOpt = Annotated[
    str | None,
    typer.Option(
        "--sheet", help="指定工作表名称（默认：自动选择表头最匹配的可见工作表）", show_default=False
    ),
]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help=f"台账类型：{kinds_help()}；默认按表头自动识别",
        show_default=False,
    ),
]


def parse_as_of(value: str | None, option: str = "--as-of") -> dt.date:
    """Any date form a clerk types (2026-10-31, 2026/10/31, 2026年10月31日) or today."""
    if value is None:
        return dt.date.today()
    from anquan_cli.core.dates import DateState, parse_date
    from anquan_cli.core.errors import AnquanError

    parsed = parse_date(value, min_year=1900, max_year=2200)
    if parsed.state != DateState.OK or parsed.date is None:
        raise AnquanError("option-date-invalid", option=option, value=value)
    return parsed.date


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


ReportFormatOpt = Annotated[
    ReportFormat, typer.Option("--format", help="输出格式：table（终端表格）、json 或 xlsx（可打印的工作簿）")
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "-o", "--output", help="输出文件：xlsx 或 json（表格输出时按扩展名另存一份）", show_default=False
    ),
]

MonthOpt = Annotated[str, typer.Option("--month", help="报告月份，如 2026-10", show_default=False)]
TemplatesOpt = Annotated[
    Path | None,
    typer.Option(
        "--templates", help="自定义模板文件夹（默认：配置中的模板文件夹，或内置模板）", show_default=False
    ),
]
RegisterOpt = Annotated[
    Path | None,
    typer.Option(
        "--register",
        help="发文登记簿文件（默认：每个发文机关每年一本，放在 anquan.toml 旁边或用户数据文件夹，各月共用，文号不重复）",
        show_default=False,
    ),
]
DateOpt = Annotated[
    str | None, typer.Option("--date", help="成文日期，如 2026-11-03（默认：今天）", show_default=False)
]


def warn_if_dated_early(date: str | None, written_on: dt.date | None, as_of: dt.date) -> None:
    """A document dated before the day its figures stand on is almost always a typo in --date."""
    if date is None or written_on is None or written_on >= as_of:
        return
    from anquan_cli.core.messages import LABELS
    from anquan_cli.core.text import format_cn
    from anquan_cli.render.terminal import console

    text = LABELS["date-before-as-of"].format(date=format_cn(written_on), as_of=format_cn(as_of))
    console(stderr=True).print(text, style="yellow", markup=False, soft_wrap=True)


def month_end(month: str):
    from anquan_cli.core.dates import month_bounds

    return month_bounds(month)[1]
