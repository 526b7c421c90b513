"""The one Jinja environment for every document: sandboxed, autoescaping, strict about names.

Ledger text is data: "{{ 7*7 }}" typed into a cell is rendered as those characters, because values are
inserted, never parsed as templates, and autoescape keeps < & " from breaking the docx XML.
Template mistakes (a misspelt variable, a broken tag) become one Chinese line naming the template.
"""

from __future__ import annotations

from functools import cache

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.text import cn_number, format_cn, percent


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(cn_date=format_cn, percent=percent, cn_number=cn_number)
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
