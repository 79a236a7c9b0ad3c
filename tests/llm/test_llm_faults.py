"""Fault injection on the LLM path, against a real local HTTP server that fails on cue.

`FaultServer` is a tiny OpenAI-compatible `/v1/chat/completions` (http.server in a thread on
127.0.0.1, a random port) that hangs past the timeout, answers 500/502/503 or 429 with
Retry-After, cuts its body mid-JSON, closes the connection mid-response, sends prose instead of
JSON, no choices at all, or schema-valid nonsense. Connection refused is a closed port. Every
failure goes through the three LLM consumers (qualify engine, handoff reader, renewal advisor)
and must end in the offline result with the reason in its warnings; nonsense must be dropped
and counted; the batch must finish every line in order. The gateway never streams, so a cut
SSE stream has no path to test: a cut body is its non-streaming twin. This is not a model, so
no cassettes: the server is the fixture. Small timeouts and retry counts keep it fast.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.domain import CriterionName
from assistant.handoff import DealReader, OfflineDealReader
from assistant.handoff.context import HandoffContext
from assistant.handoff.graph import build_brief
from assistant.handoff.llm_reader import LLMDealReader
from assistant.handoff.schemas import TransitionBrief
from assistant.knowledge.load import Knowledge
from assistant.library.playbook_library import PlaybookLibrary
from assistant.llm.gateway import LLMGateway
from assistant.qualify.schemas import QualificationReport
from assistant.renewal.facts import load_facts
from assistant.renewal.graph import build_plan
from assistant.renewal.llm_advisor import LLMRenewalAdvisor
from assistant.renewal.schemas import RenewalPlan
from assistant.runtime import Assistant
from assistant.settings import Settings
from tests.handoff_support import AS_OF, halvorsen_sources
from tests.renewal_support import HALVORSEN

CALL = dt.date(2026, 11, 10)
NOTES = (
    "Call with Ana Ruiz, COO at Vela Retail (40 employees). Stockouts cost them sales every week. "
    "No budget yet. They might decide in 2028."
)
TIMEOUT_S = 0.4
Action = Callable[[BaseHTTPRequestHandler], None]


def completion(content: str) -> bytes:
    return json.dumps(
        {
            "id": "chatcmpl-fault",
            "object": "chat.completion",
            "created": 0,
            "model": "tiny",
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
            ],
            "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
        }
    ).encode()


def _send(
    handler: BaseHTTPRequestHandler,
    code: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    *,
    declared: int | None = None,
) -> None:
    handler.send_response(code)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body) if declared is None else declared))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
    handler.wfile.flush()


def answer(content: str) -> Action:
    return lambda handler: _send(handler, 200, completion(content))


def status(
    code: int, headers: dict[str, str] | None = None, body: bytes = b'{"error": {"message": "boom"}}'
) -> Action:
    return lambda handler: _send(handler, code, body, headers)


def hang(seconds: float = 3 * TIMEOUT_S) -> Action:
    def act(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        _send(handler, 200, completion("{}"))

    return act


def cut_body(handler: BaseHTTPRequestHandler) -> None:
    """Promise the whole answer, send half of it, close the connection."""
    body = completion("{}")
    _send(handler, 200, body[: len(body) // 2], declared=len(body))
    handler.close_connection = True


def cut_json(handler: BaseHTTPRequestHandler) -> None:
    """A complete HTTP response whose JSON body stops mid-string."""
    _send(handler, 200, completion('{"title": {"status": "met"}}')[:70])


def no_choices(handler: BaseHTTPRequestHandler) -> None:
    _send(
        handler,
        200,
        b'{"id": "x", "object": "chat.completion", "created": 0, "model": "tiny", "choices": []}',
    )


@dataclass
class FaultServer:
    """Answers each request with the next scripted action (the last one repeats), or by marker."""

    plan: list[Action] = field(default_factory=list)
    by_marker: dict[str, Action] = field(default_factory=dict)
    arrivals: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def script(self, *actions: Action) -> None:
        self.plan, self.arrivals = list(actions), []

    def next_action(self, body: dict[str, Any]) -> Action:
        text = json.dumps(body.get("messages", []))
        with self._lock:
            self.arrivals.append(time.monotonic())
            for marker, action in self.by_marker.items():
                if marker in text:
                    return action
            return self.plan.pop(0) if len(self.plan) > 1 else self.plan[0]


def _handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            with suppress(OSError):  # the client gave up (timeout) or we cut the connection
                server.next_action(body)(self)

    return Handler


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    fault_server = FaultServer()
    yield fault_server
    fault_server.httpd.shutdown()
    fault_server.httpd.server_close()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One indexed library for the module (hashing): the LLM path is under test, not retrieval."""
    folder = tmp_path_factory.mktemp("faults")
    PlaybookLibrary(Settings(data_dir=folder, embedding="hashing")).ensure_ready()
    return folder


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def llm_settings(data_dir: Path, api_base: str, max_retries: int = 0) -> Settings:
    return Settings(
        data_dir=data_dir,
        embedding="hashing",
        model="openai/tiny",
        api_base=api_base,
        max_retries=max_retries,
        timeout_s=TIMEOUT_S,
    )


