import pytest

from tests.e2e.stack_fixtures import start_stack
from tests.fakes.telegram_api import TOKEN, FakeTelegram

pytestmark = pytest.mark.stack

TELEGRAM_SECRET = "e2e-telegram-secret"
INGEST_TOKEN = "e2e-dossier-ingest-token"


@pytest.fixture(scope="session")
def telegram_api():
    """A fake Telegram Bot API the whole assistant's gateway sends to."""
    with FakeTelegram() as server:
        yield server


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, telegram_api):
    """The whole assistant on free ports, with an empty SQLite tracker store and app database."""
    data = tmp_path_factory.mktemp("assistant-data")
    env = {"DATA_DIR": str(data), "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET,
           "TELEGRAM_API_BASE_URL": telegram_api.url, "DOSSIER_INGEST_TOKEN": INGEST_TOKEN}
    running = start_stack(data / "logs", env)
    running.database_url = f"sqlite:///{data / 'app.db'}"
    running.logs = data / "logs"
    yield running
    running.stop()
