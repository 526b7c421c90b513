"""Render a Word template (docxtpl) or its Markdown twin with a context, into an output file.

Both go through the one sandboxed Jinja environment; the county's page layout (margins, fonts) is
applied to every generated .docx, so a template can be edited in Word without re-checking GB/T 9704.
"""

from __future__ import annotations

from pathlib import Path

from anquan_cli.config import Config
from anquan_cli.errors import AnquanError
from anquan_cli.outputs import atomic_path
from anquan_cli.render.jinja import environment, template_error


def templates_dir(config: Config, override: Path | None = None) -> Path:
    from anquan_cli.resources import shipped

    if override is not None:
        return override
    if config.document.templates:
        return Path(config.document.templates)
    return shipped("templates")


def template_path(folder: Path, name: str, suffix: str) -> Path:
    path = folder / f"{name}{suffix}"
    if not path.is_file():
        raise AnquanError("template-missing", path=path)
    return path


def render_docx(
    template: Path, context: dict, target: Path, config: Config, images: dict[str, Path] | None = None
) -> Path:
    """`images`: context variables to fill with a picture (e.g. the chart), width of the text block."""
    import jinja2
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from anquan_cli.render.docx_build import apply_layout

    layout = config.document.layout()
    tpl = DocxTemplate(str(template))
    full = dict(context)
    for name, path in (images or {}).items():
        full[name] = (
            InlineImage(tpl, str(path), width=Mm(min(150, 210 - layout.left_mm - layout.right_mm)))
            if path
            else ""
        )
    try:
        tpl.render(full, environment(), autoescape=True)
    except (jinja2.TemplateError, ValueError) as exc:
        raise template_error(template.name, exc) from exc
    apply_layout(tpl.docx, layout)
    with atomic_path(target) as tmp:
        tpl.save(str(tmp))
    return target


def render_markdown(template: Path, context: dict, target: Path | None = None) -> str:
    import jinja2

    try:
        text = environment().from_string(template.read_text(encoding="utf-8")).render(context)
    except jinja2.TemplateError as exc:
        raise template_error(template.name, exc) from exc
    if target is not None:
        with atomic_path(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return text
