"""What a citizen reads about a dossier: plain status, dates, next step; nothing private."""

import datetime as dt

from dossiers.messages import public_answer
from dossiers.model import Dossier, Status

TODAY = dt.date(2026, 11, 30)


def dossier(status: Status, appointment: dt.date | None = dt.date(2026, 12, 5), **extra) -> Dossier:
    return Dossier(code="000.00.04.H51-261125-0001", procedure_code="1.001193", procedure_name="Đăng ký khai sinh",
                   agency="UBND phường Bến Nghé", received_on=dt.date(2026, 11, 25), appointment_on=appointment,
                   status=status, applicant_name="Lê Văn Mẫu", applicant_phone="0912345678",
                   applicant_id_number="001203004567", to_supplement="Giấy chứng sinh", **extra)


def test_every_status_reads_in_plain_vietnamese_with_both_dates():
    for status in Status:
        answer = public_answer(dossier(status), TODAY)
        assert "25/11/2026" in answer and "05/12/2026" in answer and "Đăng ký khai sinh (mã 1.001193)" in answer


def test_nothing_private_is_shown_with_the_code_alone():
    for status in Status:
        answer = public_answer(dossier(status), TODAY)
        assert not any(secret in answer for secret in ("Lê Văn Mẫu", "0912345678", "001203004567", "Giấy chứng sinh"))


def test_past_its_appointment_an_unfinished_dossier_is_overdue_with_an_apology():
    answer = public_answer(dossier(Status.PROCESSING, appointment=dt.date(2026, 11, 28)), TODAY)
    assert "quá hạn" in answer and "xin lỗi" in answer and "cán bộ" in answer


def test_a_finished_dossier_is_never_called_overdue():
    answer = public_answer(dossier(Status.RETURNED, appointment=dt.date(2026, 11, 1)), TODAY)
    assert "quá hạn" not in answer and "đã trả kết quả" in answer


def test_a_missing_appointment_date_is_said_so():
    assert "Ngày hẹn trả kết quả: chưa có" in public_answer(dossier(Status.RECEIVED, appointment=None), TODAY)
