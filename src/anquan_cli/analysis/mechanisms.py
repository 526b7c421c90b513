"""长效机制落实情况 (issue 21): drills, training and certificates, supervision staff — the figures the
通报, the workbook 长效机制检查.xlsx and `stats --format json` (`mechanisms`) share. Built by the jobs
from what the checks across ledgers found; present only for the kinds that were read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from anquan_cli.core.text import format_cn, percent


@dataclass
class MechanismsReport:
    as_of: dt.date
    # per unit: unit, town, high, annual_ok, halfyear_ok, onsite_ok, first_lesson (None before it is due)
    drill: pd.DataFrame | None = None
    lesson: tuple[int, dt.date, dt.date] | None = None  # year, first working day, last day
    drill_from_roster: bool = False  # the units are the roster's (else those of the drill records)
    # people, certs_expired, certs_missing, hours_short; `training_items` the findings behind them
    training: dict | None = None
    training_items: list[dict] = field(default_factory=list)
    # per unit: unit, kind (镇街 / 部门), fulltime, professional, share (%), minimum, ok
    staffing: pd.DataFrame | None = None

    @property
    def given(self) -> bool:
        return self.drill is not None or self.training is not None or self.staffing is not None

    def drill_counts(self) -> dict | None:
        if self.drill is None:
            return None
        d = self.drill
        lesson = d["first_lesson"].dropna() if "first_lesson" in d else pd.Series(dtype=bool)
        return {
            "units": len(d),
            "annual_ok": int(d["annual_ok"].sum()),
            "halfyear_ok": int((d["halfyear_ok"] & d["high"]).sum()),
            "high_risk": int(d["high"].sum()),
            "onsite_ok": int(d["onsite_ok"].sum()),
            "first_lesson": int(lesson.sum()) if self.lesson is not None else None,
        }

    def to_dict(self) -> dict:
        out: dict = {}
        if self.drill is not None:
            out["drill"] = self.drill_counts()
        if self.training is not None:
            out["training"] = dict(self.training)
        if self.staffing is not None:
            out["staffing"] = [
                {
                    "unit": r["unit"],
                    "kind": r["kind"],
                    "fulltime": int(r["fulltime"]),
                    "professional_share": None if pd.isna(r["share"]) else round(float(r["share"]), 1),
                    "ok": bool(r["ok"]),
                }
                for r in self.staffing.to_dict("records")
            ]
        return out

    def sentences(self) -> list[str]:
        """The 通报's paragraphs, one per kind read, every figure from to_dict()."""
        out = []
        d = self.drill_counts()
        if d is not None:
            text = (
                f"应急演练：{'生产经营单位底数中应开展演练的' if self.drill_from_roster else '演练记录中的'}{d['units']}家单位，"
                f"截至{format_cn(self.as_of)}近12个月开展综合或专项演练的{d['annual_ok']}家"
            )
            if d["high_risk"]:
                text += f"；高危行业单位{d['high_risk']}家，近6个月开展综合或专项演练的{d['halfyear_ok']}家"
            text += f"；近6个月开展现场处置方案演练的{d['onsite_ok']}家"
            if d["first_lesson"] is not None and self.lesson is not None:
                year, first, last = self.lesson
                text += f"；{year}年春节后开工“第一课”（{format_cn(first)}至{format_cn(last)}）开展的{d['first_lesson']}家"
            missing = d["units"] - d["annual_ok"]
            text += f"。未按要求开展年度演练的{missing}家，已在校验报告中逐家列出。" if missing else "。"
            out.append(text)
        if self.training is not None:
            t = self.training
            out.append(
                f"安全培训和持证：培训档案中{t['people']}人，证书过期{t['certs_expired']}人次，应持证未填证书编号"
                f"{t['certs_missing']}人，年度培训学时不足{t['hours_short']}人。"
            )
        if self.staffing is not None:
            s = self.staffing
            below = s[~s["ok"]]
            text = f"安全监管力量：报送{len(s)}个单位"
            if len(below):
                names = "、".join(
                    f"{r['unit']}（专职{int(r['fulltime'])}人"
                    + (f"，专业背景占{percent(r['share'])}" if not pd.isna(r["share"]) else "")
                    + "）"
                    for r in below.to_dict("records")
                )
                text += f"，{len(below)}个未达到配备要求：{names}，请限期配齐。"
            else:
                text += "，专职安全监管人员数量和专业背景比例均达到要求。"
            out.append(text)
        return out
