import pytest

from knowledge.aspects import (
    Aspect,
    asks_for_whole_card,
    canonical_aspect,
    detect_aspects,
    remove_aspect_words,
    strip_aspect_words,
)


@pytest.mark.parametrize(
    ("question", "aspects"),
    [
        ("làm hộ chiếu cần giấy tờ gì", [Aspect.DOCUMENTS]),
        ("le phi lam cccd bn z", [Aspect.FEE]),
        ("thế lệ phí bao nhiêu?", [Aspect.FEE]),
        ("mất mấy ngày", [Aspect.TIME]),
        ("nop o dau", [Aspect.PLACE]),
        ("các bước đăng ký tạm trú", [Aspect.STEPS]),
        ("mẫu tờ khai CT01 tải ở đâu", [Aspect.FORM, Aspect.PLACE]),
        ("ai được cấp lltp", [Aspect.ELIGIBILITY]),
        ("làm xong được cấp giấy gì", [Aspect.RESULT]),
        ("căn cứ pháp lý của thủ tục khai sinh", [Aspect.LEGAL_BASIS]),
        ("lam online duoc khong", [Aspect.ONLINE]),
        ("hộ chiếu", []),
    ],
)
def test_detect_aspects(question, aspects):
    assert detect_aspects(question) == aspects


def test_canonical_aspect_accepts_values_and_words():
    assert canonical_aspect("fee") is Aspect.FEE
    assert canonical_aspect("lệ phí") is Aspect.FEE
    assert canonical_aspect("bao lau") is Aspect.TIME
    assert canonical_aspect("xyz") is None
    assert canonical_aspect(None) is None


def test_strip_aspect_words_leaves_the_procedure():
    assert strip_aspect_words("le phi lam cccd") == "lam can cuoc cong dan"


def test_words_asking_for_the_whole_card_are_not_taken_for_the_subject():
    assert asks_for_whole_card("xem day du thu tuc ho chieu") and not asks_for_whole_card("lệ phí hộ chiếu")
    assert remove_aspect_words("xem đầy đủ thủ tục hộ chiếu") == "thủ tục hộ chiếu"
