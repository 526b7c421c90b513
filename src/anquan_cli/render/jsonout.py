"""`--format json`: one UTF-8 JSON document on stdout, whatever the console's code page."""

from __future__ import annotations

import json
import sys


def emit(document: dict) -> None:
    data = json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a text-only stdout (some IDEs): fall back to text
        sys.stdout.write(data.decode("utf-8") + "\n")
        sys.stdout.flush()
        return
    sys.stdout.flush()
    stream.write(data + b"\n")
    stream.flush()
