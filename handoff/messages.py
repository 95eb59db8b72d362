"""What the assistant tells citizens about a handoff to an officer (Vietnamese, in one place)."""

from __future__ import annotations

QUEUED_OPEN = ("Đã chuyển cuộc trò chuyện cho cán bộ {office}. Bạn đang ở vị trí số {position} trong hàng chờ, "
               "thời gian chờ ước tính khoảng {minutes} phút. Cán bộ sẽ đọc lại những gì bạn đã hỏi, bạn không cần "
               "nhắc lại. Trong lúc này trợ lý ảo tạm dừng; câu trả lời của cán bộ sẽ hiện ngay tại đây.")
QUEUED_CLOSED = ("Hiện đã ngoài giờ làm việc nên chưa có cán bộ {office} trực. Tin nhắn của bạn đã được giữ trong "
                 "hàng chờ (vị trí số {position}); bộ phận mở cửa lại lúc {opening}. Khi cán bộ trả lời, tin nhắn sẽ "
                 "được gửi ngay tại đây. Trong lúc này trợ lý ảo tạm dừng.")
NOTIFY_BUTTON = ("Nhắn cho tôi khi cán bộ trả lời", "/handoff_notify")
NOTIFY_SET = ("Vâng. Khi cán bộ trả lời, tôi sẽ nhắn cho bạn ngay tại đây kèm thông báo, bạn không cần chờ trước "
              "màn hình. Bạn vẫn có thể gửi thêm thông tin cho cán bộ.")
ANSWERED_AFTER_HOURS = "🔔 Cán bộ {office} đã trả lời yêu cầu bạn gửi ngoài giờ làm việc:"
HOW_TO_LEAVE = "Gõ \"quay lại trợ lý ảo\" (hoặc /huy) bất cứ lúc nào để tiếp tục hỏi trợ lý ảo."
ALREADY_QUEUED = ("Bạn đang trong hàng chờ gặp cán bộ {office} (vị trí số {position}). Tin nhắn bạn gửi thêm đều được "
                  "chuyển cho cán bộ.")
ALREADY_WITH_OFFICER = "Bạn đang trò chuyện với cán bộ {office}; tin nhắn của bạn được chuyển thẳng cho cán bộ."
BACK_TO_BOT = "Đã quay lại trợ lý ảo. Yêu cầu gặp cán bộ đã được hủy. Bạn cần hỏi gì tiếp?"
UNCLAIMED = ("Xin lỗi bạn, hiện chưa có cán bộ nào nhận cuộc trò chuyện. Bạn có thể tiếp tục chờ, quay lại hỏi trợ "
             "lý ảo, hoặc để lại số điện thoại để cán bộ gọi lại trong giờ làm việc.")
KEEP_WAITING = "Cảm ơn bạn đã kiên nhẫn. Bạn vẫn đang trong hàng chờ; cán bộ sẽ trả lời ngay tại đây."
CALL_BACK = ("Bạn gửi số điện thoại ngay tại đây nhé; cán bộ sẽ gọi lại cho bạn trong giờ làm việc. Số điện thoại chỉ "
             "dùng để gọi lại cho bạn.")
CLOSED_BY_OFFICER = ("Cán bộ đã kết thúc cuộc trò chuyện. Trợ lý ảo tiếp tục hỗ trợ bạn từ đây. "
                     "Bạn thấy cán bộ hỗ trợ thế nào?")
UPSET_OFFER = ("Tôi rất tiếc vì việc này làm bạn phiền lòng. Nếu bạn muốn, tôi chuyển ngay cho cán bộ để được "
               "giải quyết trực tiếp; cán bộ sẽ đọc lại những gì bạn đã nói.")
THANKS_FOR_RATING = "Cảm ơn bạn đã đánh giá! Ý kiến của bạn giúp chúng tôi phục vụ tốt hơn."

RATING_BUTTONS = [("😊 Hài lòng", 5), ("😐 Bình thường", 3), ("☹️ Chưa hài lòng", 1)]
UNCLAIMED_BUTTONS = [("Tiếp tục chờ", "/handoff_wait"), ("Để lại số để cán bộ gọi lại", "/handoff_call_back"),
                     ("Quay lại trợ lý ảo", "/restart")]

# Transcript lines standing for a turn of filling a form (its words are personal data and not copied).
PRIVATE_CITIZEN_LINE = "[trả lời tờ khai — nội dung không lưu]"
PRIVATE_BOT_LINE = "[trợ lý ảo hỏi tiếp tờ khai]"
