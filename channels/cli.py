"""``python -m channels serve --host HOST --port PORT`` (the gateway),
``python -m channels telegram-polling`` (Telegram without a public address, for development) and
``python -m channels officers add --username NAME --role supervisor|officer --office OFFICE`` (an account
for the officers' console; the password is read from standard input)."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys

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
    officers = commands.add_parser("officers", help="accounts of the officers' console")
    officer_commands = officers.add_subparsers(dest="officers_command", required=True)
    add = officer_commands.add_parser("add", help="create an account; the password is read from standard input")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=["supervisor", "officer"])
    add.add_argument("--office", required=True)
    args = parser.parse_args(argv)
    if args.command == "officers":
        return _add_officer(args.username, args.role, args.office)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    masking.install()
    if args.command == "telegram-polling":
        return asyncio.run(_poll_telegram())
    config = uvicorn.Config(create_app(), host=args.host, port=args.port, log_level="info", log_config=None)
    uvicorn.Server(config).run()
    return 0


def _add_officer(username: str, role: str, office: str) -> int:
    from channels.console.accounts import AccountError, Accounts
    from storage.database import make_engine, migrate

    if sys.stdin.isatty():
        password = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != password:
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    engine = make_engine(GatewaySettings().database_url)
    migrate(engine)
    try:
        officer = Accounts(engine).add(username, password, role, office)
    except AccountError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"created {officer.role} {officer.username} of office {officer.office}")
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
