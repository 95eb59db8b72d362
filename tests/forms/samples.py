"""One made-up citizen's answers for each shipped form (what they type, what the PDF must print),
and a driver that answers whatever field the assistant asks. Used by the conversation tests and by
scripts/bench_forms.py."""

from __future__ import annotations

from forms.catalog import shipped
from forms.filling import answer_payload

# field id -> (what the citizen types or taps, what the PDF prints; None when it is not printed as typed)
SAMPLES: dict[str, dict[str, tuple[str, str | None]]] = {
    "khai-sinh": {
        "noi_dang_ky": ("Phường Quang Trung, tỉnh Thái Nguyên", "Phường Quang Trung, tỉnh Thái Nguyên"),
        "ho_ten_nguoi_yeu_cau": ("trần thị bình", "Trần Thị Bình"),
        "noi_cu_tru_nguoi_yeu_cau": ("số 12, tổ 3, phường Quang Trung, tỉnh Thái Nguyên", "số 12, tổ 3, phường Quang Trung, tỉnh Thái Nguyên"),
        "so_dinh_danh_nguoi_yeu_cau": ("019 195 012 345", "019195012345"),
        "quan_he": (answer_payload("me"), "Mẹ"),
        "ho_ten_tre": ("Nguyễn Minh Khang", "Nguyễn Minh Khang"),
        "ngay_sinh_tre": ("ngày 5 tháng 3 năm 2026", "05/03/2026"),
        "gioi_tinh_tre": ("con trai", "Nam"),
        "dan_toc_tre": ("Kinh", "Kinh"),
        "quoc_tich_tre": ("Việt Nam", "Việt Nam"),
        "noi_sinh_tre": ("Bệnh viện A Thái Nguyên, tỉnh Thái Nguyên", "Bệnh viện A Thái Nguyên, tỉnh Thái Nguyên"),
        "que_quan_tre": ("xã Phú Xuân, tỉnh Thái Bình", "xã Phú Xuân, tỉnh Thái Bình"),
        "co_thong_tin_me": (answer_payload("yes"), None),
        "ho_ten_me": ("Trần Thị Bình", "Trần Thị Bình"),
        "nam_sinh_me": ("1995", "1995"),
        "dan_toc_me": ("Kinh", "Kinh"),
        "quoc_tich_me": ("Việt Nam", "Việt Nam"),
        "noi_cu_tru_me": ("số 12, tổ 3, phường Quang Trung, tỉnh Thái Nguyên", "số 12, tổ 3, phường Quang Trung, tỉnh Thái Nguyên"),
        "co_thong_tin_cha": ("không", None),
        "cap_ban_sao": ("có", "Có"),
        "so_ban_sao": ("2", "2"),
    },
    "ct01": {
        "co_quan": ("Công an phường Hoàn Kiếm, Thành phố Hà Nội", "Công an phường Hoàn Kiếm, Thành phố Hà Nội"),
        "ho_ten": ("LÊ VĂN CƯỜNG", "Lê Văn Cường"),
        "ngay_sinh": ("12-04-1990", "12/04/1990"),
        "gioi_tinh": (answer_payload("nam"), "Nam"),
        "so_dinh_danh": ("001090012345", "001090012345"),
        "so_dien_thoai": ("+84 912 345 678", "0912345678"),
        "email": ("bỏ qua", None),
        "ho_ten_chu_ho": ("Lê Văn Dũng", "Lê Văn Dũng"),
        "quan_he_chu_ho": ("con", "con"),
        "so_dinh_danh_chu_ho": ("001060054321", "001060054321"),
        "noi_dung_de_nghi": ("đăng ký thường trú", "Đăng ký thường trú"),
        "dia_chi_dang_ky": ("số 5 phố Hàng Bạc, phường Hoàn Kiếm, Thành phố Hà Nội", "số 5 phố Hàng Bạc, phường Hoàn Kiếm, Thành phố Hà Nội"),
        "thoi_han_tam_tru": ("12 tháng", "12 tháng"),
        "chi_tiet_de_nghi": ("Đăng ký thường trú vào nhà của bố tôi", "Đăng ký thường trú vào nhà của bố tôi"),
        "thanh_vien_cung_thay_doi": ("không có", None),
    },
    "ly-lich-tu-phap": {
        "cong_an_tinh": ("Công an Thành phố Đà Nẵng", "Công an Thành phố Đà Nẵng"),
        "ho_ten": ("phạm thu hà", "Phạm Thu Hà"),
        "ten_goi_khac": ("bỏ qua", None),
        "gioi_tinh": ("nữ", "Nữ"),
        "ngay_sinh": ("5/9/1998", "05/09/1998"),
        "noi_sinh": ("Bệnh viện C Đà Nẵng, Thành phố Đà Nẵng", "Bệnh viện C Đà Nẵng, Thành phố Đà Nẵng"),
        "quoc_tich": ("Việt Nam", "Việt Nam"),
        "dan_toc": ("Kinh", "Kinh"),
        "noi_thuong_tru": ("số 20 Lê Duẩn, phường Hải Châu, Thành phố Đà Nẵng", "số 20 Lê Duẩn, phường Hải Châu, Thành phố Đà Nẵng"),
        "noi_tam_tru": (answer_payload("skip"), None),
        "so_dinh_danh": ("048198001234", "048198001234"),
        "so_dien_thoai": ("0905 123 456", "0905123456"),
        "email": ("ha.pham@example.com", "ha.pham@example.com"),
        "ho_ten_cha": ("Phạm Văn Hùng", "Phạm Văn Hùng"),
        "ho_ten_me": ("Nguyễn Thị Lan", "Nguyễn Thị Lan"),
        "ho_ten_vo_chong": ("bỏ qua", None),
        "qua_trinh_cu_tru": ("Từ 2012 đến nay: số 20 Lê Duẩn, Đà Nẵng", "Từ 2012 đến nay: số 20 Lê Duẩn, Đà Nẵng"),
        "loai_phieu": (answer_payload("so-2"), "Phiếu lý lịch tư pháp số 2"),
        "xac_nhan_cam": ("không", "Không"),
        "so_luong": ("1", "1"),
        "muc_dich": ("bổ sung hồ sơ xin việc", "bổ sung hồ sơ xin việc"),
        "cach_nhan": ("trực tiếp", None),
        "dia_chi_nhan": ("số 20 Lê Duẩn, phường Hải Châu, Thành phố Đà Nẵng", None),
    },
}


def asked_field(form_id: str, text: str) -> str | None:
    """The field whose question ends ``text`` (the assistant's replies to the last message)."""
    form = shipped().get(form_id)
    found = [(text.rfind(spec.prompt), spec.id) for spec in form.fields if spec.prompt in text]
    return max(found)[1] if found else None
