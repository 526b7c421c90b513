"""Rules for 安全培训档案 (training, domain.md §8): hours, certificates, reviews and exam results.

Bases: 生产经营单位安全培训规定 (hours by category; high-risk principals and safety managers hold a
certificate), 特种作业人员安全技术培训考核管理规定 (特种作业操作证: valid 6 years, reviewed every 3).
Thresholds come from config.mechanisms.

A person is (the unit's name_key, the ID number when valid, else the name): one archive lists a person
once per training. Rows without a valid ID number take the one valid number their unit and name carry
elsewhere (IDs are often written on the first row only); two different numbers under one name in one
unit are two namesakes, and a row without a number then stays with the name. A unit is high-risk when
any of its rows says so in 是否高危 or names a high-risk 行业领域.

A certificate is the rows of one person with the same 证书名称 (or none): an archive repeats the
certificate on each training row, and keeps the rows of a certificate since renewed. Only the latest of
a certificate (the latest 有效期至) is judged, and each finding names it once.

Boundaries, as for hazards "due on the as-of date is still in time":
- the training year is (as_of − 12 calendar months, as_of]: trained exactly 12 months before the as-of
  date does not count, one day later does. A day the earlier month lacks is clamped to its last day
  (core.dates.add_months): as_of 2028-02-29 looks back to 2027-02-28, exclusive.
- a certificate valid until the as-of date is still valid; a review is due special_review_years after
  the later of the latest 发证日期 and the latest 复审日期 (12·N calendar months, clamped alike) and is
  overdue the day after.
- 学时 reads "8", 8.5, "8学时", "８课时" (cells are NFKC on reading); a cell without a number counts 0 hours:
  the message shows the total, so the clerk sees which hours were not counted.
- 考核结果: the last of a person's results (by 培训日期; undated rows first, in sheet order; a pass on the
  same day as a fail counts as later, a 补考) decides; scores alone are not judged.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import numpy as np
import pandas as pd

from anquan_cli.core.dates import DateState, add_months
from anquan_cli.core.identifiers import id_card_valid
from anquan_cli.core.text import format_cn, name_key
from anquan_cli.core.vocab import (
    PRINCIPAL,
    SAFETY_MANAGER,
    SPECIAL_WORKER,
    canonical_industry,
    high_risk,
    training_category,
    training_passed,
)
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import Ledger
from anquan_cli.rules import common
from anquan_cli.rules.common import present, states
from anquan_cli.rules.engine import CheckContext, Reporter

_NAT = np.datetime64("NaT", "D")
_USABLE_DATES = (DateState.OK, DateState.NO_YEAR, DateState.YEAR_FROM_FILE)
_HOURS = re.compile(r"(\d+(?:\.\d+)?)\s*个?\s*(?:学时|课时|小时|时|h|hr|hrs)?", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_HIGH_RISK_TEXT = "，高危行业单位"
_How = Literal["first", "last", "sum", "any", "min", "max"]


def check(ledger: Ledger, ctx: CheckContext, report: Reporter) -> None:
    common.missing_columns(ledger, report)
    common.required_cells(ledger, report)
    common.date_cells(ledger, report, ctx, future=("trained_on", "issued_on", "reviewed_on"))
    common.uscc_cells(ledger, report)
    n = len(ledger.data)
    if n == 0:
        return
    ids = _id_numbers(ledger, report)
    t = _Archive(ledger, ctx, ids)
    expired_groups = _expired(t, report)
    _review_overdue(t, report, expired_groups)
    _missing_certificates(t, report)
    _hours_short(t, report)
    _failed(t, report)


def _id_numbers(ledger: Ledger, report: Reporter) -> np.ndarray:
    """Per row the valid ID number (upper case, no spaces) or None; invalid ones are reported."""
    n = len(ledger.data)
    if not ledger.has("id_number"):
        return np.full(n, None, dtype=object)
    ids = ledger.map_values("id_number", _valid_id)
    report.cells("id-checksum", "id_number", present(ledger, "id_number") & (ids == None))  # noqa: E711
    return ids


def _valid_id(text: str) -> str | None:
    number = _SPACES.sub("", text).upper()
    return number if id_card_valid(number) else None


class _Archive:
    """What every rule needs, computed once per ledger (columnar, per distinct value)."""

    def __init__(self, ledger: Ledger, ctx: CheckContext, ids: np.ndarray) -> None:
        n = len(ledger.data)
        self.ledger, self.n = ledger, n
        self.as_of = np.datetime64(ctx.as_of, "D")
        self.ctx = ctx
        self.mech = ctx.config.mechanisms
        self.positions = np.arange(n)
        self.category = self._map("category", training_category)
        self.name = self._map("person", lambda v: v)
        unit = _codes(self._map("unit", name_key)) + 1  # 0: no unit named (one enterprise's own archive)
        self.person = _persons(unit, _codes(self._map("person", name_key)), ids)
        self.high = self._high_risk(unit)
        cert = _codes(self._map("cert_name", name_key)) + 1
        known = self.person >= 0
        # A row without a person is a certificate of its own: nothing to compare it with.
        self.cert = _dense(
            np.where(known, self.person * (int(cert.max(initial=0)) + 1) + cert, -1 - self.positions)
        )
        self.valid_until = self._dates("valid_until")

    def _map(self, field_id: str, fn) -> np.ndarray:
        if not self.ledger.has(field_id):
            return np.full(self.n, None, dtype=object)
        return self.ledger.map_values(field_id, fn)

    def _dates(self, field_id: str) -> np.ndarray:
        """The field's usable dates (datetime64[D]); NaT where empty, unreadable or absent."""
        if not self.ledger.has(field_id):
            return np.full(self.n, _NAT)
        value = self.ledger.data[field_id].to_numpy().astype("datetime64[D]")
        return np.where(np.isin(states(self.ledger, field_id), _USABLE_DATES), value, _NAT)

    def _high_risk(self, unit: np.ndarray) -> np.ndarray:
        """Per row whether its unit is high-risk (any of the unit's rows says so)."""
        flagged = np.zeros(self.n, dtype=bool)
        if self.ledger.has("high_risk"):
            flagged |= self.ledger.map_values(
                "high_risk", lambda v: high_risk(v) is True, dtype=bool, missing=False
            )
        if self.ledger.has("industry"):
            listed = {canonical_industry(i, keep_subsectors=True) for i in self.mech.high_risk_industries}
            flagged |= self.ledger.map_values(
                "industry",
                lambda v: canonical_industry(v, keep_subsectors=True) in listed,
                dtype=bool,
                missing=False,
            )
        return pd.Series(flagged).groupby(unit).transform("any").to_numpy(dtype=bool)

    def by_person(self, values: np.ndarray, how: _How) -> np.ndarray:
        """Per row, `how` ("first", "last", "sum", "any" …) of `values` over the row's person."""
        known = self.person >= 0
        out = pd.Series(values[known]).groupby(self.person[known]).transform(how).to_numpy()
        full = np.empty(self.n, dtype=out.dtype)
        full[known] = out
        return full


