"""One conversational turn, the same for every channel: ask Rasa, then deliver its replies."""

from __future__ import annotations

import logging
from typing import Protocol

from channels.models import IncomingMessage, Reply
from channels.rasa_client import RasaClient

logger = logging.getLogger(__name__)


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


async def converse(message: IncomingMessage, rasa: RasaClient, sender: ChannelSender) -> list[Reply]:
    """Sends ``message`` to Rasa and its replies back to the person.

    Raises ``RasaUnavailable`` when Rasa did not answer (nothing was sent: safe to retry the turn)
    and ``DeliveryFailed`` when the channel refused the replies (retry the delivery only).
    """
    try:
        await sender.typing(message.sender)
    except Exception as error:  # noqa: BLE001 - a missing "typing…" indicator is not worth failing for
        logger.info("typing indicator not sent on %s: %s", sender.name, type(error).__name__)
    replies = await rasa.send(message)
    try:
        await sender.send(message.sender, replies)
    except Exception as error:  # noqa: BLE001 - whatever the channel raised, keep the replies
        raise DeliveryFailed(message.sender, replies, error) from error
    return replies
