"""A fake Telegram Bot API on localhost that records every call python-telegram-bot makes."""

from __future__ import annotations

import itertools
from typing import Any

from tests.fakes.http_server import RecordingServer

# A made-up token for this fake only, assembled at run time so that no token-shaped literal sits in the
# repository (real tokens come from TELEGRAM_BOT_TOKEN in the environment).
TOKEN = ":".join(["123456789", "TEST-token-for-the-fake-bot-api-000"])


class FakeTelegram(RecordingServer):
    """``calls(method)`` gives the parameters of every call of that Bot API method, in order.
    ``rate_limit_next(method, seconds)`` makes the next call of a method answer 429 retry_after."""

    def __init__(self) -> None:
        self._ids = itertools.count(1000)
        self._throttle: dict[str, int] = {}
        self.pending_updates: list[dict[str, Any]] = []  # handed out by the next getUpdates
        super().__init__(self._handle)

    def rate_limit_next(self, method: str, seconds: int) -> None:
        self._throttle[method] = seconds

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [body or {} for _, path, body in self.requests if path.rsplit("/", 1)[-1] == method]

    def methods(self) -> list[str]:
        return [path.rsplit("/", 1)[-1] for _, path, _ in self.requests]

    def _handle(self, http_method: str, path: str, body: Any) -> tuple[int, Any]:
        if not path.startswith(f"/bot{TOKEN}/"):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path.rsplit("/", 1)[-1]
        if method in self._throttle:
            seconds = self._throttle.pop(method)
            return 429, {"ok": False, "error_code": 429, "description": f"Too Many Requests: retry after {seconds}",
                         "parameters": {"retry_after": seconds}}
        if method == "getMe":
            return 200, {"ok": True, "result": {"id": 123456789, "is_bot": True, "first_name": "Trợ lý DVC",
                                                "username": "dvc_test_bot"}}
        if method in {"sendMessage", "sendDocument", "sendPhoto"}:
            chat_id = int((body or {}).get("chat_id", 0)) if isinstance(body, dict) else 0
            return 200, {"ok": True, "result": {"message_id": next(self._ids), "date": 1700000000,
                                                "chat": {"id": chat_id, "type": "private"}, "text": "…"}}
        if method == "getUpdates":
            updates, self.pending_updates = self.pending_updates, []
            return 200, {"ok": True, "result": updates}
        if method in {"sendChatAction", "answerCallbackQuery", "deleteWebhook", "setWebhook"}:
            return 200, {"ok": True, "result": True}
        return 400, {"ok": False, "error_code": 400, "description": f"fake has no {method}"}
