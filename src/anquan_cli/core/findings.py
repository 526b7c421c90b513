"""What a check reports: one Finding per failing cell (or per file for structural problems)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from anquan_cli.core.messages import SEVERITY_LABEL, quotes_value, render, severity_of


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return SEVERITY_LABEL[self.value]


@dataclass(slots=True)
class Finding:
    severity: Severity
    code: str
    message: str
    sheet: str | None = None
    row: int | None = None  # as a person sees it in Excel (CSV: line number)
    column: str | None = None  # Excel letter
    field: str | None = None  # canonical Chinese header
    value: str | None = None  # the cell as written
    # More keys of the JSON finding for some codes (level-suspect-major: its "criterion").
    detail: dict | None = None

    @classmethod
    def make(
        cls, code: str, *, sheet=None, row=None, column=None, field=None, value=None, severity=None, **params
    ):
        """`severity` overrides the catalogue's default where the county configures it."""
        return cls(
            Severity(severity or severity_of(code)),
            code,
            render(code, field=field, value=_quoted(value) if quotes_value(code) else None, **params),
            sheet,
            row,
            column,
            field,
            value,
        )

    @property
    def cell(self) -> str | None:
        if self.column and self.row:
            return f"{self.column}{self.row}"
        return None

    def location(self) -> str:
        """`台账!H15`, as a clerk would type it into Excel's name box."""
        where = self.cell or (f"第{self.row}行" if self.row else "")
        if self.sheet and where:
            return f"{self.sheet}!{where}"
        return self.sheet or where

    def to_dict(self) -> dict:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": self.value,
            "message": self.message,
            **(self.detail or {}),
        }


def _quoted(value: str | None, width: int = 40) -> str:
    """A cell quoted in a message: one line, and a long cell cut short (the finding keeps it whole)."""
    if value is None:
        return ""
    text = " ".join(value.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def column_letter(index: int) -> str:
    """0-based column index to Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
