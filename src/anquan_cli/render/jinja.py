"""The one Jinja environment for every document: sandboxed, autoescaping, strict about names.

Ledger text is data: "{{ 7*7 }}" typed into a cell is rendered as those characters, because values are
inserted, never parsed as templates, and autoescape keeps < & " from breaking the docx XML.
Template mistakes (a misspelt variable, a broken tag) become one Chinese line naming the template.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from anquan_cli.errors import AnquanError


def cn_date(value) -> str:
    """2026年3月5日 (GB/T 9704: Arabic numerals, no zero padding)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value.year}年{value.month}月{value.day}日"


def percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def cn_number(value: int) -> str:
    """一 二 … 十九, for 一、 二、 headings."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value - 10] if value > 10 else "")
    tens, ones = divmod(value, 10)
    return digits[tens] + "十" + (digits[ones] if ones else "")


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(cn_date=cn_date, percent=percent, cn_number=cn_number)
    return env


def template_error(name: str, exc: Exception) -> AnquanError:
    """A Jinja failure as the clerk can act on it: which template, which tag or name."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return AnquanError(
            "template-syntax", template=name, line=exc.lineno or "?", reason=exc.message or str(exc)
        )
    if isinstance(exc, jinja2.UndefinedError):
        return AnquanError("template-undefined", template=name, reason=str(exc.message or exc))
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return AnquanError("template-unsafe", template=name, reason=str(exc))
    return AnquanError("template-failed", template=name, reason=f"{type(exc).__name__}: {exc}")
