"""The LLM gateway: the only module that imports litellm.

Every call returns a validated pydantic object plus its usage (tokens, latency, cost where
litellm knows the price). Structured output asks for `json_schema` first and falls back to
`json_object` with the schema when a server refuses it (llama.cpp's server does); an invalid
answer gets one repair attempt carrying the validation error; anything else raises LLMError,
so callers can fall back to the offline engine and say why.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.schemas import LLMUsage
from assistant.settings import Settings

if TYPE_CHECKING:
    from types import ModuleType

ModelT = TypeVar("ModelT", bound=BaseModel)
FailureKind = Literal["timeout", "rate_limit", "connection", "http", "invalid_output"]
Message = dict[str, str]


class LLMError(Exception):
    """A model call that could not give a valid answer; `kind` says which failure it was."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Structured:
    """A validated answer and what it cost."""

    value: BaseModel
    usage: LLMUsage


def _litellm() -> ModuleType:
    """Import litellm lazily (3-4 s) and never let it fetch a price map or a tokenizer."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import litellm

    litellm.telemetry = False
    litellm.suppress_debug_info = True
    return litellm


def _classify(exc: Exception) -> LLMError:
    """Name the failure in words a sales rep can act on."""
    errors = _litellm().exceptions
    if isinstance(exc, errors.Timeout):
        return LLMError("timeout", f"the model did not answer in time ({exc.__class__.__name__})")
    if isinstance(exc, errors.RateLimitError):
        return LLMError("rate_limit", "the model provider is rate limiting requests (HTTP 429)")
    if isinstance(exc, errors.APIConnectionError) or "connection error" in str(exc).lower():
        return LLMError("connection", f"cannot reach the model server: {str(exc)[:200]}")
    if "received response" in str(exc).lower() or "unterminated" in str(exc).lower():
        return LLMError("invalid_output", "the model server sent a truncated or malformed response")
    status = getattr(exc, "status_code", None)
    return LLMError("http", f"the model call failed (HTTP {status or '?'}): {str(exc)[:200]}")


def _refuses_json_schema(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(word in text for word in ("json_schema", "json_object", "response_format"))


class LLMGateway:
    """Calls one configured model with retries, structured output and usage accounting."""

    def __init__(self, settings: Settings) -> None:
        if not settings.model:
            raise ValueError("no model configured: set --model or ASSISTANT_MODEL")
        self.settings = settings
        self.model = settings.model
        self._json_schema_ok = True

    def structured(self, messages: list[Message], schema: type[ModelT]) -> tuple[ModelT, LLMUsage]:
        """Ask for an answer in `schema`; repair once with the validation error, else raise."""
        usage = LLMUsage(model=self.model)
        content = self._complete(messages, schema, usage)
        try:
            return schema.model_validate_json(_strip_fences(content)), usage
        except ValidationError as first_error:
            repair = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                {"role": "user", "content": _repair_prompt(first_error)},
            ]
            content = self._complete(repair, schema, usage)
            try:
                return schema.model_validate_json(_strip_fences(content)), usage
            except ValidationError as exc:
                raise LLMError("invalid_output", f"the model's answer did not match the schema: {_brief(exc)}") from exc

    def _complete(self, messages: list[Message], schema: type[BaseModel], usage: LLMUsage) -> str:
        """One completion (with litellm's own retries), falling back to json_object once."""
        asked_json_schema = self._json_schema_ok  # read once: batch threads share the gateway
        try:
            response = self._call(messages, schema, json_schema=asked_json_schema)
        except Exception as exc:
            if not (asked_json_schema and _refuses_json_schema(exc)):
                raise _classify(exc) from exc
            self._json_schema_ok = False
            try:
                response = self._call(messages, schema, json_schema=False)
            except Exception as inner:
                raise _classify(inner) from inner
        self._account(response, usage)
        content = response.choices[0].message.content
        return content if isinstance(content, str) else ""

    def _call(self, messages: list[Message], schema: type[BaseModel], *, json_schema: bool) -> Any:
        settings = self.settings
        if json_schema:
            response_format: Any = schema
        else:
            response_format = {"type": "json_object", "schema": schema.model_json_schema()}
        start = time.perf_counter()
        response = _litellm().completion(
            model=self.model,
            messages=messages,
            api_base=settings.api_base,
            api_key=_api_key(settings),
            timeout=settings.timeout_s,
            num_retries=settings.max_retries,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            response_format=response_format,
        )
        response._assistant_latency_ms = (time.perf_counter() - start) * 1000
        return response

    def _account(self, response: Any, usage: LLMUsage) -> None:
        """Add one response's tokens, latency and (where known) cost to the running usage."""
        tokens = getattr(response, "usage", None)
        usage.calls += 1
        usage.prompt_tokens += int(getattr(tokens, "prompt_tokens", 0) or 0)
        usage.completion_tokens += int(getattr(tokens, "completion_tokens", 0) or 0)
        usage.latency_ms = round(usage.latency_ms + getattr(response, "_assistant_latency_ms", 0.0), 1)
        try:
            cost = float(_litellm().completion_cost(completion_response=response))
        except Exception:
            return  # litellm knows no price for this model (local servers): leave cost empty
        usage.cost_usd = round((usage.cost_usd or 0.0) + cost, 6)


def _api_key(settings: Settings) -> str | None:
    """The configured key; a placeholder for local OpenAI-compatible servers that need none."""
    if settings.api_key:
        return settings.api_key.get_secret_value()
    return "no-key-needed" if settings.api_base else None


def _strip_fences(content: str) -> str:
    """Models sometimes wrap JSON in ``` fences; keep what lies between the outer braces."""
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if 0 <= start < end else content


def _brief(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc']) or 'answer'}: {first['msg']}"


def _repair_prompt(error: ValidationError) -> str:
    problems = json.dumps([f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()[:6]])
    return (
        "Your previous answer did not match the required JSON schema. Problems: "
        f"{problems}. Answer again with only the corrected JSON object."
    )
