"""The durable inbox, the same behaviour on SQLite, the real PostgreSQL and the real Redis."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from channels.inbox import RedisInbox, SqlInbox
from storage.database import make_engine, migrate
from tests.services import POSTGRES_URL, REDIS_URL, reachable, temporary_postgres_database


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def make_inbox(request, tmp_path):
    """``make_inbox()`` opens the same queue again, as a restarted gateway would."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
        migrate(engine)
        yield lambda: SqlInbox(engine)
        engine.dispose()
    elif request.param == "postgresql":
        if not reachable(POSTGRES_URL):
            pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
        with temporary_postgres_database() as url:
            engine = make_engine(url)
            migrate(engine)
            yield lambda: SqlInbox(engine)
            engine.dispose()
    else:
        if not reachable(REDIS_URL):
            pytest.skip(f"Redis not reachable at {REDIS_URL}")
        import redis.asyncio

        prefix = uuid.uuid4().hex[:8]

        class IsolatedRedisInbox(RedisInbox):  # its own stream, so tests never see each other's entries
            STREAM = f"test:{prefix}:inbox"

        clients = []

        def make():
            client = redis.asyncio.from_url(REDIS_URL, decode_responses=True)
            clients.append(client)
            return IsolatedRedisInbox(client, consumer=f"worker-{len(clients)}")

        yield make

        import redis as sync_redis

        cleaner = sync_redis.from_url(REDIS_URL)
        cleaner.delete(IsolatedRedisInbox.STREAM)
        for key in cleaner.scan_iter("gateway:seen:test-*"):
            cleaner.delete(key)
        cleaner.close()


def run(coroutine):
    return asyncio.run(coroutine)


def channel() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"  # fresh ids for each test (Redis remembers them for a week)


def test_a_message_id_seen_before_is_refused(make_inbox):
    inbox, name = make_inbox(), channel()

    async def scenario():
        assert await inbox.put(name, "m1", f"{name}:a", "incoming", {"text": "xin chào"}) is True
        assert await inbox.put(name, "m1", f"{name}:a", "incoming", {"text": "xin chào"}) is False
        return await inbox.claim(10, 60)

    items = run(scenario())
    assert [item.body for item in items] == [{"text": "xin chào"}]
    assert items[0].attempts == 1 and items[0].kind == "incoming"


def test_a_finished_message_is_never_handed_out_again(make_inbox):
    inbox, name = make_inbox(), channel()

    async def scenario():
        await inbox.put(name, "m1", f"{name}:a", "incoming", {"n": 1})
        [item] = await inbox.claim(10, 0.2)
        await inbox.done(item)
        await asyncio.sleep(0.4)
        return await inbox.claim(10, 0.2), await inbox.unfinished()

    assert run(scenario()) == ([], 0)


def test_a_message_whose_worker_died_is_handed_out_again_after_the_lease(make_inbox):
    name = channel()

    async def scenario():
        first = make_inbox()
        await first.put(name, "m1", f"{name}:a", "incoming", {"n": 1})
        [taken] = await first.claim(10, 0.3)  # ... and this gateway is killed before it finishes
        restarted = make_inbox()
        assert await restarted.claim(10, 0.3) == []  # still leased
        await asyncio.sleep(0.5)
        [again] = await restarted.claim(10, 0.3)
        await restarted.done(again)
        return taken, again

    taken, again = run(scenario())
    assert again.body == taken.body and again.attempts == 2


def test_messages_of_one_conversation_come_out_in_order(make_inbox):
    inbox, name = make_inbox(), channel()

    async def scenario():
        for n in range(3):
            await inbox.put(name, f"m{n}", f"{name}:a", "incoming", {"n": n})
        await inbox.put(name, "other", f"{name}:b", "incoming", {"n": 9})
        order = []
        while items := await inbox.claim(10, 60):
            for item in items:
                order.append((item.conversation.rsplit(":", 1)[1], item.body["n"]))
                await inbox.done(item)
        return order

    order = run(scenario())
    assert [n for who, n in order if who == "a"] == [0, 1, 2] and ("b", 9) in order


def test_a_retry_can_turn_a_message_into_a_delivery(make_inbox):
    inbox, name = make_inbox(), channel()

    async def scenario():
        await inbox.put(name, "m1", f"{name}:a", "incoming", {"text": "hỏi"})
        [item] = await inbox.claim(10, 0.2)
        await inbox.retry(item, "channel down", 0, kind="push", body={"recipient": "a", "replies": []})
        await asyncio.sleep(0.3)
        return await inbox.claim(10, 0.2)

    [item] = run(scenario())
    assert item.kind == "push" and item.body == {"recipient": "a", "replies": []} and item.attempts == 2


def test_an_answered_message_s_words_are_not_kept_only_its_id_against_retries(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    inbox = SqlInbox(engine)

    async def scenario():
        await inbox.put("web", "m1", "web:a", "incoming", {"text": "số CCCD của tôi là 001090012345"})
        [item] = await inbox.claim(10, 60)
        await inbox.done(item)
        return await inbox.put("web", "m1", "web:a", "incoming", {"text": "again"})

    assert asyncio.run(scenario()) is False  # a platform's retry is still recognised
    with engine.connect() as db:
        assert "001090012345" not in str(db.exec_driver_sql("select body from inbox").all())
    engine.dispose()
