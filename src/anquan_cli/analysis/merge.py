"""Merge hazard ledgers from many files (often the same town's cumulative ledger from several months).

Submission order decides which copy of a hazard is kept: a date in the file name (2026-10, 2026年10月,
202610) when the file has one, else the file's modification time; ties by path. The later copy wins.

Identity of a hazard: its 隐患编号 when present, else (enterprise, 排查日期, normalised description).
Enterprise: the 统一社会信用代码 when valid, else the normalised name. Rows whose needed fields are
unusable are left out and counted by reason; nothing disappears silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from anquan_cli.core.dates import DateState, cn_digits
from anquan_cli.core.messages import ROW_SKIPS
from anquan_cli.core.text import name_key
from anquan_cli.core.vocab import VocabState, canonical_industry
from anquan_cli.read.keys import valid_codes
from anquan_cli.read.ledger import ROW, Ledger, state_col

# Why a row cannot take part in the analysis, in the clerk's words (stable keys for JSON).
EXCLUSIONS = {
    "unit": "企业名称为空",
    "found_on": "排查日期无法使用",
    "status": "整改状态无法使用",
    "level": "隐患等级无法使用",
    "errors": "有校验错误（按配置不计入）",
}
_NAME_DATE = re.compile(r"(20\d{2})\s*[-年._]?\s*(1[0-2]|0?[1-9])(?:\s*月|(?!\d))")
_TEXT_KEY = re.compile(r"[\W_]+")
CONFLICT_FIELDS = ("unit_key", "found_on", "description_key")


@dataclass
class Conflict:
    hazard_id: str
    kept: str  # path of the kept (later) copy
    dropped: str
    fields: list[str]

    def to_dict(self) -> dict:
        return {
            "hazard_id": self.hazard_id,
            "kept": self.kept,
            "dropped": self.dropped,
            "fields": self.fields,
        }


@dataclass
class HazardSet:
    """The merged hazards (one row per hazard) and the account of everything left out."""

    frame: pd.DataFrame
    files: list[Path] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)  # reason key -> rows
    duplicates: int = 0  # copies of a hazard replaced by a later submission
    conflicts: list[Conflict] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)  # (file, Chinese reason)
    # Left out before any row was a hazard: rows not read as data (messages.ROW_SKIPS key -> rows)
    # and hidden sheets whose header looks like a hazard ledger (file, sheet).
    skipped_rows: dict[str, int] = field(default_factory=dict)
    hidden_sheets: list[tuple[Path, str | None]] = field(default_factory=list)
    # Files not read because a corrected copy of ours was read instead: (file, copy).
    superseded: list[tuple[Path, Path]] = field(default_factory=list)
    # Rows left out of the counts (an error, an unreadable level …) whose enterprise and date were read:
    # an inspection all the same (INSPECTION_COLUMNS), for 应查未查.
    uncounted: pd.DataFrame | None = None

    def inspections(self) -> pd.DataFrame:
        """Every row that shows an enterprise was inspected on a date: the counted ones and the rest."""
        counted = self.frame[list(INSPECTION_COLUMNS)]
        if self.uncounted is None or not len(self.uncounted):
            return counted
        return pd.concat([counted, self.uncounted], ignore_index=True)

    @property
    def excluded_rows(self) -> int:
        return sum(self.excluded.values())

    def account(self) -> dict:
        return {
            "files": len(self.files),
            "unreadable": [{"path": str(p), "error": e} for p, e in self.unreadable],
            "hazards": len(self.frame),
            "duplicates": self.duplicates,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "excluded_rows": self.excluded_rows,
            "excluded": {EXCLUSIONS[k]: v for k, v in self.excluded.items() if v},
            "skipped_rows": {ROW_SKIPS[k]: v for k, v in self.skipped_rows.items() if v},
            "hidden_sheets": [{"path": str(p), "sheet": s} for p, s in self.hidden_sheets],
            "superseded": [{"path": str(p), "by": str(by)} for p, by in self.superseded],
        }


def submission_date(path: Path) -> dt.date:
    """The month in the file name (end of that month), else the modification date."""
    m = _NAME_DATE.search(cn_digits(unicodedata.normalize("NFKC", path.name)))
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
    return dt.date.fromtimestamp(_mtime(path))


def _mtime(path: Path) -> float:
    """A file that vanished (or a broken link) sorts first; reading it then reports what happened."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def frame_of(
    ledger: Ledger, order: int, error_rows: np.ndarray | None = None, *, keep_subsectors: bool = False
) -> tuple[pd.DataFrame, dict[str, int]]:
    """The ledger's usable rows in the merge's columns, and the count of rows left out per reason.

    `error_rows` (optional) marks rows with validation errors, left out when the county's policy says so.
    `keep_subsectors`: 工贸's subsectors stay apart (the county's industry list names them).
    """
    data = ledger.data
    n = len(data)

    def column(f: str, default=None) -> np.ndarray:
        return data[f].to_numpy() if ledger.has(f) else np.full(n, default, dtype=object)

    def mapped(f: str, fn) -> np.ndarray:
        """fn once per distinct cell (the ledger kept its cells factorized)."""
        return ledger.map_values(f, fn) if ledger.has(f) else np.full(n, None, dtype=object)

    def usable(f: str, ok_state: int) -> np.ndarray:
        if not ledger.has(f):
            return np.zeros(n, dtype=bool)
        return data[state_col(f)].to_numpy() == ok_state

    unit = column("unit")
    checks = {
        "unit": unit != None,  # noqa: E711 (elementwise)
        # A year-less found date that took the year the file names is used, with its warning.
        "found_on": usable("found_on", DateState.OK) | usable("found_on", DateState.YEAR_FROM_FILE),
        "status": usable("status", VocabState.OK),
        "level": usable("level", VocabState.OK) | usable("level", VocabState.MAPPED),
        "errors": ~error_rows if error_rows is not None else np.ones(n, dtype=bool),
    }
    keep = np.ones(n, dtype=bool)
    excluded = {}
    for reason, ok in checks.items():
        excluded[reason] = int((keep & ~ok).sum())  # each row counted once, by its first reason
        keep &= ok
    uscc = valid_codes(ledger)
    names = mapped("unit", name_key)
    deadline = (
        data["deadline"].to_numpy() if ledger.has("deadline") else np.full(n, np.datetime64("NaT"), "M8[s]")
    )
    closed_on = (
        # present without a column too, when read from the status text ("已于9月20日整改完毕")
        data["closed_on"].to_numpy() if "closed_on" in data else np.full(n, np.datetime64("NaT"), "M8[s]")
    )
    frame = pd.DataFrame(
        {
            "hazard_id": mapped("hazard_id", str.upper),
            # A department's ledger is grouped under the department, not under "no town".
            "town": column("town") if ledger.has("town") else column("dept"),
            "dept": column("dept"),
            "unit": unit,
            "unit_key": np.where(uscc != None, uscc, names),  # noqa: E711
            "uscc": uscc,
            "industry": mapped("industry", partial(canonical_industry, keep_subsectors=keep_subsectors)),
            "found_on": data["found_on"].to_numpy() if ledger.has("found_on") else None,
            "level": column("level"),
            "description": column("description"),
            "description_key": mapped("description", lambda s: _TEXT_KEY.sub("", s)),
            "owner": column("owner"),
            "deadline": deadline,
            "deadline_state": data[state_col("deadline")].to_numpy() if ledger.has("deadline") else 0,
            "status": column("status"),
            "closed_on": closed_on,
            # 挂牌督办: the level as the 通报 names it (市级 …), None when not listed
            "listed": _listed(ledger, n),
            "listing_by": column("listing_by"),
            "listing_doc": column("listing_doc"),
            "listing_due": data["listing_due"].to_numpy()
            if ledger.has("listing_due")
            else np.full(n, np.datetime64("NaT"), "M8[s]"),
            "path": str(ledger.path),
            "sheet": ledger.sheet,
            "row": data[ROW].to_numpy(),
            "order": order,
        }
    )
    # Rows left out of every count still prove an inspection of their enterprise on their date (应查未查
    # must not list a unit whose only row has an error elsewhere): kept aside, marked not counted.
    inspected = keep | (checks["unit"] & checks["found_on"])
    frame = frame[inspected]
    frame.insert(len(frame.columns), "counted", keep[inspected])
    return frame, excluded


