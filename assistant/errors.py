"""Errors in words a user can act on: operating-system failures, and secrets kept out of messages.

Python's own text ("[Errno 28] No space left on device") names neither the file nor the fix;
every place that writes what the user made (history, playbook uploads, knowledge edits, CLI
output files) phrases the failure through `os_problem` instead, and the stores (the playbook
index, the history database), whose drivers bury the OS error, through `storage_failure`.

Secrets come only from the environment (ASSISTANT_API_KEY, and provider variables such as
OPENAI_API_KEY that litellm reads itself), so the values to hide are the environment's
key-, token-, secret- and password-named variables. LLM failures pass through `redact_secrets`
before they become a warning in a report, a saved record or a log line; notes pass through
`redact_notes` (those values and the known shapes of keys and tokens) before they are read,
saved or sent; URLs are shown through `redact_url`.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
STORAGE_ERRNOS = DISK_FULL | {errno.EROFS, errno.EACCES, errno.EPERM}
MIN_FREE_BYTES = 1_000_000
"""Less free space than this in a folder that must take writes is a full disk."""


def os_problem(error: OSError) -> str:
    """What went wrong and what to do, naming the file when the error carries one."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in DISK_FULL:
        return f"the disk is full{where}: free some space and try again"
    if error.errno == errno.EROFS:
        return f"the file system is read-only{where}: nothing can be written there"
    if isinstance(error, PermissionError):
        return f"permission denied{where}: check the folder's permissions"
    if isinstance(error, FileNotFoundError):
        return f"no such file or folder{where}: check the path"
    if isinstance(error, IsADirectoryError):
        return f"{error.filename or 'the path'} is a folder, not a file"
    return f"{error.strerror or error}{where}"


def storage_problem(folder: Path) -> OSError | None:
    """Why `folder` (or the nearest folder above it that exists) cannot take writes, as the OS error it
    would raise: a read-only file system, a full disk, no write permission; None when it can."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        stats = os.statvfs(folder)
    except OSError as error:
        return error
    if stats.f_flag & os.ST_RDONLY:
        return OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))
    if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))
    if not os.access(folder, os.W_OK):
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
    return None


_STORAGE_WORDS = re.compile(
    r"disk is full|no space left|quota|read-?only|permission denied|disk i/o error|unable to open database file",
    re.IGNORECASE,
)


def storage_failure(error: BaseException, folder: Path) -> str | None:
    """`error` in words when it is the storage failing (full, read-only, not permitted), else None.

    Databases (SQLite, Chroma) wrap the OS error in their own types, or keep only its words
    ("database or disk is full", "attempt to write a readonly database", "disk I/O error"); the
    folder is then asked why it cannot take writes, so a full disk is never called a corrupt file.
    """
    seen: BaseException | None = error
    visited: set[int] = set()
    while seen is not None and id(seen) not in visited:
        if isinstance(seen, OSError) and seen.errno in STORAGE_ERRNOS:
            return os_problem(seen)
        visited.add(id(seen))
        seen = seen.__cause__ or seen.__context__
    if not _STORAGE_WORDS.search(str(error)):
        return None
    probed = storage_problem(folder)
    if probed is not None:
        return os_problem(probed)
    if re.search(r"disk is full|no space left|quota", str(error), re.IGNORECASE):
        return os_problem(OSError(errno.ENOSPC, "No space left on device", str(folder)))
    if re.search(r"read-?only", str(error), re.IGNORECASE):
        return os_problem(OSError(errno.EROFS, "Read-only file system", str(folder)))
    return None


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


_URL_START = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<rest>\S*)", re.IGNORECASE)
_URL_SECRET_PARAM = re.compile(
    r"(?P<name>[?&](?:api[_-]?key|key|token|access_token|secret|password|sig)=)[^&#\s]*", re.I
)


def url_userinfo(url: str) -> str | None:
    """The `user:password` part of a URL, read up to the last '@' (a password may hold '/', ':' or '@'
    unencoded, which URL parsers misread); None when the URL has no password."""
    match = _URL_START.match(url.strip())
    if match is None:
        return None
    rest = match.group("rest")
    userinfo = rest[: rest.rfind("@")] if "@" in rest else ""
    user = userinfo.split(":", 1)[0]
    return userinfo if ":" in userinfo and "/" not in user else None


def redact_url(url: object) -> str:
    """A URL as it may be shown: the password in `user:password@` and secret query values hidden."""
    text = str(url)

    def hide_password(match: re.Match[str]) -> str:
        whole = match.group(0)
        userinfo = url_userinfo(whole)
        if userinfo is None:
            return whole
        user = userinfo.split(":", 1)[0]
        return f"{match.group('scheme')}{user}:{REDACTED}{match.group('rest')[len(userinfo) :]}"

    text = _URL_START.sub(hide_password, text)
    return _URL_SECRET_PARAM.sub(lambda m: f"{m.group('name')}{REDACTED}", text)


_SECRET_SHAPES = (
    # a private key block to its END line, or (a paste cut short) its lines of base64
    re.compile(
        r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:.*?-----END [A-Z0-9 ]*PRIVATE KEY-----|(?:\s*[A-Za-z0-9+/=]{8,})*)",
        re.DOTALL,
    ),
    re.compile(r"\bsk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}"),  # OpenAI (sk-, sk-proj-), Anthropic (sk-ant-)
    re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),  # AWS access key ids
    re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}"),  # GitHub tokens
    re.compile(r"\bxox[abposre]-[A-Za-z0-9-]{10,}"),  # Slack tokens
)
_LABELLED_SECRETS = re.compile(
    r"(?P<label>\b(?:bearer|aws_secret_access_key\s*[:=])\s*)(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{16,}",
    re.IGNORECASE,
)


def redact_notes(text: str) -> tuple[str, int]:
    """Notes with secrets pasted into them replaced by [redacted], and how many were.

    Known shapes (OpenAI `sk-…`, AWS `AKIA…`, GitHub `ghp_…`, Slack `xox…`, bearer tokens, private
    key blocks) and the values of the environment's secret variables (the configured API key):
    notes are saved in the history, exported and sent to a model, and none of those may carry a key.
    """
    count = 0
    for secret in environment_secrets():
        count += text.count(secret)
        text = text.replace(secret, REDACTED)
    for shape in _SECRET_SHAPES:
        text, found = shape.subn(REDACTED, text)
        count += found
    text, found = _LABELLED_SECRETS.subn(lambda m: f"{m.group('label')}{REDACTED}", text)
    return text, count + found
