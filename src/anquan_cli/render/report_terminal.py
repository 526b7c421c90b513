"""Terminal tables for overdue, repeats and stats. Values are user data: always rich Text, never markup."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.table import Table
from rich.text import Text

from anquan_cli.core.messages import GROUP_LABELS, INDICATORS_SHORT, LABELS
from anquan_cli.core.text import format_cn
from anquan_cli.core.vocab import MAJOR
from anquan_cli.read import superseded_message
from anquan_cli.render.terminal import _safe, console


def _cn(value) -> str:
    return "" if value is None or value is pd.NaT or pd.isna(value) else format_cn(pd.Timestamp(value).date())


def _t(value, style: str = "") -> Text:
    return Text(
        _safe("" if value is None or (isinstance(value, float) and value != value) else str(value)),
        style=style,
    )


def print_account(out, hazards) -> None:
    """What was read and what was left out: nothing disappears silently."""
    a = hazards.account()
    line = f"读取 {a['files']} 个文件，合并后隐患 {a['hazards']} 条（重复报送 {a['duplicates']} 条已按最新一次为准）"
    if a["excluded_rows"]:
        reasons = "，".join(f"{k} {v} 行" for k, v in a["excluded"].items())
        line += f"；{a['excluded_rows']} 行因关键字段不可用未计入（{reasons}），请用 anquan validate 查看"
    out.print(Text(line, style="dim"), soft_wrap=True)
    if a["skipped_rows"]:
        reasons = "，".join(f"{k} {v} 行" for k, v in a["skipped_rows"].items())
        text = (
            f"另有 {sum(a['skipped_rows'].values())} 行未作为数据读取（{reasons}），请用 anquan validate 查看"
        )
        out.print(Text(text, style="yellow"), soft_wrap=True)
    for path, by in hazards.superseded:
        text = superseded_message(path, by)
        out.print(Text(_safe(text), style="yellow"), soft_wrap=True)
    for hidden in a["hidden_sheets"]:
        text = LABELS["account-hidden-sheet"].format(path=Path(hidden["path"]).name, sheet=hidden["sheet"])
        out.print(Text(_safe(text), style="yellow"), soft_wrap=True)
    for c in hazards.conflicts:
        fields = "、".join(c.fields)
        if c.dropped == c.kept:
            text = f"警告：隐患编号 {c.hazard_id} 在 {Path(c.kept).name} 中用于两条不同的隐患（{fields}不同），已采用靠后的一条"
        else:
            text = (
                f"警告：隐患编号 {c.hazard_id} 在 {Path(c.dropped).name} 与 {Path(c.kept).name} 中是不同的隐患"
                f"（{fields}不同），已采用后者"
            )
        out.print(Text(_safe(text), style="yellow"), soft_wrap=True)
    for path, error in hazards.unreadable:
        out.print(Text(_safe(f"无法读取 {path}：{error}"), style="bold red"), soft_wrap=True)


def print_overdue(report) -> None:
    """Grouped by town, then enterprise: one line per hazard, readable on an 80-column console."""
    out = console()
    frame = report.overdue
    majors = int((frame["level"] == MAJOR).sum())
    out.print(
        Text(
            f"逾期未整改隐患（截至 {format_cn(report.as_of)}）：{len(frame)} 条，其中重大事故隐患 {majors} 条",
            style="bold",
        ),
        soft_wrap=True,
    )
    for town, by_town in frame.groupby("town", sort=False, dropna=False):
        out.print(Text(f"{_plain(town, '（未填写镇街）')}（{len(by_town)} 条）", style="bold underline"))
        for unit, rows in by_town.groupby("unit", sort=False):
            out.print(_t(f"  {unit}"))
            for row in rows.itertuples(index=False):
                line = Text("    ")
                line.append(_safe(row.hazard_id or "（无编号）"))
                line.append(f"  {row.level}  ")
                line.append(f"逾期 {int(row.days_overdue)} 天", style="red")
                line.append(f"（期限 {_cn(row.deadline)}）  ")
                line.append(_safe(row.description))
                if row.major_stop_order:
                    line.append("  重大隐患逾期，建议责令停产整顿", style="bold red")
                out.print(line, soft_wrap=True)
    counts = (
        f"{report.due_within} 天内到期 {len(report.due_soon)} 条；逾期整改（完成晚于期限）{len(report.closed_late)} 条；"
        f"未整改且没有明确期限 {len(report.no_deadline)} 条"
    )
    out.print(Text(counts), soft_wrap=True)
    for row in report.no_deadline.itertuples(index=False):
        out.print(
            _t(f"  无期限：{_plain(row.town)} {row.unit} {_plain(row.hazard_id)} {row.description}"),
            soft_wrap=True,
        )
    print_account(out, report.hazards)


def print_repeats(report) -> None:
    out = console()
    out.print(
        Text(
            f"屡查屡有（截至 {format_cn(report.as_of)}，近 {report.window_days} 天）：{len(report.groups)} 组",
            style="bold",
        ),
        soft_wrap=True,
    )
    for g in report.groups:
        line = Text("  ")
        line.append(
            _safe(f"{g.town or ''}　{g.unit}　{g.topic}　{g.count} 次（{'、'.join(g.dates)}）　最近一次：")
        )
        line.append("未整改", style="bold red") if g.open else line.append("已整改", style="green")
        out.print(line, soft_wrap=True)
    print_account(out, report.hazards)


def _plain(value, empty: str = "") -> str:
    return value if isinstance(value, str) and value else empty


def print_stats(report) -> None:
    out = console()
    period = f"{report.month} 月发现的隐患" if report.month else "截至统计日发现的全部隐患"
    out.print(
        Text(f"隐患排查治理统计（{period}，状态截至 {format_cn(report.as_of)}）", style="bold"),
        soft_wrap=True,
    )
    shown = list(INDICATORS_SHORT)
    if not report.month:  # everything found up to the cut-off: the two overdue figures are one
        shown.remove("overdue_all")
    if out.width < 100:  # keep the ranking readable on a narrow console; xlsx has every indicator
        narrow = (
            {"not_due", "major_overdue", "on_time_rate"} if report.month else {"not_due", "major_overdue"}
        )
        shown = [k for k in shown if k not in narrow]
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("排名", justify="right", no_wrap=True)
    table.add_column(GROUP_LABELS[report.by], overflow="fold", min_width=8)
    for k in shown:
        table.add_column(INDICATORS_SHORT[k], justify="right", no_wrap=True)
    for row in [*report.rows.to_dict("records"), {"rank": "", **report.total}]:
        style = "bold" if row["name"] == "合计" else ""
        table.add_row(str(row["rank"]), _t(row["name"], style), *[_t(_fmt(k, row[k]), style) for k in shown])
    out.print(table)
    total = report.total
    out.print(
        Text(
            f"检查企业 {total['enterprises']} 家，存在隐患企业 {total['enterprises_with_hazards']} 家；"
            f"重大隐患已整改 {total['major_closed']} 条；未明确期限 {total['no_deadline']} 条"
            + (
                f"\n“逾期”为本月发现的隐患中逾期未整改的；“累计逾期”为截至 {format_cn(report.as_of)} "
                f"全部逾期未整改隐患（含以前月份发现的），共 {total['overdue_all']} 条（重大 {total['major_overdue_all']} 条），"
                "与逾期未整改隐患清单一致"
                if report.month
                else ""
            ),
        ),
        soft_wrap=True,
    )
    print_account(out, report.hazards)


def _fmt(key: str, value) -> str:
    if key.endswith("_rate"):
        return "—" if value is None else f"{value:.1f}%"
    return str(value)


def print_letters(result) -> None:
    from anquan_cli.core.messages import LABELS

    out = console()
    title = LABELS["letters-planned" if result.dry_run else "letters-written"]
    out.print(
        Text(title.format(n=len(result.letters), register=result.register), style="bold"), soft_wrap=True
    )
    for letter, entry, path in result.letters:
        line = Text("  ")
        line.append(_safe(entry.number), style="bold")
        line.append(f"  {letter.kind_label}  ")
        line.append(_safe(letter.recipient))
        if letter.hazards:  # a 排查督办函 lists enterprises, the others hazards
            count = len(letter.hazards)
            line.append(
                f"（应查未查企业 {count} 家）" if letter.kind == "coverage" else f"（隐患 {count} 项）"
            )
        if letter.reasons and letter.kind != "reminder":
            line.append(_safe(f"：{letter.reasons}"), style="dim")
        if path is not None:
            line.append(_safe(f" → {path.name}"), style="green")
        out.print(line, soft_wrap=True)
    for note in result.notes:
        out.print(Text(_safe(note), style="yellow"), soft_wrap=True)


def print_coverage(report) -> None:
    """应查未查 by town, then the units not on the roster, then the rates."""
    out = console()
    c = report.counts()
    rate = report.rate()
    out.print(
        Text(
            f"排查覆盖（{format_cn(report.start)}至{format_cn(report.end)}，截至 {format_cn(report.as_of)}）："
            f"底数 {c['roster']} 家，应排查 {c['working']} 家，已排查 {c['inspected']} 家，"
            f"覆盖率 {'—' if rate is None else f'{rate:.1f}%'}；应查未查 {c['uninspected']} 家；"
            f"底数中没有的企业 {c['not_on_roster']} 家",
            style="bold",
        ),
        soft_wrap=True,
    )
    missing = report.uninspected
    for town, rows in missing.groupby(missing["town"].fillna("（未填写镇街）"), sort=True):
        out.print(Text(f"{town}（应查未查 {len(rows)} 家）", style="bold underline"))
        for r in rows.itertuples(index=False):
            line = Text("  ")
            line.append(_safe(r.unit))
            line.append(f"  {_plain(r.industry)}")
            if r.high_risk_unit:
                line.append("  高危", style="red")
            line.append(_safe(f"  未检查：{'、'.join(r.windows_missed)}"), style="yellow")
            last = f"  最近一次：{format_cn(r.last_inspected)}" if r.last_inspected else "  从未检查"
            line.append(last, style="dim")
            out.print(line, soft_wrap=True)
    if report.not_on_roster:
        out.print(
            Text(f"台账中出现、底数中没有的企业（底数不清）{len(report.not_on_roster)} 家：", style="bold")
        )
        for e in report.not_on_roster:
            where = "、".join(f"{Path(s['path']).name} 第{s['row']}行" for s in e["sources"][:3])
            out.print(_t(f"  {e['town'] or ''}　{e['unit']}（{where}）"), soft_wrap=True)
    table = Table(header_style="bold", pad_edge=False)
    for head in ("镇街", "应排查", "已排查", "应查未查", "覆盖率"):
        table.add_column(head, justify="left" if head == "镇街" else "right", no_wrap=head != "镇街")
    for g in report.groups["town"]:
        rate_text = "—" if g["rate"] is None else f"{g['rate']:.1f}%"
        table.add_row(
            _safe(g["name"]), str(g["roster"]), str(g["inspected"]), str(g["uninspected"]), rate_text
        )
    out.print(table)