_COLUMNS = (
    "hazard_id", "town", "dept", "unit", "unit_key", "uscc", "industry", "found_on", "level", "description",
    "description_key", "owner", "deadline", "deadline_state", "status", "closed_on", "listed", "listing_by",
    "listing_doc", "listing_due", "path", "sheet", "row", "order",
)  # fmt: skip


_DATES = ("found_on", "deadline", "closed_on", "listing_due")
_LISTING_LEVEL = re.compile(r"^(省|市|县|区|国家|国务院安委会?)级?")
_NOT_LISTED = frozenset(("否", "无", "未挂牌", "未挂牌督办", "不挂牌", "0", "×", "/", "-", "—"))


def listing_label(text: str) -> str | None:
    """督办级别 as a 通报 names it: 省级, 市级, 县级 …; 是 or any other word: 挂牌督办; 否 / 无: not listed."""
    key = "".join(text.split())
    if not key or key in _NOT_LISTED:
        return None
    m = _LISTING_LEVEL.match(key)
    if m:
        return f"{m.group(1)}级" if not m.group(1).endswith("会") else m.group(1)
    return "挂牌督办"


def _listed(ledger: Ledger, n: int) -> np.ndarray:
    """Each row's 督办级别; a ledger without that column that names a 督办单位 or 督办文号 says the
    hazard is listed all the same."""
    if ledger.has("listing_level"):
        return ledger.map_values("listing_level", listing_label)
    out = np.full(n, None, dtype=object)
    for f in ("listing_by", "listing_doc"):
        if ledger.has(f):
            named = ledger.data[f].to_numpy() != None  # noqa: E711 (elementwise)
            out[named] = "挂牌督办"
    return out


