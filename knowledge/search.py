"""Finding the procedure a question is about, or abstaining when none fits.

Hybrid retrieval: BM25 over diacritic-folded syllables and bigrams (``lexical``) and
multilingual-e5-small embeddings of each procedure's name and of each of its everyday names
(``dense``; a procedure is as near as its nearest), fused by reciprocal rank. Questions are normalised
(abbreviations, chat spellings), colloquial names get their official wording, and text typed
without diacritics gets them back (``diacritics``) before the words that only say *what* is asked
(lệ phí, giấy tờ...) and filler words are set aside.
"""

from __future__ import annotations

import hashlib
import logging
import math
import pickle
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge.aspects import remove_aspect_words
from knowledge.catalog import Catalog
from knowledge.dense import DenseIndex, Embedder, EmbeddingCache
from knowledge.diacritics import DiacriticRestorer, typed_with_diacritics, underthesea_word_list
from knowledge.features import FEATURE_NAMES, features, profile, query_profile
from knowledge.lexical import LexicalIndex, procedure_terms
from knowledge.phrasing import QUESTION_PHRASES
from knowledge.rerank import Reranker
from knowledge.schema import Procedure
from knowledge.scope import OUT_OF_SCOPE_TOPICS
from knowledge.text import content_words, expand_colloquial, search_fold, with_bigrams
import vntext
from vntext import normalize

logger = logging.getLogger(__name__)

# Reciprocal rank fusion: score = sum over rankers of 1 / (RRF_K + rank). 60 is the constant of
# Cormack et al. (2009); it keeps one ranker's top hit from drowning the other's.
RRF_K = 60
# How many of each ranker's best procedures are reranked.
CANDIDATES = 40
# Look-alike variants of the best procedure are looked for among this many top results.
FAMILY_WINDOW = 8


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
    # Look-alike variants of the best procedure among the top results (best first), when there
    # are several: the dialogue answers for the first and asks which case the person means.
    family: list[Hit] = field(default_factory=list)

    @property
    def best(self) -> Hit | None:
        return None if self.abstain or not self.hits else self.hits[0]


@dataclass(frozen=True)
class Query:
    """A question prepared for search."""

    text: str  # normalised, colloquial names expanded, diacritics restored: what the embedding model reads
    subject: str  # the same without aspect cues and filler words: what names the procedure
    words: list[str]  # folded subject syllables


# A name passage ends at the last word that ends within this many characters: the start of an
# official name says what it is, and the rest of a long one adds cost more than meaning. On dev
# (5-fold), names alone cut at 60, with each everyday name a passage of its own, rank and refuse as
# well as or better than names with their aliases cut at 90 or 120, and embed a fifth fewer tokens.
MAX_PASSAGE_CHARACTERS = 60


def passage_text(procedure: Procedure) -> str:
    """The name passage of a procedure: its name (and what sets its variant apart), cut short."""
    text = ". ".join([procedure.name, procedure.variant] if procedure.variant else [procedure.name])
    if len(text) <= MAX_PASSAGE_CHARACTERS:
        return text
    cut = text[: MAX_PASSAGE_CHARACTERS + 1].rsplit(" ", 1)[0]
    return cut.rstrip(" .,;:(") or text[:MAX_PASSAGE_CHARACTERS]


def passage_texts(procedure: Procedure) -> list[str]:
    """What a procedure is embedded as: its name passage, and each everyday name on its own (a
    question is matched against the nearest: a short question reads most like the everyday name it
    uses)."""
    first = passage_text(procedure)
    return [first, *(alias for alias in dict.fromkeys(procedure.aliases) if alias and alias != first)]


def restorer_texts(procedures: Sequence[Procedure]) -> list[str]:
    texts: list[str] = []
    for procedure in procedures:
        texts += [procedure.name, *procedure.aliases, procedure.field or "", procedure.variant or "", *procedure.results]
        texts += [document.name for document in procedure.documents]
    return texts


@dataclass(frozen=True)
class Candidates:
    """Candidate procedures for a query, with their feature rows (for reranking and training)."""

    query: Query
    indices: list[int]
    rows: np.ndarray
    off_topic: float = 0.0  # similarity of the question to the nearest out-of-scope topic
    procedure_like: float = 0.5  # how much the question reads like one about a procedure

    def abstain_inputs(self, scores: np.ndarray) -> tuple[int, list[float]]:
        """The best candidate (index into rows) and the extra inputs of the abstention model."""
        order = np.argsort(-scores, kind="stable")
        best = int(order[0])
        margin = float(scores[best] - scores[int(order[1])]) if len(order) > 1 else 1.0
        dense_best = float(self.rows[best][FEATURE_NAMES.index("dense")])
        length = math.log1p(len(self.query.words))  # long stories match any one procedure less fully
        return best, [float(scores[best]), margin, self.off_topic, self.off_topic - dense_best, self.procedure_like, length]


