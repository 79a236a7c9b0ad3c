"""HTML (a HubSpot note body) to plain text: tags dropped, entities decoded, scripts and styles gone.

Why not `html.parser`: on Python 3.11 it rescans the rest of the input at every unclosed comment
or tag (`<!--a` repeated: 100 KB took 3.7 s, 400 KB 61 s), and a CRM field is untrusted text. This
scanner reads left to right once: each search for a tag's end, a comment's end or a `</script>`
starts where the last one stopped, and a search that fails ends the scanning (the rest is text, or
the dropped element's content), so the time is linear in the input. Entities are decoded with
`html.unescape`; nothing is fetched or run; block elements end lines so bullets survive.
"""

from __future__ import annotations

import html
import re

_DROPPED = frozenset({"script", "style", "head", "template", "noscript", "iframe", "object", "svg", "math"})
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
    }
)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})")
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(markup: str) -> str:
    """The text a reader sees in `markup`, one line per block; plain text passes through unchanged."""
    if "<" not in markup and "&" not in markup:
        return markup.strip()
    parts = _scan(markup)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _scan(markup: str) -> list[str]:
    """Text pieces and line breaks, in order; one pass over `markup`."""
    parts: list[str] = []
    lowered = markup.lower()
    position = 0
    while (start := markup.find("<", position)) >= 0:
        parts.append(html.unescape(markup[position:start]))
        if markup.startswith("<!--", start):
            end = markup.find("-->", start + 4)
            if end < 0:  # a comment never closed: keep what follows as text, nothing is lost
                position = start + 4
                break
            position = end + 3
            continue
        end = markup.find(">", start + 1)
        tag = _TAG_NAME.match(markup, start, end if end >= 0 else start + 40)
        if end < 0 or tag is None:  # a lone '<' ("< 50 seats", "a<b"): text
            parts.append("<")
            position = start + 1
            if end < 0:
                break
            continue
        closing, name = tag.group(1), tag.group(2).lower()
        position = end + 1
        if name in _DROPPED and not closing and not markup.startswith("/>", end - 1):
            close = lowered.find(f"</{name}", position)
            if close < 0:  # the dropped element runs to the end
                return parts
            position = max(close, lowered.find(">", close) + 1)
        elif name in _BLOCKS:
            parts.append("\n- " if name == "li" and not closing else "\n")
    parts.append(html.unescape(markup[position:]))
    return parts
