import re
from pathlib import Path

import yaml

from vntext.patterns import DOSSIER_CODE, protected_spans

ROOT = Path(__file__).resolve().parents[2]


def test_dossier_codes_are_kept_whole_in_every_typed_shape():
    for text, code in [
        ("tra ho so 000.00.04.H51-200221-0001 nhe", "000.00.04.H51-200221-0001"),
        ("ma 000 00 04 h51 200221 0001.", "000 00 04 h51 200221 0001"),
        ("ma 000.00.04.h512002210001", "000.00.04.h512002210001"),
    ]:
        assert [text[a:b] for a, b in protected_spans(text)] == [code]


def test_links_and_emails_are_kept_whole_without_trailing_punctuation():
    text = "xem https://dichvucong.gov.vn/p/home. hoặc mail a.b@gmail.com"
    assert [text[a:b] for a, b in protected_spans(text)] == ["https://dichvucong.gov.vn/p/home", "a.b@gmail.com"]


def test_rasa_regex_feature_matches_the_same_codes_as_the_shared_pattern():
    data = yaml.safe_load((ROOT / "data" / "nlu" / "regex.yml").read_text())
    (rasa_pattern,) = [line.lstrip("- ").strip() for line in data["nlu"][0]["examples"].splitlines() if line.strip()]
    samples = ["000.00.04.H51-200221-0001", "000 00 04 h51 200221 0001", "000.00.04.h512002210001", "12.34-56", "0912345678"]
    for sample in samples:
        assert bool(re.search(rasa_pattern, sample, re.IGNORECASE)) == bool(DOSSIER_CODE.search(sample)), sample
