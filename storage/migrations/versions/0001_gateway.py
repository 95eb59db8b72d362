"""The gateway's durable inbox, renewable channel tokens and numbered options.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")
WHEN = sa.Float  # seconds since the epoch, UTC


def upgrade() -> None:
    op.create_table(
        "inbox",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("message_id", sa.String(128), nullable=False),
        sa.Column("conversation", sa.String(170), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("not_before", WHEN, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("last_error", sa.String(500)),
        sa.UniqueConstraint("channel", "message_id", name="uq_inbox_channel_message"),
    )
    op.create_index("ix_inbox_status", "inbox", ["status"])
    op.create_table(
        "channel_tokens",
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("access_token", sa.Text, nullable=False),
        sa.Column("refresh_token", sa.Text, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
    )
    op.create_table(
        "offered_options",
        sa.Column("channel", sa.String(32), primary_key=True),
        sa.Column("sender", sa.String(128), primary_key=True),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("offered_at", WHEN, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("offered_options")
    op.drop_table("channel_tokens")
    op.drop_index("ix_inbox_status", "inbox")
    op.drop_table("inbox")
