"""Checks per ledger kind: rules/<kind>.py defines check(ledger, ctx, report)."""

from __future__ import annotations

import importlib

from anquan_cli.core.findings import Finding
from anquan_cli.read.ledger import Ledger
from anquan_cli.rules.engine import CheckContext, Reporter

__all__ = ["CheckContext", "check"]


def check(ledger: Ledger, ctx: CheckContext) -> list[Finding]:
    module = importlib.import_module(f"{__name__}.{ledger.kind}")
    report = Reporter(ledger)
    report.extend(ledger.findings)
    module.check(ledger, ctx, report)
    return report.sorted()
