"""An index that is not what the last ingest wrote is refused with the safe fix, never searched: an ingest
that died half way (Ctrl-C, a crash, a killed process), passages lost behind the library's back, a
vector file cut short (which Chroma would answer with the wrong passages). Each `--rebuild` leaves
only the segment folders Chroma's catalogue names."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import chromadb
import pytest
from chromadb.api.shared_system_client import SharedSystemClient
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.library import store
from assistant.library.admin import PlaybookAdmin
from assistant.library.manifest import IngestLedger
from assistant.library.models import RetrievalError
from assistant.library.playbook_library import PlaybookLibrary
from assistant.library.store_files import unused_segments
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings, load_settings
from tests.bad_input.conftest import CALL
from tests.bad_input.faults import Env
from tests.bad_input.samples import GOOD

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]
REBUILD = "sales-assistant playbooks ingest --rebuild"
COLLECTION = "playbooks-hashing"


def refused_everywhere(env: Env, pattern: str) -> None:
    """The library, `qualify` and `playbooks search` all refuse the index with the rebuild command."""
    with pytest.raises(RetrievalError, match=pattern) as failed:
        Assistant(env.settings()).qualify(GOOD, CALL)
    assert REBUILD in str(failed.value)
    for args in (["qualify", "-", "--json", *AS_OF], ["playbooks", "search", "budget"]):
        result = runner.invoke(app, args, input=GOOD)
        assert result.exit_code == 2 and "Traceback" not in result.output, result.output
        assert REBUILD in " ".join(result.stderr.split())


def rebuilt_and_sound(env: Env) -> None:
    """The command the message names fixes it: afterwards searches answer and nothing is flagged."""
    result = runner.invoke(app, ["playbooks", "ingest", "--rebuild"])
    assert result.exit_code == 0, result.output
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations
    assert not IngestLedger(env.settings().chroma_dir, COLLECTION).marker.exists()


def interrupted_on_batch(number: int, error: BaseException) -> Callable[[Env, pytest.MonkeyPatch], None]:
    """The ingest stops while writing its `number`th batch of 256 passages (the ones before it landed)."""

    def stop(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
        real, calls = store._upsert, []

        def upsert(*args: object, **kwargs: object) -> None:
            calls.append(1)
            if len(calls) == number:
                raise error
            real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(store, "_upsert", upsert)
        with pytest.raises((type(error), RetrievalError)):  # a crash inside Chroma is said as a store error
            PlaybookLibrary(env.settings()).ingest([env.playbooks], rebuild=True)

    return stop


def killed_process(env: Env, _monkeypatch: pytest.MonkeyPatch) -> None:
    """What `kill -9` in the middle of an ingest leaves: the marker, written before the first change."""
    IngestLedger(env.settings().chroma_dir, COLLECTION).begin()


def damaged_marker(env: Env, _monkeypatch: pytest.MonkeyPatch) -> None:
    IngestLedger(env.settings().chroma_dir, COLLECTION).marker.write_bytes(b"\x00\x01 half a JSON {")


UNFINISHED: dict[str, Callable[[Env, pytest.MonkeyPatch], None]] = {
    "ctrl-c-in-the-second-batch": interrupted_on_batch(2, KeyboardInterrupt()),
    "crash-in-the-third-batch": interrupted_on_batch(3, RuntimeError("segfault-like")),
    "killed-process": killed_process,
    "damaged-marker": damaged_marker,
}


def more_playbooks(env: Env) -> None:
    """Enough passages (over 600) for an ingest to write several batches."""
    sections = "".join(f"## Topic {n}\n\nHow we price option {n} for a buyer.\n\n" for n in range(500))
    (env.playbooks / "price-book.md").write_text(f"# Price book\n\n{sections}", encoding="utf-8")


@pytest.mark.parametrize("how", UNFINISHED)
def test_an_ingest_that_did_not_finish_is_noticed(
    how: str, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    more_playbooks(env)
    PlaybookLibrary(env.settings()).ensure_ready()
    with monkeypatch.context() as patch:
        UNFINISHED[how](env, patch)
    refused_everywhere(env, r"is incomplete: an ingest started at .* did not finish")
    rebuilt_and_sound(env)


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit("killed")], ids=["ctrl-c", "exit"])
def test_an_index_emptied_by_an_unfinished_rebuild_is_indexed_again_at_first_use(
    error: BaseException, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    PlaybookLibrary(env.settings()).ensure_ready()

    def stops(*_args: object, **_kwargs: object) -> object:
        raise error

    with monkeypatch.context() as patch:
        patch.setattr("assistant.library.playbook_library.load_many", stops)
        with pytest.raises(type(error)):
            PlaybookLibrary(env.settings()).ingest([env.playbooks], rebuild=True)
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations
    assert not IngestLedger(env.settings().chroma_dir, COLLECTION).marker.exists()


def lose_passages(settings: Settings) -> None:
    """Chunks deleted behind the library's back (another tool, a restored backup of one file)."""
    client = chromadb.PersistentClient(
        str(settings.chroma_dir.resolve()), settings=chromadb.Settings(anonymized_telemetry=False)
    )
    collection = client.get_collection(COLLECTION)
    collection.delete(ids=list(collection.get(include=[])["ids"])[:7])


