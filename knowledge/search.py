"""Finding the procedure a question is about, or abstaining when none fits."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from knowledge.aspects import strip_aspect_words
from knowledge.catalog import Catalog
from knowledge.lexical import LexicalIndex, procedure_terms
from knowledge.text import STOP_SYLLABLES, expand_colloquial, syllables, with_bigrams

# Below this share of the question's words found in the best procedure, the search abstains.
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Hit:
    code: str
    name: str
    score: float


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    abstain: bool = True
    has_subject: bool = False  # the question names something beyond aspect and filler words

    @property
    def best(self) -> Hit | None:
        return None if self.abstain or not self.hits else self.hits[0]


def subject_words(question: str) -> list[str]:
    """Folded syllables that could name a procedure (aspect cues and filler removed)."""
    return [word for word in syllables(strip_aspect_words(question)) if word not in STOP_SYLLABLES]


class ProcedureSearch:
    """Lexical search over a catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._procedures = list(catalog)
        self._lexical = LexicalIndex([procedure_terms(procedure) for procedure in self._procedures])

    def search(self, question: str, k: int = 5) -> SearchResult:
        words = subject_words(question)
        if not words:
            return SearchResult(abstain=True, has_subject=False)
        expanded = subject_words(expand_colloquial(" ".join(words))) or words
        scores = self._lexical.scores(with_bigrams(expanded))
        order = np.argsort(-scores, kind="stable")[:k]
        hits = [
            Hit(self._procedures[i].code, self._procedures[i].name, round(float(scores[i]), 4))
            for i in order
            if scores[i] > 0
        ]
        if not hits:
            return SearchResult(abstain=True, has_subject=True)
        coverage = self._lexical.coverage(int(order[0]), words)
        return SearchResult(hits=hits, abstain=coverage < MIN_COVERAGE, has_subject=True)
