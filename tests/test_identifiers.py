from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anquan_cli.core.identifiers import USCC_ALPHABET, id_card_valid, uscc_check_char, uscc_problem


def test_domain_examples():
    assert uscc_problem("91512081MA62K0260E") is None
    assert uscc_problem("91350100M000100Y4Z") == ("uscc-checksum", {"expected": "3"})
    assert uscc_problem("91350100M000100Y43") is None


def test_length_and_alphabet():
    assert uscc_problem("91512081MA62K026")[0] == "uscc-length"
    assert uscc_problem("91512081MI62K0260E") == ("uscc-charset", {"chars": "I"})


def test_id_card():
    assert id_card_valid("11010519491231002X")
    assert not id_card_valid("110105194912310021")


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_any_code_with_its_check_char_is_valid(body):
    code = body + uscc_check_char(body)
    assert uscc_problem(code) is None
    wrong = next(ch for ch in USCC_ALPHABET if ch != code[-1])
    assert uscc_problem(code[:-1] + wrong)[0] == "uscc-checksum"
