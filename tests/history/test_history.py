"""The account history: names that meet, round trips, ordering, atomic saves, migrations, errors.

Every test taking `history_url` runs on SQLite and on PostgreSQL (see conftest.history_url).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa

from assistant.history import AccountHistory, HistoryError, normalise_account_name
from assistant.history import store as history_store
from assistant.history.database import parse_url, write_transaction
from assistant.history.tables import VERSION_TABLE
from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

EXAMPLE_NOTES = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> QualificationReport:
    """A real report from the offline engine, as `qualify` would save it."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("assistant"), embedding="hashing")
    return Assistant(settings).qualify(EXAMPLE_NOTES, dt.date(2026, 11, 10))


@pytest.fixture
def history(history_url: str) -> Iterator[AccountHistory]:
    opened = AccountHistory(history_url)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Halvorsen Regional Bank", "halvorsen regional bank"),
        ("halvorsen regional bank inc.", "halvorsen regional bank"),
        ("The Halvorsen Regional Bank, Inc", "halvorsen regional bank"),
        ("  HALVORSEN   Regional\tBank LLC ", "halvorsen regional bank"),
        ("Müller GmbH & Co. KG", "muller"),
        ("Telefónica, S.A.", "telefonica"),
        ("Banco Santander S.L.", "banco santander"),
        ("Acme Pty Ltd", "acme"),
        ("Nordlys AS", "nordlys"),
        ("O'Neil Corporation", "oneil"),
        ("Ｆｕｌｌｗｉｄｔｈ Corp", "fullwidth"),
        ("ガス株式会社", "ガス株式会社"),  # voiced marks outside Latin change the word: kept
        ("The Company", "company"),  # never reduced to nothing
        ("Inc.", "inc"),
        ("Acme Bank", "acme bank"),
        ("!!!", ""),
    ],
)
def test_account_names_normalise(typed: str, key: str) -> None:
    assert normalise_account_name(typed) == key


def test_a_report_reads_back_exactly_as_saved(history: AccountHistory, report: QualificationReport) -> None:
    saved = history.save(
        "Halvorsen Regional Bank",
        "qualification",
        report,
        title="Qualification 2026-11-10",
        engine=report.engine,
        source_text=EXAMPLE_NOTES,
    )
    (stored,) = history.records("Halvorsen Regional Bank")
    assert stored == saved
    assert QualificationReport.model_validate(stored.payload) == report
    assert stored.source_text == EXAMPLE_NOTES
    assert stored.created_at.tzinfo == dt.UTC
    assert history.record(saved.id) == saved
    assert history.record(saved.id + 1000) is None


def test_spellings_of_one_company_share_one_history(history: AccountHistory) -> None:
    history.save("Halvorsen Regional Bank", "qualification", {"verdict": "nurture"})
    history.save("halvorsen regional bank inc.", "qualification", {"verdict": "sales_qualified"})
    history.save("Halvorsen Bank", "brief", {"summary": "another company"})

    (halvorsen,) = [a for a in history.accounts() if a.key == "halvorsen regional bank"]
    assert halvorsen.name == "Halvorsen Regional Bank"  # the first name saved is kept
    assert halvorsen.counts == {
        "qualification": 2,
        "deal_notes": 0,
        "brief": 0,
        "renewal_facts": 0,
        "renewal_plan": 0,
    }
    assert halvorsen.latest_verdict == "sales_qualified"
    assert history.find_account("The Halvorsen Regional Bank, Inc") == halvorsen
    assert history.find_account("Halvorsen Regional") is None
    assert [r.account_name for r in history.records("HALVORSEN REGIONAL BANK LLC")] == [
        "Halvorsen Regional Bank",
        "Halvorsen Regional Bank",
    ]


