"""Checks across ledger kinds: enterprises in the hazard ledgers without a responsibility list.

Each ledger is reduced to a small roster (one line per enterprise) as soon as it is checked, so the
cross check never needs the ledgers themselves in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from anquan_cli.core.findings import Finding
from anquan_cli.core.text import name_key
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import ROW, Ledger
from anquan_cli.rules.common import present, value_ids


@dataclass(frozen=True)
class Enterprise:
    unit: str
    name_key: str
    uscc: str | None  # only when valid
    town: str | None
    sheet: str | None
    row: int | None
    column: str | None


def roster(ledger: Ledger) -> list[Enterprise]:
    """The enterprises of a ledger, each at its first row."""
    if not ledger.has("unit") or not len(ledger.data):
        return []
    data = ledger.data
    has_name = np.flatnonzero(present(ledger, "unit"))
    firsts = has_name[np.sort(np.unique(value_ids(ledger, "unit", name_key)[has_name], return_index=True)[1])]
    units = data["unit"].to_numpy()[firsts]
    uscc = valid_codes(ledger)[firsts] if ledger.has("uscc") else None
    towns = data["town"].to_numpy()[firsts] if ledger.has("town") else None
    # a name merged down over its rows is one cell: point at it
    rows = ledger.origin.get("unit", data[ROW].to_numpy())[firsts]
    ref = ledger.columns["unit"]
    return [
        Enterprise(
            unit,
            name_key(unit),
            _text(uscc[i]) if uscc is not None else None,
            _text(towns[i]) if towns is not None else None,
            ledger.sheet,
            ref.context_row if ref.context else int(rows[i]),
            ref.letter,
        )
        for i, unit in enumerate(units)
    ]


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def missing_lists(hazards: list[Enterprise], lists: list[Enterprise]) -> list[tuple[Enterprise, Finding]]:
    """Hazard-ledger enterprises matched by neither credit code nor normalised name in any list.

    Each is reported once, where it appears last: with monthly folders in order, the newest submission.
    """
    codes = {e.uscc for e in lists if e.uscc}
    names = {e.name_key for e in lists}
    seen: set[str] = set()
    out = []
    for e in reversed(hazards):
        identity = e.uscc or e.name_key
        if identity in seen or (e.uscc and e.uscc in codes) or e.name_key in names:
            continue
        seen.add(identity)
        finding = Finding.make(
            "no-responsibility-list",
            sheet=e.sheet,
            row=e.row,
            column=e.column,
            field="企业名称",
            value=e.unit,
            unit=e.unit,
        )
        out.append((e, finding))
    return sorted(out, key=lambda pair: (pair[0].town or "", pair[0].unit))
