"""How every command ends: an exit code, one red Chinese line for expected failures, and a traceback
only with --debug."""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

from anquan_cli.errors import AnquanError


def run(debug: bool, body: Callable[[], int]) -> None:
    try:
        code = _unfrozen(body)
    except AnquanError as exc:
        if debug:
            raise
        _error_line(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _error_line("已中断，未完成的输出文件已丢弃")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # a bug: still one line for the clerk, the trace for us with --debug
        if debug:
            raise
        _error_line(
            f"程序内部错误（{type(exc).__name__}: {exc}）。请加 --debug 重新运行，并把输出发给维护人员"
        )
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def _unfrozen(body: Callable[[], int]) -> int:
    """load_and_read freezes what the early read left alive; a caller that runs commands in-process
    (tests, scripts) gets everything back under the collector afterwards."""
    import gc

    try:
        return body()
    finally:
        gc.unfreeze()


def load_and_read(config_path, paths, sheet: str | None = None):
    """The config, with the first workbook below `paths` already read (see read.prefetch.read_first).

    Called before a command imports pandas and the analysis: on a big ledger the parse (which runs
    without the GIL) then overlaps those imports.
    """
    import gc

    from anquan_cli.configfile import config_file
    from anquan_cli.read.prefetch import read_first
    from anquan_cli.read.sources import collector_paused

    if not paths:
        from anquan_cli.config import load_config

        return load_config(config_path)
    if config_file(config_path) is None:
        # Built-in defaults: the read needs only the default limits, so it starts now and the config
        # model (a tenth of a second of pydantic class building) loads on the import thread.
        from anquan_cli.read.inspect import Limits

        config, limits = None, Limits()
    else:
        from anquan_cli.config import load_config

        config = load_config(config_path)
        limits = config.limits.read_limits()
    with collector_paused():
        read_first(paths, limits, sheet)
        # What is alive now (modules, the rows just read) lives until the command ends. Frozen,
        # it is left out of every later collection; each full one would otherwise walk all 2 M
        # cells of a 100k-row ledger again (0.04 s a time). Row lists hold no cycles; the little
        # cyclic garbage the imports left waits for `run` to unfreeze, or for the process to end.
        gc.freeze()
    if config is None:
        from anquan_cli.config import Config

        config = Config()
    return config


def _error_line(message: str) -> None:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(message, style="bold red"))
    sys.stderr.flush()
