"""Who follows which dossier, and the message each follower gets when its status changes."""

from __future__ import annotations

import time

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from dossiers.messages import STATUS_WORDS
from dossiers.model import Dossier
from storage.tables import dossier_subscriptions


class Followers:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def follow(self, code: str, conversation: str) -> bool:
        """True when newly followed, False when this conversation already followed it."""
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(dossier_subscriptions).values(code=code, conversation=conversation,
                                                                        created_at=time.time()))
        except IntegrityError:
            return False
        return True

    def unfollow(self, conversation: str, code: str | None = None) -> int:
        """Stops one dossier (or all of them when ``code`` is None); how many were followed."""
        condition = dossier_subscriptions.c.conversation == conversation
        if code:
            condition &= dossier_subscriptions.c.code == code
        with self._engine.begin() as connection:
            return connection.execute(delete(dossier_subscriptions).where(condition)).rowcount

    def followed_codes(self) -> list[str]:
        with self._engine.connect() as connection:
            return [row.code for row in connection.execute(select(dossier_subscriptions.c.code).distinct())]

    def of(self, code: str) -> list[str]:
        with self._engine.connect() as connection:
            return [row.conversation for row in connection.execute(
                select(dossier_subscriptions.c.conversation).where(dossier_subscriptions.c.code == code))]


def change_notice(dossier: Dossier) -> str:
    """The message a follower gets: which dossier, its new status, and the appointment date."""
    appointment = f" Ngày hẹn trả kết quả: {dossier.appointment_on:%d/%m/%Y}." if dossier.appointment_on else ""
    return (f"Cập nhật hồ sơ {dossier.code} ({dossier.procedure_name}): hồ sơ {STATUS_WORDS[dossier.status]}."
            f"{appointment} Gõ mã hồ sơ để xem chi tiết, hoặc \"hủy theo dõi\" để không nhận tin nữa.")
