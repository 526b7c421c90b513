"""`anquan monthly`: the whole month in one command — validation, lists, 通报, 函告, run record."""

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
    RegisterOpt,
    TemplatesOpt,
    month_end,
    parse_as_of,
    warn_if_dated_early,
)

DEMO_MONTH = "2026-10"


def monthly(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="报送台账所在的文件夹或文件（用 --demo 时可省略）", metavar="路径", show_default=False
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", help="报告月份，如 2026-10（--demo 时默认 2026-10）", show_default=False),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="成果输出文件夹（默认：<月份>月度成果）", show_default=False)
    ] = None,
    demo: Annotated[bool, typer.Option("--demo", help="使用随软件安装的示例县数据运行")] = False,
    as_of: MonthAsOfOpt = None,
    date: DateOpt = None,
    templates: TemplatesOpt = None,
    register: RegisterOpt = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件夹中已有其他月份的成果时仍然覆盖")] = False,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """月度一键处理：校验全部台账（有问题的生成退回修改副本），统计逾期和屡查屡有，生成月度通报、函告、清单和运行记录。

    退出码：0 全部台账无错误；1 有台账存在错误或无法读取（成果照常生成）；2 参数有误或没有可用的台账。
    """

    def body() -> int:
        from anquan_cli.core.dates import parse_month
        from anquan_cli.core.errors import AnquanError
        from anquan_cli.core.resources import shipped

        inputs = list(paths or [])
        if demo and not inputs:
            inputs = [shipped("sample_ledgers")]
        if not inputs:
            raise AnquanError("monthly-no-input")
        chosen = month or (DEMO_MONTH if demo else None)
        if chosen is None:
            raise AnquanError("option-month-missing")
        # Mistyped options are reported before the first workbook is read or anything is written; the
        # month goes on as 2026-10 whichever way it was typed (the register and run.json key on it).
        chosen = parse_month(chosen)
        day = parse_as_of(as_of) if as_of else None
        written_on = parse_as_of(date, "--date") if date else None
        warn_if_dated_early(date, written_on, day or month_end(chosen))
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.monthly import run_monthly
        from anquan_cli.render.monthly_terminal import MonthlyProgress, print_monthly

        cfg = load_config(config)
        target = out or Path(f"{chosen}月度成果")
        with MonthlyProgress() as progress:
            result = run_monthly(
                inputs,
                cfg,
                month=chosen,
                out=target,
                as_of=day,
                date=written_on,
                templates=templates,
                register=register,
                force=force,
                stage=progress.stage,
                progress=progress.file_done,
            )
        print_monthly(result)
        return result.exit_code

    run(debug, body)
