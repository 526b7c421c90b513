"""A zip package (.docx) written many times with one part changed: the other parts deflated once.

A letter is ~20 parts, of which only word/document.xml differs between letters; zipfile would
deflate the styles, fonts, theme and settings again for each of 214 letters (a quarter of the batch's
time). Here each unchanged part's deflated bytes, CRC and sizes are kept and written as they are.
Plain ZIP (no ZIP64): a letter is far below 4 GB and 65 535 parts.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: deflate
_UTF8 = 0x800  # general purpose flag bit 11: the name is UTF-8
_DEFLATED = 8
_DOS_DATE = 1 << 5 | 1  # 1980-01-01 00:00: the same letter gives the same bytes on every run


class _Part:
    __slots__ = ("crc", "data", "name", "size")

    def __init__(self, name: str, raw: bytes, level: int) -> None:
        self.name = name.encode("utf-8")
        self.crc = zlib.crc32(raw)
        self.size = len(raw)
        deflate = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.data = deflate.compress(raw) + deflate.flush()


class Package:
    """The parts of a package in order; `write(target, {name: bytes})` replaces the named ones."""

    def __init__(self, parts: list[tuple[str, bytes]], level: int = 6) -> None:
        self._names = [name for name, _ in parts]
        self._parts = {name: _Part(name, raw, level) for name, raw in parts}

    def write(self, target: Path, replaced: dict[str, bytes], level: int = 6) -> None:
        parts = [
            _Part(name, replaced[name], level) if name in replaced else self._parts[name]
            for name in self._names
        ]
        chunks, central, offset = [], [], 0
        for part in parts:
            flags = _UTF8 if not part.name.isascii() else 0
            # The fields the local header and the central directory entry share, in their order.
            shared = (flags, _DEFLATED, 0, _DOS_DATE, part.crc, len(part.data), part.size, len(part.name))
            header = _LOCAL.pack(0x04034B50, _VERSION, *shared, 0)
            central.append(
                _CENTRAL.pack(0x02014B50, _VERSION, _VERSION, *shared, 0, 0, 0, 0, 0, offset) + part.name
            )
            chunks += [header, part.name, part.data]
            offset += len(header) + len(part.name) + len(part.data)
        directory = b"".join(central)
        end = _END.pack(0x06054B50, 0, 0, len(parts), len(parts), len(directory), offset, 0)
        target.write_bytes(b"".join(chunks) + directory + end)
