"""Form filling for one conversation with the shipped forms: drafts kept and expired in the database,
the finished PDF's text read back field by field, the link shared, the draft deleted."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from forms.catalog import FormCatalog, shipped
from forms.drafts import Drafts
from forms.filling import answer_payload
from forms.service import FormService, offer_for_procedure
from storage.database import make_engine, migrate
from storage.shared_files import SharedFiles
from tests.forms.samples import SAMPLES, asked_field

TODAY = date(2026, 12, 1)
BIRTH = SAMPLES["khai-sinh"]
FIRST_ANSWER = BIRTH["noi_dang_ky"][0]


def fill_to_summary(service: FormService, conversation: str, form_id: str) -> None:
    """Answers each question with the sample citizen's answer until the summary is asked."""
    while (question := service.question(conversation)) and "trước khi tôi tạo bản in" not in question.say.text:
        turn = service.answer(conversation, SAMPLES[form_id][asked_field(form_id, question.say.text)][0])
        assert turn.status in ("asking", "confirming"), turn.said


@pytest.fixture
def service(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    now = [1_000_000.0]
    drafts = Drafts(engine, retention_hours=24, clock=lambda: now[0])
    files = SharedFiles(engine, tmp_path / "files", clock=lambda: now[0])
    made = FormService(shipped(), drafts, files, link_hours=24, files_base_url="https://tro-ly.example.vn",
                       documents_for=lambda code: ["Giấy chứng sinh (bản chính)"], today=lambda: TODAY)
    made.now = now
    yield made
    engine.dispose()


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def test_every_shipped_form_loads_and_names_its_procedures():
    forms = {form.id: form for form in shipped().all()}
    assert {"khai-sinh", "ct01", "ly-lich-tu-phap"} <= set(forms)
    assert "1.001193" in forms["khai-sinh"].procedures


@pytest.mark.parametrize("text, form_id", [("tôi muốn điền tờ khai khai sinh", "khai-sinh"), ("dien giup mau ct01", "ct01"),
                                           ("điền tờ khai lý lịch tư pháp", "ly-lich-tu-phap"), ("dien to khai lltp", "ly-lich-tu-phap")])
def test_a_message_names_its_form(text, form_id):
    assert shipped().named_in(text).id == form_id


def test_an_answer_about_a_procedure_with_a_form_offers_to_fill_it():
    offer = offer_for_procedure(shipped(), "1.001193")
    assert "điền tờ khai ngay" in offer.text and offer.buttons == [("Điền tờ khai ngay", '/fill_form{"form_id":"khai-sinh"}')]
    assert offer_for_procedure(shipped(), "9.999999") is None


def test_a_birth_declaration_filled_in_conversation_becomes_a_pdf_with_every_answer(service):
    opening = service.open("web:a", "tôi muốn điền tờ khai khai sinh")
    assert opening.form.id == "khai-sinh"
    fill_to_summary(service, "web:a", "khai-sinh")
    assert service.answer("web:a", answer_payload("confirm")).status == "submitted"
    finished = service.finish("web:a")
    assert finished.document_url.startswith("https://tro-ly.example.vn/files/")
    text = pdf_text(finished.pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text
    form = shipped().get("khai-sinh")
    for field_id, (_, printed) in BIRTH.items():
        if printed is not None and form.field(field_id).printed:
            assert f"{form.field(field_id).label}: {printed}" in text, field_id
    assert "bằng chữ: ngày năm tháng ba năm hai nghìn không trăm hai mươi sáu" in text
    assert "Họ, chữ đệm, tên người cha" not in text  # no father's details: those lines are not printed
    assert "NGƯỜI YÊU CẦU" in text and "Thái Nguyên, ngày 01 tháng 12 năm 2026" in text
    assert "tỉnh Thái Nguyên, ngày" not in text
    assert "Giấy chứng sinh (bản chính)" in text and "dichvucong.gov.vn" in text
    assert service.drafts.get("web:a") is None  # personal data gone once the PDF is made
    assert any("Giấy chứng sinh" in say.text for say in finished.said)


def test_the_pdf_embeds_a_font_with_vietnamese_letters(service):
    service.open("web:f", "", form_id="khai-sinh")
    fill_to_summary(service, "web:f", "khai-sinh")
    service.answer("web:f", "xác nhận")
    reader = PdfReader(io.BytesIO(service.finish("web:f").pdf))
    fonts = [font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()]
    assert fonts and all("/FontFile2" in font["/DescendantFonts"][0].get_object()["/FontDescriptor"] for font in fonts)


def test_a_half_filled_form_is_resumed_where_it_stopped_and_expires_after_the_retention(service):
    service.open("web:b", "", form_id="khai-sinh")
    service.answer("web:b", FIRST_ANSWER)
    assert service.answer("web:b", "để sau").status == "paused"
    opening = service.open("web:b", "tiếp tục điền tờ khai")
    assert opening.form.id == "khai-sinh" and "1/" in opening.said[0].text
    assert service.question("web:b").say.text.startswith("Thông tin người yêu cầu")
    service.now[0] += 25 * 3600
    assert service.drafts.get("web:b") is None and service.drafts.purge() == 1
    assert service.question("web:b") is None


def test_asking_for_another_form_while_one_is_half_filled_asks_before_dropping_it(service):
    service.open("web:c", "", form_id="khai-sinh")
    service.answer("web:c", FIRST_ANSWER)
    opening = service.open("web:c", "điền mẫu ct01")
    assert opening.form is None and [p for _, p in opening.said[0].buttons] == [
        '/fill_form{"form_id":"khai-sinh"}', '/fill_form{"form_id":"ct01","form_replace":"yes"}']
    assert service.open("web:c", "", form_id="ct01", replace=True).form.id == "ct01"
    assert service.drafts.get("web:c").form_id == "ct01"


def test_cancelling_deletes_what_was_typed(service):
    service.open("web:d", "", form_id="khai-sinh")
    service.answer("web:d", FIRST_ANSWER)
    assert service.answer("web:d", "hủy").status == "cancelled"
    assert service.drafts.get("web:d") is None


def test_without_a_form_named_the_forms_are_offered_as_buttons(service):
    opening = service.open("web:e", "tôi muốn điền tờ khai")
    assert opening.form is None and len(opening.said[0].buttons) >= 3


def test_a_broken_form_file_names_itself(tmp_path):
    (tmp_path / "hong.yaml").write_text("id: hong\ncode: X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="hong.yaml"):
        FormCatalog.load(tmp_path)


@pytest.mark.parametrize("form_id, place", [("ct01", "Hà Nội, ngày 01 tháng 12 năm 2026"),
                                            ("ly-lich-tu-phap", "Đà Nẵng, ngày 01 tháng 12 năm 2026")])
def test_the_date_line_starts_with_the_place_without_its_administrative_words(service, form_id, place):
    service.open("web:p", "", form_id=form_id)
    fill_to_summary(service, "web:p", form_id)
    service.answer("web:p", answer_payload("confirm"))
    text = pdf_text(service.finish("web:p").pdf)
    assert place in text and f"Công an {place}" not in text and f"phố {place}" not in text
    if form_id == "ct01":  # the head of household and the owner sign beside the declarant, as on the template
        assert "Ý KIẾN CỦA CHỦ HỘ" in text and "NGƯỜI KÊ KHAI" in text
