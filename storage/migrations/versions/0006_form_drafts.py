"""Declarations being filled in conversation (personal data kept only until they expire).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_drafts",
        sa.Column("conversation", sa.String(170), primary_key=True),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("ix_form_drafts_expires_at", "form_drafts", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_form_drafts_expires_at", table_name="form_drafts")
    op.drop_table("form_drafts")
