"""Where the time goes: validate, overdue and monthly under cProfile, broken down by phase.

    python benchmarks/profile.py [--rows 100000]      # writes benchmarks/PROFILE.md

cProfile times the main thread only (the imports that run on a thread while the first workbook
parses, the next workbook read ahead, and monthly's second process, which writes the marked-up copies,
the 通报 and the letters, show as the wait for them), and
it slows Python code several times more than the Rust parse: read the shares beside the wall times in
RESULTS.md, not instead of them. The driver runs the typer app itself, so the parse that `anquan`
starts on a thread before the CLI loads (entry.py) shows here on the main thread, after start-up.
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import ensure  # noqa: E402

# (label, file suffix or "" for a builtin, function name); nested phases are indented in the label.
VALIDATE = [
    ("start-up: interpreter, typer, options (before the command body)", "startup", ""),
    ("calamine parse of the sheet XML (Rust, GIL released)", "", "get_sheet_by_name"),
    ("calamine cells → Python objects", "", "to_python"),
    ("header detection", "read/header.py", "detect_header"),
    ("ledger columns: factorize, normalise once per distinct value", "read/ledger.py", "build_ledger"),
    ("rules (vectorised) and findings for the failing cells", "rules/__init__.py", "check"),
    ("JSON output", "render/jsonout.py", "emit"),
]
OVERDUE = [
    *VALIDATE[:-1],
    ("merge into one hazard set (dedupe, submission order)", "analysis/merge.py", "combine"),
    ("rows to merge frames", "analysis/merge.py", "frame_of"),
    ("overdue, due soon, closed late", "analysis/overdue.py", "compute_overdue"),
    ("report items, encoded column by column", "analysis/overdue.py", "json_document"),
    ("JSON output", "render/jsonout.py", "emit"),
]
MONTHLY = [
    ("read and validate 20 files", "validate.py", "run_validation"),
    ("  of which calamine parse (files read ahead on a thread are not counted)", "", "get_sheet_by_name"),
    ("  of which ledger columns", "read/ledger.py", "build_ledger"),
    ("  of which rules", "rules/__init__.py", "check"),
    ("  of which marked-up copies: columns factorized for the worker", "render/annotate.py", "prepare_copy"),
    ("repeats (屡查屡有)", "analysis/__init__.py", "repeats_of"),
    ("overdue", "analysis/overdue.py", "compute_overdue"),
    ("statistics ×3 groupings", "analysis/stats.py", "compute_stats"),
    ("校验报告.xlsx", "render/lists.py", "write_findings"),
    ("逾期清单.xlsx", "render/lists.py", "write_overdue"),
    ("屡查屡有.xlsx", "render/lists.py", "write_repeats"),
    ("统计汇总.xlsx", "render/lists.py", "write_stats"),
    (
        "月度通报 figures and annex rows (chart and docxtpl in a second process, warmed up during the read)",
        "jobs.py",
        "prepare_brief",
    ),
    ("函告: selection and numbering", "analysis/letters.py", "plan_letters"),
    ("wait for the worker: marked-up copies written", "validate.py", "copies_written"),
    ("函告 parts taken back and rendered here, then the wait for the worker", "jobs.py", "finish"),
    ("  of which parts rendered here", "jobs.py", "_share"),
]


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    total = 0.0
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if suffix:
            if filename.replace("\\", "/").endswith(suffix) and func == name:
                total += ct
        elif f"'{name}'" in func:
            total += ct
    return total


# `anquan` itself ends with os._exit (no interpreter teardown), which would also skip cProfile's
# writing of its results: the typer app is run from a driver script, which returns normally.
DRIVER = "from anquan_cli.cli import app\n\napp(prog_name='anquan')\n"


def profile(argv: list[str], phases: list[tuple]) -> tuple[float, list[tuple[str, float]]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run.prof"
        driver = Path(tmp) / "anquan_driver.py"
        driver.write_text(DRIVER, encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), str(driver), *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=tmp,
            check=False,  # exit 1 only means the ledger has errors, which the benchmark data has
        )
        stats = pstats.Stats(str(out))
    total = stats.total_tt
    rows = []
    for label, suffix, name in phases:
        seconds = _startup(stats) if suffix == "startup" else _cumulative(stats, suffix, name)
        rows.append((label, seconds))
    return total, rows


def _startup(stats: pstats.Stats) -> float:
    """Main-thread time before the command's body: interpreter, typer, the command's options."""
    total = stats.total_tt
    body = _cumulative(stats, "commands/_run.py", "run")
    return max(0.0, total - body)


def tables(data: dict[str, Path]) -> list[str]:
    big, towns = str(data["big"]), str(data["towns"])
    jobs = [
        ("validate --format json", ["validate", big, "--format", "json"], VALIDATE),
        ("overdue --format json", ["overdue", big, "--format", "json", "--as-of", "2026-10-31"], OVERDUE),
        ("monthly (20 town files)", ["monthly", towns, "--month", "2026-10", "--out", "out"], MONTHLY),
    ]
    lines: list[str] = []
    for title, argv, phases in jobs:
        total, rows = profile(argv, phases)
        lines += [f"### {title}: {total:.2f} s under cProfile (main thread)", ""]
        lines += ["| phase | s | share |", "|---|---:|---:|"]
        for label, seconds in rows:
            lines.append(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
        lines.append("")
    return lines


WHY = """## Where the targets stand, and why they are not all met

