"""Builds the gateway application: one router per channel, the gateway's parts in ``app.state``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from channels import dossier_events, files, health, messages, telegram, web, zalo_bot, zalo_oa
from channels.console import pages as console
from channels.gateway import Gateway
from channels.rasa_client import RasaClient
from channels.settings import GatewaySettings

logger = logging.getLogger(__name__)


def create_app(settings: GatewaySettings | None = None, rasa: RasaClient | None = None,
               run_worker: bool = True) -> FastAPI:
    settings = settings or GatewaySettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gateway = Gateway(settings, rasa)
        await gateway.start(run_worker=run_worker)
        app.state.settings = settings
        app.state.gateway = gateway
        yield
        await gateway.stop()

    app = FastAPI(title="Trợ lý ảo dịch vụ công — gateway", lifespan=lifespan)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is None and request.method == "POST":  # chunked bodies: refuse rather than read unbounded
            return JSONResponse({"detail": messages.REQUEST_TOO_LARGE}, status_code=411)
        upload = request.url.path.startswith("/console/") and request.url.path.endswith("/attach")
        limit = settings.max_upload_bytes if upload else settings.max_request_bytes
        if length and (not length.isdigit() or int(length) > limit):
            return JSONResponse({"detail": messages.REQUEST_TOO_LARGE}, status_code=413)
        return await call_next(request)

    @app.exception_handler(SQLAlchemyError)
    @app.exception_handler(RedisError)
    async def store_down(request: Request, error: Exception) -> JSONResponse:
        """The inbox cannot be written: 503, so the platform sends the message again later."""
        logger.error("store unavailable for %s: %s", request.url.path, type(error).__name__)
        return JSONResponse({"detail": messages.STORE_UNAVAILABLE}, status_code=503)

    @app.exception_handler(console.LoginRequired)
    async def to_login(request: Request, error: Exception) -> RedirectResponse:
        return RedirectResponse("/console/login", status_code=303)

    app.include_router(health.router)
    app.include_router(telegram.router)
    app.include_router(zalo_oa.router)
    app.include_router(zalo_bot.router)
    app.include_router(dossier_events.router)
    app.include_router(web.router)
    app.include_router(console.router)
    app.include_router(files.router)
    app.mount("/static", StaticFiles(directory=web.STATIC), name="static")
    return app
