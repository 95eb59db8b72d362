"""A linear reranker over candidate features, and the abstention rule on top of it.

Weights live in ``reranker.json`` next to this file, learnt by ``scripts/train_reranker.py`` from the
development split of the labelled questions (never from the held-out split). Without that file, a
hand-set fallback keeps the fused order.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.features import FEATURE_NAMES

WEIGHTS_FILE = Path(__file__).parent / "reranker.json"

# The abstention model sees the best candidate's features plus these.
ABSTAIN_EXTRA = ("score", "margin")


@dataclass(frozen=True)
class Reranker:
    weights: np.ndarray
    bias: float
    abstain_weights: np.ndarray
    abstain_bias: float
    abstain_threshold: float  # abstain when P(answerable) is below this

    @classmethod
    def load(cls, path: Path = WEIGHTS_FILE) -> "Reranker":
        if not path.exists():
            return cls.fallback()
        data = json.loads(path.read_text())
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{path} was trained on other features; run scripts/train_reranker.py")
        return cls(
            np.asarray(data["rank"]["weights"], dtype=np.float64),
            float(data["rank"]["bias"]),
            np.asarray(data["abstain"]["weights"], dtype=np.float64),
            float(data["abstain"]["bias"]),
            float(data["abstain"]["threshold"]),
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

    def answerable_probability(self, best_row: np.ndarray, score: float, margin: float) -> float:
        x = np.concatenate([best_row, [score, margin]])
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
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
