"""重大事故隐患 across the merged ledgers: hazards written down as 一般 that meet a criterion of the
判定标准 (疑似重大, for a person to judge), and how a 挂牌督办 is named (issue 20)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from anquan_cli.analysis.merge import HazardSet
from anquan_cli.core.config import Config
from anquan_cli.core.criteria import match_rows
from anquan_cli.core.text import format_cn, source_ref
from anquan_cli.core.vocab import GENERAL

UNKNOWN_TOWN = "（未填写镇街）"


@dataclass
class SuspectReport:
    """Counted hazards found in [start, end] labelled 一般 whose description meets a criterion."""

    start: dt.date | None
    end: dt.date | None
    rows: pd.DataFrame  # one per hazard: the merged columns and criterion, basis, text, words, scope

    def by_town(self) -> list[tuple[str, int]]:
        """(town, count), most first, then by name."""
        if not len(self.rows):
            return []
        counts = self.rows["town"].fillna(UNKNOWN_TOWN).value_counts()
        return sorted(((str(t), int(c)) for t, c in counts.items()), key=lambda tc: (-tc[1], tc[0]))

    def to_dict(self) -> dict:
        return {
            "period": {
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            },
            "count": len(self.rows),
            "by_town": [{"town": t, "count": c} for t, c in self.by_town()],
            "items": [
                {
                    "town": _text(r["town"]),
                    "unit": r["unit"],
                    "industry": _text(r["industry"]),
                    "found_on": None if pd.isna(r["found_on"]) else r["found_on"].date().isoformat(),
                    "description": _text(r["description"]),
                    "criterion": {"id": r["criterion"], "standard": r["standard"], "article": r["article"]},
                    "words": r["words"],
                    "source": {"path": r["path"], "sheet": r["sheet"], "row": int(r["row"])},
                }
                for r in self.rows.to_dict("records")
            ],
        }


def find_suspects(
    hazards: HazardSet,
    config: Config,
    *,
    as_of: dt.date,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> SuspectReport:
    frame = hazards.frame
    found = frame["found_on"]
    keep = frame["level"] == GENERAL
    if start is not None:
        keep &= found >= pd.Timestamp(start)
    if end is not None:
        keep &= found <= pd.Timestamp(end)
    chosen = frame[keep]
    days = chosen["found_on"].to_numpy().astype("datetime64[D]").astype(object)
    major = config.major
    hits = match_rows(
        major.table(),
        chosen["description"].to_numpy(),
        chosen["industry"].to_numpy(),
        [d if isinstance(d, dt.date) else None for d in days],
        default_industries=major.default_industries,
        as_of=as_of,
    )
    rows = chosen.iloc[[h.position for h in hits]].copy()
    criteria = [h.match.criterion for h in hits]
    rows["criterion"] = [c.id for c in criteria]
    rows["standard"] = [c.standard for c in criteria]
    rows["article"] = [c.article for c in criteria]
    rows["basis"] = [c.basis for c in criteria]
    rows["criterion_text"] = [c.text for c in criteria]
    rows["words"] = [list(h.match.words) for h in hits]
    rows["assumed"] = [h.assumed is not None for h in hits]
    rows["source"] = source_column(rows) if len(rows) else []
    rows = rows.sort_values(["town", "unit", "found_on"], kind="stable", na_position="last")
    return SuspectReport(start, end, rows.reset_index(drop=True))


def suspects_sentence(report: SuspectReport, period: str) -> str:
    """The 通报's sentence: how many, in which towns, and what is asked."""
    if not len(report.rows):
        return f"对照重大事故隐患判定标准比对，{period}登记为一般隐患的未发现疑似重大事故隐患。"
    towns = "、".join(f"{t}{c}项" for t, c in report.by_town())
    return (
        f"对照重大事故隐患判定标准比对，{period}登记为一般隐患的有{len(report.rows)}项疑似重大事故隐患"
        f"（{towns}），已列入《疑似重大隐患清单》，请有关镇（街道）和部门逐项核实；"
        "确属重大事故隐患的，按重大事故隐患挂牌督办，落实治理责任、措施、资金、时限和预案。"
    )


def listing_text(listed: object, by: object, doc: object, due: object) -> str:
    """市级挂牌督办（市安委办，示例安办〔2026〕5号，要求2026年11月30日前完成）; "" when not listed."""
    if not isinstance(listed, str) or not listed:
        return ""
    head = listed if listed.endswith("督办") else f"{listed}挂牌督办"
    parts = [p for p in (by, doc) if isinstance(p, str) and p]
    if isinstance(due, pd.Timestamp) and not pd.isna(due):
        parts.append(f"要求{format_cn(due.date())}前完成")
    return head + (f"（{'，'.join(parts)}）" if parts else "")


def listing_column(frame: pd.DataFrame) -> list[str]:
    """listing_text for every row of a merged frame (or a view of one)."""
    if "listed" not in frame or not frame["listed"].notna().any():
        return [""] * len(frame)
    return [
        listing_text(a, b, c, d)
        for a, b, c, d in zip(
            frame["listed"], frame["listing_by"], frame["listing_doc"], frame["listing_due"], strict=True
        )
    ]


def source_column(frame: pd.DataFrame) -> list[str]:
    names = {p: Path(p).name for p in frame["path"].unique()}
    return [source_ref(names[p], int(r)) for p, r in zip(frame["path"], frame["row"], strict=True)]


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
