"""Report months as the clerk types them ("2026-10", "2026年10月"): light enough for a command to check
its options before it starts reading."""

from __future__ import annotations

import datetime as dt
import re


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """ "2026-10" → (2026-10-01, 2026-10-31)."""
    from anquan_cli.errors import AnquanError

    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", month or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise AnquanError("option-month-invalid", value=month)
    year, mon = int(m.group(1)), int(m.group(2))
    first = dt.date(year, mon, 1)
    last = dt.date(year + mon // 12, mon % 12 + 1, 1) - dt.timedelta(days=1)
    return first, last
