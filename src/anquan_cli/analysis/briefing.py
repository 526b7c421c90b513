"""The context of the monthly 通报: every figure comes from the stats, overdue and repeats reports, so
the document says exactly what `anquan stats` says (a test holds them together)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from anquan_cli.analysis.coverage import CoverageReport
from anquan_cli.analysis.letters import month_label
from anquan_cli.analysis.major import SuspectReport, listing_text, suspects_sentence
from anquan_cli.analysis.mechanisms import MechanismsReport
from anquan_cli.analysis.merge import submission_date
from anquan_cli.analysis.overdue import OverdueReport
from anquan_cli.analysis.repeats import RepeatReport
from anquan_cli.analysis.stats import UNKNOWN, StatsReport
from anquan_cli.core.config import Config
from anquan_cli.core.dates import month_bounds
from anquan_cli.core.messages import DOC_TITLES, ROW_SKIPS
from anquan_cli.core.text import cn_number, format_cn, percent, source_ref, title_lines
from anquan_cli.core.vocab import CLOSED, MAJOR


@dataclass
class BriefInputs:
    month: str
    as_of: dt.date
    by_town: StatsReport
    by_industry: StatsReport
    overdue: OverdueReport
    repeats: RepeatReport
    validation: list  # FileResult of every input file (quality of submissions)
    coverage: CoverageReport | None = None  # 应查未查, when a roster (底数) was among the inputs
    suspects: SuspectReport | None = None  # 疑似重大: 一般 hazards meeting a 判定标准 criterion
    mechanisms: MechanismsReport | None = None  # 长效机制, when drill, training or staffing ledgers were read


def brief_context(inputs: BriefInputs, config: Config, *, date: dt.date, doc_number: str) -> dict:
    towns = inputs.by_town.rows.to_dict("records")
    industries = inputs.by_industry.rows.to_dict("records")
    total = inputs.by_town.total
    late = inputs.overdue.overdue
    listed = _longest_overdue(late, max(config.brief.annex_max, config.brief.overdue_top))
    return {
        "office": config.county.office,
        "county": config.county.name,
        "doc_number": doc_number,
        "head": config.brief.head,
        "bulletin": config.brief.bulletin,
        "date": date,
        "recipient": config.brief.recipient,
        "cc": "，".join(config.county.cc),
        "month": inputs.month,
        "month_label": month_label(inputs.month),
        "title": title_lines(
            DOC_TITLES["brief"].format(month_label=month_label(inputs.month)), config.document.title_width()
        ),
        "as_of": inputs.as_of,
        "total": total,
        "towns": [r for r in towns if r["name"] != UNKNOWN or r["found"] or r["overdue_all"]],
        "industries": sorted(industries, key=lambda r: -r["found"]),
        "no_hazard_text": _no_hazard_text(inputs),
        "cumulative_text": _cumulative_text(inputs, total),
        "left_out_text": _left_out_text(inputs) if total["found"] else "",
        "town_text": _town_text(towns) + _scope_note(inputs),
        "industry_text": _industry_text(industries) + "表中各项口径同上表。",
        "majors": _majors(inputs),
        "major_text": _major_text(inputs, total) + _suspect_text(inputs),
        "suspect_count": len(inputs.suspects.rows) if inputs.suspects is not None else 0,
        "overdue": listed[: config.brief.annex_max],
        "overdue_note": _annex_note(len(late), config.brief.annex_max),
        "overdue_top": listed[: config.brief.overdue_top],
        "overdue_count": len(late),
        "overdue_text": _overdue_text(inputs, len(late), config.brief.overdue_top),
        "repeats": [
            {
                "town": g.town or "",
                "unit": g.unit,
                "topic": g.topic,
                "count": g.count,
                "latest": f"{g.dates[-1]}（{'未整改' if g.open else '已整改'}）",
            }
            for g in _listed_groups(inputs.repeats.groups, config.brief.repeats_max)
        ],
        "repeat_text": _repeat_text(inputs, config.brief.repeats_max),
        "coverage": _coverage_rows(inputs.coverage),
        "coverage_text": _coverage_text(inputs, config),
        "quality": (quality := _quality(inputs, config)),
        "quality_text": _quality_text(inputs, quality, config),
        "next_steps": list(config.brief.next_steps),
        # 九、长效机制落实情况 only when those ledgers were read; 下一步 follows it
        "mechanisms": (mech := inputs.mechanisms.sentences() if inputs.mechanisms is not None else []),
        "next_number": "十" if mech else "九",
        "chart_path": "",
    }


def _no_hazard_text(inputs: BriefInputs) -> str:
    """一、总体情况 of a month without a hazard to count: said plainly, and rows left out never hidden."""
    label = month_label(inputs.month)
    left_out = _left_out(inputs)
    if not left_out:
        return f"{label}，全县报送的隐患排查治理台账中本月无隐患。"
    return f"{label}，全县报送的隐患排查治理台账中没有可以统计的隐患；{_left_out_text(inputs)}"


def _left_out(inputs: BriefInputs) -> dict[str, int]:
    """Rows of the submitted hazard ledgers that no figure counts, by reason (a template's blank
    numbered lines and example rows are not data, so not a loss)."""
    account = inputs.overdue.hazards.account()
    skipped = {k: v for k, v in inputs.overdue.hazards.skipped_rows.items() if v}
    reasons = dict(account["excluded"])
    for key in skipped.keys() - {"numbered-empty", "example"}:
        label = ROW_SKIPS[key]
        reasons[label] = reasons.get(label, 0) + skipped[key]
    return reasons


def _left_out_text(inputs: BriefInputs) -> str:
    """“另有N行数据未计入统计（…）”: a figure in a signed 通报 says what it does not count."""
    left_out = _left_out(inputs)
    unreadable = len(inputs.overdue.hazards.unreadable)
    if not left_out and not unreadable:
        return ""
    parts = []
    if left_out:
        reasons = "、".join(f"{reason}{count}行" for reason, count in left_out.items())
        parts.append(f"另有{sum(left_out.values())}行数据未计入统计（{reasons}）")
    if unreadable:
        parts.append(f"{unreadable}个文件无法读取、未计入统计")
    return "；".join(parts) + "，相关台账须按退回意见更正后重新报送。"


def _cumulative_text(inputs: BriefInputs, total: dict) -> str:
    """The headline overdue figure: every hazard overdue on the cut-off date, whenever found — the
    number the annex lists and 六、逾期未整改隐患 repeats."""
    day = format_cn(inputs.as_of)
    count = len(inputs.overdue.overdue)
    if not count:
        return f"截至{day}，全县没有逾期未整改隐患。"
    majors = inputs.overdue.major_overdue
    earlier = count - int(total.get("overdue", 0))
    scope = f"（其中本月发现的{total['overdue']}项、以前月份发现的{earlier}项）" if earlier > 0 else ""
    text = f"截至{day}，全县累计逾期未整改隐患{count}项{scope}"
    text += (
        f"，其中重大事故隐患{majors}项，应依法责令相关企业停产整顿。" if majors else "，均为一般事故隐患。"
    )
    groups = total.get("repeat_groups", 0)
    if groups:
        text += f"近{inputs.repeats.window_days}天内屡查屡有问题{groups}组。"
    return text


def _scope_note(inputs: BriefInputs) -> str:
    """Which figures of the table count this month's hazards and which count every overdue one."""
    return (
        f"表中发现隐患、重大、已整改、整改率为{month_label(inputs.month)}发现隐患的情况；"
        f"累计逾期为截至{format_cn(inputs.as_of)}全部逾期未整改隐患（含以前月份发现的）。"
    )


