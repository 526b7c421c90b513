"""Issue 7: every command on every hostile input (tests/hostile/corpus.py), through the real CLI.

For each case × command: no traceback, the documented exit code, one Chinese line naming the file and
the reason for refused files, values unchanged for files that are read, inputs untouched (checksums and
mtimes before and after), nothing written outside the output folder, bounded time and memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import resource
import signal
import subprocess
import sys
import zipfile
from pathlib import Path
from unittest import mock

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from anquan_cli.cli import app
from devtools.fab import write_csv
from tests.conftest import good_records, hazard, ledger_file, table
from tests.hostile.corpus import (
    CASES,
    CONTROL,
    FORMULA_LIKE,
    HIDDEN_SHEET,
    HOSTILE,
    SECRET,
    Case,
    build_hidden_only,
    ledger_rows,
    sheet_xml,
    write_parts,
)

runner = CliRunner()
TIME_LIMIT = 60  # seconds per command
MEMORY_GROWTH_LIMIT_MB = 1024  # growth of this process's peak RSS during one command
OUT = "out"

COMMANDS = {
    "validate": lambda path, out: ["validate", path, "--format", "json", "--as-of", "2026-11-28"],
    "overdue": lambda path, out: ["overdue", path, "--format", "json", "--as-of", "2026-11-28"],
    "monthly": lambda path, out: ["monthly", path, "--month", "2026-10", "--out", out],
}

# Words a clerk may meet in a message: file formats, programs, the config file and its keys.
ALLOWED_ASCII = {
    *("xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt", "zip", "html", "pdf", "docx", "doc"),
    *("excel", "wps", "office", "word", "libreoffice", "unicode", "utf", "gbk", "gb", "mb", "kb"),
    *("anquan", "toml", "limits", "max_part_mb", "max_total_mb", "max_ratio", "max_text_mb", "sheet"),
}
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z_]*")


# ---------------------------------------------------------------------------------------------
# Helpers


class Hung(BaseException):
    """Raised by SIGALRM; a BaseException so neither the product nor CliRunner swallows it."""


def invoke(args: list, *, limit: int = TIME_LIMIT):
    def on_alarm(signum, frame):
        raise Hung(f"anquan {' '.join(map(str, args[:1]))} did not finish within {limit} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    shells: list = []
    signal.alarm(limit)
    try:
        with no_shell(shells):
            result = runner.invoke(app, [str(a) for a in args])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < MEMORY_GROWTH_LIMIT_MB, f"peak memory grew by {grown_mb:.0f} MB"
    assert shells == [], f"a shell was used: {shells}"
    return result


@contextlib.contextmanager
def no_shell(calls: list):
    """Record (and refuse) every way of reaching a shell: os.system, os.popen, Popen(shell=True)."""
    original_init = subprocess.Popen.__init__

    def popen_init(self, args, *rest, **kwargs):
        if kwargs.get("shell"):
            calls.append(("Popen(shell=True)", args))
            raise OSError("shell refused by the hostile-input test")
        return original_init(self, args, *rest, **kwargs)

    def refuse(name):
        def call(*a, **k):
            calls.append((name, a))
            raise OSError("shell refused by the hostile-input test")

        return call

    with (
        mock.patch.object(subprocess.Popen, "__init__", popen_init),
        mock.patch.object(os, "system", refuse("os.system")),
        mock.patch.object(os, "popen", refuse("os.popen")),
    ):
        yield


def output_of(result) -> str:
    err = ""
    with contextlib.suppress(ValueError, AttributeError):
        err = result.stderr or ""
    out = result.stdout or ""
    return out + ("" if err and err in out else err)


def assert_no_crash(result) -> None:
    text = output_of(result)
    exc = result.exception
    detail = ""
    if exc is not None and not isinstance(exc, SystemExit):
        import traceback

        detail = "".join(traceback.format_exception(exc))
    assert exc is None or isinstance(exc, SystemExit), f"uncaught {exc!r}\n{detail}"
    assert "Traceback" not in text, text[-3000:]
    assert "程序内部错误" not in text, text[-2000:]
    assert SECRET not in text, "an external entity was resolved"


def snapshot(root: Path, skip: Path) -> dict[str, tuple]:
    """Every entry below `root` (not following links) except `skip`: files by sha256 and mtime."""
    entries: dict[str, tuple] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if here / n != skip)
        for name in [*dirnames, *filenames]:
            p = here / name
            rel = str(p.relative_to(root))
            st_ = p.lstat()
            if p.is_symlink():
                entries[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                entries[rel] = ("dir",)
            else:
                entries[rel] = ("file", _sha256(p), st_.st_mtime_ns, st_.st_size)
    return entries


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def compare_snapshots(before: dict, after: dict, vanishes: tuple[str, ...] = ()) -> None:
    expected = {k: v for k, v in before.items() if Path(k).name not in vanishes}
    actual = {k: v for k, v in after.items() if Path(k).name not in vanishes}
    created = sorted(set(actual) - set(expected))
    removed = sorted(set(expected) - set(actual))
    changed = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    assert not created, f"files created outside the output folder: {created}"
    assert not removed, f"input files removed: {removed}"
    assert not changed, f"input files modified: {changed}"


def english_words(message: str, path: Path) -> list[str]:
    text = message
    for name in {str(path), path.name, path.stem, str(path.parent)}:
        text = text.replace(name, " ")
    return [w for w in ASCII_WORD.findall(text) if w.lower() not in ALLOWED_ASCII]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def reason_phrase(code: str) -> str:
    """The longest fixed part of the catalogue message for `code` (whatever fills its placeholders)."""
    from anquan_cli.core.messages import CATALOGUE

    assert code in CATALOGUE, f"no catalogue message for {code}"
    return max(re.split(r"\{[^}]*\}", CATALOGUE[code][1]), key=len)


def shown_names(path: Path) -> list[str]:
    """Names the clerk would recognise: the file itself, or the files inside the folder."""
    if path.is_dir() and not path.is_symlink():
        inside = [p.name for p in path.rglob("*") if not p.is_dir() or p.is_symlink()]
        return inside or [path.name]
    return [path.name]


def all_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file() or p.is_symlink()]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]

    def tables(ts):
        for t in ts:
            for row in t.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    tables(cell.tables)

    tables(document.tables)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def formula_cells(path: Path) -> list[str]:
    """Cells of an xlsx that hold a formula (<f>), by part name, without loading the workbook."""
    found = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
            if sheet and re.search(rb"<(?:\w+:)?f[ >/]", zf.read(name)):
                found.append(name)
    return found


def check_output_folder(out: Path, terminal: str) -> None:
    """Monthly outputs: inside OUT, complete (no temp files), documents open, no formulas, safe terminal."""
    root = out.resolve()
    for p in all_files(out):
        assert p.resolve().is_relative_to(root), f"{p} escapes {root}"
        assert not p.name.startswith(".~anquan-"), f"temporary file left behind: {p}"
    for p in out.rglob("*.docx"):
        docx.Document(str(p))  # opens
    for p in out.rglob("*.xlsx"):
        assert formula_cells(p) == [], f"{p.name} has formula cells"
    assert "\u202e" not in terminal, "raw U+202E (bidi override) printed to the terminal"
    assert "\x1b" not in terminal, "raw ESC printed to the terminal"


# ---------------------------------------------------------------------------------------------
# The corpus × the commands


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_command_on_every_hostile_input(case: Case, command: str, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything written to the working directory shows up in the snapshot
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = case.build(inputs)
    out = tmp_path / OUT
    names = shown_names(path)
    before = snapshot(tmp_path, out)
    with monkeypatch.context() as m:
        if case.patch is not None:
            case.patch(m, path)
        result = invoke(COMMANDS[command](path, out))
    after = snapshot(tmp_path, out)
    text = output_of(result)

    assert_no_crash(result)
    compare_snapshots(before, after, case.vanishes)

    if case.expect == "usage":
        assert result.exit_code == 2, text
        assert CJK.search(text), text
        assert path.name in text, f"the message does not name {path.name}: {text}"
        return

    if case.expect == "refused":
        assert result.exit_code == 2, f"exit {result.exit_code}: {text[-2000:]}"
        if command == "validate":
            doc = json.loads(result.stdout)
            (entry,) = doc["files"]
            assert entry["error_code"] == case.error_code, (entry["error_code"], entry["error"])
            message = entry["error"]
            assert message and "\n" not in message and CJK.search(message), message
            assert english_words(message, path) == [], f"English in the message: {message}"
            assert doc["summary"]["unreadable"] == 1
            if case.check is not None:
                case.check(doc, path)
        else:
            # One Chinese line that names the file and says why (not only "nothing usable").
            assert any(squeeze(n) in squeeze(text) for n in names), (
                f"{command} does not name the file {names}: {text}"
            )
            phrase = reason_phrase(case.error_code)
            assert squeeze(phrase) in squeeze(text), f"{command} does not give the reason “{phrase}”: {text}"
        return

    assert case.expect == "read"
    assert result.exit_code in (0, 1), f"exit {result.exit_code}: {text[-2000:]}"
    if command == "validate":
        doc = json.loads(result.stdout)
        for entry in doc["files"]:
            assert entry["error"] is None, (entry["path"], entry["error_code"], entry["error"])
            counts = entry["row_counts"]
            parts = (
                "used",
                "blank",
                "subtotal",
                "footer",
                "header_extra",
                "label",
                "after_footer",
                "example",
            )
            assert sum(counts[k] for k in parts) == counts["total"], counts
            assert entry["rows"] == counts["used"], entry
        if case.check is not None:
            case.check(doc, path)
    elif command == "overdue":
        doc = json.loads(result.stdout)
        assert doc["input"]["unreadable"] == [], doc["input"]["unreadable"]
        assert {"items", "counts", "input"} <= set(doc)
    else:
        assert (out / "月度通报.docx").is_file(), sorted(p.name for p in all_files(out))
        json.loads((out / "run.json").read_text(encoding="utf-8"))
        check_output_folder(out, text)


# ---------------------------------------------------------------------------------------------
# One bad file never stops the others


REFUSED_IN_FOLDER = [
    c
    for c in CASES
    # A folder is searched for ledger extensions only, so a .pdf in it is (rightly) not an input.
    if c.expect == "refused" and c.error_code != "format-unsupported"
]


@pytest.mark.parametrize("case", REFUSED_IN_FOLDER, ids=str)
def test_other_files_still_processed(case: Case, tmp_path, monkeypatch):
    """A folder with one good ledger and one hostile file: the good one is read, exit 1."""
    monkeypatch.chdir(tmp_path)
    results = {}
    for command in ("validate", "overdue"):
        root = tmp_path / command  # a fresh copy per command: a vanishing file vanishes once
        folder = root / "in" / "十月报送"
        (folder / "问题文件").mkdir(parents=True)
        good = ledger_file(folder, good_records(), name="好台账.xlsx")
        bad = case.build(folder / "问题文件")
        out = root / OUT
        before = snapshot(tmp_path, out)
        with monkeypatch.context() as m:
            if case.patch is not None:
                case.patch(m, bad)
            results[command] = invoke(COMMANDS[command](folder, out))
        compare_snapshots(before, snapshot(tmp_path, out), case.vanishes)
        assert_no_crash(results[command])

    result, overdue = results["validate"], results["overdue"]
    assert result.exit_code == 1, output_of(result)
    doc = json.loads(result.stdout)
    by_path = {Path(e["path"]).name: e for e in doc["files"]}
    assert by_path[good.name]["error"] is None and by_path[good.name]["rows"] == 4, by_path[good.name]
    others = [e for name, e in by_path.items() if name != good.name]
    assert [e["error_code"] for e in others] == [case.error_code], others
    assert overdue.exit_code == 1, output_of(overdue)
    report = json.loads(overdue.stdout)
    assert report["items"], "the good ledger's overdue hazards are missing"
    assert len(report["input"]["unreadable"]) == 1, report["input"]["unreadable"]


def test_hidden_sheet_is_read_when_named(tmp_path):
    path = build_hidden_only(tmp_path)
    result = invoke(["validate", path, "--sheet", HIDDEN_SHEET, "--format", "json", "--as-of", "2026-11-28"])
    assert_no_crash(result)
    assert result.exit_code == 0, output_of(result)
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["sheet"] == HIDDEN_SHEET and entry["rows"] == 4 and entry["findings"] == []


def test_far_corner_cell_is_bounded(tmp_path):
    """One value in XFD1048576 (the last cell of a sheet): a dense grid would be 17 billion cells.

    Run in a child process under a 3 GB address-space limit, so a failing reader cannot take the
    test run down with it (calamine aborts the process when an allocation fails)."""
    rows = ledger_rows(good_records())
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>尾</t></is></c></row></sheetData>'
    xml = sheet_xml(rows).replace("</sheetData>", far)
    path = write_parts(tmp_path / "最后一个单元格有值.xlsx", [("台账", xml)])
    before = _sha256(path)

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    try:
        proc = subprocess.run(
            [sys.executable, "-m", "anquan_cli", "validate", str(path), "--format", "json"],
            capture_output=True,
            cwd=tmp_path,
            timeout=40,
            preexec_fn=limit,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("validate did not finish within 40 s")
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 2), (
        f"killed or aborted (exit {proc.returncode}): {stderr[:300]} … {stderr[-300:]}"
    )
    assert "Traceback" not in stderr and "程序内部错误" not in stderr, stderr[-1500:]
    (entry,) = json.loads(proc.stdout)["files"]
    if entry["error"] is None:
        assert entry["rows"] == 4, entry["row_counts"]
    else:
        assert entry["error_code"] == "sheet-too-large", entry
    assert _sha256(path) == before


# ---------------------------------------------------------------------------------------------
# Hostile text comes out literally everywhere


D = dt.date


def hostile_ledgers(folder: Path) -> None:
    """An xlsx carrying every hostile string as a description, an enterprise name and a responsible
    person (overdue, so they reach the 通报 and the letters), and as an invalid status (so the
    validate JSON echoes it); plus a CSV carrying control characters."""
    records = []
    for i, s in enumerate(HOSTILE):
        major = s.startswith("<script>")
        rec = hazard(
            f"D-{i:02d}",
            found=D(2026, 10, 1),
            deadline=D(2026, 10, 1) if major else D(2026, 10, 2),
            level="重大事故隐患" if major else "一般事故隐患",
            desc=s,
        )
        rec["owner"] = s
        records.append(rec)
    for i, s in enumerate(HOSTILE):
        # Two 灭火器 hazards on different dates: a repeat, so the enterprise gets a 警示函.
        for j, (found, desc) in enumerate(
            ((D(2026, 10, 3), "车间灭火器缺失"), (D(2026, 10, 6), "仓库灭火器压力不足"))
        ):
            rec = hazard(f"U-{i:02d}-{j}", found=found, deadline=found + dt.timedelta(days=5), desc=desc)
            rec["unit"], rec["uscc"] = s, None
            records.append(rec)
    for i, s in enumerate(HOSTILE):
        rec = hazard(f"S-{i:02d}", found=D(2026, 10, 7), deadline=D(2026, 10, 20), unit="B")
        rec["status"] = s
        records.append(rec)
    ledger_file(folder, records, name="青石镇台账_2026-10.xlsx")
    controls = [
        hazard(f"C-{i:02d}", found=D(2026, 10, 8), deadline=D(2026, 10, 9), unit="B", desc=s)
        for i, s in enumerate(CONTROL)
    ]
    write_csv(folder / "控制字符_2026-10.csv", table(controls))


def test_hostile_text_comes_out_literally(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    hostile_ledgers(folder)
    out = tmp_path / OUT
    before = snapshot(tmp_path, out)

    # validate --format json: the raw strings come back unchanged
    result = invoke(["validate", folder, "--format", "json", "--as-of", "2026-11-28"])
    assert_no_crash(result)
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    echoed = {f["value"] for e in doc["files"] for f in e["findings"] if f["code"] == "status-invalid"}
    missing = [s for s in HOSTILE if s not in echoed]
    assert not missing, f"not echoed literally in JSON value: {missing!r}"

    # overdue --format json: descriptions and names as written (only the documented trim of spaces)
    result = invoke(["overdue", folder, "--format", "json", "--as-of", "2026-10-31"])
    assert_no_crash(result)
    items = json.loads(result.stdout)["items"]
    descriptions, units = {i["description"] for i in items}, {i["unit"] for i in items}
    assert [s for s in HOSTILE if s.strip() not in descriptions] == []
    assert [s for s in HOSTILE if s.strip() not in units] == []
    assert [s for s in CONTROL if s not in descriptions] == []

    # the terminal: no raw bidi override or escape sequence from the data
    table_run = invoke(["validate", folder, "--as-of", "2026-11-28", "--limit", "0"])
    assert_no_crash(table_run)
    terminal = output_of(table_run)
    assert "\u202e" not in terminal and "\x1b" not in terminal

    # --annotate: the copy holds the formula-like strings as text, never as formulas
    annotated = out / "退回修改"
    result = invoke(["validate", folder, "--annotate", annotated, "--as-of", "2026-11-28"])
    assert_no_crash(result)
    copy = next(annotated.glob("青石镇台账_2026-10*_校验.xlsx"))
    wb = openpyxl.load_workbook(copy)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if c.data_type == "s"}
    for s in FORMULA_LIKE:
        assert s in texts, f"{s!r} not kept as text in the marked-up copy"
    assert formula_cells(copy) == []

    # monthly: 通报, letters and lists
    result = invoke(["monthly", folder, "--month", "2026-10", "--out", out])
    assert_no_crash(result)
    assert result.exit_code == 1, output_of(result)[-2000:]
    check_output_folder(out, output_of(result))
    documents = sorted(out.rglob("*.docx"))
    assert any(p.parent.name == "函告" for p in documents), documents
    text = "\n".join(docx_text(p) for p in documents)
    missing = [s for s in HOSTILE if s.strip() not in text]
    assert not missing, f"not literally in any document: {missing!r}"
    # XML 1.0 cannot hold C0 controls: they are dropped, and nothing after them is lost
    legible = [re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "", s) for s in CONTROL]
    brief = docx_text(out / "月度通报.docx")
    assert [s for s in legible if s not in brief] == []
    assert [s for s in HOSTILE if s.strip() not in brief and s.strip() in descriptions] == []
    md = (out / "月度通报.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in md
    assert "<script>" not in md
    overdue_list = openpyxl.load_workbook(out / "逾期未整改隐患清单.xlsx")
    values = {c.value for ws in overdue_list.worksheets for row in ws.iter_rows() for c in row}
    for s in FORMULA_LIKE:
        assert s.strip() in values or s in values, f"{s!r} not in the overdue list as text"

    compare_snapshots(before, snapshot(tmp_path, out))


# ---------------------------------------------------------------------------------------------
# Any text in a cell: read back unchanged, annotated copy written


def _read_and_annotate(path: Path, tmp: Path):
    from anquan_cli.read import ReadOptions, read_ledgers
    from anquan_cli.render.annotate import prepare_copy

    result = invoke(["validate", path, "--format", "json", "--as-of", "2026-11-28"], limit=30)
    assert_no_crash(result)
    assert result.exit_code in (0, 1), output_of(result)
    ledger = read_ledgers(path, ReadOptions(keep_grid=True))[0]
    prepare_copy([(ledger, [])], tmp / "标注.xlsx", D(2026, 11, 28)).run()
    openpyxl.load_workbook(tmp / "标注.xlsx")
    return ledger.raw["description"].iloc[0]


ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=40
)
# What an xlsx cell can hold and xlsxwriter writes unambiguously: no C0 controls but tab and line
# feed (XML 1.0), no CR (normalised by XML), no "_" (xlsxwriter's _xHHHH_ escapes), no noncharacters.
XLSX_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Cc"), include_characters="\t\n", exclude_characters="_\ufffe\uffff"
    ),
    min_size=1,
    max_size=40,
)
XLSX_NUMBER = st.one_of(
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: float(f"{x:.16G}") == x),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANY_TEXT)
def test_any_text_in_a_csv_cell(value, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("csv")
    records = good_records()
    records[0]["description"] = value
    path = write_csv(tmp / "台账.csv", table(records))
    assert _read_and_annotate(path, tmp) == value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(XLSX_TEXT, XLSX_NUMBER))
def test_any_text_or_number_in_an_xlsx_cell(value, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xlsx")
    records = good_records()
    records[0]["description"] = value
    path = ledger_file(tmp, records)
    assert _read_and_annotate(path, tmp) == value
