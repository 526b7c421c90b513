"""`--format json`: one UTF-8 JSON document on stdout, whatever the console's code page.

Indented for a person at a terminal; compact when piped or written to a file, where the C encoder is
many times faster on large reports (Python's json falls back to pure Python whenever indent is set).
"""

from __future__ import annotations

import json
import os
import re
import sys


def dumps(document: dict, *, pretty: bool = False) -> str:
    """`document` may hold analysis.plain.Prebuilt values anywhere: spliced in as they are (compact), or
    decoded again for the indented form a person reads."""
    from anquan_cli.core.plain import Prebuilt

    texts: list[str] = []
    nonce = os.urandom(8).hex()  # no cell of a ledger holds it, so no value is taken for a placeholder

    def lift(value):
        if isinstance(value, Prebuilt):
            if pretty:
                return json.loads(value.text)
            texts.append(value.text)
            return f"\ue000{nonce}:{len(texts) - 1}\ue000"
        if isinstance(value, dict):
            return {k: lift(v) for k, v in value.items()}
        if isinstance(value, list):
            return [lift(v) for v in value]
        return value

    text = json.dumps(lift(document), ensure_ascii=False, indent=2 if pretty else None, default=str)
    if not texts:
        return text
    parts = re.split(f'"\ue000{nonce}:(\\d+)\ue000"', text)
    parts[1::2] = (texts[int(i)] for i in parts[1::2])
    return "".join(parts)


def emit(document: dict) -> None:
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
