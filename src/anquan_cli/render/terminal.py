"""Terminal output with rich: a summary table per run and the findings grouped by file.

Cell values are user data: they go through rich Text objects, never markup strings, so "[red]" in
a ledger prints literally.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from anquan_cli.core.findings import Severity
from anquan_cli.core.messages import LABELS, SEVERITY_LABEL
from anquan_cli.render.left_out import skipped_rows, skipped_sheets

_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def console(stderr: bool = False) -> Console:
    return Console(highlight=False, soft_wrap=False, stderr=stderr)


def _safe(text: str) -> str:
    # Control and bidi characters in a cell must not repaint or reorder the clerk's terminal.
    return "".join(
        ch
        if ch in "\n\t"
        or not (
            ord(ch) < 32
            or 0x7F <= ord(ch) < 0xA0
            or 0x202A <= ord(ch) <= 0x202E
            or 0x2066 <= ord(ch) <= 0x2069
        )
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def short_names(paths: list[Path]) -> dict[Path, str]:
    """Paths relative to the folder they share: 2026-10/青石镇….xlsx rather than a long common prefix."""
    if len(paths) < 2:
        return {p: p.name for p in paths}
    parents = [p.resolve().parent for p in paths]
    try:
        root = Path(os.path.commonpath(parents))
    except ValueError:  # different drives on Windows
        return {p: str(p) for p in paths}
    return {p: str(p.resolve().relative_to(root)) for p in paths}


def _header_span(rows: tuple[int, int]) -> str:
    return str(rows[0]) if rows[0] == rows[1] else f"{rows[0]}–{rows[1]}"


def print_validation(outcome, limit: int) -> None:
    from anquan_cli.read import superseded_message  # loaded by then; `anquan init` need not load it

    results, summary, annotated = outcome.results, outcome.summary, outcome.annotated
    out = console()
    names = short_names(list(dict.fromkeys(r.path for r in results)))
    table = Table(show_lines=False, header_style="bold")
    table.add_column(LABELS["file"], overflow="fold", ratio=4)
    table.add_column(LABELS["kind"], no_wrap=True)
    table.add_column(LABELS["sheet"], overflow="fold", ratio=2)
    for key in ("header_rows", "rows", "errors", "warnings"):
        table.add_column(LABELS[key], justify="right", no_wrap=True)
    for r in results:
        name = Text(_safe(names[r.path]))
        if r.error:
            table.add_row(name, Text(LABELS["unreadable"], style="bold red"), "", "", "", "", "")
            continue
        sheet = r.sheet if r.sheet is not None else (f"CSV {r.encoding}" if r.encoding else "CSV")
        table.add_row(
            name,
            LABELS.get(r.kind, r.kind or ""),
            Text(_safe(sheet)),
            _header_span(r.header_rows),
            str(r.counts.used),
            Text(str(r.errors), style="red" if r.errors else "green"),
            Text(str(r.warnings), style="yellow" if r.warnings else "green"),
        )
    out.print(table)
    for path, by in outcome.superseded:  # a file left out entirely: said before what each file left out
        out.print(Text(_safe(superseded_message(path, by)), style="yellow"), soft_wrap=True)
    for r in results:
        for note in _left_out(r, names[r.path]):
            out.print(Text(_safe(note), style="yellow"), soft_wrap=True)
    for r in results:
        if r.error:
            out.print(Text.assemble((_safe(str(r.path)), "bold"), "：", (r.error, "bold red")))
            continue
        if not r.findings and not r.unmapped:
            continue
        out.print(Text(_safe(str(r.path)), style="bold underline"))
        if r.unmapped:
            unused = "、".join(
                LABELS["unmapped-column"].format(column=letter, header=_safe(_short(header, 30)))
                for letter, header in r.unmapped
            )
            out.print(Text("  " + LABELS["unmapped"].format(columns=unused), style="dim"), soft_wrap=True)
        shown = r.findings if limit <= 0 else r.findings[:limit]
        for f in shown:
            line = Text("  ")
            line.append(SEVERITY_LABEL[f.severity.value], style=_STYLE[f.severity])
            line.append(" ")
            line.append(_safe(f.location()), style="bold")
            if f.field:
                line.append(f" {f.field}")
            if f.value is not None:
                line.append(f' "{_safe(_short(f.value))}"')
            line.append("：")
            line.append(_safe(f.message))  # a message may quote the cell
            out.print(line, soft_wrap=True)
        if len(r.findings) > len(shown):
            out.print(Text("  " + LABELS["more"].format(n=len(r.findings) - len(shown)), style="dim"))
    missing = summary.get("missing_responsibility") or []
    if missing:
        out.print(Text(LABELS["missing-lists"].format(n=len(missing)), style="bold yellow"))
        for m in missing:
            where = " ".join(str(x) for x in (names.get(Path(m["path"]), m["path"]), m["sheet"]) if x)
            entry = f"  {m['town'] or ''}　{m['unit']}（{where} 第{m['row']}行）"
            out.print(Text(_safe(entry)), soft_wrap=True)
    elif summary.get("cross_checked"):
        out.print(Text(LABELS["no-missing-lists"], style="green"))
    folders = sorted({str(p.parent) for p in annotated.values()})
    if folders:
        written = LABELS["annotated"].format(n=len(annotated), path="、".join(_safe(f) for f in folders))
        out.print(Text(written, style="green"), soft_wrap=True)
    style = "bold red" if summary["errors"] or summary["unreadable"] else "bold green"
    out.print(Text(LABELS["summary"].format(**summary), style=style))


def _left_out(result, name: str) -> list[str]:
    """Sheets that gave no ledger and rows skipped for a reason a person should check (titles, headers,
    labels, subtotals and footers are structure and not listed)."""
    lines = []
    sheets = skipped_sheets(result)
    if sheets:
        lines.append(LABELS["sheets-skipped"].format(path=name, sheets=sheets))
    where = f" {result.sheet}" if result.sheet else ""
    for count, why in skipped_rows(result):
        lines.append(LABELS["rows-skipped"].format(path=name, sheet=where, count=count, reason=why))
    return lines


def _short(value: str, width: int = 60) -> str:
    value = value.replace("\n", "⏎")
    return value if len(value) <= width else value[: width - 1] + "…"
