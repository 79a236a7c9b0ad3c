"""Alembic environment: migrate the connection `AccountHistory` hands over, inside its transaction."""

from __future__ import annotations

from alembic import context

from assistant.history.tables import VERSION_TABLE, metadata

if context.is_offline_mode():
    raise RuntimeError("the account history migrates a live connection; offline SQL is not supported")

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    version_table=VERSION_TABLE,
    # SQLite cannot ALTER most things; batch mode rebuilds tables when a later revision needs it.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
