"""The 通报 drawn and rendered from its settled context: the chart, the Word document and its Markdown
twin. Run in monthly's worker process too, which then imports only this and docxtpl and matplotlib."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from anquan_cli.core.config import Config


@dataclass
class BriefResult:
    path: Path
    context: dict
    notes: list[str] = field(default_factory=list)  # what the clerk should know (e.g. no chart drawn)


@dataclass
class BriefJob:
    """A 通报 with its figures settled, to be drawn and rendered; small enough to hand to a worker
    process (monthly renders it there while the lists are written)."""

    context: dict
    config: Config
    folder: Path
    output: Path | None
    markdown: Path | None

    def run(self) -> BriefResult:
        from anquan_cli.core.messages import LABELS
        from anquan_cli.render.chart import bar_chart
        from anquan_cli.render.documents import render_docx, render_markdown, template_path

        context, notes = self.context, []
        rows = [{"name": r["name"], "found": r["found"], "closed": r["closed"]} for r in context["towns"]]
        title = f"{context['month_label']}各镇（街道）隐患发现和整改情况"
        with tempfile.TemporaryDirectory() as tmp:
            # The Markdown twin links its picture by file name, so it lives beside it.
            target = self.markdown.with_suffix(".png") if self.markdown else Path(tmp) / "chart.png"
            chart = bar_chart(rows, target, title=title)
            if self.markdown is not None:
                context["chart_path"] = chart.name if chart else ""
                render_markdown(template_path(self.folder, "月度通报", ".md.j2"), context, self.markdown)
            if self.output is not None:
                render_docx(
                    template_path(self.folder, "月度通报", ".docx"),
                    context,
                    self.output,
                    self.config,
                    images={"chart": chart},
                )
        if chart is None and rows:
            notes.append(LABELS["no-cjk-font"])
        written = self.output or self.markdown
        assert written is not None  # prepare_brief always names one
        return BriefResult(written, context, notes)
