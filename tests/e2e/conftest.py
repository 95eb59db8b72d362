import pytest

from tests.e2e.stack_fixtures import start_stack

pytestmark = pytest.mark.stack


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """The whole assistant on free ports, with an empty SQLite tracker store."""
    data = tmp_path_factory.mktemp("assistant-data")
    running = start_stack(data / "logs", {"DATA_DIR": str(data)})
    yield running
    running.stop()
