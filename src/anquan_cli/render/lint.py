"""`anquan templates check`: a customised template set against the variables the renderer provides."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LETTER_VARIABLES = frozenset(
    {
        "office", "county", "doc_number", "date", "recipient", "town", "month_label", "as_of", "facts", "hazards",
        "hazard_count", "major_count", "major_order", "repeat_topics", "report_back", "working_days", "cc", "season", "risks",
        "risk_summary", "stats", "title",
    }
)  # fmt: skip
BRIEF_VARIABLES = frozenset(
    {
        "office", "county", "doc_number", "date", "recipient", "cc", "month", "month_label", "as_of", "total",
        "towns", "industries", "no_hazard_text", "town_text", "industry_text", "majors", "major_text", "overdue", "overdue_top",
        "overdue_count", "overdue_text", "overdue_note", "repeats", "repeat_text", "quality", "quality_text", "next_steps",
        "chart", "chart_path", "title", "cumulative_text", "left_out_text", "head", "bulletin", "coverage",
        "coverage_text", "suspect_count", "mechanisms", "next_number",
    }
)  # fmt: skip
TEMPLATES = {
    "月度通报": BRIEF_VARIABLES,
    "警示函": LETTER_VARIABLES,
    "督办函": LETTER_VARIABLES,
    "提醒函": LETTER_VARIABLES,
    "排查督办函": LETTER_VARIABLES,
}


@dataclass
class Problem:
    template: str
    message: str


def check_templates(folder: Path) -> tuple[list[str], list[Problem]]:
    """(templates checked, problems). Syntax errors and unknown variables, each naming the template."""
    import jinja2
    from docxtpl import DocxTemplate
    from jinja2 import meta

    from anquan_cli.render.jinja import environment, template_error

    env = environment()
    checked, problems = [], []
    for name, variables in TEMPLATES.items():
        for suffix in (".docx", ".md.j2"):
            path = folder / f"{name}{suffix}"
            label = path.name
            if not path.is_file():
                problems.append(Problem(label, "缺少模板文件"))
                continue
            checked.append(label)
            try:
                if suffix == ".docx":
                    used = DocxTemplate(str(path)).get_undeclared_template_variables(env)
                else:
                    used = meta.find_undeclared_variables(env.parse(path.read_text(encoding="utf-8")))
            except jinja2.TemplateError as exc:
                problems.append(Problem(label, template_error(label, exc).message))
                continue
            except Exception as exc:  # a damaged .docx
                problems.append(Problem(label, f"无法打开：{type(exc).__name__}"))
                continue
            for unknown in sorted(set(used) - variables):
                problems.append(Problem(label, f"使用了程序不提供的变量“{unknown}”"))
    return checked, problems