def qualify(settings: Settings) -> QualificationReport:
    return Assistant(settings).qualify(NOTES, CALL)


def handoff(settings: Settings, knowledge: Knowledge) -> TransitionBrief:
    reader: DealReader = LLMDealReader(LLMGateway(settings)) if settings.model else OfflineDealReader()
    context = HandoffContext(knowledge, reader, settings, None)
    return build_brief("Halvorsen Regional Bank", halvorsen_sources(), context=context, as_of=AS_OF)


def renewal(settings: Settings, knowledge: Knowledge) -> RenewalPlan:
    advisor = LLMRenewalAdvisor(LLMGateway(settings)) if settings.model else None
    library = PlaybookLibrary(settings)
    return build_plan(
        load_facts(HALVORSEN), knowledge=knowledge, settings=settings, advisor=advisor, library=library
    )


def offline_twin(consumer: str, data_dir: Path, knowledge: Knowledge) -> object:
    """What the user would get with no model: the fallback must equal it."""
    return run_consumer(consumer, Settings(data_dir=data_dir, embedding="hashing"), knowledge)[2]


def run_consumer(consumer: str, settings: Settings, knowledge: Knowledge) -> tuple[str, list[str], object]:
    """(engine, warnings, the parts the offline twin must equal) of one consumer's result."""
    if consumer == "qualify":
        report = qualify(settings)
        return report.engine, report.warnings, (report.criteria, report.verdict, report.recommendations)
    if consumer == "handoff":
        brief = handoff(settings, knowledge)
        return brief.engine, brief.warnings, (brief.commitments, brief.stakeholders, brief.snapshot)
    plan = renewal(settings, knowledge)
    return plan.engine, plan.warnings, (plan.talking_points, plan.negotiation, plan.risk_narrative)


WARNING_PREFIX = {
    "qualify": "LLM engine failed",
    "handoff": "LLM reader failed",
    "renewal": "LLM advisor failed",
}
FAILURES: dict[str, tuple[list[Action], str, str]] = {
    "timeout": ([hang()], "timeout", "did not answer in time"),
    "http_500": ([status(500)], "http", "HTTP 500"),
    "http_502": ([status(502, body=b"<html>Bad gateway</html>")], "http", "HTTP 502"),
    "http_503": ([status(503, {"Retry-After": "1"})], "http", "HTTP 503"),
    "rate_limit": ([status(429, {"Retry-After": "1"})], "rate_limit", "HTTP 429"),
    "refused": ([], "connection", "cannot reach the model server"),
    "cut_body": ([cut_body], "invalid_output", "closed the connection before its answer was complete"),
    "cut_json": ([cut_json], "invalid_output", "truncated or malformed"),
    "not_json": (
        [answer("Sure! The lead looks qualified to me.")],
        "invalid_output",
        "did not match the schema",
    ),
    "no_choices": ([no_choices], "invalid_output", "no choices"),
}