def manifest_says(settings: Settings, chunks: int) -> None:
    path = IngestLedger(settings.chroma_dir, COLLECTION).manifest
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["collections"][COLLECTION]["chunks"] = chunks
    path.write_text(json.dumps(manifest), encoding="utf-8")


MISCOUNTED: dict[str, Callable[[Settings], None]] = {
    "passages-lost": lose_passages,
    "manifest-wants-more": lambda settings: manifest_says(settings, 500),
    "manifest-wants-fewer": lambda settings: manifest_says(settings, 3),
}


@pytest.mark.parametrize("how", MISCOUNTED)
def test_a_passage_count_other_than_the_last_ingest_wrote_is_noticed(how: str, env: Env) -> None:
    PlaybookLibrary(env.settings()).ensure_ready()
    MISCOUNTED[how](env.settings())
    SharedSystemClient.clear_system_cache()
    refused_everywhere(env, r"holds \d+ passages where the last ingest wrote \d+")
    rebuilt_and_sound(env)


@pytest.fixture(scope="module")
def large_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """1,200 passages (past the size where Chroma searches its vector file, not its log): the data
    directory and the playbooks folder, built once and copied by each test."""
    root = tmp_path_factory.mktemp("large")
    folder = root / "playbooks"
    folder.mkdir()
    for doc in range(30):
        sections = "".join(
            f"## Section {s}\n\nPassage {doc}-{s} on pricing item {doc * 100 + s} and budget owner {s * 7}.\n\n"
            for s in range(40)
        )
        (folder / f"doc{doc:02d}.md").write_text(f"# Doc {doc}\n\n{sections}", encoding="utf-8")
    settings = load_settings(data_dir=root / "data", playbooks_dir=folder, embedding="hashing")
    assert PlaybookLibrary(settings).ingest([folder]).chunks == 1200
    SharedSystemClient.clear_system_cache()
    return root / "data", folder


def cut_vectors(size: Callable[[int], int]) -> Callable[[Path], None]:
    def cut(chroma_dir: Path) -> None:
        for vectors in chroma_dir.glob("*/data_level0.bin"):
            with vectors.open("r+b") as file:
                file.truncate(size(vectors.stat().st_size))

    return cut


