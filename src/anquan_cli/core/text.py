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
import itertools
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


def local_name_key(name: str, county: str) -> str:
    """name_key without the county's own name, which rosters and ledgers write or leave out at will:
    示例县宏达机械有限公司, 宏达机械有限公司 and 宏达机械有限公司（示例县） are one enterprise."""
    key = name_key(name)
    place = name_key(county) if county else ""
    if not place:
        return key
    key = key.replace(f"({place})", "")
    if key.startswith(place) and len(key) > len(place) + 1:
        key = key[len(place) :]
    return key


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


# Words a document title may break after (GB/T 9704 7.3.3: 回行时词意完整), and the function words
# a line may start with. Enterprise and town names end in one of the suffixes, so a break never
# falls inside a name; elsewhere a title breaks only between two of these words.
_TITLE_WORDS = (
    "关于",
    "做好",
    "督促",
    "加快",
    "全县",
    "全市",
    "全区",
    "安全生产",
    "安全防范",
    "隐患排查",
    "排查整治",
    "排查治理",
    "隐患",
    "问题",
    "情况",
    "工作",
    "整改",
    "逾期未整改",
    "有限责任公司",
    "股份有限公司",
    "有限公司",
    "公司",
    "厂",
    "中心",
    "合作社",
    "办事处",
    "人民政府",
    "管理委员会",
    "街道",
    "镇",
    "乡",
    "开发区",
    "季节",
    "前后",
    "汛期",
    "冬季",
    "春季",
    "秋季",
)
_TITLE_STARTS = ("的",)
_TITLE_ASCII = re.compile(r"[\x21-\x7e]+")


def _title_breaks(text: str) -> set[int]:
    """Positions a title may break at: after one of the words, before 的 and after a date like
    2026年10月; never inside a run of digits or Latin letters."""
    breaks: set[int] = set()
    for word in _TITLE_WORDS:
        start = text.find(word)
        while start >= 0:
            breaks.add(start + len(word))
            start = text.find(word, start + 1)
    for word in _TITLE_STARTS:
        start = text.find(word)
        while start >= 0:
            breaks.add(start)
            start = text.find(word, start + 1)
    for m in re.finditer(r"\d+年(?:\d+月)?(?:份)?", text):
        breaks.add(m.end())
    inside = {i for m in _TITLE_ASCII.finditer(text) for i in range(m.start() + 1, m.end())}
    return {b for b in breaks if 0 < b < len(text) and b not in inside}


def _em(text: str) -> float:
    """Width in characters of the title font: digits and Latin letters are half a character."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def title_lines(text: str, width: float = 20.0) -> str:
    """A document title broken into lines of at most `width` characters, between words, the lines as
    even as the words allow (a 梯形 or 菱形, GB/T 9704 7.3.3), never a line of one or two characters;
    joined with "\\n". A title that fits on one line is returned as it is."""
    text = text.strip()
    if _em(text) <= width or len(text) > 200:  # past ten lines (a hostile name) Word's own wrap does
        return text
    breaks = sorted(_title_breaks(text))
    lines = -(-int(_em(text) * 2) // int(width * 2))  # ceil(em / width)
    for count in (lines, lines + 1):
        best = _best_split(text, breaks, count, width)
        if best is not None:
            return "\n".join(best)
    # no break between words gives lines that fit: break evenly anywhere but inside a number
    cut = [b for b in range(1, len(text)) if not (text[b - 1].isascii() and text[b].isascii())]
    best = _best_split(text, cut, lines, width)
    return "\n".join(best) if best else text


def _best_split(text: str, breaks: list[int], count: int, width: float) -> list[str] | None:
    """The split into `count` lines at the given breaks with the least spread of line widths, each
    line fitting and at least three characters wide; None when there is none. Dynamic programming
    over the breaks; a title longer than four lines (only a hostile name) is filled line by line."""
    if count > 4:
        return _fill(text, breaks, width)
    target = _em(text) / count
    points = [0, *breaks, len(text)]
    # best[k][j]: (cost, previous index) of k lines ending at points[j]
    best: list[dict[int, tuple[float, int]]] = [{0: (0.0, -1)}]
    for k in range(1, count + 1):
        row: dict[int, tuple[float, int]] = {}
        for j in range(1, len(points)):
            for i, (cost, _) in best[k - 1].items():
                if i >= j:
                    continue
                part = text[points[i] : points[j]]
                w = _em(part)
                if w > width or len(part) < 3:
                    continue
                total = cost + (w - target) ** 2
                if j not in row or total < row[j][0]:
                    row[j] = (total, i)
        best.append(row)
    last = len(points) - 1
    if last not in best[count]:
        return None
    bounds, j = [], last
    for k in range(count, 0, -1):
        bounds.append(points[j])
        j = best[k][j][1]
    bounds.append(0)
    bounds.reverse()
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _fill(text: str, breaks: list[int], width: float) -> list[str]:
    """Lines filled as far as they go, broken at the last break that fits (or where the width ends)."""
    lines, start, allowed = [], 0, set(breaks)
    while _em(text[start:]) > width:
        end, fit = start, None
        while end < len(text) and _em(text[start : end + 1]) <= width:
            end += 1
            if end in allowed:
                fit = end
        cut = fit if fit is not None and fit > start else max(end, start + 1)
        lines.append(text[start:cut])
        start = cut
    return [*lines, text[start:]]


_GENERIC_NAME = re.compile(r"(?:安全生产)?(?:隐患排查(?:治理|整治)?|排查治理|隐患)?(?:台账|清单|汇总表?)")


def source_ref(file_name: str, row: int) -> str:
    """A short reference to a ledger row for a table cell: 白马镇10月 第3行 for 第3行 of
    白马镇隐患排查治理台账（2026年10月）.xlsx (the full name is in the workbooks)."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    short = _GENERIC_NAME.sub("", stem)
    short = re.sub(r"\d{4}年(\d{1,2}月)", r"\1", short)  # the month tells the files of one year apart
    short = re.sub(r"[（()）\[\]【】《》\s]+", "", short).strip("_-—") or stem
    return f"{short[:16]} 第{row}行"
