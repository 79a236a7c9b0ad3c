"""Which model servers refuse `json_schema` structured output, remembered across gateways and processes.

llama.cpp's server (and others) answer `response_format: json_schema` with an error, and the
gateway then asks again with `json_object`. Learnt per gateway, that cost one refused request
in every CLI run and in every gateway a process built. So a refusal is remembered per (model,
where it is served: `api_base`, or the router file) in this process, and in
`<data dir>/llm-response-formats.json` for the next processes: written atomically
(`assistant/text/files.py`); a file that is missing, unreadable or not what we wrote counts as
knowing nothing, and a data directory that cannot take the write keeps the memory in this
process only. Either way the worst case is the refused request we used to send every time.

A refusal is forgotten after `REMEMBER_S`, so a server upgraded to support `json_schema` is
asked again within a week. Two processes learning at the same moment may each write the file;
the last write wins and the other refusal is learnt again on its next call.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path
from typing import Any

from assistant.errors import redact_url
from assistant.text.files import atomic_write

logger = logging.getLogger(__name__)
FILE_NAME = "llm-response-formats.json"
VERSION = 1
REMEMBER_S = 7 * 24 * 3600.0

_LOCK = threading.Lock()
_KNOWN: dict[Path, dict[str, float]] = {}
"""Per memory file: refusal times (seconds since the epoch) by server key, as this process knows them."""


def server_key(model: str, where: str | None) -> str:
    """The memory's key for a model where it is served; a password in the URL is never written."""
    return json.dumps([model, redact_url(where) if where else ""], ensure_ascii=False)


class FormatMemory:
    """Whether one (model, server) refuses `json_schema`, as this process and the data dir remember it."""

    def __init__(self, data_dir: Path, model: str, where: str | None) -> None:
        self.path = data_dir / FILE_NAME
        self.key = server_key(model, where)

    def refuses_json_schema(self) -> bool:
        """True when a refusal of this server is remembered and not yet expired."""
        with _LOCK:
            refused_at = _KNOWN.get(self.path, {}).get(self.key)
            if refused_at is None:  # another process may have learnt it since we last looked
                known = _KNOWN.setdefault(self.path, {})
                known.update(_read(self.path))
                refused_at = known.get(self.key)
        return refused_at is not None and _now() - refused_at < REMEMBER_S

    def remember_refusal(self) -> None:
        """Record that the server refused `json_schema` now, in this process and (if it can) on disk."""
        with _LOCK:
            known = _KNOWN.setdefault(self.path, {})
            known.update(_read(self.path))
            known[self.key] = _now()
            current = {key: at for key, at in known.items() if _now() - at < REMEMBER_S}
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(self.path, _encode(current))
            except OSError as exc:  # a read-only or full data dir: remembered in this process only
                logger.info("could not record that %s refuses json_schema: %s", self.key, exc)


def _encode(refusals: dict[str, float]) -> bytes:
    """The file's content: one entry per server, with when it refused, in readable time."""
    entries = [
        {"server": json.loads(key), "refused_json_schema": _iso(at)} for key, at in sorted(refusals.items())
    ]
    return json.dumps({"version": VERSION, "servers": entries}, indent=1).encode("utf-8")


def _read(path: Path) -> dict[str, float]:
    """Refusal times by key from the file; {} for a missing, unreadable or unfamiliar file."""
    try:
        content: Any = json.loads(path.read_bytes())
        entries = content["servers"] if content.get("version") == VERSION else []
        return {_entry_key(entry): _seconds(entry["refused_json_schema"]) for entry in entries}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _entry_key(entry: dict[str, Any]) -> str:
    model, where = entry["server"]
    return json.dumps([str(model), str(where)], ensure_ascii=False)


def _now() -> float:
    return dt.datetime.now(dt.UTC).timestamp()


def _iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds")


def _seconds(text: object) -> float:
    when = dt.datetime.fromisoformat(str(text))
    if when.tzinfo is None:
        raise ValueError("a time without a zone is not ours")
    return when.timestamp()