def _coverage_rows(coverage: CoverageReport | None) -> list[dict]:
    if coverage is None:
        return []
    return [{**g, "rate_text": percent(g["rate"])} for g in coverage.groups["town"]]


def _coverage_text(inputs: BriefInputs, config: Config) -> str:
    """三、排查覆盖情况: 应排查 and 实际排查 from the roster, the units 应查未查, the towns below the floor."""
    coverage = inputs.coverage
    if coverage is None:
        return (
            "本月未报送生产经营单位底数台账，无法计算排查覆盖率和应查未查企业；请各镇（街道）按要求报送底数。"
        )
    c = coverage.counts()
    settings = config.coverage
    text = (
        f"对照生产经营单位底数（{c['roster']}家），截至{format_cn(inputs.as_of)}，全县应排查企业{c['working']}家"
        f"（一般企业{_every(settings.months)}、高危企业{_every(settings.high_risk_months)}至少检查一次），"
        f"实际排查{c['inspected']}家，排查覆盖率{percent(coverage.rate())}；应查未查{c['uninspected']}家"
    )
    highs = int(coverage.uninspected["high_risk_unit"].sum())
    text += f"，其中高危企业{highs}家。" if highs else "。"
    # lowest first; every one named when few, else how many and the lowest three
    low = [g for g in coverage.groups["town"] if g["rate"] is not None and g["rate"] < settings.rate_floor][
        ::-1
    ]
    if low:
        named = "、".join(f"{g['name']}（{percent(g['rate'])}）" for g in low[:3])
        floor = percent(settings.rate_floor)
        text += (
            f"{named}排查覆盖率低于{floor}"
            if len(low) <= 3
            else f"{len(low)}个镇（街道）排查覆盖率低于{floor}，最低的是{named}"
        ) + "，要对照底数逐家排查，做到应查尽查。"
    if c["not_on_roster"]:
        text += f"另有{c['not_on_roster']}家企业出现在隐患台账中但不在底数中（底数不清），请相关镇（街道）核实补录。"
    return text + "应查未查企业清单见《应查未查清单》工作簿。" if c["uninspected"] else text


