"""Seeded benchmark ledgers: one big county ledger and a folder of town files, like real submissions.

Title row, header, shared strings (xlsxwriter writes them as Excel and WPS do), valid credit codes, and
about 1 % of cells with a realistic mistake so that validation and marked-up copies have work to do.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from devtools import synth  # noqa: E402
from devtools.fab import SheetSpec, write_xlsx  # noqa: E402

COLUMNS = (
    ("hazard_id", "隐患编号"),
    ("town", "镇街"),
    ("unit", "企业名称"),
    ("uscc", "统一社会信用代码"),
    ("industry", "行业领域"),
    ("found_on", "排查日期"),
    ("source", "排查类型"),
    ("category", "隐患类别"),
    ("level", "隐患等级"),
    ("place", "隐患部位"),
    ("description", "隐患描述"),
    ("measure", "整改措施"),
    ("owner", "整改责任人"),
    ("deadline", "整改期限"),
    ("status", "整改状态"),
    ("closed_on", "整改完成日期"),
    ("verifier", "复查人"),
    ("verified_on", "验收日期"),
    ("note", "备注"),
)
MISTAKES = (
    ("found_on", "2026.13.5"),
    ("owner", None),
    ("deadline", "下个月"),
    ("level", "严重"),
    ("uscc", "91350100M000100Y4Z"),
)


def records(rows: int, towns: int, seed: int) -> list[dict]:
    county = synth.make_county(seed, towns=towns)
    return synth.make_hazards(county, rows, start=dt.date(2026, 1, 1), end=dt.date(2026, 10, 31), seed=seed)


def _rows(recs: list[dict], title: str, rng: random.Random, error_share: float) -> list[list]:
    out = [[title], ["序号", *[h for _, h in COLUMNS]]]
    for i, rec in enumerate(recs, 1):
        row = [i, *[rec.get(k) for k, _ in COLUMNS]]
        if rng.random() < error_share * len(COLUMNS):  # ~error_share of all cells
            key, bad = rng.choice(MISTAKES)
            row[1 + [k for k, _ in COLUMNS].index(key)] = bad
        out.append(row)
    return out


def write_ledger(path: Path, recs: list[dict], *, seed: int, error_share: float = 0.01) -> Path:
    rng = random.Random(seed)
    rows = _rows(recs, "示例县安全生产隐患排查治理台账", rng, error_share)
    spec = SheetSpec("台账", rows, merges=[(0, 0, 0, len(COLUMNS))])
    return write_xlsx(path, [spec], properties={"created": dt.datetime(2026, 11, 1)})


def write_towns(folder: Path, recs: list[dict], *, seed: int, files: int = 20) -> list[Path]:
    """`files` town ledgers (one per town) for `anquan monthly`, named as towns name them."""
    folder.mkdir(parents=True, exist_ok=True)
    by_town: dict[str, list[dict]] = {}
    for rec in recs:
        by_town.setdefault(rec["town"], []).append(rec)
    paths = []
    for i, (town, items) in enumerate(sorted(by_town.items())[:files]):
        path = folder / f"{town}隐患排查治理台账（2026年10月）.xlsx"
        write_ledger(path, items, seed=seed + i)
        paths.append(path)
    return paths


def ensure(data: Path, rows: int, seed: int = 2026) -> dict[str, Path]:
    """Build (once) the datasets a benchmark run needs, cached by row count."""
    data.mkdir(parents=True, exist_ok=True)
    big = data / f"ledger_{rows}.xlsx"
    towns = data / f"towns_{rows}"
    small = data / "ledger_300.xlsx"
    if not big.exists() or not towns.exists():
        recs = records(rows, 20, seed)
        write_ledger(big, recs, seed=seed)
        write_towns(towns, recs, seed=seed)
    if not small.exists():
        write_ledger(small, records(300, 8, seed), seed=seed)
    return {"big": big, "towns": towns, "small": small}


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / ".data")
    args = parser.parse_args()
    print(ensure(args.out, args.rows))