INSPECTION_COLUMNS = ("unit", "unit_key", "uscc", "town", "found_on", "path", "sheet", "row")


def _empty_frame() -> pd.DataFrame:
    """No usable rows: the merge's columns with their types, so every report works on it unchanged."""
    dtypes = {
        **dict.fromkeys(_DATES, "datetime64[s]"),
        "deadline_state": "int8",
        "row": "int64",
        "order": "int64",
    }
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in _COLUMNS})


def submission_key(path: Path) -> tuple:
    return (submission_date(path), _mtime(path), str(path))


_SHEET_MONTH = re.compile(r"(?:(20\d{2})\s*[-年._/]?\s*)?(1[0-2]|0?[1-9])\s*月")
SHEETS_PER_FILE = 10_000  # order = file's place * this + sheet's place within the file


def sheet_order(sheets: list[str | None]) -> list[int]:
    """The place of each ledger sheet of one workbook in submission order: by the month in the sheet
    names ("9月", "十月份", "2026年10月") when every sheet has one, else in workbook order."""
    months = [_SHEET_MONTH.search(cn_digits(unicodedata.normalize("NFKC", s or ""))) for s in sheets]
    if all(months):
        keys = [(int(m.group(1) or 0), int(m.group(2)), i) for i, m in enumerate(months) if m]
    else:
        keys = [(0, 0, i) for i in range(len(sheets))]
    ranked = sorted(range(len(sheets)), key=keys.__getitem__)
    place = [0] * len(sheets)
    for rank, i in enumerate(ranked):
        place[i] = rank
    return place


