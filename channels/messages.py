"""What the gateway itself says to citizens (everything else comes from Rasa)."""

RASA_UNAVAILABLE = (
    "Xin lỗi, hệ thống trợ lý đang bận hoặc đang khởi động lại. Tin nhắn của bạn chưa được xử lý; "
    "bạn vui lòng gửi lại sau ít phút."
)
REQUEST_TOO_LARGE = "Tin nhắn quá lớn nên không gửi được. Bạn rút gọn nội dung giúp tôi nhé."
NOT_PROCESSED = (
    "Xin lỗi, hệ thống chưa xử lý được tin nhắn vừa rồi của bạn dù đã thử lại nhiều lần. "
    "Bạn vui lòng gửi lại sau ít phút, hoặc gọi tổng đài Cổng Dịch vụ công quốc gia 18001096."
)
SLOW_DOWN = (
    "Bạn đang gửi tin nhắn hơi nhanh nên tôi chưa kịp trả lời hết. Bạn chờ khoảng một phút rồi gửi tiếp giúp tôi nhé."
)
CHANNEL_OFF = "Kênh này chưa được bật trên máy chủ."
CHOOSE_BY_NUMBER = "Bạn trả lời bằng số thứ tự để chọn:"
DOCUMENT_LINK = "Tài liệu của bạn: {url}"
STORE_UNAVAILABLE = "Hệ thống đang tạm gián đoạn, tin nhắn sẽ được gửi lại sau ít phút."
