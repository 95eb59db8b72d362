"""A fake of Rasa's REST channel: answers every message with a text and the menu buttons."""

from __future__ import annotations

from typing import Any

from tests.fakes.http_server import RecordingServer


def fake_rasa() -> RecordingServer:
    def handle(method: str, path: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/":
            return 200, "Hello from Rasa"
        if path == "/webhooks/rest/webhook":
            return 200, [
                {"recipient_id": body["sender"], "text": f"đã nhận: {body['message']}"},
                {"recipient_id": body["sender"], "text": "Bạn cần gì thêm?",
                 "buttons": [{"title": "Tra cứu hồ sơ", "payload": "/check_dossier"}]},
            ]
        return 404, {"error": "not found"}

    return RecordingServer(handle)
