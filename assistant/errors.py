"""Errors in words a user can act on: operating-system failures, and secrets kept out of messages.

Python's own text ("[Errno 28] No space left on device") names neither the file nor the fix;
every place that writes what the user made (history, playbook uploads, knowledge edits, CLI
output files) phrases the failure through `os_problem` instead.

Secrets come only from the environment (ASSISTANT_API_KEY, and provider variables such as
OPENAI_API_KEY that litellm reads itself), so the values to hide are the environment's
key-, token-, secret- and password-named variables. LLM failures pass through `redact_secrets`
before they become a warning in a report, a saved record or a log line.
"""

from __future__ import annotations

import errno
import os
import re

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def os_problem(error: OSError) -> str:
    """What went wrong and what to do, naming the file when the error carries one."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in DISK_FULL:
        return f"the disk is full{where}: free some space and try again"
    if isinstance(error, PermissionError):
        return f"permission denied{where}: check the folder's permissions"
    if isinstance(error, FileNotFoundError):
        return f"no such file or folder{where}: check the path"
    if isinstance(error, IsADirectoryError):
        return f"{error.filename or 'the path'} is a folder, not a file"
    return f"{error.strerror or error}{where}"


REDACTED = "[redacted]"
MIN_SECRET_CHARS = 8
_SECRET_NAME = re.compile(r"(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD)$", re.IGNORECASE)


def environment_secrets() -> list[str]:
    """Values of secret-named environment variables, longest first (a key may contain a shorter one)."""
    values = {
        value
        for name, value in os.environ.items()
        if _SECRET_NAME.search(name) and len(value.strip()) >= MIN_SECRET_CHARS
    }
    return sorted(values, key=len, reverse=True)


def redact_secrets(text: str) -> str:
    """`text` with every secret value from the environment replaced by [redacted]."""
    for secret in environment_secrets():
        text = text.replace(secret, REDACTED)
    return text


_URL_USERINFO = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<userinfo>[^/@\s]*)@", re.IGNORECASE)
_URL_SECRET_PARAM = re.compile(
    r"(?P<name>[?&](?:api[_-]?key|key|token|access_token|secret|password|sig)=)[^&#\s]*", re.I
)


def redact_url(url: object) -> str:
    """A URL as it may be shown: the password in `user:password@` and secret query values hidden."""
    text = str(url)

    def hide_password(match: re.Match[str]) -> str:
        user = match.group("userinfo").split(":", 1)[0]
        return (
            f"{match.group('scheme')}{user}:{REDACTED}@" if ":" in match.group("userinfo") else match.group(0)
        )

    text = _URL_USERINFO.sub(hide_password, text)
    return _URL_SECRET_PARAM.sub(lambda m: f"{m.group('name')}{REDACTED}", text)
