"""``python -m channels serve --host HOST --port PORT`` (the gateway) and
``python -m channels telegram-polling`` (Telegram without a public address, for development)."""

from __future__ import annotations

import argparse
import asyncio
import logging

import uvicorn

from channels.app import create_app
from channels.settings import GatewaySettings
from privacy import masking


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m channels")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the gateway")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("telegram-polling", help="answer Telegram by long polling (development; no webhook)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    masking.install()
    if args.command == "telegram-polling":
        return asyncio.run(_poll_telegram())
    config = uvicorn.Config(create_app(), host=args.host, port=args.port, log_level="info", log_config=None)
    uvicorn.Server(config).run()
    return 0


async def _poll_telegram() -> int:
    from channels.gateway import Gateway
    from channels.telegram import poll

    settings = GatewaySettings()
    if not settings.telegram_on:
        logging.error("TELEGRAM_BOT_TOKEN is not set")
        return 2
    gateway = Gateway(settings)
    await gateway.start()
    logging.info("polling Telegram; Ctrl-C stops")
    try:
        await poll(gateway)
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    finally:
        await gateway.stop()
    return 0
