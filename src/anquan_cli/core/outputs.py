"""Writing files safely: atomic replace, file names built from data made portable, inputs never touched."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from anquan_cli.core.errors import AnquanError

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
MAX_NAME_BYTES = 180  # UTF-8 bytes: Linux allows 255 per name, and a suffix or prefix may follow


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
    s = s[:MAX_NAME]
    while len(s.encode("utf-8")) > MAX_NAME_BYTES:  # 120 Chinese characters are 360 bytes
        s = s[:-1]
    return s


MAX_PATH = 240  # Windows' classic limit is 260 with the drive and terminator; WPS and zip tools fail first


def fit_in(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem+suffix, the stem shortened so that the whole path stays within MAX_PATH characters
    (a long enterprise name in a deep folder must not make a file Windows cannot open)."""
    room = MAX_PATH - len(str(folder.resolve())) - 1 - len(suffix)
    if room < 8:  # not even 001_警示函 fits: the folder itself is too deep
        raise AnquanError("output-unwritable", path=folder, reason=f"路径过长（超过 {MAX_PATH} 个字符）")
    return folder / f"{stem[:room].rstrip(' ._')}{suffix}"


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


def input_guard(inputs: Iterable[Path]) -> Callable[[Path], None]:
    """A check that an output path is none of the inputs, which are resolved once (a month's 214
    letters, each checked against 20 files resolved again, took a third of a second)."""
    resolved = set()
    for p in inputs:
        with contextlib.suppress(OSError):
            resolved.add(p.resolve())

    def check(target: Path) -> None:
        if target.resolve() in resolved:
            raise AnquanError("output-is-input", path=target)

    return check


_OS_REASONS = {
    errno.ENAMETOOLONG: "文件名过长",
    errno.EACCES: "没有写入权限，或文件正在 Excel/WPS 中打开",
    errno.EPERM: "没有写入权限，或文件正在 Excel/WPS 中打开",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "位置是只读的",
    errno.ENOENT: "文件夹不存在",
    errno.EEXIST: "同名文件夹已存在",
    errno.ENOTDIR: "路径中有同名文件而不是文件夹",
}


def refuse_inside_inputs(out: Path, paths: Iterable[Path]) -> None:
    """An output folder inside a folder being read would be read back next time (and mix our files with
    the towns'): refused before anything is read or written."""
    target = out.resolve()
    for p in paths:
        folder = p.resolve() if p.is_dir() else p.resolve().parent
        if target == folder or folder in target.parents:
            raise AnquanError("out-inside-input", out=out, path=p)


def os_reason(exc: OSError) -> str:
    """An operating-system failure in the clerk's words."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误（代码 {exc.errno}）")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def ensure_folder(folder: Path) -> Path:
    """`folder` and its parents created, or the clerk told in one line why they cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnquanError("output-unwritable", path=folder, reason=os_reason(exc)) from exc
    return folder


_NOT_A_FILE = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "管道"),
    (stat.S_ISCHR, "设备"),
    (stat.S_ISBLK, "设备"),
    (stat.S_ISSOCK, "套接字"),
)


def refuse_non_file(target: Path) -> None:
    """An output may replace a file, never a folder, a device, a pipe or a socket of that name."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # nothing there yet (or not reachable: the write itself reports why)
    for test, what in _NOT_A_FILE:
        if test(mode):
            raise AnquanError("output-not-file", path=target, what=what)
    if not stat.S_ISREG(mode):
        raise AnquanError("output-not-file", path=target, what="特殊文件")


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename.

    An interrupted or failed write leaves the previous `target` intact and no half-written file.
    """
    refuse_non_file(target)
    ensure_folder(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~anquan-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise AnquanError("output-unwritable", path=target, reason=os_reason(exc)) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with contextlib.suppress(OSError):  # mkstemp makes 0600 files; outputs are ordinary documents
            tmp_path.chmod(0o666 & ~_umask())
        try:
            os.replace(tmp_path, target)
        except OSError as exc:
            raise AnquanError("output-unwritable", path=target, reason=os_reason(exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
