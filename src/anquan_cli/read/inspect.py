"""Look at a file before any parser does: what it really is, whether it is encrypted, and whether
unpacking it would be safe. Each refusal is one Chinese reason the clerk can pass on to the sender."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from anquan_cli.core.config import Limits
from anquan_cli.core.errors import AnquanError

__all__ = ["Limits", "check_zip", "diagnose"]

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_HTML = re.compile(rb"^\s*(?:<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)", re.I)
MB = 1 << 20


def head_of(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def diagnose(path: Path, ext: str) -> str:
    """Why a file that claims to be a workbook is not one, in the clerk's words."""
    head = head_of(path)
    if head.startswith(ZIP_MAGIC) or head.startswith(EMPTY_ZIP):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                bad = zf.testzip()
        except (zipfile.BadZipFile, OSError, EOFError):
            return "文件不完整或已损坏（可能是下载或拷贝时中断）"
        except Exception:  # a damaged member table can fail in many ways; all mean the same to the clerk
            return "文件不完整或已损坏（可能是下载或拷贝时中断）"
        if "xl/workbook.xml" not in names and "content.xml" not in names:
            if "word/document.xml" in names:
                return "这是 Word 文档，不是 Excel 工作簿"
            return "这是一个压缩包（如 zip 或其他 Office 文档），不是 Excel 工作簿"
        if bad is not None:
            return "文件不完整或已损坏（压缩内容校验失败）"
        return "工作簿内容无法解析（可能由不兼容的软件生成）"
    if head.startswith(OLE_MAGIC):
        return "旧版 Excel 文件已损坏，无法解析"
    if _HTML.match(head):
        return "这是网页（HTML）格式的“假 Excel”，请在 Excel 或 WPS 中打开后另存为 xlsx"
    if _looks_like_text(head):
        hint = "（如果是 CSV，请把扩展名改为 .csv）" if ext != ".csv" else ""
        return f"这是文本文件，不是 Excel 工作簿{hint}"
    return "文件内容不是可识别的表格格式"


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:2048]
    controls = sum(b < 9 or 13 < b < 32 for b in sample)
    return controls < len(sample) * 0.02


def is_encrypted_ole(path: Path) -> bool:
    """Office wraps a password-protected xlsx in an OLE file with an EncryptedPackage stream."""
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            if _ENCRYPTED_STREAM in chunk:
                return True
    return False


def _part_label(name: str) -> str:
    if "worksheets/" in name or name.endswith("content.xml"):
        return "工作表数据"
    if "sharedStrings" in name:
        return "文字内容"
    return "其中一个部件"


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse a zip whose declared sizes would exhaust memory when a parser unpacks it (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # the parser will fail on it and diagnose() explains why
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        packed = max(info.compress_size, 1)
        too_big = size > limits.max_part_mb * MB
        bomb = size > 20 * MB and size / packed > limits.max_ratio
        if too_big or bomb:
            raise AnquanError(
                "file-too-large", part=_part_label(info.filename), size=size // MB, limit=limits.max_part_mb
            )
    if total > limits.max_total_mb * MB:
        raise AnquanError("file-too-large", part="全部内容", size=total // MB, limit=limits.max_total_mb)
    _check_ranges(path, infos, limits)


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?r="([A-Z]+)([0-9]+)"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_ranges(path: Path, infos: list, limits: Limits) -> None:
    """A single value in XFD1048576 makes a parser allocate the whole 16,384 × 1,048,576 range."""
    sheets = [i for i in infos if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
    if not sheets:
        return
    with zipfile.ZipFile(path) as zf:
        for info in sheets:
            with zf.open(info) as fh:
                head = fh.read(1 << 16)
                m = _DIMENSION.search(head)
                if m and m.group(3):
                    rows, cols = int(m.group(4)), _col(m.group(3))
                else:  # no (or a one-cell) dimension: find the farthest cell ourselves
                    rows = cols = 0
                    chunk, tail = head, b""
                    while chunk:
                        for letters, number in _CELL_REF.findall(tail + chunk):
                            rows, cols = max(rows, int(number)), max(cols, _col(letters))
                        tail = chunk[-64:]
                        chunk = fh.read(1 << 20)
            if rows * cols > limits.max_cells:
                raise AnquanError("sheet-too-large", rows=rows, cols=cols, limit=limits.max_cells)
