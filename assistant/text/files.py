"""Files on disk: notes read with size, type and encoding checks; the one atomic write."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from assistant.text.decoding import MAX_FILE_BYTES, DecodedText, InputError, decode_bytes, too_large
from assistant.text.documents import read_document

_DOCUMENT_SUFFIXES = (".docx", ".pdf")


def read_notes_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> DecodedText:
    """Read a notes file with size, type and encoding checks; Word and PDF files through their readers."""
    return decode_notes(str(path), read_file_bytes(path, max_bytes), max_bytes)


def read_file_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused before reading when it is a folder, missing, unreadable or over the limit."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a notes file (or - for standard input)")
    try:
        size = path.stat().st_size
        if size > max_bytes:  # checked before reading: a huge file is refused at once
            raise InputError(too_large(str(path), size, max_bytes))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied; check the file's permissions") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc


def decode_notes(name: str, data: bytes, max_bytes: int = MAX_FILE_BYTES) -> DecodedText:
    """Notes from a file's bytes: Word and PDF through their readers, anything else as text."""
    if name.lower().endswith(_DOCUMENT_SUFFIXES):
        document = read_document(name, data, max_bytes)
        return DecodedText(document.text, document.warnings)
    return decode_bytes(data, name)


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
