"""Handoffs to officers, the conversations' transcript, the citizens' ratings and the officers' console
(accounts, sessions, failed logins, audit log, canned replies) and files shared by a link that expires.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("conversation", sa.String(170), nullable=False),
        sa.Column("live_conversation", sa.String(170), unique=True),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("opened_at", sa.Float, nullable=False),
        sa.Column("officer", sa.String(64)),
        sa.Column("claimed_at", sa.Float),
        sa.Column("closed_at", sa.Float),
        sa.Column("closed_by", sa.String(64)),
        sa.Column("snoozed_until", sa.Float),
        sa.Column("snooze_reason", sa.String(200)),
        sa.Column("notify_when_answered", sa.Integer, nullable=False, server_default="0"),
        sa.Column("unclaimed_told", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_handoffs_conversation", "handoffs", ["conversation"])
    op.create_index("ix_handoffs_office_state", "handoffs", ["office", "state"])
    op.create_table(
        "transcript",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("conversation", sa.String(170), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("officer", sa.String(64)),
        sa.Column("handoff_id", ID),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("delivery", sa.String(200)),
        sa.Column("delivery_status", sa.String(16)),
    )
    op.create_index("ix_transcript_conversation", "transcript", ["conversation"])
    op.create_index("ix_transcript_delivery", "transcript", ["delivery"])
    op.create_table(
        "handoff_ratings",
        sa.Column("handoff_id", ID, primary_key=True),
        sa.Column("officer", sa.String(64)),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("procedures", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )


    op.create_table(
        "officers",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("active", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("ix_console_sessions_username", "console_sessions", ["username"])
    op.create_table(
        "console_login_failures",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_console_login_failures_username", "console_login_failures", ["username"])
    op.create_table(
        "console_audit",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("handoff_id", ID),
        sa.Column("detail", sa.String(500)),
    )
    op.create_table(
        "canned_replies",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_canned_replies_office", "canned_replies", ["office"])
    op.create_table(
        "shared_files",
        sa.Column("token", sa.String(64), primary_key=True),
        sa.Column("path", sa.String(500), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("ix_shared_files_expires_at", "shared_files", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_shared_files_expires_at", "shared_files")
    op.drop_table("shared_files")
    op.drop_index("ix_canned_replies_office", "canned_replies")
    op.drop_table("canned_replies")
    op.drop_table("console_audit")
    op.drop_index("ix_console_login_failures_username", "console_login_failures")
    op.drop_table("console_login_failures")
    op.drop_index("ix_console_sessions_username", "console_sessions")
    op.drop_table("console_sessions")
    op.drop_table("officers")
    op.drop_table("handoff_ratings")
    op.drop_index("ix_transcript_delivery", "transcript")
    op.drop_index("ix_transcript_conversation", "transcript")
    op.drop_table("transcript")
    op.drop_index("ix_handoffs_office_state", "handoffs")
    op.drop_index("ix_handoffs_conversation", "handoffs")
    op.drop_table("handoffs")
