"""`--format json`: one UTF-8 JSON document on stdout, whatever the console's code page.

Indented for a person at a terminal; compact when piped or written to a file, where the C encoder is
many times faster on large reports (Python's json falls back to pure Python whenever indent is set).
"""

from __future__ import annotations

import json
import sys


def dumps(document: dict | list, *, pretty: bool = False) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2 if pretty else None, default=str)


def emit(document: dict | list) -> None:
    pretty = bool(getattr(sys.stdout, "isatty", lambda: False)())
    data = dumps(document, pretty=pretty).encode("utf-8")
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (some IDEs): fall back to text
        sys.stdout.write(data.decode("utf-8") + "\n")
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream.write(data + b"\n")
    stream.flush()
