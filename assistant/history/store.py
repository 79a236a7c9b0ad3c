"""The account history: every report, brief and plan saved under its account, on SQLite or PostgreSQL.

An account is found by its normalised name (`names.normalise_account_name`), so "Halvorsen
Regional Bank" and "halvorsen regional bank inc." share one history. The display name is the
first one saved: a later casual spelling never renames the account. Each save is one
transaction (account upsert and record insert), so a crash leaves the previous state intact.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import BaseModel, TypeAdapter
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from assistant.errors import redact_notes
from assistant.history.database import (
    create_history_engine,
    migrate_to_head,
    parse_url,
    readable_errors,
    write_transaction,
)
from assistant.history.errors import HistoryError
from assistant.history.models import RECORD_KINDS, AccountExport, AccountSummary, RecordKind, SavedRecord
from assistant.history.names import display_name, normalise_account_name
from assistant.history.tables import accounts, records

if TYPE_CHECKING:
    from assistant.settings import Settings

MAX_NAME_CHARS = 200
_JSON_OBJECT = TypeAdapter(dict[str, Any])


class AccountHistory:
    """Saved records per account; open one per process (or per Streamlit session) and reuse it."""

    def __init__(self, url: str, *, busy_timeout_s: float = 5.0) -> None:
        """Connect, create the SQLite folder if needed, and migrate the schema to head."""
        self.url = parse_url(url)
        self._engine = create_history_engine(self.url, busy_timeout_s)
        try:
            with readable_errors(self.url):
                self.schema_version = migrate_to_head(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    @classmethod
    def from_settings(cls, settings: Settings) -> AccountHistory:
        """The history the settings name: ASSISTANT_DATABASE_URL, else SQLite in the data directory."""
        return cls(settings.history_url)

    def close(self) -> None:
        """Release every pooled connection (the data stays)."""
        self._engine.dispose()

    def __enter__(self) -> AccountHistory:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def save(
        self,
        account: str,
        kind: RecordKind,
        payload: BaseModel | dict[str, Any],
        *,
        title: str = "",
        engine: str = "",
        source_text: str | None = None,
    ) -> SavedRecord:
        """Save one record under the account (created on first save), atomically."""
        key, name = _account_key(account), display_name(account)
        if kind not in RECORD_KINDS:
            raise HistoryError(f"unknown record kind {kind!r}; expected one of {', '.join(RECORD_KINDS)}")
        now = _now()
        row: dict[str, Any] = {
            "account_key": key,
            "kind": kind,
            "created_at": now,
            "edited_at": None,
            "title": title[:300],
            "engine": engine[:200],
            "payload": _as_json(payload),
            "source_text": redact_notes(source_text)[0]
            if source_text
            else source_text,  # no pasted keys kept
        }
        with readable_errors(self.url), write_transaction(self._engine) as connection:
            kept_name = _upsert_account(connection, key, name, now)
            record_id = _insert_record(connection, row)
        return SavedRecord(id=record_id, account_name=kept_name, **row)

    def update_payload(self, record_id: int, payload: BaseModel | dict[str, Any]) -> SavedRecord:
        """Replace a record's payload (a saved edit or override); the account counts as updated."""
        now = _now()
        with readable_errors(self.url), write_transaction(self._engine) as connection:
            changed = connection.execute(
                records.update()
                .where(records.c.id == record_id)
                .values(payload=_as_json(payload), edited_at=now)
            )
            if changed.rowcount != 1:
                raise HistoryError(f"no saved record with id {record_id}")
            key = sa.select(records.c.account_key).where(records.c.id == record_id).scalar_subquery()
            connection.execute(accounts.update().where(accounts.c.key == key).values(updated_at=now))
        saved = self.record(record_id)
        assert saved is not None
        return saved

    def accounts(self) -> list[AccountSummary]:
        """Every account, most recently updated first."""
        return self._summaries(None)

    def find_account(self, name: str) -> AccountSummary | None:
        """The account this name normalises to, if anything was saved under it."""
        key = normalise_account_name(name)
        found = self._summaries(key) if key else []
        return found[0] if found else None

    def require_account(self, name: str) -> AccountSummary:
        """Like `find_account`, but an unknown name is a HistoryError naming close matches."""
        found = self.find_account(name)
        if found is None:
            raise HistoryError(self._unknown_account_message(name))
        return found

    def records(self, account: str, kind: RecordKind | None = None) -> list[SavedRecord]:
        """The account's records, oldest first; all kinds unless one is given."""
        key = normalise_account_name(account)
        condition = records.c.account_key == key
        if kind is not None:
            condition &= records.c.kind == kind
        return self._records(condition, order=records.c.id.asc())

    def all_records(self, kind: RecordKind | None = None) -> list[SavedRecord]:
        """Records of every account, oldest first (for team-wide insights)."""
        condition = sa.true() if kind is None else records.c.kind == kind
        return self._records(condition, order=records.c.id.asc())

    def latest(self, account: str, kind: RecordKind) -> SavedRecord | None:
        """The account's most recent record of this kind."""
        condition = (records.c.account_key == normalise_account_name(account)) & (records.c.kind == kind)
        found = self._records(condition, order=records.c.id.desc(), limit=1)
        return found[0] if found else None

    def record(self, record_id: int) -> SavedRecord | None:
        """One record by id."""
        found = self._records(records.c.id == record_id, order=records.c.id.asc())
        return found[0] if found else None

    def export(self, account: str) -> AccountExport:
        """The account with every record; unknown accounts are a HistoryError."""
        summary = self.require_account(account)
        return AccountExport(
            account=summary,
            records=self.records(summary.key),
            exported_at=_now(),
            schema_version=self.schema_version,
        )

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with readable_errors(self.url), self._engine.connect() as connection:
            yield connection

    def _records(self, condition: Any, *, order: Any, limit: int | None = None) -> list[SavedRecord]:
        query = (
            sa.select(records, accounts.c.name.label("account_name"))
            .join(accounts, accounts.c.key == records.c.account_key)
            .where(condition)
            .order_by(order)
            .limit(limit)
        )
        with self._reading() as connection:
            rows = connection.execute(query).mappings().all()
        return [SavedRecord.model_validate(dict(row)) for row in rows]

    def _summaries(self, key: str | None) -> list[AccountSummary]:
        where = sa.true() if key is None else accounts.c.key == key
        with self._reading() as connection:
            rows = (
                connection.execute(
                    sa.select(accounts).where(where).order_by(accounts.c.updated_at.desc(), accounts.c.key)
                )
                .mappings()
                .all()
            )
            counts = _counts(connection, key)
            verdicts = _latest_verdicts(connection, key)
        return [
            AccountSummary(
                key=row["key"],
                name=row["name"],
                created_at=row["created_at"],
                updated_at=row["updated_at"],
                counts=counts.get(row["key"], _zero_counts()),
                latest_verdict=verdicts.get(row["key"]),
            )
            for row in rows
        ]

    def _unknown_account_message(self, name: str) -> str:
        known = {summary.key: summary.name for summary in self.accounts()}
        close = difflib.get_close_matches(normalise_account_name(name), list(known), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(repr(known[key]) for key in close)}?" if close else ""
        if not known:
            hint = "; nothing has been saved yet (qualify with --save --account NAME)"
        return f"no account named {name!r} in the history{hint}"


