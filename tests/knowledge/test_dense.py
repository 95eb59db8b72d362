"""The dense index: similarity of a question to each procedure, by its nearest passage."""

import numpy as np

from knowledge.dense import DenseIndex


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_each_passage_is_an_item_of_its_own_by_default():
    index = DenseIndex(np.stack([_unit(1, 0), _unit(0, 1)]))
    assert len(index) == 2
    assert np.allclose(index.scores(_unit(1, 0)), [1.0, 0.0], atol=1e-6)


def test_a_procedure_with_several_passages_scores_as_its_nearest():
    # Procedure 0 has a name passage and an everyday name; procedure 1 only a name passage.
    vectors = np.stack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1)])
    index = DenseIndex(vectors, owners=np.array([0, 0, 1]))
    assert len(index) == 2
    assert np.allclose(index.scores(_unit(0, 1, 0)), [1.0, 0.0], atol=1e-6)
    assert np.allclose(index.scores(_unit(1, 1, 1)), [np.sqrt(1 / 3), np.sqrt(1 / 3)], atol=1e-6)
