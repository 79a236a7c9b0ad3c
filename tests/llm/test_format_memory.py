"""A server's refusal of `json_schema` is learnt once: later gateways and later processes send one request.

The server is the scripted OpenAI-compatible stub on loopback (tests/openai_stub.py): its first
answer refuses `json_schema` as llama.cpp's server does, and every answer after is the JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel

from assistant.llm.format_memory import FILE_NAME, REMEMBER_S, server_key
from assistant.llm.gateway import LLMGateway
from assistant.settings import PROJECT_ROOT, Settings
from tests.openai_stub import OpenAIStub, Reply, serve

MESSAGES = [{"role": "user", "content": "Summarise the call."}]
REFUSAL = Reply(400, "'response_format.type': Input should be 'text' or 'json_object'")
ANSWER = Reply(200, '{"summary": "retail COO, stockouts"}')


class Summary(BaseModel):
    """A small structured answer."""

    summary: str


def _settings(data_dir: Path, url: str, model: str = "openai/tiny") -> Settings:
    return Settings(data_dir=data_dir, model=model, api_base=url, max_retries=0, timeout_s=10)


def _formats(stub: OpenAIStub) -> list[str]:
    return [seen.response_format for seen in stub.seen]


def test_a_second_gateway_in_the_process_asks_for_json_object_only(tmp_path: Path) -> None:
    with serve({"tiny": [REFUSAL, ANSWER]}) as stub:
        first, _ = LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
        second, usage = LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
    assert first == second == Summary(summary="retail COO, stockouts")
    assert _formats(stub) == ["json_schema", "json_object", "json_object"]
    assert usage.calls == 1


def test_a_second_process_asks_for_json_object_only(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from pydantic import BaseModel\n"
        "from assistant.llm.gateway import LLMGateway; from assistant.settings import Settings\n"
        "class Summary(BaseModel):\n    summary: str\n"
        "settings = Settings(data_dir=Path(sys.argv[1]), model='openai/tiny', api_base=sys.argv[2], max_retries=0)\n"
        "print(LLMGateway(settings).structured([{'role': 'user', 'content': 'Summarise the call.'}], Summary)[0])\n"
    )
    with serve({"tiny": [REFUSAL, ANSWER]}) as stub:
        LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
        done = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path), stub.url],
            capture_output=True,
            text=True,
            cwd=PROJECT_ROOT,
            check=False,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert "retail COO" in done.stdout
    assert _formats(stub) == ["json_schema", "json_object", "json_object"]


def test_the_memory_is_per_model_and_server(tmp_path: Path) -> None:
    with serve({"tiny": [REFUSAL, ANSWER], "other": [ANSWER]}) as stub:
        LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
        LLMGateway(_settings(tmp_path, stub.url, model="openai/other")).structured(MESSAGES, Summary)
        LLMGateway(_settings(tmp_path, stub.url + "/")).structured(MESSAGES, Summary)
    assert _formats(stub) == ["json_schema", "json_object", "json_schema", "json_schema"]


def test_an_unreadable_memory_file_means_unknown_and_is_written_again(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_bytes(b'{"version": 1, "servers": [{"server": "cut sh')
    with serve({"tiny": [REFUSAL, ANSWER]}) as stub:
        LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
        written = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert _formats(stub) == ["json_schema", "json_object"]
    assert written["servers"][0]["server"] == ["openai/tiny", stub.url]


def test_an_old_refusal_is_forgotten_so_an_upgraded_server_is_asked_again(tmp_path: Path) -> None:
    with serve({"tiny": [ANSWER]}) as stub:
        old = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=REMEMBER_S + 60)
        model, where = json.loads(server_key("openai/tiny", stub.url))
        entry = {"server": [model, where], "refused_json_schema": old.isoformat()}
        (tmp_path / FILE_NAME).write_text(json.dumps({"version": 1, "servers": [entry]}), encoding="utf-8")
        LLMGateway(_settings(tmp_path, stub.url)).structured(MESSAGES, Summary)
    assert _formats(stub) == ["json_schema"]


def test_a_password_in_the_server_url_is_not_written(tmp_path: Path) -> None:
    with serve({"tiny": [REFUSAL, ANSWER]}) as stub:
        url = stub.url.replace("http://", "http://user:hunter2hunter2@")
        LLMGateway(_settings(tmp_path, url)).structured(MESSAGES, Summary)
    assert "hunter2" not in (tmp_path / FILE_NAME).read_text(encoding="utf-8")
