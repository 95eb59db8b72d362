"""Telegram: a webhook checked against its secret token, python-telegram-bot handlers, and a sender.

The webhook stores each update in the durable inbox and answers Telegram at once. The worker then
hands the update to a python-telegram-bot ``Application`` (built without an updater, as in PTB's
custom-webhook example), whose handlers turn it into one internal message and call Rasa.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request, Response
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatAction
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from channels import messages
from channels.models import Attachment, Button, IncomingMessage, Reply
from channels.options import OptionStore
from channels.text_split import split_text

logger = logging.getLogger(__name__)

NAME = "telegram"
TEXT_LIMIT = 4096
CALLBACK_DATA_LIMIT = 64  # bytes
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_SEND_ATTEMPTS = 5
MAX_RETRY_AFTER_SECONDS = 60.0

# Answers one internal message (Rasa, then this channel's sender).
Converse = Callable[[IncomingMessage], Awaitable[Any]]


async def with_retries(send: Callable[[], Awaitable[Any]], sleep=asyncio.sleep) -> Any:
    """Calls the Bot API, waiting as long as a 429 says and backing off on network errors."""
    for attempt in range(1, MAX_SEND_ATTEMPTS + 1):
        try:
            return await send()
        except RetryAfter as error:
            wait = error.retry_after
            seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
            if attempt == MAX_SEND_ATTEMPTS or seconds > MAX_RETRY_AFTER_SECONDS:
                raise
            await sleep(seconds)
        except (TimedOut, NetworkError):
            if attempt == MAX_SEND_ATTEMPTS:
                raise
            await sleep(0.5 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


class TelegramBot:
    """The python-telegram-bot Application, initialised (getMe) on first use, so that the gateway
    starts even while Telegram is unreachable; a failed start is tried again on the next message."""

    def __init__(self, token: str, api_base_url: str) -> None:
        base = api_base_url.rstrip("/")
        self.application = (Application.builder().token(token).base_url(f"{base}/bot")
                            .base_file_url(f"{base}/file/bot").updater(None).build())
        self._ready = False
        self._lock = asyncio.Lock()

    async def ready(self) -> Application:
        async with self._lock:
            if not self._ready:
                await self.application.initialize()
                self._ready = True
        return self.application

    async def close(self) -> None:
        if self._ready:
            await self.application.shutdown()

    async def process_update(self, data: dict[str, Any]) -> None:
        """Runs the handlers on one stored update; a handler's failure is raised for the worker to retry."""
        application = await self.ready()
        update = Update.de_json(data, application.bot)
        await application.process_update(update)
        error = application.bot_data.get("errors", {}).pop(update.update_id, None)
        if error is not None:
            raise error


class TelegramSender:
    """Renders replies natively: inline keyboards, photos, documents; long texts split."""

    name = NAME

    def __init__(self, bot: TelegramBot, options: OptionStore, sleep=asyncio.sleep,
                 local_file: Callable[[str], Awaitable[tuple[Path, str] | None]] | None = None) -> None:
        """``local_file(url)``: the file behind one of our own expiring links, uploaded instead of the link
        (Telegram's servers cannot fetch a gateway that is not public)."""
        self._telegram = bot
        self._options = options
        self._sleep = sleep
        self._local_file = local_file

    async def _bot(self):
        return (await self._telegram.ready()).bot

    async def typing(self, recipient: str) -> None:
        bot = await self._bot()
        await bot.send_chat_action(chat_id=recipient, action=ChatAction.TYPING)

    async def send(self, recipient: str, replies: list[Reply]) -> None:
        bot = await self._bot()
        for reply in replies:
            markup = await self._keyboard(recipient, reply.buttons) if reply.buttons else None
            pieces = split_text(reply.text or "", TEXT_LIMIT)
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                await with_retries(lambda piece=piece, last=last: bot.send_message(
                    chat_id=recipient, text=piece, reply_markup=markup if last else None), self._sleep)
            if reply.buttons and not pieces:
                await with_retries(lambda: bot.send_message(
                    chat_id=recipient, text=messages.CHOOSE_BY_NUMBER.rstrip(":"), reply_markup=markup), self._sleep)
            if reply.image:
                await with_retries(lambda: bot.send_photo(chat_id=recipient, photo=reply.image), self._sleep)
            if reply.document:
                local = await self._local_file(reply.document) if self._local_file else None
                await with_retries(lambda: bot.send_document(
                    chat_id=recipient, document=InputFile(local[0].read_bytes(), filename=local[1]) if local
                    else reply.document), self._sleep)

    async def _keyboard(self, recipient: str, buttons: list[Button]) -> InlineKeyboardMarkup:
        if any(len(b.payload.encode()) > CALLBACK_DATA_LIMIT for b in buttons):
            await self._options.remember(NAME, recipient, buttons)
        rows = [
            [InlineKeyboardButton(b.title, callback_data=b.payload if len(b.payload.encode()) <= CALLBACK_DATA_LIMIT
                                  else f"#{number}")]
            for number, b in enumerate(buttons, start=1)
        ]
        return InlineKeyboardMarkup(rows)


