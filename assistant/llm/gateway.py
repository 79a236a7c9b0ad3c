"""The LLM gateway: the only module that imports litellm.

Every call returns a validated pydantic object plus its usage (tokens, latency, cost where
litellm knows the price). Structured output asks for `json_schema` first and falls back to
`json_object` with the schema when a server refuses it (llama.cpp's server does), remembering the
refusal per model and server across gateways and processes (assistant/llm/format_memory.py) so
each later call is one request; an invalid
answer gets one repair attempt carrying the validation error; anything else raises LLMError,
so callers can fall back to the offline engine and say why. With a router file
(`ASSISTANT_ROUTER_CONFIG`, see assistant/llm/router_config.py) the calls go through a
`litellm.Router`, which owns keys, rate limits, retries and fallbacks between model groups.

Without a router, retries are ours, not litellm's: litellm stacks the OpenAI client's retries
under its own (`num_retries=2` meant five requests, and its outer retries ignore Retry-After),
so a hung server cost five timeouts. Here litellm makes one request per attempt; a transient
failure (timeout, 429, 5xx, refused or cut-off connection, unreadable body) is retried up to
`max_retries` times, waiting what the server asks (Retry-After, retry-after-ms) up to
MAX_RETRY_WAIT_S, else a short exponential backoff (see assistant/llm/retry.py); a server
asking for longer (a quota reset) is not waited for. Each retry is logged, and the final
error says how many attempts and how long the wait was, so the report's warning carries it.
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.domain import LLMUsage
from assistant.errors import redact_secrets
from assistant.llm.format_memory import FormatMemory
from assistant.llm.retry import backoff_wait, gave_up_message, is_transient, retry_after
from assistant.settings import Settings

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

logger = logging.getLogger(__name__)
ModelT = TypeVar("ModelT", bound=BaseModel)
FailureKind = Literal["timeout", "rate_limit", "connection", "http", "invalid_output"]
Message = dict[str, str]


class LLMError(Exception):
    """A model call that could not give a valid answer; `kind` says which failure it was."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(redact_secrets(message))  # providers may echo the key in their errors
        self.kind = kind


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
    if "no deployments available" in str(exc).lower():  # the router's own rpm/tpm limits and cooldowns
        return LLMError(
            "rate_limit", "every model of the router config is at its rpm/tpm limit or cooling down"
        )
    if _cut_short(exc):
        return LLMError(
            "invalid_output", "the model server closed the connection before its answer was complete"
        )
    if isinstance(exc, errors.APIConnectionError) or "connection error" in str(exc).lower():
        return LLMError("connection", f"cannot reach the model server: {str(exc)[:200]}")
    if "received response" in str(exc).lower() or "unterminated" in str(exc).lower():
        return LLMError("invalid_output", "the model server sent a truncated or malformed response")
    status = getattr(exc, "status_code", None)
    return LLMError("http", f"the model call failed (HTTP {status or '?'}): {str(exc)[:200]}")