def _account_key(account: str) -> str:
    key = normalise_account_name(account)
    if not key:
        raise HistoryError(f"account name {account!r} has no letters or digits")
    if len(display_name(account)) > MAX_NAME_CHARS:
        raise HistoryError(f"account name is longer than {MAX_NAME_CHARS} characters")
    return key


def _upsert_account(connection: Connection, key: str, name: str, now: dt.datetime) -> str:
    """Create the account, or mark it updated; returns the display name, the first one saved."""
    dialect_insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(accounts).values(key=key, name=name, created_at=now, updated_at=now)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=[accounts.c.key], set_={"updated_at": statement.excluded.updated_at}
        )
    )  # no RETURNING: SQLite builds older than 3.35 lack it, and the row is ours until commit
    kept_name: str = connection.execute(sa.select(accounts.c.name).where(accounts.c.key == key)).scalar_one()
    return kept_name


def _insert_record(connection: Connection, row: Mapping[str, Any]) -> int:
    """Insert the record; returns its id."""
    inserted = connection.execute(records.insert().values(**row)).inserted_primary_key
    assert inserted is not None
    return int(inserted[0])


def _of_account(key: str | None) -> Any:
    """All records, or one account's."""
    return sa.true() if key is None else records.c.account_key == key


def _counts(connection: Connection, key: str | None) -> dict[str, dict[RecordKind, int]]:
    query = (
        sa.select(records.c.account_key, records.c.kind, sa.func.count())
        .where(_of_account(key))
        .group_by(records.c.account_key, records.c.kind)
    )
    counts: dict[str, dict[RecordKind, int]] = {}
    for key, kind, count in connection.execute(query):
        if kind in RECORD_KINDS:
            counts.setdefault(key, _zero_counts())[kind] = count
    return counts


def _latest_verdicts(connection: Connection, key: str | None) -> dict[str, str | None]:
    latest = (
        sa.select(sa.func.max(records.c.id))
        .where(_of_account(key), records.c.kind == "qualification")
        .group_by(records.c.account_key)
    )
    query = sa.select(records.c.account_key, records.c.payload).where(records.c.id.in_(latest))
    verdicts: dict[str, str | None] = {}
    for key, payload in connection.execute(query):
        verdict = payload.get("verdict") if isinstance(payload, dict) else None
        verdicts[key] = verdict if isinstance(verdict, str) else None
    return verdicts


def _zero_counts() -> dict[RecordKind, int]:
    return dict.fromkeys(RECORD_KINDS, 0)


def _as_json(payload: BaseModel | dict[str, Any]) -> dict[str, Any]:
    """The payload as plain JSON data (dates as ISO strings), as it will read back."""
    if isinstance(payload, BaseModel):
        dumped: dict[str, Any] = payload.model_dump(mode="json")
        return dumped
    try:
        plain: dict[str, Any] = _JSON_OBJECT.dump_python(_JSON_OBJECT.validate_python(payload), mode="json")
        return plain
    except ValueError as error:
        raise HistoryError(f"payload cannot be saved as JSON: {error}") from error


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