TRUNCATED: dict[str, Callable[[Path], None]] = {
    "cut-in-half": cut_vectors(lambda size: size // 2),
    "cut-to-100-bytes": cut_vectors(lambda _size: 100),
    "emptied": cut_vectors(lambda _size: 0),
}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own, as a user meets a damaged index: Chroma's in-process cache
    of a vector segment (keyed by its id, which each copy of the index shares) never hides the damage."""
    command = [sys.executable, "-c", "from assistant.cli import main; main()", *args]
    environment = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=environment)


@pytest.mark.parametrize("how", TRUNCATED)
def test_a_vector_file_cut_short_is_noticed(
    how: str, large_index: tuple[Path, Path], env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, folder = large_index
    shutil.rmtree(env.data_dir)
    shutil.copytree(data, env.data_dir)
    monkeypatch.setenv("ASSISTANT_PLAYBOOKS_DIR", str(folder))
    TRUNCATED[how](env.settings().chroma_dir)
    for args in (["playbooks", "search", "budget owner for pricing item 2907"], ["playbooks", "list"]):
        refused = cli(*args)
        message = " ".join(refused.stderr.split())
        assert refused.returncode == 2 and REBUILD in message, refused.stderr
        assert "corrupt" in message or "damaged" in message
        assert "Traceback" not in refused.stderr
    assert cli("playbooks", "ingest", "--rebuild").returncode == 0
    found = cli("playbooks", "search", "Passage 29-7 on pricing item 2907", "--k", "1", "--json")
    assert found.returncode == 0 and "2907" in json.loads(found.stdout)[0]["text"], found.stderr


@pytest.mark.parametrize("wrong", [1, 9])
def test_passages_whose_vectors_cannot_be_read_are_reported(
    wrong: int, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    PlaybookLibrary(env.settings()).ensure_ready()
    monkeypatch.setattr(
        "assistant.library.store.ChromaCollection.unreadable_vectors", lambda _self, **_sample: wrong
    )
    refused_everywhere(env, rf"is damaged: {wrong} of the passages")


def segment_folders(chroma_dir: Path) -> set[str]:
    return {path.name for path in chroma_dir.iterdir() if path.is_dir()}


@pytest.mark.parametrize("rebuilds", [1, 3])
def test_each_rebuild_leaves_only_the_segments_in_use(rebuilds: int, env: Env) -> None:
    settings = env.settings()
    PlaybookLibrary(settings).ensure_ready()
    other = load_settings(collection="archive")  # a second collection in the same store is kept
    PlaybookLibrary(other).ensure_ready()
    (settings.chroma_dir / "notes-kept-by-someone").mkdir()
    for _ in range(rebuilds):
        assert runner.invoke(app, ["playbooks", "ingest", "--rebuild"]).exit_code == 0
    assert unused_segments(settings.chroma_dir) == []
    assert len(segment_folders(settings.chroma_dir)) == 3  # ours, the archive's, and the stranger
    assert PlaybookLibrary(other).search("budget"), "the other collection still answers"
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations


def test_the_manifest_records_each_document_and_follows_deletions(env: Env) -> None:
    assistant = Assistant(env.settings())
    library = assistant.library
    ledger = IngestLedger(env.settings().chroma_dir, COLLECTION)
    recorded = json.loads(ledger.manifest.read_text(encoding="utf-8"))["collections"][COLLECTION]
    assert recorded["chunks"] == library.count() and not ledger.marker.exists()
    assert sum(doc["chunks"] for doc in recorded["documents"].values()) == recorded["chunks"]
    assert all(len(doc["hash"]) == 32 for doc in recorded["documents"].values())
    admin = PlaybookAdmin(env.settings(), library, assistant.knowledge)
    admin.delete(next(iter(recorded["documents"])))
    SharedSystemClient.clear_system_cache()
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations, "a deletion is not a damaged index"


def test_an_index_from_before_manifests_is_trusted_and_gets_one(env: Env) -> None:
    PlaybookLibrary(env.settings()).ensure_ready()
    ledger = IngestLedger(env.settings().chroma_dir, COLLECTION)
    ledger.manifest.unlink()
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations
    assert runner.invoke(app, ["playbooks", "ingest"]).exit_code == 0
    assert ledger.manifest.exists()