def _expired(t: _Archive, report: Reporter) -> np.ndarray:
    """cert-expired on the latest row of each certificate whose latest 有效期至 has passed. Returns, per
    row, whether the row's certificate has expired (a review is then no longer the point)."""
    if not t.ledger.has("valid_until"):
        return np.zeros(t.n, dtype=bool)
    until = t.valid_until
    latest = _group(until, t.cert, "max")
    gone = latest < t.as_of  # NaT compares False: a certificate without a readable date is not judged
    at = _last_in_group(gone & (until == latest), t.cert)
    report.cells("cert-expired", "valid_until", at, date=until)
    return gone


def _review_overdue(t: _Archive, report: Reporter, expired: np.ndarray) -> None:
    """cert-review-overdue on the 发证日期 of a special worker's certificate not reviewed in time."""
    if not t.ledger.has("issued_on"):
        return
    issued = t._dates("issued_on")
    reviewed = t._dates("reviewed_on")
    special = t.category == SPECIAL_WORKER
    last_issued = _group(issued, t.cert, "max")
    last_review = _group(reviewed, t.cert, "max")
    years = t.mech.special_review_years
    base = np.fmax(last_issued, last_review)
    due = _shift_months(base, 12 * years)
    at = _last_in_group(special & (issued == last_issued) & (due < t.as_of) & ~expired, t.cert)
    if not at.any():
        return
    # A review before the current certificate was issued reviewed an earlier one.
    never = np.isnat(last_review) | (last_review < last_issued)
    reviewed_text = np.full(t.n, "未见复审记录", dtype=object)
    for i in np.flatnonzero(at & ~never):
        reviewed_text[i] = f"最近一次复审为{format_cn(last_review[i].astype(dt.date))}"
    report.cells(
        "cert-review-overdue",
        "issued_on",
        at,
        years=years,
        issued=last_issued,
        due=due,
        reviewed=reviewed_text,
    )


