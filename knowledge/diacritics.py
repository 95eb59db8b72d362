"""Restoring diacritics to text typed without them ("lam ho chieu" -> "làm hộ chiếu").

A syllable bigram model with Viterbi decoding. It learns which accented syllable a folded one
stands for, and which follow each other, from text we can ship: the catalog's own names, aliases,
fields, results and documents, underthesea's Vietnamese word list (Viet74K) and sentences of how questions
are worded (``knowledge.phrasing``). Syllables that already carry
diacritics are kept as typed, and so, in text typed with diacritics, are plain ones that are words
as they stand ("Thái Lan", "mang đi").

A syllable that neither source knows is most often a typo ("đăg", "hôj", "taạm", "dựnh") or several
syllables typed without spaces ("xinxacnhan"). Known syllables one edit away are offered in its
place, at a cost, so that only the words around it can make one win; the diacritics that were typed
are kept. This is done only for words typed with diacritics: an unknown word typed without them is
more often a short form, a name or a foreign word than a typo. A long unknown word is split when
every piece is a known syllable and the pieces are known to follow each other. Anything else (a
name, a brand, an English word) is kept as typed.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import unicodedata

from vntext import fold, is_unaccented_vietnamese, normalize, normalize_tone_placement
from vntext.chars import split_tone
from vntext.inputs import is_vietnamese_syllable

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
_START = "<s>"
# Interpolation between the bigram and unigram estimates, and the weight of the word list.
BIGRAM_WEIGHT = 0.8
WORD_LIST_WEIGHT = 0.2
# The weight of each sentence of how questions are worded (``knowledge.phrasing``): a few hundred
# short sentences against a catalog of tens of thousands of texts. At 50, words of dev questions
# typed with diacritics, folded and restored, come back right 89% of the time (79.5% without them).
PHRASE_WEIGHT = 50.0
# Log-probability cost of replacing an unknown syllable by a known one an edit away.
CORRECTION_COST = math.log(1e-3)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Unknown words at least this long may be syllables typed without spaces.
MIN_GLUED_LENGTH = 7
# A text in which at least this share of the syllables carry diacritics was typed with them.
ACCENTED_SHARE = 0.5
# Letters whose shape (not tone) was typed and that a correction must keep.
_SHAPED = set("âăêôơưđ")
_VOWEL = re.compile("[aeiou]")


# A catalog and a word list hold a few thousand distinct syllables, seen hundreds of thousands of times.
_tone_placed = functools.lru_cache(maxsize=1 << 16)(normalize_tone_placement)
_folded = functools.lru_cache(maxsize=1 << 16)(fold)


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

    def __init__(self, texts: Iterable[str], word_list: Iterable[str] = (), phrases: Iterable[str] = ()) -> None:
        self._unigrams: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()
        self._candidates: dict[str, set[str]] = defaultdict(set)
        self._folded_pairs: set[tuple[str, str]] = set()
        # Catalog texts repeat (the same document or result in hundreds of procedures): each
        # distinct text is learnt once, weighted by how often it comes.
        for text, count in Counter(texts).items():
            self._learn(text, float(count))
        for word in word_list:
            self._learn(word, WORD_LIST_WEIGHT)
        for phrase in phrases:
            self._learn(phrase, PHRASE_WEIGHT)
        self._total = sum(self._unigrams.values()) or 1.0
        self._folded_unigrams: Counter[str] = Counter()
        for syllable, count in self._unigrams.items():
            self._folded_unigrams[fold(syllable)] += count

    def _learn(self, text: str, weight: float) -> None:
        lowered = unicodedata.normalize("NFC", text).lower()
        syllables = [_tone_placed(syllable) for syllable in _SYLLABLE.findall(lowered)]
        previous = _START
        for syllable in syllables:
            self._unigrams[syllable] += weight
            self._bigrams[(previous, syllable)] += weight
            self._candidates[_folded(syllable)].add(syllable)
            if previous != _START:
                self._folded_pairs.add((_folded(previous), _folded(syllable)))
            previous = syllable

    def needs_restoring(self, text: str) -> bool:
        """Whether ``restore`` has anything to do: a syllable typed without diacritics, or one it does not know."""
        return any(is_unaccented_vietnamese(word) or fold(word) not in self._candidates for word in _SYLLABLE.findall(text))

    def _log_probability(self, previous: str, syllable: str) -> float:
        unigram = self._unigrams[syllable] / self._total
        context = self._unigrams[previous] if previous != _START else self._total
        bigram = self._bigrams[(previous, syllable)] / context if context else 0.0
        return math.log(BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * unigram + 1e-9)

    def restore(self, text: str, accented: bool | None = None) -> str:
        """``text`` with diacritics put back on unaccented syllables and typos mended (lower case, normalised).

        ``accented``: whether the person typed with diacritics (``typed_with_diacritics``), when
        ``text`` holds more than they typed; by default it is judged from ``text``.
        """
        normalised = normalize(text).text
        matches = list(_SYLLABLE.finditer(normalised))
        if not matches:
            return normalised
        pieces_per_match = [self._split_glued(match.group()) for match in matches]
        if accented is None:
            accented = typed_with_diacritics(normalised)
        options = [self._options(piece, accented) for pieces in pieces_per_match for piece in pieces]
        best = iter(self._viterbi(options))
        out, cursor = [], 0
        for match, pieces in zip(matches, pieces_per_match):
            out.append(normalised[cursor : match.start()])
            out.append(" ".join(next(best) for _ in pieces))
            cursor = match.end()
        out.append(normalised[cursor:])
        return "".join(out)

    def _options(self, syllable: str, accented: bool = False) -> list[tuple[str, float]]:
        """(accented syllable, cost) choices for one typed syllable.

        In text typed with diacritics, a syllable typed plain that is a word as it stands ("lan",
        "mang", "con") was meant plain: only those the sources never saw plain ("tuc") are restored.
        """
        folded = fold(syllable)
        if folded in self._candidates:
            if syllable != folded or (accented and folded in self._candidates[folded]):
                return [(syllable, 0.0)]
            return [(c, 0.0) for c in sorted(self._candidates[folded])]
        if syllable == folded or not _VOWEL.search(folded):  # a short form ("đh"), a name or a foreign word
            return [(syllable, 0.0)]
        corrections = [c for near in self._one_edit_away(folded) for c in sorted(self._candidates[near])]
        kept = [c for c in corrections if _keeps_typed_marks(syllable, c)]
        return [(syllable, 0.0)] + [(c, CORRECTION_COST) for c in kept or corrections]

    def _one_edit_away(self, folded: str) -> list[str]:
        """Known folded syllables one deletion, insertion, substitution or swap away."""
        if not (folded.isascii() and folded.isalpha() and 2 <= len(folded) <= 7):
            return []
        edits: set[str] = set()
        for i in range(len(folded) + 1):
            head, tail = folded[:i], folded[i:]
            if tail:
                edits.add(head + tail[1:])
            if len(tail) > 1:
                edits.add(head + tail[1] + tail[0] + tail[2:])
            for letter in _LETTERS:
                edits.add(head + letter + tail)
                if tail:
                    edits.add(head + letter + tail[1:])
        return sorted(e for e in edits if len(e) > 1 and e in self._candidates and is_vietnamese_syllable(e))

    def _split_glued(self, word: str) -> list[str]:
        """``word`` cut into known syllables when it is several typed without spaces, else [word]."""
        folded = fold(word)
        if len(folded) < MIN_GLUED_LENGTH or folded in self._candidates or not folded.isascii():
            return [word]
        best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
        for end in range(1, len(folded) + 1):
            choices = []
            for start in range(max(0, end - 7), end):
                piece = folded[start:end]
                if start in best and piece in self._folded_unigrams and is_vietnamese_syllable(piece):
                    score, cuts = best[start]
                    choices.append((score + math.log(self._folded_unigrams[piece] / self._total), cuts + [end]))
            if choices:
                best[end] = max(choices, key=lambda choice: choice[0])
        if len(folded) not in best:
            return [word]
        cuts = [0, *best[len(folded)][1]]
        pieces = [folded[a:b] for a, b in zip(cuts, cuts[1:])]
        known_pairs = sum(pair in self._folded_pairs for pair in zip(pieces, pieces[1:]))
        if len(pieces) < 2 or known_pairs * 2 < len(pieces) - 1:
            return [word]
        return [word[a:b] for a, b in zip(cuts, cuts[1:])]

    def _viterbi(self, options: list[list[tuple[str, float]]]) -> list[str]:
        scores = {_START: (0.0, [])}
        for candidates in options:
            step: dict[str, tuple[float, list[str]]] = {}
            for candidate, cost in candidates:
                best_score, best_path = max(
                    ((score + self._log_probability(previous, candidate), path) for previous, (score, path) in scores.items()),
                    key=lambda item: item[0],
                )
                step[candidate] = (best_score + cost, best_path + [candidate])
            scores = step
        return max(scores.values(), key=lambda item: item[0])[1]


def typed_with_diacritics(text: str) -> bool:
    """Whether ``text`` was typed with diacritics: at least ``ACCENTED_SHARE`` of its words carry them."""
    words = _SYLLABLE.findall(text)
    return bool(words) and sum(not is_unaccented_vietnamese(word) for word in words) >= ACCENTED_SHARE * len(words)


def _marks(syllable: str) -> tuple[set[str], set[str]]:
    """The shaped letters (â, ơ, đ...) and tone marks of a syllable."""
    split = [split_tone(char) for char in syllable]
    return {bare for bare, _ in split if bare in _SHAPED}, {tone for _, tone in split if tone}


def _keeps_typed_marks(typed: str, candidate: str) -> bool:
    """Does ``candidate`` keep every diacritic typed in ``typed`` ("bằg" -> "bằng", not "bảng")?"""
    typed_shapes, typed_tones = _marks(typed)
    shapes, tones = _marks(candidate)
    return typed_shapes <= shapes and typed_tones <= tones
