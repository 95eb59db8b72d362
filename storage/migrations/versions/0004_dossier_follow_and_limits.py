"""Dossier subscriptions and per-sender lookup attempts.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier_subscriptions",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("conversation", sa.String(170), primary_key=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "dossier_attempts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("sender", sa.String(170), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_dossier_attempts_sender", "dossier_attempts", ["sender"])


def downgrade() -> None:
    op.drop_index("ix_dossier_attempts_sender", "dossier_attempts")
    op.drop_table("dossier_attempts")
    op.drop_table("dossier_subscriptions")
