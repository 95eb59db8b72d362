"""GET /health: whether Rasa, the action server and the database answer, and which channels are on."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request

router = APIRouter()


async def _answers(url: str) -> bool:
    try:
        async with httpx.AsyncClient(timeout=2.0) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False


@router.get("/health")
async def health(request: Request) -> dict:
    gateway = request.app.state.gateway
    checks = {
        "rasa": "up" if await gateway.rasa.is_up() else "down",
        "action_server": "up" if await _answers(gateway.settings.action_server_url.rstrip("/") + "/health") else "down",
        "database": "up" if await gateway.database_up() else "down",
    }
    return {"status": "ok" if all(v == "up" for v in checks.values()) else "degraded", **checks,
            "channels": gateway.channel_states()}
