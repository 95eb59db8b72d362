"""A tiny recording HTTP server on localhost for fakes of outside services."""

from __future__ import annotations

import json
import threading
from urllib.parse import parse_qsl
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[str, str, Any], tuple[int, Any]]


def parse_body(raw: bytes, content_type: str) -> Any:
    """JSON bodies as JSON, form bodies as a dict of strings, anything else as raw bytes."""
    if not raw:
        return None
    if "application/x-www-form-urlencoded" in content_type:
        return dict(parse_qsl(raw.decode()))
    if "multipart/form-data" in content_type:
        return raw
    return json.loads(raw)


class RecordingServer:
    """Serves ``handler(method, path, body) -> (status, json_reply)`` and records every request
    (``requests``: method, path, body; ``headers``: the headers of each, in the same order)."""

    def __init__(self, handler: Handler) -> None:
        self.requests: list[tuple[str, str, Any]] = []
        self.headers: list[dict[str, str]] = []
        outer = self

        class _Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = parse_body(raw, self.headers.get("Content-Type") or "")
                outer.requests.append((self.command, self.path, body))
                outer.headers.append(dict(self.headers.items()))
                status, reply = handler(self.command, self.path, body)
                data = json.dumps(reply, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "RecordingServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()
