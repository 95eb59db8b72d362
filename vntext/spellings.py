"""Abbreviations and chat spellings common in Vietnamese public-service questions.

Keys are lower-case surface forms exactly as people type them (with or without diacritics);
values are the words they stand for. Multi-word keys are matched on consecutive words.
Colloquial *names* of procedures ("sổ đỏ", "bằng lái") are not here: they are aliases that
search adds to a query without replacing the words (see ``COLLOQUIAL_NAMES``).
"""

from __future__ import annotations

# Chat spellings: words written short or phonetically.
CHAT_SPELLINGS: dict[str, str] = {
    "ko": "không", "k": "không", "kg": "không", "kh": "không", "hok": "không", "hông": "không",
    "hổng": "không", "khum": "không", "hem": "không", "khg": "không",
    "dc": "được", "đc": "được",
    "j": "gì", "ji": "gì", "gi": "gì",
    "z": "vậy", "dz": "vậy", "v": "vậy", "zậy": "vậy", "dzậy": "vậy", "dị": "vậy", "zị": "vậy", "dzị": "vậy",
    "bn": "bao nhiêu", "bnh": "bao nhiêu", "bnhiu": "bao nhiêu", "bao nhiu": "bao nhiêu",
    "ntn": "như thế nào", "tn": "thế nào",
    "lm": "làm", "mk": "mình", "mik": "mình", "mh": "mình", "mìn": "mình",
    "r": "rồi", "rùi": "rồi", "ròi": "rồi",
    "vs": "với", "ns": "nói", "nch": "nói chuyện", "ng": "người", "ngta": "người ta",
    "ak": "à", "ah": "à", "uh": "ừ", "uk": "ừ", "uhm": "ừ", "um": "ừ",
    "oke": "ok", "oki": "ok", "okie": "ok", "okela": "ok", "okay": "ok",
    "thui": "thôi", "nhìu": "nhiều", "bít": "biết", "bik": "biết", "lun": "luôn",
    "wá": "quá", "qá": "quá", "mún": "muốn", "mun": "muốn", "cx": "cũng", "cg": "cũng",
    "trc": "trước", "tgian": "thời gian", "tg": "thời gian", "bh": "bây giờ", "bjo": "bây giờ",
    "hnay": "hôm nay", "hqua": "hôm qua", "kq": "kết quả", "tl": "trả lời", "ib": "nhắn tin",
    "cj": "chị", "ad": "admin", "add": "admin", "mn": "mọi người", "mng": "mọi người",
    "tks": "cảm ơn", "thanks": "cảm ơn", "thank": "cảm ơn", "thks": "cảm ơn", "camon": "cảm ơn",
    "cám ơn": "cảm ơn", "xl": "xin lỗi", "sr": "xin lỗi", "sorry": "xin lỗi",
}

