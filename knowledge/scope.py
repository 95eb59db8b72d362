"""What the catalog does not cover, described in a few words per topic.

Questions closer to one of these descriptions than to any procedure are likely outside the
catalog: chit-chat and everyday topics, public matters that are not administrative procedures,
and the fields of ministries whose procedures the catalog does not hold (the portal import holds
Bộ Công an, Bộ Tư pháp, Bộ Tài chính, Bộ Xây dựng, Bộ Nông nghiệp và Môi trường, Ngân hàng Nhà
nước and Tòa án). The abstention model uses the similarity to the nearest description as one of its
inputs; nothing is refused on this alone.
"""

from __future__ import annotations

OUT_OF_SCOPE_TOPICS: tuple[str, ...] = (
    # Everyday life and chit-chat
    "thời tiết hôm nay, dự báo mưa nắng, nhiệt độ, bão lũ sắp tới",
    "bóng đá, lịch thi đấu, kết quả trận đấu, thể thao",
    "giá vàng, giá xăng, giá cả thị trường, khuyến mãi mua sắm trên mạng",
    "công thức nấu ăn, món ngon, quán ăn ngon",
    "phim ảnh, ca nhạc, ca sĩ, trò chơi điện tử, giải trí",
    "tâm sự chuyện tình cảm, kể chuyện cười, làm thơ, trò chuyện cho vui",
    "đặt vé máy bay, vé tàu xe, phòng khách sạn, tour du lịch",
    "mua bán điện thoại, máy tính, sửa máy, cài phần mềm, viết code lập trình",
    "làm bài tập về nhà, giải toán, dịch tiếng Anh, viết văn",
    "đầu tư chứng khoán, tiền ảo, lãi suất gửi tiết kiệm, vay tiêu dùng ở ngân hàng thương mại",
    "tư vấn kinh doanh quán cà phê, chọn mặt bằng, tiếp thị bán hàng online",
    "giá nhà đất khu vực, nên mua căn hộ nào, môi giới bất động sản",
    "kỹ thuật trồng lúa, chăm sóc cây trồng, chữa bệnh cho gà vịt lợn",
    "tin tức thời sự, chính trị thế giới, chiến tranh",
    # Public matters that are not procedures of the catalog
    "khám chữa bệnh, đặt lịch khám ở bệnh viện, thuốc men, triệu chứng bệnh, tiêm vắc xin",
    "hóa đơn tiền điện, tiền nước, mất điện, lắp đặt đồng hồ điện nước",
    "tuyển sinh đầu cấp, điểm thi tốt nghiệp, học phí, chuyển trường cho con, học bạ",
    "mức phạt vi phạm giao thông, nồng độ cồn, camera phạt nguội",
    "xe buýt, lịch chạy tàu, đường nào đang kẹt xe",
    "đăng ký sim điện thoại, lắp mạng internet, truyền hình cáp",
    "bảo hiểm nhân thọ, bảo hiểm xe máy ô tô của công ty bảo hiểm",
    # Fields of ministries whose procedures are not in the catalog
    "văn bằng chứng chỉ giáo dục, công nhận bằng đại học nước ngoài, cấp phép trường học, trung tâm ngoại ngữ",
    "giấy phép hành nghề khám chữa bệnh, chứng chỉ hành nghề dược, mở nhà thuốc, phòng khám tư nhân",
    "giấy phép lao động cho người nước ngoài, hợp đồng lao động, trợ cấp thất nghiệp, xuất khẩu lao động",
    "người có công với cách mạng, thương binh liệt sĩ, trợ cấp ưu đãi",
    "nghĩa vụ quân sự, khám tuyển nghĩa vụ, hoãn gọi nhập ngũ, quân đội",
    "giấy phép karaoke, vũ trường, biểu diễn nghệ thuật, lễ hội, di tích, quảng cáo ngoài trời",
    "giấy phép lữ hành, thẻ hướng dẫn viên du lịch, xếp hạng khách sạn",
    "giấy phép báo chí, xuất bản sách, trang thông tin điện tử, mạng xã hội",
    "đăng ký nhãn hiệu, bằng sáng chế, bản quyền tác giả, sở hữu trí tuệ",
    "giấy phép kinh doanh xăng dầu, xuất nhập khẩu hàng hóa, thương mại điện tử, khuyến mại",
    "hợp pháp hóa lãnh sự, chứng nhận lãnh sự, thị thực đi nước ngoài của đại sứ quán",
    "tôn giáo, đăng ký sinh hoạt tôn giáo, cơ sở thờ tự",
)