def test_accounts_newest_first_records_oldest_first(history: AccountHistory) -> None:
    first = history.save("Acme", "qualification", {"verdict": "nurture"}, title="first")
    history.save("Borealis", "qualification", {"verdict": "disqualified"})
    history.save("Acme", "brief", {"text": "handoff"}, title="brief")
    last = history.save("Acme", "qualification", {"verdict": "sales_qualified"}, title="second")

    assert [a.name for a in history.accounts()] == ["Acme", "Borealis"]
    assert [r.title for r in history.records("Acme")] == ["first", "brief", "second"]
    assert [r.id for r in history.records("acme", "qualification")] == [first.id, last.id]
    assert history.latest("Acme", "qualification") == last
    assert history.latest("Acme", "renewal_plan") is None
    assert history.latest("Nobody", "qualification") is None
    assert history.records("Nobody") == []


def test_export_holds_everything_and_parses_back(
    history: AccountHistory, report: QualificationReport
) -> None:
    history.save("Halvorsen Regional Bank", "qualification", report, source_text=EXAMPLE_NOTES)
    history.save("Halvorsen Regional Bank", "renewal_facts", {"seats": 240, "renewal": dt.date(2027, 3, 31)})

    exported = history.export("halvorsen regional bank inc")
    assert exported.schema_version == "0001"
    assert exported.account.counts["renewal_facts"] == 1
    assert exported.records[1].payload == {"seats": 240, "renewal": "2027-03-31"}  # stored as JSON
    assert type(exported).model_validate_json(exported.model_dump_json()) == exported


def test_unknown_account_names_close_matches(history: AccountHistory) -> None:
    history.save("Halvorsen Regional Bank", "qualification", {"verdict": "nurture"})
    with pytest.raises(
        HistoryError, match=r"no account named 'Halvorson Regional'.*'Halvorsen Regional Bank'"
    ):
        history.export("Halvorson Regional")


def test_an_edit_replaces_the_payload_and_bumps_the_account(history: AccountHistory) -> None:
    saved = history.save("Acme", "qualification", {"verdict": "nurture"})
    history.save("Borealis", "brief", {"text": "later"})

    edited = history.update_payload(saved.id, {"verdict": "sales_qualified", "override": True})

    assert edited.payload == {"verdict": "sales_qualified", "override": True}
    assert edited.edited_at is not None and edited.created_at == saved.created_at
    assert history.accounts()[0].name == "Acme"
    assert history.accounts()[0].latest_verdict == "sales_qualified"
    with pytest.raises(HistoryError, match="no saved record with id 999"):
        history.update_payload(999, {})


