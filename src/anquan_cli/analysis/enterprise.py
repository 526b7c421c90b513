"""一企一档: everything the county's ledgers say of one enterprise, as of a date.

An enterprise is one 统一社会信用代码, or one name as compared with the county's own name aside
(core.text.local_name_key: 示例县宏达…, 宏达… and 宏达…（示例县） are one). Rows without a valid code join
the enterprise whose code-bearing rows (or roster row) carry the same name, when exactly one does, so a
town that left the code out still files its hazards under the right enterprise. The roster (底数) is
matched the same way. Pure functions: the jobs layer reads the ledgers and the 发文登记簿.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.analysis.overdue import OverdueReport, as_of_view
from anquan_cli.analysis.repeats import RepeatGroup, RepeatReport
from anquan_cli.core.config import Config
from anquan_cli.core.identifiers import USCC_ALPHABET, uscc_problem
from anquan_cli.core.plain import iso_days, plain_list, text_list
from anquan_cli.core.text import local_name_key, nfkc
from anquan_cli.core.vocab import MAJOR

SUBMITTED, MISSING, UNKNOWN = "submitted", "missing", "unknown"


@dataclass(frozen=True)
class Enterprise:
    """One enterprise as the ledgers and the roster name it."""

    unit: str  # the roster's name when on the roster, else the latest ledger's
    uscc: str | None
    town: str | None
    loose: frozenset[str]  # names (local keys) of rows without a valid code that are this enterprise
    keys: frozenset[str]  # every name it goes by (local keys): searched, and letters matched on
    roster_rows: tuple[int, ...] = ()  # its rows of the roster frame

    def label(self) -> str:
        """How a candidate is told apart from its namesakes in a message."""
        extra = "，".join(x for x in (self.town, self.uscc) if x)
        return f"{self.unit}（{extra}）" if extra else self.unit


@dataclass
class EnterpriseFile:
    unit: str
    uscc: str | None
    town: str | None
    industry: str | None
    as_of: dt.date
    roster: dict | None  # its roster entry, None when not on the roster (or no roster was read)
    roster_read: bool
    hazards: list[dict]
    counts: dict[str, int]
    repeats: list[RepeatGroup]
    responsibility: str  # submitted | missing | unknown
    lists_read: bool  # responsibility lists were read and cross-checked against the hazard ledgers
    letters: list[dict]
    last_inspected: dt.date | None
    hazard_set: HazardSet = field(repr=False)  # what was read (its unreadable files decide the exit code)

    @property
    def on_roster(self) -> bool | None:
        return (self.roster is not None) if self.roster_read else None

    def to_dict(self) -> dict:
        return {
            "unit": self.unit,
            "uscc": self.uscc,
            "town": self.town,
            "industry": self.industry,
            "as_of": self.as_of.isoformat(),
            "on_roster": self.on_roster,
            "roster": self.roster,
            "last_inspected": self.last_inspected.isoformat() if self.last_inspected else None,
            "hazards": self.hazards,
            "counts": self.counts,
            "repeats": [g.to_dict() for g in self.repeats],
            "responsibility": self.responsibility,
            "letters": [{**letter, "date": _iso(letter["date"])} for letter in self.letters],
            "input": self.hazard_set.account(),
        }


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (value or None)


def looks_like_code(text: str) -> bool:
    """An 18-character string of the code's alphabet is meant as a code, even with a wrong check digit
    (it then matches nothing, rather than a name that happens to contain it)."""
    code = nfkc(text).strip().upper()
    return len(code) == 18 and all(ch in USCC_ALPHABET for ch in code)


def enterprises(hazards: HazardSet, roster: pd.DataFrame | None, county: str) -> list[Enterprise]:
    """Every enterprise of the ledgers (counted rows and rows left out for an error alike: they name
    the enterprise all the same) and of the roster."""
    seen = hazards.inspections()
    parts = [
        pd.DataFrame(
            {
                "unit": seen["unit"].to_numpy(dtype=object),
                "uscc": seen["uscc"].to_numpy(dtype=object),
                "town": seen["town"].to_numpy(dtype=object),
                "found_on": seen["found_on"].to_numpy(),
                "roster_row": -1,
            }
        )
    ]
    if roster is not None and len(roster):
        parts.append(
            pd.DataFrame(
                {
                    "unit": roster["unit"].to_numpy(dtype=object),
                    "uscc": roster["uscc"].to_numpy(dtype=object),
                    "town": roster["town"].to_numpy(dtype=object),
                    "found_on": pd.NaT,
                    "roster_row": np.arange(len(roster)),
                }
            )
        )
    rows = pd.concat(parts, ignore_index=True)
    rows = rows[rows["unit"].map(lambda u: isinstance(u, str) and bool(u.strip()))]
    # latest first, so the first name and town met for an enterprise are its newest
    rows = rows.sort_values("found_on", ascending=False, na_position="last", kind="stable")
    # one line per distinct (name, code, town) or roster row: the loop below is per enterprise, not per hazard
    rows = rows[(rows["roster_row"] >= 0) | ~rows.duplicated(["unit", "uscc", "town"])]
    keys = _keys(rows["unit"], county)

    coded: dict[str, dict] = {}
    loose: dict[str, dict] = {}
    for unit, code, town, key, at in zip(
        rows["unit"], rows["uscc"], rows["town"], keys, rows["roster_row"].tolist(), strict=True
    ):
        code = code if isinstance(code, str) and code else None
        town = town if isinstance(town, str) and town else None
        group = coded.setdefault(code, _group()) if code else loose.setdefault(key, _group())
        group["keys"].add(key)
        group["names"].append((at >= 0, unit, town))
        if at >= 0:
            group["roster"].append(at)
    by_key: dict[str, list[str]] = {}
    for code, group in coded.items():
        for key in group["keys"]:
            by_key.setdefault(key, []).append(code)
    out = []
    for key, group in loose.items():
        owners = by_key.get(key, [])
        if len(owners) == 1:  # the code-less rows of an enterprise whose code is known elsewhere
            owner = coded[owners[0]]
            owner["loose"].add(key)
            owner["names"] += group["names"]
            owner["roster"] += group["roster"]
        else:
            group["loose"].add(key)
            out.append(_enterprise(None, group))
    out += [_enterprise(code, group) for code, group in coded.items()]
    return sorted(out, key=lambda e: (e.town or "", e.unit, e.uscc or ""))


def _group() -> dict:
    return {"keys": set(), "loose": set(), "names": [], "roster": []}


def _enterprise(code: str | None, group: dict) -> Enterprise:
    names = group["names"]
    on_roster = [n for n in names if n[0]]
    _, unit, town = (on_roster or names)[0]
    return Enterprise(
        unit=unit,
        uscc=code,
        town=town,
        loose=frozenset(group["loose"]),
        keys=frozenset(group["keys"] | group["loose"]),
        roster_rows=tuple(sorted(group["roster"])),
    )


def _keys(units: pd.Series, county: str) -> list[str]:
    """local_name_key once per distinct name."""
    codes, uniques = pd.factorize(units.astype(object))
    keyed = np.array([local_name_key(str(u), county) for u in uniques] + [""], dtype=object)
    return keyed[codes].tolist()


def find(query: str, candidates: list[Enterprise], county: str) -> list[Enterprise]:
    """The enterprises `query` names: by credit code when it is one; else by name (the county's name
    aside), exactly, else as a part of the name. Several: the caller asks which one."""
    text = nfkc(query).strip()
    if looks_like_code(text):
        code = text.upper()
        return [e for e in candidates if e.uscc == code] if uscc_problem(code) is None else []
    key = local_name_key(text, county)
    if not key:
        return []
    exact = [e for e in candidates if key in e.keys]
    if exact:
        return exact
    return [e for e in candidates if any(key in k for k in e.keys)]


def _members(frame: pd.DataFrame, who: Enterprise, county: str) -> np.ndarray:
    """Rows of `frame` that are `who`'s: its code, or no valid code and one of its code-less names."""
    codes = frame["uscc"].to_numpy(dtype=object)
    has_code = np.array([isinstance(c, str) and bool(c) for c in codes], dtype=bool)
    mine = (codes == who.uscc) if who.uscc else np.zeros(len(frame), dtype=bool)
    if who.loose and (~has_code).any():
        keys = np.array(_keys(frame["unit"], county), dtype=object)
        mine |= ~has_code & np.isin(keys, list(who.loose))
    return mine


