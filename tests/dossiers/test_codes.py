import datetime as dt

import pytest

from dossiers.codes import find_dossier_code, looks_like_a_code, parse_dossier_code


@pytest.mark.parametrize(
    "typed",
    ["000.00.04.H51-200221-0001", "000 00 04 h51 200221 0001", "000.00.04.h512002210001", "000.00.04.H51 200221 0001"],
)
def test_every_typed_shape_gives_the_canonical_code(typed):
    code = parse_dossier_code(typed)
    assert str(code) == "000.00.04.H51-200221-0001"
    assert code.received == dt.date(2020, 2, 21)


def test_impossible_dates_are_not_codes():
    assert parse_dossier_code("000.00.04.H51-201399-0001") is None


def test_finding_a_code_in_a_sentence():
    assert str(find_dossier_code("cho hỏi hồ sơ 000.31.28.H56-240305-0112 xong chưa")) == "000.31.28.H56-240305-0112"
    assert find_dossier_code("tôi nộp hồ sơ rồi") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ma 000.00.04-H51", True), ("ma ho so 12.34-56", True), ("lệ phí 1.500.000 đồng", False), ("sdt 0912345678", False),
     ("000.00.04.H51-200221-0001", False)],
)
def test_code_like_text_is_told_apart(text, expected):
    assert looks_like_a_code(text) is expected
