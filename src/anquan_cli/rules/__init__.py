"""Checks per ledger kind: rules/<kind>.py defines check(ledger, ctx, report)."""

from __future__ import annotations

import importlib

from anquan_cli.core.findings import Finding
from anquan_cli.read.ledger import Ledger
from anquan_cli.rules.engine import CheckContext, Reporter

__all__ = ["CheckContext", "across", "check", "summarize"]


def check(ledger: Ledger, ctx: CheckContext) -> list[Finding]:
    module = importlib.import_module(f"{__name__}.{ledger.kind}")
    report = Reporter(ledger)
    report.extend(ledger.findings)
    module.check(ledger, ctx, report)
    return report.sorted()


# Checks across ledgers and kinds (a unit's drills over every record read, against the roster): a rules
# module may define `collect(ledger, ctx)`, a small summary kept once the ledger is dropped, and
# `cross(collected, ctx)`, findings [(result index, Finding)] over {kind: [(result index, summary)]}.


def summarize(ledger: Ledger, ctx: CheckContext) -> object | None:
    module = importlib.import_module(f"{__name__}.{ledger.kind}")
    fn = getattr(module, "collect", None)
    return fn(ledger, ctx) if fn is not None else None


def across(collected: dict[str, list[tuple[int, object]]], ctx: CheckContext) -> list[tuple[int, Finding]]:
    from anquan_cli.schema import registry

    out: list[tuple[int, Finding]] = []
    for kind in registry():
        fn = getattr(importlib.import_module(f"{__name__}.{kind}"), "cross", None)
        if fn is not None:
            out += fn(collected, ctx)
    return out
