"""A fake of Rasa's REST channel: answers every message with a text and the menu buttons, and keeps
each conversation's events for ``GET /conversations/<id>/tracker`` (as Rasa's HTTP API does)."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.fakes.http_server import RecordingServer


def fake_rasa(think_seconds: float = 0.0) -> RecordingServer:
    """``think_seconds``: how long Rasa takes to answer each message."""
    events: dict[str, list[dict]] = defaultdict(list)

    def handle(method: str, path: str, body: Any) -> tuple[int, Any]:
        if method == "GET" and path == "/":
            return 200, "Hello from Rasa"
        if path == "/webhooks/rest/webhook":
            time.sleep(think_seconds)
            replies = [
                {"recipient_id": body["sender"], "text": f"đã nhận: {body['message']}"},
                {"recipient_id": body["sender"], "text": "Bạn cần gì thêm?",
                 "buttons": [{"title": "Tra cứu hồ sơ", "payload": "/check_dossier"}]},
            ]
            if "gặp cán bộ" in body["message"].lower():  # as the real bot does: offer the handoff
                replies.append({"recipient_id": body["sender"], "text": "Tôi có thể chuyển cho cán bộ.",
                                "buttons": [{"title": "Chuyển cho cán bộ", "payload": "/handoff"}]})
            intent = body["message"][1:] if body["message"].startswith("/") else "ask_procedure"
            events[body["sender"]].append({"event": "user", "text": body["message"],
                                           "parse_data": {"intent": {"name": intent}}})
            events[body["sender"]].extend({"event": "bot", "text": reply["text"]} for reply in replies)
            return 200, replies
        parts = urlsplit(path).path.split("/")
        if method == "GET" and len(parts) == 4 and parts[1] == "conversations" and parts[3] == "tracker":
            conversation = unquote(parts[2])
            return 200, {"sender_id": conversation, "events": events.get(conversation, [])}
        return 404, {"error": "not found"}

    return RecordingServer(handle)