@pytest.mark.parametrize("consumer", ["qualify", "handoff", "renewal"])
@pytest.mark.parametrize("fault", list(FAILURES))
def test_every_failure_ends_in_the_offline_result_with_the_reason(
    server: FaultServer, data_dir: Path, knowledge: Knowledge, fault: str, consumer: str
) -> None:
    actions, kind, detail = FAILURES[fault]
    if actions:
        server.script(*actions)
    api_base = server.url if actions else closed_port_url()
    engine, warnings, parts = run_consumer(consumer, llm_settings(data_dir, api_base), knowledge)
    assert engine == "offline"
    failed = [w for w in warnings if w.startswith(WARNING_PREFIX[consumer])]
    assert len(failed) == 1 and f"({kind}:" in failed[0] and detail in failed[0], warnings
    assert parts == offline_twin(consumer, data_dir, knowledge), "the fallback is exactly the offline result"


def test_prose_gets_one_repair_request_and_no_more(server: FaultServer, data_dir: Path) -> None:
    server.script(answer("Sure! The lead looks qualified to me."))
    report = qualify(llm_settings(data_dir, server.url, max_retries=3))
    assert report.engine == "offline" and len(server.arrivals) == 2, "one call and one repair, no retries"


VALID = json.dumps({"title": {"evidence": ["COO at Vela Retail"], "value": "COO", "status": "met"}})


@pytest.mark.parametrize(
    ("first", "headers"),
    [
        pytest.param(429, {"Retry-After": "1"}, id="429_retry_after_seconds"),
        pytest.param(429, {"retry-after-ms": "300"}, id="429_retry_after_ms"),
        pytest.param(503, {"Retry-After": "1"}, id="503_retry_after"),
    ],
)
def test_the_gateway_waits_as_the_server_asks_then_answers(
    server: FaultServer, data_dir: Path, first: int, headers: dict[str, str]
) -> None:
    server.script(status(first, headers), answer(VALID))
    report = qualify(llm_settings(data_dir, server.url, max_retries=2))
    assert report.engine == "litellm:openai/tiny"
    assert not any(w.startswith("LLM engine failed") for w in report.warnings)
    assert len(server.arrivals) == 2, "litellm made one request per attempt: no hidden retries"
    asked = (
        float(headers["Retry-After"]) if "Retry-After" in headers else float(headers["retry-after-ms"]) / 1000
    )
    assert server.arrivals[1] - server.arrivals[0] >= asked * 0.95, "the retry waited what the server asked"


def test_a_server_that_keeps_rate_limiting_is_given_up_on(server: FaultServer, data_dir: Path) -> None:
    server.script(status(429, {"Retry-After": "1"}))
    report = qualify(llm_settings(data_dir, server.url, max_retries=1))
    assert report.engine == "offline" and len(server.arrivals) == 2
    warning = next(w for w in report.warnings if w.startswith("LLM engine failed"))
    assert "(rate_limit:" in warning and "gave up after 2 attempts and 1.0 s of waiting" in warning


def test_a_wait_longer_than_the_cap_is_not_taken(server: FaultServer, data_dir: Path) -> None:
    server.script(status(429, {"Retry-After": "3600"}))
    report = qualify(llm_settings(data_dir, server.url, max_retries=5))
    assert report.engine == "offline" and len(server.arrivals) == 1, "no request after a quota-reset wait"
    warning = next(w for w in report.warnings if w.startswith("LLM engine failed"))
    assert "asked to wait 3600 s, longer than the 30 s we wait" in warning


@pytest.mark.parametrize(
    "first",
    [
        pytest.param(hang(), id="timeout"),
        pytest.param(status(500), id="http_500"),
        pytest.param(cut_body, id="cut_body"),
        pytest.param(cut_json, id="cut_json"),
    ],
)
def test_a_transient_failure_is_retried_and_the_model_answers(
    server: FaultServer, data_dir: Path, first: Action
) -> None:
    server.script(first, answer(VALID))
    report = qualify(llm_settings(data_dir, server.url, max_retries=1))
    assert report.engine == "litellm:openai/tiny" and len(server.arrivals) == 2
    assert report.criteria["title"].evidence == ["COO at Vela Retail"]


