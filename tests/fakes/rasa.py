"""A fake of Rasa's REST channel: answers every message with a text and the menu buttons."""

from __future__ import annotations

import time
from typing import Any

from tests.fakes.http_server import RecordingServer


def fake_rasa(think_seconds: float = 0.0) -> RecordingServer:
    """``think_seconds``: how long Rasa takes to answer each message."""
    def handle(method: str, path: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/":
            return 200, "Hello from Rasa"
        if path == "/webhooks/rest/webhook":
            time.sleep(think_seconds)
            return 200, [
                {"recipient_id": body["sender"], "text": f"đã nhận: {body['message']}"},
                {"recipient_id": body["sender"], "text": "Bạn cần gì thêm?",
                 "buttons": [{"title": "Tra cứu hồ sơ", "payload": "/check_dossier"}]},
            ]
        return 404, {"error": "not found"}

    return RecordingServer(handle)
