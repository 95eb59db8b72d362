"""What the gateway itself says to citizens (everything else comes from Rasa)."""

RASA_UNAVAILABLE = (
    "Xin lỗi, hệ thống trợ lý đang bận hoặc đang khởi động lại. Tin nhắn của bạn chưa được xử lý; "
    "bạn vui lòng gửi lại sau ít phút."
)
REQUEST_TOO_LARGE = "Tin nhắn quá lớn nên không gửi được. Bạn rút gọn nội dung giúp tôi nhé."
