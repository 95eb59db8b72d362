"""Limits on dossier lookups per sender, so codes and owner digits cannot be tried one after another.

- at most 10 lookups a minute;
- after 5 codes that match no dossier within 15 minutes, lookups stop for 15 minutes;
- after 3 wrong owner digits within 15 minutes, confirming ownership stops for 15 minutes.
"""

from __future__ import annotations

import time
from enum import Enum

from sqlalchemy import Engine, delete, func, insert, select

from storage.tables import dossier_attempts

LOOKUPS_PER_MINUTE = 10
UNKNOWN_CODES_ALLOWED = 5
WRONG_DIGITS_ALLOWED = 3
LOCK_SECONDS = 15 * 60


class Verdict(str, Enum):
    ALLOWED = "allowed"
    TOO_FAST = "too_fast"
    LOCKED = "locked"


class LookupGuard:
    def __init__(self, engine: Engine, clock=time.time) -> None:
        self._engine = engine
        self._clock = clock

    def check_lookup(self, sender: str) -> Verdict:
        if self._count(sender, "unknown_code", LOCK_SECONDS) >= UNKNOWN_CODES_ALLOWED:
            return Verdict.LOCKED
        if self._count(sender, "lookup", 60) >= LOOKUPS_PER_MINUTE:
            return Verdict.TOO_FAST
        return Verdict.ALLOWED

    def check_verification(self, sender: str) -> Verdict:
        if self._count(sender, "wrong_digits", LOCK_SECONDS) >= WRONG_DIGITS_ALLOWED:
            return Verdict.LOCKED
        return Verdict.ALLOWED

    def record(self, sender: str, kind: str) -> None:
        now = self._clock()
        with self._engine.begin() as connection:
            connection.execute(insert(dossier_attempts).values(sender=sender, kind=kind, at=now))
            connection.execute(delete(dossier_attempts).where(dossier_attempts.c.at < now - 2 * LOCK_SECONDS))

    def count_recent(self, sender: str, kind: str) -> int:
        """Attempts of this kind within the lock-out window."""
        return self._count(sender, kind, LOCK_SECONDS)

    def _count(self, sender: str, kind: str, seconds: float) -> int:
        with self._engine.connect() as connection:
            return connection.execute(
                select(func.count()).select_from(dossier_attempts).where(
                    dossier_attempts.c.sender == sender, dossier_attempts.c.kind == kind,
                    dossier_attempts.c.at >= self._clock() - seconds)).scalar_one()