def _missing_certificates(t: _Archive, report: Reporter) -> None:
    """cert-missing once per person who must hold a certificate and has no number on any row."""
    known = t.person >= 0
    leader = (t.category == PRINCIPAL) | (t.category == SAFETY_MANAGER)
    needs = known & ((t.category == SPECIAL_WORKER) | (leader & t.high))
    if not needs.any():
        return
    has_no = present(t.ledger, "cert_no") if t.ledger.has("cert_no") else np.zeros(t.n, dtype=bool)
    holds = t.by_person(has_no, "any").astype(bool)
    needs_any = t.by_person(needs, "any").astype(bool)
    # The first row that needs one says who (and as what): reported at the person's first row.
    first_need = t.by_person(np.where(needs, t.positions, t.n), "min")
    first_row = t.by_person(t.positions, "min")
    missing = known & needs_any & ~holds & (t.positions == first_row)
    who = np.empty(t.n, dtype=object)
    for i in np.flatnonzero(missing):
        j = first_need[i]
        role = t.category[j] if t.category[j] == SPECIAL_WORKER else f"高危行业单位的{t.category[j]}"
        who[i] = f"{t.name[j]}（{role}）"
    if t.ledger.has("cert_no"):
        report.cells("cert-missing", "cert_no", missing, who=who)
    else:
        for i in np.flatnonzero(missing):
            report.file("cert-missing", "cert_no", who=who[i])


def _hours_short(t: _Archive, report: Reporter) -> None:
    """training-hours-short at the 学时 of a person's last row when the year's hours fall short."""
    if not (t.ledger.has("hours") and t.ledger.has("trained_on")):
        return
    start = np.datetime64(add_months(t.ctx.as_of, -12), "D")  # exclusive
    trained = t._dates("trained_on")
    hours = t.ledger.map_values("hours", _read_hours, dtype=float, missing=0.0)
    counted = np.where((trained > start) & (trained <= t.as_of), hours, 0.0)
    known = t.person >= 0
    total = t.by_person(counted, "sum")
    category = t.by_person(t.category, "last")  # the last category written (pandas skips empty cells)
    last = known & (t.positions == t.by_person(t.positions, "max"))
    minimum = np.zeros(t.n)
    for name, pair in t.mech.yearly_hours.items():
        if pair:  # [ordinary unit, high-risk unit]; 0 = no yearly minimum
            rows = last & (category == name)
            minimum[rows] = np.where(t.high[rows], pair[min(1, len(pair) - 1)], pair[0])
    short = last & (minimum > 0) & (total < minimum)
    if not short.any():
        return
    hours_text, minimum_text = np.empty(t.n, dtype=object), np.empty(t.n, dtype=object)
    for i in np.flatnonzero(short):
        hours_text[i], minimum_text[i] = _number(total[i]), _number(minimum[i])
    report.cells(
        "training-hours-short",
        "hours",
        short,
        name=t.name,
        category=category,
        since=format_cn(start.astype(dt.date) + dt.timedelta(days=1)),
        as_of=format_cn(t.ctx.as_of),
        hours=hours_text,
        minimum=minimum_text,
        risk=np.where(t.high, _HIGH_RISK_TEXT, "").astype(object),
    )


def _failed(t: _Archive, report: Reporter) -> None:
    """training-failed on a person's last result when it is a fail."""
    if not t.ledger.has("result"):
        return
    passed = t.ledger.map_values("result", training_passed)
    judged = (t.person >= 0) & (passed != None)  # noqa: E711 (elementwise)
    if not judged.any():
        return
    trained = t._dates("trained_on")
    order = pd.DataFrame(
        {
            "person": t.person[judged],
            "dated": ~np.isnat(trained[judged]),  # False first: undated rows count as the earliest
            "date": np.where(np.isnat(trained[judged]), np.datetime64("1900-01-01", "D"), trained[judged]),
            "passed": passed[judged].astype(bool),
            "pos": t.positions[judged],
        }
    ).sort_values(["person", "dated", "date", "passed", "pos"])
    final = order.groupby("person", sort=False).tail(1)
    at = np.zeros(t.n, dtype=bool)
    at[final["pos"].to_numpy()[~final["passed"].to_numpy()]] = True
    report.cells("training-failed", "result", at, name=t.name)


