"""Dossier benchmark: lookup latency and status-notification throughput.

1. Lookup: the local source on a fresh SQLite database holding N demo-like dossiers; p50/p95 of
   ``get(code)`` for random known codes (what action_check_dossier waits for).
   With ``--through-rasa K``: also K lookups as a citizen has them, "tra cứu hồ sơ <code>" sent to Rasa's
   REST channel with the action server behind it (both started here on the same seeded database);
   p50/p95 of the whole answer.
2. Notifications: the real gateway (in this process) with a fake Zalo Bot API; M dossiers with F
   followers each receive a status change through ``POST /api/dossiers/events``; prints how many
   notices per second are stored and delivered.

    .venv/bin/python scripts/bench_dossiers.py --dossiers 10000 --events 200 --followers 5 [--through-rasa 200]
"""

from __future__ import annotations

import argparse
import os
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from channels.app import create_app  # noqa: E402
from channels.settings import GatewaySettings  # noqa: E402
from dossiers.following import Followers  # noqa: E402
from dossiers.seed import demo_dossiers  # noqa: E402
from dossiers.sources import LocalDossierSource  # noqa: E402
from storage.database import make_engine, migrate  # noqa: E402
from tests.fakes.rasa import fake_rasa  # noqa: E402
from tests.fakes.zalo import BOT_TOKEN, FakeZaloBot  # noqa: E402


def many_dossiers(count: int):
    templates = demo_dossiers(dt.date.today())
    for n in range(count):
        template = templates[n % len(templates)]
        yield template.model_copy(update={"code": f"000.00.04.H51-261130-{n:04d}" if n < 10_000
                                          else f"000.00.05.H51-261130-{n % 10_000:04d}"})


def bench_lookups(count: int, lookups: int, folder: Path) -> None:
    engine = make_engine(f"sqlite:///{folder / 'lookup.db'}")
    migrate(engine)
    source = LocalDossierSource(engine)
    started = time.perf_counter()
    codes = []
    for dossier in many_dossiers(count):
        source.save(dossier)
        codes.append(dossier.code)
    print(f"stored {count} dossiers in {time.perf_counter() - started:.1f} s")
    timings = []
    for code in random.Random(7).choices(codes, k=lookups):
        t = time.perf_counter()
        assert source.get(code) is not None
        timings.append(time.perf_counter() - t)
    timings.sort()
    print(f"lookup (local source, {lookups} random codes): p50 {statistics.median(timings) * 1000:.2f} ms, "
          f"p95 {timings[int(0.95 * len(timings))] * 1000:.2f} ms")


def percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    return (f"p50 {statistics.median(timings) * 1000:.1f} ms, p95 {timings[int(0.95 * len(timings))] * 1000:.1f} ms, "
            f"max {timings[-1] * 1000:.1f} ms")


def bench_lookups_through_rasa(count: int, lookups: int, folder: Path) -> None:
    from tests.e2e.stack_fixtures import start_stack, texts

    data = folder / "stack"
    data.mkdir()
    engine = make_engine(f"sqlite:///{data / 'app.db'}")
    migrate(engine)
    source = LocalDossierSource(engine)
    codes = []
    for dossier in many_dossiers(count):
        source.save(dossier)
        codes.append(dossier.code)
    engine.dispose()
    running = start_stack(data / "logs", {"DATA_DIR": str(data)}, with_gateway=False)
    try:
        running.rasa_says("warm-up", "tra cứu hồ sơ " + codes[0])
        timings = []
        for n, code in enumerate(random.Random(11).choices(codes, k=lookups)):
            started = time.perf_counter()
            answer = texts(running.rasa_says(f"bench-citizen-{n // 5}", f"tra cứu hồ sơ {code}"))  # 5 per citizen
            timings.append(time.perf_counter() - started)
            assert code in answer, answer
        print(f"lookup through Rasa and the action server ({lookups} messages): {percentiles(timings)}")
    finally:
        running.stop()


def bench_notifications(events: int, followers: int, folder: Path) -> None:
    with fake_rasa() as rasa, FakeZaloBot() as zalo:
        settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url=rasa.url,
                                   database_url=os.environ.get("BENCH_DB") or f"sqlite:///{folder / 'notify.db'}", dossier_ingest_token="t",
                                   zalo_bot_token=BOT_TOKEN, zalo_bot_secret_token="s", zalo_bot_api_base_url=zalo.url)
        with TestClient(create_app(settings)) as client:
            engine = client.app.state.gateway.engine
            store, follow = LocalDossierSource(engine), Followers(engine)
            dossiers = list(many_dossiers(events))
            for n, dossier in enumerate(dossiers):
                store.save(dossier)
                for f in range(followers):
                    follow.follow(dossier.code, f"zalo_bot:chat-{n}-{f}")
            total = 0  # notices the gateway took on (a change to the status a dossier already has tells nobody)
            started = time.perf_counter()
            for dossier in dossiers:
                body = {"dossierNo": dossier.code, "procedureName": dossier.procedure_name, "agencyName": dossier.agency,
                        "acceptedDate": dossier.received_on.isoformat(), "dossierStatusCode": "5",
                        "history": [{"statusCode": "5", "changedAt": "2026-12-01T09:00:00"}]}
                response = client.post("/api/dossiers/events", json=body, headers={"Authorization": "Bearer t"})
                total += response.json()["notified"]
            stored = time.perf_counter() - started
            deadline = time.time() + 300
            while len(zalo.calls("sendMessage")) < total and time.time() < deadline:
                time.sleep(0.05)
            delivered = time.perf_counter() - started
    sent = len(zalo.calls("sendMessage"))
    print(f"notifications: {events} dossiers x {followers} followers; {total} notices for the changed ones; "
          f"events accepted in {stored:.2f} s ({events / stored:.0f} events/s); "
          f"{sent}/{total} delivered in {delivered:.2f} s ({sent / delivered:.0f} notices/s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--followers", type=int, default=5)
    parser.add_argument("--through-rasa", type=int, default=0, metavar="K", help="also K lookups through Rasa")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_lookups(args.dossiers, args.lookups, Path(tmp))
        if args.through_rasa:
            bench_lookups_through_rasa(args.dossiers, args.through_rasa, Path(tmp))
        bench_notifications(args.events, args.followers, Path(tmp))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
