"""What `anquan init` writes: the commented configuration and the templates to customise."""

from __future__ import annotations

import shutil
from pathlib import Path

from anquan_cli.core.errors import AnquanError
from anquan_cli.core.outputs import atomic_path, ensure_folder
from anquan_cli.core.resources import shipped

TEMPLATE_SUFFIXES = (".docx", ".md.j2")


def write_starter(folder: Path, *, force: bool = False) -> Path:
    config = folder / "anquan.toml"
    if config.exists() and not force:
        raise AnquanError("output-exists", path=config)
    text = (Path(__file__).resolve().parents[1] / "data" / "anquan.toml").read_text(encoding="utf-8")
    with atomic_path(config) as tmp:
        tmp.write_text(text, encoding="utf-8")
    target = folder / "templates"
    ensure_folder(target)
    for source in sorted(shipped("templates").iterdir()):
        if source.name.endswith(TEMPLATE_SUFFIXES):
            destination = target / source.name
            if destination.exists() and not force:
                continue  # a county's edited template is never overwritten silently
            with atomic_path(destination) as tmp:
                shutil.copyfile(source, tmp)
    return folder.resolve()
