"""发文登记簿: letter numbers that persist across runs.

A number is given once per (kind, recipient, month) and never twice in a year: re-running a month
re-uses the numbers (and dates) already given, and two runs that overlap take turns on a file lock,
each reading the register after the other has written it.

One register per issuing office (发文字号 prefix) and year, wherever the month's outputs go, so that
September's run can never issue October's numbers again: beside anquan.toml when the county has one,
else in the user's data folder; `--register` or `[letters] register_path` name another file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.core.errors import AnquanError

DATA_DIR_ENV = "ANQUAN_DATA_DIR"  # where the county register lives without anquan.toml (tests set it)
OLD_NAME = "发文登记簿.xlsx"  # the per-folder register of earlier versions, read once into the county's
COLUMNS = ("文号", "年度", "序号", "种类", "收文单位", "月份", "发文日期", "事由", "隐患数", "文件")
LOCK_TIMEOUT_S = 60


@dataclass
class Entry:
    number: str  # 示例安办函〔2026〕3号
    year: int
    serial: int
    kind: str  # 警示函 / 督办函 / 提醒函
    recipient: str
    month: str  # 2026-10
    date: dt.date
    reasons: str = ""
    hazards: int = 0
    file: str = ""

    def row(self) -> list:
        return [
            self.number,
            self.year,
            self.serial,
            self.kind,
            self.recipient,
            self.month,
            self.date,
            self.reasons,
            self.hazards,
            self.file,
        ]


def register_location(config, year: int, explicit: Path | None = None, prefix: str | None = None) -> Path:
    """The register for the office's letters of `year` (see the module docstring); with `prefix`, the
    register of another 发文字号 (the 通报 as a 文件), beside the letters' one."""
    import os

    from anquan_cli.core.outputs import safe_filename

    base = Path(config.source).parent if config.source else None
    if explicit is not None:
        return explicit
    name = safe_filename(f"发文登记簿_{prefix or config.county.doc_prefix}_{year}") + ".xlsx"
    if config.letters.register_path:
        named = Path(config.letters.register_path)
        named = named if named.is_absolute() or base is None else base / named
        return named.with_name(name) if prefix else named
    if base is not None:
        return base / name
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]) / name
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "anquan" / name
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "anquan" / name


def adopt(entries: list[Entry], old: list[Entry]) -> list[Entry]:
    """Entries of an earlier per-folder register that the county register lacks, added to it; returns
    those whose 文号 the county register already gives to another letter (a number issued twice)."""
    known = {(e.year, e.serial): e for e in entries}
    clashes = []
    for e in old:
        mine = known.get((e.year, e.serial))
        if mine is None:
            entries.append(e)
            known[(e.year, e.serial)] = e
        elif (mine.kind, mine.recipient, mine.month) != (e.kind, e.recipient, e.month):
            clashes.append(e)
    return clashes


def doc_number(prefix: str, year: int, serial: int) -> str:
    """GB/T 9704: 〔〕 around the year, no leading zeros, no 第."""
    return f"{prefix}〔{year}〕{serial}号"


def read_register(path: Path) -> list[Entry]:
    if not path.exists():
        return []
    from python_calamine import CalamineError, CalamineWorkbook

    from anquan_cli.core.dates import DateState, parse_date

    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    except (CalamineError, OSError) as exc:
        raise AnquanError("register-unreadable", path=path, reason=str(exc)[:100]) from exc
    header = [str(h).strip() for h in rows[0]] if rows else []
    if tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise AnquanError("register-unreadable", path=path, reason="表头与发文登记簿格式不符")
    entries = []
    for number, row in enumerate(rows[1:], 2):
        if not row or not str(row[0]).strip():
            continue
        try:
            year, serial, hazards = _whole(row[1]), _whole(row[2]), _whole(row[8] or 0)
        except ValueError as exc:
            reason = f"第 {number} 行的年度、序号或隐患数不是整数"
            raise AnquanError("register-unreadable", path=path, reason=reason) from exc
        date = parse_date(row[6])
        entries.append(
            Entry(
                number=str(row[0]),
                year=year,
                serial=serial,
                kind=str(row[3]),
                recipient=str(row[4]),
                month=str(row[5]),
                date=date.date if date.state == DateState.OK and date.date else dt.date(year, 1, 1),
                reasons=str(row[7]),
                hazards=hazards,
                file=str(row[9]),
            )
        )
    return entries


