"""The listwise training of the reranker (scripts/train_reranker.py), on made-up candidate rows."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from knowledge.features import FEATURE_NAMES

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "train_reranker.py"


@pytest.fixture(scope="module")
def training():
    spec = importlib.util.spec_from_file_location("train_reranker", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def made_up_questions(count: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each question has 6 candidates; the right one has the highest "dense" similarity, and the
    wrong ones happen to carry "age_match" more often (a coincidence of a small training set)."""
    rng = np.random.default_rng(seed)
    dense, age_match = FEATURE_NAMES.index("dense"), FEATURE_NAMES.index("age_match")
    groups = []
    for _ in range(count):
        rows = rng.normal(0.0, 0.1, size=(6, len(FEATURE_NAMES)))
        rows[:, age_match] = 0.0
        rows[1:, age_match] = rng.random(5) < 0.5
        rows[:, dense] = rng.uniform(0.70, 0.85, size=6)
        rows[0, dense] = 0.9
        target = np.zeros(6)
        target[0] = 1.0
        groups.append((rows, target))
    return groups


def test_listwise_training_puts_the_right_candidate_first(training):
    weights, bias = training.fit_listwise(made_up_questions(60))
    unseen = made_up_questions(40, seed=1)
    assert all(np.argmax(rows @ weights + bias) == 0 for rows, _ in unseen)


def test_a_feature_with_a_known_direction_never_gets_the_opposite_sign(training):
    weights, _ = training.fit_listwise(made_up_questions(60))
    assert weights[FEATURE_NAMES.index("age_match")] == 0.0  # the data pushed it below zero
    assert weights[FEATURE_NAMES.index("dense")] > 0
