"""`sales-assistant serve` as a real uvicorn process on loopback, over real HTTP.

Two servers: an open one (loopback, no token: the single-machine default) for the jobs, bad
bodies and concurrent clients; a guarded one (a token and a 20 KB body limit) for 401 and 413.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import yaml

from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, load_settings
from tests.integrations.servers import CLI, TOKEN, free_port, running, server_env

EXAMPLES = PROJECT_ROOT / "examples"
CALL = (EXAMPLES / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
DEAL = (EXAMPLES / "halvorsen-won-deal-notes.md").read_text(encoding="utf-8")
FACTS = json.loads(
    json.dumps(yaml.safe_load((EXAMPLES / "halvorsen-renewal-facts.yaml").read_text()), default=str)
)
ACCOUNT = "Halvorsen Regional Bank"
NOTES = {
    "qualified": CALL,
    "nurture": "Call with Tom Becker, IT Manager at Brightline Logistics (about 300 employees). They are curious "
    "about automating invoice matching but have no budget yet and no timeline; maybe next year.",
    "disqualified": "Spoke with Jamie Cole, a student writing a thesis on automation. No company, no budget.",
    "spanish": "Llamada con Marta Gómez, directora financiera de Hospital San Rafael (1.200 personas). Los cierres "
    "mensuales tardan 12 días. Presupuesto aprobado de 250 mil dólares; quieren decidir en tres meses.",
}
SMALL_LIMIT = 20_000


def _serve(tmp_path_factory: pytest.TempPathFactory, name: str, **env: str) -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = server_env(tmp_path_factory.mktemp(f"{name}-data"), **env)
    log = tmp_path_factory.mktemp(f"{name}-log") / "server.log"
    with running([*CLI, "serve", "--port", str(port)], environment, f"{url}/healthz", log):
        yield url
    logged = log.read_text()
    assert "Traceback" not in logged, logged[-3000:]  # nothing crashed
    assert TOKEN not in logged


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory, "open")


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(
        tmp_path_factory, "guarded", ASSISTANT_API_TOKEN=TOKEN, ASSISTANT_MAX_REQUEST_BYTES=str(SMALL_LIMIT)
    )


@pytest.fixture(scope="module")
def expected_verdicts() -> dict[str, str]:
    """Each note's verdict from the assistant in this process: what every answer must say."""
    assistant = Assistant(load_settings(embedding="hashing"))
    return {name: assistant.qualify(notes, dt.date(2026, 11, 10)).verdict for name, notes in NOTES.items()}


def test_qualify_answers_the_report_contract(api: str) -> None:
    answer = httpx.post(f"{api}/v1/qualify", json={"notes": CALL, "call_date": "2026-11-10"}, timeout=60)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["verdict"] == "sales_qualified"
    assert report["criteria"]["budget"]["value"]["amount"] == 180000.0
    assert report["metadata"]["call_date"] == "2026-11-10"
    assert "x-record-id" not in answer.headers


def test_the_walkthrough_over_http(api: str) -> None:
    body = {"notes": CALL, "call_date": "2026-11-10", "save": True, "account": ACCOUNT}
    saved = httpx.post(f"{api}/v1/qualify", json=body, timeout=60)
    assert saved.status_code == 200 and saved.headers["x-record-id"].isdigit()
    brief = httpx.post(
        f"{api}/v1/accounts/halvorsen regional bank inc./handoff",
        json={"deal_notes": DEAL, "as_of": "2026-11-20"},
        timeout=60,
    )
    assert brief.status_code == 200, brief.text
    assert brief.json()["account"] == ACCOUNT
    plan = httpx.post(f"{api}/v1/accounts/{ACCOUNT}/renewal", json={"facts": FACTS}, timeout=60)
    assert plan.status_code == 200, plan.text
    assert plan.json()["renewal_date"] == "2030-01-14"
    listed = httpx.get(f"{api}/v1/accounts", timeout=30).json()
    assert [(a["name"], a["latest_verdict"]) for a in listed] == [(ACCOUNT, "sales_qualified")]
    detail = httpx.get(f"{api}/v1/accounts/{ACCOUNT}", timeout=30).json()
    assert [r["kind"] for r in detail["records"]] == [
        "qualification",
        "deal_notes",
        "brief",
        "renewal_facts",
        "renewal_plan",
    ]
    exported = httpx.get(f"{api}/v1/accounts/{ACCOUNT}/export", timeout=30).json()
    assert exported["records"][0]["source_text"] == CALL


def test_a_batch_answers_every_item_in_order(api: str) -> None:
    items = [
        {"id": "a", "notes": NOTES["nurture"], "call_date": "2026-11-10"},
        {"id": "b"},
        {"id": "c", "notes": "   "},
        {"id": "d", "notes": CALL},
    ]
    answer = httpx.post(f"{api}/v1/qualify/batch", json={"items": items, "as_of": "2026-11-10"}, timeout=60)
    assert answer.status_code == 200, answer.text
    rows = answer.json()["results"]
    assert [row["id"] for row in rows] == ["a", "b", "c", "d"]
    assert rows[0]["report"]["verdict"] == "nurture"
    assert rows[1]["error"] == "notes: Field required"
    assert rows[2]["error"] == "the notes are empty"
    assert rows[3]["report"]["verdict"] == "sales_qualified"


