"""The gateway served by uvicorn in a thread of this process, on a free port (browser tests, benchmarks)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from channels.app import create_app
from channels.settings import GatewaySettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from stack import free_port  # noqa: E402


@contextmanager
def serving(settings: GatewaySettings, start_timeout: float = 20.0) -> Iterator[str]:
    """Yields the gateway's base URL once it accepts requests; stops it afterwards."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError(f"the gateway did not start within {start_timeout:.0f} s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