def merge(ledgers: list[Ledger], *, keep_subsectors: bool = False) -> HazardSet:
    """One row per hazard; later submissions replace earlier copies (see the module docstring)."""
    files = sorted({lg.path for lg in ledgers}, key=submission_key)
    parts = []
    for index, path in enumerate(files):
        mine = [lg for lg in ledgers if lg.path == path]
        for ledger, place in zip(mine, sheet_order([lg.sheet for lg in mine]), strict=True):
            parts.append(frame_of(ledger, index * SHEETS_PER_FILE + place, keep_subsectors=keep_subsectors))
    return combine(parts)


def combine(parts: list[tuple[pd.DataFrame, dict[str, int]]]) -> HazardSet:
    """Merge per-ledger frames already numbered in submission order."""
    excluded = dict.fromkeys(EXCLUSIONS, 0)
    for _, out in parts:
        for k, v in out.items():
            excluded[k] += v
    frames = [frame for frame, _ in parts if len(frame)]
    if not frames:
        return HazardSet(_empty_frame(), excluded=excluded)
    every = pd.concat(frames, ignore_index=True)
    counted = every.pop("counted").to_numpy(dtype=bool)
    uncounted = every.loc[~counted, list(INSPECTION_COLUMNS)].reset_index(drop=True)
    every = every[counted].reset_index(drop=True)
    if not len(every):
        return HazardSet(_empty_frame(), excluded=excluded, uncounted=uncounted)
    has_id = every["hazard_id"].notna().to_numpy()
    every["identity"] = _identity(every, has_id)
    every = every.sort_values(["order", "row"], kind="stable")
    later = every.duplicated("identity", keep="last")
    conflicts = _conflicts(every[has_id[every.index.to_numpy()]])
    kept = every[~later].drop(columns=["identity"]).reset_index(drop=True)
    return HazardSet(
        kept, duplicates=int(later.sum()), conflicts=conflicts, excluded=excluded, uncounted=uncounted
    )


def _identity(every: pd.DataFrame, has_id: np.ndarray) -> np.ndarray:
    """One int64 per row, equal for copies of one hazard: its 隐患编号, else enterprise + found date +
    description. Built from factorized columns, never from 100k concatenated strings."""
    identity = np.empty(len(every), dtype=np.int64)
    ids = pd.factorize(every["hazard_id"].to_numpy()[has_id])[0]
    identity[has_id] = ids
    if not has_id.all():
        rest = every[~has_id]
        key = np.zeros(len(rest), dtype=np.int64)
        for column in (rest["unit_key"], rest["found_on"], rest["description_key"].fillna("")):
            codes, uniques = pd.factorize(column, use_na_sentinel=False)
            key, _ = pd.factorize(key * (len(uniques) + 1) + codes)
        identity[~has_id] = len(ids) + key  # after every 编号: the two kinds never meet
    return identity


def _conflicts(with_id: pd.DataFrame) -> list[Conflict]:
    """The same 隐患编号 for what is plainly another hazard (other enterprise, date or description).

    Compared column by column against the kept copy; objects are built only for real conflicts.
    """
    dup = with_id[with_id.duplicated("identity", keep=False)]
    if dup.empty:
        return []
    kept = dup.drop_duplicates("identity", keep="last")[["identity", "path", *CONFLICT_FIELDS]]
    earlier = dup[dup.duplicated("identity", keep="last")]
    joined = earlier.merge(kept, on="identity", suffixes=("", "_kept"))
    differs = {
        f: ((joined[f] != joined[f"{f}_kept"]) & ~(joined[f].isna() & joined[f"{f}_kept"].isna())).to_numpy()
        for f in CONFLICT_FIELDS
    }
    labels = {"unit_key": "企业", "found_on": "排查日期", "description_key": "隐患描述"}
    ids, kept_paths, paths = (joined[c].tolist() for c in ("hazard_id", "path_kept", "path"))
    out = []
    for i in np.flatnonzero(np.logical_or.reduce(list(differs.values()))).tolist():
        fields = [labels[f] for f in CONFLICT_FIELDS if differs[f][i]]
        out.append(Conflict(ids[i], kept_paths[i], paths[i], fields))
    return out
