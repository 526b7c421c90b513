"""重大事故隐患判定标准 as data, and which criteria a hazard's description meets (domain.md §9).

The table ships as anquan_cli/data/criteria.toml; a county adds criteria or replaces one by its id in
anquan.toml ([[major.criteria]] or a file named by [major] criteria_file) and switches some off
([major] disable). Matching is by key phrases after normalisation, so it can only say "suspected": a
person judges.

A description is scanned once for every phrase of the table (one regex built as a trie of the phrases),
and each distinct description is matched once however many rows carry it.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.vocab import GONGMAO_SUBSECTORS, INDUSTRIES, canonical_industry

__all__ = [
    "ANY_INDUSTRY",
    "Criterion",
    "Explained",
    "Match",
    "Pattern",
    "Table",
    "in_scope",
    "load_table",
    "normalize",
]

DATA = Path(__file__).resolve().parents[1] / "data" / "criteria.toml"
ANY_INDUSTRY = "全部"  # a criterion of every industry (重大火灾隐患 are judged by GB 35181 wherever they are)
_GONGMAO = "工贸"

# Ways of writing "not" that mean the same in a ledger: 没有设置 / 无 / 尚未设置 are all 未设置.
_NEGATION_FORMS = (("没有", "未"), ("沒有", "未"), ("尚未", "未"), ("无", "未"))


def normalize(text: str) -> str:
    """A description or a phrase as compared: NFKC (full-width forms), lower case, no spaces, and every
    way of writing "not" as 未."""
    s = "".join(unicodedata.normalize("NFKC", text).lower().split())
    for old, new in _NEGATION_FORMS:
        if old in s:
            s = s.replace(old, new)
    return s


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _phrases(value: list[str]) -> list[str]:
    cleaned = [p for p in value if normalize(p)]
    if len(cleaned) != len(value):
        raise ValueError("词语不能为空")
    return cleaned


class Pattern(_Model):
    """Every group must have one phrase in the description, and no phrase of `none` may."""

    all_of: list[list[str]] = Field(alias="all", min_length=1)
    none: list[str] = Field(default_factory=list)

    @field_validator("all_of")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        if any(not group for group in value):
            raise ValueError("每组至少要有一个词")
        return [_phrases(group) for group in value]

    @field_validator("none")
    @classmethod
    def _none(cls, value: list[str]) -> list[str]:
        return _phrases(value)


class Criterion(_Model):
    id: str = Field(min_length=1)
    standard: str = Field(min_length=1)
    document: str = ""  # 应急管理部令第10号, GB 35181-2025 …
    article: str = Field(min_length=1)
    text: str = ""  # the standard's own wording
    industries: list[str] = Field(min_length=1)
    from_: dt.date = Field(alias="from")
    until: dt.date | None = None
    none: list[str] = Field(default_factory=list)
    patterns: list[Pattern] = Field(alias="pattern", min_length=1)
    source: str = ""  # where the wording was read
    verified: str = "verified"

    @field_validator("industries")
    @classmethod
    def _industries(cls, value: list[str]) -> list[str]:
        return [i if i == ANY_INDUSTRY else canonical_industry(i, keep_subsectors=True) for i in value]

    @property
    def basis(self) -> str:
        """《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十一条第（三）项"""
        document = f"（{self.document}）" if self.document else ""
        return f"《{self.standard}》{document}{self.article}"

    def in_force(self, day: dt.date) -> bool:
        return self.from_ <= day and (self.until is None or day <= self.until)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "standard": self.standard,
            "document": self.document,
            "article": self.article,
            "text": self.text,
            "industries": list(self.industries),
            "from": self.from_.isoformat(),
            "until": self.until.isoformat() if self.until else None,
            "patterns": [{"all": p.all_of, "none": [*self.none, *p.none]} for p in self.patterns],
            "source": self.source,
            "verified": self.verified,
        }


def in_scope(industries: Iterable[str], industry: str) -> bool:
    """Whether a row of `industry` (canonical, subsectors kept) is judged by a criterion of `industries`:
    a 工贸 subsector by criteria of 工贸, and a row that says only 工贸 by those of any subsector."""
    scope = set(industries)
    if ANY_INDUSTRY in scope or industry in scope:
        return True
    if industry in GONGMAO_SUBSECTORS:
        return _GONGMAO in scope
    return industry == _GONGMAO and bool(scope & GONGMAO_SUBSECTORS)


def known_industry(text: str | None) -> str | None:
    """The canonical industry of a cell (subsectors kept), or None when it is empty or none of the
    industries the standards speak of."""
    if not text:
        return None
    name = canonical_industry(text, keep_subsectors=True)
    return name if name in INDUSTRIES or name in GONGMAO_SUBSECTORS else None


@dataclass(frozen=True)
class Match:
    criterion: Criterion
    words: tuple[str, ...]  # one phrase per group, as the table writes it


class _File(_Model):
    negations: list[str] = Field(default_factory=list)
    criteria: list[Criterion] = Field(alias="criterion", default_factory=list)


class Table:
    """The criteria in force for this county, compiled for matching."""

    def __init__(self, criteria: list[Criterion], negations: Iterable[str] = ()) -> None:
        self.criteria = criteria
        self.negations = tuple(negations)
        self._cache: dict[str, tuple[Match, ...]] = {}

    def __len__(self) -> int:
        return len(self.criteria)

    def to_list(self) -> list[dict]:
        return [c.to_dict() for c in self.criteria]

    @cached_property
    def _compiled(self):
        """The phrase scanner, each pattern's groups and negations as sets of normalised phrases, and
        which patterns each phrase can start (its first group)."""
        shown: dict[str, str] = {}  # normalised -> as written (first seen)
        negations = frozenset(normalize(n) for n in self.negations)
        patterns: list[tuple[int, tuple[frozenset[str], ...], frozenset[str], int]] = []
        starts: dict[str, list[int]] = {}
        for ci, criterion in enumerate(self.criteria):
            for pj, pattern in enumerate(criterion.patterns):
                groups = []
                for group in pattern.all_of:
                    keys = frozenset(normalize(p) for p in group)
                    for p in group:
                        shown.setdefault(normalize(p), p)
                    groups.append(keys)
                none = frozenset(normalize(n) for n in (*criterion.none, *pattern.none)) | negations
                for key in groups[0]:
                    starts.setdefault(key, []).append(len(patterns))
                patterns.append((ci, tuple(groups), none, pj))
        every = set(shown) | {n for _, _, none, _ in patterns for n in none}
        # A phrase found also finds the phrases it contains (the scan reports the longest at each place).
        contains = {
            p: frozenset(p[i:j] for i in range(len(p)) for j in range(i + 1, len(p) + 1) if p[i:j] in every)
            for p in every
        }
        scanner = re.compile(_trie(every)) if every else None
        return scanner, contains, patterns, starts, shown

    def _found(self, text: str) -> set[str]:
        """Every phrase of the table in `text` (normalised), overlapping ones included: the scan finds
        the longest phrase starting at each place it stops, and that phrase brings the ones it contains;
        it then goes on from the next character, not from the end of the match."""
        scanner, contains, _, _, _ = self._compiled
        found: set[str] = set()
        if scanner is None:
            return found
        search, pos = scanner.search, 0
        while (m := search(text, pos)) is not None:
            found |= contains[m.group()]
            pos = m.start() + 1
        return found

    def match(self, description: str) -> tuple[Match, ...]:
        """Every criterion whose words the description holds, most specific (most groups) first;
        industry and date are the caller's to check."""
        hit = self._cache.get(description)
        if hit is not None:
            return hit
        _, _, patterns, starts, shown = self._compiled
        found = self._found(normalize(description))
        best: dict[int, Match] = {}
        candidates = sorted({i for key in found for i in starts.get(key, ())})
        for i in candidates:
            ci, groups, none, _ = patterns[i]
            if none & found or not all(g & found for g in groups):
                continue
            words = tuple(shown[min(g & found, key=len)] for g in groups)
            if ci not in best or len(words) > len(best[ci].words):
                best[ci] = Match(self.criteria[ci], words)
        result = tuple(sorted(best.values(), key=lambda m: -len(m.words)))
        self._cache[description] = result
        return result

    def explain(self, description: str) -> list[Explained]:
        """Every pattern that any phrase of the description touches: which groups found a word, which
        did not, and which negation cancelled it (for a clerk tuning the table)."""
        _, _, patterns, _, shown = self._compiled
        found = self._found(normalize(description))
        out = []
        for ci, groups, none, pj in patterns:
            words = [shown[min(g & found, key=len)] if g & found else None for g in groups]
            if not any(words):
                continue
            criterion = self.criteria[ci]
            negated = sorted(none & found)
            out.append(
                Explained(criterion, pj, words, [_written(n, criterion, self.negations) for n in negated])
            )
        return out