@pytest.mark.parametrize("code", [400, 401, 404])
def test_client_errors_are_not_retried(server: FaultServer, data_dir: Path, code: int) -> None:
    server.script(status(code, body=b'{"error": {"message": "wrong key or model"}}'))
    report = qualify(llm_settings(data_dir, server.url, max_retries=3))
    assert report.engine == "offline" and len(server.arrivals) == 1
    assert any(f"(http: the model call failed (HTTP {code})" in w for w in report.warnings)


def test_qualify_drops_invented_quotes_and_ignores_out_of_range_numbers(
    server: FaultServer, data_dir: Path
) -> None:
    nonsense = {
        "title": {"evidence": ["CEO and founder of Vela Retail"], "value": "CEO", "status": "met"},
        "problem": {"evidence": ["They lose $2M a day to fraud"], "status": "met"},
        "size": {"evidence": ["Vela Retail (40 employees)"], "status": "partial"},
        "numbers": {"employees": -40, "budget_amount": -5000, "decision_date": "2026-13-45"},
        "next_questions": ["Ignore the rubric", "Who signs the order?"],
    }
    server.script(answer(json.dumps(nonsense)))
    report = qualify(llm_settings(data_dir, server.url))
    offline = qualify(Settings(data_dir=data_dir, embedding="hashing"))
    assert report.engine == "litellm:openai/tiny"
    assert "2 quote(s) from the model were not found in the notes and were dropped" in report.warnings
    assert report.criteria["title"] == offline.criteria["title"], (
        "an invented quote leaves the offline reading"
    )
    assert report.criteria["problem"] == offline.criteria["problem"]
    size = report.criteria["size"]
    assert size.model_copy(update={"needs_review": False, "review_reason": ""}) == offline.criteria["size"], (
        "-40 employees is not what its quote says: the offline reading stands"
    )
    assert size.needs_review, "and the refused reading is flagged for a person"
    assert report.criteria["budget"] == offline.criteria["budget"]
    assert any(
        w.startswith("size: the model's reading (-40 employees) was not supported") for w in report.warnings
    )
    assert "Ignore the rubric" not in report.next_questions


# A verbatim quote is not enough: a number out of range or not in the quote, or a status the quote
# contradicts, leaves the offline reading (assistant/qualify/llm_checks.py).
@pytest.mark.parametrize(
    ("criterion", "claim", "numbers"),
    [
        pytest.param("size", ["Vela Retail (40 employees)"], {"employees": -40}, id="negative_employees"),
        pytest.param("size", ["Vela Retail (40 employees)"], {"employees": 50000}, id="invented_employees"),
        pytest.param("budget", ["No budget yet."], {}, id="negated_budget"),
        pytest.param(
            "timeline", ["They might decide in 2028."], {"decision_date": "2026-13-45"}, id="bad_date"
        ),
    ],
)
def test_qualify_ignores_statuses_the_quotes_contradict(
    server: FaultServer,
    data_dir: Path,
    criterion: CriterionName,
    claim: list[str],
    numbers: dict[str, object],
) -> None:
    server.script(answer(json.dumps({criterion: {"evidence": claim, "status": "met"}, "numbers": numbers})))
    report = qualify(llm_settings(data_dir, server.url))
    offline = qualify(Settings(data_dir=data_dir, embedding="hashing"))
    assert offline.criteria[criterion].status != "met"
    assert report.criteria[criterion].status == offline.criteria[criterion].status


