"""Every LLM failure ends in a report from the offline engine, with the reason in warnings.

Failures that a cassette cannot express (a timeout) or that need a precise exception are
produced by patching litellm's `completion`, as paper-qa does; connection refused is real.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.llm.gateway import LLMError, LLMGateway, _litellm
from assistant.qualify.model_answer import ModelQualification
from assistant.runtime import Assistant
from assistant.settings import Settings

CALL = dt.date(2026, 11, 10)
NOTES = "Call with Ana Ruiz, COO at Vela Retail (400 employees). Stockouts cost them sales."


def settings(tmp_path: Path, api_base: str = "http://127.0.0.1:9/v1") -> Settings:
    return Settings(
        data_dir=tmp_path,
        embedding="hashing",
        model="openai/tiny",
        api_base=api_base,
        max_retries=0,
        timeout_s=5,
    )


def _raiser(exc: Exception) -> Any:
    def completion(**_: Any) -> Any:
        raise exc

    return completion


def _litellm_errors() -> list[tuple[str, Exception]]:
    errors = _litellm().exceptions
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    return [
        ("timeout", errors.Timeout(message="timed out", model="tiny", llm_provider="openai")),
        (
            "rate_limit",
            errors.RateLimitError(
                message="429 slow down",
                model="tiny",
                llm_provider="openai",
                response=httpx.Response(429, request=request),
            ),
        ),
        (
            "http",
            errors.InternalServerError(
                message="500 boom",
                model="tiny",
                llm_provider="openai",
                response=httpx.Response(500, request=request),
            ),
        ),
    ]


@pytest.mark.parametrize("kind", ["timeout", "rate_limit", "http"])
def test_provider_failures_fall_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    exc = dict(_litellm_errors())[kind]
    monkeypatch.setattr(_litellm(), "completion", _raiser(exc))
    report = Assistant(settings(tmp_path)).qualify(NOTES, CALL)
    assert report.engine == "offline"
    assert any(f"LLM engine failed ({kind}" in w for w in report.warnings)
    assert report.criteria["title"].status == "met"


def test_connection_refused_falls_back(tmp_path: Path) -> None:
    report = Assistant(settings(tmp_path)).qualify(NOTES, CALL)
    assert report.engine == "offline"
    assert any("LLM engine failed (connection" in w for w in report.warnings)


class _Reply:
    def __init__(self, content: str) -> None:
        self.choices = [type("Choice", (), {"message": type("Msg", (), {"content": content})()})()]
        self.usage = type("Usage", (), {"prompt_tokens": 10, "completion_tokens": 5})()


def test_invalid_json_gets_one_repair_then_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def completion(**_: Any) -> _Reply:
        calls.append(1)
        return _Reply('{"title": {"status": "excellent"')

    monkeypatch.setattr(_litellm(), "completion", completion)
    gateway = LLMGateway(settings(tmp_path))
    with pytest.raises(LLMError) as caught:
        gateway.structured([{"role": "user", "content": "x"}], ModelQualification)
    assert caught.value.kind == "invalid_output"
    assert len(calls) == 2, "one attempt and one repair"


def test_repair_succeeds_on_second_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["not json at all", '```json\n{"title": {"status": "met", "evidence": []}}\n```'])
    monkeypatch.setattr(_litellm(), "completion", lambda **_: _Reply(next(answers)))
    value, usage = LLMGateway(settings(tmp_path)).structured(
        [{"role": "user", "content": "x"}], ModelQualification
    )
    assert value.title.status == "met"
    assert usage.calls == 2 and usage.prompt_tokens == 20


def test_json_schema_refusal_falls_back_to_json_object(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    formats: list[Any] = []
    errors = _litellm().exceptions

    def completion(**kwargs: Any) -> _Reply:
        formats.append(kwargs["response_format"])
        if not isinstance(kwargs["response_format"], dict):
            raise errors.BadRequestError(
                message="Input should be 'text' or 'json_object'", model="tiny", llm_provider="openai"
            )
        return _Reply("{}")

    monkeypatch.setattr(_litellm(), "completion", completion)
    LLMGateway(settings(tmp_path)).structured([{"role": "user", "content": "x"}], ModelQualification)
    assert formats[0] is ModelQualification
    assert formats[1]["type"] == "json_object" and "properties" in formats[1]["schema"]


def test_no_model_means_offline(tmp_path: Path) -> None:
    report = Assistant(Settings(data_dir=tmp_path, embedding="hashing")).qualify(NOTES, CALL)
    assert report.engine == "offline" and report.warnings == []
