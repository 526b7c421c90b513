"""anquan's own marked-up copies (<name>_校验.xlsx) coming back from the towns, corrected.

A copy carries custom document properties (render.annotate writes them): Excel, WPS and LibreOffice keep
them when they save the workbook again. A copy written before it carried them, or saved again as .xls or
.ods, is known by its first sheet: 校验结果 with the findings header. The name proves nothing on its own:
a town may well call its own ledger …_校验.xlsx.

The parts of an xlsx are scanned as bytes, never given to an XML parser (as in formulas.py), and only
the two small ones: every workbook of a folder is looked at, so the look must cost next to nothing.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.messages import FINDINGS_HEADER, LABELS
from anquan_cli.read.inspect import ZIP_MAGIC, Limits, head_of
from anquan_cli.read.sources import LEDGER_EXTS, Source

ANNOTATED_SUFFIX = "_校验"
COPY_OF = "anquan_copy_of"  # the original's file name
COPY_AS_OF = "anquan_copy_as_of"  # ISO cut-off date of the check the copy shows
FINDINGS_SHEET = LABELS["findings-sheet"]

_PART_LIMIT = 1 << 20  # a properties part or workbook.xml bigger than this is not ours to look into
_RELS = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")
_PROPERTY = re.compile(rb"<(?:\w+:)?property\b([^>]*)>(.*?)</(?:\w+:)?property>", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?(?:lpwstr|lpstr|bstr)\b[^>]*>(.*?)</", re.S)
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_CUSTOM_REL = b"/relationships/custom-properties"
# What Windows, a browser's download or a mail client add to a file saved twice: " (1)", "(2)", " - 副本".
_DUPLICATE = re.compile(r"(?:\s*[(（]\d+[)）]|\s*-\s*(?:副本|复制|copy))+$", re.I)


@dataclass(frozen=True)
class CopyMark:
    """What a returned copy says of itself: its original's file name, unless written before it said so."""

    original: str | None
    as_of: str | None = None


def copy_mark(path: Path, limits: Limits = Limits()) -> CopyMark | None:
    """The marks of one of our copies, or None for any other file (an unreadable one too: reading it
    later says why)."""
    ext = path.suffix.lower()
    try:
        zipped = head_of(path, 4).startswith(ZIP_MAGIC)
    except OSError:
        return None
    if ext in (".xlsx", ".xlsm") and zipped:
        properties, first = _zip_marks(path)
        if COPY_OF in properties:
            return CopyMark(properties[COPY_OF] or None, properties.get(COPY_AS_OF))
        if first != FINDINGS_SHEET:
            return None
    elif "校验" not in path.name or ext not in (".xlsx", ".xlsm", ".xls", ".ods"):
        # Opening every .xls of a folder a second time only to look at its first sheet would double
        # the time a folder takes; a town that returns our copy as .xls keeps its name.
        return None
    return CopyMark(None) if _first_sheet_is_findings(path, limits) else None


def is_findings_sheet(rows: list[list]) -> bool:
    """The 校验结果 sheet of a marked-up copy: its header row within the first few rows."""
    want = list(FINDINGS_HEADER)
    return any(
        [str(v).strip() if v is not None else "" for v in row[: len(want)]] == want for row in rows[:6]
    )


def base_stem(stem: str) -> str:
    """白马镇_校验 (1) → 白马镇: the stem of the file a copy was made of, as its name tells it."""
    stem = _DUPLICATE.sub("", stem)
    return stem[: -len(ANNOTATED_SUFFIX)] if stem.endswith(ANNOTATED_SUFFIX) else stem


def copy_stem(path: Path, copy_of: str | None) -> str:
    """The stem of the marked-up copy of `path`: <name>_校验, and for a returned copy its original's
    name with the suffix once (never …_校验_校验)."""
    if copy_of is None:
        return path.stem + ANNOTATED_SUFFIX
    return _stem_of(copy_of) + ANNOTATED_SUFFIX


def names_original(copy_of: str, path: Path) -> bool:
    """Whether `path` is the file a copy names as its original (a name told by the copy's own name,
    without an extension, matches the stem, also with the folder prefix unique_names adds)."""
    if path.name.casefold() == copy_of.casefold():
        return True
    if _stem_of(copy_of) != copy_of:
        return False
    return copy_of.casefold() in (path.stem.casefold(), f"{path.parent.name}_{path.stem}".casefold())


def _stem_of(name: str) -> str:
    p = Path(name)
    return p.stem if p.suffix.lower() in LEDGER_EXTS else name


def _zip_marks(path: Path) -> tuple[dict[str, str], str | None]:
    """(custom document properties as text, the first sheet's name) of an xlsx; empty when unreadable."""
    try:
        with zipfile.ZipFile(path) as zf:
            part = "docProps/custom.xml"
            rels = _small(zf, "_rels/.rels")
            for match in _RELS.finditer(rels or b""):
                attrs = _attrs(match.group(1))
                if attrs.get(b"Type", b"").endswith(_CUSTOM_REL):
                    part = html.unescape(attrs.get(b"Target", b"").decode("utf-8", "replace")).lstrip("/")
            properties = {}
            for match in _PROPERTY.finditer(_small(zf, part) or b""):
                name = _attrs(match.group(1)).get(b"name")
                value = _VALUE.search(match.group(2))
                if name is not None and value is not None:
                    properties[_text(name)] = _text(value.group(1))
            sheet = _SHEET.search(_small(zf, "xl/workbook.xml") or b"")
            first = _text(_attrs(sheet.group(1)).get(b"name", b"")) if sheet else None
            return properties, first
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return {}, None


def _small(zf: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    return zf.read(info) if info.file_size <= _PART_LIMIT else None


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {k.split(b":")[-1]: v for k, v in _ATTR.findall(raw)}


def _text(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", "replace")).strip()


def _first_sheet_is_findings(path: Path, limits: Limits) -> bool:
    try:
        source = Source(path, limits)
        sheets = source.sheets()
        if not sheets or sheets[0].name != FINDINGS_SHEET:
            return False
        return is_findings_sheet(source.grid(sheets[0]).rows)
    except AnquanError:
        return False
