"""`langgraph dev` serves the three graphs named in langgraph.json (LangGraph Studio's local server).

langgraph-cli[inmem] is a development tool (requirements-dev.txt); where it is not installed the
test skips, or runs the CLI named by ASSISTANT_TEST_LANGGRAPH_CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.settings import PROJECT_ROOT
from tests.integrations.servers import free_port, running, server_env

GRAPHS = {"qualify", "handoff", "renewal"}
QUALIFY_NODES = [
    "normalise_notes",
    "extract_criteria",
    "score_criteria",
    "recommend",
    "retrieve_playbooks",
    "compose_report",
]


def _langgraph_cli() -> str | None:
    """The `langgraph` command: the one named for tests, else the one beside this Python."""
    named = os.environ.get("ASSISTANT_TEST_LANGGRAPH_CLI")
    if named:
        return named
    beside = Path(sys.executable).parent / "langgraph"
    return str(beside) if beside.exists() else shutil.which("langgraph")


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cli = _langgraph_cli()
    if cli is None:
        pytest.skip("langgraph-cli[inmem] is not installed (pip install -r requirements-dev.txt)")
    # `langgraph dev` keeps its state in .langgraph_api/ under its working folder and reads graph
    # paths from there: it runs in a temporary folder on the shipped langgraph.json, paths made absolute.
    workdir = tmp_path_factory.mktemp("studio-cwd")
    config = json.loads((PROJECT_ROOT / "langgraph.json").read_text())
    config["graphs"] = {name: str(PROJECT_ROOT / spec) for name, spec in config["graphs"].items()}
    config["dependencies"] = [str(PROJECT_ROOT)]
    (workdir / "langgraph.json").write_text(json.dumps(config))
    port = free_port()
    command = [cli, "dev", "--no-browser", "--no-reload", "--port", str(port), "--config", "langgraph.json"]
    env = server_env(tmp_path_factory.mktemp("studio-data"), LANGSMITH_TRACING="false")
    log = tmp_path_factory.mktemp("studio-log") / "server.log"
    with running(command, env, f"http://127.0.0.1:{port}/ok", log, cwd=workdir):
        yield f"http://127.0.0.1:{port}"


def test_langgraph_json_names_the_three_builders() -> None:
    config = json.loads((PROJECT_ROOT / "langgraph.json").read_text())
    assert set(config["graphs"]) == GRAPHS
    for spec in config["graphs"].values():
        path, _, builder = spec.partition(":")
        assert (PROJECT_ROOT / path).is_file() and f"def {builder}(" in (PROJECT_ROOT / path).read_text()


def test_langgraph_dev_serves_the_three_graphs(studio: str) -> None:
    assistants = httpx.post(f"{studio}/assistants/search", json={}, timeout=30).json()
    assert {assistant["graph_id"] for assistant in assistants} == GRAPHS
    qualify = next(a for a in assistants if a["graph_id"] == "qualify")
    graph = httpx.get(f"{studio}/assistants/{qualify['assistant_id']}/graph", timeout=30).json()
    assert [node["id"] for node in graph["nodes"]] == ["__start__", *QUALIFY_NODES, "__end__"]
