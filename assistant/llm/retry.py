"""When to retry a failed model call and how long to wait; needs no litellm, so it stays out of the gateway.

A transient failure (timeout, 429, 5xx, refused or cut-off connection, unreadable body) is
retried, waiting what the server asks (Retry-After, retry-after-ms) up to MAX_RETRY_WAIT_S,
else a short exponential backoff; a server asking for longer (a quota reset) is not waited for.
"""

from __future__ import annotations

import email.utils
import time

MAX_RETRY_WAIT_S = 30.0
BACKOFF_S = 0.5


def is_transient(exc: Exception, kind: str) -> bool:
    """Worth another attempt: the server was slow, busy, briefly away, or its answer was mangled."""
    if kind != "http":
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(status, int) and status >= 500


def retry_after(exc: Exception) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms or Retry-After), if it said."""
    headers = getattr(exc, "litellm_response_headers", None) or getattr(
        getattr(exc, "response", None), "headers", None
    )
    if not headers:
        return None
    try:
        found = {str(key).lower(): str(value) for key, value in dict(headers).items()}
        if "retry-after-ms" in found:
            return max(0.0, float(found["retry-after-ms"]) / 1000)
        if "retry-after" in found:
            value = found["retry-after"].strip()
            if value.replace(".", "", 1).isdigit():
                return float(value)
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
    return None


def backoff_wait(attempt: int, asked: float | None) -> float | None:
    """Seconds to wait before retrying: what the server asked, else backoff; None if it asks too much."""
    if asked is None:
        return min(MAX_RETRY_WAIT_S, BACKOFF_S * 2.0**attempt)
    return asked if asked <= MAX_RETRY_WAIT_S else None


def gave_up_message(failure: str, attempts: int, waited: float, asked: float | None) -> str:
    """The last failure, with how hard we tried, for the report's warning."""
    notes = [f"gave up after {attempts} attempts and {waited:.1f} s of waiting"] if attempts > 1 else []
    if asked is not None and asked > MAX_RETRY_WAIT_S:
        notes.append(
            f"the server asked to wait {asked:.0f} s, longer than the {MAX_RETRY_WAIT_S:.0f} s we wait"
        )
    return f"{failure}; {'; '.join(notes)}" if notes else failure