def test_playbook_search(api: str) -> None:
    hits = httpx.get(
        f"{api}/v1/playbooks/search", params={"q": "budget approval questions", "k": 3}, timeout=30
    )
    assert hits.status_code == 200
    assert len(hits.json()) == 3 and set(hits.json()[0]) == {"source", "section", "score", "text"}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "says"),
    [
        ("POST", "/v1/qualify", b"{not json", 400, "not valid JSON"),
        ("POST", "/v1/qualify", {}, 422, "body.notes: Field required"),
        ("POST", "/v1/qualify", {"notes": 42}, 422, "body.notes: Input should be a valid string"),
        (
            "POST",
            "/v1/qualify",
            {"notes": CALL, "call-date": "2026-11-10"},
            422,
            "Extra inputs are not permitted",
        ),
        ("POST", "/v1/qualify", {"notes": CALL, "call_date": "2026-02-30"}, 422, "body.call_date"),
        ("POST", "/v1/qualify", {"notes": "  \n "}, 422, "the notes are empty"),
        ("POST", "/v1/qualify", {"notes": "12345"}, 422, "the notes have no words"),
        ("POST", "/v1/qualify", {"notes": CALL, "save": True}, 422, "save needs account"),
        ("POST", "/v1/qualify", {"notes": CALL, "save": True, "account": "???"}, 422, "no letters or digits"),
        ("POST", "/v1/qualify/batch", {"items": "all"}, 422, "body.items"),
        (
            "POST",
            "/v1/accounts/Acme/renewal",
            {"facts": {"arr": "USD 1"}},
            422,
            "facts.json: contract_start: missing",
        ),
        ("POST", "/v1/accounts/Acme/handoff", {"deal_notes": ""}, 422, "body.deal_notes"),
        ("GET", "/v1/accounts/Nobody%20Such%20Corp", None, 404, "no account named 'Nobody Such Corp'"),
        ("GET", "/v1/playbooks/search?q=budget&k=0", None, 422, "query.k"),
        ("GET", "/v1/nowhere", None, 404, "Not Found"),
    ],
)
def test_bad_requests_get_a_json_error(
    api: str, method: str, path: str, body: Any, status: int, says: str
) -> None:
    content = body if isinstance(body, bytes) else None
    payload = None if isinstance(body, bytes) or body is None else body
    headers = {"Content-Type": "application/json"} if content else None
    answer = httpx.request(method, f"{api}{path}", json=payload, content=content, headers=headers, timeout=30)
    assert answer.status_code == status, answer.text
    assert says in answer.json()["error"]


def test_concurrent_clients_all_get_the_right_verdict(api: str, expected_verdicts: dict[str, str]) -> None:
    assert len(set(expected_verdicts.values())) == 3  # the notes cover every verdict
    jobs = [name for name in NOTES for _ in range(6)]

    def ask(name: str) -> tuple[str, int, str]:
        answer = httpx.post(
            f"{api}/v1/qualify", json={"notes": NOTES[name], "call_date": "2026-11-10"}, timeout=120
        )
        return name, answer.status_code, answer.json().get("verdict", answer.text)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, jobs))
    assert [(status, verdict) for _, status, verdict in answers] == [
        (200, expected_verdicts[n]) for n in jobs
    ]


def test_health_and_docs_are_open(guarded: str) -> None:
    assert httpx.get(f"{guarded}/healthz", timeout=10).json() == {"status": "ok"}
    assert "swagger" in httpx.get(f"{guarded}/docs", timeout=10).text.lower()
    schema = httpx.get(f"{guarded}/openapi.json", timeout=10).json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-token-0123456789"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": TOKEN},
    ],
)
def test_without_the_right_token_the_answer_is_401(guarded: str, headers: dict[str, str]) -> None:
    answer = httpx.get(f"{guarded}/v1/accounts", headers=headers, timeout=10)
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == "Bearer"
    assert "bearer token" in answer.json()["error"]


def test_with_the_token_the_api_answers(guarded: str) -> None:
    answer = httpx.post(
        f"{guarded}/v1/qualify",
        json={"notes": CALL, "call_date": "2026-11-10"},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert answer.status_code == 200 and answer.json()["verdict"] == "sales_qualified"


def test_a_body_over_the_limit_is_413(guarded: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    answer = httpx.post(
        f"{guarded}/v1/qualify", json={"notes": "x " * SMALL_LIMIT}, headers=headers, timeout=30
    )
    assert answer.status_code == 413
    assert "ASSISTANT_MAX_REQUEST_BYTES" in answer.json()["error"]


def test_a_chunked_body_over_the_limit_is_413(guarded: str) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the server counts as it reads
        yield b'{"notes": "'
        for _ in range(SMALL_LIMIT // 1000 + 5):
            yield b"y" * 1000
        yield b'"}'

    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    answer = httpx.post(f"{guarded}/v1/qualify", content=chunks(), headers=headers, timeout=30)
    assert answer.status_code == 413


def test_413_comes_before_the_body_is_sent(guarded: str) -> None:
    """A client announcing 1 GB gets its 413 at once, having sent only the headers and a few bytes."""
    host, port = guarded.removeprefix("http://").split(":")
    request = (
        f"POST /v1/qualify HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
        'Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{"notes": "'
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        head = connection.recv(4096).decode("latin-1")
    assert head.startswith("HTTP/1.1 413")
