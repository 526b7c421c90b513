"""The shared ending of overdue, repeats and stats: print a table, JSON, or write a workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from anquan_cli.commands.options import ReportFormat


def emit(
    report, fmt: ReportFormat, output: Path | None, *, printer: Callable, xlsx: Callable, default: str
) -> int:
    if fmt is ReportFormat.json and output is None:
        from anquan_cli.render.jsonout import emit as emit_json

        emit_json(report.to_dict())
    elif fmt is ReportFormat.table:
        printer(report)
    target = output if output is not None else (Path(default) if fmt is ReportFormat.xlsx else None)
    if target is not None:
        if fmt is ReportFormat.json or (fmt is ReportFormat.table and target.suffix.lower() == ".json"):
            _write_json(report.to_dict(), target)
        else:
            xlsx(report, target)
        from anquan_cli.core.messages import LABELS
        from anquan_cli.render.terminal import console

        console().print(LABELS["written"].format(path=target), style="green", markup=False, soft_wrap=True)
    return 1 if report.hazards.unreadable else 0


def _write_json(document: dict, target: Path) -> None:
    from anquan_cli.core.outputs import atomic_path
    from anquan_cli.render.jsonout import dumps

    with atomic_path(target) as tmp:
        tmp.write_text(dumps(document) + "\n", encoding="utf-8")
