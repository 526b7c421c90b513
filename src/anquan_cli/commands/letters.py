"""`anquan letters`: the month's 警示函, 督办函 and 提醒函, numbered from the 发文登记簿."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from anquan_cli.commands._run import run
from anquan_cli.commands.options import (
    ConfigOpt,
    DateOpt,
    DebugOpt,
    MonthAsOfOpt,
    MonthOpt,
    Paths,
    RegisterOpt,
    TemplatesOpt,
    month_end,
    parse_as_of,
    warn_if_dated_early,
)


class LetterKind(StrEnum):
    warning = "warning"
    supervision = "supervision"
    reminder = "reminder"


def letters(
    paths: Paths,
    month: MonthOpt,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="函件输出文件夹")] = Path("函告"),
    kind: Annotated[
        list[LetterKind] | None,
        typer.Option(
            "--kind",
            help="只生成某一种：warning（警示函）、supervision（督办函）、reminder（提醒函），可重复",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出拟发函件，不写任何文件")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="同时生成 Markdown 预览")] = False,
    as_of: MonthAsOfOpt = None,
    date: DateOpt = None,
    templates: TemplatesOpt = None,
    register: RegisterOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """按规则批量生成函告：警示函（隐患多或屡查屡有且有逾期）、督办函（重大隐患逾期或逾期过多的镇街）、提醒函（下月季节性风险）。

    文号取自发文登记簿：重复运行同一月份沿用已给的文号，不会重号。
    """

    def body() -> int:
        from anquan_cli.core.dates import parse_month

        chosen = parse_month(month)  # before a big file is read or anything is written; as 2026-10
        day = parse_as_of(as_of) if as_of else month_end(chosen)
        written_on = parse_as_of(date, "--date")
        warn_if_dated_early(date, written_on, day)
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.letters import make_letters
        from anquan_cli.render.report_terminal import print_letters

        result = make_letters(
            paths,
            load_config(config),
            month=chosen,
            out_dir=out_dir,
            as_of=day,
            date=written_on,
            kinds=tuple(k.value for k in kind) if kind else ("warning", "supervision", "reminder"),
            dry_run=dry_run,
            templates=templates,
            register=register,
            markdown=markdown,
        )
        print_letters(result)
        return 0

    run(debug, body)
