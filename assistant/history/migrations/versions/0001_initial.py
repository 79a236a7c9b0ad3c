"""Accounts and their saved records.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create the two tables of `assistant.history.tables` as they were at this revision."""
    op.create_table(
        "assistant_accounts",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_assistant_accounts_updated_at", "assistant_accounts", ["updated_at"])
    op.create_table(
        "assistant_records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "account_key",
            sa.String(200),
            sa.ForeignKey("assistant_accounts.key", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("edited_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("engine", sa.String(200), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=True),
    )
    op.create_index("ix_assistant_records_account_kind", "assistant_records", ["account_key", "kind", "id"])


def downgrade() -> None:
    """Drop both tables (and everything saved in them)."""
    op.drop_table("assistant_records")
    op.drop_table("assistant_accounts")
