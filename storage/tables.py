"""The application's tables (SQLAlchemy Core). Change them only together with a new migration."""

from __future__ import annotations

from sqlalchemy import (BigInteger, Column, Float, Index, Integer, MetaData, String, Table, Text,
                        UniqueConstraint)

metadata = MetaData()

# The gateway's durable queue: every webhook message is stored here before it is acknowledged, then
# processed by a worker; (channel, message_id) is unique, so a platform's retries are dropped.
inbox = Table(
    "inbox",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("channel", String(32), nullable=False),
    Column("message_id", String(128), nullable=False),
    Column("conversation", String(170), nullable=False),  # "channel:sender": handled in order
    Column("kind", String(16), nullable=False),  # "incoming" (to answer) or "push" (to deliver)
    Column("body", Text, nullable=False),  # JSON
    Column("status", String(16), nullable=False, index=True),  # pending, processing, done, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("not_before", Float, nullable=False),  # epoch seconds: retry or lease deadline
    Column("created_at", Float, nullable=False),
    Column("last_error", String(500)),
    UniqueConstraint("channel", "message_id", name="uq_inbox_channel_message"),
)

# Credentials a channel renews itself (Zalo OA's access / refresh token pair), kept across restarts.
channel_tokens = Table(
    "channel_tokens",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("access_token", Text, nullable=False),
    Column("refresh_token", Text, nullable=False),
    Column("expires_at", Float, nullable=False),
)

# Options offered as a numbered list on channels without buttons, so that "2" means the second one.
offered_options = Table(
    "offered_options",
    metadata,
    Column("channel", String(32), primary_key=True),
    Column("sender", String(128), primary_key=True),
    Column("options", Text, nullable=False),  # JSON list of {"title", "payload"}
    Column("offered_at", Float, nullable=False),
)

# Messages pushed to a web chat (an officer's reply, a dossier notification) until its page fetches them.
web_outbox = Table(
    "web_outbox",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("sender", String(64), nullable=False, index=True),
    Column("reply", Text, nullable=False),  # JSON of channels.models.Reply
    Column("created_at", Float, nullable=False),
)

# Dossiers (hồ sơ) as a one-stop system reports them; the "local" source of dossier status.
dossiers = Table(
    "dossiers",
    metadata,
    Column("code", String(40), primary_key=True),  # canonical: 000.00.04.H51-200221-0001
    Column("procedure_code", String(20)),
    Column("procedure_name", Text, nullable=False),
    Column("agency", Text, nullable=False),
    Column("received_on", String(10), nullable=False),  # ISO dates
    Column("appointment_on", String(10)),
    Column("status", String(24), nullable=False),
    Column("current_step", Text),
    Column("current_unit", Text),
    Column("to_supplement", Text),
    Column("applicant_name", Text, nullable=False),
    Column("applicant_phone", String(20)),
    Column("applicant_id_number", String(20)),
    Column("updated_at", Float, nullable=False),
)

dossier_history = Table(
    "dossier_history",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, index=True),
    Column("status", String(24), nullable=False),
    Column("changed_at", String(19), nullable=False),  # ISO date-time, local time of the one-stop system
    Column("note", Text),
)

# Who follows which dossier: "channel:sender" conversations that get a message on every status change.
dossier_subscriptions = Table(
    "dossier_subscriptions",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("conversation", String(170), primary_key=True),
    Column("created_at", Float, nullable=False),
)

# Dossier lookups per sender, to stop anyone trying codes or owner digits one after another.
dossier_attempts = Table(
    "dossier_attempts",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("sender", String(170), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # lookup, unknown_code, wrong_digits
    Column("at", Float, nullable=False),
)

# Conversations handed to officers. ``live_conversation`` is the conversation while the handoff is
# waiting or with an officer and NULL once closed: its unique constraint allows one live handoff per
# conversation (NULLs do not collide), on SQLite and PostgreSQL alike.
handoffs = Table(
    "handoffs",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("conversation", String(170), nullable=False, index=True),
    Column("live_conversation", String(170), unique=True),
    Column("office", String(64), nullable=False),
    Column("state", String(16), nullable=False),
    Column("summary", Text, nullable=False),  # JSON (handoff.model.Summary)
    Column("opened_at", Float, nullable=False),
    Column("officer", String(64)),
    Column("claimed_at", Float),
    Column("closed_at", Float),
    Column("closed_by", String(64)),
    Column("snoozed_until", Float),
    Column("snooze_reason", String(200)),
    Column("notify_when_answered", Integer, nullable=False, default=0),
    Column("unclaimed_told", Integer, nullable=False, default=0),
    Index("ix_handoffs_office_state", "office", "state"),
)

# Every message of a conversation, from the citizen, the bot, an officer or the system, for the
# officers' console (the whole transcript, not only the handoff's part).
transcript = Table(
    "transcript",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("conversation", String(170), nullable=False, index=True),
    Column("at", Float, nullable=False),
    Column("author", String(16), nullable=False),
    Column("officer", String(64)),
    Column("handoff_id", BigInteger().with_variant(Integer, "sqlite")),
    Column("text", Text, nullable=False),
    Column("delivery", String(200), index=True),  # an officer's reply: the key of the push delivering it
    Column("delivery_status", String(16)),  # queued, delivered, retrying, failed
)

# The citizen's answer to the satisfaction question after an officer closed the conversation.
handoff_ratings = Table(
    "handoff_ratings",
    metadata,
    Column("handoff_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("officer", String(64)),
    Column("office", String(64), nullable=False),
    Column("procedures", Text, nullable=False),  # JSON list, from the handoff's summary
    Column("score", Integer, nullable=False),  # 1 (not satisfied) … 5 (satisfied)
    Column("at", Float, nullable=False),
)

# The officers' console: accounts (Argon2 hashes), sessions (only a hash of the cookie's token is
# kept), failed logins (throttling) and the audit log of every view, reveal, reply, transfer and close.
officers = Table(
    "officers",
    metadata,
    Column("username", String(64), primary_key=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),  # officer, supervisor
    Column("office", String(64), nullable=False),
    Column("active", Integer, nullable=False, default=1),
    Column("created_at", Float, nullable=False),
)

console_sessions = Table(
    "console_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", Float, nullable=False),
)

console_login_failures = Table(
    "console_login_failures",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, index=True),
    Column("address", String(64), nullable=False),
    Column("at", Float, nullable=False),
)

console_audit = Table(
    "console_audit",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("username", String(64), nullable=False),
    Column("office", String(64), nullable=False),
    Column("action", String(32), nullable=False),  # login, view, reveal, reply, claim, release, transfer, ...
    Column("handoff_id", BigInteger().with_variant(Integer, "sqlite")),
    Column("detail", String(500)),
)

# Canned replies supervisors keep for their office's officers.
canned_replies = Table(
    "canned_replies",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("office", String(64), nullable=False, index=True),
    Column("title", String(100), nullable=False),
    Column("text", Text, nullable=False),
)

# Files handed to citizens through a link that expires (an officer's PDF; later, filled forms).
shared_files = Table(
    "shared_files",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("path", String(500), nullable=False),
    Column("name", String(200), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
)

# Declarations being filled in conversation, one per conversation ("channel:sender"); the answers are
# personal data: each row is deleted when the form is finished or cancelled, or when it expires.
form_drafts = Table(
    "form_drafts",
    metadata,
    Column("conversation", String(170), primary_key=True),
    Column("form_id", String(64), nullable=False),
    Column("state", Text, nullable=False),  # JSON of forms.filling.Draft
    Column("updated_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),
)
