"""Tests of the national-portal importer (knowledge/importer).

The fixtures in fixtures/portal/<agency>/<code>.json are short invented records that reproduce the
shapes of the real scrape: run-together table cells, NFD text, placeholders, menu text, broken files.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from knowledge.catalog import load_catalog
from knowledge.cli import main
from knowledge.importer import cells
from knowledge.importer.portal import (
    AGENCIES,
    SOURCE,
    ImportReport,
    import_portal,
    iter_portal_records,
    parse_record,
    procedure_name,
    repair_cells,
)
from knowledge.schema import ChannelKind, CopyType, Level

FIXTURES = Path(__file__).parent / "fixtures" / "portal"
REPO_ROOT = Path(__file__).resolve().parents[2]
PORTAL_DATA = REPO_ROOT / ".." / "shared" / "data" / "tthc-national-portal"

CH = "Hình thức nộpThời gianPhí, lệ phíMô tả"
DOC = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
LEG = "Tên văn bản pháp lýMã văn bản"


def load(agency: str, code: str) -> dict:
    return json.loads((FIXTURES / agency / f"{code}.json").read_text(encoding="utf-8"))


def fixture(agency: str, code: str):
    return parse_record(load(agency, code), agency)


# --------------------------------------------------------------------------------------------
# Text helpers


def test_clean_text_normalises_nfd_and_odd_spaces():
    nfd = unicodedata.normalize("NFD", "Ủy ban\u00a0nhân dân\u200e  xã\n phường")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert cells.clean_text(nfd) == "Ủy ban nhân dân xã phường"
    assert cells.clean_text(" a \n\n b  c ", keep_lines=True) == "a\nb c"
    assert cells.clean_text(None) == ""


@pytest.mark.parametrize("text", ["Không có thông tin", "Không", "không.", "Không quy định", "Chưa xác định", "  ", "Khồng"])
def test_placeholders(text):
    assert cells.is_placeholder(text)


def test_not_placeholders():
    assert not cells.is_placeholder("Không quá 30 ngày")
    assert not cells.is_placeholder("Giấy khai sinh")


@pytest.mark.parametrize(
    ("text", "amount"),
    [("3,500,000 Việt Nam Đồng", 3_500_000), ("50.000 đồng", 50_000), ("1.200.000đ/thẻ", 1_200_000), ("15000000", 15_000_000), ("Miễn phí", None)],
)
def test_parse_money(text, amount):
    assert cells.parse_money(text) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Ngày làm việc", ("15 ngày làm việc", 15.0)),
        ("7 Ngày", ("7 ngày", 7.0)),
        ("12 Giờ", ("12 giờ", 0.5)),
        ("6 Tháng", ("6 tháng", 180.0)),
        ("1.5 Ngày làm việc", ("1,5 ngày làm việc", 1.5)),
        ("7", (None, None)),
        ("Không có thông tin", (None, None)),
        ("Không quy định", ("Không quy định", None)),
    ],
)
def test_parse_processing_time(text, expected):
    assert cells.parse_processing_time(text) == expected


# --------------------------------------------------------------------------------------------
# Channels


def test_channels_with_units_and_free():
    channels = cells.split_channels(CH + "Trực tuyến5 Ngày làm việcMiễn phíDịch vụ bưu chính5 Ngày làm việcMiễn phíTrực tiếp5 Ngày làm việcMiễn phí")
    assert [c.kind for c in channels] == [ChannelKind.ONLINE, ChannelKind.POSTAL, ChannelKind.IN_PERSON]
    assert all(c.processing_time == "5 ngày làm việc" and c.processing_days == 5 for c in channels)
    assert all(c.fee == "Miễn phí" and c.fee_vnd == 0 and c.note is None for c in channels)


def test_channels_without_units_and_free_with_a_rule():
    online, in_person = cells.split_channels(
        CH + "Trực tuyến1Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định.)Trực tiếp1Miễn phí"
    )
    assert online.processing_time is None and online.processing_days is None
    assert online.fee == "Miễn phí" and online.fee_vnd is None  # the amount is set by another rule
    assert "Hội đồng nhân dân" in online.note
    assert in_person.fee_vnd == 0


def test_channel_long_fee_rule_goes_to_note():
    (channel,) = cells.split_channels(
        CH + "Trực tiếp15 Ngày làm việc3,500,000 Việt Nam Đồng(/hồ sơ)(áp dụng từ ngày 01/7/2025)Nộp tại Sở Xây dựng."
    )
    assert channel.fee == "3.500.000 đồng/hồ sơ"
    assert channel.fee_vnd == 3_500_000
    assert channel.note == "Phí, lệ phí: áp dụng từ ngày 01/7/2025\nNộp tại Sở Xây dựng."


def test_channel_hours_months_usd_and_unknown_fee():
    online, in_person, postal = fixture("bo-cong-an", "1.900005").channels
    assert (online.processing_time, online.processing_days) == ("12 giờ", 0.5)
    assert (in_person.processing_time, in_person.processing_days) == ("6 tháng", 180.0)
    assert in_person.fee == "100 USD" and in_person.fee_vnd is None
    assert postal.fee is None and postal.fee_vnd is None and postal.note == "Gửi qua bưu điện."


def test_channel_time_run_into_amount_and_thousands():
    online, in_person, postal = fixture("bo-tai-chinh", "1.900006").channels
    # "120 VNĐ(20.000 vnđ /tờ khai)": time 1, fee 20 thousand as the note says
    assert (online.fee, online.fee_vnd) == ("20.000 đồng", 20_000)
    # "1100,000 VNĐ": time 1, fee 100,000 (the only well-formed split)
    assert (in_person.fee, in_person.fee_vnd) == ("100.000 đồng", 100_000)
    # "150 VNĐ(Phí hải quan 50USD/chuyến)": the portal put dollars under VNĐ
    assert (postal.fee, postal.fee_vnd) == ("50 USD", None)


def test_channel_implausible_amount_is_not_trusted():
    (channel,) = cells.split_channels(CH + "Trực tiếp1 Ngày850 VNĐ")
    assert channel.fee == "850 VNĐ" and channel.fee_vnd is None


def test_channel_dotted_amount_and_time_in_words():
    (channel,) = cells.split_channels(CH + "Trực tiếp3 Ngày làm việc50.000 VNĐ")
    assert (channel.fee, channel.fee_vnd) == ("50.000 đồng", 50_000)
    (words,) = fixture("bo-tai-chinh", "1.900016").channels
    assert words.kind == ChannelKind.IN_PERSON
    assert words.processing_time.startswith("Hệ thống phản hồi tự động")
    assert words.fee is None and words.note == "Tại Trung tâm phục vụ hành chính công"


def test_channel_list_mark_is_description_not_fee_detail():
    (channel,) = cells.split_channels(CH + "Trực tiếp7 NgàyKhông có thông tin(1) Trường hợp A: 07 ngày.")
    assert channel.fee is None and channel.note == "(1) Trường hợp A: 07 ngày."


def test_channels_placeholder():
    assert cells.split_channels("Không có thông tin") == []
    assert cells.split_channels("") == []


# --------------------------------------------------------------------------------------------
# Documents


def test_documents_sections_present_and_notes():
    documents = fixture("bo-tu-phap", "1.900001").documents
    names = [d.name for d in documents]
    assert names == ["Tờ khai đăng ký khai sinh theo mẫu", "Giấy chứng sinh", "Hộ chiếu hoặc thẻ căn cước còn giá trị sử dụng"]
    assert documents[1].note == "nếu có"
    passport = documents[2]
    assert passport.copy_type == CopyType.PRESENT_ORIGINAL
    assert passport.note.startswith("Trường hợp thông tin đã có")  # a condition row at a section start
    assert not any("hợp pháp hóa" in name for name in names)  # the "Lưu ý" section holds notes, not papers


def test_documents_counts_files_and_section_titles():
    letter, registration, proxy, passport = fixture("bo-tai-chinh", "1.900007").documents
    assert (letter.name, letter.form_code, letter.copies, letter.copy_type) == (
        "Văn bản đề nghị tái xuất xe theo mẫu",
        "Mẫu số 01",
        1,
        CopyType.ORIGINAL,
    )
    assert letter.note == "a) Đối với xe của cơ quan"
    assert (registration.copies, registration.copy_type) == (1, CopyType.COPY)  # "0 bản chính,1 bản sao"
    assert (proxy.name, proxy.form_code, proxy.copy_type) == ("Giấy ủy quyền cho cơ quan nơi công tác", "Mẫu số 02", CopyType.ORIGINAL_OR_CERTIFIED)
    assert proxy.note == "b) Đối với xe của cá nhân"
    assert passport.copy_type == CopyType.CERTIFIED_COPY  # the name says so, whatever the count


def test_documents_list_heading_and_condition_rows():
    form, photos = fixture("bo-xay-dung", "1.900017").documents
    assert form.form_code == "Phụ lục số 01"
    assert form.note == "Trường hợp đã có bản điện tử thì không phải nộp bản giấy"
    assert (photos.name, photos.copies) == ("02 ảnh màu cỡ 3cm x 4cm", 2)


def test_documents_count_in_parentheses_is_not_a_row_end():
    (document,) = fixture("bo-tai-chinh", "1.900006").documents
    assert document.name == "Tờ khai hải quan (02 bản chính)" and document.copies == 1


def test_documents_file_name_is_form_code():
    (document,) = fixture("bo-tu-phap", "1.900002").documents
    assert (document.name, document.form_code) == ("Tờ khai đăng ký khai sinh theo mẫu", "TP-HT-01")


def test_documents_placeholder_rows():
    assert cells.split_documents("--" + DOC + "Không quy định0 bản chính") == []
    assert cells.split_documents("Không có thông tin") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tờ khai theo Mẫu số 01 ban hành kèm theo Nghị định", "Mẫu số 01"),
        ("Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "CT01"),
        ("Tờ khai đề nghị cấp hộ chiếu (Mẫu TK01)", "TK01"),
        ("Đơn theo Mẫu TP-TSCC-10", "TP-TSCC-10"),
        ("Phụ lục theo mẫu số 02-1/NTNN do Bộ Tài chính ban hành", "Mẫu số 02-1/NTNN"),
        ("Đơn đề nghị theo mẫu tại Phụ lục X ban hành kèm theo Thông tư", "Phụ lục X"),
        ("Tờ khai theo mẫu", None),
    ],
)
def test_find_form_code(text, code):
    assert cells.find_form_code(text) == code


# --------------------------------------------------------------------------------------------
# Legal basis


def test_legal_numbers_run_into_titles():
    documents = fixture("bo-xay-dung", "1.900008").legal_basis
    assert [d.number for d in documents] == [
        "54/2014/QH13",
        "72/2011/TTLT-BTC-BGTVT",
        "03/2023/TT-BTP",
        "24/2026/NQ-CP",
        "85/2019/TT-BTC",
    ]
    titles = {d.number: d.title for d in documents}
    assert titles["54/2014/QH13"] == "Luật 54/2014/QH13"
    assert titles["03/2023/TT-BTP"] == "Thông tư số 03/2023/TT-BTP ngày 02/8/2023 của Bộ trưởng Bộ Tư pháp"
    assert titles["85/2019/TT-BTC"] == "Thông tư hướng dẫn phí"


def test_legal_number_glued_to_title_and_issuer_letters_given_back():
    documents = cells.split_legal_documents(
        LEG + "Luật Hộ tịch60/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết123/2015/NĐ-CPNghị định 42/2020/NĐ-CP42/2020/NĐ-CP"
    )
    assert [(d.number, d.title) for d in documents] == [
        ("60/2014/QH13", "Luật Hộ tịch"),
        ("123/2015/NĐ-CP", "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết"),
        ("42/2020/NĐ-CP", "Nghị định 42/2020/NĐ-CP"),
    ]


def test_legal_number_after_a_year_and_long_issuers():
    assert [d.number for d in fixture("bo-tai-chinh", "1.900016").legal_basis] == ["56/2024/QH15"]
    assert [d.number for d in fixture("toa-an-nhan-dan", "3.900014").legal_basis] == [
        "02/2014/TTLT-TANDTC-VKSNDTC-BTP-BTC",
        "110/2015/QH13",
    ]


def test_legal_placeholder_and_tail():
    assert cells.split_legal_documents("Không có thông tinCơ quan thực hiệnTòa án nhân dân tối cao") == []


# --------------------------------------------------------------------------------------------
# Results, levels, applicants, agencies, steps, conditions


def test_results_split_at_codes_and_menu_dropped():
    assert fixture("ngan-hang-nha-nuoc", "1.900013").results == [
        "Văn bản chấp thuận",
        "Văn bản không chấp thuận",
        "Quyết định sửa đổi Giấy phép",
    ]
    assert fixture("toa-an-nhan-dan", "3.900014").results == ["Văn bản tố tụng của Tòa án"]
    assert fixture("bo-nong-nghiep-mt", "1.900010").results == []  # "Chưa xác định"


def test_levels():
    assert cells.parse_levels("Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác") == [Level.MINISTRY, Level.PROVINCE, Level.COMMUNE, Level.OTHER]
    assert cells.parse_levels("Cấp huyện") == [Level.DISTRICT]
    assert cells.parse_levels("Cơ quan khác") == [Level.OTHER]
    assert cells.parse_levels("") == []


def test_applicants_keep_commas_inside_names():
    assert cells.split_applicants(
        "Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX), Cán bộ, công chức, viên chức, Doanh nghiệp"
    ) == ["Doanh nghiệp", "Tổ chức (không bao gồm doanh nghiệp, HTX)", "Cán bộ, công chức, viên chức"]
    assert cells.split_applicants("Không có thông tin") == []


def test_agencies():
    assert cells.split_agencies("Ủy ban Nhân dân\u00a0xã,\u00a0phường,\u00a0thị trấn.") == ["Ủy ban Nhân dân xã, phường, thị trấn"]
    assert cells.split_agencies("Tòa án nhân dân tỉnh, thành phố trực thuộc trung ương, Tòa án nhân dân tối cao") == [
        "Tòa án nhân dân tỉnh, thành phố trực thuộc trung ương",
        "Tòa án nhân dân tối cao",
    ]


def test_steps_split_at_bullets_inline_and_wrapped_lines():
    assert fixture("ngan-hang-nha-nuoc", "1.900013").steps == [
        "Bước 1: Ngân hàng gửi hồ sơ.",
        "Bước 2: Trong thời hạn 30 ngày, Ngân hàng Nhà nước xem xét.",
        "Bước 3: Trả kết quả.",
    ]
    assert fixture("bo-tai-chinh", "1.900016").steps == [
        "Bước 1. Người nộp thuế gửi văn bản đề nghị đến cơ quan thuế quản lý.",
        "Bước 2. Cơ quan thuế trả lời.",
    ]
    steps = fixture("bo-tu-phap", "1.900001").steps
    assert steps[0] == "Người yêu cầu nộp hồ sơ tại Ủy ban nhân dân cấp xã."
    assert len(steps) == 4
    assert cells.split_steps("Không có thông tin") == []


def test_conditions():
    assert fixture("bo-nong-nghiep-mt", "1.900011").conditions == [
        "1. Đối với tổ chức:",
        "a) Có giấy phép còn hiệu lực",
        "b) Đã nộp đủ tiền cấp quyền khai thác.",
    ]
    assert cells.split_conditions("Không") == []


# --------------------------------------------------------------------------------------------
# Variant families


@pytest.mark.parametrize(
    ("name", "family", "variant"),
    [
        ("Cấp thẻ căn cước cho người dưới 14 tuổi (thực hiện tại cấp tỉnh)", "the-can-cuoc", "cấp, cho người dưới 14 tuổi, thực hiện tại cấp tỉnh"),
        ("Cấp lại thẻ căn cước", "the-can-cuoc", "cấp lại"),
        ("Cấp đổi thẻ căn cước (thực hiện tại cấp trung ương)", "the-can-cuoc", "cấp đổi, thực hiện tại cấp trung ương"),
        ("Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "dang-ky-khai-sinh", "có yếu tố nước ngoài"),
        ("Đăng ký lại khai sinh", "dang-ky-khai-sinh", "đăng ký lại"),
        ("Đăng ký khai sinh", "dang-ky-khai-sinh", None),
        ("Gia hạn giấy phép khai thác khoáng sản (cấp Bộ)", "giay-phep-khai-thac-khoang-san", "gia hạn, cấp Bộ"),
        ("Đăng ký xe lần đầu", "dang-ky-xe", "lần đầu"),
        ("", None, None),
    ],
)
def test_variant_family(name, family, variant):
    assert cells.variant_family(name) == (family, variant)


def test_variant_family_long_names_stay_distinct():
    first, _ = cells.variant_family("Thông báo về việc sáp nhập công ty trong trường hợp sau sáp nhập công ty nhận sáp nhập không thay đổi nội dung")
    second, _ = cells.variant_family("Thông báo về việc sáp nhập công ty trong trường hợp sau sáp nhập công ty nhận sáp nhập có thay đổi nội dung")
    assert first != second and len(first) <= 80


# --------------------------------------------------------------------------------------------
# Records


def test_parse_record_fields():
    procedure = parse_record(load("bo-tu-phap", "1.900001"), "bo-tu-phap", updated=dt.date(2026, 1, 2))
    assert procedure.code == "1.900001"
    assert procedure.name == "Đăng ký khai sinh có yếu tố nước ngoài"  # no "Thủ tục", NFC
    assert unicodedata.is_normalized("NFC", procedure.name)
    assert procedure.agency == "Bộ Tư pháp"
    assert procedure.levels == [Level.COMMUNE]
    assert procedure.agencies == ["Ủy ban Nhân dân xã, phường, thị trấn"]
    assert procedure.applicants == ["Công dân Việt Nam", "Người nước ngoài"]
    assert procedure.results == ["Giấy khai sinh", "Trích lục khai sinh"]
    assert procedure.url == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/fixture-1.900001"
    assert procedure.source == SOURCE == "dichvucong.gov.vn (nhập tự động)"
    assert procedure.updated == dt.date(2026, 1, 2)
    assert parse_record(load("bo-tu-phap", "1.900001"), "bo-tu-phap").updated is None


def test_parse_record_agencies_and_placeholders():
    assert AGENCIES["ngan-hang-nha-nuoc"] == "Ngân hàng Nhà nước Việt Nam"
    assert fixture("toa-an-nhan-dan", "3.900014").agency == "Tòa án nhân dân tối cao"
    assert parse_record(load("bo-tu-phap", "1.900002"), "unknown-folder").agency is None
    # co_quan_thuc_hien is a placeholder: fall back to co_quan_co_tham_quyen
    assert fixture("bo-tu-phap", "1.900002").agencies == ["Ủy ban nhân dân cấp xã"]
    empty = fixture("bo-nong-nghiep-mt", "1.900010")
    assert empty.name == "Báo cáo định kỳ" and empty.field is None and empty.levels == [Level.OTHER]
    assert not (empty.channels or empty.documents or empty.steps or empty.conditions or empty.results or empty.legal_basis)
    assert not (empty.applicants or empty.agencies)


def test_parse_record_rejects_broken_records():
    with pytest.raises(ValueError):
        parse_record({}, "bo-tai-chinh")
    with pytest.raises(ValueError):
        parse_record({"ma_thu_tuc": "abc", "ten_thu_tuc": "Thủ tục X"}, "bo-tai-chinh")
    assert procedure_name("Thủ tục đăng ký khai sinh") == "Đăng ký khai sinh"


def test_repair_cells_from_raw_text():
    record = load("bo-cong-an", "3.900015")
    repaired = repair_cells(record)
    assert repaired["can_cu_phap_ly"] == "Không có thông tin"
    assert repaired["cach_thuc_thuc_hien"].count("Trực") == 2
    procedure = parse_record(record, "bo-cong-an")
    assert [c.kind for c in procedure.channels] == [ChannelKind.ONLINE, ChannelKind.IN_PERSON]
    assert procedure.legal_basis == []
    assert repair_cells(load("bo-tu-phap", "1.900001")) == load("bo-tu-phap", "1.900001")


def test_iter_portal_records_is_recursive_and_reports_unreadable_files():
    files = list(iter_portal_records(FIXTURES))
    assert len(files) == 19
    assert {f.agency_folder for f in files} == set(AGENCIES)
    broken = [f for f in files if f.record is None]
    assert [f.path.name for f in broken] == ["1.900099.json"]
    assert "JSONDecodeError" in broken[0].error


# --------------------------------------------------------------------------------------------
# Whole import


@pytest.fixture(scope="module")
def fixture_import(tmp_path_factory):
    out = tmp_path_factory.mktemp("portal") / "catalog.jsonl"
    report = import_portal(FIXTURES, out, updated=dt.date(2026, 1, 2), progress=False)
    return report, out


def test_import_fixture_folder_report(fixture_import):
    report, out = fixture_import
    assert isinstance(report, ImportReport)
    assert (report.files, report.imported, report.failed) == (19, 17, 2)
    failed = {Path(path).name: error for path, error in report.failures}
    assert set(failed) == {"1.900098.json", "1.900099.json"}
    assert "no ma_thu_tuc" in failed["1.900098.json"]
    counts = {label: count for label, count, _ in report.rows()}
    assert counts == {
        "channels": 11,
        "processing time": 8,
        "processing days": 7,
        "fee": 10,
        "fee amount (đồng)": 9,
        "documents": 8,
        "form codes": 5,
        "legal basis": 4,
        "results": 9,
        "steps": 3,
        "conditions": 2,
        "applicants": 16,
        "agencies": 12,
        "levels": 17,
        "family": 8,
    }
    share = {label: value for label, _, value in report.rows()}
    assert share["levels"] == pytest.approx(100.0)
    table = report.table()
    assert "17 of 19 records imported, 2 failed" in table
    assert "1.900099.json" in table and "100.0%" in table


def test_import_fixture_folder_catalog(fixture_import):
    _, out = fixture_import
    catalog = load_catalog(out)
    assert len(catalog) == 17
    assert all(p.updated == dt.date(2026, 1, 2) and p.source == SOURCE for p in catalog)
    assert sorted(p.code for p in catalog.family("the-can-cuoc")) == ["1.900003", "1.900004"]
    assert sorted(p.code for p in catalog.family("dang-ky-khai-sinh")) == ["1.900001", "1.900002"]
    # a family key nobody else shares is dropped with its label
    visa = catalog.get("1.900005")
    assert visa.family is None and visa.variant is None
    for line in out.read_text(encoding="utf-8").splitlines():
        assert unicodedata.is_normalized("NFC", line)


def test_cli_import_portal(tmp_path, capsys):
    out = tmp_path / "cli.jsonl"
    assert main(["import-portal", str(FIXTURES), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "17 of 19 records imported" in printed
    assert "form codes" in printed and "family" in printed
    assert len(load_catalog(out)) == 17


def test_import_real_portal_folder(tmp_path):
    if not PORTAL_DATA.is_dir():
        pytest.skip(f"national-portal data not found at {PORTAL_DATA.resolve()} (../shared/data/tthc-national-portal from the repo root)")
    out = tmp_path / "portal.jsonl"
    report = import_portal(PORTAL_DATA, out, progress=False)
    assert report.failures == []
    assert report.files == report.imported == 2642
    assert len(load_catalog(out)) == 2642
    shares = {label: share for label, _, share in report.rows()}
    for label in ("channels", "documents", "results", "steps", "applicants", "levels", "legal basis"):
        assert shares[label] > 90, label