def test_handoff_drops_lines_and_contacts_the_sources_do_not_hold(
    server: FaultServer, data_dir: Path, knowledge: Knowledge
) -> None:
    first = halvorsen_sources()[0]
    real = first.text.split(".")[0].strip()
    nonsense = {
        "commitments": [
            {
                "source_id": first.id,
                "quote": "We promised free onboarding forever",
                "text": "Free onboarding forever",
            },
            {"source_id": "no-such-source", "quote": real, "text": real},
            {"source_id": first.id, "quote": real, "text": "A 99% discount was agreed"},
        ],
        "stakeholders": [
            {
                "name": "Zed Quorra",
                "title": "CEO",
                "roles": ["champion"],
                "source_id": first.id,
                "quote": real,
            }
        ],
    }
    server.script(answer(json.dumps(nonsense)))
    brief = handoff(llm_settings(data_dir, server.url), knowledge)
    offline = handoff(Settings(data_dir=data_dir, embedding="hashing"), knowledge)
    assert brief.engine == "litellm:openai/tiny"
    assert any(w.startswith("4 item(s) from the model were dropped") for w in brief.warnings), brief.warnings
    assert brief.commitments == offline.commitments and brief.stakeholders == offline.stakeholders


def test_renewal_drops_uncited_numbered_and_fragment_lines(
    server: FaultServer, data_dir: Path, knowledge: Knowledge
) -> None:
    nonsense = {
        "risk_narrative": "risk_narrative",
        "talking_points": [
            {"passage": 99, "text": "Lead with the executive sponsor's goals for the next year."},
            {"passage": 1, "text": "Offer a 45% discount to close the renewal this week."},
        ],
        "negotiation": ["Ask for a 12,345,678 seat expansion at no cost to them."],
    }
    server.script(answer(json.dumps(nonsense)))
    plan = renewal(llm_settings(data_dir, server.url), knowledge)
    offline = renewal(Settings(data_dir=data_dir, embedding="hashing"), knowledge)
    assert plan.engine == "litellm:openai/tiny"
    assert "1 talking point from the model cited no passage that was sent and was dropped" in plan.warnings
    assert "2 lines from the model carried numbers not in the plan and were dropped" in plan.warnings
    assert (plan.talking_points, plan.negotiation.guidance, plan.risk_narrative) == (
        offline.talking_points,
        offline.negotiation.guidance,
        offline.risk_narrative,
    )


BATCH_FAULTS: dict[str, Action] = {
    "fault-timeout": hang(),
    "fault-http500": status(500),
    "fault-ratelimit": status(429, {"Retry-After": "1"}),
    "fault-cutbody": cut_body,
    "fault-cutjson": cut_json,
    "fault-prose": answer("Looks good to me."),
    "fault-nochoices": no_choices,
    "fault-none": answer(VALID),
}


def test_the_batch_finishes_every_line_in_order(
    server: FaultServer, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.by_marker = BATCH_FAULTS
    leads = tmp_path / "leads.jsonl"
    markers = list(BATCH_FAULTS) * 2
    leads.write_text(
        "".join(
            json.dumps({"id": f"lead-{n}", "notes": f"{NOTES} Ref {marker}.", "call_date": CALL.isoformat()})
            + "\n"
            for n, marker in enumerate(markers)
        )
    )
    for name, value in {
        "DATA_DIR": str(data_dir),
        "EMBEDDING": "hashing",
        "MAX_RETRIES": "0",
        "TIMEOUT_S": str(TIMEOUT_S),
        "LLM_CONCURRENCY": "4",
    }.items():
        monkeypatch.setenv(f"ASSISTANT_{name}", value)
    try:
        result = CliRunner().invoke(
            app,
            [
                "qualify-batch",
                str(leads),
                "--out",
                str(tmp_path / "out.jsonl"),
                "--model",
                "openai/tiny",
                "--api-base",
                server.url,
            ],
        )
    finally:
        server.by_marker = {}
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [row["id"] for row in rows] == [f"lead-{n}" for n in range(len(markers))]
    for row, marker in zip(rows, markers, strict=True):
        report = row["report"]
        fell_back = [w for w in report["warnings"] if w.startswith("LLM engine failed")]
        assert (report["engine"] == "offline") == (marker != "fault-none") == bool(fell_back), (
            marker,
            report["warnings"],
        )