def _every(months: int) -> str:
    """每月, 每季度, 每半年, 每年, 每两个月 …"""
    return {1: "每月", 3: "每季度", 6: "每半年", 12: "每年"}.get(months, f"每{cn_number(months)}个月")


def _names(rows: list[dict]) -> str:
    return "、".join(r["name"] for r in rows)


def _town_text(towns: list[dict]) -> str:
    ranked = [r for r in towns if r["rectification_rate"] is not None]
    if not ranked:
        return "本月各镇（街道）均未报送隐患。"
    text = f"按隐患整改率排名，{_names(ranked[:3])}位列前{cn_number(min(3, len(ranked)))}"
    if len(ranked) >= 4:
        bottom = ranked[-3:] if len(ranked) >= 6 else ranked[-1:]
        rates = "、".join(percent(r["rectification_rate"]) for r in bottom)
        share = f"分别为{rates}" if len(bottom) > 1 else f"为{rates}"
        text += f"；{_names(bottom)}整改率较低，{share}，位列后{cn_number(len(bottom))}位，要认真分析原因，加快整改进度"
    return text + "。"


def _industry_text(industries: list[dict]) -> str:
    top = sorted((r for r in industries if r["found"]), key=lambda r: -r["found"])[:3]
    if not top:
        return "本月未发现隐患。"
    parts = "、".join(f"{r['name']}（{r['found']}项）" for r in top)
    return f"隐患主要集中在{parts}等行业领域。"


