import pytest

from vntext.inputs import InputKind, check_input, is_vietnamese_syllable, looks_english


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (None, InputKind.EMPTY),
        ("", InputKind.EMPTY),
        ("  \n ", InputKind.EMPTY),
        ("😀😀👍", InputKind.SYMBOLS),
        ("??? !!!", InputKind.SYMBOLS),
        ("x" * 10_000, InputKind.TOO_LONG),
        ("How do I renew my passport?", InputKind.FOREIGN),
        ("I need help with my ID card", InputKind.FOREIGN),
        ("where is the office", InputKind.FOREIGN),
        ("làm hộ chiếu", InputKind.TEXT),
        ("lam ho chieu can giay to gi", InputKind.TEXT),
        ("the le phi bao nhieu", InputKind.TEXT),
        ("toi muon dang ky tam tru online tren vneid", InputKind.TEXT),
        ("ad oi cho e hoi thu tuc lam gplx", InputKind.TEXT),
        ("ok thanks bye", InputKind.TEXT),
        ("hello", InputKind.TEXT),
        ("😀 chào bạn", InputKind.TEXT),
    ],
)
def test_check_input(text, kind):
    assert check_input(text) is kind


def test_limit_is_configurable():
    assert check_input("abc " * 10, max_characters=20) is InputKind.TOO_LONG


@pytest.mark.parametrize("word", ["nghieng", "khuya", "thuong", "quyen", "gioi", "chuyen", "Nguyễn", "the"])
def test_vietnamese_syllables(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["how", "what", "passport", "please", "where"])
def test_english_words_are_not_vietnamese_syllables(word):
    assert not is_vietnamese_syllable(word)


def test_unaccented_vietnamese_is_not_english():
    assert not looks_english("nop ho so online tren dich vu cong")
    assert not looks_english("thanks ad nhieu nha")
