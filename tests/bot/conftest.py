"""Fixtures for Rasa components; these tests run in Rasa's environment (.venv-rasa)."""

import pytest

pytest.importorskip("rasa", reason="tests/bot run in Rasa's environment: .venv-rasa/bin/python -m pytest tests/bot")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402


@pytest.fixture
def model_storage(tmp_path):
    return LocalModelStorage(tmp_path / "storage")


@pytest.fixture
def execution_context():
    return ExecutionContext(GraphSchema({}), "test")


@pytest.fixture
def resource():
    return Resource("component")