def enterprise_file(
    who: Enterprise,
    hazards: HazardSet,
    overdue: OverdueReport,
    repeats: RepeatReport,
    roster: pd.DataFrame | None,
    config: Config,
    *,
    as_of: dt.date,
    missing_lists: list[dict] | None,
    letters: list[dict],
) -> EnterpriseFile:
    """The file of `who` (from `enterprises`/`find`). `missing_lists`: the hazard-ledger enterprises
    without a responsibility list (ValidationRun.missing_lists), None when no list was read; `letters`:
    the 发文登记簿 entries as dicts (number, kind, recipient, month, date, reasons, file)."""
    county = config.county.name
    view = as_of_view(hazards, as_of)
    view = view[_members(view, who, county)]
    view = view.sort_values(["found_on", "hazard_id", "row"], kind="stable", na_position="last")
    late = overdue.overdue["days_overdue"].reindex(view.index)
    items = _hazard_items(view, late)
    closed = view["closed"].to_numpy(dtype=bool)
    major = (view["level"] == MAJOR).to_numpy()
    is_late = late.notna().to_numpy()
    counts = {
        "found": len(view),
        "closed": int(closed.sum()),
        "open": int((~closed).sum()),
        "overdue": int(is_late.sum()),
        "major": int(major.sum()),
        "major_overdue": int((major & is_late).sum()),
    }

    seen = hazards.inspections()
    seen = seen[_members(seen, who, county) & (seen["found_on"] <= pd.Timestamp(as_of)).to_numpy()]
    last = seen["found_on"].max() if len(seen) else None
    last_inspected = pd.Timestamp(last).date() if last is not None and not pd.isna(last) else None

    entry = _roster_entry(roster, who, config) if roster is not None else None
    latest = view.iloc[-1] if len(view) else None
    industry = entry["industry"] if entry and entry["industry"] else _text(latest, "industry")
    return EnterpriseFile(
        unit=who.unit,
        uscc=who.uscc,
        town=who.town or _text(latest, "town"),
        industry=industry,
        as_of=as_of,
        roster=entry,
        roster_read=roster is not None,
        hazards=items,
        counts=counts,
        repeats=[g for g in repeats.groups if _is_theirs(g, who, county)],
        responsibility=_responsibility(who, missing_lists, seen, county),
        lists_read=missing_lists is not None,
        letters=_letters_of(who, letters, county),
        last_inspected=last_inspected,
        hazard_set=hazards,
    )