# Abbreviations of public-service terms.
ABBREVIATIONS: dict[str, str] = {
    "cccd": "căn cước công dân", "cmnd": "chứng minh nhân dân",
    "cmt": "chứng minh thư", "gplx": "giấy phép lái xe", "bằng lx": "bằng lái xe",
    "lltp": "lý lịch tư pháp", "hk": "hộ khẩu", "shk": "sổ hộ khẩu", "hkd": "hộ kinh doanh",
    "bhxh": "bảo hiểm xã hội", "bhyt": "bảo hiểm y tế", "bhtn": "bảo hiểm thất nghiệp",
    "mst": "mã số thuế", "gks": "giấy khai sinh", "gcn": "giấy chứng nhận",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất", "qsdd": "quyền sử dụng đất",
    "qsdđ": "quyền sử dụng đất", "dkkd": "đăng ký kinh doanh", "đkkd": "đăng ký kinh doanh",
    "gpkd": "giấy phép kinh doanh", "gpxd": "giấy phép xây dựng", "ubnd": "ủy ban nhân dân",
    "ub": "ủy ban", "tthc": "thủ tục hành chính", "dvc": "dịch vụ công",
    "dvcqg": "dịch vụ công quốc gia", "hs": "hồ sơ", "tk": "tài khoản", "sdt": "số điện thoại",
    "sđt": "số điện thoại", "tp": "thành phố",
    "nvqs": "nghĩa vụ quân sự", "xntthn": "xác nhận tình trạng hôn nhân",
    "dddt": "định danh điện tử", "đdđt": "định danh điện tử", "kt3": "tạm trú",
    "cqca": "cơ quan công an", "bpmc": "bộ phận một cửa", "tthcc": "trung tâm hành chính công",
    "htx": "hợp tác xã", "tnhh": "trách nhiệm hữu hạn", "cty": "công ty", "dn": "doanh nghiệp",
    "hđ": "hợp đồng", "hđlđ": "hợp đồng lao động", "antt": "an ninh trật tự", "đ/c": "địa chỉ",
    "thpt": "trung học phổ thông", "bđs": "bất động sản", "tncn": "thu nhập cá nhân",
    "pccc": "phòng cháy chữa cháy", "đky": "đăng ký", "dky": "đăng ký", "đkkh": "đăng ký kết hôn",
    "dkkh": "đăng ký kết hôn", "đkks": "đăng ký khai sinh", "dkks": "đăng ký khai sinh",
    "gpđkkd": "giấy chứng nhận đăng ký kinh doanh", "đkx": "đăng ký xe", "dkx": "đăng ký xe",
    "nhnn": "ngân hàng nhà nước", "đủ đk": "đủ điều kiện", "đủ dk": "đủ điều kiện",
    "mtv": "một thành viên", "1tv": "một thành viên", "1 tv": "một thành viên", "2tv": "hai thành viên",
    "2 tv": "hai thành viên", "giấy cn": "giấy chứng nhận", "giay cn": "giấy chứng nhận",
    "đất nn": "đất nông nghiệp", "dat nn": "đất nông nghiệp",
    "oto": "ô tô", "ôtô": "ô tô", "xn": "xác nhận", "đh": "đại học", "lv1": "mức 1", "lv2": "mức 2",
    # "hc" alone may be hành chính or học; after these verbs it is the passport.
    "làm hc": "làm hộ chiếu", "lam hc": "làm hộ chiếu", "lm hc": "làm hộ chiếu", "cấp hc": "cấp hộ chiếu",
    "cap hc": "cấp hộ chiếu", "đổi hc": "đổi hộ chiếu", "doi hc": "đổi hộ chiếu",
}

# When the word after an ambiguous spelling is one of these, the spelling means "được".
# Otherwise "dk"/"đk" in a public-service question almost always means "đăng ký".
_DUOC_CONTEXT = {"không", "ko", "k", "kg", "khong", "hok", "khum", "hem", "chưa", "chua", "ạ", "a", "nha", "nhé", "nhe", "hả", "ha", "hông", "hong"}
AMBIGUOUS: dict[str, tuple[str, str]] = {
    # spelling: (meaning before a question particle, meaning elsewhere)
    "dk": ("được", "đăng ký"),
    "đk": ("được", "đăng ký"),
}

# Spellings that mean something else right after a number ("50 k" is 50 nghìn, "2 tr").
NOT_AFTER_NUMBER = {"k", "tr", "v", "z", "r", "j"}

