"""Gateway benchmark: webhook acknowledgement time and end-to-end reply latency under load.

Starts the real gateway (``python -m channels serve``) as its own process with a fresh SQLite
database, a fake Rasa and a fake Zalo Bot API on localhost, then lets N concurrent senders post
M webhooks each, each sender waiting for the reply before its next message (as people do). Prints
acknowledgement p50/p99 (target p99 < 100 ms) and end-to-end latency (webhook posted -> reply
received by the fake Zalo API).

    .venv/bin/python scripts/bench_gateway.py --senders 50 --messages 10
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts.stack import free_port  # noqa: E402

TOKEN = "2024001:bench-token"
SECRET = "bench-secret-token"


class Fakes:
    """Fake Rasa (echoes, with a configurable think time) and fake Zalo Bot API (records arrival times)."""

    def __init__(self, rasa_delay: float) -> None:
        self.replies: dict[str, float] = {}
        self.on_reply = lambda key: None  # set by the load generator
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._reply({"status": "ok"})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                if self.path == "/webhooks/rest/webhook":
                    time.sleep(rasa_delay)
                    self._reply([{"recipient_id": body["sender"], "text": f"re:{body['message']}"}])
                    return
                if self.path.endswith("/sendMessage") and body.get("text", "").startswith("re:"):
                    outer.replies[body["text"][3:]] = time.perf_counter()
                    outer.on_reply(body["text"][3:])
                self._reply({"ok": True, "result": {"message_id": "x"}})

            def _reply(self, data) -> None:
                raw = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Connection:
    """One sender's keep-alive HTTP/1.1 connection, on bare asyncio streams: a load generator whose own
    overhead stays out of the figures (a pooled Python HTTP client adds milliseconds per request
    once fifty requests share its pool)."""

    def __init__(self, host: str, port: int) -> None:
        self._address = host, port
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(*self._address)
        head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self._writer.write((f"POST {path} HTTP/1.1\r\nHost: {self._address[0]}\r\nContent-Type: application/json\r\n"
                            f"Content-Length: {len(body)}\r\n{head}\r\n").encode() + body)
        await self._writer.drain()
        status_line = await self._reader.readline()
        length = 0
        while (line := await self._reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await self._reader.readexactly(length)
        return int(status_line.split()[1])

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()


async def load(gateway: str, senders: int, messages: int, sent_at: dict[str, float], fakes: Fakes) -> list[float]:
    """Each sender posts a message, waits for its reply (as a person does), then sends the next."""
    acks: list[float] = []
    loop = asyncio.get_running_loop()
    arrived: dict[str, asyncio.Event] = {}
    fakes.on_reply = lambda key: loop.call_soon_threadsafe(arrived.setdefault(key, asyncio.Event()).set)
    host, port = gateway.removeprefix("http://").split(":")

    async def sender(n: int) -> None:
        connection = Connection(host, int(port))
        try:
            for m in range(messages):
                text = f"s{n}-m{m}"
                body = json.dumps({"ok": True, "result": {"event_name": "message.text.received", "message": {
                    "chat": {"id": f"chat-{n}"}, "from": {"id": f"chat-{n}"}, "message_id": text, "date": 1,
                    "text": text}}}).encode()
                started = time.perf_counter()
                sent_at[text] = started
                status = await connection.post("/webhooks/zalo-bot", body, {"X-Bot-Api-Secret-Token": SECRET})
                acks.append(time.perf_counter() - started)
                assert status == 200, status
                try:
                    await asyncio.wait_for(arrived.setdefault(text, asyncio.Event()).wait(), 60)
                except TimeoutError:
                    pass
        finally:
            connection.close()

    await asyncio.gather(*(sender(n) for n in range(senders)))
    return acks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--senders", type=int, default=50)
    parser.add_argument("--messages", type=int, default=10, help="messages per sender")
    parser.add_argument("--rasa-delay", type=float, default=0.05, help="fake Rasa's think time per message (s)")
    args = parser.parse_args()

    fakes = Fakes(args.rasa_delay)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RASA_URL": fakes.url, "ACTION_SERVER_URL": fakes.url,
               "DATABASE_URL": f"sqlite:///{tmp}/bench.db", "ZALO_BOT_TOKEN": TOKEN, "ZALO_BOT_SECRET_TOKEN": SECRET,
               "ZALO_BOT_API_BASE_URL": fakes.url, "SENDER_MESSAGES_PER_MINUTE": "1000"}
        gateway = subprocess.Popen([sys.executable, "-m", "channels", "serve", "--port", str(port)], cwd=tmp, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if os.environ.get("BENCH_PROFILE"):  # py-spy record of the gateway, for finding where time goes
            subprocess.Popen(["py-spy", "record", "-o", os.environ["BENCH_PROFILE"], "-f", "raw", "-d", "12",
                              "-p", str(gateway.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            sent_at: dict[str, float] = {}
            started = time.perf_counter()
            acks = asyncio.run(load(url, args.senders, args.messages, sent_at, fakes))
            posted = time.perf_counter() - started
            total = args.senders * args.messages
            deadline = time.time() + 120
            while len(fakes.replies) < total and time.time() < deadline:
                time.sleep(0.05)
            finished = time.perf_counter() - started
        finally:
            gateway.terminate()
            gateway.wait(10)
    e2e = [fakes.replies[key] - sent_at[key] for key in fakes.replies if key in sent_at]
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
    print(f"{args.senders} concurrent senders x {args.messages} messages = {total} webhooks "
          f"(fake Rasa think time {args.rasa_delay * 1000:.0f} ms)")
    first_round, steady = acks[:args.senders], acks[args.senders:] or acks
    print(f"acknowledgement, all {len(acks)}: p50 {ms(statistics.median(acks))}, p99 {ms(percentile(acks, 0.99))}  "
          f"(target p99 < 100 ms: {'met' if percentile(acks, 0.99) < 0.1 else 'NOT met'})")
    print(f"acknowledgement, first message of each sender (cold start, all at once): "
          f"p50 {ms(statistics.median(first_round))}, p99 {ms(percentile(first_round, 0.99))}")
    print(f"acknowledgement, following messages: p50 {ms(statistics.median(steady))}, "
          f"p99 {ms(percentile(steady, 0.99))}, max {ms(max(steady))}")
    print(f"all webhooks posted in {posted:.2f} s; replies delivered: {len(e2e)}/{total} in {finished:.2f} s")
    if e2e:
        print(f"end to end (webhook -> reply at the channel API): p50 {ms(statistics.median(e2e))}, "
              f"p95 {ms(percentile(e2e, 0.95))}, max {ms(max(e2e))}")
    return 0 if len(e2e) == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
