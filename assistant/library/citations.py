"""Playbook passages as the reports cite them: the citation model and the one way to make one."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from assistant.library.passages import PlaybookPassage

CITATION_CHARS = 600


class Citation(BaseModel):
    """A playbook passage the report used."""

    model_config = ConfigDict(extra="forbid")

    source: str
    section: str
    text: str


def cite(passage: PlaybookPassage) -> Citation:
    """The citation of a passage, its text trimmed to what a report needs."""
    text = passage.text.strip()
    if len(text) > CITATION_CHARS:
        text = text[:CITATION_CHARS].rsplit(" ", 1)[0] + " …"
    return Citation(source=passage.source, section=passage.section, text=text)
