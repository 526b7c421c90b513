"""The criteria table and a description's check against it, at the terminal."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from anquan_cli.render.terminal import console


def print_criteria(criteria: list[dict]) -> None:
    out = console()
    table = Table(title=f"重大事故隐患判定标准（{len(criteria)} 条）", show_lines=False, expand=False)
    for head in ("编号", "依据", "适用行业", "施行", "关键词（每组至少一个）"):
        table.add_column(head, overflow="fold")
    for c in criteria:
        dates = c["from"] + (f" 至 {c['until']}" if c["until"] else " 起")
        words = " 或 ".join(" + ".join("/".join(g) for g in p["all"]) for p in c["patterns"])
        basis = f"{c['standard']} {c['document']} {c['article']}".strip()
        table.add_row(*(Text(v) for v in (c["id"], basis, "、".join(c["industries"]), dates, words)))
    out.print(table)
    out.print(
        Text("本县可在 anquan.toml 的 [major] 中增补、替换（同编号）或停用（disable）判定标准。", style="dim")
    )


def print_check(result: dict) -> None:
    out = console()
    industries = "、".join(result["compared_industries"])
    if result["default_industries_used"]:
        given = result["industry"]
        why = f"行业领域“{given}”不是判定标准所分的行业" if given else "未指定行业领域"
        out.print(Text(f"{why}，按本县默认行业“{industries}”比对；排查日期 {result['date']}"))
    else:
        out.print(Text(f"行业领域：{industries}；排查日期：{result['date']}"))
    if not result["items"]:
        out.print(Text("描述中没有任何判定标准的关键词，不会提示疑似重大事故隐患。", style="green"))
        return
    verdict = "会提示疑似重大事故隐患" if result["suspect_major"] else "不会提示疑似重大事故隐患"
    out.print(Text(verdict, style="yellow" if result["suspect_major"] else "green"))
    # What a clerk tuning the table needs: what met, and what nearly did (one group of words short,
    # or every word found but a negation, the industry or the date said no).
    shown = [
        i for i in result["items"] if i["met"] or (len(i["missing_groups"]) <= 1 and len(i["words"]) >= 2)
    ]
    for item in shown:
        head = f"{'符合' if item['met'] else '不符合'}  {item['id']}  《{item['standard']}》{item['article']}"
        out.print(Text(head, style="bold yellow" if item["met"] else "bold"))
        out.print(Text(f"    条文：{item['text']}", style="dim"), soft_wrap=True)
        out.print(Text(f"    找到：{'、'.join(item['words'])}"), soft_wrap=True)
        for group in item["missing_groups"]:
            out.print(Text(f"    缺少其中之一：{'/'.join(group)}", style="red"), soft_wrap=True)
        if item["negated"]:
            out.print(Text(f"    有排除词：{'、'.join(item['negated'])}", style="red"))
        if not item["in_scope"]:
            out.print(Text(f"    行业不适用（适用于：{'、'.join(item['industries'])}）", style="red"))
        if not item["in_force"]:
            span = item["from"] + (f" 至 {item['until']}" if item["until"] else " 起")
            out.print(Text(f"    排查日期不在施行期内（{span}）", style="red"))
    rest = len(result["items"]) - len(shown)
    if rest:
        out.print(Text(f"另有 {rest} 条判定标准只找到个别词，未列出（--format json 列出全部）", style="dim"))