def test_a_failed_save_leaves_nothing_behind(
    history: AccountHistory, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = history.save("Acme", "qualification", {"verdict": "nurture"})
    before = history.accounts()

    def crash(*_args: object) -> int:
        raise RuntimeError("disk pulled out between the account and the record")

    monkeypatch.setattr(history_store, "_insert_record", crash)
    for account in ("Acme", "Borealis"):  # an existing account, and one the save would create
        with pytest.raises(RuntimeError):
            history.save(account, "brief", {"text": "lost"})

    assert history.accounts() == before  # Acme not bumped, Borealis never created
    assert history.records("Acme") == [kept]


def test_a_process_killed_mid_save_leaves_the_previous_state(history_url: str) -> None:
    with AccountHistory(history_url) as history:
        kept = history.save("Acme", "qualification", {"verdict": "nurture"})
    script = textwrap.dedent(
        f"""
        import os
        from assistant.history import AccountHistory, store
        store._insert_record = lambda *args: os._exit(9)
        AccountHistory({history_url!r}).save("Acme", "brief", {{"text": "never committed"}})
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, check=False)
    assert killed.returncode == 9

    with AccountHistory(history_url) as history:
        assert history.records("Acme") == [kept]
        assert history.accounts()[0].updated_at == kept.created_at


def test_concurrent_first_saves_create_one_account(history_url: str) -> None:
    def save(n: int) -> int:
        with AccountHistory(history_url) as history:
            return history.save("Acme Inc.", "qualification", {"verdict": "nurture", "n": n}).id

    AccountHistory(history_url).close()  # migrate once; the race under test is the account upsert
    with ThreadPoolExecutor(6) as pool:
        ids = list(pool.map(save, range(12)))

    with AccountHistory(history_url) as history:
        (acme,) = history.accounts()
        assert acme.counts["qualification"] == 12
        assert sorted(r.id for r in history.records("acme")) == sorted(ids)


def test_opening_again_migrates_nothing_and_keeps_data(history_url: str) -> None:
    with AccountHistory(history_url) as history:
        history.save("Acme", "brief", {"text": "kept"})
    with AccountHistory(history_url) as again:
        assert again.schema_version == "0001"
        assert [r.payload for r in again.records("Acme")] == [{"text": "kept"}]
    engine = sa.create_engine(parse_url(history_url))
    with engine.connect() as connection:
        assert connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).all() == [("0001",)]
    engine.dispose()


def test_a_newer_schema_is_refused_clearly(history_url: str) -> None:
    AccountHistory(history_url).close()
    engine = sa.create_engine(parse_url(history_url))
    with engine.begin() as connection:
        connection.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = '0042_from_the_future'"))
    engine.dispose()
    with pytest.raises(HistoryError, match=r"schema revision '0042_from_the_future', newer than .*upgrade"):
        AccountHistory(history_url)


def test_bad_input_is_refused_before_touching_the_database(history: AccountHistory) -> None:
    with pytest.raises(HistoryError, match="no letters or digits"):
        history.save("  !!! ", "qualification", {})
    with pytest.raises(HistoryError, match="unknown record kind 'memo'"):
        history.save("Acme", "memo", {})  # type: ignore[arg-type]
    with pytest.raises(HistoryError, match="longer than 200"):
        history.save("Acme " * 50, "brief", {})
    assert history.accounts() == []


def test_sqlite_history_lives_in_the_data_dir_in_wal_mode(tmp_path: Path) -> None:
    with AccountHistory.from_settings(Settings(data_dir=tmp_path / "new" / "data")) as history:
        history.save("Acme", "brief", {"text": "x"})
        with write_transaction(history._engine) as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database = tmp_path / "new" / "data" / "history.sqlite3"
    assert sqlite3.connect(database).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_locked_sqlite_history_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'history.sqlite3'}"
    history = AccountHistory(url, busy_timeout_s=0.05)
    other_program = sqlite3.connect(tmp_path / "history.sqlite3", isolation_level=None)
    other_program.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(HistoryError, match="is locked by another program"):
            history.save("Acme", "brief", {"text": "waits"})
        with pytest.raises(HistoryError, match="is locked by another program"):
            AccountHistory(url, busy_timeout_s=0.05)
        assert history.accounts() == []  # readers are not blocked (WAL)
    finally:
        other_program.execute("ROLLBACK")
        history.close()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a URL; use sqlite:///PATH or postgresql"),
        ("mysql://root:hunter2@db/sales", r"names 'mysql'; only SQLite and PostgreSQL"),
        ("postgresql://sdr:hunter2@127.0.0.1:1/sales", r"cannot reach the history database .*sdr:\*\*\*@"),
    ],
)
def test_bad_urls_give_readable_errors(url: str, message: str) -> None:
    with pytest.raises(HistoryError, match=message) as raised:
        AccountHistory(url)
    assert "hunter2" not in str(raised.value)


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.sqlite3").write_bytes(b"not sqlite at all " * 100)
    with pytest.raises(HistoryError, match=r"notes.sqlite3' cannot be read \(file is not a database\)"):
        AccountHistory(f"sqlite:///{tmp_path / 'notes.sqlite3'}")


def test_migrations_build_exactly_the_tables_the_code_uses(history_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from assistant.history.tables import metadata

    AccountHistory(history_url).close()
    engine = sa.create_engine(parse_url(history_url))
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, metadata) == []
    engine.dispose()
