"""Officers' console under load: many waiting conversations, many consoles connected.

Starts the gateway (this process, uvicorn on a free port) with a fake Rasa and a fake Telegram Bot API,
puts --waiting Telegram conversations in the queue through the webhook, connects --consoles logged-in
officers to the live event stream, then prints:

1. citizen message → console: the time from a waiting citizen's webhook to the live event reaching
   every connected console, and to one console having the message in its transcript view;
2. the queue view (what each console reloads on a queue event) with all of them waiting;
3. officer reply → channel: the time from an officer's reply form to the fake Bot API's sendMessage.

    .venv/bin/python scripts/bench_console.py --waiting 200 --consoles 20 --messages 100 --replies 50
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from channels.console.accounts import Accounts  # noqa: E402
from channels.settings import GatewaySettings  # noqa: E402
from handoff.store import Handoffs  # noqa: E402
from storage.database import make_engine, migrate  # noqa: E402
from tests.fakes.rasa import fake_rasa  # noqa: E402
from tests.fakes.telegram_api import TOKEN, FakeTelegram  # noqa: E402
from tests.gateway_server import serving  # noqa: E402

SECRET = "bench-secret"
PASSWORD = "mat-khau-do-tai-2026"
CHAT0 = 880_000_000


def update(update_id: int, chat: int, text: str | None = None, button: str | None = None) -> dict:
    where = {"id": chat, "type": "private"}
    person = {"id": chat, "is_bot": False, "first_name": "Dân"}
    if button:
        return {"update_id": update_id, "callback_query": {"id": f"q{update_id}", "from": person, "chat_instance": "c",
                                                           "data": button, "message": {"message_id": update_id,
                                                                                       "date": 1700000000, "chat": where,
                                                                                       "text": "menu"}}}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1700000000, "chat": where,
                                                "from": person, "text": text}}


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    return (f"{name}: n={len(ordered)} p50 {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f} ms, max {ordered[-1] * 1000:.1f} ms")


async def log_in(url: str, username: str) -> tuple[httpx.AsyncClient, str]:
    client = httpx.AsyncClient(base_url=url, timeout=30, follow_redirects=True)
    page = await client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    response = await client.post("/console/login", data={"username": username, "password": PASSWORD, "csrf": csrf})
    csrf = re.search(r'name="csrf" value="([^"]+)"', response.text).group(1)
    return client, csrf


async def listen(client: httpx.AsyncClient, seen: dict[int, list[float]], ready: asyncio.Event) -> None:
    async with client.stream("GET", "/console/events", timeout=None) as stream:
        ready.set()
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                event = json.loads(line[6:])
                seen.setdefault(event["handoff"], []).append(time.perf_counter())


async def run(url: str, engine, telegram: FakeTelegram, args: argparse.Namespace) -> None:
    web = httpx.AsyncClient(base_url=url, timeout=30, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    started = time.perf_counter()
    for n in range(args.waiting):
        await web.post("/webhooks/telegram", json=update(10 * n + 1, CHAT0 + n, text=f"hồ sơ số {n} của tôi chậm quá"))
        await web.post("/webhooks/telegram", json=update(10 * n + 2, CHAT0 + n, button="/handoff"))
    store = Handoffs(engine)
    deadline = time.time() + 300
    while len(store.queue("mot-cua")) < args.waiting and time.time() < deadline:
        await asyncio.sleep(0.2)
    print(f"{len(store.queue('mot-cua'))} conversations waiting after {time.perf_counter() - started:.1f} s")
    ids = {handoff.conversation: handoff.id for handoff in store.queue("mot-cua")}

    consoles = [await log_in(url, f"can.bo.{n:02d}") for n in range(args.consoles)]
    seen: list[dict[int, list[float]]] = [{} for _ in consoles]
    readies = [asyncio.Event() for _ in consoles]
    listeners = [asyncio.create_task(listen(c, seen[i], readies[i])) for i, (c, _) in enumerate(consoles)]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 30)
    await asyncio.sleep(0.5)

    to_all, to_view = [], []
    viewer, _ = consoles[0]
    for n in range(args.messages):
        chat = CHAT0 + n % args.waiting
        handoff = ids[f"telegram:{chat}"]
        text = f"tin nhắn thứ {n} gửi cán bộ"
        for box in seen:
            box.pop(handoff, None)
        sent = time.perf_counter()
        await web.post("/webhooks/telegram", json=update(10 * args.waiting + 10 * n + 5, chat, text=text))
        while not all(handoff in box for box in seen):
            await asyncio.sleep(0.002)
        to_all.append(max(box[handoff][0] for box in seen) - sent)
        page = await viewer.get(f"/console/conversations/{handoff}/transcript")
        assert text in page.text
        to_view.append(time.perf_counter() - sent)
    print(summary(f"citizen message -> live event at all {args.consoles} consoles", to_all))
    print(summary("citizen message -> in one console's transcript view", to_view))

    queue_pages = []
    for client, _ in consoles:  # what each console fetches on a queue event
        sent = time.perf_counter()
        assert (await client.get("/console/queue")).status_code == 200
        queue_pages.append(time.perf_counter() - sent)
    print(summary(f"queue view with {args.waiting} waiting, fetched by each console", queue_pages))

    to_channel = []
    for n in range(args.replies):
        client, csrf = consoles[n % len(consoles)]
        handoff = ids[f"telegram:{CHAT0 + n}"]
        await client.post(f"/console/conversations/{handoff}/claim", data={"csrf": csrf})
        text = f"Cán bộ trả lời lần {n}"
        sent = time.perf_counter()
        await client.post(f"/console/conversations/{handoff}/reply", data={"csrf": csrf, "text": text})
        while not any(call.get("text") == text for call in telegram.calls("sendMessage")[-50:]):
            await asyncio.sleep(0.002)
        to_channel.append(time.perf_counter() - sent)
    print(summary("officer reply -> the channel's sendMessage", to_channel))
    for task in listeners:
        task.cancel()
    for client, _ in consoles:
        await client.aclose()
    await web.aclose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--consoles", type=int, default=20)
    parser.add_argument("--messages", type=int, default=100)
    parser.add_argument("--replies", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, fake_rasa() as rasa, FakeTelegram() as telegram:
        database = os.environ.get("BENCH_DB") or f"sqlite:///{Path(tmp) / 'app.db'}"
        engine = make_engine(database)
        migrate(engine)
        accounts = Accounts(engine)
        for n in range(args.consoles):
            accounts.add(f"can.bo.{n:02d}", PASSWORD, "officer", "mot-cua")
        settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                                   database_url=database, telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET,
                                   telegram_api_base_url=telegram.url, sender_messages_per_minute=10_000)
        with serving(settings) as url:
            asyncio.run(run(url, engine, telegram, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
