"""Checks a playbook upload or front-matter edit must pass, so a bad file is refused before it is saved."""

from __future__ import annotations

from pathlib import Path

from assistant.knowledge.load import Knowledge
from assistant.library.documents import MARKDOWN_SUFFIXES, WILDCARD, PlaybookDocError, parse_document
from assistant.library.front_matter import PlaybookFrontMatter
from assistant.text.decoding import InputError
from assistant.text.documents import read_document
from assistant.text.instructions import suspicious_lines


class LibraryAdminError(InputError):
    """An upload or edit the library cannot take; the message says why and what to do."""


def check_upload(target: Path, data: bytes, max_upload_bytes: int) -> list[str]:
    """Read the upload as the indexer will, so a bad file is refused before it is saved."""
    document = read_document(target.name, data, max_upload_bytes)
    if target.suffix.lower() in MARKDOWN_SUFFIXES | {".txt"}:
        try:
            parsed = parse_document(target.name, data, markdown=target.suffix.lower() in MARKDOWN_SUFFIXES)
        except PlaybookDocError as exc:
            raise LibraryAdminError(str(exc)) from exc
        if not parsed.chunks:
            raise LibraryAdminError(f"{target.name}: has no text to index")
    return document.warnings + suspicious_text_warnings(target.name, document.text)


def suspicious_text_warnings(name: str, text: str) -> list[str]:
    """A warning naming the lines that read as instructions to the assistant or requests for
    credentials: the file is still indexed (a playbook may quote an attack to teach it), but
    enablement sees them before a rep meets them in a passage."""
    lines = suspicious_lines(text)
    if not lines:
        return []
    quoted = "; ".join(f"“{line}”" for line in lines)
    return [
        f"{name}: {len(lines)} line(s) read as an instruction to the assistant or a request for "
        f"credentials (check them before reps rely on this playbook): {quoted}"
    ]


def check_known_keys(name: str, front: PlaybookFrontMatter, knowledge: Knowledge | None) -> None:
    """Industries and products must be keys the knowledge files define (or `all`)."""
    for field in ("industries", "products"):
        known = known_keys(knowledge, field)
        unknown = [key for key in getattr(front, field) if known and key not in known | {WILDCARD}]
        if unknown:
            raise LibraryAdminError(
                f"{name}: field {field}: unknown {', '.join(map(repr, unknown))}"
                f" (known: {', '.join(sorted(known))}, or {WILDCARD})"
            )


def known_keys(knowledge: Knowledge | None, field: str) -> set[str]:
    """The industry or product keys the knowledge files define; none without knowledge."""
    if knowledge is None:
        return set()
    if field == "industries":
        return {item.key for item in knowledge.rubric.industries}
    return {item.key for item in knowledge.products.products}
