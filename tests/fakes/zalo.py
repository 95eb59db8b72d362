"""Fakes of Zalo's outside services on localhost: the OA API with its OAuth server, and the Bot API."""

from __future__ import annotations

from typing import Any

from tests.fakes.http_server import RecordingServer

BOT_TOKEN = "2024001:zalo-bot-token-for-tests"


class FakeZaloOA(RecordingServer):
    """``/v3.0/oa/message/cs`` accepts only the current access token (-216 otherwise);
    ``/v4/oa/access_token`` swaps the current refresh token for a new pair."""

    def __init__(self, access_token: str, refresh_token: str) -> None:
        self.access_token = access_token
        self.refresh_token = refresh_token
        self.refreshes = 0
        super().__init__(self._handle)

    def sent(self) -> list[dict[str, Any]]:
        return [body for _, path, body in self.requests if path == "/v3.0/oa/message/cs"]

    def expire_token(self) -> None:
        self.access_token = "revoked-by-zalo"

    def _handle(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        headers = self.headers[-1]
        if path == "/v3.0/oa/message/cs":
            if headers.get("access_token") != self.access_token:
                return 200, {"error": -216, "message": "Access token is invalid"}
            return 200, {"error": 0, "message": "Success", "data": {"message_id": f"m{len(self.requests)}"}}
        if path == "/v4/oa/access_token":
            if body.get("refresh_token") != self.refresh_token or headers.get("secret_key") is None:
                return 200, {"error": -14014, "error_name": "Invalid refresh token"}
            self.refreshes += 1
            self.access_token = f"access-{self.refreshes}"
            self.refresh_token = f"refresh-{self.refreshes}"
            return 200, {"access_token": self.access_token, "refresh_token": self.refresh_token, "expires_in": "90000"}
        return 404, {"error": 404}


class FakeZaloBot(RecordingServer):
    def __init__(self) -> None:
        super().__init__(self._handle)

    def calls(self, method: str) -> list[dict[str, Any]]:
        return [body for _, path, body in self.requests if path == f"/bot{BOT_TOKEN}/{method}"]

    def _handle(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        if not path.startswith(f"/bot{BOT_TOKEN}/"):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        if path.endswith("/sendMessage") and len(body.get("text", "")) > 2000:
            return 400, {"ok": False, "error_code": 400, "description": "text too long"}
        return 200, {"ok": True, "result": {"message_id": f"z{len(self.requests)}", "date": 1700000000000}}