def add_handlers(application: Application, converse: Converse, options: OptionStore) -> None:
    """Every kind of update a citizen can send, each turned into one internal message."""

    def incoming(update: Update, text: str = "", payload: str | None = None,
                 attachments: list[Attachment] | None = None) -> IncomingMessage:
        chat = update.effective_chat
        return IncomingMessage(channel=NAME, sender=str(chat.id), text=text, payload=payload,
                               attachments=attachments or [], message_id=str(update.update_id))

    async def command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start, /help, /huy: the command word goes to Rasa as the intent it stands for."""
        await converse(incoming(update, text=update.effective_message.text.split()[0]))

    async def text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A typed message (an edited one is answered again, as people edit to fix a typo)."""
        await converse(incoming(update, text=update.effective_message.text))

    async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A tap on an inline button: answered at once so the button stops spinning."""
        query = update.callback_query
        try:
            await with_retries(query.answer)
        except TelegramError as error:  # too old to answer (a retried update): the tap still counts
            logger.info("callback query not answered: %s", type(error).__name__)
        data = query.data or ""
        chosen = await options.choose(NAME, str(update.effective_chat.id), data) if data.startswith("#") else None
        payload = chosen.payload if chosen else data
        await converse(incoming(update, payload=payload))

    async def media(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice, files: no text to understand; Rasa answers them politely."""
        message = update.effective_message
        kind = next((k for k in ("sticker", "photo", "voice", "audio", "video", "document", "location", "contact")
                     if getattr(message, k, None)), "other")
        await converse(incoming(update, text=message.caption or "", attachments=[Attachment(kind=kind)]))

    application.add_handler(CommandHandler(["start", "help", "menu", "huy"], command))
    application.add_handler(MessageHandler(filters.TEXT, text))
    application.add_handler(CallbackQueryHandler(button))
    application.add_handler(MessageHandler(~filters.TEXT & (filters.UpdateType.MESSAGES), media))

    async def remember_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if isinstance(update, Update):
            context.application.bot_data.setdefault("errors", {})[update.update_id] = context.error

    application.add_error_handler(remember_error)


def conversation_of(data: dict[str, Any]) -> str | None:
    """The chat an update belongs to, read from the raw JSON (None for updates without a chat)."""
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        chat = (data.get(key) or {}).get("chat") or {}
        if "id" in chat:
            return str(chat["id"])
    query = data.get("callback_query") or {}
    chat = ((query.get("message") or {}).get("chat") or {})
    if "id" in chat:
        return str(chat["id"])
    if "id" in (query.get("from") or {}):
        return str(query["from"]["id"])
    return None


async def poll(gateway, rounds: int | None = None, timeout: int = 25) -> None:
    """Development mode without a public address: takes updates with getUpdates and puts them through
    the same inbox and worker as the webhook. ``rounds`` limits the number of getUpdates calls."""
    bot = (await gateway.telegram.ready()).bot
    await bot.delete_webhook()  # getUpdates refuses to work while a webhook is set
    offset = None
    done = 0
    while rounds is None or done < rounds:
        for update in await with_retries(lambda: bot.get_updates(offset=offset, timeout=timeout)):
            offset = update.update_id + 1
            data = update.to_dict()
            if chat := conversation_of(data):
                await gateway.accept(NAME, str(update.update_id), chat, data)
        done += 1


router = APIRouter()


@router.post("/webhooks/telegram")
async def webhook(request: Request) -> Response:
    gateway = request.app.state.gateway
    settings = gateway.settings
    if not settings.telegram_on:
        return Response(messages.CHANNEL_OFF, status_code=404, media_type="text/plain; charset=utf-8")
    secret = settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else ""
    if secret and not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), secret.encode()):
        logger.warning("telegram webhook refused: missing or wrong secret token")
        return Response(status_code=403)
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        logger.warning("telegram webhook: body is not JSON")
        return Response(status_code=400)
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        logger.warning("telegram webhook: not an update, ignored")
        return Response(status_code=200)
    chat = conversation_of(data)
    if chat is None:
        logger.info("telegram update %s has no chat (kind not handled), ignored", data["update_id"])
        return Response(status_code=200)
    await gateway.accept(NAME, str(data["update_id"]), chat, data)
    return Response(status_code=200)