@dataclass(frozen=True)
class Explained:
    criterion: Criterion
    pattern: int  # its place among the criterion's patterns
    words: list[str | None]  # per group: the phrase found, or None
    negated: list[str]  # negation words found

    @property
    def met(self) -> bool:
        return all(self.words) and not self.negated


def _written(key: str, criterion: Criterion, negations: tuple[str, ...]) -> str:
    """A normalised negation as the table writes it."""
    every = (*negations, *criterion.none, *(n for p in criterion.patterns for n in p.none))
    return next((n for n in every if normalize(n) == key), key)


def _trie(phrases: Iterable[str]) -> str:
    """One regex alternation of `phrases` as a trie, longest first: a scan tries a character once."""
    root: dict = {}
    for p in phrases:
        node = root
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and len(branches[0]) == 1 else f"(?:{'|'.join(branches)})"
        return f"{body}?" if ends else body

    return build(root)


def _read(path: Path) -> _File:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AnquanError("criteria-unreadable", path=path, reason=str(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise AnquanError("criteria-unreadable", path=path, reason=str(exc).split(" (at")[0]) from exc
    try:
        return _File.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise AnquanError("criteria-invalid", path=path, key=key, reason=err["msg"]) from exc


def load_table(
    extra: Iterable[Criterion] = (), *, disable: Iterable[str] = (), files: Iterable[Path] = ()
) -> Table:
    """The shipped table, then each file's criteria, then `extra`: a later criterion of the same id
    replaces the earlier one in place, a new id is added at the end; `disable` removes ids."""
    shipped = _read(DATA)
    by_id = {c.id: c for c in shipped.criteria}
    negations = list(shipped.negations)
    for path in files:
        more = _read(path)
        negations += [n for n in more.negations if n not in negations]
        by_id.update({c.id: c for c in more.criteria})
    by_id.update({c.id: c for c in extra})
    unknown = [i for i in disable if i not in by_id]
    if unknown:
        raise AnquanError("criteria-unknown-id", ids="、".join(unknown))
    off = set(disable)
    return Table([c for i, c in by_id.items() if i not in off], negations)


@dataclass(frozen=True)
class RowMatch:
    position: int  # the row's place in the arrays given
    match: Match
    assumed: str | None  # the row's industry cell when the county's default industries stood in for it


def match_rows(
    table: Table,
    descriptions: Iterable[object],
    industries: Iterable[object],
    dates: Iterable[dt.date | None],
    *,
    default_industries: Iterable[str],
    as_of: dt.date,
) -> list[RowMatch]:
    """The rows whose description meets a criterion in force on the row's date (`as_of` when it has
    none) for the row's industry, or for the county's default industries when the row names none the
    standards know. One match per row: the most specific."""
    defaults = [canonical_industry(i, keep_subsectors=True) for i in default_industries]
    known: dict[object, str | None] = {}
    out = []
    for pos, (text, industry, day) in enumerate(zip(descriptions, industries, dates, strict=True)):
        if not isinstance(text, str) or not text:
            continue
        matches = table.match(text)
        if not matches:
            continue
        if industry not in known:
            known[industry] = known_industry(industry) if isinstance(industry, str) else None
        name = known[industry]
        on = day or as_of
        for m in matches:
            c = m.criterion
            if not c.in_force(on):
                continue
            if name is not None:
                if in_scope(c.industries, name):
                    out.append(RowMatch(pos, m, None))
                    break
            elif any(in_scope(c.industries, d) for d in defaults):
                out.append(RowMatch(pos, m, industry if isinstance(industry, str) else ""))
                break
    return out