def _cut_short(exc: BaseException) -> bool:
    """Whether the transport saw a response body end early (litellm calls it a connection error)."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            return False
        text = str(seen).lower()
        if "complete message body" in text or "incomplete chunked read" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class _SchemaRefused(Exception):
    """The server refused the json_schema response format (llama.cpp's server does)."""


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
        where = settings.api_base or (f"router:{settings.router_config}" if settings.router_config else None)
        self._formats = FormatMemory(settings.data_dir, self.model, where)
        self._router = _build_router(settings.router_config, settings) if settings.router_config else None

    def structured(self, messages: list[Message], schema: type[ModelT]) -> tuple[ModelT, LLMUsage]:
        """Ask for an answer in `schema`; repair once with the validation error, else raise."""
        usage = LLMUsage(model=self.model)
        content = self._complete(messages, schema, usage)
        try:
            return _parse(schema, content), usage
        except ValidationError as first_error:
            repair = [
                *messages,
                {"role": "assistant", "content": content[:4000]},
                {"role": "user", "content": _repair_prompt(first_error)},
            ]
            content = self._complete(repair, schema, usage)
            try:
                return _parse(schema, content), usage
            except ValidationError as exc:
                raise LLMError(
                    "invalid_output", f"the model's answer did not match the schema: {_brief(exc)}"
                ) from exc

    def _complete(self, messages: list[Message], schema: type[BaseModel], usage: LLMUsage) -> str:
        """One answered completion (retried when transient), falling back to json_object once."""
        asked_json_schema = not self._formats.refuses_json_schema()
        try:
            response = self._call_with_retries(messages, schema, json_schema=asked_json_schema)
        except _SchemaRefused:
            self._formats.remember_refusal()
            response = self._call_with_retries(messages, schema, json_schema=False)
        self._account(response, usage)
        choices = getattr(response, "choices", None) or []
        if not choices:
            raise LLMError("invalid_output", "the model server answered with no choices")
        content = getattr(getattr(choices[0], "message", None), "content", None)
        return content if isinstance(content, str) else ""

    def _call_with_retries(
        self, messages: list[Message], schema: type[BaseModel], *, json_schema: bool
    ) -> Any:
        """One call; transient failures retried up to max_retries, waiting as the server asks."""
        attempt, waited = 0, 0.0
        while True:
            try:
                return self._call(messages, schema, json_schema=json_schema)
            except Exception as exc:
                if json_schema and _refuses_json_schema(exc):
                    raise _SchemaRefused from exc
                failure, asked = _classify(exc), retry_after(exc)
                wait = self._wait_before_retry(exc, failure, attempt, asked)
                if wait is None:
                    raise LLMError(
                        failure.kind, gave_up_message(str(failure), attempt + 1, waited, asked)
                    ) from exc
                logger.warning(
                    "model call failed (%s: %s); retry %d of %d in %.1f s",
                    failure.kind,
                    failure,
                    attempt + 1,
                    self.settings.max_retries,
                    wait,
                )
                time.sleep(wait)
                attempt, waited = attempt + 1, waited + wait

    def _wait_before_retry(
        self, exc: Exception, failure: LLMError, attempt: int, asked: float | None
    ) -> float | None:
        """Seconds to wait before the next attempt, or None to give up now (a router retries itself)."""
        if self._router is not None or attempt >= self.settings.max_retries:
            return None
        return backoff_wait(attempt, asked) if is_transient(exc, failure.kind) else None

    def _call(self, messages: list[Message], schema: type[BaseModel], *, json_schema: bool) -> Any:
        settings = self.settings
        if json_schema:
            response_format: Any = schema
        else:
            response_format = {"type": "json_object", "schema": schema.model_json_schema()}
        request: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "temperature": settings.temperature,
            "max_tokens": settings.max_tokens,
            "response_format": response_format,
        }
        start = time.perf_counter()
        if self._router is not None:  # the router holds keys, timeouts, retries and fallbacks per group
            response = self._router.completion(**request)
        else:
            response = _litellm().completion(
                **request,
                api_base=settings.api_base,
                api_key=_api_key(settings),
                timeout=settings.timeout_s,
                num_retries=0,  # one request per attempt: _call_with_retries decides about the next
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


def _build_router(path: Path, settings: Settings) -> Any:
    """A litellm Router over the team's model groups; ASSISTANT_TIMEOUT_S and MAX_RETRIES are its defaults."""
    from assistant.llm.router_config import load_router_config

    config = load_router_config(path)
    return _litellm().Router(
        **config.router_kwargs(timeout_s=settings.timeout_s, num_retries=settings.max_retries)
    )


def _api_key(settings: Settings) -> str | None:
    """The configured key; a placeholder for local OpenAI-compatible servers that need none."""
    if settings.api_key:
        return settings.api_key.get_secret_value()
    return "no-key-needed" if settings.api_base else None


def _parse(schema: type[ModelT], content: str) -> ModelT:
    """The answer in `schema`. Small models put raw line breaks inside JSON strings, which strict
    JSON forbids; such an answer is read with Python's lenient decoder rather than sent back for
    repair. Anything else invalid raises the schema's ValidationError (the repair prompt's input)."""
    text = _strip_fences(content)
    try:
        return schema.model_validate_json(text)
    except ValidationError as exc:
        if not any(error["type"] == "json_invalid" for error in exc.errors()):
            raise
        try:
            lenient = json.loads(text, strict=False)
        except ValueError:
            raise exc from None
        return schema.model_validate(lenient)


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
