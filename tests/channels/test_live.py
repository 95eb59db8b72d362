"""Live console events: in one process, and across gateway instances through the real Redis."""

from __future__ import annotations

import asyncio

import pytest

from channels.live import LiveHub
from tests.services import REDIS_URL, reachable


async def test_an_office_s_consoles_get_its_events_and_no_other_office_s():
    hub = LiveHub()
    with hub.subscribe("mot-cua") as mine, hub.subscribe("xa-khac") as other:
        hub.publish("mot-cua", {"kind": "queue", "handoff": 1})
        assert mine.get_nowait() == {"kind": "queue", "handoff": 1} and other.empty()
    assert hub.subscribers("mot-cua") == 0


async def test_a_console_on_one_gateway_instance_sees_what_another_instance_received():
    if not reachable(REDIS_URL):
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    import redis.asyncio

    first, second = (redis.asyncio.from_url(REDIS_URL, decode_responses=True) for _ in range(2))
    receiving, sending = LiveHub(first), LiveHub(second)
    relays = [asyncio.create_task(hub.relay()) for hub in (receiving, sending)]
    try:
        with receiving.subscribe("office-live-test") as console:
            await asyncio.sleep(0.3)  # the relay has subscribed
            sending.publish("office-live-test", {"kind": "conversation", "handoff": 42})
            assert await asyncio.wait_for(console.get(), 5) == {"kind": "conversation", "handoff": 42}
    finally:
        for task in relays:
            task.cancel()
        await asyncio.gather(*relays, return_exceptions=True)
        await first.aclose()
        await second.aclose()


def test_the_gateway_shares_console_events_through_redis_when_its_inbox_is_there(gateway_client):
    if not reachable(REDIS_URL):
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    with gateway_client(gateway_redis_url=REDIS_URL) as client:
        hub = client.gateway.live

        async def handoff_seen_live() -> dict:
            with hub.subscribe("mot-cua") as console:
                await asyncio.sleep(0.3)
                hub.publish("mot-cua", {"kind": "queue", "handoff": 7})
                return await asyncio.wait_for(console.get(), 5)

        assert client.portal.call(handoff_seen_live) == {"kind": "queue", "handoff": 7}
        assert hub._redis is not None  # through Redis, not only in this process
