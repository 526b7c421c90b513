"""Measure anquan against a raw python-calamine read of the same file, in one run, and write RESULTS.md.

Every figure is a whole process (start-up included), the median of several runs, with its CPU time
(user + system, the worker processes it waited for included) and peak RSS; ratios to the raw read
measured in the same run hold on a noisy machine where seconds do not.

    python benchmarks/run.py [--rows 100000] [--repeat 3] [--close-pairs 11] [--linear 500000] [--frictionless]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import counts, describe, ensure  # noqa: E402

PY = sys.executable
ANQUAN = [PY, "-m", "anquan_cli"]
RAW = "import sys, python_calamine as pc; pc.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"


@dataclass
class Measure:
    name: str
    seconds: float
    cpu: float
    peak_mb: float
    runs: list[float]
    cpu_runs: list[float]
    # Median of (this run ÷ the baseline run just before it): each pair shares the machine's mood of
    # the moment, so the ratio holds where a ratio of medians taken minutes apart drifts.
    ratio: float | None = None
    cpu_ratio: float | None = None  # the same, of CPU time: work done, whatever the CPUs ran in parallel
    peak_ratio: float | None = None
    base: str = "raw read"  # what the ratio is to


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user + system time
    peak_mb: float
    returncode: int


def run_once(cmd: list[str], cwd: Path | None = None) -> Run:
    """Wall time, CPU time and peak RSS of one child process.

    wait4's usage covers the child and the descendants it waited for (its worker processes, once it
    has joined them); a worker left running or never reaped would be missing from the CPU time.
    """
    # stderr to a file, not a pipe: a child that writes more than a pipe holds (64 KiB of warnings)
    # would block on it while we sit in wait4.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def build(data: Path, rows: int) -> dict[str, Path]:
    """The cached datasets for `rows`, generated in a child if need be.

    Not in this process: a child's peak RSS starts from its parent's high-water mark (the spawn runs
    on the parent's memory until exec), so half a million generated records here would show in every
    measure after them.
    """
    subprocess.run([PY, str(HERE / "generate.py"), "--rows", str(rows), "--out", str(data)], check=True)
    return ensure(data, rows)


def measure(
    name: str,
    cmd: list[str],
    repeat: int,
    cwd: Path | None = None,
    setup=None,
    baseline=None,
    base: str = "raw read",
    base_cwd: Path | None = None,
) -> Measure:
    runs: list[Run] = []
    bases: list[Run] = []
    for _ in range(repeat):
        if baseline:
            bases.append(run_once(baseline, base_cwd))
        if setup:
            setup()
        runs.append(run_once(cmd, cwd))
    times = [r.wall for r in runs]
    cpus = [r.cpu for r in runs]
    m = Measure(
        name,
        statistics.median(times),
        statistics.median(cpus),
        statistics.median(r.peak_mb for r in runs),
        times,
        cpus,
        base=base,
    )
    if baseline:
        m.ratio = statistics.median(r.wall / b.wall for r, b in zip(runs, bases, strict=True))
        m.cpu_ratio = statistics.median(r.cpu / b.cpu for r, b in zip(runs, bases, strict=True))
        m.peak_ratio = m.peak_mb / statistics.median(b.peak_mb for b in bases)
    return m


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--close-pairs",
        type=int,
        default=11,
        help="pairs for the validate and overdue ratios (at least --repeat)",
    )
    parser.add_argument(
        "--linear", type=int, default=0, help="also time validate on this many rows (e.g. 500000)"
    )
    parser.add_argument(
        "--frictionless", action="store_true", help="also time `frictionless validate` (slow)"
    )
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    args = parser.parse_args()

    data = build(args.data, args.rows)
    big, towns, small = str(data["big"]), data["towns"], str(data["small"])
    work = Path(tempfile.mkdtemp(prefix="anquan-bench-"))
    r = args.repeat
    results: dict[str, Measure] = {}

    def record(m: Measure) -> None:
        results[m.name] = m
        paired = ""
        if m.ratio is not None:
            paired = f"  wall {m.ratio:5.2f}×  CPU {m.cpu_ratio:5.2f}× {m.base}"
        runs = ", ".join(f"{t:.2f}" for t in m.runs)
        print(
            f"  {m.name:<28} {m.seconds:7.2f} s wall {m.cpu:7.2f} s CPU {m.peak_mb:7.0f} MB{paired}"
            f"   runs {runs}"
        )

    # Measure anquan as installed: compiled once, not recompiled from source in every run.
    # (In a child: the parent's own size would show in every child's peak RSS, forked from it.)
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True)
    print(f"anquan benchmark: {args.rows} rows, {r} runs each, {os.cpu_count()} CPUs")
    print(f"data: {describe(counts(args.data, args.rows))}")
    raw_read = [PY, "-c", RAW, big]
    record(measure("raw calamine read", raw_read, r))
    # The two ratio targets with a margin of a tenth of a read get more pairs: from one pair to the
    # next this machine drifts by a quarter, and a median of five moves by more than the margin.
    close = max(r, args.close_pairs)
    record(
        measure(
            "validate --format json",
            [*ANQUAN, "validate", big, "--format", "json"],
            close,
            baseline=raw_read,
        )
    )
    record(
        measure(
            "validate --annotate",
            [*ANQUAN, "validate", big, "--format", "json", "--annotate", str(work / "annotated")],
            r,
            baseline=raw_read,
        )
    )
    record(
        measure(
            "overdue --format json",
            [*ANQUAN, "overdue", big, "--format", "json", "--as-of", "2026-10-31"],
            close,
            baseline=raw_read,
        )
    )
    record(
        measure(
            "monthly (20 town files)",
            [*ANQUAN, "monthly", str(towns), "--month", "2026-10", "--out", str(work / "monthly")],
            r,
            setup=lambda: shutil.rmtree(work / "monthly", ignore_errors=True),
            baseline=raw_read,
        )
    )
    letters_dir = work / "letters"
    dry = measure(
        "letters --dry-run",
        [*ANQUAN, "letters", str(towns), "--month", "2026-10", "--out-dir", str(letters_dir), "--dry-run"],
        r,
    )
    full = measure(
        "letters",
        [*ANQUAN, "letters", str(towns), "--month", "2026-10", "--out-dir", str(letters_dir)],
        r,
        setup=lambda: shutil.rmtree(letters_dir, ignore_errors=True),
    )
    record(dry)
    record(full)
    letter_count = len(list(letters_dir.glob("*.docx")))
    per_second = letter_count / max(full.seconds - dry.seconds, 1e-6)
    record(measure("anquan --help", [*ANQUAN, "--help"], max(r, 5)))
    record(measure("validate (300 rows)", [*ANQUAN, "validate", small, "--format", "json"], max(r, 5)))
    # Linear growth is checked on the commands that merge, search duplicates and group repeats too.
    scaled = {
        "validate": ["validate", "--format", "json"],
        "overdue": ["overdue", "--format", "json", "--as-of", "2026-10-31"],
        "repeats": ["repeats", "--format", "json", "--as-of", "2026-10-31"],
    }
    if args.linear:
        record(
            measure(
                "repeats --format json", [*ANQUAN, *scaled["repeats"][:1], big, *scaled["repeats"][1:]], r
            )
        )
        bigger = str(build(args.data, args.linear)["big"])
        # 500k rows in one sheet unpack to ~330 MB of XML, past the default guard against zip bombs
        # (200 MB a part); a county that keeps a province-sized sheet raises it the same way.
        roomy = work / "anquan.toml"
        roomy.write_text("[limits]\nmax_part_mb = 2000\nmax_total_mb = 4000\n", encoding="utf-8")
        # Each run on the bigger file is paired with the same command on the 100k file just before it:
        # a ratio of medians taken ten minutes apart moved by a third on this machine.
        small_base = f"{args.rows // 1000}k run"
        record(
            measure(
                f"raw calamine read ({args.linear} rows)",
                [PY, "-c", RAW, bigger],
                r,
                baseline=raw_read,
                base=small_base,
            )
        )
        for name, argv in scaled.items():
            command = [*ANQUAN, argv[0], bigger, *argv[1:], "--config", str(roomy)]
            at_base = [*ANQUAN, argv[0], big, *argv[1:]]
            record(measure(f"{name} ({args.linear} rows)", command, r, baseline=at_base, base=small_base))
    if args.frictionless and shutil.which("frictionless"):
        # frictionless refuses absolute paths ("not safe") and stops at 1000 errors unless told otherwise.
        # Three runs, median, like every other measure (one run of half a minute drifted by a third).
        # Each paired with a validate run just before it, like the other ratios.
        command = ["frictionless", "validate", "--limit-errors", "100000000", Path(big).name]
        validate_big = [*ANQUAN, "validate", big, "--format", "json"]
        record(
            measure(
                "frictionless validate",
                command,
                min(r, 3),
                cwd=Path(big).parent,
                baseline=validate_big,
                base="validate",
            )
        )

    targets = [
        ("validate ≤ 1.5× raw read", results["validate --format json"].ratio, 1.5),
        ("validate peak RSS ≤ 1.5× raw", results["validate --format json"].peak_ratio, 1.5),
        ("overdue ≤ 1.6× raw read", results["overdue --format json"].ratio, 1.6),
        ("monthly (20 files) ≤ 3× raw read", results["monthly (20 town files)"].ratio, 3.0),
        ("--annotate ≤ 5× raw read", results["validate --annotate"].ratio, 5.0),
    ]
    absolute = [
        ("letters per second ≥ 25", per_second, 25, ">="),
        ("anquan --help ≤ 0.3 s", results["anquan --help"].seconds, 0.3, "<="),
        ("validate 300 rows ≤ 1.0 s", results["validate (300 rows)"].seconds, 1.0, "<="),
    ]
    if args.linear:
        for name in ("raw calamine read", *scaled):
            absolute.append(
                (
                    f"{name}: {args.linear // 1000}k rows ≤ {1.1 * args.linear / args.rows:g}× the {args.rows // 1000}k time",
                    results[f"{name} ({args.linear} rows)"].ratio,
                    1.1 * args.linear / args.rows,  # linear, with 10 % slack
                    # The raw read is the baseline: its growth is python-calamine's, shown for reference.
                    "ref" if name == "raw calamine read" else "<=",
                )
            )
    if "frictionless validate" in results:
        absolute.append(
            (
                "≥ 10× faster than frictionless",
                results["frictionless validate"].ratio,
                10,
                ">=",
            )
        )
    write_results(args, results, targets, absolute, letter_count, per_second)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _versions() -> str:
    names = ("python-calamine", "pandas", "numpy", "xlsxwriter", "docxtpl", "typer", "rich", "pydantic")
    return ", ".join(f"{n} {metadata.version(n)}" for n in names)


def write_results(args, results, targets, absolute, letter_count, per_second) -> None:
    lines = [
        "# anquan benchmark results",
        "",
        f"Generated by `python benchmarks/run.py --rows {args.rows} --repeat {args.repeat}"
        + f" --close-pairs {args.close_pairs}"
        + (f" --linear {args.linear}" if args.linear else "")
        + (" --frictionless" if args.frictionless else "")
        + f"` on {dt.date.today().isoformat()}.",
        "",
        f"- Machine: {platform.platform()}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}",
        f"- Python {platform.python_version()}; {_versions()}",
        f"- Data: hazard rows, {describe(counts(args.data, args.rows))}"
        " (title row, shared strings, valid credit codes, ~1 % of cells with a mistake);"
        " monthly runs on the same rows split into 20 town files."
        + (f" The bigger file: {describe(counts(args.data, args.linear))}." if args.linear else ""),
        "",
        "Ratios are paired: each run of a command follows a run of its baseline (the raw read; for the"
        " bigger file, the same command on the 100k file; for frictionless, validate), and the ratio is"
        " the median of those run-by-run ratios, so a machine that slows down for a minute does not tilt"
        f" it. validate and overdue, whose targets leave a margin of about a tenth of a read, use"
        f" {max(args.repeat, args.close_pairs)} pairs.",
        "",
        "CPU is the process's user + system time, with that of the worker processes it waited for; the"
        " paired CPU ratio is each run's CPU ÷ its baseline run's CPU, median. Where the CPU ratio is"
        " above the wall ratio, the command did its extra work on more than one CPU at once.",
        "",
        "| measure | median wall s | median CPU s | peak RSS MB | paired wall ratio | paired CPU ratio | runs (wall s) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in results.values():
        wall = f"{m.ratio:.2f}× {m.base}" if m.ratio is not None else ""
        cpu = f"{m.cpu_ratio:.2f}× {m.base}" if m.cpu_ratio is not None else ""
        runs = ", ".join(f"{t:.2f}" for t in m.runs)
        lines.append(
            f"| {m.name} | {m.seconds:.2f} | {m.cpu:.2f} | {m.peak_mb:.0f} | {wall} | {cpu} | {runs} |"
        )
    lines += ["", "| target | measured | limit | met |", "|---|---:|---:|:---:|"]
    for name, value, limit in targets:
        lines.append(f"| {name} | {value:.3f}× | {limit}× | {'yes' if value <= limit else 'NO'} |")
    for name, value, limit, op in absolute:
        ok = value >= limit if op == ">=" else value <= limit
        met = "(baseline)" if op == "ref" else "yes" if ok else "NO"
        lines.append(f"| {name} | {value:.2f} | {limit} | {met} |")
    lines += [
        "",
        f"Letters: {letter_count} letters; per second = letters ÷ (letters run − dry run).",
        "",
        "Where the time goes, and why the targets marked NO are not met: [PROFILE.md](PROFILE.md)"
        " (`python benchmarks/profile.py`).",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[-len(targets) - len(absolute) - 4 :]))
    print(json.dumps({"letters": letter_count, "per_second": round(per_second, 1)}))


if __name__ == "__main__":
    raise SystemExit(main())
