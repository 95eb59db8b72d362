"""Builds the gateway application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from channels import health, messages, web
from channels.rasa_client import RasaClient
from channels.settings import GatewaySettings


def create_app(settings: GatewaySettings | None = None, rasa: RasaClient | None = None) -> FastAPI:
    settings = settings or GatewaySettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.rasa = rasa or RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
        yield
        await app.state.rasa.aclose()

    app = FastAPI(title="Trợ lý ảo dịch vụ công — gateway", lifespan=lifespan)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_request_bytes:
            return JSONResponse({"detail": messages.REQUEST_TOO_LARGE}, status_code=413)
        return await call_next(request)

    app.include_router(health.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return app
