"""Ledger kinds. Each module in this package defines SCHEMA; adding a kind means adding a module here
and a rules module of the same name in anquan_cli.rules."""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache


class FieldType(StrEnum):
    TEXT = "text"
    ID = "id"
    DATE = "date"
    DEADLINE = "deadline"
    LEVEL = "level"
    STATUS = "status"
    USCC = "uscc"
    TIER = "tier"  # 层级 of a responsibility list


@dataclass(frozen=True)
class Field:
    id: str
    header: str  # canonical Chinese header, used in every message
    synonyms: tuple[str, ...] = ()
    type: FieldType = FieldType.TEXT
    required: bool = False
    # Headers that name the field only when no other column does: 包保责任人 is the cadre who oversees
    # the enterprise, a stand-in for the 整改责任人 when the ledger has no such column, never a rival to it.
    weak: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guess:
    """A header off the synonym list taken for `field` because it holds one word of each group in
    `all_of` (整改 + 结果/情况/进度) and none of `none_of`. Used only in the row already chosen as the
    header, and always with a warning naming both."""

    field: str
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...] = ()


# Compared and hashed by identity: one object per kind (registry), and the header matcher's caches key
# on it for every cell they look at; a field-by-field hash cost 0.07 s per 100k-row read.
@dataclass(frozen=True, eq=False)
class Schema:
    kind: str
    title: str  # e.g. 隐患排查治理台账
    fields: tuple[Field, ...]
    min_fields: int = 4  # a header row must name at least this many fields
    # A header must name at least one of these: what makes this kind itself (an enterprise roster with
    # 企业名称 / 信用代码 / 行业 / 备注 is neither a hazard ledger nor a responsibility list).
    key_fields: tuple[str, ...] = ()
    # …and at least one of these: what the rows are about. A dropdown dictionary sheet (隐患级别,
    # 完成情况, 所属行业 …) names key fields but no enterprise or hazard, and is not a ledger.
    identity_fields: tuple[str, ...] = ()
    # Several sheets of one workbook may each be a ledger of this kind (one enterprise per sheet).
    multi_sheet: bool = False
    # Fields that may stand above the header instead of in a column ("企业名称：XX有限公司").
    context_fields: tuple[str, ...] = ()
    # Key-word rules for headers no synonym names, first match wins (so the more specific come first).
    guesses: tuple[Guess, ...] = ()
    # The date field that a closed status's own date fills when left empty ("已于9月20日整改完毕" →
    # 整改完成日期).
    completion_date: str | None = None
    field_index: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.field_index.update({f.id: f for f in self.fields})

    def __getitem__(self, field_id: str) -> Field:
        return self.field_index[field_id]

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


# How ledgers name the town column (after normalize_header): one list for every kind that has one.
TOWN_SYNONYMS = (
    "所属镇街",
    "镇(街道)",
    "所属镇(街道)",
    "乡镇(街道)",
    "乡镇(街道、园区)",
    "属地",
    "区域",
    "乡镇",
    "镇街道",
    "所在镇街",
    "属地镇街",
    "所属乡镇",
    "镇街名称",
)

_PARENS = re.compile(r"\([^()]*\)")
_NOISE = re.compile(r"[\s*★※☆:]+")
_MARKERS = ("(必填)", "(选填)", "(可选)", "(必填项)")


@cache
def normalize_header(text: str) -> str:
    """Header text as compared: NFKC (full-width → half-width, （）→ ()), no spaces, line breaks,
    required-markers or trailing colons."""
    s = unicodedata.normalize("NFKC", text)
    s = _NOISE.sub("", s)
    for marker in _MARKERS:
        s = s.replace(marker, "")
    return s


def strip_parens(text: str) -> str:
    return _PARENS.sub("", text)


@cache
def registry() -> dict[str, Schema]:
    kinds = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        schema = getattr(module, "SCHEMA", None)
        if isinstance(schema, Schema):
            kinds[schema.kind] = schema
    return kinds


def get_schema(kind: str) -> Schema:
    from anquan_cli.core.errors import AnquanError

    schemas = registry()
    if kind not in schemas:
        raise AnquanError("kind-unknown", kind=kind, choices="、".join(schemas))
    return schemas[kind]
