"""What the assistant says about dossiers (Vietnamese, in one place)."""

from __future__ import annotations

import datetime as dt

from dossiers.model import Dossier, Status

STATUS_WORDS = {
    Status.RECEIVED: "đã được tiếp nhận, đang chờ chuyển xử lý",
    Status.PROCESSING: "đang được xử lý",
    Status.NEEDS_SUPPLEMENT: "đang chờ bạn bổ sung giấy tờ",
    Status.RESULT_READY: "đã có kết quả",
    Status.RETURNED: "đã trả kết quả",
    Status.OVERDUE: "đã quá hạn hẹn trả",
    Status.REFUSED: "bị từ chối giải quyết",
    Status.CANCELLED: "đã được hủy",
}

NEXT_STEP = {
    Status.RECEIVED: "Bạn chưa cần làm gì thêm; hồ sơ sẽ được xử lý và trả kết quả theo ngày hẹn.",
    Status.PROCESSING: "Bạn chưa cần làm gì thêm, chờ đến ngày hẹn trả kết quả.",
    Status.NEEDS_SUPPLEMENT: ("Bạn cần bổ sung giấy tờ thì hồ sơ mới được xử lý tiếp. Để xem cần bổ sung gì, "
                              "bạn xác nhận là chủ hồ sơ bằng 4 số cuối số điện thoại hoặc số định danh đã khai."),
    Status.RESULT_READY: ("Bạn mang Giấy tiếp nhận hồ sơ và hẹn trả kết quả cùng căn cước đến {agency} để nhận "
                          "kết quả (hoặc nhận qua bưu điện nếu đã đăng ký)."),
    Status.RETURNED: "Kết quả đã được trao; nếu bạn chưa nhận được, hãy liên hệ {agency}.",
    Status.OVERDUE: "",
    Status.REFUSED: "Cơ quan giải quyết đã có văn bản nêu lý do; bạn liên hệ {agency} để được giải thích thêm.",
    Status.CANCELLED: "Nếu bạn vẫn cần làm thủ tục này, bạn nộp hồ sơ mới.",
}

OVERDUE_APOLOGY = ("Chúng tôi thành thật xin lỗi vì hồ sơ đã quá ngày hẹn trả. Bạn có muốn tôi chuyển cho cán bộ "
                   "để được kiểm tra và trả lời cụ thể không?")
UNKNOWN_CODE = ("Tôi không tìm thấy hồ sơ nào có mã {code}. Bạn kiểm tra lại mã trên Giấy tiếp nhận hồ sơ và hẹn "
                "trả kết quả; nếu hồ sơ mới nộp hôm nay, có thể hệ thống chưa cập nhật.")
BUSY = "Hệ thống tra cứu đang bận, vui lòng thử lại sau ít phút."


def date_vi(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "chưa có"


def public_answer(dossier: Dossier, today: dt.date) -> str:
    """What anyone holding the code may see: procedure, status and dates, and what to do next.
    No name, phone, ID number or what is missing: those need the owner's confirmation."""
    overdue = dossier.is_overdue(today)
    status = STATUS_WORDS[Status.OVERDUE if overdue and dossier.status != Status.NEEDS_SUPPLEMENT else dossier.status]
    lines = [
        f"Hồ sơ {dossier.code}",
        f"• Thủ tục: {dossier.procedure_name}" + (f" (mã {dossier.procedure_code})" if dossier.procedure_code else ""),
        f"• Trạng thái: {status}",
        f"• Ngày tiếp nhận: {date_vi(dossier.received_on)}",
        f"• Ngày hẹn trả kết quả: {date_vi(dossier.appointment_on)}",
    ]
    if dossier.current_step and dossier.status in (Status.RECEIVED, Status.PROCESSING):
        lines.append(f"• Đang ở bước: {dossier.current_step}")
    next_step = NEXT_STEP[dossier.status].format(agency=dossier.agency or "nơi bạn đã nộp hồ sơ")
    if overdue:
        next_step = OVERDUE_APOLOGY
    if next_step:
        lines.append(next_step)
    return "\n".join(lines)

TOO_FAST = "Bạn đang tra cứu hơi nhanh. Bạn chờ một phút rồi tra tiếp giúp tôi nhé."
LOCKED = ("Bạn đã nhập nhiều mã hồ sơ không đúng nên tôi tạm dừng tra cứu trong 15 phút để bảo vệ thông tin của "
          "người dân. Bạn kiểm tra lại mã trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả rồi thử lại sau nhé.")
FOLLOWING = ("Đã bật theo dõi hồ sơ {code}. Mỗi khi trạng thái hồ sơ thay đổi, tôi sẽ nhắn cho bạn ngay tại đây. "
             "Gõ \"hủy theo dõi\" để dừng.")
ALREADY_FOLLOWING = "Bạn đang theo dõi hồ sơ {code} rồi; khi có thay đổi tôi sẽ nhắn cho bạn."
UNFOLLOWED = "Đã hủy theo dõi {what}. Bạn sẽ không nhận tin nhắn về trạng thái hồ sơ nữa."
NOTHING_FOLLOWED = "Bạn chưa theo dõi hồ sơ nào."
ASK_CODE_FIRST = "Bạn gửi mã hồ sơ trước giúp tôi (có dạng 000.00.04.H51-200221-0001), rồi mới xác nhận được."
ASK_DIGITS = "Bạn gửi 4 số cuối của số điện thoại hoặc số định danh cá nhân đã khai khi nộp hồ sơ nhé."
WRONG_DIGITS = "4 số này không khớp với thông tin của hồ sơ {code}. Bạn còn {left} lần thử."
DIGITS_LOCKED = ("Bạn đã nhập sai nhiều lần nên tôi tạm dừng xác nhận trong 15 phút để bảo vệ thông tin của người "
                 "nộp hồ sơ. Nếu cần gấp, bạn mang căn cước đến nơi đã nộp hồ sơ để được hỗ trợ.")
FOLLOW_BUTTON = {"title": "Theo dõi hồ sơ này", "payload": "/follow_dossier"}


def details_answer(dossier: Dossier) -> str:
    """What the owner sees after confirming: who applied, where the dossier is, what to add."""
    lines = [f"Đã xác nhận. Chi tiết hồ sơ {dossier.code}:", f"• Người nộp: {dossier.applicant_name}"]
    if dossier.current_step:
        lines.append(f"• Bước hiện tại: {dossier.current_step}" + (f" ({dossier.current_unit})" if dossier.current_unit else ""))
    if dossier.to_supplement:
        lines.append(f"• Cần bổ sung: {dossier.to_supplement}")
        lines.append(f"Bạn nộp phần bổ sung tại {dossier.agency or 'nơi đã nộp hồ sơ'} hoặc trên Cổng Dịch vụ công.")
    return "\n".join(lines)
