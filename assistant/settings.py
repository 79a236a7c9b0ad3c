"""One typed settings object: explicit arguments, then ASSISTANT_* environment, then defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.llm.router_config import check_router_config

PROJECT_ROOT = Path(__file__).resolve().parent.parent

EmbeddingName = Literal["minilm", "hashing"]
MIN_UI_PASSWORD_CHARS = 8
MIN_API_TOKEN_CHARS = 16


def _default_data_dir() -> Path:
    return Path(user_data_dir("sales-assistant", appauthor=False))


class Settings(BaseSettings):
    """Every knob of the assistant; a typo in a field name is an error, not a silent default."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", extra="forbid", validate_default=True, frozen=True
    )

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Where the playbook index and saved state live.",
    )
    knowledge_dir: Path = Field(
        default=PROJECT_ROOT / "knowledge",
        description="Folder with rubric.yaml, roster.yaml, products.yaml, partners.yaml.",
    )
    playbooks_dir: Path = Field(
        default=PROJECT_ROOT / "playbooks",
        description="The shipped playbook library, indexed on first use.",
    )
    embedding: EmbeddingName = Field(
        default="minilm",
        description="Embedding for retrieval: 'minilm' (semantic, offline weights) or 'hashing'.",
    )
    collection: str = Field(default="playbooks", min_length=3, max_length=512)
    chroma_url: str | None = Field(
        default=None, description="Chroma server URL; the embedded store is used when unset."
    )
    retrieval_k: int = Field(default=4, ge=1, le=50)
    max_next_questions: int = Field(default=6, ge=0, le=30)
    max_note_chars: int = Field(
        default=1_000_000, ge=1_000, description="Longer notes are truncated with a warning."
    )
    model: str | None = Field(
        default=None, description="litellm model string; unset means the offline engine."
    )
    api_base: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    temperature: float = Field(default=0.0, ge=0, le=2)
    max_tokens: int = Field(default=2048, ge=64)
    llm_concurrency: int = Field(default=4, ge=1, le=64)
    router_config: Path | None = Field(
        default=None,
        description="LiteLLM Router YAML (model_list + router_settings: rate limits, retries, fallbacks); "
        "the model then names one of its model groups.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the account history (e.g. postgresql+psycopg://...); "
        "SQLite under the data directory when unset.",
    )
    note_time_budget_s: float = Field(
        default=20.0,
        gt=0,
        description="Seconds the offline readers may spend on one note; criteria not read by then "
        "are left missing, flagged for review, with a warning.",
    )
    max_upload_bytes: int = Field(
        default=20_000_000, ge=1_000, description="Largest file accepted for notes or playbooks."
    )
    ui_password: SecretStr | None = Field(
        default=None,
        description="When set, the web UI asks for this password before showing any page "
        "(docs/security.md; for teams, prefer an auth proxy).",
    )
    ui_allowed_hosts: str = Field(
        default="",
        description="Comma-separated host names the web app answers to besides the address it is "
        "served on and loopback (a DNS-rebinding guard); '*' accepts any host.",
    )
    api_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the HTTP API (`serve`) and the MCP server over HTTP (`mcp --http`) "
        "require when set; without one they refuse to listen beyond loopback.",
    )
    max_request_bytes: int = Field(
        default=5_000_000,
        ge=1_000,
        description="Largest HTTP request body the API and the MCP server over HTTP accept; "
        "a larger one is answered 413 before it is read.",
    )

    @field_validator("ui_password")
    @classmethod
    def _password_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        """A short UI password is refused at start, rather than guarded weakly."""
        if value is not None and len(value.get_secret_value()) < MIN_UI_PASSWORD_CHARS:
            raise ValueError(f"the UI password needs at least {MIN_UI_PASSWORD_CHARS} characters")
        return value

    @field_validator("api_token")
    @classmethod
    def _token_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        """A guessable token is refused at start: it would guard the API in name only."""
        if value is not None and len(value.get_secret_value()) < MIN_API_TOKEN_CHARS:
            raise ValueError(f"the API token needs at least {MIN_API_TOKEN_CHARS} characters")
        return value

    @model_validator(mode="after")
    def _router_config_is_usable(self) -> Settings:
        """A router file must parse and hold the model group `model` names, before any call is made."""
        if self.router_config is not None:
            check_router_config(self.router_config, self.model)
        return self

    @property
    def chroma_dir(self) -> Path:
        """Folder of the embedded Chroma store."""
        return self.data_dir / "chroma"

    @property
    def history_url(self) -> str:
        """Where the account history lives: the configured URL, or SQLite in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'history.sqlite3'}"

    @property
    def engine_label(self) -> str:
        """What the UI and CLI show as the active engine."""
        return f"litellm:{self.model}" if self.model else "offline"


def load_settings(**overrides: object) -> Settings:
    """Build settings; `None` overrides are ignored so CLI flags left unset fall through to env."""
    given = {key: value for key, value in overrides.items() if value is not None}
    return Settings(**given)  # type: ignore[arg-type]