def _text(row: pd.Series | None, column: str) -> str | None:
    if row is None:
        return None
    value = row[column]
    return value if isinstance(value, str) and value else None


def _hazard_items(view: pd.DataFrame, late: pd.Series) -> list[dict]:
    columns = {
        "hazard_id": text_list(view["hazard_id"]),
        "found_on": iso_days(view["found_on"]),
        "level": plain_list(view["level"]),
        "description": text_list(view["description"]),
        "deadline": iso_days(view["deadline"]),
        "status": plain_list(view["status"]),
        "closed": view["closed"].astype(bool).tolist(),
        "closed_on": iso_days(view["closed_on"]),
        "days_overdue": [None if pd.isna(d) else int(d) for d in late.tolist()],
    }
    sources = [
        {"path": p, "sheet": s, "row": int(r)}
        for p, s, r in zip(view["path"].tolist(), text_list(view["sheet"]), view["row"].tolist(), strict=True)
    ]
    keys = (*columns, "source")
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), sources, strict=True)]


def _roster_entry(roster: pd.DataFrame, who: Enterprise, config: Config) -> dict | None:
    if not who.roster_rows:
        return None
    rows = roster.iloc[list(who.roster_rows)]
    # a namesake's row of another town (no code to tell them apart) is the last choice
    same_town = rows[rows["town"] == who.town] if who.town else rows
    r = (same_town if len(same_town) else rows).iloc[0]

    def value(column: str) -> Any:
        v = r[column] if column in r.index else None
        return None if v is None or (not isinstance(v, str | bool | np.bool_) and pd.isna(v)) else v

    industry = value("industry")
    risky = bool(value("high_risk")) or industry in set(config.coverage.high_risk_industries)
    return {
        "unit": value("unit"),
        "uscc": value("uscc"),
        "town": value("town"),
        "dept": value("dept"),
        "industry": industry,
        "high_risk": risky,
        "status": value("status"),
        "principal": value("principal"),  # when the roster frame carries it
        "source": {"path": value("path"), "sheet": value("sheet"), "row": int(r["row"])},
    }


def _is_theirs(group: RepeatGroup, who: Enterprise, county: str) -> bool:
    if group.uscc:
        return group.uscc == who.uscc
    return local_name_key(group.unit, county) in who.loose


def _responsibility(who: Enterprise, missing: list[dict] | None, seen: pd.DataFrame, county: str) -> str:
    """The cross check (rules.cross) names each identity of the hazard ledgers that no list matched:
    a code, or a name written without one. The enterprise has a list when any of its identities in the
    ledgers was matched (a town that left the code out of one row does not undo the list). An
    enterprise only on the roster, or a run without responsibility lists, cannot be judged."""
    if missing is None or not len(seen):
        return UNKNOWN
    codes = seen["uscc"].to_numpy(dtype=object)
    coded = bool(who.uscc) and bool((codes == who.uscc).any())
    bare = ~np.array([isinstance(c, str) and bool(c) for c in codes], dtype=bool)
    names = set(np.array(_keys(seen["unit"], county), dtype=object)[bare].tolist())
    code_missing = any(m.get("uscc") and m["uscc"] == who.uscc for m in missing)
    names_missing = {local_name_key(m["unit"], county) for m in missing if not m.get("uscc")}
    if (coded and not code_missing) or (names - names_missing):
        return SUBMITTED
    return MISSING


def _letters_of(who: Enterprise, letters: list[dict], county: str) -> list[dict]:
    mine = [
        {k: e.get(k) for k in ("number", "kind", "month", "date", "reasons", "file")}
        for e in letters
        if isinstance(e.get("recipient"), str) and local_name_key(e["recipient"], county) in who.keys
    ]
    return sorted(mine, key=lambda e: (str(e["date"]), e["number"]))
