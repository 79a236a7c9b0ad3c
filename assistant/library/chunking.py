"""Split playbook text into sections by Markdown heading, and sections into bounded pieces.

Kept apart from `assistant.library.documents` (file reading, metadata, ids) so each stays small.
"""

from __future__ import annotations

import re
import textwrap

MAX_CHUNK_CHARS = 1_500

_HEADING = re.compile(r"^(#{1,3})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

Section = tuple[list[tuple[int, str]], str]
"""(heading path as (level, text) pairs, the section's text)."""


def split_long_text(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Pack paragraphs into pieces of at most `limit` characters, breaking inside only if needed."""
    if not text:
        return []
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    for paragraph in _PARAGRAPH_BREAK.split(text):
        paragraph = paragraph.strip()
        if len(paragraph) > limit:
            pieces.extend(_split_paragraph(paragraph, limit))
        elif paragraph:
            pieces.append(paragraph)
    return _pack(pieces, limit, "\n\n")


def _split_paragraph(paragraph: str, limit: int) -> list[str]:
    """Split one oversized paragraph on sentences, then on words."""
    sentences: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        if len(sentence) > limit:
            sentences.extend(textwrap.wrap(sentence, limit, break_on_hyphens=False))
        else:
            sentences.append(sentence)
    return _pack(sentences, limit, " ")


def _pack(pieces: list[str], limit: int, joiner: str) -> list[str]:
    """Greedily join consecutive pieces while they fit in `limit`."""
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + len(joiner) + len(piece) <= limit:
            packed[-1] = f"{packed[-1]}{joiner}{piece}"
        else:
            packed.append(piece)
    return packed


def markdown_sections(body: str) -> list[Section]:
    """Split Markdown into (heading path with levels, text) per #/##/### outside code fences."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    lines: list[str] = []
    in_fence = False
    for line in body.splitlines():
        in_fence = in_fence != bool(_FENCE.match(line))
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            lines.append(line)
            continue
        sections.append((path, "\n".join(lines)))
        level = len(heading.group(1))
        path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, heading.group(2))]
        lines = []
    sections.append((path, "\n".join(lines)))
    return [(p, text) for p, text in sections if p or text.strip()]
