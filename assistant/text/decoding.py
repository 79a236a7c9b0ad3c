"""Turn whatever the user gave (a file, stdin, pasted text) into clean notes, or a clear error."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from assistant.errors import redact_notes

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ud800-\udfff]")  # lone surrogates too
MAX_FILE_BYTES = 20_000_000
"""Default cap on a notes file (the CLI passes `Settings.max_upload_bytes`)."""
_MOSTLY_NUL = 0.3


class InputError(ValueError):
    """Input the assistant cannot read; the message says what is wrong and what to do."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    warnings: list[str]


def looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes; a stray NUL in real text is cleaned later, with a warning."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.count(0) / len(sample) > 0.01:
        return True
    controls = sum(1 for byte in sample if byte < 9 or 13 < byte < 32)
    return controls / len(sample) > 0.05


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or '-be' when every other byte is NUL, as Windows tools write text with no BOM."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 4:
        return None
    pairs = len(sample) // 2
    high, low = sample[1::2].count(0) / pairs, sample[0::2].count(0) / pairs
    if high > _MOSTLY_NUL and low < 0.01:
        return "utf-16-le"
    if low > _MOSTLY_NUL and high < 0.01:
        return "utf-16-be"
    return None


def utf16_text(data: bytes) -> str | None:
    """The text of UTF-16 data, with a byte-order mark or without one; None when it is not UTF-16
    (UTF-32, whose mark starts like UTF-16's, and anything that decodes to NUL characters)."""
    text: str | None = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif utf16 := _utf16_without_bom(data):
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            return None  # not UTF-16 after all
    return None if text is None or "\x00" in text else text


def decode_bytes(data: bytes, name: str = "input") -> DecodedText:
    """Decode UTF-8, UTF-16 (BOM or not) or Latin-1 text; refuse binary with a readable reason."""
    if data.startswith(codecs.BOM_UTF8):
        return DecodedText(data.decode("utf-8-sig", errors="replace"), [])
    if (text := utf16_text(data)) is not None:
        return DecodedText(text, [])
    if looks_binary(data):
        raise InputError(
            f"{name} looks like a binary file, not text notes: export it as .txt or paste the text"
        )
    try:
        return DecodedText(data.decode("utf-8"), [])
    except UnicodeDecodeError:
        pass
    if (mostly := _mostly_utf8(data)) is not None:
        return DecodedText(mostly, [f"{name}: a few bytes are not UTF-8 and were replaced"])
    text = data.decode("cp1252", errors="replace")
    return DecodedText(text, [f"{name} is not UTF-8; read it as Windows-1252/Latin-1"])


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a bad paste, a cut file), rather than mojibake everywhere.

    Latin-1 text has no valid multi-byte UTF-8 sequences; text with more valid ones than broken
    bytes is UTF-8 with damage, so only the damaged bytes are lost.
    """
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) > 0x7F and char != "\ufffd")
    return text if valid > broken else None


def human_size(size: int) -> str:
    """'21.0 MB', '15 KB': sizes in messages people read."""
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def too_large(name: str, size: int, max_bytes: int) -> str:
    """The message for a file or stream over the size limit."""
    return (
        f"{name} is {human_size(size)}; files over {human_size(max_bytes)} are refused "
        "(ASSISTANT_MAX_UPLOAD_BYTES): split it, or keep the part with the call"
    )


def require_words(text: str) -> None:
    """Refuse notes without a single letter ('42', a row of emoji): nothing in them can be qualified."""
    if not any(char.isalpha() for char in text):
        shown = " ".join(text.split())[:40]
        raise InputError(f"the notes have no words, only {shown!r}: paste the call notes or a transcript")


def clean_notes(text: str, max_chars: int) -> tuple[str, list[str]]:
    """Normalise newlines and Unicode, drop control characters, redact pasted secrets, cap the length;
    warn on each. Every job reads notes through here, so what it quotes is this text, verbatim."""
    warnings: list[str] = []
    given = len(text)
    text = text[: max_chars * 2]  # cheap cut first: cleaning 20 MB only to keep 1 MB is slow
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    cleaned, removed = _CONTROL.subn(" ", text)
    if removed:
        warnings.append(f"{removed} unreadable or control characters were replaced by spaces")
    cleaned, secrets = redact_notes(cleaned)  # before anything reads, saves or sends the notes
    if secrets:
        warnings.append(
            f"{secrets} secret{'s' * (secrets != 1)} (API keys, tokens or private keys) removed from the notes "
            "and shown as [redacted]"
        )
    if len(cleaned) > max_chars or given > max_chars * 2:
        cut = cleaned.rfind("\n", 0, max_chars)
        cleaned = cleaned[: cut if cut > max_chars // 2 else max_chars]
        warnings.append(
            f"notes truncated to the first {len(cleaned):,} of {given:,} characters "
            f"(limit ASSISTANT_MAX_NOTE_CHARS={max_chars:,})"
        )
    if not cleaned.strip():
        raise InputError("the notes are empty: paste the call notes or a transcript")
    return cleaned, warnings
