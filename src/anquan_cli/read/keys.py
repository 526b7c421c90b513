"""How an enterprise is recognised across ledgers: its 统一社会信用代码 when that is valid and written as
text, else its name as compared (core.text.name_key). The merge, the cross-ledger check and (to come)
the roster all use these, so an enterprise is one enterprise everywhere."""

from __future__ import annotations

import numpy as np

from anquan_cli.core.identifiers import uscc_problem
from anquan_cli.read.ledger import Ledger, state_col
from anquan_cli.read.normalize import UsccState


def valid_uscc(ledger: Ledger, field_id: str = "uscc") -> np.ndarray:
    """Rows whose credit code, written as text, is well-formed and passes the check digit."""
    if not ledger.has(field_id):
        return np.zeros(len(ledger.data), dtype=bool)
    codes, per_code = ledger.distinct(field_id)
    ok = np.array([v is not None and uscc_problem(v) is None for v in per_code], dtype=bool)
    return ok[codes] & (ledger.data[state_col(field_id)].to_numpy() == UsccState.TEXT)


def valid_codes(ledger: Ledger, field_id: str = "uscc") -> np.ndarray:
    """Each row's credit code where valid_uscc holds, else None (an object array)."""
    codes = np.full(len(ledger.data), None, dtype=object)
    ok = valid_uscc(ledger, field_id)
    if ok.any():
        codes[ok] = ledger.data[field_id].to_numpy()[ok]
    return codes
