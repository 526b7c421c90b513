"""Render a Word template (docxtpl) or its Markdown twin with a context, into an output file.

Both go through the one sandboxed Jinja environment; the county's page layout (margins, fonts) is
applied to every generated .docx, so a template can be edited in Word without re-checking GB/T 9704.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.core.config import Config
from anquan_cli.core.errors import AnquanError
from anquan_cli.core.outputs import atomic_path
from anquan_cli.render.jinja import environment, template_error
from anquan_cli.render.package import Package


def templates_dir(config: Config, override: Path | None = None) -> Path:
    from anquan_cli.core.resources import shipped

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
    template: Path,
    context: dict,
    target: Path,
    config: Config,
    images: dict[str, Path | None] | None = None,
) -> Path:
    """`images`: context variables to fill with a picture (e.g. the chart), width of the text block."""
    import jinja2
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from anquan_cli.render.docx_build import apply_layout, layout_of

    class Template(DocxTemplate):
        def resolve_listing(self, xml: str) -> str:
            # docxtpl runs three regular expressions over every run to turn tabs and line breaks in
            # text into Word's; when no text holds one (nearly always), it gives the XML back unchanged.
            return super().resolve_listing(xml) if _LISTING.search(xml) else xml

    layout = layout_of(config.document)
    tpl = Template(str(template))
    full = _xml_safe(context)
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
        text = text.lstrip("\n")  # a template opening with {% if %} (the 通报's 版头) leaves a blank line
    except jinja2.TemplateError as exc:
        raise template_error(template.name, exc) from exc
    if target is not None:
        with atomic_path(target) as tmp:
            tmp.write_text(text, encoding="utf-8")
    return text


_LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'  # as docxtpl's listing pass writes "\n"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LISTING = re.compile("<w:t(?: [^>]*)?>[^<]*[\t\n\a\f]")  # a tab, line break, \a or \f in a run's text


def _xml_safe(value):
    """The context with control characters dropped from every string: docxtpl parses its output in
    recover mode, which silently loses the rest of a value after one of them."""
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_xml_safe(v) for v in value)
    return value


class DocxBatch:
    """One letter template prepared once and rendered many times.

    docxtpl re-reads, re-patches and re-parses the whole package for every document; a batch of letters
    only needs the body rendered again. The steps kept are docxtpl's own (its tag patching, the paragraph
    newline trick, its escapes and, only when a value holds a line break or tab, its listing pass);
    letters have no pictures or merged-column tags, so the table and picture fix-ups are not needed.
    """

    def __init__(self, template: Path, config: Config) -> None:
        import io
        import zipfile

        import jinja2
        from docxtpl import DocxTemplate

        from anquan_cli.render.docx_build import apply_layout, layout_of

        self.name = template.name
        self._tpl = DocxTemplate(str(template))
        self._tpl.init_docx()
        apply_layout(self._tpl.docx, layout_of(config.document))
        buffer = io.BytesIO()
        self._tpl.docx.save(buffer)
        with zipfile.ZipFile(buffer) as zf:
            parts = [(info.filename, zf.read(info)) for info in zf.infolist()]
        self._package = Package(parts)
        document = dict(parts)["word/document.xml"].decode("utf-8")
        start, end = document.index("<w:body"), document.rindex("</w:body>") + len("</w:body>")
        self._head, self._tail = document[:start], document[end:]
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._tpl.patch_xml(self._tpl.get_xml()))
        try:
            self._template = environment().from_string(source)
        except jinja2.TemplateError as exc:
            raise template_error(self.name, exc) from exc

    def render(self, context: dict, target: Path) -> Path:
        import jinja2

        try:
            body = self._template.render(context)
        except jinja2.TemplateError as exc:
            raise template_error(self.name, exc) from exc
        body = body.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # undo the newlines added above
        # Control characters from a ledger are not XML; Word refuses the whole file over one of them.
        body = _XML_ILLEGAL.sub("", body)
        body = body.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # A value with a line break or tab: Word needs <w:br/>, <w:tab/>. A line break alone (a title
        # broken for the page, in every letter) is what docxtpl's pass would make of it, without its
        # three regular expressions over every run of the letter (the body holds no other newline).
        if "\t" in body or "\a" in body or "\f" in body:
            body = self._tpl.resolve_listing(body)
        elif "\n" in body:
            body = body.replace("\n", _LINE_BREAK)
        document = (self._head + body + self._tail).encode("utf-8")
        with atomic_path(target) as tmp:
            self._package.write(tmp, {"word/document.xml": document})
        return target


@dataclass(frozen=True)
class LetterJob:
    """One letter to render: its Word template, Markdown twin (optional), context and target."""

    template: Path
    markdown: Path | None
    context: dict
    target: Path


def render_letters(jobs: list[LetterJob], config: Config) -> None:
    """Letters of one template: prepared once, rendered one after another. Called in worker
    processes too, which then import this module and docxtpl, nothing of the analysis."""
    batch = DocxBatch(jobs[0].template, config)
    for job in jobs:
        batch.render(job.context, job.target)
        if job.markdown is not None:
            render_markdown(job.markdown, job.context, job.target.with_suffix(".md"))


def office_converter() -> str | None:
    """LibreOffice's command line, if installed (soffice on Windows and most Linux, libreoffice on some)."""
    import shutil

    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(converter: str, docx: Path, target: Path) -> None:
    """`docx` converted by LibreOffice, then moved into place atomically (never a half-written PDF)."""
    import shutil
    import subprocess
    import tempfile

    from anquan_cli.core.outputs import atomic_path

    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own: with the clerk's LibreOffice open (or another conversion running), a
        # headless run on the shared profile hands the file to that instance or quits without a word.
        args = [
            converter,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ]
        try:
            done = subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AnquanError("output-pdf-failed", reason=str(exc)[:100]) from exc
    made = docx.with_suffix(".pdf")
    if done.returncode != 0 or not made.is_file():
        raise AnquanError(
            "output-pdf-failed", reason=(done.stderr or done.stdout or "").strip()[:100] or "无输出"
        )
    with atomic_path(target) as tmp:
        shutil.move(str(made), tmp)