def _majors(inputs: BriefInputs) -> list[dict]:
    """This month's 重大 hazards and every 重大 hazard overdue on the cut-off date, with their state and
    挂牌督办; an overdue 挂牌督办 hazard first, then the other overdue ones, then by town."""
    first, last = month_bounds(inputs.month)
    frame = inputs.overdue.hazards.frame
    day = pd.Timestamp(inputs.as_of)
    in_month = (frame["found_on"] >= pd.Timestamp(first)) & (frame["found_on"] <= pd.Timestamp(last))
    overdue_ids = set(inputs.overdue.overdue.index)
    chosen = frame[
        (frame["level"] == MAJOR) & (in_month | frame.index.isin(overdue_ids)) & (frame["found_on"] <= day)
    ]
    rows = []
    for key, r in chosen.sort_values(["town", "found_on"], kind="stable").iterrows():
        deadline, closed_on = r["deadline"], r["closed_on"]
        overdue = key in overdue_ids
        if r["status"] == CLOSED and (pd.isna(closed_on) or closed_on <= day):
            state = "已整改"
        elif overdue or (not pd.isna(deadline) and deadline < day):
            state = f"逾期{(day - deadline).days}天"
        else:
            state = "整改中"
        # The table's cell is narrow: the level only; the body names the unit, document and date.
        listing = listing_text(r.get("listed"), None, None, None)
        rows.append(
            {
                "town": _text(r["town"]),
                "unit": r["unit"],
                "description": _text(r["description"]),
                "deadline": None if pd.isna(deadline) else deadline.date(),
                "state": f"{state}，{listing}" if listing else state,
                "listing": listing,
                "_order": (not (overdue and listing), not overdue),
            }
        )
    rows.sort(key=lambda m: m.pop("_order"))
    return rows


def _major_text(inputs: BriefInputs, total: dict) -> str:
    overdue_majors = int((inputs.overdue.overdue["level"] == MAJOR).sum())
    text = (
        f"本月发现重大事故隐患{total['major']}项，已整改{total['major_closed']}项。"
        if total["major"]
        else "本月未发现重大事故隐患。"
    )
    if overdue_majors:
        text += f"截至{format_cn(inputs.as_of)}，全县逾期未整改的重大事故隐患共{overdue_majors}项，已建议属地依法责令相关企业停产整顿。"
        text += _listed_overdue_text(inputs)
    return text


def _suspect_text(inputs: BriefInputs) -> str:
    return suspects_sentence(inputs.suspects, "本月") if inputs.suspects is not None else ""


def _listed_overdue_text(inputs: BriefInputs) -> str:
    """The overdue 重大 hazards under 挂牌督办, each named: the ones a higher level is waiting on."""
    late = inputs.overdue.overdue
    if "listed" not in late:
        return ""
    listed = late[(late["level"] == MAJOR) & late["listed"].notna()]
    if not len(listed):
        return ""
    named = "；".join(
        f"{_text(r['town'])}{r['unit']}“{_text(r['description'])}”，"
        f"{listing_text(r['listed'], r['listing_by'], r['listing_doc'], r['listing_due'])}，已逾期{int(r['days_overdue'])}天"
        for r in listed.sort_values("days_overdue", ascending=False, kind="stable").to_dict("records")
    )
    return f"其中挂牌督办的{len(listed)}项：{named}。"


def _longest_overdue(frame: pd.DataFrame, limit: int) -> list[dict]:
    """The `limit` hazards overdue longest, longest first (ties in the report's order), numbered from 1:
    only these are listed, so only these become rows (a county-year has tens of thousands)."""
    rows = []
    top = frame.sort_values("days_overdue", ascending=False, kind="stable").head(limit)
    for i, r in enumerate(top.to_dict("records"), 1):
        rows.append(
            {
                "index": i,
                "town": _text(r["town"]),
                "unit": r["unit"],
                "hazard_id": _text(r["hazard_id"]),
                "description": _text(r["description"]),
                "level": "重大" if r["level"] == MAJOR else "一般",
                "deadline": None if pd.isna(r["deadline"]) else r["deadline"].date(),
                "days_overdue": int(r["days_overdue"]),
                "source": source_ref(Path(r["path"]).name, r["row"]),
            }
        )
    return rows


def _text(value: object) -> str:
    """A text cell of the merged frame, "" where it is empty (NaN in a string column)."""
    return value if isinstance(value, str) else ""


def _annex_note(count: int, limit: int) -> str:
    """A Word annex of thousands of rows helps nobody: the full list is the 逾期未整改隐患清单 workbook."""
    if count <= limit:
        return ""
    return f"共{count}项，此处列出逾期时间最长的{limit}项，完整清单见《逾期未整改隐患清单》工作簿（anquan overdue 或 anquan monthly 生成）。"


