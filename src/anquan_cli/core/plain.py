"""Frame columns as JSON-ready Python lists, converted per distinct value rather than per row.

Report items are built from these lists: the overdue list of a county-year is tens of thousands of
rows, and a per-row pd.Timestamp / numpy-scalar round trip cost more than the analysis itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def plain_list(series: pd.Series) -> list:
    """ISO dates for datetime columns, None for anything missing, Python scalars, never numpy's."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return iso_days(series)
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def iso_days(series: pd.Series) -> list[str | None]:
    codes, days = _days(series)
    return np.array([*days, None], dtype=object)[codes].tolist()  # code -1 (no date): the None


def _days(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, days = pd.factorize(series)  # a few hundred distinct days, each formatted once
    return codes, [d.date().isoformat() for d in days]


def text_list(series: pd.Series) -> list[str | None]:
    """Text cells as str, with empty and missing both None."""
    codes, uniques = pd.factorize(series)
    text = np.array([u if isinstance(u, str) and u else None for u in uniques] + [None], dtype=object)
    return text[codes].tolist()
