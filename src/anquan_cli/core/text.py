"""Text helpers every layer may use: NFKC for cell values, enterprise names as compared, and the
Chinese forms of dates, percentages and numbers that documents and messages print.

NFKC for many cell values at once is fast on Chinese prose.

Chinese cells are full of full-width punctuation (，：（）) and ideographic spaces, so nearly every
description fails Python's is_normalized quick check and goes through unicodedata.normalize
(≈5 µs for 30 characters: half a second for a column of 100k distinct descriptions). Those
characters' NFKC forms are plain ASCII one for one, so they are mapped for the whole column in one
numpy pass; only text still not normalised afterwards (circled numbers, ㎡, combining marks) takes
the full path. The result is NFKC exactly.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SEP = "\x00"  # never in a cell read from a workbook (XML forbids it) and removed from CSV text


def nfkc(text: str) -> str:
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def nfkc_all(texts: list[str]) -> list[str]:
    joined = _SEP.join(texts)
    if len(texts) < 64 or joined.count(_SEP) != len(texts) - 1:
        return [nfkc(t) for t in texts]
    import numpy as np  # not at the top: `anquan --help` and option checks need no numpy

    code = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).copy()
    wide = (code >= 0xFF01) & (code <= 0xFF5E)  # <wide> forms of U+0021..U+007E
    code[wide] -= 0xFEE0
    code[code == 0x3000] = 0x20  # ideographic space: <wide> U+0020
    return [nfkc(t) for t in code.tobytes().decode("utf-32-le").split(_SEP)]


_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"（": "(", "）": ")", "【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"}
)


def name_key(name: str) -> str:
    """An enterprise name as compared: NFKC, no spaces, one kind of bracket."""
    return _SPACE.sub("", nfkc(name)).translate(_BRACKETS)


def format_cn(value: dt.date | str | None) -> str:
    """2026年3月5日, the form of every document and message (GB/T 9704: Arabic numerals, no zero
    padding); "" for no date. An ISO string is read as its date."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.year}年{value.month}月{value.day}日"


def percent(value: float | None) -> str:
    """One decimal, or a dash where there was nothing to divide."""
    return "—" if value is None else f"{value:.1f}%"


def cn_number(value: int) -> str:
    """一 二 … 九十九, for 一、 二、 headings and 前三位."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    tens, ones = divmod(value, 10)
    return digits[tens] + "十" + (digits[ones] if ones else "")
