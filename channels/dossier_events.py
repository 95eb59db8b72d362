"""Dossier status changes coming in, notices to followers going out.

- ``POST /api/dossiers/events`` (``Authorization: Bearer $DOSSIER_INGEST_TOKEN``): a one-stop system
  sends a dossier in the JSON of docs/dossier-http-contract.md whenever its status changes.
- For systems that cannot call out, ``poll_followed`` asks the ``http`` source about every followed
  dossier every ``DOSSIER_POLL_SECONDS``.
Each notice goes through the gateway's inbox with a key per status change: delivered once, even
across restarts, and never twice for the same change.
"""

from __future__ import annotations

import asyncio
import hmac
import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from channels.models import Button, Reply
from dossiers.following import Followers
from dossiers.model import LookupUnavailable
from dossiers.sources import DossierSource, LocalDossierSource, from_contract
from dossiers.updates import Notice, apply_update
from storage.database import run_sync

logger = logging.getLogger(__name__)
router = APIRouter()
UNFOLLOW_BUTTON = Button(title="Hủy theo dõi", payload="/unfollow_dossier")


async def send_notices(gateway, notices: list[Notice]) -> int:
    sent = 0
    for notice in notices:
        channel, _, recipient = notice.conversation.partition(":")
        if channel not in gateway.senders:
            logger.warning("dossier notice for channel %s, which is off: not sent", channel)
            continue
        if await gateway.push(channel, recipient, [Reply(text=notice.text, buttons=[UNFOLLOW_BUTTON])], notice.key):
            sent += 1
    return sent


@router.post("/api/dossiers/events")
async def dossier_event(request: Request) -> Response:
    gateway = request.app.state.gateway
    token = gateway.settings.dossier_ingest_token.get_secret_value() if gateway.settings.dossier_ingest_token else ""
    if not token:
        return Response(status_code=404)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode(), token.encode()):
        logger.warning("dossier event refused: missing or wrong token")
        return Response(status_code=401)
    try:
        dossier = from_contract(await request.json())
    except (ValueError, KeyError, TypeError) as error:
        return JSONResponse({"detail": f"not a dossier in the documented contract: {error}"}, status_code=400)
    store, followers = LocalDossierSource(gateway.engine), Followers(gateway.engine)
    notices = await run_sync(gateway.engine, apply_update, store, followers, dossier)
    return JSONResponse({"stored": True, "notified": await send_notices(gateway, notices)})


async def poll_followed(gateway, source: DossierSource, every_seconds: float, rounds: int | None = None) -> None:
    """Asks ``source`` about each followed dossier, every ``every_seconds``; changes are stored and told."""
    store, followers = LocalDossierSource(gateway.engine), Followers(gateway.engine)
    done = 0
    while rounds is None or done < rounds:
        try:
            for code in await run_sync(gateway.engine, followers.followed_codes):
                try:
                    dossier = await asyncio.to_thread(source.get, code)
                except LookupUnavailable:
                    logger.warning("dossier system unavailable; polling again later")
                    break
                if dossier is not None:
                    await send_notices(gateway, await run_sync(gateway.engine, apply_update, store, followers, dossier))
        except Exception:  # noqa: BLE001 - the poller must outlive a bad round
            logger.exception("dossier polling round failed")
        done += 1
        if rounds is None or done < rounds:
            await asyncio.sleep(every_seconds)