def _code_version() -> str:
    """Hash of the code that builds the text indexes, so a cached index is rebuilt when it changes."""
    digest = hashlib.sha256()
    for folder in (Path(__file__).parent, Path(vntext.__file__).parent):
        for path in sorted(folder.glob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _text_indexes(catalog: Catalog, cache_dir: Path | None) -> tuple[LexicalIndex, list, DiacriticRestorer]:
    """BM25 index, feature profiles and diacritic restorer; cached on disk by catalog content."""
    path = cache_dir / f"text-index-{catalog.fingerprint()}-{_code_version()}.pickle" if cache_dir else None
    if path and path.exists():
        try:
            with path.open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # a damaged or foreign cache file is rebuilt
            logger.warning("Rebuilding unreadable index cache %s", path)
    procedures = list(catalog)
    built = (
        LexicalIndex([procedure_terms(p) for p in procedures]),
        [profile(p) for p in procedures],
        DiacriticRestorer(restorer_texts(procedures), underthesea_word_list(), QUESTION_PHRASES),
    )
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
    return built


class ProcedureSearch:
    """Hybrid search over a catalog. Without an embedder it is lexical only."""

    def __init__(
        self,
        catalog: Catalog,
        embedder: Embedder | None = None,
        cache_dir: Path | None = None,
        reranker: Reranker | None = None,
    ) -> None:
        started = time.perf_counter()
        self.catalog = catalog
        self._procedures = list(catalog)
        self._embedder = embedder
        self._dense: DenseIndex | None = None
        self._topics: DenseIndex | None = None
        # The embedding model runs in C without Python's lock: passages are embedded in a second
        # thread while this one builds the text indexes.
        with ThreadPoolExecutor(max_workers=1) as pool:
            embedded = pool.submit(self._embed, embedder, cache_dir) if embedder is not None else None
            self._lexical, self._profiles, self._restorer = _text_indexes(catalog, cache_dir)
            if embedded is not None:
                # faiss's thread setting holds for the thread that makes the index: this one.
                passages, owners, topics = embedded.result()
                self._dense, self._topics = DenseIndex(passages, owners), DenseIndex(topics)
        self.reranker = reranker or (Reranker.load() if embedder is not None else Reranker.fallback())
        logger.info("Indexed %d procedures in %.1f s", len(self._procedures), time.perf_counter() - started)

    def _embed(self, embedder: Embedder, cache_dir: Path | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Passage vectors with the procedure of each, and out-of-scope topic vectors, read from the
        cache or computed."""
        texts, owners = [], []
        for index, procedure in enumerate(self._procedures):
            for text in passage_texts(procedure):
                texts.append(text)
                owners.append(index)
        cache = EmbeddingCache(cache_dir, embedder.name)
        passages = cache.embed(texts, embedder)
        topics = cache.embed(list(OUT_OF_SCOPE_TOPICS), embedder)
        cache.save()
        return passages, np.array(owners, dtype=np.int64), topics

    @property
    def restorer(self) -> DiacriticRestorer:
        return self._restorer

    def prepare(self, question: str) -> Query:
        typed = normalize(question or "").text
        text = expand_colloquial(typed)
        if self._restorer.needs_restoring(text):
            # The official wording a colloquial name brings along says nothing of how it was typed.
            text = self._restorer.restore(text, accented=typed_with_diacritics(typed))
        subject = " ".join(content_words(remove_aspect_words(text)))
        return Query(text=text, subject=subject, words=search_fold(subject).split())

    def candidates(self, question: str) -> Candidates:
        """The union of each ranker's best procedures, with features."""
        query = self.prepare(question)
        if not query.words:
            return Candidates(query, [], np.zeros((0, 0)))
        lexical = self._lexical.scores(with_bigrams(query.words))
        rankings = [[int(i) for i in np.argsort(-lexical, kind="stable")[:CANDIDATES] if lexical[i] > 0]]
        dense = np.zeros(len(self._procedures), dtype=np.float32)
        off_topic, procedure_like = 0.0, 0.5
        if self._dense is not None and self._topics is not None and self._embedder is not None:
            whole = self._embedder.query(query.text)
            dense = self._dense.scores(whole)
            off_topic = float(self._topics.scores(whole).max())
            procedure_like = self.reranker.procedure_likeness(whole, self._embedder.name)
            rankings.append([int(i) for i in np.argsort(-dense, kind="stable")[:CANDIDATES]])
        fused: dict[int, float] = {}
        for ranking in rankings:
            for rank, index in enumerate(ranking):
                fused[index] = fused.get(index, 0.0) + 1.0 / (RRF_K + rank + 1)
        indices = sorted(fused, key=lambda i: -fused[i])
        if not indices:
            return Candidates(query, [], np.zeros((0, 0)))
        lexical_max = float(max(lexical[i] for i in indices))
        dense_max = float(max(dense[i] for i in indices))
        asked = query_profile(query.words, search_fold(query.text), self._lexical.idf, self._lexical.unknown_idf)
        rows = np.array(
            [features(asked, self._profiles[i], fused[i], float(lexical[i]), lexical_max, float(dense[i]), dense_max) for i in indices],
            dtype=np.float64,
        )
        return Candidates(query, indices, rows, off_topic, procedure_like)

    def search(self, question: str, k: int = 5) -> SearchResult:
        found = self.candidates(question)
        if not found.indices:
            return SearchResult(abstain=True, has_subject=bool(found.query.words))
        scores = self.reranker.scores(found.rows)
        order = np.argsort(-scores, kind="stable")
        best, extra = found.abstain_inputs(scores)
        abstain = self.reranker.should_abstain(found.rows[best], extra, len(self._procedures))
        ranked = [
            (self._procedures[found.indices[int(i)]], round(float(scores[int(i)]), 4)) for i in order[: max(k, FAMILY_WINDOW)]
        ]
        hits = [Hit(procedure.code, procedure.name, score) for procedure, score in ranked]
        key = ranked[0][0].family
        family = [hit for hit, (procedure, _) in zip(hits, ranked) if key and procedure.family == key]
        return SearchResult(
            hits=hits[:k],
            abstain=abstain,
            has_subject=True,
            family=family if len(family) > 1 else [],
        )
