"""Turning vectorised masks into Findings: one object per failing cell, nothing for good ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from anquan_cli.core.config import Config
from anquan_cli.core.findings import Finding
from anquan_cli.core.messages import quotes_value
from anquan_cli.core.text import format_cn
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.read.normalize import display


@dataclass(frozen=True)
class CheckContext:
    as_of: dt.date
    min_year: int = 2000
    max_year: int = 2100
    towns: frozenset[str] = field(default_factory=frozenset)
    industries: frozenset[str] = field(default_factory=frozenset)
    config: Config = field(default_factory=lambda: Config())


class Reporter:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.findings: list[Finding] = []
        self._rows = ledger.data[ROW].to_numpy()

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    def cells(
        self,
        code: str,
        field_id: str,
        mask: np.ndarray,
        *,
        severity: str | None = None,
        detail: np.ndarray | None = None,
        **params: object,
    ) -> np.ndarray:
        """One finding per True in `mask`, on the cell of `field_id`. Array params are per row, and so
        is `detail` (the finding's extra JSON keys).

        Returns the row positions flagged, so a later rule can avoid reporting the same cell twice.
        """
        idx = np.flatnonzero(mask)
        if not idx.size:
            return idx
        ledger = self.ledger
        ref = ledger.columns[field_id]
        header = ledger.schema[field_id].header
        rows = self._rows
        if ref.context:  # a value written once above the header is one cell: report it once, there
            idx = idx[:1]
        elif field_id in ledger.origin:  # likewise a cell merged down over several rows
            rows = ledger.origin[field_id]
            idx = idx[np.unique(rows[idx], return_index=True)[1]]
        numbers = [ref.context_row] * len(idx) if ref.context else rows[idx].tolist()
        shown = [display(v) for v in ledger.raw_values(field_id, idx)]
        letter = ref.letter
        if (
            detail is None
            and not quotes_value(code)
            and not any(isinstance(v, np.ndarray) for v in params.values())
        ):
            # One message for the whole column (it never quotes the cell): rendered once, not per cell.
            one = Finding.make(
                code, sheet=ledger.sheet, column=letter, field=header, severity=severity, **params
            )
            self.findings.extend(
                Finding(one.severity, code, one.message, ledger.sheet, row, letter, header, value)
                for row, value in zip(numbers, shown, strict=True)
            )
            return idx
        for i, row, value in zip(idx, numbers, shown, strict=True):
            values = {k: _param(v[i]) if isinstance(v, np.ndarray) else v for k, v in params.items()}
            finding = Finding.make(
                code,
                sheet=ledger.sheet,
                row=row,
                column=letter,
                field=header,
                value=value,
                severity=severity,
                **values,
            )
            if detail is not None:
                finding.detail = detail[i]
            self.findings.append(finding)
        return idx

    def file(self, code: str, field_id: str | None = None, **params: object) -> None:
        """A problem of the sheet as a whole, reported at its header row."""
        ledger = self.ledger
        header = ledger.schema[field_id].header if field_id else None
        ref = ledger.columns.get(field_id) if field_id else None
        self.findings.append(
            Finding.make(
                code,
                sheet=ledger.sheet,
                row=ledger.header_rows[1],
                column=ref.letter if ref else None,
                field=header,
                **params,
            )
        )

    def sorted(self) -> list[Finding]:
        order = {ref.letter: ref.index for ref in self.ledger.columns.values() if ref.letter}
        return sorted(self.findings, key=lambda f: (f.row or 0, order.get(f.column or "", -1)))


def _param(value: object) -> object:
    if isinstance(value, np.datetime64):
        return format_cn(value.astype("datetime64[D]").astype(dt.date)) if not np.isnat(value) else ""
    if isinstance(value, np.integer):
        return int(value)
    return value
