"""Is a change worth keeping? The same command on two source trees, run in alternating pairs.

A performance trick stays only if it earns 10% on a user-visible figure (design.md): this measures it.
Each pair runs tree A then tree B back to back (the order alternates from pair to pair), so both see the
machine in the same mood; the verdict is the median of the per-pair ratios B ÷ A, for wall time, CPU
time and peak RSS.

    python benchmarks/compare.py A/src B/src -- monthly {towns} --month 2026-10 --out {tmp}/out
    python benchmarks/compare.py A/src B/src --pairs 7 -- validate {big} --format json

{big}, {towns} and {small} name the realistic data sets (benchmarks/generate.py); {tmp} is a scratch
folder emptied before each run. The trees are put first on PYTHONPATH, so the installed anquan is
shadowed by each in turn.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import build, run_once  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="source folder of the first tree (its src/)")
    parser.add_argument("b", type=Path, help="source folder of the second tree")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=HERE / ".data")
    own, argv = _split(sys.argv[1:])
    args = parser.parse_args(own)
    data = build(args.data, args.rows)
    tmp = Path(tempfile.mkdtemp(prefix="anquan-compare-"))
    fill = {
        "big": str(data["big"]),
        "towns": str(data["towns"]),
        "small": str(data["small"]),
        "tmp": str(tmp),
    }
    command = [sys.executable, "-m", "anquan_cli", *(a.format(**fill) for a in argv)]
    runs: dict[str, list] = {"a": [], "b": []}
    for i in range(args.pairs):
        for side in ("a", "b") if i % 2 == 0 else ("b", "a"):
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            os.environ["PYTHONPATH"] = str(getattr(args, side).resolve())
            runs[side].append(run_once(command))
        a, b = runs["a"][-1], runs["b"][-1]
        print(f"pair {i + 1}: A {a.wall:6.2f} s {a.cpu:6.2f} cpu {a.peak_mb:6.0f} MB | "
              f"B {b.wall:6.2f} s {b.cpu:6.2f} cpu {b.peak_mb:6.0f} MB")  # fmt: skip
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"command: anquan {' '.join(argv)}  ({args.rows} rows, {args.pairs} pairs)")
    for label, key in (("wall", "wall"), ("cpu", "cpu"), ("peak RSS", "peak_mb")):
        a_values = [getattr(r, key) for r in runs["a"]]
        b_values = [getattr(r, key) for r in runs["b"]]
        ratio = statistics.median(y / x for x, y in zip(a_values, b_values, strict=True))
        print(
            f"  {label:<8} A {statistics.median(a_values):8.2f}  B {statistics.median(b_values):8.2f}"
            f"  B/A {ratio:.3f}"
        )
    return 0


def _split(words: list[str]) -> tuple[list[str], list[str]]:
    """This script's own arguments, and the anquan arguments after "--"."""
    if "--" not in words:
        raise SystemExit("give the anquan arguments after --")
    at = words.index("--")
    return words[:at], words[at + 1 :]


if __name__ == "__main__":
    raise SystemExit(main())
