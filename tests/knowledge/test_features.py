"""Features the reranker weighs for a (question, procedure) pair."""

from knowledge.features import FEATURE_NAMES, features, profile, query_profile
from knowledge.schema import Procedure
from knowledge.text import search_fold


def _row(question_words: str, name: str) -> dict[str, float]:
    words = search_fold(question_words).split()
    asked = query_profile(words, search_fold(question_words), {}, 1.0)
    row = features(asked, profile(Procedure(code="1.000001", name=name)), 0.0, 1.0, 1.0, 0.9, 0.9)
    return dict(zip(FEATURE_NAMES, row))


def test_a_procedure_that_ends_what_the_question_only_names_is_flagged():
    assert _row("đăng ký tàu cá", "Xóa đăng ký tàu cá")["ending_extra"] == 1.0
    assert _row("đăng ký tàu cá", "Cấp lại giấy chứng nhận đăng ký tàu cá")["ending_extra"] == 0.0  # another verb, not an ending
    assert _row("xóa đăng ký tàu cá", "Xóa đăng ký tàu cá")["ending_extra"] == 0.0  # asked for


def test_an_age_group_the_question_rules_out_is_a_mismatch():
    row = _row("làm căn cước cho bé 5 tuổi", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên")
    assert row["age_mismatch"] == 1.0 and row["age_match"] == 0.0


def test_a_foreign_country_named_in_the_question_makes_it_about_a_foreign_case():
    foreign_licence = "Đổi giấy phép lái xe hoặc bằng lái xe của người nước ngoài"
    for asked in ("đổi bằng lái của Đức sang bằng Việt Nam", "tôi là người Pháp muốn đổi bằng lái", "đổi bằng lái Thái Lan"):
        assert _row(asked, foreign_licence)["foreign_match"] == 1.0, asked
    assert _row("đổi bằng lái xe", foreign_licence)["foreign_extra"] == 1.0


def test_everyday_words_spelt_like_a_country_do_not_make_a_question_foreign():
    # Đức is also a given name and "pháp" is the pháp of tư pháp.
    for asked in ("lý lịch tư pháp của anh Nguyễn Văn Đức", "hợp pháp hóa giấy tờ", "giấy tờ ở ngã tư"):
        assert _row(asked, "Đổi giấy phép lái xe hoặc bằng lái xe của người nước ngoài")["foreign_extra"] == 1.0, asked