Three full runs this round on 2 CPUs: run 1 with everything but the findings JSON, the review
clean-ups and the repeats change (the 500k growth and frictionless not yet paired); run 2 at the
commit before the repeats change; run 3, in RESULTS.md, at the final commit. The raw read of 100k
rows took 2.0–3.1 s across them (1.7 s last round) and single validate runs ranged 2.7–4.6 s within
one run: at times a neighbour takes the second core, which slows whatever uses two (validate parses
on one thread while it imports pandas on another; monthly uses a second process) and not the raw
read, which uses one.

| target | run 1 | run 2 | run 3 (RESULTS.md) |
|---|---:|---:|---:|
| validate ≤ 1.5× | 1.50× (NO by a hair) | 1.477× | 1.521× (NO) |
| overdue ≤ 1.6× | 1.59× | 1.54× | 1.54× |
| monthly ≤ 3× | 4.14× | 3.36× | 4.02× |
| --annotate ≤ 5× | 2.36× | 2.55× | 2.45× |
| letters ≥ 25/s | 193 | 108 | 84 |
| 500k ÷ 100k: validate / overdue / repeats ≤ 5.5 | 4.77 / 5.26 / 6.55 (unpaired) | 4.45 / 4.47 / 4.86 | 4.45 / 4.87 / 5.57 |
| raw read's own 500k ÷ 100k (baseline) | 3.55 (unpaired) | 5.40 | 5.55 |
| ≥ 10× faster than frictionless | 7.85× (unpaired) | 6.13× | 7.74× |

- **validate ≤ 1.5× the raw read**: on the line, 1.477–1.521× (11 pairs each; 1.46–1.53× last
  round). On top of the read (≈ 0.85 s on 100k rows): start-up before the read can begin ≈ 0.2 s
  (typer 0.29 passes every option through a pydantic adapter, so pydantic is imported first; the raw
  read starts in 0.03 s); ledger columns ≈ 0.45–0.55 s, of which pandas hashing the 1.9 M cell
  strings is ≈ 0.22 s; rules ≈ 0.08 s; JSON now ≈ 0.06 s (was 0.18 s: the 19k findings are encoded
  a column at a time, each distinct value once with the C string encoder). validate takes ≈ 0.7 s
  more CPU than wall time (pandas imports while the sheet parses): when the second core is taken,
  that overlap is lost, and the ratio moves by several hundredths.
- **overdue ≤ 1.6×**: met in all three, 1.54–1.59×.
- **monthly ≤ 3×**: 3.36–4.14× (4.0–5.3× last round). The month's outputs cost more CPU than its
  input: ≈ 15 s on 100k rows in 20 files, ≈ 9.5 s in the main process (reading and checking the 20
  files with the next one parsed on a thread ≈ 3.9 s, the copies' columns ≈ 0.7 s, analysis
  ≈ 0.5 s, the four workbooks ≈ 1.8 s, letter selection ≈ 0.3 s) and ≈ 5.5 s in the second process
  (imports and font scan 0.75 s, the 20 marked-up copies ≈ 2.1 s, the 通报 0.9 s, 214 letters
  1.7 s). Spread perfectly over 2 cores that is ≈ 7.5 s, 3.4× a read of 2.2 s: the target needs a
  third less CPU, not more overlap. The issue's own budgets leave no room either: validate (≤ 1.5×)
  plus the marked-up copies (≈ 1× here) is already 2.5×, before any analysis, workbook, 通报 or
  letter, and at the issue's anchor of 45 ms per docxtpl letter the 214 letters alone are 9.6 s of
  CPU. This round: the copies are written by the second process while the next files are read (their
  columns factorized here, 0.07 s to pickle on 100k rows, instead of 1 s for the rows; an earlier
  round that sent the rows was dropped); the letters are rendered there too while this process
  writes the workbooks; the 通报 lists at most 300 屡查屡有 groups (4,814 made a 33k-cell docx and 2 s
  of docxtpl) and skips docxtpl's line-break pass when no text needs it (通报 2.0 s → 0.8 s); sheet
  XML is deflated on a thread; inputs are resolved once for the output-is-input check (0.33 s over
  214 letters); only the listed overdue hazards become 通报 rows (0.3 s); similar descriptions are
  linked on arrays (repeats 0.65 s → 0.44 s).
- **500k ≤ 5.5× the 100k time**: validate and overdue met in every run; repeats 4.86× and 5.57×
  once paired run by run. The raw read's own growth is 5.4–5.55× in those runs (python-calamine
  on a 330 MB sheet), and repeats, whose time is mostly the read, follows it: its own work grows
  linearly (grouping is per enterprise, similarity within an enterprise only).
- **≥ 10× faster than frictionless**: 6.1–7.9×. Last round's 10.3× compared a frictionless median
  with a validate median taken a quarter of an hour earlier; now each frictionless run follows a
  validate run, like every other ratio. frictionless takes 10–11× the raw read on this machine
  (23.8–29.2 s against 2.2–3.1 s; the issue's anchors were 55 s against 3.8 s, 14.5×), so 10× would
  need validate at ≈ 1.1× the read, well inside its own 1.5× budget and below what start-up plus
  building the columns cost. It also moves with the machine: frictionless uses one core.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    args = parser.parse_args()
    note = " ".join(__doc__.split("\n\n")[2].split())  # the docstring's caveat, as one paragraph
    lines = ["# Where the time goes", "", note, "", *tables(ensure(args.data, args.rows)), WHY]
    (HERE / "PROFILE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
