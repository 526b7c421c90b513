"""Where the time goes: validate, overdue and monthly under cProfile, broken down by phase.

    python benchmarks/profile.py [--rows 100000]      # writes benchmarks/PROFILE.md

cProfile times the main thread only (the next file read ahead on a thread, and monthly's worker
process, which writes the marked-up copies, the 通报 and the letters, show as the wait for them), and
it slows Python code several times more than the Rust parse: read the shares beside the wall times in
RESULTS.md, not instead of them.
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
    ("report items as plain values", "analysis/overdue.py", "to_dict"),
    ("JSON output", "render/jsonout.py", "emit"),
]
MONTHLY = [
    ("read and validate 20 files", "jobs/validate.py", "run_validation"),
    ("  of which calamine parse (files read ahead on a thread are not counted)", "", "get_sheet_by_name"),
    ("  of which ledger columns", "read/ledger.py", "build_ledger"),
    ("  of which rules", "rules/__init__.py", "check"),
    ("  of which marked-up copies: columns factorized for the worker", "render/annotate.py", "prepare_copy"),
    ("repeats (屡查屡有)", "analysis/repeats.py", "find_repeats"),
    ("overdue", "analysis/overdue.py", "compute_overdue"),
    ("statistics ×3 groupings", "analysis/stats.py", "compute_stats"),
    ("校验报告.xlsx", "render/lists.py", "write_findings"),
    ("逾期清单.xlsx", "render/lists.py", "write_overdue"),
    ("屡查屡有.xlsx", "render/lists.py", "write_repeats"),
    ("统计汇总.xlsx", "render/lists.py", "write_stats"),
    (
        "月度通报 figures and annex rows (chart and docxtpl in the worker process)",
        "jobs/brief.py",
        "prepare_brief",
    ),
    ("函告: selection and numbering", "analysis/letters.py", "plan_letters"),
    ("wait for the worker: marked-up copies written", "jobs/validate.py", "copies_written"),
    ("wait for the worker: 函告 rendered, then the register written", "jobs/letters.py", "finish"),
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


# The typer app run from a driver script: typer ends the process with SystemExit, which the driver
# lets cProfile see through to the end of its own run.
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


# PROFILE.md keeps what is written by hand below this line; the tables above it are made anew.
MARK = "<!-- written by hand below this line; profile.py keeps it -->"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    args = parser.parse_args()
    note = " ".join(__doc__.split("\n\n")[2].split())  # the docstring's caveat, as one paragraph
    target = HERE / "PROFILE.md"
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    kept = old[old.index(MARK) :] if MARK in old else MARK + "\n"
    lines = ["# Where the time goes", "", note, "", *tables(ensure(args.data, args.rows)), kept]
    target.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
