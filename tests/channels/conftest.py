from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from channels.app import create_app
from channels.settings import GatewaySettings
from tests.fakes.rasa import fake_rasa


@pytest.fixture
def rasa():
    with fake_rasa() as server:
        yield server


@pytest.fixture
def database_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


@pytest.fixture
def gateway_client(rasa, database_url):
    """``gateway_client(**settings)``: a TestClient on a gateway whose worker runs only when asked,
    with ``client.drain()`` processing everything due."""

    @contextmanager
    def make(**overrides) -> Iterator[TestClient]:
        values = {"rasa_url": rasa.url, "action_server_url": "http://127.0.0.1:9", "database_url": database_url,
                  **overrides}
        settings = GatewaySettings(_env_file=None, **values)
        with TestClient(create_app(settings, run_worker=False)) as client:
            gateway = client.app.state.gateway
            client.gateway = gateway
            client.drain = lambda: client.portal.call(gateway.worker.run_until_idle)
            yield client

    return make
