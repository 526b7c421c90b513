"""Files that ship with anquan: inside the wheel (anquan_cli/templates, anquan_cli/sample_ledgers) or,
in a source checkout, at the repository's top level."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # anquan_cli/


def shipped(name: str) -> Path:
    """templates/ or sample_ledgers/, wherever this installation keeps them."""
    inside = _PACKAGE / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parents[1] / name
