"""`anquan criteria`: the 重大事故隐患 criteria table in force, and why a description meets one or not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from anquan_cli.core.config import Config
from anquan_cli.core.criteria import in_scope, known_industry


def criteria_table(config: Config) -> list[dict]:
    return config.major.table().to_list()


@dataclass
class CheckResult:
    description: str
    industry: str | None  # as given
    scope: list[str]  # the industries compared: the row's, or the county's default ones
    assumed: bool  # the default industries stood in for a missing or unknown one
    on: dt.date
    items: list[dict] = field(default_factory=list)

    @property
    def met(self) -> list[dict]:
        return [i for i in self.items if i["met"]]

    def to_dict(self) -> dict:
        return {
            "description": self.description,
            "industry": self.industry,
            "compared_industries": self.scope,
            "default_industries_used": self.assumed,
            "date": self.on.isoformat(),
            "suspect_major": bool(self.met),
            "items": self.items,
        }


def check_description(config: Config, description: str, *, industry: str | None, on: dt.date) -> CheckResult:
    """Every criterion the description touches, met or not, and why not: a group of words missing, a
    negation, another industry, not in force on `on`."""
    major = config.major
    known = known_industry(industry)
    scope = [known] if known else list(major.default_industries)
    result = CheckResult(description, industry, scope, known is None, on)
    seen: set[str] = set()
    for e in major.table().explain(description):
        c = e.criterion
        fits = any(in_scope(c.industries, i) for i in scope)
        item = {
            "id": c.id,
            "standard": c.standard,
            "document": c.document,
            "article": c.article,
            "text": c.text,
            "pattern": e.pattern,
            "words": [w for w in e.words if w],
            "missing_groups": [
                g for g, w in zip(c.patterns[e.pattern].all_of, e.words, strict=True) if not w
            ],
            "negated": e.negated,
            "in_scope": fits,
            "industries": list(c.industries),
            "in_force": c.in_force(on),
            "from": c.from_.isoformat(),
            "until": c.until.isoformat() if c.until else None,
        }
        item["met"] = e.met and fits and item["in_force"]
        if item["met"]:
            if c.id in seen:  # one item per criterion met, whichever of its patterns met it first
                continue
            seen.add(c.id)
        result.items.append(item)
    result.items.sort(key=lambda i: (not i["met"], -len(i["words"])))
    return result
