"""`anquan brief`: the monthly 通报 as a Word document (or Markdown), every figure from `anquan stats`."""

from __future__ import annotations

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
    TemplatesOpt,
    month_end,
    parse_as_of,
    warn_if_dated_early,
)


def brief(
    paths: Paths,
    month: MonthOpt,
    as_of: MonthAsOfOpt = None,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            help="输出文件：.docx（Word）、.md（Markdown 预览）或 .pdf（需本机安装 LibreOffice）",
        ),
    ] = Path("月度通报.docx"),
    date: DateOpt = None,
    templates: TemplatesOpt = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """生成月度隐患排查整治情况通报：总体情况、各镇街排名、行业、重大隐患、逾期、屡查屡有、报送质量和下一步要求。

    统计状态截至该月最后一天（或 --as-of），数字与 anquan stats --month 一致。
    """

    def body() -> int:
        from anquan_cli.core.dates import parse_month

        chosen = parse_month(month)  # before a big file is read or anything is written; as 2026-10
        day = parse_as_of(as_of) if as_of else month_end(chosen)
        written_on = parse_as_of(date, "--date")
        warn_if_dated_early(date, written_on, day)
        from anquan_cli.core.config import load_config
        from anquan_cli.core.messages import LABELS
        from anquan_cli.jobs.brief import make_brief
        from anquan_cli.render.terminal import console

        result = make_brief(
            paths,
            load_config(config),
            month=chosen,
            as_of=day,
            output=output,
            date=written_on,
            templates=templates,
        )
        out = console()
        for note in result.notes:
            out.print(note, style="yellow", markup=False, soft_wrap=True)
        out.print(LABELS["written"].format(path=result.path), style="green", markup=False, soft_wrap=True)
        return 0

    run(debug, body)
