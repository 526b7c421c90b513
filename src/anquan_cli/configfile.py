"""Which anquan.toml applies, decided without the pydantic model: a command can start reading its
first workbook with the built-in limits while the model loads (commands._run.load_and_read)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_CONFIG_NAME = "anquan.toml"


def config_file(path: Path | None) -> Path | None:
    """The path given, else ./anquan.toml when present, else None (the built-in defaults)."""
    if path is not None:
        return path
    candidate = Path.cwd() / DEFAULT_CONFIG_NAME
    return candidate if candidate.is_file() else None