def _overdue_text(inputs: BriefInputs, count: int, top: int) -> str:
    if not count:
        return f"截至{format_cn(inputs.as_of)}，全县没有逾期未整改隐患。"
    majors = int((inputs.overdue.overdue["level"] == MAJOR).sum())
    shown = f"逾期时间最长的{min(top, count)}项如下，" if top else ""
    return (
        f"截至{format_cn(inputs.as_of)}，全县累计逾期未整改隐患共{count}项（含以前月份发现的），其中重大事故隐患{majors}项。"
        f"{shown}全部清单见附件。"
    )


def _listed_groups(groups: list, limit: int) -> list:
    """The groups the 通报 lists, in the report's order: all of them, or the `limit` found most often (a
    county-year can have thousands, a hundred pages nobody reads; the workbook has every one)."""
    if len(groups) <= limit:
        return groups
    ranked = sorted(range(len(groups)), key=lambda i: -groups[i].count)[:limit]
    return [groups[i] for i in sorted(ranked)]


def _repeat_text(inputs: BriefInputs, limit: int) -> str:
    groups = inputs.repeats.groups
    if not groups:
        return "本月未发现屡查屡有问题。"
    units = len({(g.uscc or g.unit) for g in groups})
    text = (
        f"近{inputs.repeats.window_days}天内，共有{len(groups)}组同类问题在同一企业被反复发现，涉及{units}家企业。"
        "相关镇（街道）要督促企业深入分析原因、举一反三，防止问题反复出现"
    )
    if len(groups) <= limit:
        return text + "："
    if not limit:
        return text + "。完整清单见《屡查屡有隐患》工作簿。"
    return text + f"。以下列出反复次数最多的{limit}组，完整清单见《屡查屡有隐患》工作簿："


def _quality(inputs: BriefInputs, config: Config) -> list[dict]:
    """Per town: this month's files, rows and validation findings (hazard ledgers)."""
    first, last = month_bounds(inputs.month)
    per_town: dict[str, dict] = {}
    for r in inputs.validation:
        if r.kind not in (None, "hazard"):
            continue
        when = submission_date(r.path)
        if not (first <= when <= last) and _dated(r.path):
            continue
        town = r.town or "（无法识别）"
        q = per_town.setdefault(
            town, {"town": town, "files": 0, "rows": 0, "errors": 0, "warnings": 0, "paths": set()}
        )
        if r.path not in q["paths"]:
            q["files"] += 1
            q["paths"].add(r.path)
        q["rows"] += r.counts.used
        q["errors"] += r.errors + (1 if r.error else 0)
        q["warnings"] += r.warnings
    return [
        {k: v for k, v in q.items() if k != "paths"}
        for q in sorted(per_town.values(), key=lambda q: q["town"])
    ]


def _dated(path: Path) -> bool:
    from anquan_cli.analysis.merge import _NAME_DATE

    return bool(_NAME_DATE.search(path.name))


def _quality_text(inputs: BriefInputs, quality: list[dict], config: Config) -> str:
    files = sum(q["files"] for q in quality)
    rows = sum(q["rows"] for q in quality)
    errors = sum(q["errors"] for q in quality)
    warnings = sum(q["warnings"] for q in quality)
    text = (
        f"本月共有{len(quality)}个镇（街道）报送隐患排查治理台账{files}份、数据{rows}行，"
        f"校验发现错误{errors}条、警告{warnings}条。"
    )
    expected = list(config.towns) or sorted({r.town for r in inputs.validation if r.town})
    missing = [t for t in expected if t not in {q["town"] for q in quality}]
    if missing:
        text += f"{'、'.join(missing)}本月未报送台账（应报未报），请按时报送。"
    elif errors:
        text += "存在错误的台账已退回修改，请相关镇（街道）按标注逐项更正后重新报送。"
    return text
