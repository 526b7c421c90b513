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

EXACT, NO_PARENS, CONTAINS = 3, 2, 1  # match quality, best first
_MAX_EXTRA_CHARS = 6  # a containment match may carry a few extra characters, not a sentence


@dataclass
class HeaderMatch:
    first: int  # 0-based index of the first header row
    last: int  # 0-based index of the last header row
    columns: dict[str, int]  # field id -> 0-based column index
    texts: dict[int, str]  # column index -> header as written (flattened "parent-child" when needed)
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)  # (field, ignored col, kept col)
    score: int = 0


@cache
def _lookup_tables(schema: Schema) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    for f in schema.fields:
        for name in (f.header, *f.synonyms):
            exact.setdefault(normalize_header(name), f.id)
    long = tuple(sorted(((k, v) for k, v in exact.items() if len(k) >= 4), key=lambda kv: -len(kv[0])))
    return exact, long


@cache
def _longest(schema: Schema) -> int:
    _, long = _lookup_tables(schema)
    return max((len(k) for k, _ in long), default=0) + _MAX_EXTRA_CHARS


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
        return exact[key], EXACT
    bare = strip_parens(key)
    if bare in exact:
        return exact[bare], NO_PARENS
    if len(bare) > _longest(schema):  # a data cell (a description, an address) cannot contain one
        return None
    for syn, field_id in long:
        if syn in bare and len(bare) <= len(syn) + _MAX_EXTRA_CHARS:
            return field_id, CONTAINS
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
    return best


def _pair_names(schema: Schema, parents: list[str], children: list[str]) -> list[tuple[str, str]]:
    """(text to match, text to show) per column of a two-row header: the child when it is a field on
    its own, else "parent-child" when that is, else the parent."""
    names = []
    for parent, child in zip(parents, children, strict=True):
        if not child or child == parent:
            names.append((parent, parent))
        elif not parent or _match(schema, child):
            names.append((child, child))
        elif _match(schema, f"{parent}{child}"):
            names.append((f"{parent}{child}", f"{parent}-{child}"))
        else:
            names.append((parent, f"{parent}-{child}"))
    return names


def _used_width(rows: list[list[Any]]) -> int:
    width = 0
    for row in rows:
        for c in range(len(row) - 1, width - 1, -1):
            if row[c] not in ("", None):
                width = c + 1
                break
    return width


def _assign(schema: Schema, names: list[tuple[str, str]]) -> HeaderMatch | None:
    chosen: dict[str, tuple[int, int]] = {}  # field -> (quality, col)
    duplicates: list[tuple[str, int, int]] = []
    texts: dict[int, str] = {}
    for c, (match_text, shown) in enumerate(names):
        if shown:
            texts[c] = shown
        hit = _match(schema, match_text) if match_text else None
        if hit is None:
            continue
        field_id, quality = hit
        if field_id in chosen:
            kept_q, kept_c = chosen[field_id]
            if quality > kept_q:
                duplicates.append((field_id, kept_c, c))
                chosen[field_id] = (quality, c)
            else:
                duplicates.append((field_id, c, kept_c))
            continue
        chosen[field_id] = (quality, c)
    if not chosen:
        return None
    columns = {f: c for f, (_, c) in chosen.items()}
    required = sum(1 for f in schema.required if f.id in columns)
    score = len(columns) + required
    return HeaderMatch(0, 0, columns, texts, duplicates, score)
