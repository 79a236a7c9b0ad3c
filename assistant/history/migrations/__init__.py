"""Alembic migrations of the account history, run to head whenever a history is opened."""
