"""Vietnamese text helpers shared by the NLU pipeline and by search.

Pure Python, standard library only: this package is imported inside Rasa's Python 3.10
environment (by ``bot/``) as well as by the application environment.
"""

from vntext.chars import fold, has_diacritics, is_unaccented_vietnamese, normalize_tone_placement
from vntext.normalize import NormalizedText, normalize

__all__ = [
    "NormalizedText",
    "fold",
    "has_diacritics",
    "is_unaccented_vietnamese",
    "normalize",
    "normalize_tone_placement",
]
