"""Filling each shipped declaration in conversation through the gateway, Rasa and the action server:
invalid answers, a correction, a pause and resume or a cancel, the summary, and the PDF fetched by its
link with its text checked field by field."""

from __future__ import annotations

import io
import json
import sqlite3
import urllib.request
import uuid

import pytest
from pypdf import PdfReader

from forms.answers import shown
from forms.catalog import shipped
from forms.filling import answer_payload
from tests.e2e.stack_fixtures import texts
from tests.forms.samples import SAMPLES, asked_field

pytestmark = pytest.mark.stack


class Citizen:
    """One web-chat citizen; keeps the assistant's last replies."""

    def __init__(self, assistant) -> None:
        self.assistant, self.sender, self.replies = assistant, uuid.uuid4().hex, []

    def says(self, text: str) -> str:
        payload = text if text.startswith("/") else None
        self.replies = self.assistant.web_says(self.sender, "" if payload else text, payload)["replies"]
        return texts(self.replies)

    @property
    def buttons(self) -> list[tuple[str, str]]:
        return [(b["title"], b["payload"]) for reply in self.replies for b in reply.get("buttons") or []]

    @property
    def document(self) -> str | None:
        return next((reply["document"] for reply in self.replies if reply.get("document")), None)

    def answers_until(self, form_id: str, stop_at: str | None = None, limit: int = 40) -> str:
        """Answers every question with the sample answers until the summary (or until ``stop_at`` is asked)."""
        said = texts(self.replies)
        for _ in range(limit):
            if "trước khi tôi tạo bản in" in said:
                return said
            field = asked_field(form_id, said)
            assert field is not None, said
            if field == stop_at:
                return said
            said = self.says(SAMPLES[form_id][field][0])
        raise AssertionError("the form never reached its summary")


def pdf_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        content = response.read()
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def assert_printed(form_id: str, text: str, overrides: dict[str, str | None] | None = None) -> None:
    form = shipped().get(form_id)
    for field_id, (_, printed) in SAMPLES[form_id].items():
        value = (overrides or {}).get(field_id, printed)
        if value is not None and form.field(field_id).printed:
            assert f"{form.field(field_id).label}: {value}" in text, field_id


def test_a_birth_declaration_with_mistakes_a_correction_and_a_pause_ends_as_a_printable_pdf(assistant):
    citizen = Citizen(assistant)
    said = citizen.says("tôi muốn điền tờ khai khai sinh")
    assert "Tờ khai đăng ký khai sinh" in said and "Mục 1/" in said
    citizen.answers_until("khai-sinh", stop_at="so_dinh_danh_nguoi_yeu_cau")
    assert "12 chữ số" in citizen.says("12345")  # a wrong ID number is explained, the question stays
    assert "chứng minh nhân dân cũ" in citizen.says("123456789")
    said = citizen.says("019195012345")
    assert "Đã ghi" in said and ("Mẹ", answer_payload("me")) in citizen.buttons  # the choice comes as buttons
    citizen.answers_until("khai-sinh", stop_at="ngay_sinh_tre")
    assert "sau hôm nay" in citizen.says("05/03/2099")
    assert "không có trên lịch" in citizen.says("31/02/2026")
    citizen.says("5-3-2026")
    assert "Đã lưu tờ khai" in citizen.says("để sau")
    assert "Bạn cần giúp gì" in citizen.says("xin chào")  # the bot is itself again meanwhile
    said = citizen.says("tiếp tục điền tờ khai")
    assert "điền dở" in said and "bé trai hay bé gái" in said  # where it stopped
    said = citizen.says("sửa tên bé thành nguyễn minh khôi")
    assert "Nguyễn Minh Khôi" in said
    summary = citizen.answers_until("khai-sinh")
    assert "Họ, chữ đệm, tên: Nguyễn Minh Khôi" in summary and "Ngày, tháng, năm sinh: 05/03/2026" in summary
    said = citizen.says(answer_payload("confirm"))
    assert "tải về" in said.lower() and "Giấy chứng sinh" in said and "Trực tuyến" in said
    text = pdf_text(citizen.document)
    assert "TỜ KHAI ĐĂNG KÝ KHAI SINH" in text and "Thái Nguyên, ngày" in text
    assert_printed("khai-sinh", text, {"ho_ten_tre": "Nguyễn Minh Khôi"})
    assert "Họ, chữ đệm, tên người cha" not in text
    # the answers are personal data: not in Rasa's tracker store, the gateway's database or any log
    kept = [json.dumps(assistant.tracker(f"web:{citizen.sender}"), ensure_ascii=False)]
    with sqlite3.connect(assistant.database_url.removeprefix("sqlite:///")) as db:
        kept += [str(db.execute(f"select * from {table}").fetchall()) for table in ("inbox", "transcript", "form_drafts")]
    kept += [path.read_text(errors="replace") for path in assistant.logs.glob("*.log")]
    for answer in ("019195012345", "Nguyễn Minh Khôi", "Trần Thị Bình", "Bệnh viện A Thái Nguyên"):
        assert not any(answer in store for store in kept), answer


