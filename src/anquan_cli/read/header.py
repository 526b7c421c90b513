"""Find the header of a ledger sheet: which row(s), and which column holds which field.

Real ledgers put titles, "填报单位：…" lines and blank rows above the header, and often use two header
rows with a parent merged over its children (整改情况 over 整改状态 / 完成时间 / 验收人).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from anquan_cli.schema import Schema, normalize_header, strip_parens

# Match quality, best first. WEAK: a weak synonym (包保责任人), used only when nothing better names the
# field. GUESSED: a key-word guess, made only in the chosen header row and never counted towards choosing it.
EXACT, NO_PARENS, CONTAINS, WEAK, GUESSED = 5, 4, 3, 2, 1
_MAX_EXTRA_CHARS = 6  # a containment match may carry a few extra characters, not a sentence
_MAX_GUESS_CHARS = 10  # a guess is made on a short header only: a sentence holding 整改 and 情况 is no header
# Words that make a header something else whatever field word it holds: 责任人电话 is a phone number,
# 复查人签字 a column signed by hand on the printout (empty in the file).
_NEVER_GUESS = ("电话", "手机", "联系", "签字", "签名", "身份证", "地址", "邮箱")
# A row counter carries nothing to read: not listed among the unused columns.
_ROW_COUNTERS = frozenset({"序号", "序", "行号", "序列号"})


@dataclass
class HeaderMatch:
    first: int  # 0-based index of the first header row
    last: int  # 0-based index of the last header row
    columns: dict[str, int]  # field id -> 0-based column index (the best header match, leftmost on ties)
    texts: dict[int, str]  # column index -> header as written (flattened "parent-child" when needed)
    # Field -> [(quality, col), ...] for each field that more than one column names, best header first;
    # build_ledger keeps the one whose values read best.
    rivals: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    quality: dict[str, int] = field(default_factory=dict)  # field id -> match quality of its column
    keys: dict[int, str] = field(default_factory=dict)  # column index -> text matched (parent+child)
    score: int = 0

    def unused(self, used: set[int]) -> list[int]:
        """Header cells with text whose column is not in `used` (ignored rivals included), left to
        right; row counters (序号) and column numbers carry nothing to read and are left out."""
        return [c for c, text in sorted(self.texts.items()) if c not in used and not _is_counter(text)]


def _is_counter(text: str) -> bool:
    key = normalize_header(text)
    return key in _ROW_COUNTERS or key.isdigit()


@cache
def _lookup_tables(schema: Schema) -> tuple[dict[str, tuple[str, bool]], tuple[tuple[str, str, bool], ...]]:
    """normalised synonym -> (field, weak), and the long ones for containment, longest first."""
    exact: dict[str, tuple[str, bool]] = {}
    for f in schema.fields:
        for name in (f.header, *f.synonyms):
            exact.setdefault(normalize_header(name), (f.id, False))
    for f in schema.fields:  # after every strong name: a weak one never takes a strong one's text
        for name in f.weak:
            exact.setdefault(normalize_header(name), (f.id, True))
    long = tuple(
        sorted(((k, v, w) for k, (v, w) in exact.items() if len(k) >= 4), key=lambda kvw: -len(kvw[0]))
    )
    return exact, long


@cache
def _longest(schema: Schema) -> int:
    _, long = _lookup_tables(schema)
    return max((len(k) for k, _, _ in long), default=0) + _MAX_EXTRA_CHARS


_FILLED_LABEL = re.compile(r"[:：]\s*\S")


@cache
def _match(schema: Schema, text: str) -> tuple[str, int] | None:
    if _FILLED_LABEL.search(text):  # "企业名称：博远购物广场" is a filled-in line, not a column header
        return None
    exact, long = _lookup_tables(schema)
    key = normalize_header(text)
    if not key:
        return None
    if key in exact:
        field_id, weak = exact[key]
        return field_id, WEAK if weak else EXACT
    bare = strip_parens(key)
    if bare in exact:
        field_id, weak = exact[bare]
        return field_id, WEAK if weak else NO_PARENS
    if len(bare) > _longest(schema):  # a data cell (a description, an address) cannot contain one
        return None
    for syn, field_id, weak in long:
        if syn in bare and len(bare) <= len(syn) + _MAX_EXTRA_CHARS:
            return field_id, WEAK if weak else CONTAINS
    return None


@cache
def _guess(schema: Schema, text: str) -> str | None:
    """The field a header off the synonym list plainly names by its key words, if any."""
    if not schema.guesses or _FILLED_LABEL.search(text):
        return None
    bare = strip_parens(normalize_header(text))
    if not bare or len(bare) > _MAX_GUESS_CHARS or any(w in bare for w in _NEVER_GUESS):
        return None
    for g in schema.guesses:
        if all(any(w in bare for w in group) for group in g.all_of) and not any(w in bare for w in g.none_of):
            return g.field
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def detect_header(
    rows: list[list[Any]], merged: list[tuple[int, int, int, int]], schema: Schema, scan: int = 30
) -> HeaderMatch | None:
    top = rows[:scan]
    if not top:
        return None
    width = _used_width(top)  # a stray value in column XFD must not make every row 16,384 cells wide
    # Header cells covered by a merge read as the merge's text (parent over children, or one name
    # spanning both header rows).
    cover: dict[tuple[int, int], str] = {}
    for r0, c0, r1, c1 in merged:
        if r0 >= scan:
            continue
        text = _text(rows[r0][c0]) if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, scan - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                cover[(r, c)] = text

    def cell(r: int, c: int) -> str:
        if (r, c) in cover:
            return cover[(r, c)]
        row = top[r]
        return _text(row[c]) if c < len(row) else ""

    best: HeaderMatch | None = None
    best_key: tuple[int, int] = (0, 0)
    for r in range(len(top)):
        single = [cell(r, c) for c in range(width)]
        candidates = [(r, r, [(t, t) for t in single])]
        if r + 1 < len(top):
            candidates.append((r, r + 1, _pair_names(schema, single, [cell(r + 1, c) for c in range(width)])))
        for first, last, names in candidates:
            found = _assign(schema, names)
            if found is None:
                continue
            # A second header row must earn its place: on a tie the single row wins, then the earlier.
            key = (found.score, int(first == last))
            if best is None or key > best_key:
                found.first, found.last = first, last
                best, best_key = found, key
    if best is None or len(best.columns) < schema.min_fields:
        return None
    if schema.key_fields and not any(f in best.columns for f in schema.key_fields):
        return None
    if schema.identity_fields and not any(f in best.columns for f in schema.identity_fields):
        return None
    # Header cells merged down from a row above (a two-row header read from its lower row) start there.
    mapped = set(best.columns.values())
    for r0, c0, r1, _c1 in merged:
        if r0 < best.first <= r1 and c0 in mapped:
            best.first = r0
    _add_guesses(schema, best)
    return best


def _add_guesses(schema: Schema, match: HeaderMatch) -> None:
    """Headers no synonym names but whose key words plainly do, for fields no real match has taken."""
    guessed: dict[str, list[tuple[int, int]]] = {}
    for c, key in sorted(match.keys.items()):
        if _match(schema, key) is not None:  # it names a field already (kept, a rival, or a weak loser)
            continue
        field_id = _guess(schema, key)
        if field_id is not None and field_id not in match.columns:
            guessed.setdefault(field_id, []).append((GUESSED, c))
    for field_id, cands in guessed.items():
        match.columns[field_id] = cands[0][1]
        match.quality[field_id] = GUESSED
        if len(cands) > 1:
            match.rivals[field_id] = cands


def _pair_names(schema: Schema, parents: list[str], children: list[str]) -> list[tuple[str, str]]:
    """(text to match, text to show) per column of a two-row header: the child when it is a field on
    its own, else "parent-child" when that is, else the parent."""
    names = []
    for parent, child in zip(parents, children, strict=True):
        if not child or child == parent:
            names.append((parent, parent))
        elif parent and _exact(schema, f"{parent}{child}"):
            # 挂牌督办 over 要求完成时间 is the 督办's date, not the rectification deadline the child
            # alone names: a pair that is itself a name on the list is the more specific reading.
            names.append((f"{parent}{child}", f"{parent}-{child}"))
        elif not parent or _match(schema, child):
            names.append((child, child))
        elif _match(schema, f"{parent}{child}"):
            names.append((f"{parent}{child}", f"{parent}-{child}"))
        else:
            names.append((parent, f"{parent}-{child}"))
    return names


def _exact(schema: Schema, text: str) -> bool:
    hit = _match(schema, text)
    return hit is not None and hit[1] == EXACT


def _used_width(rows: list[list[Any]]) -> int:
    width = 0
    for row in rows:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c] not in ("", None):
                width = c + 1
                break
    return width


def _assign(schema: Schema, names: list[tuple[str, str]]) -> HeaderMatch | None:
    found: dict[str, list[tuple[int, int]]] = {}  # field -> [(quality, col), ...] left to right
    texts: dict[int, str] = {}
    keys: dict[int, str] = {}
    for c, (match_text, shown) in enumerate(names):
        if shown:
            texts[c] = shown
        if not match_text:
            continue
        keys[c] = match_text
        hit = _match(schema, match_text)
        if hit is not None:
            found.setdefault(hit[0], []).append((hit[1], c))
    if not found:
        return None
    columns: dict[str, int] = {}
    quality: dict[str, int] = {}
    rivals: dict[str, list[tuple[int, int]]] = {}
    for field_id, cands in found.items():
        if any(q > WEAK for q, _ in cands):  # a weak name steps aside, unlisted as a rival
            cands = [qc for qc in cands if qc[0] > WEAK]
        cands.sort(key=lambda qc: (-qc[0], qc[1]))  # best header first, then leftmost
        quality[field_id], columns[field_id] = cands[0]
        if len(cands) > 1:
            rivals[field_id] = cands
    required = sum(1 for f in schema.required if f.id in columns)
    score = len(columns) + required
    return HeaderMatch(0, 0, columns, texts, rivals, quality, keys, score)
