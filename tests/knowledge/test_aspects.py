import pytest

from knowledge.aspects import Aspect, canonical_aspect, detect_aspects, strip_aspect_words


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
