"""Realistic demo dossiers for the local source: invented people, procedure codes from the starter catalog."""

from __future__ import annotations

import datetime as dt

from dossiers.model import Dossier, Status, StatusChange

# (code suffix, procedure code, procedure, agency, days ago received, days to appointment, status, step, supplement)
_DEMO = [
    ("H51-{d}-0001", "1.001193", "Đăng ký khai sinh", "UBND phường Bến Nghé", 3, 0, Status.RESULT_READY, None, None),
    ("H51-{d}-0002", "1.004222", "Đăng ký thường trú", "Công an phường Bến Nghé", 2, 5, Status.PROCESSING,
     "Công an phường thẩm định hồ sơ", None),
    ("H51-{d}-0003", "3.000333", "Cấp Phiếu lý lịch tư pháp", "Sở Tư pháp", 12, -2, Status.PROCESSING,
     "Đang xác minh tại cơ quan công an", None),
    ("H51-{d}-0004", "1.000894", "Đăng ký kết hôn", "UBND xã Tân Thông Hội", 1, 4, Status.NEEDS_SUPPLEMENT,
     "Chờ công dân bổ sung", "Giấy xác nhận tình trạng hôn nhân còn thời hạn (bản chính)"),
    ("H51-{d}-0005", "1.001612", "Đăng ký thành lập hộ kinh doanh", "Phòng Tài chính - Kế hoạch quận 1", 5, 0,
     Status.RETURNED, None, None),
    ("H51-{d}-0006", "1.013831", "Đăng ký biến động đất đai (tặng cho quyền sử dụng đất)",
     "Chi nhánh Văn phòng đăng ký đất đai", 10, 8, Status.RECEIVED, "Chờ phân công cán bộ thụ lý", None),
    ("H51-{d}-0007", "1.013225", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "UBND quận 1", 30, -1, Status.REFUSED,
     None, None),
]


def demo_dossiers(today: dt.date) -> list[Dossier]:
    result = []
    for n, (suffix, code, name, agency, ago, due, status, step, missing) in enumerate(_DEMO, start=1):
        received = today - dt.timedelta(days=ago)
        appointment = today + dt.timedelta(days=due)
        history = [StatusChange(status=Status.RECEIVED, changed_at=dt.datetime.combine(received, dt.time(8, 30)))]
        if status != Status.RECEIVED:
            history.append(StatusChange(status=status, changed_at=dt.datetime.combine(received, dt.time(15, 0))
                                        + dt.timedelta(days=max(ago - 1, 0))))
        result.append(Dossier(
            code=f"000.00.04.{suffix.format(d=f'{received:%y%m%d}')}", procedure_code=code, procedure_name=name,
            agency=agency, received_on=received, appointment_on=appointment, status=status, current_step=step,
            current_unit=agency, to_supplement=missing, applicant_name=f"Nguyễn Văn Mẫu {n}",
            applicant_phone=f"09120000{n:02d}", applicant_id_number=f"0012030000{n:02d}", history=history))
    return result
