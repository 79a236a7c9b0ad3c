"""Turn whatever the user gave (a file, stdin, pasted text) into clean notes, or a clear error."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_FILE_BYTES = 50_000_000


class InputError(ValueError):
    """Input the assistant cannot read; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    warnings: list[str]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls / len(sample) > 0.05


def decode_bytes(data: bytes, name: str = "input") -> DecodedText:
    """Decode UTF-8, UTF-16 (with BOM) or Latin-1 text; refuse binary with a readable reason."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(encoding, errors="replace"), [])
    if _looks_binary(data):
        raise InputError(
            f"{name} looks like a binary file, not text notes: export it as .txt or paste the text"
        )
    try:
        return DecodedText(data.decode("utf-8"), [])
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return DecodedText(text, [f"{name} is not UTF-8; read it as Windows-1252/Latin-1"])


def read_notes_file(path: Path) -> DecodedText:
    """Read a notes file with size, type and encoding checks."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a notes file (or - for standard input)")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path} is {size / 1e6:.0f} MB; notes over 50 MB are refused")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    return decode_bytes(data, str(path))


def clean_notes(text: str, max_chars: int) -> tuple[str, list[str]]:
    """Normalise newlines and Unicode, drop control characters, cap the length; warn on each."""
    warnings: list[str] = []
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned, removed = _CONTROL.subn(" ", text)
    if removed:
        warnings.append(f"{removed} unreadable or control characters were replaced by spaces")
    if len(cleaned) > max_chars:
        cut = cleaned.rfind("\n", 0, max_chars)
        cleaned = cleaned[: cut if cut > max_chars // 2 else max_chars]
        warnings.append(
            f"notes truncated to the first {len(cleaned):,} of {len(text):,} characters "
            f"(limit ASSISTANT_MAX_NOTE_CHARS={max_chars:,})"
        )
    if not cleaned.strip():
        raise InputError("the notes are empty: paste the call notes or a transcript")
    return cleaned, warnings
