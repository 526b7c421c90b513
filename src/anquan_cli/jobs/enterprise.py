"""The enterprise job (一企一档): the ledgers read once through the report loader, the enterprise the
clerk named found among them and the roster, and the letters the office sent it from the 发文登记簿."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from anquan_cli.analysis.enterprise import Enterprise, EnterpriseFile, enterprise_file, enterprises, find
from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.jobs.register import read_register, register_location
from anquan_cli.jobs.report import figures

SHOWN_CANDIDATES = 20  # an ambiguous name lists this many; a clerk narrows it down, not scrolls


def make_enterprise(
    name_or_code: str, paths: Iterable[Path], config: Config, *, as_of: dt.date
) -> EnterpriseFile:
    """The file of the one enterprise `name_or_code` names (a credit code, a name, or part of a name).
    None or several: AnquanError (exit 2), the candidates listed."""
    run, figs = figures(paths, config, as_of=as_of)
    county = config.county.name
    found = find(name_or_code, enterprises(figs.hazards, figs.roster, county), county)
    who = _one(name_or_code, found)
    return enterprise_file(
        who,
        figs.hazards,
        figs.overdue,
        figs.repeats,
        figs.roster,
        config,
        as_of=as_of,
        missing_lists=run.missing_lists if run.cross_checked else None,
        letters=letters_sent(config, as_of),
    )


def _one(query: str, found: list[Enterprise]) -> Enterprise:
    if not found:
        raise AnquanError("enterprise-not-found", query=query.strip())
    if len(found) > 1:
        names = "；".join(e.label() for e in found[:SHOWN_CANDIDATES])
        more = f"等 {len(found)} 家" if len(found) > SHOWN_CANDIDATES else ""
        raise AnquanError("enterprise-ambiguous", query=query.strip(), count=len(found), names=names + more)
    return found[0]


def letters_sent(config: Config, as_of: dt.date) -> list[dict]:
    """Every letter in the registers of the as-of year and the year before (a letter on last year's
    hazards still belongs in the file), whoever it went to; the analysis picks the enterprise's."""
    out = []
    for year in (as_of.year - 1, as_of.year):
        for e in read_register(register_location(config, year)):  # a year without letters: no register
            out.append(
                {
                    "number": e.number,
                    "kind": e.kind,
                    "recipient": e.recipient,
                    "month": e.month,
                    "date": e.date,
                    "reasons": e.reasons,
                    "file": e.file,
                }
            )
    return out