# --- helpers ---------------------------------------------------------------------------------------


def _read_hours(text: str) -> float:
    m = _HOURS.fullmatch(text.strip())
    return float(m.group(1)) if m else 0.0


def _number(value: float) -> str:
    return f"{round(float(value), 2):g}"


def _codes(values: np.ndarray) -> np.ndarray:
    """An int per distinct value, -1 for None."""
    return np.asarray(pd.factorize(values)[0], dtype=np.int64)


def _dense(key: np.ndarray) -> np.ndarray:
    return np.asarray(pd.factorize(key)[0], dtype=np.int64)


def _persons(unit: np.ndarray, name: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Per row a person number: (unit, valid ID number) or else (unit, name); -1 when the row names
    nobody. `unit` and `name` are codes (name -1 when empty), `ids` the valid ID numbers or None."""
    id_code = _codes(ids)
    named = name >= 0
    unit_name = np.where(named, unit * (int(name.max(initial=0)) + 1) + name, -1)
    lend = (id_code < 0) & named
    with_id = (id_code >= 0) & named
    if lend.any() and with_id.any():
        numbers = pd.DataFrame({"g": unit_name[with_id], "id": id_code[with_id]}).groupby("g")["id"]
        sole = numbers.first()[numbers.nunique() == 1]  # names with exactly one valid number in the unit
        lent = pd.Series(unit_name[lend]).map(sole).to_numpy(dtype=float)
        found = ~np.isnan(lent)
        id_code[np.flatnonzero(lend)[found]] = lent[found].astype(np.int64)
    # The second part of the key: an ID number (even) or a name (odd).
    who = np.where(id_code >= 0, 2 * id_code, 2 * name + 1)
    span = 2 * max(int(id_code.max(initial=0)), int(name.max(initial=0))) + 2
    key = np.where((id_code >= 0) | named, unit * span + who, -1)
    person = _dense(key)
    return np.where(key >= 0, person, -1)


def _group(values: np.ndarray, group: np.ndarray, how: _How) -> np.ndarray:
    """Per row, `how` of the datetime64[D] values over the row's group (NaT skipped)."""
    out = pd.Series(values).groupby(group).transform(how).to_numpy()
    return out.astype("datetime64[D]")


def _last_in_group(mask: np.ndarray, group: np.ndarray) -> np.ndarray:
    """The last True row of each group."""
    idx = np.flatnonzero(mask)
    keep = ~pd.Series(group[idx]).duplicated(keep="last").to_numpy()
    out = np.zeros(len(mask), dtype=bool)
    out[idx[keep]] = True
    return out


def _shift_months(dates: np.ndarray, months: int) -> np.ndarray:
    """Each date `months` calendar months later (clamped to the month's end), per distinct date."""
    uniq, inverse = np.unique(dates, return_inverse=True)
    shifted = np.array(
        [_NAT if np.isnat(d) else np.datetime64(add_months(d.astype(dt.date), months), "D") for d in uniq],
        dtype="datetime64[D]",
    )
    return shifted[inverse.reshape(-1)] if len(uniq) else dates


def collect(ledger: Ledger, ctx: CheckContext) -> pd.DataFrame:
    """For the checks across ledgers and the 通报: one row per training row — the unit (valid code, else
    normalised name), the person (unit + valid ID number, else name), the date and what was taught
    (开工第一课 is looked for in it)."""
    n = len(ledger.data)

    def column(field_id: str, fn) -> np.ndarray:
        return ledger.map_values(field_id, fn) if ledger.has(field_id) else np.full(n, None, dtype=object)

    codes = valid_codes(ledger) if ledger.has("uscc") else np.full(n, None, dtype=object)
    names = column("unit", name_key)
    units = np.where(codes != None, codes, names)  # noqa: E711
    ids = column("id_number", _valid_id)
    people = column("person", name_key)
    person = [
        f"{u}|{i or p}" if p is not None or i is not None else None
        for u, i, p in zip(names, ids, people, strict=True)
    ]
    held = ledger.data["trained_on"].to_numpy().astype("datetime64[D]") if ledger.has("trained_on") else None
    frame = pd.DataFrame(
        {
            "key": units,
            "person": person,
            "held_on": held if held is not None else np.full(n, _NAT),
            "name": ledger.data["content"].to_numpy() if ledger.has("content") else None,
        }
    )
    return frame[frame["key"].notna()].reset_index(drop=True)
