"""Half-filled forms kept per conversation for a limited time, then deleted (they hold personal data)."""

from __future__ import annotations

import time
from typing import Callable

from sqlalchemy import Engine, delete, insert, select, update

from forms.filling import Draft
from storage.tables import form_drafts


class Drafts:
    def __init__(self, engine: Engine, retention_hours: float, clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self.retention_hours = retention_hours
        self._clock = clock

    def get(self, conversation: str) -> Draft | None:
        now = self._clock()
        with self._engine.connect() as db:
            row = db.execute(select(form_drafts.c.state).where(form_drafts.c.conversation == conversation,
                                                                form_drafts.c.expires_at > now)).first()
        return Draft.from_json(row.state) if row else None

    def save(self, conversation: str, draft: Draft) -> None:
        """Keeps the draft; each answer gives it the whole retention time again."""
        now = self._clock()
        values = dict(form_id=draft.form_id, state=draft.to_json(), updated_at=now,
                      expires_at=now + self.retention_hours * 3600)
        with self._engine.begin() as db:
            changed = db.execute(update(form_drafts).where(form_drafts.c.conversation == conversation).values(**values))
            if changed.rowcount == 0:
                db.execute(insert(form_drafts).values(conversation=conversation, **values))

    def delete(self, conversation: str) -> None:
        with self._engine.begin() as db:
            db.execute(delete(form_drafts).where(form_drafts.c.conversation == conversation))

    def purge(self) -> int:
        """Deletes every expired draft; how many. Run by the gateway's housekeeping, not on each answer:
        ``get`` never returns an expired draft meanwhile."""
        with self._engine.begin() as db:
            return db.execute(delete(form_drafts).where(form_drafts.c.expires_at <= self._clock())).rowcount or 0
