"""The account of a sheet's rows, so that no row is lost without a count.

Two views of the same rows. `rows_by_role()` puts every row of the sheet in exactly one role (title,
header, data, label, subtotal, footer, skipped with its reason, or empty) and is what a person reads.
The older view below the header (`used + blank + subtotal + footer + header_extra + label + after_footer
+ example = total`) stays in `to_dict()` for scripts that rely on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowCounts:
    sheet_rows: int = 0
    header_and_above: int = 0
    total: int = 0  # rows below the header
    used: int = 0  # data rows
    blank: int = 0  # rows below the header with nothing in the ledger's columns (see `skipped`)
    subtotal: int = 0
    footer: int = 0
    header_extra: int = 0  # a "1 2 3 …" column-number row, or the header repeated further down
    label: int = 0  # "十月份", "二、九月份遗留隐患": a section label between stacked tables
    after_footer: int = 0  # rows that look like data below a footer (填表人：…), not read
    example: int = 0  # a fill-in template's grey example rows (序号 示例1, 示例2 …), not read
    title: int = 0  # non-empty rows above the header
    header: int = 0  # the header rows themselves
    empty: int = 0  # rows with nothing in any cell, anywhere in the sheet
    # Non-empty rows that are not data, by reason (messages.ROW_SKIPS); part of `blank` or `after_footer`.
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str, count: int) -> None:
        if count:
            self.skipped[reason] = self.skipped.get(reason, 0) + count

    def rows_by_role(self) -> dict[str, int]:
        """Every row of the sheet once: these add up to `sheet_rows`."""
        return {
            "title": self.title,
            "header": self.header + self.header_extra,
            "data": self.used,
            "label": self.label,
            "subtotal": self.subtotal,
            "footer": self.footer,
            "skipped": sum(self.skipped.values()),
            "empty": self.empty,
        }

    def to_dict(self) -> dict:
        return {
            "sheet_rows": self.sheet_rows,
            "header_and_above": self.header_and_above,
            "total": self.total,
            "used": self.used,
            "blank": self.blank,
            "subtotal": self.subtotal,
            "footer": self.footer,
            "header_extra": self.header_extra,
            "label": self.label,
            "after_footer": self.after_footer,
            "example": self.example,
            "rows_by_role": self.rows_by_role(),
            "skipped": dict(self.skipped),
        }
