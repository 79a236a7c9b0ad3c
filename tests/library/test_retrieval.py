"""The playbook library against a real Chroma store in a temp dir: ingest, search, prune, recover."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.library.embeddings import get_embedder, lexical_features
from assistant.library.playbook_library import PlaybookLibrary, RetrievalError
from assistant.library.store import chroma_embedding_function_class
from assistant.settings import PROJECT_ROOT, Settings

DISCOVERY = """---
title: Discovery questions
kind: discovery
industries: [all]
products: [all]
---

# Discovery questions

## Budget

Ask whether funds are allocated and approved for this fiscal year, and who signs purchase orders.

## Timeline

Ask when the decision must be made and what event drives the date.
"""

HEALTHCARE = """---
title: "Industry play: healthcare"
kind: industry
industries: [healthcare]
products: [compliance_security]
---

## HIPAA and BAA

Hospitals ask for a business associate agreement before any pilot; bring the healthcare expert.

## Zebrafish clinic story

A zebrafish research clinic cut reporting time in half.
"""

MANUFACTURING = """---
title: "Industry play: manufacturing"
kind: industry
industries: [manufacturing]
products: [analytics]
---

## Plant downtime

Unplanned downtime on the assembly line costs plants thousands per hour; ask for the figure.
"""


def _playbooks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {
        "discovery.md": DISCOVERY,
        "industry/healthcare.md": HEALTHCARE,
        "industry/manufacturing.md": MANUFACTURING,
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _playbooks(tmp_path / "playbooks")


@pytest.fixture
def settings(tmp_path: Path, folder: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", embedding="hashing", playbooks_dir=folder)


@pytest.fixture
def library(settings: Settings, folder: Path) -> PlaybookLibrary:
    library = PlaybookLibrary(settings)
    library.ingest([folder])
    return library


def _sources(library: PlaybookLibrary) -> set[str]:
    return {doc.source for doc in library.documents()}


def test_ingest_twice_adds_nothing_the_second_time(settings: Settings, folder: Path) -> None:
    library = PlaybookLibrary(settings)
    first = library.ingest([folder])
    assert (first.documents, first.chunks, first.added, first.errors) == (3, 5, 5, [])
    second = library.ingest([folder])
    assert (second.added, second.unchanged, second.removed) == (0, 5, 0)
    assert library.count() == 5


def test_search_finds_the_section_with_scores_best_first(library: PlaybookLibrary) -> None:
    hits = library.search("business associate agreement for hospitals", k=3)
    assert (hits[0].section, hits[0].source.endswith("industry/healthcare.md")) == ("HIPAA and BAA", True)
    assert hits[0].text.startswith("Industry play: healthcare — HIPAA and BAA\n\n")
    assert hits[0].metadata["kind"] == "industry"
    assert all(0.0 <= hit.score <= 1.0 for hit in hits)
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert len(library.search("budget", k=2)) == 2


def test_changed_document_replaces_its_chunks(library: PlaybookLibrary, folder: Path) -> None:
    path = folder / "industry" / "healthcare.md"
    path.write_text(HEALTHCARE.replace("zebrafish", "platypus"), encoding="utf-8")
    report = library.ingest([folder])
    assert (report.added, report.removed, report.unchanged) == (2, 2, 3)
    assert library.count() == 5
    texts = [hit.text for hit in library.search("zebrafish research clinic", k=5)]
    assert not any("zebrafish" in text for text in texts)
    assert "platypus" in library.search("platypus research clinic", k=1)[0].text


def test_removed_document_leaves_no_chunks(library: PlaybookLibrary, folder: Path) -> None:
    (folder / "industry" / "manufacturing.md").unlink()
    report = library.ingest([folder])
    assert report.removed == 1
    assert not any(source.endswith("manufacturing.md") for source in _sources(library))
    hits = library.search("plant downtime assembly line", k=5)
    assert not any(hit.source.endswith("manufacturing.md") for hit in hits)


def test_prune_only_touches_the_ingested_folder(library: PlaybookLibrary, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "renewals.md").write_text("# Renewals\n\nStart the renewal early.", encoding="utf-8")
    library.ingest([extra])
    assert library.count() == 6  # the first folder's playbooks survive
    (extra / "renewals.md").unlink()
    assert library.ingest([extra], prune=False).removed == 0
    assert library.ingest([extra]).removed == 1


def test_a_file_that_breaks_keeps_its_last_good_chunks(library: PlaybookLibrary, folder: Path) -> None:
    (folder / "discovery.md").write_bytes(b"\x00\x01 binary now")
    report = library.ingest([folder])
    assert report.removed == 0 and len(report.errors) == 1
    assert "discovery.md" in report.errors[0] and "binary" in report.errors[0]
    assert library.search("funds allocated fiscal year", k=1)[0].section == "Budget"


def test_bad_files_are_reported_and_good_ones_still_indexed(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.md").write_text("# Good\n\nPartner tiers: Silver, Gold.", encoding="utf-8")
    (folder / "latin.txt").write_bytes("Año fiscal".encode("latin-1"))
    (folder / "deck.md").write_bytes(b"PK\x03\x04\x00\x00binary")
    report = PlaybookLibrary(settings).ingest([folder, tmp_path / "slides.pdf"])
    assert report.documents == 1 and report.added == 1
    joined = "\n".join(report.errors)
    assert "latin.txt" in joined and "UTF-8" in joined
    assert "deck.md" in joined and "binary" in joined
    assert "slides.pdf" in joined


def test_filters_by_kind_industry_and_product(library: PlaybookLibrary) -> None:
    by_kind = library.search("ask", k=10, kind="industry")
    assert {hit.metadata["kind"] for hit in by_kind} == {"industry"}
    healthcare = library.search("ask", k=10, industry="healthcare")
    assert {Path(hit.source).name for hit in healthcare} == {"healthcare.md", "discovery.md"}  # `all` matches
    only = library.search("ask", k=10, kind="industry", industry="Healthcare")
    assert {Path(hit.source).name for hit in only} == {"healthcare.md"}
    analytics = library.search("ask", k=10, kind="industry", product="analytics")
    assert {Path(hit.source).name for hit in analytics} == {"manufacturing.md"}
    assert library.search("ask", industry="gambling", kind="industry") == []


def test_search_many_equals_individual_searches(library: PlaybookLibrary) -> None:
    queries = ["budget approval", "hospital agreement", "  ", "downtime cost", "budget approval"]
    batch = library.search_many(queries, k=3)
    assert batch[2] == []
    assert batch == [library.search(query, k=3) for query in queries]
    assert library.search_many([]) == []


def test_a_new_library_instance_and_a_new_process_see_the_same_data(
    library: PlaybookLibrary, settings: Settings
) -> None:
    again = PlaybookLibrary(settings)
    assert again.count() == library.count() == 5
    assert again.search("budget approval") == library.search("budget approval")
    code = (
        "from assistant.library.playbook_library import PlaybookLibrary; from assistant.settings import Settings; "
        f"print(PlaybookLibrary(Settings(data_dir={str(settings.data_dir)!r}, embedding='hashing')).count())"
    )
    del library, again
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT)
    assert out.stdout.strip() == "5", out.stderr


def test_documents_lists_each_playbook_once(library: PlaybookLibrary) -> None:
    docs = {Path(doc.source).name: doc for doc in library.documents()}
    assert set(docs) == {"discovery.md", "healthcare.md", "manufacturing.md"}
    assert (docs["healthcare.md"].title, docs["healthcare.md"].kind) == (
        "Industry play: healthcare",
        "industry",
    )
    assert docs["healthcare.md"].chunks == 2
    assert docs["healthcare.md"].metadata["industries"] == "healthcare"


def test_delete_document_by_source_or_path(library: PlaybookLibrary, folder: Path) -> None:
    assert library.delete_document(str(folder / "industry" / "healthcare.md")) == 2
    assert library.count() == 3
    assert library.delete_document("nothing/here.md") == 0


def test_ensure_ready_indexes_the_playbooks_once(settings: Settings) -> None:
    library = PlaybookLibrary(settings)
    assert library.search("budget approval") == [] and library.documents() == []
    report = library.ensure_ready()
    assert report is not None and report.added == 5
    assert library.ensure_ready() is None


def test_progress_reports_chunks_written(settings: Settings, folder: Path) -> None:
    calls: list[tuple[int, int]] = []
    PlaybookLibrary(settings).ingest([folder], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 5) and calls[-1] == (5, 5)


def test_rebuild_drops_and_recreates(library: PlaybookLibrary, folder: Path) -> None:
    report = library.ingest([folder], rebuild=True)
    assert (report.added, report.unchanged) == (5, 0)
    assert library.count() == 5


def test_corrupt_index_says_how_to_fix_and_rebuild_recovers(tmp_path: Path, folder: Path) -> None:
    settings = Settings(data_dir=tmp_path / "broken", embedding="hashing", playbooks_dir=folder)
    settings.chroma_dir.mkdir(parents=True)
    (settings.chroma_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    library = PlaybookLibrary(settings)
    with pytest.raises(RetrievalError, match=r"corrupt or unreadable.*ingest --rebuild"):
        library.count()
    assert library.ingest([folder], rebuild=True).added == 5
    assert library.search("budget approval", k=1)[0].section == "Budget"


def test_concurrent_ingests_from_threads_are_serialised(settings: Settings, folder: Path) -> None:
    libraries = [PlaybookLibrary(settings) for _ in range(4)]
    errors: list[BaseException] = []

    def ingest(library: PlaybookLibrary) -> None:
        try:
            library.ingest([folder])
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=ingest, args=(lib,)) for lib in libraries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and libraries[0].count() == 5


def test_collections_are_per_embedding_and_the_stored_config_has_no_path(settings: Settings) -> None:
    assert PlaybookLibrary(settings).collection_name == "playbooks-hashing"
    minilm = settings.model_copy(update={"embedding": "minilm"})
    assert PlaybookLibrary(minilm).collection_name == "playbooks-minilm"
    adapter = chroma_embedding_function_class()("minilm")
    assert adapter.get_config() == {"embedding": "minilm", "dimension": 384}
    rebuilt = type(adapter).build_from_config(adapter.get_config())
    assert rebuilt.get_config() == adapter.get_config()


def test_hashing_embedding_is_deterministic_across_processes() -> None:
    vector = get_embedder("hashing").embed(["Budget approved for next quarter"])[0]
    code = (
        "from assistant.library.embeddings import get_embedder; "
        "print(repr(get_embedder('hashing').embed(['Budget approved for next quarter'])[0]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, env=env
    )
    assert out.stdout.strip() == repr(vector), out.stderr


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed next to this Python")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.skip("the Chroma server did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_chroma_server_is_used_when_a_url_is_set(chroma_server: str, tmp_path: Path, folder: Path) -> None:
    settings = Settings(data_dir=tmp_path / "unused", embedding="hashing", chroma_url=chroma_server)
    assert PlaybookLibrary(settings).ingest([folder]).added == 5
    assert PlaybookLibrary(settings).search("hospital agreement", k=1)[0].section == "HIPAA and BAA"
    assert not settings.chroma_dir.exists()


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedding="hashing", chroma_url="http://127.0.0.1:9")
    with pytest.raises(RetrievalError, match=r"Chroma server at http://127\.0\.0\.1:9"):
        PlaybookLibrary(settings).count()


@pytest.fixture(scope="module")
def minilm_library(tmp_path_factory: pytest.TempPathFactory) -> PlaybookLibrary:
    root = tmp_path_factory.mktemp("minilm")
    folder = _playbooks(root / "playbooks")
    library = PlaybookLibrary(Settings(data_dir=root / "data", embedding="minilm", playbooks_dir=folder))
    library.ingest([folder])
    return library


@pytest.mark.slow
def test_minilm_finds_a_paraphrase_with_no_word_in_common(minilm_library: PlaybookLibrary) -> None:
    query = "how much money can they spend"
    target = minilm_library.search("budget", k=10)
    budget_text = next(hit.text for hit in target if hit.section == "Budget")
    assert not set(lexical_features(query)) & set(lexical_features(budget_text))
    assert minilm_library.search(query, k=1)[0].section == "Budget"
    assert minilm_library.search("what deadline are they working towards", k=1)[0].section == "Timeline"
    assert minilm_library.search("factory machines stopping unexpectedly", k=1)[0].section == "Plant downtime"
    hit = minilm_library.search("hospital privacy contract before a trial", k=1)[0]
    assert hit.section == "HIPAA and BAA" and hit.score > 0.3


@pytest.mark.skipif(not (PROJECT_ROOT / "playbooks").is_dir(), reason="no shipped playbooks yet")
def test_shipped_playbooks_ingest_cleanly(tmp_path: Path) -> None:
    shipped = PROJECT_ROOT / "playbooks"
    if not any(shipped.glob("*.md")):
        pytest.skip("no shipped playbooks yet")
    library = PlaybookLibrary(Settings(data_dir=tmp_path, embedding="hashing"))
    report = library.ensure_ready()
    assert report is not None and report.errors == [] and report.added > 0
    assert all(doc.source.startswith("playbooks/") and doc.chunks > 0 for doc in library.documents())


def test_query_cache_returns_the_same_vectors_as_embedding() -> None:
    embedder = get_embedder("hashing")
    texts = ["renewal risk", "presupuesto aprobado", "renewal risk"]
    first = embedder.embed_queries(texts)
    assert first == embedder.embed(texts) == embedder.embed_queries(texts)
    assert first[0] == first[2]


def test_hashing_folds_accents_and_plurals_so_spanish_notes_match() -> None:
    assert lexical_features("Presupuéstos aprobados") == lexical_features("presupuesto aprobado")
    assert "question" in lexical_features("Discovery questions")
