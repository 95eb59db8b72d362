from pathlib import Path

import pytest

from knowledge.catalog import load_catalog
from knowledge.service import KnowledgeBase

MINI_CATALOG = Path(__file__).parent / "fixtures" / "mini-catalog.yaml"


@pytest.fixture(scope="session")
def mini_catalog():
    return load_catalog(MINI_CATALOG)


@pytest.fixture(scope="session")
def mini_knowledge(mini_catalog):
    return KnowledgeBase(mini_catalog)
