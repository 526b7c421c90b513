"""How every command ends: an exit code, one red Chinese line for expected failures, and a traceback
only with --debug."""

from __future__ import annotations

import sys
from collections.abc import Callable

import typer

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.messages import render


def run(debug: bool, body: Callable[[], int]) -> None:
    try:
        code = body()
    except AnquanError as exc:
        if debug:
            raise
        _error_line(exc.message)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        _error_line(render("interrupted"))
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as exc:  # a bug: still one line for the clerk, the trace for us with --debug
        if debug:
            raise
        _error_line(render("internal-error", reason=f"{type(exc).__name__}: {exc}"))
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def _error_line(message: str) -> None:
    from rich.console import Console
    from rich.text import Text

    Console(stderr=True, highlight=False, soft_wrap=True).print(Text(message, style="bold red"))
    sys.stderr.flush()
