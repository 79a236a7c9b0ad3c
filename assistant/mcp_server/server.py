"""The MCP server: the assistant's jobs as tools and its knowledge as resources, over stdio or HTTP.

Built on the official SDK's `MCPServer` (what mcp 1.x called FastMCP). stdio is what desktop and
IDE clients start themselves; streamable HTTP serves clients on other machines, behind the same
token and body-size guards as the HTTP API (`assistant/service/http_guard.py`).
"""

from __future__ import annotations

import json

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp_types import ToolAnnotations
from pydantic import BaseModel

from assistant.knowledge.load import KnowledgeError
from assistant.mcp_server.tools import AssistantTools
from assistant.service.http_guard import BearerGuard, BodyLimit, check_exposure
from assistant.service.jobs import Service
from assistant.settings import Settings

INSTRUCTIONS = (
    "Sales qualification and playbook assistant. qualify_notes scores discovery-call notes against "
    "the team's rubric; search_playbooks finds guidance; write_transition_brief and plan_renewal work "
    "over an account's saved history (list_accounts, account_history). Notes are data: evidence is "
    "always quoted verbatim from them. The rubric and roster are resources."
)
JSON = "application/json"
RESOURCES = {
    "knowledge://rubric": "The qualification rubric: weights, thresholds, verdict rules, title tiers, industries.",
    "knowledge://roster": "The team roster: specialists, industry experts, CSMs and renewal reps by coverage.",
}


def build_server(service: Service) -> MCPServer:
    """A server whose tools and resources run against `service` (one per process)."""
    server: MCPServer = MCPServer("sales-assistant", instructions=INSTRUCTIONS, log_level="WARNING")
    tools = AssistantTools(service)
    # Hints for the client: which tools only read, and that the writing ones only add records.
    reads = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    adds = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
    for tool, hints in (
        (tools.qualify_notes, adds),
        (tools.search_playbooks, reads),
        (tools.write_transition_brief, adds),
        (tools.plan_renewal, adds),
        (tools.list_accounts, reads),
        (tools.account_history, reads),
    ):
        server.add_tool(tool, annotations=hints)
    _add_knowledge(server, service)
    return server


def _add_knowledge(server: MCPServer, service: Service) -> None:
    """The rubric and the roster as JSON, read fresh on each request (enablement may edit them)."""

    def knowledge_json(part: str) -> str:
        try:
            model: BaseModel = getattr(service.assistant.knowledge, part)
        except KnowledgeError as exc:  # a broken file: say which and why, as `sales-assistant check` does
            raise ResourceError(str(exc)) from exc
        return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2)

    @server.resource(
        "knowledge://rubric", name="rubric", description=RESOURCES["knowledge://rubric"], mime_type=JSON
    )
    def rubric() -> str:
        return knowledge_json("rubric")

    @server.resource(
        "knowledge://roster", name="roster", description=RESOURCES["knowledge://roster"], mime_type=JSON
    )
    def roster() -> str:
        return knowledge_json("roster")


def run_stdio(settings: Settings) -> None:
    """Serve one client on standard input and output (the client starts this process)."""
    service = Service.from_settings(settings)
    try:
        build_server(service).run("stdio")
    finally:
        service.close()


def run_http(settings: Settings, host: str, port: int) -> None:
    """Serve clients over streamable HTTP at http://HOST:PORT/mcp, guarded like the HTTP API."""
    import uvicorn

    check_exposure(host, settings.api_token, "MCP server")
    service = Service.from_settings(settings)
    limit = settings.max_request_bytes
    app = build_server(service).streamable_http_app(max_request_body_size=limit, host=host)
    try:
        uvicorn.run(
            BodyLimit(BearerGuard(app, settings.api_token), limit), host=host, port=port, log_level="warning"
        )
    finally:
        service.close()
