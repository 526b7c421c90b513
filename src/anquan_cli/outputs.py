"""Writing files safely: atomic replace, file names built from data made portable, inputs never touched."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from anquan_cli.errors import AnquanError

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))
# Cell text from a ledger is data: "=1+1" or "http://…" must stay text, never a formula or a link.
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
MAX_NAME = 120  # characters; Windows paths stay short enough for Explorer and WPS


def safe_filename(name: str, fallback: str = "未命名") -> str:
    """A file name that is valid on Windows and Linux and cannot leave its folder."""
    s = unicodedata.normalize("NFC", name).translate(_BIDI)
    s = _FORBIDDEN.sub("_", s)
    s = s.strip().strip(".").strip()
    s = re.sub(r"_+", "_", s)
    if not s or set(s) <= {"_", "."}:
        s = fallback
    if s.split(".")[0].upper() in _RESERVED:
        s = f"_{s}"
    return s[:MAX_NAME]


def unique_names(stems: Iterable[tuple[Path, str]]) -> dict[Path, str]:
    """Stable, collision-free output stems for inputs that may share a name in different folders.

    `stems` pairs each input with its preferred stem; a clash is resolved with the parent folder's
    name first (2026-09_青石镇), then a counter.
    """
    pairs = list(stems)
    counts: dict[str, int] = {}
    for _, stem in pairs:
        counts[stem.casefold()] = counts.get(stem.casefold(), 0) + 1
    taken: set[str] = set()
    out: dict[Path, str] = {}
    for path, stem in pairs:
        name = safe_filename(stem)
        if counts[stem.casefold()] > 1 and path.parent.name:
            name = safe_filename(f"{path.parent.name}_{stem}")
        base, n = name, 2
        while name.casefold() in taken:
            name, n = f"{base}({n})", n + 1
        taken.add(name.casefold())
        out[path] = name
    return out


def ensure_not_input(target: Path, inputs: Iterable[Path]) -> None:
    resolved = target.resolve()
    for p in inputs:
        with contextlib.suppress(OSError):
            if p.resolve() == resolved:
                raise AnquanError("output-is-input", path=target)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename.

    An interrupted or failed write leaves the previous `target` intact and no half-written file.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnquanError("output-unwritable", path=target, reason=exc.strerror or str(exc)) from exc
    fd, tmp = tempfile.mkstemp(prefix=".~anquan-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with contextlib.suppress(OSError):  # mkstemp makes 0600 files; outputs are ordinary documents
            tmp_path.chmod(0o666 & ~_umask())
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise AnquanError("output-unwritable", path=target, reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
