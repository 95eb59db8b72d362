"""A linear reranker over candidate features, and the abstention rule on top of it.

Weights live in ``reranker.json`` next to this file, learnt by ``scripts/train_reranker.py`` from the
development split of the labelled questions (never from the held-out split). Without that file, a
hand-set fallback keeps the fused order.
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

# The abstention model sees the best candidate's features plus these: its reranked score, its
# lead over the second, the similarity of the question to the nearest out-of-scope topic (alone
# and minus the best procedure's similarity), and how much the question reads like a question
# about a procedure at all (a linear classifier over its embedding).
ABSTAIN_EXTRA = ("score", "margin", "off_topic", "off_topic_gap", "procedure_like")


@dataclass(frozen=True)
class Reranker:
    weights: np.ndarray
    bias: float
    abstain_weights: np.ndarray
    abstain_bias: float
    abstain_threshold: float  # abstain when P(answerable) is below this
    scope_weights: np.ndarray | None = None  # over the question's embedding; None: not available
    scope_bias: float = 0.0
    embedder: str | None = None  # the embedder the scope weights belong to

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Reranker":
        if not path.exists():
            return cls.fallback()
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{path} was trained on other features; run scripts/train_reranker.py")
        scope = data.get("scope") or {}
        return cls(
            np.asarray(data["rank"]["weights"], dtype=np.float64),
            float(data["rank"]["bias"]),
            np.asarray(data["abstain"]["weights"], dtype=np.float64),
            float(data["abstain"]["bias"]),
            float(data["abstain"]["threshold"]),
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
        abstain = np.zeros(len(FEATURE_NAMES) + len(ABSTAIN_EXTRA))
        abstain[FEATURE_NAMES.index("query_coverage")] = 10.0
        return cls(weights, 0.0, abstain, -5.0, 0.5)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return rows @ self.weights + self.bias

    def procedure_likeness(self, vector: np.ndarray | None, embedder: str | None) -> float:
        """Probability that a question embedding is about an administrative procedure (0.5 when unknown)."""
        if vector is None or self.scope_weights is None or embedder != self.embedder:
            return 0.5
        z = float(vector @ self.scope_weights + self.scope_bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def answerable_probability(self, best_row: np.ndarray, extra: Sequence[float]) -> float:
        x = np.concatenate([best_row, extra])
        z = float(x @ self.abstain_weights + self.abstain_bias)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def save(self, path: Path, extra: dict | None = None) -> None:
        data = {
            "features": list(FEATURE_NAMES),
            "rank": {"weights": self.weights.round(6).tolist(), "bias": round(self.bias, 6)},
            "abstain": {
                "weights": self.abstain_weights.round(6).tolist(),
                "bias": round(self.abstain_bias, 6),
                "threshold": round(self.abstain_threshold, 4),
                "extra_features": list(ABSTAIN_EXTRA),
            },
            **(extra or {}),
        }
        if self.scope_weights is not None:
            data["scope"] = {"embedder": self.embedder, "weights": self.scope_weights.round(6).tolist(), "bias": round(self.scope_bias, 6)}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
