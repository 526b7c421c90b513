"""What `anquan monthly` shows: live progress on a terminal, then one summary table and the outputs."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from anquan_cli.core.messages import LABELS
from anquan_cli.core.text import format_cn
from anquan_cli.render.terminal import _safe, console


class MonthlyProgress:
    """Stage and file counters on stderr, only when it is a terminal (nothing in logs or pipes)."""

    def __init__(self) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        err = Console(stderr=True)
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            disable=not err.is_terminal,
            transient=True,
        )
        self._task = self._progress.add_task(LABELS["stage-read"])
        self.files = 0
        self.rows = 0

    def __enter__(self):
        self._progress.__enter__()
        return self

    def __exit__(self, *exc):
        return self._progress.__exit__(*exc)

    def stage(self, name: str) -> None:
        self._progress.update(self._task, description=LABELS[f"stage-{name}"])

    def file_done(self, path, results) -> None:
        self.files += 1
        self.rows += sum(r.counts.used for r in results)
        label = f"{LABELS['stage-read']}：{self.files} 个文件，{self.rows} 行（{_safe(path.name)}）"
        self._progress.update(self._task, description=label)


def print_monthly(result) -> None:
    out = console()
    c = result.counts
    out.print(
        Text(
            f"{result.month} 月度成果（状态截至 {format_cn(result.as_of)}，成文日期 {format_cn(result.date)}）",
            style="bold",
        ),
        soft_wrap=True,
    )
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rows: list[tuple[str, str | Text]] = [
        ("台账文件", f"{c['files']} 个（无法读取 {c['unreadable']}）"),
        ("数据行", str(c["rows"])),
        (
            "校验错误 / 警告",
            Text(f"{c['errors']} / {c['warnings']}", style="red" if c["errors"] else "green"),
        ),
        ("未报送责任清单的企业", str(c["missing_responsibility"])),
        ("合并后隐患", f"{c['hazards']} 条（未计入 {c['excluded_rows']} 行，重复报送 {c['duplicates']} 条）"),
        ("本月发现隐患", str(c["found_in_month"])),
        (
            "累计逾期未整改",  # every hazard overdue on the cut-off, as the 通报 headline and the list
            Text(
                f"{c['overdue']} 条（重大 {c['major_overdue']} 条）",
                style="red" if c["major_overdue"] else "",
            ),
        ),
        ("屡查屡有", f"{c['repeat_groups']} 组"),
        ("疑似重大", _suspect_line(c.get("suspect_major", 0))),
        ("排查覆盖", _coverage_line(c.get("coverage"))),
        ("函告", f"{c['letters']} 件"),
        ("退回修改副本", f"{c['returned_copies']} 份"),
    ]
    if c.get("skipped_rows") or c.get("hidden_sheets"):
        left = f"{c['skipped_rows']} 行、隐藏的台账工作表 {c['hidden_sheets']} 个（见校验报告的“文件概况”）"
        rows.insert(5, ("未作为数据读取", Text(left, style="yellow")))
    if c.get("superseded"):
        count = LABELS["superseded-count"].format(n=c["superseded"])
        rows.insert(1, (LABELS["superseded-row"], Text(count, style="yellow")))
    for label, value in rows:
        table.add_row(label, value if isinstance(value, Text) else Text(value))
    out.print(table)
    for entry in result.superseded:
        out.print(Text(_safe(entry["message"]), style="yellow"), soft_wrap=True)
    for note in result.notes:
        out.print(Text(note, style="yellow"), soft_wrap=True)
    o = result.outputs
    out.print(Text(f"成果已写入 {result.out}：", style="green"), soft_wrap=True)
    for key in (
        "brief",
        "brief_md",
        "overdue",
        "repeats",
        "suspects",
        "stats",
        "findings",
        "coverage",
        "run",
    ):
        if key in o:  # 应查未查清单 only with a roster
            out.print(Text(f"  {_safe(o[key])}"), soft_wrap=True)
    if o["letters"]:
        out.print(Text(f"  函告/ 下 {len(o['letters'])} 件函件"), soft_wrap=True)
    if o["returned"]:
        out.print(Text(f"  退回修改/ 下 {len(o['returned'])} 份标注副本"), soft_wrap=True)
    out.print(Text(_safe(LABELS["register-at"].format(path=o["register"]))), soft_wrap=True)
    steps = []
    if o["returned"]:
        steps.append(LABELS["next-returned"].format(n=len(o["returned"])))
    if o["letters"]:
        steps.append(LABELS["next-letters"].format(n=len(o["letters"])))
    steps.append(LABELS["next-brief"])
    out.print(Text(LABELS["next-steps"].format(steps="；".join(steps)), style="bold"), soft_wrap=True)


def _suspect_line(count: int) -> Text:
    if not count:
        return Text("本月登记为一般的隐患中未发现")
    return Text(f"本月登记为一般的隐患中 {count} 项符合重大事故隐患判定标准情形，请核实", style="yellow")


def _coverage_line(coverage: dict | None) -> Text:
    if coverage is None:
        return Text("未提供生产经营单位底数，未计算", style="dim")
    rate = "—" if coverage["rate"] is None else f"{coverage['rate']:.1f}%"
    text = (
        f"{coverage['inspected']}/{coverage['working']} 家（{rate}），应查未查 {coverage['uninspected']} 家"
    )
    if coverage["not_on_roster"]:
        text += f"，底数中没有 {coverage['not_on_roster']} 家"
    return Text(text, style="yellow" if coverage["uninspected"] else "")
