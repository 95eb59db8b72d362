"""Officers' accounts and console sessions: Argon2 password hashes (pwdlib), session tokens kept only
as hashes, a CSRF token per session, login throttling, and the audit log."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from pwdlib import PasswordHash
from sqlalchemy import Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from privacy.masking import mask
from storage.tables import canned_replies, console_audit, console_login_failures, console_sessions, officers

ROLES = ("officer", "supervisor")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
OFFICE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MIN_PASSWORD = 10
MAX_FAILURES = 5  # failed logins per username (or per address) ...
FAILURE_WINDOW = 15 * 60  # ... within this many seconds lock the login for the rest of the window
_hasher = PasswordHash.recommended()  # Argon2id
_DUMMY_HASH = _hasher.hash("not a password of anyone")


@dataclass(frozen=True)
class Officer:
    username: str
    role: str
    office: str

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


@dataclass(frozen=True)
class Session:
    officer: Officer
    csrf: str


class AccountError(ValueError):
    """An account that cannot be created as asked (the message says why, in English, for the CLI)."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Accounts:
    def __init__(self, engine: Engine, session_hours: float = 10.0, clock: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._session_seconds = session_hours * 3600
        self._clock = clock

    # -- accounts ----------------------------------------------------------------------------------
    def add(self, username: str, password: str, role: str, office: str) -> Officer:
        username, office = username.strip().lower(), office.strip().lower()
        if not USERNAME.match(username):
            raise AccountError("username: 3-64 characters, lower-case letters, digits, '.', '_' or '-'")
        if role not in ROLES:
            raise AccountError(f"role must be one of {', '.join(ROLES)}")
        if not OFFICE.match(office):
            raise AccountError("office: lower-case letters, digits, '.', '_' or '-'")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"password: at least {MIN_PASSWORD} characters")
        try:
            with self._engine.begin() as db:
                db.execute(insert(officers).values(username=username, password_hash=_hasher.hash(password),
                                                   role=role, office=office, active=1, created_at=self._clock()))
        except IntegrityError as error:
            raise AccountError(f"an account named {username} exists already") from error
        return Officer(username, role, office)

    def get(self, username: str) -> Officer | None:
        with self._engine.connect() as db:
            row = db.execute(select(officers).where(and_(officers.c.username == username,
                                                         officers.c.active == 1))).first()
        return Officer(row.username, row.role, row.office) if row else None

    def in_office(self, office: str) -> list[Officer]:
        with self._engine.connect() as db:
            rows = db.execute(select(officers).where(and_(officers.c.office == office, officers.c.active == 1))
                              .order_by(officers.c.username)).all()
        return [Officer(r.username, r.role, r.office) for r in rows]

    # -- logging in --------------------------------------------------------------------------------
    def locked(self, username: str, address: str) -> bool:
        since = self._clock() - FAILURE_WINDOW
        with self._engine.connect() as db:
            by_name, by_address = (db.execute(select(func.count()).select_from(console_login_failures).where(
                and_(column == value, console_login_failures.c.at >= since))).scalar_one()
                for column, value in ((console_login_failures.c.username, username),
                                      (console_login_failures.c.address, address)))
        return by_name >= MAX_FAILURES or by_address >= 4 * MAX_FAILURES

    def log_in(self, username: str, password: str, address: str) -> tuple[str, Session] | None:
        """A new session token (for the cookie) and the session, or None; throttled per name and address."""
        username = username.strip().lower()[:64]
        if self.locked(username, address):
            return None
        with self._engine.connect() as db:
            row = db.execute(select(officers).where(and_(officers.c.username == username,
                                                         officers.c.active == 1))).first()
        valid = _hasher.verify(password, row.password_hash if row else _DUMMY_HASH)  # same time either way
        if not (row and valid):
            with self._engine.begin() as db:
                db.execute(insert(console_login_failures).values(username=username, address=address[:64],
                                                                 at=self._clock()))
            return None
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._engine.begin() as db:
            db.execute(delete(console_sessions).where(console_sessions.c.expires_at < self._clock()))
            db.execute(delete(console_login_failures).where(console_login_failures.c.username == username))
            db.execute(insert(console_sessions).values(token_hash=_token_hash(token), username=username, csrf=csrf,
                                                       expires_at=self._clock() + self._session_seconds))
        return token, Session(Officer(row.username, row.role, row.office), csrf)

    def session(self, token: str | None) -> Session | None:
        if not token:
            return None
        with self._engine.connect() as db:
            row = db.execute(select(console_sessions).where(and_(
                console_sessions.c.token_hash == _token_hash(token),
                console_sessions.c.expires_at >= self._clock()))).first()
        if row is None:
            return None
        officer = self.get(row.username)
        return Session(officer, row.csrf) if officer else None

    def log_out(self, token: str) -> None:
        with self._engine.begin() as db:
            db.execute(delete(console_sessions).where(console_sessions.c.token_hash == _token_hash(token)))

    def deactivate(self, username: str) -> None:
        with self._engine.begin() as db:
            db.execute(update(officers).where(officers.c.username == username).values(active=0))
            db.execute(delete(console_sessions).where(console_sessions.c.username == username))

    # -- canned replies ------------------------------------------------------------------------------
    def canned(self, office: str) -> list[dict]:
        with self._engine.connect() as db:
            rows = db.execute(select(canned_replies).where(canned_replies.c.office == office)
                              .order_by(canned_replies.c.title)).all()
        return [dict(row._mapping) for row in rows]

    def add_canned(self, office: str, title: str, text: str) -> None:
        if not title.strip() or not text.strip():
            raise AccountError("a canned reply needs a title and a text")
        with self._engine.begin() as db:
            db.execute(insert(canned_replies).values(office=office, title=title.strip()[:100], text=text.strip()))

    def delete_canned(self, office: str, reply_id: int) -> None:
        with self._engine.begin() as db:
            db.execute(delete(canned_replies).where(and_(canned_replies.c.id == reply_id,
                                                         canned_replies.c.office == office)))

    # -- audit -------------------------------------------------------------------------------------
    def audit(self, officer: Officer, action: str, handoff_id: int | None = None, detail: str = "") -> None:
        with self._engine.begin() as db:
            db.execute(insert(console_audit).values(at=self._clock(), username=officer.username, office=officer.office,
                                                    action=action, handoff_id=handoff_id, detail=detail[:500]))

    def audit_log(self, office: str | None = None, limit: int = 500) -> list[dict]:
        query = select(console_audit).order_by(console_audit.c.id.desc()).limit(limit)
        if office:
            query = query.where(console_audit.c.office == office)
        with self._engine.connect() as db:
            return [dict(row._mapping) for row in db.execute(query).all()]

    def audit_csv(self, office: str | None = None) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["at", "username", "office", "action", "handoff_id", "detail"])
        for row in reversed(self.audit_log(office, limit=100_000)):
            writer.writerow([time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(row["at"])), row["username"],
                             row["office"], row["action"], row["handoff_id"] or "", mask(row["detail"] or "")])
        return out.getvalue()
