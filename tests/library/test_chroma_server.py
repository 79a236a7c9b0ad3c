"""The team setup's playbook index: a real `chroma run` server on loopback, shared by clients.

The server is the `chroma` console script installed with the chromadb package. Without it
the tests skip, unless ASSISTANT_REQUIRE_CHROMA_SERVER=1 (CI), where they fail instead.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.library.playbook_library import PlaybookLibrary, RetrievalError
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, EmbeddingName, Settings

CALL = dt.date(2026, 11, 10)
EXAMPLE = PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt"
REQUIRED = os.environ.get("ASSISTANT_REQUIRE_CHROMA_SERVER") == "1"
EXTRA_PLAYBOOK = """---
title: Procurement at cooperatives
kind: discovery
industries: [all]
products: [all]
---

# Procurement at cooperatives

## Board votes

Cooperatives buy through a board vote held each quarter; ask for the date of the next board meeting.
"""


def _unavailable(reason: str) -> None:
    """Skip on a developer machine; fail in CI, where the server is part of the contract."""
    if REQUIRED:
        pytest.fail(f"{reason} (ASSISTANT_REQUIRE_CHROMA_SERVER=1)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_heartbeat(url: str, server: subprocess.Popen[bytes], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` on a free loopback port with its data in a temp dir, stopped afterwards."""
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        _unavailable(f"the chroma console script is not installed at {chroma}")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = (data.parent / "chroma-server.log").open("wb")
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not _wait_for_heartbeat(url, server):
            _unavailable(f"the Chroma server did not answer its heartbeat at {url}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _settings(data_dir: Path, url: str, embedding: EmbeddingName = "hashing") -> Settings:
    return Settings(data_dir=data_dir, chroma_url=url, embedding=embedding)


def test_qualification_cites_playbooks_held_by_the_server(chroma_url: str, tmp_path: Path) -> None:
    settings = _settings(tmp_path / "sdr", chroma_url)
    report = Assistant(settings).qualify(EXAMPLE.read_text(encoding="utf-8"), CALL)
    assert report.verdict == "sales_qualified"
    assert report.citations
    shipped = {f"playbooks/{path.name}" for path in settings.playbooks_dir.glob("*.md")}
    assert {citation.source for citation in report.citations} <= shipped
    assert not settings.chroma_dir.exists()  # nothing was written to an embedded store


def test_a_second_client_sees_the_same_collection(chroma_url: str, tmp_path: Path) -> None:
    first = PlaybookLibrary(_settings(tmp_path / "one", chroma_url))
    first.ensure_ready()
    second = PlaybookLibrary(_settings(tmp_path / "two", chroma_url))
    assert second.ensure_ready() is None  # already indexed by the first client: nothing to do
    assert second.count() == first.count() > 0
    assert [doc.source for doc in second.documents()] == [doc.source for doc in first.documents()]


def test_a_playbook_ingested_by_another_process_is_found_here(chroma_url: str, tmp_path: Path) -> None:
    library = PlaybookLibrary(_settings(tmp_path / "ui", chroma_url))
    library.ensure_ready()
    extra = tmp_path / "cooperatives.md"
    extra.write_text(EXTRA_PLAYBOOK, encoding="utf-8")
    env = {
        **os.environ,
        "ASSISTANT_CHROMA_URL": chroma_url,
        "ASSISTANT_EMBEDDING": "hashing",
        "ASSISTANT_DATA_DIR": str(tmp_path / "cli"),
    }
    cli = Path(sys.executable).with_name("sales-assistant")
    done = subprocess.run(
        [str(cli), "playbooks", "ingest", str(extra)],
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    hits = library.search("when is the next board vote of the cooperative", k=1)
    assert hits[0].section == "Board votes"
    found = subprocess.run(
        [str(cli), "playbooks", "search", "cooperative board vote", "--k", "1", "--json"],
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert json.loads(found.stdout)[0]["section"] == "Board votes", found.stderr


@pytest.mark.slow
def test_semantic_search_through_the_server(chroma_url: str, tmp_path: Path) -> None:
    library = PlaybookLibrary(_settings(tmp_path, chroma_url, embedding="minilm"))
    library.ingest([PROJECT_ROOT / "playbooks" / "discovery-questions.md"])
    assert library.search("how much money have they set aside for this", k=1)[0].section == "Budget"


def test_an_unreachable_server_is_a_readable_error(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(RetrievalError) as caught:
        Assistant(_settings(tmp_path, url)).qualify(EXAMPLE.read_text(encoding="utf-8"), CALL)
    message = str(caught.value)
    assert f"Chroma server at {url}" in message
    assert "chroma run" in message and "ASSISTANT_CHROMA_URL" in message


def test_the_cli_names_the_unreachable_server_without_a_traceback(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"
    env = {
        **os.environ,
        "ASSISTANT_CHROMA_URL": url,
        "ASSISTANT_EMBEDDING": "hashing",
        "ASSISTANT_DATA_DIR": str(tmp_path),
    }
    cli = Path(sys.executable).with_name("sales-assistant")
    done = subprocess.run(
        [str(cli), "qualify", str(EXAMPLE), "--as-of", "2026-11-10"],
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert f"Chroma server at {url}" in done.stderr
    assert "Traceback" not in done.stderr