# Colloquial names of procedures and papers, mapped to the official wording.
COLLOQUIAL_NAMES: dict[str, str] = {
    "sổ đỏ": "giấy chứng nhận quyền sử dụng đất",
    "sổ hồng": "giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở",
    "bằng lái": "giấy phép lái xe",
    "bằng lái xe": "giấy phép lái xe",
    "căn cước": "căn cước công dân",
    "thẻ căn cước": "căn cước",
    "hộ khẩu": "đăng ký thường trú",
    "nhập hộ khẩu": "đăng ký thường trú",
    "tách hộ khẩu": "tách hộ",
    "chuyển hộ khẩu": "đăng ký thường trú",
    "tạm trú tạm vắng": "đăng ký tạm trú",
    "giấy khai sinh": "đăng ký khai sinh",
    "làm khai sinh": "đăng ký khai sinh",
    "giấy đăng ký kết hôn": "đăng ký kết hôn",
    "giấy chứng tử": "đăng ký khai tử",
    "giấy độc thân": "xác nhận tình trạng hôn nhân",
    "xác nhận độc thân": "xác nhận tình trạng hôn nhân",
    "công chứng": "chứng thực bản sao",
    "photo công chứng": "chứng thực bản sao từ bản chính",
    "sang tên xe": "đăng ký sang tên xe",
    "biển số": "đăng ký xe",
    "mở quán": "đăng ký hộ kinh doanh",
    "giấy phép kinh doanh": "đăng ký hộ kinh doanh",
    "vneid": "tài khoản định danh điện tử",
    "định danh mức 2": "tài khoản định danh điện tử mức độ 2",
    "sổ bảo hiểm": "sổ bảo hiểm xã hội",
    "thẻ bảo hiểm": "thẻ bảo hiểm y tế",
    "rút bảo hiểm một lần": "bảo hiểm xã hội một lần",
    "lương hưu": "hưởng lương hưu",
    "xin phép xây nhà": "giấy phép xây dựng nhà ở riêng lẻ",
    "sao y": "chứng thực bản sao từ bản chính",
    "sang tên sổ đỏ": "đăng ký biến động quyền sử dụng đất",
    "sang tên sổ hồng": "đăng ký biến động quyền sử dụng đất quyền sở hữu nhà ở",
    "sang tên đất": "đăng ký biến động quyền sử dụng đất",
    "sang tên sổ": "đăng ký biến động quyền sử dụng đất",
    "sang tên nhà đất": "đăng ký biến động quyền sử dụng đất",
    "nhận cha con": "đăng ký nhận cha mẹ con",
    "nhận con": "đăng ký nhận cha mẹ con",
    "khoan giếng": "khai thác nước dưới đất",
    "tiền giả": "giám định tiền giả",
    # Life events and everyday words, with the official wording of the procedure they lead to. Keys
    # are matched without diacritics, so none may read as something else once folded ("tiền sự" /
    # "tiền sử", "báo tử" / "bao tử", "đăng kiểm" / "đang kiếm", "đổi họ" / "đổi hộ [chiếu]" are left out for that
    # reason).
    "tiền án tiền sự": "lý lịch tư pháp",
    "án tích": "lý lịch tư pháp",
    "tự đóng bảo hiểm": "bảo hiểm xã hội tự nguyện",
    "tiền tuất": "hưởng chế độ tử tuất",
    "trợ cấp tuất": "hưởng chế độ tử tuất",
    "tiền mai táng": "hưởng chế độ tử tuất",
    "visa": "thị thực",
    "xây nhà": "giấy phép xây dựng nhà ở riêng lẻ",
    "xây lại nhà": "giấy phép xây dựng nhà ở riêng lẻ",
    "hạn đăng kiểm": "kiểm định an toàn kỹ thuật và bảo vệ môi trường",
    "tem đăng kiểm": "kiểm định an toàn kỹ thuật và bảo vệ môi trường",
    "xà lan": "phương tiện thủy nội địa",
    "ghi chú kết hôn": "ghi vào sổ hộ tịch việc kết hôn",
    "ghi chú khai sinh": "ghi vào sổ hộ tịch việc khai sinh",
    "ghi chú ly hôn": "ghi vào sổ hộ tịch việc ly hôn",
    "đổi tên cho con": "thay đổi cải chính hộ tịch",
    "xin con nuôi": "đăng ký việc nuôi con nuôi",
    "nhận con nuôi": "đăng ký việc nuôi con nuôi",
    "chia đất": "tách thửa đất",
    "thổ cư": "đất ở",
    "tặng cho đất": "đăng ký biến động quyền sử dụng đất",
    "đất thừa kế": "đăng ký biến động quyền sử dụng đất thừa kế",
    "khai báo khách": "thông báo lưu trú",
    "sao bản án": "cấp sao bản án",
    "trích lục bản án": "cấp sao bản án",
    "nhà vào sổ": "đăng ký tài sản gắn liền với đất",
    "thuê trọ": "đăng ký tạm trú",
    "ở trọ": "đăng ký tạm trú",
    "tiền rách": "đổi tiền không đủ tiêu chuẩn lưu thông",
    "thế chấp": "biện pháp bảo đảm",
    "xóa thế chấp": "xóa đăng ký biện pháp bảo đảm",
    "giải chấp": "xóa đăng ký biện pháp bảo đảm",
    "nghỉ bán": "tạm ngừng kinh doanh",
    "nghỉ kinh doanh": "tạm ngừng kinh doanh",
    "thuốc trừ sâu": "thuốc bảo vệ thực vật",
    "cho thuê nhà": "cho thuê bất động sản",
    "môi giới nhà đất": "môi giới bất động sản",
}


def chat_and_abbreviation_table() -> dict[str, str]:
    """Every unconditional replacement, abbreviations winning over chat spellings."""
    return {**CHAT_SPELLINGS, **ABBREVIATIONS}


def resolve_ambiguous(spelling: str, next_word: str | None) -> str:
    """Meaning of an ambiguous spelling given the following word."""
    before_particle, elsewhere = AMBIGUOUS[spelling]
    return before_particle if next_word is None or next_word in _DUOC_CONTEXT else elsewhere
