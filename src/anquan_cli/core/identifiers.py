"""Check digits of Chinese identifiers (domain.md §5). Pure functions over single strings; callers
apply them to the unique values of a column, never row by row."""

from __future__ import annotations

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> tuple[str, dict] | None:
    """None when valid, else (finding code, params) for an upper-cased, space-free code."""
    if len(code) != 18:
        return "uscc-length", {"length": len(code)}
    # The 18th character is judged by the check itself: a wrong letter there is a wrong check digit.
    bad = "".join(sorted({ch for ch in code[:17] if ch not in _USCC_VALUE}))
    if bad:
        return "uscc-charset", {"chars": bad}
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return "uscc-checksum", {"expected": expected}
    return None


def id_card_valid(number: str) -> bool:
    """居民身份证号码 (GB 11643) check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    r = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True)) % 11
    return number[17].upper() == _ID_CHECK[r]
