"""Whole-document JSON (a Gong or Fireflies export) read under a size limit, with clear refusals.

A JSON document cannot be read in pieces with the standard library, so its size is checked before
a byte is parsed: over the limit it is refused with the limit's name, rather than loaded unbounded.
"""

from __future__ import annotations

import json

from assistant.sources.model import SourceError
from assistant.text.decoding import decode_bytes, human_size


def load_json(name: str, data: bytes, max_bytes: int, what: str) -> object:
    """The parsed document; SourceError for a file too large, cut short, or not JSON."""
    if len(data) > max_bytes:
        raise SourceError(
            f"{name} is {human_size(len(data))}; {what} files over {human_size(max_bytes)} are refused "
            "(ASSISTANT_MAX_UPLOAD_BYTES): export fewer calls per file"
        )
    text = decode_bytes(data, name).text
    if not text.strip():
        raise SourceError(f"{name} is empty: export the {what} again")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip()) - 1 or exc.msg.startswith("Unterminated string")  # ran to the end
        reason = "it ends before the JSON does (cut short?)" if cut else f"{exc.msg} at line {exc.lineno}"
        raise SourceError(f"{name} is not a readable {what} export: {reason}; export it again") from exc
    except RecursionError as exc:
        raise SourceError(f"{name}: the JSON is nested too deeply to be a {what} export") from exc
    except ValueError as exc:  # a number of more than 4,300 digits
        raise SourceError(f"{name} is not a readable {what} export ({exc})") from exc


def shape_error(name: str, what: str, expected: str) -> SourceError:
    """The message for valid JSON of another shape than the format's."""
    return SourceError(f"{name} is JSON but not a {what} export: expected {expected}")


def text_of(value: object) -> str:
    """A JSON value as one line of text: strings kept, numbers written, anything else dropped."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return " ".join(str(value).split())
    return ""
