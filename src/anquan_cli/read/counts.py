"""The account of a sheet's rows: read, blank, subtotal, footer — so no row is lost without a count."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RowCounts:
    """Every row of the sheet is accounted for: the rows down to the header (`header_and_above`) plus the
    parts below it (`total` = used + blank + subtotal + footer + header_extra) make `sheet_rows`."""

    sheet_rows: int = 0
    header_and_above: int = 0
    total: int = 0
    used: int = 0
    blank: int = 0
    subtotal: int = 0
    footer: int = 0
    header_extra: int = 0  # a "1 2 3 …" column-number row right under the header

    def to_dict(self) -> dict[str, int]:
        return {
            "sheet_rows": self.sheet_rows,
            "header_and_above": self.header_and_above,
            "total": self.total,
            "used": self.used,
            "blank": self.blank,
            "subtotal": self.subtotal,
            "footer": self.footer,
            "header_extra": self.header_extra,
        }
