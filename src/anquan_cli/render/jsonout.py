"""`--format json`: one UTF-8 JSON document on stdout, whatever the console's code page.

Indented for a person at a terminal; compact when piped or written to a file, where the C encoder is
many times faster on large reports (Python's json falls back to pure Python whenever indent is set).
"""

from __future__ import annotations

import json
import os
import re
import sys
from json.encoder import encode_basestring
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anquan_cli.analysis.plain import Prebuilt


def dumps(document: dict, *, pretty: bool = False) -> str:
    """`document` may hold analysis.plain.Prebuilt values anywhere: spliced in as they are (compact), or
    decoded again for the indented form a person reads."""
    from anquan_cli.analysis.plain import Prebuilt

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


def records_json(columns: dict[str, list]) -> Prebuilt:
    """Rows given by column (key -> a value per row) as a JSON array of objects: the bytes json.dumps
    gives for the row dicts, with each distinct value of a column encoded once (19k findings: the
    per-row dicts and the encoder walking them were a tenth of validate's time over the read)."""
    from anquan_cli.analysis.plain import Prebuilt

    keys = list(columns)
    if not keys or not len(columns[keys[0]]):
        return Prebuilt("[]")
    encoded = []
    for i, key in enumerate(keys):
        values = columns[key]
        prefix = ("{" if i == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": "
        suffix = "}" if i == len(keys) - 1 else ""
        if set(map(type, values)) <= _HASHED_ALIKE:
            fragments = {v: prefix + _value(v) + suffix for v in set(values)}
            encoded.append(list(map(fragments.__getitem__, values)))
        else:  # 1, 1.0 and True are one dict key but three JSON texts
            encoded.append([prefix + _value(v) + suffix for v in values])
    return Prebuilt("[" + ", ".join(map("".join, zip(*encoded, strict=True))) + "]")


_HASHED_ALIKE = {str, int, type(None)}


def _value(value) -> str:
    """json.dumps(value, ensure_ascii=False, default=str), without its per-call set-up for the common
    types (the C string encoder is what json.dumps itself uses for a str)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False, default=str)


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
