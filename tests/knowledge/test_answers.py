from knowledge.answers import compose, full_card, split_message
from knowledge.aspects import Aspect


def test_documents_answer_lists_every_paper_with_copies(mini_catalog):
    text = compose(mini_catalog.get("1.001193"), [Aspect.DOCUMENTS])
    assert "Tờ khai đăng ký khai sinh (1 bản chính)" in text
    assert "Giấy chứng sinh (1 bản chính)" in text
    assert "mã 1.001193" in text and "Nguồn: Cổng Dịch vụ công quốc gia" in text


def test_fee_answer_says_which_channel_each_fee_applies_to(mini_catalog):
    text = compose(mini_catalog.get("1.001456"), [Aspect.FEE])
    assert "Nộp trực tiếp: 200.000 đồng/lần" in text
    assert "Nộp trực tuyến: 180.000 đồng/lần" in text


def test_a_free_procedure_is_said_once(mini_catalog):
    text = compose(mini_catalog.get("1.001193"), [Aspect.FEE])
    assert "Miễn phí (như nhau cho mọi cách nộp)" in text


def test_missing_facts_are_never_invented(mini_catalog):
    procedure = mini_catalog.get("3.000333")  # no channels, no documents in the fixture
    for aspect in (Aspect.FEE, Aspect.TIME, Aspect.DOCUMENTS):
        text = compose(procedure, [aspect])
        assert "chưa có trong dữ liệu" in text
        assert "đồng" not in text and "ngày" not in text


def test_form_answer_gives_form_codes(mini_catalog):
    assert "mẫu CT01" in compose(mini_catalog.get("1.004194"), [Aspect.FORM])


def test_online_answer_when_there_is_no_online_channel(mini_catalog):
    text = compose(mini_catalog.get("3.000347"), [Aspect.ONLINE])
    assert "chưa nộp trực tuyến được" in text


def test_overview_and_full_card(mini_catalog):
    procedure = mini_catalog.get("1.001456")
    assert "Lệ phí: 200.000 đồng/lần (tùy cách nộp)" in compose(procedure, [])
    assert "TK01" in full_card(procedure)


def test_split_message_keeps_every_part_under_the_limit():
    text = "\n".join(f"Dòng {n}: " + "nội dung dài. " * 30 for n in range(20))
    parts = split_message(text, limit=500)
    assert all(len(part) <= 500 for part in parts)
    assert "".join(parts).replace("\n", "").replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert split_message("ngắn") == ["ngắn"]
