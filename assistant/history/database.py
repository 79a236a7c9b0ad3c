"""Connecting to the history database: URL checks, SQLite settings, migrations, readable errors.

SQLite (the default) runs in WAL mode with a busy timeout and foreign keys on, and SQLAlchemy
emits BEGIN itself so DDL and reads are transactional (Python's sqlite3 legacy mode would not);
writers take the lock up front (BEGIN IMMEDIATE) so two saves never deadlock on a lock upgrade.
PostgreSQL goes through psycopg 3. Alembic migrates either to head on open, in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine

from assistant.errors import DISK_FULL, os_problem, redact_url, storage_failure, url_userinfo
from assistant.history.errors import HistoryError
from assistant.history.tables import VERSION_TABLE

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SUPPORTED = "sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE"
_IMMEDIATE = "assistant_history_immediate"
_MIGRATION_LOCK = threading.Lock()
_ADVISORY_LOCK_KEY = 7_240_118_001  # any constant; names the history's migration lock on PostgreSQL


_ENCODE = (
    "percent-encode special characters in the password (@ as %40, : as %3A, / as %2F, ? as %3F, # as %23)"
)


def parse_url(url: str) -> URL:
    """A SQLAlchemy URL for SQLite or PostgreSQL; plain postgres URLs get the psycopg 3 driver.

    A password with an unencoded '@' (or '/', ':' after one) is misread by every URL parser: as a
    host, or as a port that is no number; either is refused here, the password never shown.
    """
    userinfo = url_userinfo(url) if not url.strip().lower().startswith("sqlite") else None
    if userinfo is not None and "@" in userinfo:
        raise HistoryError(
            f"the history database URL {redact_url(url)!r} has '@' inside its password: {_ENCODE}"
        )
    try:
        parsed = sa.make_url(url)
    except (exc.ArgumentError, ValueError, TypeError):
        raise HistoryError(
            f"the history database URL {redact_url(url)!r} is not a URL; use {SUPPORTED}, and {_ENCODE}"
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend in {"postgres", "postgresql"} and driver in {"", "psycopg"}:
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and driver in {"", "pysqlite"}:
        return parsed
    raise HistoryError(
        f"the history database URL {parsed.render_as_string(hide_password=True)!r} names {parsed.drivername!r}; "
        f"only SQLite and PostgreSQL (psycopg 3) are supported: {SUPPORTED}"
    )


def create_history_engine(url: URL, busy_timeout_s: float) -> Engine:
    """An engine with the per-dialect settings the history relies on."""
    if url.get_backend_name() == "postgresql":
        connect_args = {} if "connect_timeout" in url.query else {"connect_timeout": 10}
        return sa.create_engine(url, connect_args=connect_args, pool_pre_ping=True)
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise HistoryError(f"cannot create the history folder {folder}: {os_problem(error)}") from error
    engine = sa.create_engine(url, connect_args={"timeout": busy_timeout_s})
    _configure_sqlite(engine, busy_timeout_s)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout_s: float) -> None:
    """WAL, busy timeout, foreign keys, and transactions SQLAlchemy (not sqlite3) begins."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One transaction that commits only if the block finishes; SQLite takes the write lock first."""
    with engine.connect() as connection:
        connection.execution_options(**{_IMMEDIATE: True})
        with connection.begin():
            yield connection


def migrate_to_head(engine: Engine) -> str:
    """Run every pending migration in one transaction; return the revision the database is at.

    Alembic's `context` is process-global, so one thread migrates at a time (Streamlit sessions
    open histories concurrently); other processes wait on the database's own lock: BEGIN
    IMMEDIATE on SQLite, a transaction-scoped advisory lock on PostgreSQL.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None, "the history package ships no migrations"
    with _MIGRATION_LOCK, write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_ADVISORY_LOCK_KEY)))
        current = MigrationContext.configure(
            connection, opts={"version_table": VERSION_TABLE}
        ).get_current_heads()
        for revision in current:
            if not _known(script, revision):
                raise HistoryError(
                    f"the history database {describe(engine.url)} has schema revision {revision!r}, "
                    f"newer than this sales-assistant knows (latest {head!r}); upgrade sales-assistant, "
                    "or set ASSISTANT_DATABASE_URL to another database"
                )
        if current != (head,):
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    return head


def alembic_config() -> Any:
    """Alembic's configuration built in code: no alembic.ini is needed at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _known(script: Any, revision: str) -> bool:
    from alembic.util.exc import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def describe(url: URL) -> str:
    """The SQLite file, or the URL with its password hidden, for messages."""
    if url.get_backend_name() == "sqlite":
        return repr(url.database or ":memory:")
    return repr(url.render_as_string(hide_password=True))


@contextmanager
def readable_errors(url: URL) -> Iterator[None]:
    """Turn driver errors into a HistoryError that says what is wrong and what to do."""
    try:
        yield
    except exc.OperationalError as error:
        raise HistoryError(_operational_message(url, error)) from error
    except exc.DatabaseError as error:
        raise HistoryError(
            f"the history database {describe(url)} cannot be read ({_first_line(error)}); "
            "if it is not a history database, set ASSISTANT_DATABASE_URL to another one"
        ) from error
    except exc.InterfaceError as error:
        raise HistoryError(f"the history database {describe(url)} failed: {_first_line(error)}") from error
    except OSError as error:
        if error.errno in DISK_FULL:
            raise HistoryError(_disk_full(url)) from error
        raise HistoryError(
            f"the history database {describe(url)}: {os_problem(error)}; {_UNCHANGED}"
        ) from error


_UNCHANGED = "nothing was saved, and what was saved before is intact"


def _disk_full(url: URL) -> str:
    return f"the disk holding the history database {describe(url)} is full: free some space and try again; {_UNCHANGED}"


def _operational_message(url: URL, error: exc.OperationalError) -> str:
    detail = _first_line(error)
    if any(words in detail.lower() for words in ("disk is full", "no space left")):  # SQLITE_FULL, ENOSPC
        return _disk_full(url)
    if url.get_backend_name() == "sqlite" and (problem := _storage(url, error)):
        return f"the history database {describe(url)} cannot be written: {problem}; {_UNCHANGED}"
    if url.get_backend_name() == "sqlite":
        if "locked" in detail or "busy" in detail:
            return (
                f"the history database {describe(url)} is locked by another program; "
                "close other sales-assistant windows or commands and try again"
            )
        return f"the history database {describe(url)} cannot be opened ({detail}); check the path and its permissions"
    return (
        f"cannot reach the history database {describe(url)} ({detail}); check that the server is "
        "running and that ASSISTANT_DATABASE_URL names the right host, port, user and database"
    )


def _storage(url: URL, error: exc.DBAPIError) -> str | None:
    """A read-only or full disk, or a folder without write permission, behind SQLite's own words
    ("attempt to write a readonly database", "disk I/O error", "unable to open database file")."""
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return storage_failure(error, Path(database).expanduser().parent)


def _first_line(error: exc.DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
