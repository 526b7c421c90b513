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


@dataclass(frozen=True)
class Schema:
    kind: str
    title: str  # e.g. 隐患排查治理台账
    fields: tuple[Field, ...]
    min_fields: int = 4  # a header row must name at least this many fields
    # A header must name at least one of these: what makes this kind itself (an enterprise roster with
    # 企业名称 / 信用代码 / 行业 / 备注 is neither a hazard ledger nor a responsibility list).
    key_fields: tuple[str, ...] = ()
    # Several sheets of one workbook may each be a ledger of this kind (one enterprise per sheet).
    multi_sheet: bool = False
    # Fields that may stand above the header instead of in a column ("企业名称：XX有限公司").
    context_fields: tuple[str, ...] = ()
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
