"""A full disk, a read-only data directory, a folder without write permission: each is named for what it
is (never "corrupt", never "delete it"); `qualify` without `--save` still works (searching a temporary
copy of the index, or without passages and with a warning when there is no index yet); `qualify --save`
prints the report before it tries to save; `playbooks ingest` refuses to change the index.

The OS is asked through `os.statvfs` and `os.access`, which these tests answer for the data
directory; the last test mounts a real read-only folder and a real full disk where the machine
allows it (`unshare -r -m`)."""

from __future__ import annotations

import errno
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.library import store
from assistant.library.models import IndexStorageError, RetrievalError
from assistant.library.playbook_library import PlaybookLibrary
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT
from tests.bad_input.conftest import CALL
from tests.bad_input.faults import ACCOUNT, Env
from tests.bad_input.samples import GOOD

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]
CAUSES = {
    "read-only": r"the file system is read-only",
    "full": r"the disk (holding .* )?is full",
    "no-permission": r"permission denied",
}
SQLITE_SAYS = {
    "read-only": "attempt to write a readonly database",
    "full": "database or disk is full",
    "no-permission": "attempt to write a readonly database",
}


def under(path: object, root: Path) -> bool:
    try:
        Path(os.fsdecode(path)).resolve().relative_to(root)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return False
    return True


def make_unwritable(kind: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the OS says `root` is read-only, full, or not writable by us."""
    root = root.resolve()
    real_statvfs, real_access = os.statvfs, os.access

    def statvfs(path: object) -> object:
        real = real_statvfs(path)  # type: ignore[arg-type]
        if not under(path, root) or kind == "no-permission":
            return real
        flag = real.f_flag | os.ST_RDONLY if kind == "read-only" else real.f_flag
        free = 0 if kind == "full" else real.f_bavail
        return SimpleNamespace(f_flag=flag, f_bavail=free, f_frsize=real.f_frsize)

    def access(path: object, mode: int, **options: object) -> bool:
        if kind == "no-permission" and mode & os.W_OK and under(path, root):
            return False
        return real_access(path, mode, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "statvfs", statvfs)
    monkeypatch.setattr(os, "access", access)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def no_bad_advice(text: str) -> None:
    flat = " ".join(text.split()).lower()
    assert "corrupt" not in flat and "delete the folder" not in flat, flat
    assert "traceback" not in flat


@pytest.fixture
def indexed(env: Env) -> Path:
    """The playbooks indexed while the disk was fine; returns the index folder."""
    PlaybookLibrary(env.settings()).ensure_ready()
    return env.settings().chroma_dir


@pytest.mark.parametrize("kind", CAUSES)
def test_qualify_searches_a_copy_of_an_index_it_cannot_write(
    kind: str, env: Env, indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(indexed)
    make_unwritable(kind, env.data_dir, monkeypatch)
    notes: list[str] = []
    report = Assistant(env.settings(), notify=notes.append).qualify(GOOD, CALL)
    assert report.citations, "the copy of the index still answers"
    assert any("temporary copy" in n and CAUSES[kind].split()[-1] in n for n in notes), notes
    result = runner.invoke(app, ["qualify", "-", "--json", *AS_OF], input=GOOD)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["citations"]
    no_bad_advice(result.output)
    assert files_of(indexed) == before, "the index's own folder was written"


@pytest.mark.parametrize("kind", CAUSES)
def test_without_an_index_qualify_runs_without_passages_and_says_why(
    kind: str, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_unwritable(kind, env.data_dir, monkeypatch)
    report = Assistant(env.settings()).qualify(GOOD, CALL)
    assert report.verdict and not report.citations
    warning = next(w for w in report.warnings if w.startswith("no playbook passages"))
    assert "cannot be created" in warning and "ASSISTANT_DATA_DIR" in warning
    assert re.search(CAUSES[kind], warning), warning
    result = runner.invoke(app, ["qualify", "-", "--json", *AS_OF], input=GOOD)
    assert result.exit_code == 0, result.output
    assert any(w.startswith("no playbook passages") for w in json.loads(result.stdout)["warnings"])
    no_bad_advice(result.output)


@pytest.mark.parametrize("kind", CAUSES)
def test_ingest_refuses_to_change_an_index_it_cannot_write(
    kind: str, env: Env, indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = files_of(indexed)
    make_unwritable(kind, env.data_dir, monkeypatch)
    with pytest.raises(IndexStorageError, match=CAUSES[kind]):
        PlaybookLibrary(env.settings()).ingest([env.playbooks], rebuild=True)
    for args in (["playbooks", "ingest"], ["playbooks", "ingest", "--rebuild"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "cannot be changed" in result.stderr and "not damaged" in result.stderr
        no_bad_advice(result.output)
    assert files_of(indexed) == before


def failing_insert(kind: str) -> Callable[..., int]:
    """The history's insert fails as SQLite reports the kind."""

    def insert(*_args: object, **_kwargs: object) -> int:
        raise sa.exc.OperationalError("INSERT INTO records", {}, sqlite3.OperationalError(SQLITE_SAYS[kind]))

    return insert


@pytest.mark.parametrize("kind", CAUSES)
def test_qualify_save_prints_the_report_then_names_the_cause(
    kind: str, env: Env, indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["accounts", "list"])  # the history exists, as it would
    make_unwritable(kind, env.data_dir, monkeypatch)
    monkeypatch.setattr("assistant.history.store._insert_record", failing_insert(kind))
    result = runner.invoke(
        app, ["qualify", "-", "--json", *AS_OF, "--save", "--account", ACCOUNT], input=GOOD
    )
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout)["verdict"], "the report was printed before the save"
    message = " ".join(result.stderr.split())
    assert "history database" in message and "nothing was saved" in message
    assert re.search(CAUSES[kind], message), message
    no_bad_advice(message)


