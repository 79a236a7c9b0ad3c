"""Untrusted text made inert for the terminal: the one output path of every CLI string we did not write.

Two things can go wrong when notes, account names, playbook titles, batch ids, file names or model
output reach a terminal through rich: `[/x]` is read as markup (and a stray closing tag raises
`MarkupError`), and ANSI/OSC escape sequences (colours, window titles, hyperlinks, cursor moves)
reach the terminal raw. `plain` removes control sequences and characters; `markup_safe` also
escapes rich markup, for strings interpolated into a markup template.
"""

from __future__ import annotations

import re

from rich.markup import escape

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC sequences, C1 controls, and every C0
# control but tab and newline; bidi overrides too, which reorder what a reader sees.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b.?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def plain(text: object) -> str:
    """`text` without terminal control sequences or control characters (tabs and newlines kept)."""
    return _CONTROL.sub("", str(text))


def markup_safe(text: object) -> str:
    """`text` to interpolate into a rich markup string: controls stripped, markup escaped."""
    return escape(plain(text))
