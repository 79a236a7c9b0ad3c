"""Several processes on one data directory: UI sessions, a batch and a re-index at the same time.

Each "UI session" is a process that qualifies notes and saves them to the account history, as
the Qualify page does; the batch is the real `sales-assistant qualify-batch --out`; all start
together on an empty data directory, so they also race to index the playbooks on first use.
Afterwards the history holds exactly the saved records and passes SQLite's integrity check,
and the Chroma index still holds every passage. A second test re-indexes the library (adding
and removing a playbook, and rebuilding) in one process while another searches in a loop:
every search sees the whole old library or the whole new one, never a mix or an error.

Workers are functions of this module run with `python -c` in fresh processes (cwd is the
project root, so `tests.test_concurrency` imports there); files in a temp folder are their
start signal and their output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from assistant.library.documents import load_many
from assistant.settings import PROJECT_ROOT, Settings

CALL = dt.date(2026, 11, 10)
SESSIONS, SAVES_PER_SESSION, BATCH_LINES = 2, 6, 8
WORKER_TIMEOUT_S = 120
EXTRA_PLAYBOOK = """---
title: Quokka onboarding play
kind: discovery
industries: [all]
products: [all]
---

# Quokka onboarding play

## Quokka kickoff

Ask the quokka sponsor which team runs the kickoff and who signs the order.

## Quokka follow-up

Send the quokka recap within two days and confirm the next meeting.
"""
SEARCH = "quokka kickoff sponsor"


def session_notes(session: int, number: int) -> str:
    """Notes one UI session saves; unique per save so losses and duplicates show."""
    return (
        f"Call {number} of session {session} with Dana Whit, VP Operations at Kestrel Freight "
        f"({400 + number} employees). Late deliveries cost them $20k a month. Budget: $90k approved. "
        "They want to sign by end of January."
    )


def _env(data_dir: Path, playbooks: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_EMBEDDING": "hashing"}
    env.pop("ASSISTANT_MODEL", None)
    if playbooks is not None:
        env["ASSISTANT_PLAYBOOKS_DIR"] = str(playbooks)
    return env


def _spawn(function: str, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Run one worker function of this module in a new Python process."""
    code = f"import sys; from tests.test_concurrency import {function}; {function}(*sys.argv[1:])"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _finish(process: subprocess.Popen[str]) -> str:
    """Wait for a worker; its stderr in the assertion message if it failed."""
    out, err = process.communicate(timeout=WORKER_TIMEOUT_S)
    assert process.returncode == 0, f"worker failed ({process.returncode}):\n{err[-3000:]}"
    return out