def test_a_cancelled_ct01_is_forgotten_and_a_new_one_is_filled_to_the_end(assistant):
    citizen = Citizen(assistant)
    citizen.says("điền giúp mẫu CT01")
    citizen.answers_until("ct01", stop_at="ngay_sinh")
    assert "Đã hủy tờ khai" in citizen.says("hủy")
    said = citizen.says("tiếp tục điền tờ khai")
    assert "chưa có tờ khai nào đang điền dở" in said and "Tờ khai thay đổi thông tin cư trú" in [t for t, _ in citizen.buttons]
    said = citizen.says('/fill_form{"form_id":"ct01"}')
    assert "Mục 1/" in said
    citizen.answers_until("ct01", stop_at="so_dien_thoai")
    assert "10 chữ số" in citizen.says("0123")
    summary = citizen.answers_until("ct01")
    assert "Số điện thoại liên hệ: 0912345678" in summary or "0912345678" in summary
    assert "Thời hạn tạm trú" not in summary  # asked only for temporary residence
    said = citizen.says("xác nhận")
    text = pdf_text(citizen.document)
    assert "CT01" in text and "Hà Nội, ngày" in text
    assert_printed("ct01", text, {"thoi_han_tam_tru": None})  # asked only for temporary residence
    assert "giấy tờ" in said.lower()  # what to bring comes from the catalog's procedure (đăng ký thường trú)


def test_huy_in_the_middle_of_a_form_cancels_it_and_forgets_the_answers(assistant):
    citizen = Citizen(assistant)
    citizen.says("tôi muốn điền tờ khai khai sinh")
    citizen.answers_until("khai-sinh", stop_at="noi_cu_tru_nguoi_yeu_cau")
    typed = assistant.web_says(citizen.sender, "/huy")  # typed, as a chat command (not a button's payload)
    assert "Đã hủy việc đang làm" in texts(typed["replies"])
    assert "chưa có tờ khai nào đang điền dở" in citizen.says("tiếp tục điền tờ khai")


def test_a_criminal_record_request_corrected_to_certificate_no_1_asks_the_extra_question(assistant):
    citizen = Citizen(assistant)
    citizen.says("điền tờ khai lý lịch tư pháp")
    summary = citizen.answers_until("ly-lich-tu-phap")
    assert "cấm đảm nhiệm chức vụ" not in summary
    said = citizen.says("sửa loại phiếu thành số 1")
    assert "Phiếu lý lịch tư pháp số 1" in said and "cấm đảm nhiệm" in said  # the newly relevant question
    citizen.says("có")
    said = texts(citizen.replies)
    assert "trước khi tôi tạo bản in" in said
    citizen.says(answer_payload("confirm"))
    text = pdf_text(citizen.document)
    assert_printed("ly-lich-tu-phap", text, {"loai_phieu": "Phiếu lý lịch tư pháp số 1", "xac_nhan_cam": "Có"})


def test_an_answer_about_a_procedure_with_a_form_offers_to_fill_it_and_the_button_starts_it(assistant):
    citizen = Citizen(assistant)
    citizen.says("làm giấy khai sinh cần giấy tờ gì")
    variant = next(payload for _, payload in citizen.buttons if '"1.001193"' in payload)  # which kind of birth?
    citizen.says(variant)
    assert "Tờ khai đăng ký khai sinh" in texts(citizen.replies)
    assert ("Điền tờ khai ngay", '/fill_form{"form_id":"khai-sinh"}') in citizen.buttons
    assert "Mục 1/" in citizen.says('/fill_form{"form_id":"khai-sinh"}')


def test_three_wrong_answers_offer_an_officer_whose_summary_shows_the_form_progress(assistant):
    citizen = Citizen(assistant)
    citizen.says("tôi muốn điền tờ khai lý lịch tư pháp")
    citizen.answers_until("ly-lich-tu-phap", stop_at="ngay_sinh")
    for wrong in ("hôm qua", "năm ngoái", "không nhớ rõ lắm"):
        citizen.says(wrong)
    assert ("Gặp cán bộ", "/handoff_form_stuck") in citizen.buttons
    said = citizen.says("/handoff_form_stuck")
    assert "cán bộ" in said.lower()
    tracker = assistant.tracker(f"web:{citizen.sender}")
    assert "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp" in (tracker["slots"].get("form_progress") or "")
