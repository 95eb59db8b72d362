"""One conversational turn, the same for every channel: ask Rasa, then deliver its replies."""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

from channels.models import IncomingMessage, Reply

logger = logging.getLogger(__name__)

TYPING_AFTER_SECONDS = 0.4


class Answerer(Protocol):
    """Who answers a message: the gateway's router (Rasa, or silence while an officer holds the chat)."""

    async def send(self, message: IncomingMessage) -> list[Reply]: ...


class ChannelSender(Protocol):
    """Delivers replies to one person on one channel; used for answers and for later pushes."""

    name: str

    async def send(self, recipient: str, replies: list[Reply]) -> None: ...

    async def typing(self, recipient: str) -> None: ...


class DeliveryFailed(Exception):
    """Rasa has answered but the channel did not take the replies: deliver them again, do not ask
    Rasa twice (the conversation would advance twice)."""

    def __init__(self, recipient: str, replies: list[Reply], cause: Exception) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.recipient = recipient
        self.replies = replies


async def converse(message: IncomingMessage, rasa: Answerer, sender: ChannelSender,
                   typing_after: float = TYPING_AFTER_SECONDS) -> list[Reply]:
    """Sends ``message`` to Rasa (through the router) and its replies back to the person; shows "typing…" if Rasa takes
    longer than ``typing_after`` seconds (a quick answer needs no indicator, and saves a call).

    Raises ``RasaUnavailable`` when Rasa did not answer (nothing was sent: safe to retry the turn)
    and ``DeliveryFailed`` when the channel refused the replies (retry the delivery only).
    """
    answer = asyncio.ensure_future(rasa.send(message))
    done, _ = await asyncio.wait({answer}, timeout=typing_after)
    if not done:
        try:
            await sender.typing(message.sender)
        except Exception as error:  # noqa: BLE001 - a missing "typing…" indicator is not worth failing for
            logger.info("typing indicator not sent on %s: %s", sender.name, type(error).__name__)
    replies = await answer
    try:
        await sender.send(message.sender, replies)
    except Exception as error:  # noqa: BLE001 - whatever the channel raised, keep the replies
        raise DeliveryFailed(message.sender, replies, error) from error
    return replies
