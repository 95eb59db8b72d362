from collections import Counter

from knowledge.catalog import load_catalog
from knowledge.schema import ChannelKind


def test_starter_catalog_loads_with_unique_codes_and_sources():
    catalog = load_catalog()
    assert len(catalog) >= 80
    for procedure in catalog:
        assert procedure.name and procedure.portal_url.startswith("https://dichvucong.gov.vn")
        assert procedure.source


def test_starter_catalog_covers_what_citizens_need_most():
    fields = Counter(procedure.field for procedure in load_catalog())
    for field in ("Hộ tịch", "Chứng thực", "Đăng ký, quản lý cư trú", "Cấp, quản lý căn cước", "Đất đai"):
        assert fields[field] >= 5, field


def test_fees_given_as_amounts_agree_with_their_text():
    for procedure in load_catalog():
        for channel in procedure.channels:
            if channel.fee_vnd == 0:
                assert "miễn" in (channel.fee or "").lower(), procedure.code
            elif channel.fee_vnd:
                amount = f"{channel.fee_vnd:,}".replace(",", ".")
                assert amount in (channel.fee or "") + (channel.note or ""), (procedure.code, channel.kind)


def test_online_channels_are_marked_as_such():
    kinds = {channel.kind for procedure in load_catalog() for channel in procedure.channels}
    assert ChannelKind.ONLINE in kinds and ChannelKind.IN_PERSON in kinds
