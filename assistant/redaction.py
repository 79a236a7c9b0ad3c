"""Keep secrets out of messages: a provider error that echoes the API key must not reach a report.

Secrets come only from the environment (ASSISTANT_API_KEY, and provider variables such as
OPENAI_API_KEY that litellm reads itself), so the values to hide are the environment's
key-, token-, secret- and password-named variables. LLM failures pass through `redact_secrets`
before they become a warning in a report, a saved record or a log line.
"""

from __future__ import annotations

import os
import re

REDACTED = "[redacted]"
MIN_SECRET_CHARS = 8
_SECRET_NAME = re.compile(r"(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD)$", re.IGNORECASE)


def environment_secrets() -> list[str]:
    """Values of secret-named environment variables, longest first (a key may contain a shorter one)."""
    values = {
        value for name, value in os.environ.items()
        if _SECRET_NAME.search(name) and len(value.strip()) >= MIN_SECRET_CHARS
    }
    return sorted(values, key=len, reverse=True)


def redact_secrets(text: str) -> str:
    """`text` with every secret value from the environment replaced by [redacted]."""
    for secret in environment_secrets():
        text = text.replace(secret, REDACTED)
    return text
