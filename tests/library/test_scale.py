"""A library past SQLite's 32,766 bound variables ingests, lists, searches and re-ingests one changed file.

Chroma binds a variable per row it reads, so reading a collection of 32,767 passages in one `get`
failed with "too many SQL variables", told as a corrupt index: `playbooks list` and every
re-ingest stopped there. 33,000 short passages with the cheap hashing embedding (330 files of
100 sections) are the smallest library past that line; most of the test's time is Chroma's own
vector index taking them in.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.library import documents
from assistant.library.manifest import IngestLedger
from assistant.library.playbook_library import PlaybookLibrary
from assistant.settings import Settings

FILES = 330
SECTIONS = 100
PASSAGES = FILES * SECTIONS
assert PASSAGES > 32_766


def write_library(folder: Path) -> None:
    """FILES Markdown playbooks of SECTIONS one-line sections, each passage unique."""
    folder.mkdir()
    for number in range(FILES):
        kind = "renewal" if number % 3 == 0 else "discovery"
        sections = "".join(f"## S{s}\n\nitem{number}x{s} price{s}\n\n" for s in range(SECTIONS))
        text = f"---\ntitle: Book {number}\nkind: {kind}\n---\n\n{sections}"
        path = folder / f"book{number:03d}.md"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (time.time() - 3600, time.time() - 3600))  # written an hour ago: stamps are trusted


def test_a_library_of_33000_passages_ingests_lists_searches_and_reingests_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "playbooks"
    write_library(folder)
    settings = Settings(data_dir=tmp_path / "data", embedding="hashing", playbooks_dir=folder)
    for name, value in (("DATA_DIR", settings.data_dir), ("EMBEDDING", "hashing"), ("PLAYBOOKS_DIR", folder)):
        monkeypatch.setenv(f"ASSISTANT_{name}", str(value))
    library = PlaybookLibrary(settings)

    report = library.ingest([folder])
    assert (report.documents, report.chunks, report.added, report.errors) == (FILES, PASSAGES, PASSAGES, [])

    listed = CliRunner().invoke(app, ["playbooks", "list"])
    assert listed.exit_code == 0, listed.output
    assert " ".join(listed.stdout.split()).count(f"· {SECTIONS} passages ·") == FILES  # lines wrap at 80
    assert sum(doc.chunks for doc in library.documents()) == PASSAGES

    hits = library.search("item123x45 price45", k=5)
    # Chroma's HNSW index is approximate, and at this size it missed the exact passage now and then
    # (hashing vectors of one-line passages are nearly orthogonal), so only the shape is checked here
    assert len(hits) == 5 and all(hit.source.startswith(str(folder)) for hit in hits)
    renewal = library.search("item124x7 price7", k=3, kind="renewal")  # book 124 is discovery
    assert renewal and all(hit.metadata["kind"] == "renewal" for hit in renewal)

    read: list[Path] = []
    real_load = documents.load_document
    monkeypatch.setattr(documents, "load_document", lambda path: read.append(path) or real_load(path))
    changed = folder / "book200.md"
    changed.write_text(changed.read_text(encoding="utf-8") + "## Late\n\nlateitem budget owner\n", "utf-8")
    again = library.ingest([folder])
    assert read == [changed], "only the changed file is read again"
    assert (again.documents, again.chunks, again.added, again.removed) == (
        FILES,
        PASSAGES + 1,
        SECTIONS + 1,
        SECTIONS,
    )
    assert library.count() == PASSAGES + 1
    listed_after = {Path(doc.source).name: doc.chunks for doc in library.documents()}
    assert listed_after["book200.md"] == SECTIONS + 1 and listed_after["book201.md"] == SECTIONS
    manifest = json.loads(
        IngestLedger(settings.chroma_dir, library.collection_name).manifest.read_text("utf-8")
    )
    assert manifest["collections"][library.collection_name]["chunks"] == PASSAGES + 1
