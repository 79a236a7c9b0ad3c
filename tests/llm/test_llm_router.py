"""The team's LiteLLM Router (ASSISTANT_ROUTER_CONFIG): fallbacks, rate limits, and the gateway's rules kept.

The models are a scripted OpenAI-compatible server on loopback (tests/openai_stub.py): real
HTTP through litellm and its Router, with answers and failures (429, 500, a refused
`json_schema`) given on demand, which neither a live server nor a cassette offers.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from assistant.llm.gateway import LLMError, LLMGateway
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from tests.openai_stub import Reply, serve

CALL = dt.date(2026, 11, 10)
NOTES = "Call with Ana Ruiz, COO at Vela Retail (400 employees). Stockouts cost them sales."
EXAMPLE_CONFIG = PROJECT_ROOT / "docs" / "router.example.yaml"
MESSAGES = [{"role": "user", "content": "Summarise the call."}]
REFUSAL = Reply(400, "'response_format.type': Input should be 'text' or 'json_object'")
ANSWER = json.dumps(
    {
        "title": {"status": "met", "value": "COO", "evidence": ["Ana Ruiz, COO at Vela Retail"]},
        "problem": {"status": "partial", "evidence": ["Stockouts cost them sales."]},
        "size": {"status": "met", "evidence": ["400 employees"]},
        "numbers": {"employees": 400},
    }
)


class Summary(BaseModel):
    """A small structured answer for gateway-level tests."""

    summary: str


SUMMARY = Reply(200, '{"summary": "retail COO, stockouts"}')


def write_config(folder: Path, url: str, *, primary_rpm: int | None = None, fallback: bool = True) -> Path:
    """Group `qualifier` (model `primary`) falling back to group `backup` (model `secondary`);
    with `primary_rpm`, the router tracks usage and keeps `primary` under that many requests a minute."""
    primary: dict[str, object] = {
        "model": "openai/primary",
        "api_base": url,
        "api_key": "os.environ/STUB_KEY",
    }
    if primary_rpm:
        primary["rpm"] = primary_rpm
    config = {
        "model_list": [
            {"model_name": "qualifier", "litellm_params": primary},
            {
                "model_name": "backup",
                "litellm_params": {"model": "openai/secondary", "api_base": url, "api_key": "k2"},
            },
        ],
        "router_settings": {
            "num_retries": 0,
            "fallbacks": [{"qualifier": ["backup"]}] if fallback else [],
            "routing_strategy": "usage-based-routing-v2" if primary_rpm else "simple-shuffle",
        },
    }
    path = folder / "router.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _stub_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUB_KEY", "s3cret")


def routed(tmp_path: Path, config: Path, model: str = "qualifier") -> Settings:
    return Settings(data_dir=tmp_path, embedding="hashing", model=model, router_config=config, timeout_s=10)


def test_a_rate_limited_model_falls_back_to_the_next_group(tmp_path: Path) -> None:
    with serve({"primary": [Reply(429, "Rate limit reached")], "secondary": [Reply(200, ANSWER)]}) as stub:
        report = Assistant(routed(tmp_path, write_config(tmp_path, stub.url))).qualify(NOTES, CALL)
    assert stub.models_seen() == ["primary", "secondary"]
    assert report.engine == "litellm:qualifier"
    assert not any("LLM engine failed" in warning for warning in report.warnings)
    assert "Ana Ruiz, COO at Vela Retail" in report.criteria["title"].evidence


def test_a_server_error_falls_back_and_usage_counts_the_answer(tmp_path: Path) -> None:
    with serve({"primary": [Reply(500, "internal error")], "secondary": [SUMMARY]}) as stub:
        gateway = LLMGateway(routed(tmp_path, write_config(tmp_path, stub.url)))
        value, usage = gateway.structured(MESSAGES, Summary)
    assert value.summary == "retail COO, stockouts"
    assert stub.models_seen() == ["primary", "secondary"]
    assert (usage.model, usage.calls, usage.prompt_tokens, usage.completion_tokens) == (
        "qualifier",
        1,
        120,
        30,
    )


def test_requests_over_the_rpm_limit_go_to_the_fallback(tmp_path: Path) -> None:
    with serve({"primary": [SUMMARY], "secondary": [SUMMARY]}) as stub:
        gateway = LLMGateway(routed(tmp_path, write_config(tmp_path, stub.url, primary_rpm=1)))
        for _ in range(3):
            gateway.structured(MESSAGES, Summary)
    assert stub.models_seen() == ["primary", "secondary", "secondary"]


def test_when_every_group_fails_the_offline_engine_answers_and_says_why(tmp_path: Path) -> None:
    busy = [Reply(429, "Rate limit reached")]
    with serve({"primary": busy, "secondary": busy}) as stub:
        settings = routed(tmp_path, write_config(tmp_path, stub.url))
        with pytest.raises(LLMError) as caught:
            LLMGateway(settings).structured(MESSAGES, Summary)
        report = Assistant(settings).qualify(NOTES, CALL)
    assert caught.value.kind == "rate_limit"
    assert report.engine == "offline"
    assert any("LLM engine failed (rate_limit" in warning for warning in report.warnings)


def test_a_refused_json_schema_is_asked_again_as_json_object(tmp_path: Path) -> None:
    with serve({"primary": [REFUSAL, SUMMARY]}) as stub:
        gateway = LLMGateway(routed(tmp_path, write_config(tmp_path, stub.url, fallback=False)))
        gateway.structured(MESSAGES, Summary)
        gateway.structured(MESSAGES, Summary)
    assert [seen.response_format for seen in stub.seen] == ["json_schema", "json_object", "json_object"]


def test_an_invalid_answer_gets_one_repair_through_the_router(tmp_path: Path) -> None:
    with serve({"primary": [Reply(200, '{"summary": '), SUMMARY]}) as stub:
        gateway = LLMGateway(routed(tmp_path, write_config(tmp_path, stub.url)))
        value, usage = gateway.structured(MESSAGES, Summary)
    assert value.summary == "retail COO, stockouts"
    assert usage.calls == 2 and stub.models_seen() == ["primary", "primary"]


def test_keys_come_from_the_environment_not_the_file(tmp_path: Path) -> None:
    with serve({"primary": [SUMMARY]}) as stub:
        LLMGateway(routed(tmp_path, write_config(tmp_path, stub.url))).structured(MESSAGES, Summary)
    assert stub.seen[0].authorization == "Bearer s3cret"


def _config_error(tmp_path: Path, config: object, model: str | None = "qualifier") -> str:
    path = tmp_path / "router.yaml"
    path.write_text(config if isinstance(config, str) else yaml.safe_dump(config), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        Settings(data_dir=tmp_path, model=model, router_config=path)
    return str(caught.value)


def _minimal(**params: object) -> dict[str, object]:
    return {"model_list": [{"model_name": "qualifier", "litellm_params": {"model": "openai/x", **params}}]}


def test_a_typo_in_the_file_names_the_field(tmp_path: Path) -> None:
    message = _config_error(tmp_path, _minimal(rmp=60))
    assert "router.yaml" in message and "model_list.0.litellm_params.rmp" in message


def test_a_fallback_to_an_unknown_group_is_refused(tmp_path: Path) -> None:
    config = {**_minimal(), "router_settings": {"fallbacks": [{"qualifier": ["gpt-5"]}]}}
    assert "router_settings.fallbacks.0 names 'gpt-5'" in _config_error(tmp_path, config)


def test_the_model_must_be_one_of_the_groups(tmp_path: Path) -> None:
    assert "model groups are: qualifier" in _config_error(tmp_path, _minimal(), model="openai/gpt-4o")
    assert "set ASSISTANT_MODEL" in _config_error(tmp_path, _minimal(), model=None)


def test_an_unset_key_variable_is_named(tmp_path: Path) -> None:
    assert "NOT_SET_ANYWHERE" in _config_error(tmp_path, _minimal(api_key="os.environ/NOT_SET_ANYWHERE"))


def test_malformed_or_missing_files_are_readable_errors(tmp_path: Path) -> None:
    assert "malformed YAML at line" in _config_error(tmp_path, "model_list:\n  - [unclosed\n")
    with pytest.raises(ValidationError, match="file not found"):
        Settings(data_dir=tmp_path, model="qualifier", router_config=tmp_path / "absent.yaml")


def test_the_shipped_example_builds_a_router(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    gateway = LLMGateway(routed(tmp_path, EXAMPLE_CONFIG))
    assert gateway._router is not None
    assert {"qualifier", "qualifier-fallback", "local"} <= set(gateway._router.model_names)


def test_the_cli_reports_a_bad_router_setting_in_one_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ASSISTANT_ROUTER_CONFIG": str(write_config(tmp_path, "http://127.0.0.1:9/v1")),
        "ASSISTANT_MODEL": "gpt-4o",
        "ASSISTANT_DATA_DIR": str(tmp_path),
    }
    cli = Path(sys.executable).with_name("sales-assistant")
    done = subprocess.run(
        [str(cli), "qualify", "-"],
        input=NOTES,
        env=env,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode != 0
    assert "model 'gpt-4o' is no model_name" in done.stderr and "Traceback" not in done.stderr