def _whole(value: object) -> int:
    """A year, serial or count as the register holds it: 3, 3.0 (Excel's numbers) or "3"."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise ValueError(value)


def write_register(path: Path, entries: list[Entry]) -> None:
    import xlsxwriter

    from anquan_cli.core.outputs import WORKBOOK_OPTIONS, atomic_path

    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(str(tmp), WORKBOOK_OPTIONS)
        wb.set_properties({"title": "发文登记簿", "author": "anquan", "created": dt.datetime(2000, 1, 1)})
        head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "font_name": "宋体"})
        text = wb.add_format({"border": 1, "font_name": "宋体", "text_wrap": True, "valign": "top"})
        date = wb.add_format({"border": 1, "font_name": "宋体", "num_format": "yyyy-mm-dd", "valign": "top"})
        ws = wb.add_worksheet("发文登记簿")
        for c, (name, width) in enumerate(zip(COLUMNS, (24, 6, 6, 8, 30, 9, 11, 50, 7, 40), strict=True)):
            ws.write_string(0, c, name, head)
            ws.set_column(c, c, width)
        for r, e in enumerate(sorted(entries, key=lambda e: (e.year, e.serial)), 1):
            for c, value in enumerate(e.row()):
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime(value.year, value.month, value.day), date)
                elif isinstance(value, int):
                    ws.write_number(r, c, value, text)
                else:
                    ws.write_string(r, c, str(value), text)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(1, len(entries)), len(COLUMNS) - 1)
        wb.close()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """One run at a time may read-assign-write the register (a portable lock file beside it)."""
    from filelock import FileLock, Timeout

    from anquan_cli.core.outputs import ensure_folder

    ensure_folder(path.parent)
    lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)
    try:
        with lock:
            yield
    except Timeout as exc:
        raise AnquanError("register-locked", path=path) from exc


def assign(
    entries: list[Entry], wanted: list[tuple[str, str, str]], *, prefix: str, year: int, date: dt.date
) -> list[Entry]:
    """For each (kind, recipient, month): the existing entry, or a new one with the next free serial."""
    existing = {(e.kind, e.recipient, e.month): e for e in entries}
    # a register named by hand may hold another prefix's numbers: each prefix has its own sequence
    serial = max(
        (e.serial for e in entries if e.year == year and e.number.startswith(f"{prefix}〔")), default=0
    )
    out = []
    for kind, recipient, month in wanted:
        entry = existing.get((kind, recipient, month))
        if entry is None:
            serial += 1
            entry = Entry(doc_number(prefix, year, serial), year, serial, kind, recipient, month, date)
            existing[(kind, recipient, month)] = entry
            entries.append(entry)
        out.append(entry)
    return out


def brief_prefix(config) -> str:
    """The 发文字号 prefix of the 通报 as a 文件: configured, else the letters' with 函 made 发."""
    own = config.brief.doc_prefix
    if own:
        return own
    letters = config.county.doc_prefix
    return letters[:-1] + "发" if letters.endswith("函") else letters + "发"


def brief_number(config, month: str, date: dt.date) -> tuple[str, Path]:
    """The 通报's 发文字号 for `month` and the register it is kept in: the one already given to this
    month's 通报, else the next of its prefix's year."""
    prefix = brief_prefix(config)
    path = register_location(config, date.year, prefix=prefix)
    with locked(path):
        entries = read_register(path)
        (entry,) = assign(
            entries, [("通报", config.brief.recipient, month)], prefix=prefix, year=date.year, date=date
        )
        write_register(path, entries)
    return entry.number, path
