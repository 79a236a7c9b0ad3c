"""What every job needs of the playbook library: passages, and one search protocol.

Jobs and engines read `PlaybookPassage`, never the store's own result types, so they stay free
of chromadb; anything with `search_many` (the real store, a test double) can serve a graph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PlaybookPassage:
    """A retrieved passage an engine may read (kept free of the retrieval library)."""

    source: str
    section: str
    text: str


class PassageHit(Protocol):
    """A search result as the store returns it: where it comes from and its text."""

    @property
    def source(self) -> str: ...

    @property
    def section(self) -> str: ...

    @property
    def text(self) -> str: ...


class PassageSearch(Protocol):
    """What the graphs need of the playbook library: many queries at once, optionally by kind."""

    def search_many(
        self, queries: Sequence[str], *, k: int | None = None, kind: str | None = None
    ) -> Sequence[Sequence[PassageHit]]: ...


def as_passages(hits: Sequence[PassageHit]) -> list[PlaybookPassage]:
    """Library hits as the engine-facing passages (keeps engines free of the retrieval types)."""
    return [PlaybookPassage(hit.source, hit.section, hit.text) for hit in hits]