STORE_FAILURES: dict[str, tuple[Callable[[], Exception], str]] = {
    "chroma-disk-full": (
        lambda: RuntimeError("error returned from database: (code: 13) database or disk is full"),
        "full",
    ),
    "chroma-readonly": (lambda: RuntimeError("attempt to write a readonly database (code: 8)"), "read-only"),
    "os-error-inside": (
        lambda: _wrapped(OSError(errno.EROFS, "Read-only file system", "/data/chroma/x")),
        "read-only",
    ),
    "permission-inside": (
        lambda: _wrapped(PermissionError(errno.EACCES, "Permission denied", "/data/x")),
        "no-permission",
    ),
}


def _wrapped(error: OSError) -> Exception:
    try:
        raise error
    except OSError as cause:
        wrapper = RuntimeError("Error executing plan: internal error")
        wrapper.__cause__ = cause
        return wrapper


@pytest.mark.parametrize("failure", STORE_FAILURES, ids=list(STORE_FAILURES))
def test_a_store_write_failing_for_lack_of_room_or_rights_is_named_so(
    failure: str, env: Env, indexed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills (or turns read-only) while Chroma writes: said as such, then the half-done ingest is noticed."""
    make_error, kind = STORE_FAILURES[failure]
    (env.playbooks / "new.md").write_text("# New\n\nA new passage about budgets.\n", encoding="utf-8")

    def upsert(*_args: object, **_kwargs: object) -> None:
        raise make_error()

    real = store._upsert
    monkeypatch.setattr(store, "_upsert", upsert)
    result = runner.invoke(app, ["playbooks", "ingest"])
    assert result.exit_code == 2, result.output
    message = " ".join(result.stderr.split())
    assert re.search(CAUSES[kind], message) and "not damaged" in message, message
    no_bad_advice(message)
    monkeypatch.setattr(store, "_upsert", real)
    with pytest.raises(RetrievalError, match=r"did not finish.*ingest --rebuild"):
        Assistant(env.settings()).qualify(GOOD, CALL)


def _unshare_works() -> bool:
    try:
        return (
            subprocess.run(["unshare", "-r", "-m", "true"], capture_output=True, timeout=20).returncode == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


REAL_DISK = textwrap.dedent(
    """
    set -u
    if [ "$KIND" = read-only ]; then
        mount --bind -o ro "$DATA" "$DATA" || exit 77
    else
        mount -t tmpfs -o size=16M tmpfs "$MOUNT" || exit 77
        cp -a "$DATA/." "$MOUNT/" && export ASSISTANT_DATA_DIR="$MOUNT"
        dd if=/dev/zero of="$MOUNT/fill" bs=65536 2>/dev/null
    fi
    run() { "$PY" -c 'from assistant.cli import main; main()' "$@"; echo "rc=$?"; }
    echo "== qualify"; run qualify "$NOTES" --json --as-of 2026-11-10
    echo "== save"; run qualify "$NOTES" --json --as-of 2026-11-10 --save --account Acme
    echo "== ingest"; run playbooks ingest
    """
)


@pytest.mark.skipif(
    not _unshare_works(), reason="no user namespaces here: cannot mount a real read-only or full disk"
)
@pytest.mark.parametrize("kind", ["read-only", "full"])
def test_a_real_read_only_folder_and_a_real_full_disk(
    kind: str, env: Env, indexed: Path, tmp_path: Path
) -> None:
    runner.invoke(app, ["accounts", "list"])
    notes = env.files / "good.txt"
    notes.write_text(GOOD, encoding="utf-8")
    (tmp_path / "mount").mkdir()
    environment = {
        **os.environ,
        "KIND": kind,
        "DATA": str(env.data_dir),
        "MOUNT": str(tmp_path / "mount"),
        "PY": sys.executable,
        "NOTES": str(notes),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    done = subprocess.run(
        ["unshare", "-r", "-m", "sh", "-c", REAL_DISK],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode == 77:
        pytest.skip("mounting is not permitted here")
    output = done.stdout + done.stderr
    qualified, saved, ingested = (part.split("rc=")[1][:1] for part in done.stdout.split("== ")[1:])
    assert (qualified, saved, ingested) == ("0", "2", "2"), output
    assert done.stdout.split("== save")[1].count('"verdict"') == 1, "the report was printed before the save"
    assert re.search(CAUSES[kind], " ".join(done.stderr.split())), output
    no_bad_advice(output)
