"""BM25 over diacritic-folded syllables and syllable bigrams (bm25s)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import bm25s
import numpy as np

from knowledge.schema import Procedure
from knowledge.text import index_terms

# How many times each field's terms are repeated in a procedure's indexed text.
FIELD_WEIGHTS = {"name": 3, "aliases": 2, "variant": 1, "field": 1, "results": 1, "forms": 1}


def procedure_terms(procedure: Procedure) -> list[str]:
    """The terms a procedure is found by."""
    parts = {
        "name": [procedure.name],
        "aliases": procedure.aliases,
        "variant": [procedure.variant or ""],
        "field": [procedure.field or ""],
        "results": procedure.results,
        "forms": procedure.form_codes,
    }
    terms: list[str] = []
    for field, texts in parts.items():
        for text in texts:
            terms.extend(index_terms(text) * FIELD_WEIGHTS[field])
    return terms


class LexicalIndex:
    """BM25 scores of every procedure for a list of query terms, plus term coverage."""

    def __init__(self, documents: Sequence[list[str]]) -> None:
        self._bm25 = bm25s.BM25()
        self._bm25.index([list(terms) or ["_"] for terms in documents], show_progress=False)
        self._term_sets = [frozenset(terms) for terms in documents]
        counts: dict[str, int] = {}
        for terms in self._term_sets:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        total = max(len(documents), 1)
        self.idf = {term: math.log(1 + total / count) for term, count in counts.items()}
        self.unknown_idf = math.log(1 + total)

    def __len__(self) -> int:
        return len(self._term_sets)

    def scores(self, query_terms: list[str]) -> np.ndarray:
        known = [term for term in query_terms if term in self.idf]
        if not known:
            return np.zeros(len(self), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def coverage(self, document: int, query_words: list[str]) -> float:
        """Share of the query's words (weighted by rarity) that the document contains."""
        if not query_words:
            return 0.0
        weights = [self.idf.get(word, self.unknown_idf) for word in query_words]
        present = sum(w for word, w in zip(query_words, weights) if word in self._term_sets[document])
        return present / sum(weights)
