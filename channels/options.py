"""Buttons offered to a person, remembered so that a typed number or a short reference finds them.

Zalo Bot has no buttons: options are sent as a numbered list and "2" means the second one. Telegram
limits a button's data to 64 bytes: longer payloads travel as "#2" and are looked up here.
"""

from __future__ import annotations

import json
import re
import time

from sqlalchemy import Engine, delete, insert, select

from channels.models import Button
from storage.tables import offered_options
from storage.database import run_sync

VALID_SECONDS = 3600  # a list offered more than an hour ago no longer answers "2"
_NUMBER = re.compile(r"^\s*#?\s*(\d{1,2})\s*[.)]?\s*$")


class OptionStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    async def remember(self, channel: str, sender: str, buttons: list[Button]) -> None:
        await run_sync(self._engine, self._remember, channel, sender, buttons)

    def _remember(self, channel: str, sender: str, buttons: list[Button]) -> None:
        options = json.dumps([b.model_dump() for b in buttons], ensure_ascii=False)
        key = (offered_options.c.channel == channel) & (offered_options.c.sender == sender)
        with self._engine.begin() as connection:
            connection.execute(delete(offered_options).where(key))
            connection.execute(insert(offered_options).values(channel=channel, sender=sender, options=options,
                                                              offered_at=time.time()))

    async def choose(self, channel: str, sender: str, typed: str) -> Button | None:
        """The option a typed "2" (or "#2") stands for, if a list was offered lately; else None."""
        match = _NUMBER.match(typed or "")
        if not match:
            return None
        return await run_sync(self._engine, self._choose, channel, sender, int(match.group(1)))

    def _choose(self, channel: str, sender: str, number: int) -> Button | None:
        key = (offered_options.c.channel == channel) & (offered_options.c.sender == sender)
        with self._engine.connect() as connection:
            row = connection.execute(select(offered_options).where(key)).first()
        if row is None or time.time() - row.offered_at > VALID_SECONDS:
            return None
        options = json.loads(row.options)
        return Button(**options[number - 1]) if 1 <= number <= len(options) else None
