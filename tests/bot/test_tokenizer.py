import unicodedata

import pytest
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.tokenizer import VietnameseTokenizer


@pytest.fixture
def tokenizer(model_storage, resource, execution_context):
    return VietnameseTokenizer.create(VietnameseTokenizer.get_default_config(), model_storage, resource, execution_context)


def tokens_of(tokenizer, text):
    message = Message(data={TEXT: text})
    tokenizer.process([message])
    return message.get(TOKENS_NAMES[TEXT])


def spans(tokens, text):
    return [(t.text, text[t.start : t.end]) for t in tokens]


def test_compound_words_are_one_token_with_their_offsets(tokenizer):
    text = "Làm căn cước công dân ở đâu?"
    assert spans(tokens_of(tokenizer, text), text) == [
        ("làm", "Làm"), ("căn_cước", "căn cước"), ("công_dân", "công dân"), ("ở", "ở"), ("đâu", "đâu"), ("?", "?"),
    ]


def test_offsets_point_into_nfd_input(tokenizer):
    text = unicodedata.normalize("NFD", "Hộ chiếu phổ thông")
    tokens = tokens_of(tokenizer, text)
    assert [t.text for t in tokens] == ["hộ_chiếu", "phổ_thông"]
    assert [unicodedata.normalize("NFC", text[t.start : t.end]) for t in tokens] == ["Hộ chiếu", "phổ thông"]
    assert tokens[-1].end == len(text)


def test_icelandic_eth_is_read_as_d_stroke_at_the_same_offsets(tokenizer):
    text = "ÐĂNG KÝ khai sinh"
    assert spans(tokens_of(tokenizer, text), text) == [("đăng_ký", "ÐĂNG KÝ"), ("khai_sinh", "khai sinh")]


def test_dossier_code_is_one_token(tokenizer):
    text = "tra cứu hồ sơ 000.00.04.H51-200221-0001 nhé"
    assert ("000.00.04.h51-200221-0001", "000.00.04.H51-200221-0001") in spans(tokens_of(tokenizer, text), text)


def test_dossier_code_typed_with_spaces_is_one_token(tokenizer):
    text = "mã 000 00 04 h51 200221 0001"
    assert spans(tokens_of(tokenizer, text), text)[-1] == ("000_00_04_h51_200221_0001", "000 00 04 h51 200221 0001")


def test_digits_and_punctuation(tokenizer):
    text = "lệ phí 50.000đ, 1,5 triệu; 3-5 ngày!!!"
    assert spans(tokens_of(tokenizer, text), text) == [
        ("lệ_phí", "lệ phí"), ("50.000", "50.000"), ("đ", "đ"), ("1,5", "1,5"), ("triệu", "triệu"),
        ("3-5", "3-5"), ("ngày", "ngày"),
    ]


def test_old_style_tone_marks_are_normalised_but_offsets_kept(tokenizer):
    text = "Hoà bình khoẻ"
    assert spans(tokens_of(tokenizer, text), text) == [("hòa", "Hoà"), ("bình", "bình"), ("khỏe", "khoẻ")]


def test_abbreviations_expand_to_words_that_span_the_abbreviation(tokenizer):
    text = "Làm CCCD mất bn tiền z ad"
    assert spans(tokens_of(tokenizer, text), text) == [
        ("làm", "Làm"), ("căn_cước", "CCCD"), ("công_dân", "CCCD"), ("mất", "mất"), ("bao_nhiêu", "bn"),
        ("tiền", "tiền"), ("vậy", "z"), ("admin", "ad"),
    ]


def test_lemmas_carry_the_words_without_diacritics(tokenizer):
    accented = tokens_of(tokenizer, "làm căn cước")
    assert [t.lemma for t in accented] == ["lam", "can_cuoc"]


def test_offsets_are_ordered_and_inside_the_text(tokenizer):
    text = "  Cho em hỏi: đk kết hôn vs người nước ngoài cần j ạ???  😀 "
    tokens = tokens_of(tokenizer, text)
    assert tokens
    for before, after in zip(tokens, tokens[1:]):
        assert before.start <= after.start and before.end <= after.end
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)


def test_emoji_are_tokens_and_empty_text_is_one_empty_token(tokenizer):
    assert [t.text for t in tokens_of(tokenizer, "😀 xin chào")] == ["😀", "xin", "chào"]
    assert [(t.text, t.start, t.end) for t in tokens_of(tokenizer, "")] == [("", 0, 0)]


def test_long_messages_are_read_up_to_the_limit(model_storage, resource, execution_context):
    config = {**VietnameseTokenizer.get_default_config(), "max_characters": 50}
    tokenizer = VietnameseTokenizer.create(config, model_storage, resource, execution_context)
    tokens = tokens_of(tokenizer, "hộ chiếu " * 1000)
    assert tokens and tokens[-1].end <= 50


def test_training_data_is_tokenized_and_intents_kept_whole(tokenizer):
    message = Message(data={TEXT: "làm hộ chiếu", INTENT: "ask_procedure"})
    tokenizer.process_training_data(TrainingData([message]))
    assert [t.text for t in message.get(TOKENS_NAMES[TEXT])] == ["làm", "hộ_chiếu"]
    assert [t.text for t in message.get(TOKENS_NAMES[INTENT])] == ["ask_procedure"]


def test_without_normalisation_abbreviations_stay(model_storage, resource, execution_context):
    config = {**VietnameseTokenizer.get_default_config(), "normalize": False}
    tokenizer = VietnameseTokenizer.create(config, model_storage, resource, execution_context)
    assert [t.text for t in tokens_of(tokenizer, "làm cccd")] == ["làm", "cccd"]
