"""The account history's tables as SQLAlchemy Core metadata, the same on SQLite and PostgreSQL.

Migrations in `migrations/versions/` create exactly these tables; a change here needs a new
revision there. Names carry an `assistant_` prefix so a team database shared with other tools
(and their own Alembic version table) never collides with ours.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

VERSION_TABLE = "assistant_schema_version"

metadata = sa.MetaData()


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out, although SQLite stores them without a zone."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        """Store UTC; SQLite gets it naive because it would drop the zone anyway."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("history timestamps must be timezone-aware")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Read back as aware UTC whatever the server's session time zone is."""
        if value is None:
            return None
        stamp: dt.datetime = value
        return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


accounts = sa.Table(
    "assistant_accounts",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("updated_at", UTCDateTime(), nullable=False),
    sa.Index("ix_assistant_accounts_updated_at", "updated_at"),
)

records = sa.Table(
    "assistant_records",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "account_key",
        sa.String(200),
        sa.ForeignKey("assistant_accounts.key", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("created_at", UTCDateTime(), nullable=False),
    sa.Column("edited_at", UTCDateTime(), nullable=True),
    sa.Column("title", sa.String(300), nullable=False, default=""),
    sa.Column("engine", sa.String(200), nullable=False, default=""),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("source_text", sa.Text(), nullable=True),
    sa.Index("ix_assistant_records_account_kind", "account_key", "kind", "id"),
)
