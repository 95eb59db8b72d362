"""A linear reranker over candidate features, and the abstention rule on top of it.

Weights live in ``reranker.json`` next to this file, learnt by ``scripts/train_reranker.py`` from the
development split of the labelled questions (never from the held-out split). Without that file, a
hand-set fallback keeps the fused order.

Abstention is calibrated per catalog size: scores relative to the other candidates mean something
else among 123 procedures than among 2,642, so one model is learnt on the large portal import and
one on the starter catalog alone, and a search uses the one whose catalog size is nearest its own.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.features import FEATURE_NAMES

WEIGHTS_FILE = Path(__file__).parent / "reranker.json"

# The abstention model sees the evidence that the best candidate fits (its similarity, the share of
# the question's words it holds, its reranked score and lead over the second), the similarity of
# the question to the nearest out-of-scope topic (alone and minus the best procedure's), and how much
# the question reads like one about a procedure at all (a linear classifier over its embedding), and
# its length (a long story holds many words no procedure name has).
ABSTAIN_FROM_ROW = ("dense", "dense_gap", "lexical", "query_coverage", "name_coverage", "bigram_overlap")
ABSTAIN_EXTRA = ("score", "margin", "off_topic", "off_topic_gap", "procedure_like", "length")
ABSTAIN_FEATURES = ABSTAIN_FROM_ROW + ABSTAIN_EXTRA
_ROW_INDEX = [FEATURE_NAMES.index(name) for name in ABSTAIN_FROM_ROW]


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


@dataclass(frozen=True)
class AbstainModel:
    catalog_size: int
    weights: np.ndarray
    bias: float
    threshold: float  # abstain when P(answerable) is below this

    def probability(self, x: np.ndarray) -> float:
        return _sigmoid(float(x @ self.weights + self.bias))

    def as_dict(self) -> dict:
        return {"catalog_size": self.catalog_size, "weights": self.weights.round(6).tolist(),
                "bias": round(self.bias, 6), "threshold": round(self.threshold, 4)}

    @classmethod
    def from_dict(cls, data: dict) -> "AbstainModel":
        return cls(int(data["catalog_size"]), np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), float(data["threshold"]))


@dataclass(frozen=True)
class Reranker:
    weights: np.ndarray
    bias: float
    abstainers: tuple[AbstainModel, ...]
    scope_weights: np.ndarray | None = None  # over the question's embedding; None: not available
    scope_bias: float = 0.0
    embedder: str | None = None  # the embedder the scope weights belong to

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Reranker":
        if not path.exists():
            return cls.fallback()
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURE_NAMES or tuple(data["abstain"]["features"]) != ABSTAIN_FEATURES:
            raise ValueError(f"{path} was trained on other features; run scripts/train_reranker.py")
        scope = data.get("scope") or {}
        return cls(
            np.asarray(data["rank"]["weights"], dtype=np.float64),
            float(data["rank"]["bias"]),
            tuple(AbstainModel.from_dict(model) for model in data["abstain"]["models"]),
            np.asarray(scope["weights"], dtype=np.float64) if scope else None,
            float(scope.get("bias", 0.0)),
            scope.get("embedder"),
        )

    @classmethod
    def fallback(cls) -> "Reranker":
        """Fused rank only; abstain when fewer than half the question's words are in the best name.

        Used for lexical-only search (no embedding model) and before weights are learnt.
        """
        weights = np.zeros(len(FEATURE_NAMES))
        weights[FEATURE_NAMES.index("rrf")] = 1.0
        abstain = np.zeros(len(ABSTAIN_FEATURES))
        abstain[ABSTAIN_FEATURES.index("query_coverage")] = 10.0
        return cls(weights, 0.0, (AbstainModel(1, abstain, -5.0, 0.5),))

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return rows @ self.weights + self.bias

    def procedure_likeness(self, vector: np.ndarray | None, embedder: str | None) -> float:
        """Probability that a question embedding is about an administrative procedure (0.5 when unknown)."""
        if vector is None or self.scope_weights is None or embedder != self.embedder:
            return 0.5
        return _sigmoid(float(vector @ self.scope_weights + self.scope_bias))

    @staticmethod
    def abstain_vector(best_row: np.ndarray, extra: Sequence[float]) -> np.ndarray:
        """The abstention model's inputs (``ABSTAIN_FEATURES``) for the best candidate."""
        return np.concatenate([best_row[_ROW_INDEX], extra])

    def abstainer(self, catalog_size: int) -> AbstainModel:
        """The abstention model learnt on the catalog size nearest ``catalog_size``."""
        return min(self.abstainers, key=lambda model: abs(math.log(max(catalog_size, 1)) - math.log(model.catalog_size)))

    def should_abstain(self, best_row: np.ndarray, extra: Sequence[float], catalog_size: int) -> bool:
        model = self.abstainer(catalog_size)
        return model.probability(self.abstain_vector(best_row, extra)) < model.threshold

    def save(self, path: Path, extra: dict | None = None) -> None:
        data = {
            "features": list(FEATURE_NAMES),
            "rank": {"weights": self.weights.round(6).tolist(), "bias": round(self.bias, 6)},
            "abstain": {"features": list(ABSTAIN_FEATURES), "models": [model.as_dict() for model in self.abstainers]},
            **(extra or {}),
        }
        if self.scope_weights is not None:
            data["scope"] = {"embedder": self.embedder, "weights": self.scope_weights.round(6).tolist(), "bias": round(self.scope_bias, 6)}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
