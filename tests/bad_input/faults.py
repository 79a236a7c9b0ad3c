"""Broken environments for the bad-input kinds: knowledge files, the index, the history, facts files.

Each fault works on copies (`Env`): the shipped knowledge/ and playbooks/ are never touched. A
fault that guards saved data returns a check that the earlier state is still there afterwards.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from assistant.history import AccountHistory
from assistant.settings import PROJECT_ROOT, Settings, load_settings
from tests.bad_input.samples import GOOD

ACCOUNT = "Delta Bank"
FACTS = PROJECT_ROOT / "examples" / "halvorsen-renewal-facts.yaml"
Check = Callable[[], None]


@dataclass(frozen=True)
class Env:
    """Copies of knowledge/ and playbooks/, a data directory, and files a test writes."""

    knowledge: Path
    playbooks: Path
    data_dir: Path
    files: Path

    def settings(self) -> Settings:
        return load_settings()

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


KNOWLEDGE_FAULTS: dict[str, Callable[[Path], object]] = {
    "rubric_malformed_yaml": lambda k: (k / "rubric.yaml").write_text(
        "version: [unclosed\nweights: {", encoding="utf-8"
    ),
    "rubric_wrong_type": lambda k: _edit(k / "rubric.yaml", "met_min: 200", "met_min: lots"),
    "rubric_duplicate_key": lambda k: (
        (k / "rubric.yaml").open("a", encoding="utf-8").write("\nsize:\n  met_min: 1\n  partial_min: 1\n")
    ),
    "rubric_negative_weight": lambda k: _edit(k / "rubric.yaml", "title: 20,", "title: -20,"),
    "roster_unknown_role": lambda k: _edit(k / "roster.yaml", "role: sdr", "role: wizard"),
    "roster_not_utf8": lambda k: (k / "roster.yaml").write_bytes(
        (k / "roster.yaml")
        .read_text(encoding="utf-8")
        .replace("SDR", "SDR é", 1)
        .encode("latin-1", "replace")
    ),
    "signals_missing": lambda k: (k / "signals.yaml").unlink(),
    "products_is_a_list": lambda k: (k / "products.yaml").write_text(
        "- core_platform\n- add_ons\n", encoding="utf-8"
    ),
}

FACTS_FAULTS: dict[str, Callable[[str], str | bytes]] = {
    "facts_impossible_date": lambda text: text.replace(
        "contract_end: 2030-01-14", "contract_end: 31/02/2027"
    ),
    "facts_february_30": lambda text: text.replace("contract_end: 2030-01-14", "contract_end: 2027-02-30"),
    "facts_duplicate_key": lambda text: text + "\narr: USD 1\n",
    "facts_wrong_type": lambda text: text.replace("seats_purchased: 350", "seats_purchased: many"),
    "facts_binary": lambda _text: b"\x89PNG\r\n\x1a\n\xff\xfe" + bytes(range(256)),
}


def facts_file(env: Env, fault: str) -> Path:
    """The example facts with one fault written in."""
    broken = FACTS_FAULTS[fault](FACTS.read_text(encoding="utf-8"))
    path = env.files / "facts.yaml"
    if isinstance(broken, bytes):
        path.write_bytes(broken)
    else:
        assert broken != FACTS.read_text(encoding="utf-8"), f"{fault} changed nothing"
        path.write_text(broken, encoding="utf-8")
    return path


def corrupt_chroma(env: Env) -> None:
    """Build the index, then overwrite Chroma's database with garbage (as a crash or a bad copy would)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    from assistant.library.playbook_library import PlaybookLibrary

    PlaybookLibrary(env.settings()).ensure_ready()
    SharedSystemClient.clear_system_cache()  # what a new process would find: no open handles
    database = env.settings().chroma_dir / "chroma.sqlite3"
    assert database.exists()
    database.write_bytes(b"this is not a database " * 4096)


def saved_before(env: Env) -> Check:
    """One record saved under the account; the returned check says it is still the only one, unchanged."""
    with AccountHistory.from_settings(env.settings()) as history:
        first = history.save(
            ACCOUNT, "qualification", {"verdict": "nurture"}, title="before", source_text=GOOD
        )

    def intact() -> None:
        with AccountHistory.from_settings(env.settings()) as history:
            kept = history.records(ACCOUNT)
        assert [(r.id, r.title, r.payload, r.source_text) for r in kept] == [
            (first.id, "before", {"verdict": "nurture"}, GOOD)
        ], "the history changed"

    return intact


def lock_history(env: Env, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Check:
    """Another program holds the database's write lock (BEGIN EXCLUSIVE) for the whole test."""
    intact = saved_before(env)
    monkeypatch.setattr(AccountHistory.__init__, "__kwdefaults__", {"busy_timeout_s": 0.3})  # fail fast
    holder = sqlite3.connect(env.history_file, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        if holder.in_transaction:  # the check may have released it already
            holder.rollback()

    request.addfinalizer(holder.close)  # runs last: finalizers run in reverse
    request.addfinalizer(release)

    def intact_after_release() -> None:
        release()
        intact()

    return intact_after_release


def fill_disk(env: Env, monkeypatch: pytest.MonkeyPatch) -> Check:
    """Writing the record fails with ENOSPC, as on a full disk."""
    intact = saved_before(env)

    def no_space(*_args: object, **_kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(env.history_file))

    monkeypatch.setattr("assistant.history.store._insert_record", no_space)
    return intact


def sqlite_full(env: Env, monkeypatch: pytest.MonkeyPatch) -> Check:
    """SQLite itself runs out of room (max_page_count pinned to the current size): SQLITE_FULL."""
    intact = saved_before(env)
    real_engine = sa.create_engine

    def capped_engine(url: sa.URL, **kwargs: Any) -> sa.Engine:
        engine = real_engine(url, **kwargs)
        sa.event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA max_page_count = 1"))
        return engine

    monkeypatch.setattr("assistant.history.database.sa.create_engine", capped_engine)
    return intact


def garbage_history(env: Env) -> Check:
    """history.sqlite3 is not a database at all; it must be left exactly as it was."""
    env.history_file.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"not a database, maybe someone's spreadsheet " * 200
    env.history_file.write_bytes(garbage)

    def untouched() -> None:
        assert env.history_file.read_bytes() == garbage

    return untouched


def playbook_disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The playbook file cannot be written: ENOSPC from the write."""

    def no_space(path: Path, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr("assistant.library.admin.atomic_write", no_space)


def apply(fault: str, env: Env, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Check:
    """Break the environment; returns the check that nothing saved before was lost."""
    if fault in KNOWLEDGE_FAULTS:
        KNOWLEDGE_FAULTS[fault](env.knowledge)
    elif fault == "corrupt_chroma":
        corrupt_chroma(env)
    elif fault == "locked_history":
        return lock_history(env, monkeypatch, request)
    elif fault == "disk_full_on_save":
        return fill_disk(env, monkeypatch)
    elif fault == "sqlite_disk_full":
        return sqlite_full(env, monkeypatch)
    elif fault == "history_not_a_database":
        return garbage_history(env)
    elif fault == "playbook_disk_full":
        playbook_disk_full(monkeypatch)
    return lambda: None


def copy_tree(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
