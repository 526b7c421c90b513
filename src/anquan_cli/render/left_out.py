"""What a file left out — sheets that gave no ledger, rows not read as data — in the words every
output uses (terminal, the 校验结果 workbook), so a loss is never silent in one and shown in another."""

from __future__ import annotations

from anquan_cli.core.messages import LABELS, ROW_SKIPS


def skipped_sheets(result) -> str | None:
    """“填表说明”（没有台账表头）、“2025年”（已隐藏，…）, or None."""
    sheets = [s for s in result.skipped if s.reason != "not-named"]
    if not sheets:
        return None
    return "、".join(LABELS["sheet-skipped-short"].format(sheet=s.name, reason=s.why()) for s in sheets)


def skipped_rows(result) -> list[tuple[int, str]]:
    """(count, reason) for rows skipped for a reason a person should check."""
    return [(count, ROW_SKIPS[reason]) for reason, count in result.counts.skipped.items()]


def left_out(result) -> str:
    """One line for a table cell: the sheets and the rows, or ""."""
    parts = []
    sheets = skipped_sheets(result)
    if sheets:
        parts.append(LABELS["sheets-left-out"].format(sheets=sheets))
    parts += [LABELS["rows-left-out"].format(count=n, reason=why) for n, why in skipped_rows(result)]
    return "；".join(parts)