def _wait_for(path: Path, timeout_s: float = WORKER_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {path.name} after {timeout_s} s")
        time.sleep(0.01)


def ui_session(session: str, signals: str) -> None:
    """Worker: qualify and save like the Qualify page, after the start signal."""
    from assistant.account_jobs import AccountJobs
    from assistant.history import AccountHistory
    from assistant.runtime import Assistant

    settings = Settings()
    assistant = Assistant(settings)
    jobs = AccountJobs(assistant, AccountHistory.from_settings(settings))
    _wait_for(Path(signals) / "go")
    for number in range(SAVES_PER_SESSION):
        notes = session_notes(int(session), number)
        report = assistant.qualify(notes, CALL)
        jobs.save_qualification(f"Kestrel Freight {number % 2}", report, notes)
    jobs.history.close()


def test_two_ui_sessions_and_a_batch_share_one_data_directory(tmp_path: Path) -> None:
    data_dir, signals = tmp_path / "data", tmp_path / "signals"
    signals.mkdir()
    leads = tmp_path / "leads.jsonl"
    leads.write_text(
        "".join(
            json.dumps({"id": f"lead-{n}", "notes": session_notes(9, n), "call_date": CALL.isoformat()})
            + "\n"
            for n in range(BATCH_LINES)
        )
    )
    env = _env(data_dir)
    sessions = [_spawn("ui_session", str(s), str(signals), env=env) for s in range(SESSIONS)]
    time.sleep(1.0)  # let the sessions import; they then wait for "go" while the batch starts
    (signals / "go").touch()
    batch = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from assistant.cli.main import main; main()",
            "qualify-batch",
            str(leads),
            "--out",
            str(tmp_path / "out.jsonl"),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    for process in [*sessions, batch]:
        _finish(process)

    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [row["id"] for row in rows] == [f"lead-{n}" for n in range(BATCH_LINES)]
    assert all("report" in row for row in rows)
    _assert_history_exact(data_dir)
    _assert_index_whole(Settings(data_dir=data_dir, embedding="hashing"))


def _assert_history_exact(data_dir: Path) -> None:
    from assistant.history import AccountHistory

    with AccountHistory.from_settings(Settings(data_dir=data_dir, embedding="hashing")) as history:
        saved = history.all_records("qualification")
        accounts = {summary.name: summary.counts["qualification"] for summary in history.accounts()}
    expected = Counter(
        (f"Kestrel Freight {n % 2}", session_notes(s, n))
        for s in range(SESSIONS)
        for n in range(SAVES_PER_SESSION)
    )
    assert Counter((record.account_name, record.source_text) for record in saved) == expected
    assert accounts == {"Kestrel Freight 0": 6, "Kestrel Freight 1": 6}
    assert all(record.payload["verdict"] for record in saved), "every payload reads back whole"
    with sqlite3.connect(data_dir / "history.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def _assert_index_whole(settings: Settings) -> None:
    """Every shipped passage indexed once, and the vector index answers with all of them."""
    from assistant.library.playbook_library import PlaybookLibrary

    expected = sum(len(doc.chunks) for doc in load_many([settings.playbooks_dir]).documents)
    library = PlaybookLibrary(settings)
    assert library.count() == expected
    assert len(library.search("budget approval questions", k=expected)) == expected
    assert len(library.documents()) == len(list(settings.playbooks_dir.glob("*.md")))
    with sqlite3.connect(settings.chroma_dir / "chroma.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def reindexer(playbooks: str, signals: str, rounds: str) -> None:
    """Worker: add the extra playbook, remove it, rebuild…; wait for searches between changes."""
    from assistant.library.playbook_library import PlaybookLibrary

    folder, signal_dir = Path(playbooks), Path(signals)
    library = PlaybookLibrary(Settings())
    extra = folder / "quokka-onboarding.md"
    for number in range(int(rounds)):
        if number % 2 == 0:
            extra.write_text(EXTRA_PLAYBOOK, encoding="utf-8")
        else:
            extra.unlink()
        library.ingest([folder], rebuild=number % 3 == 2)
        seen = _searches(signal_dir)
        deadline = time.monotonic() + WORKER_TIMEOUT_S
        while _searches(signal_dir) < seen + 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    (signal_dir / "done").touch()


def _searches(signal_dir: Path) -> int:
    path = signal_dir / "searches.jsonl"
    return path.read_text().count("\n") if path.exists() else 0


def searcher(signals: str, k: str) -> None:
    """Worker: search until the re-indexer is done; one JSON line per search (or error)."""
    from assistant.library.playbook_library import PlaybookLibrary

    signal_dir = Path(signals)
    library = PlaybookLibrary(Settings())
    with (signal_dir / "searches.jsonl").open("a", encoding="utf-8") as out:
        while not (signal_dir / "done").exists():
            try:
                hits = library.search(SEARCH, k=int(k))
                row: dict[str, object] = {"sources": sorted(hit.source for hit in hits)}
            except Exception as exc:  # recorded, and the test fails on it
                row = {"error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(row) + "\n")
            out.flush()


def test_searches_during_reindexing_see_the_old_or_the_new_library(tmp_path: Path) -> None:
    playbooks, signals, data_dir = tmp_path / "playbooks", tmp_path / "signals", tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "playbooks", playbooks)
    signals.mkdir()
    settings = Settings(data_dir=data_dir, embedding="hashing", playbooks_dir=playbooks)
    from assistant.library.playbook_library import PlaybookLibrary

    old = PlaybookLibrary(settings).ingest([playbooks]).chunks
    added = len(load_many([_extra_only(tmp_path)]).documents[0].chunks)
    env = _env(data_dir, playbooks)
    reader = _spawn("searcher", str(signals), str(old + added + 5), env=env)
    writer = _spawn("reindexer", str(playbooks), str(signals), "6", env=env)
    _finish(writer)
    _finish(reader)

    rows = [json.loads(line) for line in (signals / "searches.jsonl").read_text().splitlines()]
    errors = [row["error"] for row in rows if "error" in row]
    assert errors == [], errors[:3]
    shapes = Counter((len(row["sources"]), sum("quokka" in s for s in row["sources"])) for row in rows)
    assert set(shapes) <= {(old, 0), (old + added, added)}, f"mixed libraries seen: {shapes}"
    assert shapes[(old, 0)] and shapes[(old + added, added)], f"both libraries were searched: {shapes}"


def _extra_only(tmp_path: Path) -> Path:
    folder = tmp_path / "extra-only"
    folder.mkdir()
    (folder / "quokka-onboarding.md").write_text(EXTRA_PLAYBOOK, encoding="utf-8")
    return folder
