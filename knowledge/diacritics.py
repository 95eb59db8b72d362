"""Restoring diacritics to text typed without them ("lam ho chieu" -> "làm hộ chiếu").

A syllable bigram model with Viterbi decoding. It learns which accented syllable a folded one
stands for, and which follow each other, from text we can ship: the catalog's own names, aliases,
documents and steps, plus underthesea's Vietnamese word list (Viet74K). Syllables that already carry
diacritics are kept as typed; unknown ones pass through unchanged.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import unicodedata

from vntext import fold, normalize, normalize_tone_placement

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
_START = "<s>"
# Interpolation between the bigram and unigram estimates, and the weight of the word list.
BIGRAM_WEIGHT = 0.8
WORD_LIST_WEIGHT = 0.2


def underthesea_word_list() -> list[str]:
    """Viet74K, shipped inside the underthesea wheel; empty when underthesea is missing."""
    spec = importlib.util.find_spec("underthesea")  # located, not imported: importing it is slow
    if spec is None or spec.origin is None:
        return []
    path = Path(spec.origin).parent / "corpus" / "data" / "Viet74K.txt"
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class DiacriticRestorer:
    """Bigram model over accented syllables, decoded per folded input."""

    def __init__(self, texts: Iterable[str], word_list: Iterable[str] = ()) -> None:
        self._unigrams: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()
        self._candidates: dict[str, set[str]] = defaultdict(set)
        for text in texts:
            self._learn(text, 1.0)
        for word in word_list:
            self._learn(word, WORD_LIST_WEIGHT)
        self._total = sum(self._unigrams.values()) or 1.0

    def _learn(self, text: str, weight: float) -> None:
        lowered = unicodedata.normalize("NFC", text).lower()
        syllables = [normalize_tone_placement(syllable) for syllable in _SYLLABLE.findall(lowered)]
        previous = _START
        for syllable in syllables:
            self._unigrams[syllable] += weight
            self._bigrams[(previous, syllable)] += weight
            self._candidates[fold(syllable)].add(syllable)
            previous = syllable

    def _log_probability(self, previous: str, syllable: str) -> float:
        unigram = self._unigrams[syllable] / self._total
        context = self._unigrams[previous] if previous != _START else self._total
        bigram = self._bigrams[(previous, syllable)] / context if context else 0.0
        return math.log(BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * unigram + 1e-9)

    def restore(self, text: str) -> str:
        """``text`` with diacritics put back on unaccented syllables (lower case, normalised)."""
        normalised = normalize(text).text
        matches = list(_SYLLABLE.finditer(normalised))
        if not matches:
            return normalised
        options = []
        for match in matches:
            syllable = match.group()
            if syllable != fold(syllable) or fold(syllable) not in self._candidates:
                options.append([syllable])
            else:
                options.append(sorted(self._candidates[fold(syllable)]))
        best = self._viterbi(options)
        pieces, cursor = [], 0
        for match, syllable in zip(matches, best):
            pieces.append(normalised[cursor : match.start()])
            pieces.append(syllable)
            cursor = match.end()
        pieces.append(normalised[cursor:])
        return "".join(pieces)

    def _viterbi(self, options: list[list[str]]) -> list[str]:
        scores = {_START: (0.0, [])}
        for candidates in options:
            step: dict[str, tuple[float, list[str]]] = {}
            for candidate in candidates:
                best_score, best_path = max(
                    ((score + self._log_probability(previous, candidate), path) for previous, (score, path) in scores.items()),
                    key=lambda item: item[0],
                )
                step[candidate] = (best_score, best_path + [candidate])
            scores = step
        return max(scores.values(), key=lambda item: item[0])[1]
