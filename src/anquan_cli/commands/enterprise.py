"""`anquan enterprise`: 一企一档 — one enterprise's hazards, repeats, roster entry, responsibility list
and letters, from the ledgers given and the 发文登记簿."""

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
    OutputFormat,
    Paths,
    parse_as_of,
)


def enterprise(
    name_or_code: Annotated[
        str,
        typer.Argument(
            help="企业名称（可只写名称中的一段，县名可写可不写）或统一社会信用代码",
            show_default=False,
            metavar="企业",
        ),
    ],
    paths: Paths,
    as_of: AsOfOpt = None,
    output_format: FormatOpt = OutputFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", help="另存为档案文件：.xlsx（工作簿）或 .docx（Word 文档）", show_default=False
        ),
    ] = None,
    config: ConfigOpt = None,
    debug: DebugOpt = False,
) -> None:
    """一企一档：某家企业在各月台账中的全部隐患（逾期天数、重大隐患）、屡查屡有、是否在底数中、
    是否报送责任清单、最近一次排查日期，以及发文登记簿中发给它的函告。

    退出码：0 完成；1 有文件无法读取（其余照常统计）；2 找不到或对应多家企业、没有可用的台账或参数有误。
    """

    def body() -> int:
        from anquan_cli.core.errors import AnquanError

        # every option is checked before a file is read
        if not name_or_code.strip():
            raise AnquanError("enterprise-query-empty")
        day = parse_as_of(as_of)
        if out is not None:
            from anquan_cli.core.outputs import input_guard, refuse_inside_inputs
            from anquan_cli.render.enterprise import check_output

            check_output(out)
            input_guard(paths)(out)
            refuse_inside_inputs(out.parent, [p for p in paths if p.is_dir()])
        from anquan_cli.core.config import load_config
        from anquan_cli.jobs.enterprise import make_enterprise
        from anquan_cli.render.enterprise import print_enterprise, write_enterprise

        settings = load_config(config)
        ef = make_enterprise(name_or_code, paths, settings, as_of=day)
        json_out = output_format is OutputFormat.json
        if json_out:
            from anquan_cli.render.jsonout import emit

            emit(ef.to_dict())
        else:
            print_enterprise(ef)
        if out is not None:
            write_enterprise(ef, out, settings.document)
            from anquan_cli.core.messages import LABELS
            from anquan_cli.render.terminal import console

            # with --format json, stdout holds the JSON document alone
            console(stderr=json_out).print(
                LABELS["written"].format(path=out), style="green", markup=False, soft_wrap=True
            )
        return 1 if ef.hazard_set.unreadable else 0

    run(debug, body)
