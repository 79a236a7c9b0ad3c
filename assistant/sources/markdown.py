"""A notetaker's Markdown summary made plain for the reader: bold labels and action headings.

Notetakers write `**Attendees:** ...` and `## Action items`; the reader knows `Attendees: ...` and
`Action items:`. Only the emphasis around a leading label and the heading marks of a heading that
names a known section are taken out; every other character stays as written.
"""

from __future__ import annotations

import re

from assistant.extract.formats_lexicon import ACTION_LABELS, ATTENDEE_LABELS, LABELS

_BOLD_LABEL = re.compile(r"^(\s*(?:[-*]\s+)?)(\*\*|__)([^*_\n:]{1,40}):(?:\2)?\s*(?:\2)?", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}[ \t]+([^\n#]{1,60}?)[ \t#]*$", re.MULTILINE)
_SECTIONS = ACTION_LABELS | ATTENDEE_LABELS


def markdown_notes(text: str) -> str:
    """`text` with `**Label:**` as `Label:` and `## Next steps` as `Next steps:`."""

    def label(match: re.Match[str]) -> str:
        name = match.group(3).strip()
        if name.lower() not in LABELS and name.lower() not in _SECTIONS:
            return match.group(0)
        return f"{match.group(1)}{name}: "

    def heading(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        return f"{name}:" if name.lower().rstrip(":") in _SECTIONS else match.group(0)

    return _HEADING.sub(heading, _BOLD_LABEL.sub(label, text))
