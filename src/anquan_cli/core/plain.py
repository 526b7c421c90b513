"""Frame columns as JSON-ready Python lists, converted per distinct value rather than per row.

Report items are built from these lists: the overdue list of a county-year is tens of thousands of
rows, and a per-row pd.Timestamp / numpy-scalar round trip cost more than the analysis itself.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

import numpy as np
import pandas as pd


def plain_list(series: pd.Series) -> list:
    """ISO dates for datetime columns, None for anything missing, Python scalars, never numpy's."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return iso_days(series)
    values = series.astype(object)
    return values.where(series.notna(), None).tolist()


def iso_days(series: pd.Series) -> list[str | None]:
    codes, days = _days(series)
    return np.array([*days, None], dtype=object)[codes].tolist()  # code -1 (no date): the None


def _days(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, days = pd.factorize(series)  # a few hundred distinct days, each formatted once
    return codes, [d.date().isoformat() for d in days]


def text_list(series: pd.Series) -> list[str | None]:
    """Text cells as str, with empty and missing both None."""
    codes, uniques = pd.factorize(series)
    text = np.array([u if isinstance(u, str) and u else None for u in uniques] + [None], dtype=object)
    return text[codes].tolist()


class Prebuilt:
    """A value already encoded as JSON text, spliced in by render.jsonout.dumps.

    Compact, with json.dumps' own separators (", " and ": "), so a document holding one encodes to the
    same bytes as the document holding the plain lists.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def json_records(frame: pd.DataFrame, fields: list[tuple[str, ...]]) -> Prebuilt:
    """`frame` as a JSON array of objects, equal to json.dumps of the plain_list values row by row.

    Each field is a key path into the object, ("hazard_id",) or ("source", "path"), read from the
    frame column named by its last key; the parts of one nested object are consecutive. Every distinct
    value of a column is encoded once and its text placed by row: several times faster than a dict per
    row and the encoder walking those (24k overdue hazards in a county-year).
    """
    if frame.empty:
        return Prebuilt("[]")
    columns = []
    for i, path in enumerate(fields):
        before = fields[i - 1] if i else None
        after = fields[i + 1] if i + 1 < len(fields) else None
        keep = _shared(path, before) if before else 0
        opened = "".join(f"{encode_basestring(k)}: {{" for k in path[keep:-1])
        prefix = ("{" if before is None else ", ") + opened + f"{encode_basestring(path[-1])}: "
        # Close the objects the next field is not in; after the last field, the row's own as well.
        suffix = "}" * (len(path) - 1 - _shared(path, after)) if after else "}" * len(path)
        codes, text = _encoded_column(frame[path[-1]])
        fragments = np.array([prefix + t + suffix for t in text], dtype=object)
        columns.append(fragments[codes].tolist())
    return Prebuilt("[" + ", ".join(map("".join, zip(*columns, strict=True))) + "]")


def records_json(columns: dict[str, list]) -> Prebuilt:
    """Rows given by column (key -> a value per row) as a JSON array of objects: the bytes json.dumps
    gives for the row dicts, with each distinct value of a column encoded once (19k findings: the
    per-row dicts and the encoder walking them were a tenth of validate's time over the read)."""
    keys = list(columns)
    if not keys or not len(columns[keys[0]]):
        return Prebuilt("[]")
    encoded = []
    for i, key in enumerate(keys):
        values = columns[key]
        prefix = ("{" if i == 0 else ", ") + json.dumps(key, ensure_ascii=False) + ": "
        suffix = "}" if i == len(keys) - 1 else ""
        if set(map(type, values)) <= _HASHED_ALIKE:
            fragments = {v: prefix + _scalar(v) + suffix for v in set(values)}
            encoded.append(list(map(fragments.__getitem__, values)))
        else:  # 1, 1.0 and True are one dict key but three JSON texts
            encoded.append([prefix + _scalar(v) + suffix for v in values])
    return Prebuilt("[" + ", ".join(map("".join, zip(*encoded, strict=True))) + "]")


_HASHED_ALIKE = {str, int, type(None)}


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """How many enclosing objects two key paths share."""
    n = 0
    for x, y in zip(a[:-1], b[:-1], strict=False):
        if x != y:
            break
        n += 1
    return n


def _encoded_column(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes per row and the JSON text of each code; the last text ("null") is for code -1."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        codes, days = _days(series)
        return codes, [f'"{d}"' for d in days] + ["null"]
    codes, uniques = pd.factorize(series)
    values = uniques.tolist() if hasattr(uniques, "tolist") else list(uniques)
    if series.dtype == object and not all(type(v) is str for v in values):
        # Hashing would merge 1, 1.0 and True, which JSON writes differently: encode row by row.
        values = series.astype(object).where(series.notna(), None).tolist()
        codes = np.arange(len(values))
    text = list(map(str, values)) if series.dtype.kind in "iu" else [_scalar(v) for v in values]
    return codes, [*text, "null"]


def _scalar(value) -> str:
    """json.dumps(value, ensure_ascii=False, default=str), without its per-call set-up for the common
    types (the C string encoder is what json.dumps itself uses for a str)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)
