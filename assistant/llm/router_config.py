"""A team's LiteLLM Router file: model groups, rate limits, retries and fallbacks, validated up front.

The file has the `model_list` and `router_settings` sections of a LiteLLM proxy `config.yaml`,
so one file serves both deployments: in process (`ASSISTANT_ROUTER_CONFIG`, then
`ASSISTANT_MODEL` names a model group) or behind `litellm --config FILE` (then
`ASSISTANT_API_BASE` points at the proxy). It is checked here, without importing litellm, so a
typo or a fallback to a group that does not exist is an error naming the file and the field
when the settings load, not a surprise at the first model call.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from assistant.knowledge.load import KnowledgeError, parse_model

ENV_PREFIX = "os.environ/"
RoutingStrategy = Literal[
    "simple-shuffle",
    "least-busy",
    "usage-based-routing-v2",
    "latency-based-routing",
    "cost-based-routing",
]
Fallbacks = list[dict[str, list[str]]]


class RouterConfigError(ValueError):
    """The router file is missing, malformed or inconsistent; the message says where and how to fix it."""


class DeploymentParams(BaseModel):
    """How to reach one deployment (`litellm_params`); secrets may be `os.environ/NAME`."""

    model_config = ConfigDict(extra="forbid")

    model: str = Field(min_length=1, description="litellm model string, e.g. openai/gpt-4o-mini.")
    api_base: str | None = None
    api_key: SecretStr | None = None
    api_version: str | None = None
    organization: str | None = None
    rpm: int | None = Field(default=None, ge=1, description="Requests per minute this deployment takes.")
    tpm: int | None = Field(default=None, ge=1, description="Tokens per minute this deployment takes.")
    timeout: float | None = Field(default=None, gt=0)
    aws_region_name: str | None = None
    vertex_project: str | None = None
    vertex_location: str | None = None
    input_cost_per_token: float | None = Field(default=None, ge=0)
    output_cost_per_token: float | None = Field(default=None, ge=0)

    def for_litellm(self) -> dict[str, Any]:
        """The params as litellm takes them: set fields only, the key unwrapped (the router resolves env)."""
        params = self.model_dump(exclude_none=True, exclude={"api_key"})
        if self.api_key is not None:
            params["api_key"] = self.api_key.get_secret_value()
        return params


class Deployment(BaseModel):
    """One entry of `model_list`: deployments sharing a `model_name` form a load-balanced group."""

    model_config = ConfigDict(extra="forbid")

    model_name: str = Field(min_length=1, description="The group name ASSISTANT_MODEL and fallbacks use.")
    litellm_params: DeploymentParams


class RouterSettings(BaseModel):
    """`router_settings`: how the router picks, retries and falls back; unset values use ASSISTANT_*."""

    model_config = ConfigDict(extra="forbid")

    routing_strategy: RoutingStrategy = "simple-shuffle"
    num_retries: int | None = Field(default=None, ge=0, le=10, description="Default: ASSISTANT_MAX_RETRIES.")
    timeout: float | None = Field(default=None, gt=0, description="Default: ASSISTANT_TIMEOUT_S.")
    fallbacks: Fallbacks = Field(default_factory=list, description="[{group: [next group, ...]}].")
    context_window_fallbacks: Fallbacks = Field(default_factory=list)
    allowed_fails: int | None = Field(default=None, ge=0, description="Failures before a cooldown.")
    cooldown_time: float | None = Field(default=None, ge=0, description="Seconds a failing deployment rests.")
    retry_after: int | None = Field(default=None, ge=0, description="Least seconds before a retry.")


class RouterConfig(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid")

    model_list: list[Deployment] = Field(min_length=1)
    router_settings: RouterSettings = Field(default_factory=RouterSettings)

    @property
    def model_groups(self) -> list[str]:
        """Group names in file order, each once."""
        return list(dict.fromkeys(deployment.model_name for deployment in self.model_list))

    @model_validator(mode="after")
    def _fallbacks_name_known_groups(self) -> RouterConfig:
        """A fallback to a group that does not exist would only fail when it is needed most."""
        known = set(self.model_groups)
        settings = self.router_settings
        for field in ("fallbacks", "context_window_fallbacks"):
            for index, rule in enumerate(getattr(settings, field)):
                for group in [*rule, *(target for targets in rule.values() for target in targets)]:
                    if group not in known:
                        raise ValueError(
                            f"router_settings.{field}.{index} names {group!r}, which is no model_name in "
                            f"model_list ({', '.join(self.model_groups)})"
                        )
        return self

    def missing_environment(self) -> list[str]:
        """Environment variables that `os.environ/NAME` values point to but that are unset."""
        missing = []
        for deployment in self.model_list:
            for value in deployment.litellm_params.for_litellm().values():
                if isinstance(value, str) and value.startswith(ENV_PREFIX):
                    name = value.removeprefix(ENV_PREFIX)
                    if not os.environ.get(name):
                        missing.append(name)
        return list(dict.fromkeys(missing))

    def router_kwargs(self, *, timeout_s: float, num_retries: int) -> dict[str, Any]:
        """Keyword arguments for `litellm.Router`, with the assistant's timeout and retries as defaults."""
        settings = self.router_settings
        kwargs = settings.model_dump(exclude_none=True)
        kwargs["timeout"] = settings.timeout if settings.timeout is not None else timeout_s
        kwargs["num_retries"] = settings.num_retries if settings.num_retries is not None else num_retries
        kwargs["model_list"] = [
            {"model_name": deployment.model_name, "litellm_params": deployment.litellm_params.for_litellm()}
            for deployment in self.model_list
        ]
        return kwargs


def load_router_config(path: Path) -> RouterConfig:
    """Read and validate the file; every problem is a RouterConfigError naming the file and field."""
    try:
        return parse_model(path, RouterConfig)
    except KnowledgeError as exc:
        raise RouterConfigError(f"router config {exc}") from exc


def check_router_config(path: Path, model: str | None) -> RouterConfig:
    """The file must be valid, its secrets present and ASSISTANT_MODEL one of its groups."""
    config = load_router_config(path)
    groups = ", ".join(config.model_groups)
    if not model:
        raise RouterConfigError(
            f"ASSISTANT_ROUTER_CONFIG is set ({path}) but no model is: set ASSISTANT_MODEL (or --model) "
            f"to one of its model groups: {groups}"
        )
    if model not in config.model_groups:
        raise RouterConfigError(f"model {model!r} is no model_name in {path}; its model groups are: {groups}")
    if missing := config.missing_environment():
        raise RouterConfigError(
            f"{path} reads the key from unset environment variables: {', '.join(missing)}"
        )
    return config
