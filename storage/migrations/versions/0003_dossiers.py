"""Dossiers and their status history (the local dossier source).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("procedure_code", sa.String(20)),
        sa.Column("procedure_name", sa.Text, nullable=False),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("received_on", sa.String(10), nullable=False),
        sa.Column("appointment_on", sa.String(10)),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("current_step", sa.Text),
        sa.Column("current_unit", sa.Text),
        sa.Column("to_supplement", sa.Text),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("applicant_phone", sa.String(20)),
        sa.Column("applicant_id_number", sa.String(20)),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_table(
        "dossier_history",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("changed_at", sa.String(19), nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_dossier_history_code", "dossier_history", ["code"])


def downgrade() -> None:
    op.drop_index("ix_dossier_history_code", "dossier_history")
    op.drop_table("dossier_history")
    op.drop_table("dossiers")
