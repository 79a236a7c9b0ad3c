"""`sales-assistant mcp` as a real subprocess, driven by the official SDK's own stdio client.

One conversation runs the demo walkthrough (qualify with save, brief, renewal, listings, search,
resources) and a row of bad inputs; the tests below read what it answered. The report must be
the CLI's `qualify --json` report, the bad inputs tool errors with the CLI's messages, and the
server must keep answering after them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, TextIO

import anyio
import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

from assistant.knowledge.load import load_knowledge
from assistant.settings import PROJECT_ROOT
from tests.integrations.servers import CLI, server_env

EXAMPLES = PROJECT_ROOT / "examples"
CALL = (EXAMPLES / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
DEAL = (EXAMPLES / "halvorsen-won-deal-notes.md").read_text(encoding="utf-8")
FACTS = (EXAMPLES / "halvorsen-renewal-facts.yaml").read_text(encoding="utf-8")
ACCOUNT = "Halvorsen Regional Bank"
TOOLS = {
    "qualify_notes",
    "search_playbooks",
    "write_transition_brief",
    "plan_renewal",
    "list_accounts",
    "account_history",
}
BAD_CALLS: dict[str, tuple[str, dict[str, Any]]] = {
    "empty notes": ("qualify_notes", {"notes": "   "}),
    "notes without words": ("qualify_notes", {"notes": "42 🙂"}),
    "impossible date": ("qualify_notes", {"notes": CALL, "call_date": "2026-13-45"}),
    "save without account": ("qualify_notes", {"notes": CALL, "save": True}),
    "malformed facts": ("plan_renewal", {"account": ACCOUNT, "facts": "arr: [unclosed"}),
    "facts missing fields": ("plan_renewal", {"account": ACCOUNT, "facts": '{"arr": "USD 1"}'}),
    "unknown account": ("account_history", {"account": "Nobody Such Corp"}),
    "account without letters": ("write_transition_brief", {"account": "!!!", "deal_notes": DEAL}),
    "k out of range": ("search_playbooks", {"query": "budget", "k": 500}),
}


async def _conversation(params: StdioServerParameters, errlog: TextIO) -> dict[str, Any]:
    """Everything the tests check, from one server process (its stderr into `errlog`)."""
    seen: dict[str, Any] = {}
    async with stdio_client(params, errlog) as (read, write), ClientSession(read, write) as session:
        seen["init"] = await session.initialize()
        seen["tools"] = (await session.list_tools()).tools
        seen["resources"] = (await session.list_resources()).resources
        seen["rubric"] = await session.read_resource("knowledge://rubric")
        seen["roster"] = await session.read_resource("knowledge://roster")
        seen["qualify"] = await session.call_tool("qualify_notes", {"notes": CALL, "call_date": "2026-11-10"})
        saved = {"notes": CALL, "call_date": "2026-11-10", "save": True, "account": ACCOUNT}
        seen["qualify_saved"] = await session.call_tool("qualify_notes", saved)
        brief = {"account": "halvorsen regional bank inc.", "deal_notes": DEAL, "as_of": "2026-11-20"}
        seen["brief"] = await session.call_tool("write_transition_brief", brief)
        seen["renewal"] = await session.call_tool("plan_renewal", {"account": ACCOUNT, "facts": FACTS})
        seen["accounts"] = await session.call_tool("list_accounts", {})
        seen["history"] = await session.call_tool("account_history", {"account": ACCOUNT})
        seen["search"] = await session.call_tool(
            "search_playbooks", {"query": "budget approval questions", "k": 3}
        )
        seen["bad"] = {name: await session.call_tool(tool, args) for name, (tool, args) in BAD_CALLS.items()}
        seen["tools_after"] = (await session.list_tools()).tools
    return seen


@pytest.fixture(scope="module")
def conversation(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    env = server_env(tmp_path_factory.mktemp("mcp-data"))
    params = StdioServerParameters(command=CLI[0], args=[*CLI[1:], "mcp"], env=env, cwd=str(PROJECT_ROOT))
    log_path = tmp_path_factory.mktemp("mcp-log") / "stderr.log"
    with log_path.open("w") as errlog:
        seen: dict[str, Any] = anyio.run(_within_time, params, errlog)
    assert "Traceback" not in log_path.read_text()  # bad input never crashed anything
    return seen


async def _within_time(params: StdioServerParameters, errlog: TextIO) -> dict[str, Any]:
    with anyio.fail_after(240):
        return await _conversation(params, errlog)


def _cli_json(args: list[str], data_dir: Path) -> Any:
    """What the CLI prints for the same request, in its own data directory."""
    done = subprocess.run(
        [*CLI, *args], env=server_env(data_dir), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_server_offers_the_six_tools_and_two_resources(conversation: dict[str, Any]) -> None:
    assert conversation["init"].server_info.name == "sales-assistant"
    assert {tool.name for tool in conversation["tools"]} == TOOLS
    qualify = next(tool for tool in conversation["tools"] if tool.name == "qualify_notes")
    assert qualify.input_schema["required"] == ["notes"]
    assert "verdict" in qualify.output_schema["properties"]
    read_only = {
        tool.name for tool in conversation["tools"] if tool.annotations and tool.annotations.read_only_hint
    }
    assert read_only == {"search_playbooks", "list_accounts", "account_history"}
    assert {str(resource.uri) for resource in conversation["resources"]} == {
        "knowledge://rubric",
        "knowledge://roster",
    }


def test_qualify_notes_returns_the_clis_report(conversation: dict[str, Any], tmp_path: Path) -> None:
    result = conversation["qualify"]
    assert not result.is_error
    report = result.structured_content
    cli = _cli_json(
        ["qualify", str(EXAMPLES / "halvorsen-discovery-call.txt"), "--json", "--as-of", "2026-11-10"],
        tmp_path,
    )
    assert report["verdict"] == cli["verdict"] == "sales_qualified"
    for timed in (report, cli):
        timed["metadata"].pop("elapsed_ms")
    assert report == cli
    assert (
        json.loads(result.content[0].text)["verdict"] == "sales_qualified"
    )  # the text block is the same JSON


def test_the_walkthrough_saves_under_one_account(conversation: dict[str, Any]) -> None:
    assert not conversation["qualify_saved"].is_error
    brief = conversation["brief"].structured_content
    assert brief["account"] == ACCOUNT  # "halvorsen regional bank inc." met the saved account
    assert brief["stakeholders"]
    plan = conversation["renewal"].structured_content
    assert plan["account"] == ACCOUNT and plan["timeline"]
    (summary,) = conversation["accounts"].structured_content["result"]
    assert summary["name"] == ACCOUNT and summary["latest_verdict"] == "sales_qualified"
    assert summary["counts"] == {
        "qualification": 1,
        "deal_notes": 1,
        "brief": 1,
        "renewal_facts": 1,
        "renewal_plan": 1,
    }
    history = conversation["history"].structured_content
    assert [record["kind"] for record in history["records"]] == [
        "qualification",
        "deal_notes",
        "brief",
        "renewal_facts",
        "renewal_plan",
    ]


def test_search_playbooks_matches_the_cli(conversation: dict[str, Any], tmp_path: Path) -> None:
    hits = conversation["search"].structured_content["result"]
    cli = _cli_json(["playbooks", "search", "budget approval questions", "--k", "3", "--json"], tmp_path)
    assert hits == cli and len(hits) == 3


def test_the_rubric_and_roster_are_readable_resources(conversation: dict[str, Any]) -> None:
    knowledge = load_knowledge(PROJECT_ROOT / "knowledge")
    (rubric,) = conversation["rubric"].contents
    assert rubric.mime_type == "application/json"
    assert json.loads(rubric.text)["version"] == knowledge.rubric.version
    (roster,) = conversation["roster"].contents
    assert len(json.loads(roster.text)["people"]) == len(knowledge.roster.people)


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("empty notes", "the notes are empty"),
        ("notes without words", "the notes have no words"),
        ("impossible date", "call_date"),
        ("save without account", "save needs account"),
        ("malformed facts", "malformed YAML"),
        ("facts missing fields", "contract_end"),
        ("unknown account", "no account named 'Nobody Such Corp'"),
        ("account without letters", "has no letters or digits"),
        ("k out of range", "k"),
    ],
)
def test_bad_input_is_a_tool_error_with_the_clis_message(
    conversation: dict[str, Any], case: str, says: str
) -> None:
    result = conversation["bad"][case]
    assert result.is_error
    assert says in result.content[0].text
    assert "Traceback" not in result.content[0].text


def test_the_server_keeps_answering_after_bad_input(conversation: dict[str, Any]) -> None:
    assert {tool.name for tool in conversation["tools_after"]} == TOOLS
