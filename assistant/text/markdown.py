"""Untrusted text (notes, quotes, uploaded documents) made inert for Markdown renderers.

Notes can carry Markdown or HTML: an image such as `![x](https://host/?leak)` would make the
viewer's browser fetch a URL, and links, headings or tables would change what a reader sees.
Escaped text renders literally in CommonMark, GitHub, CRMs that take Markdown and Streamlit
(whose `:color[...]`, `:emoji:` and `$math$` extensions are escaped as well).

Backslashes cannot stop GFM's autolink literals (`https://…`, `www.…`, `name@host.tld`):
Streamlit's renderer and GitHub find them in the text after escapes are resolved. A WORD JOINER
(U+2060, invisible, zero width) goes where each trigger needs two characters side by side, so
an untrusted URL or address shows as written but is never a link a reader can click.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>!|~$]|&(?=#?\w+;))")
_LINE_START = re.compile(r"^(\s*)([-+=>#]|\d+(?=[.)]))")
_FENCE = re.compile(r"`+")
_LINK_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=:|\\?\.)")
_MAIL_AT = re.compile(r"(?<=[\w.+-])(?=@)")
WORD_JOINER = "\u2060"


def escape_markdown(text: str) -> str:
    """Backslash-escape what CommonMark and GitHub give a meaning, line by line; plain words,
    parentheses and colons stay as they are so a pasted report still reads well."""
    return "\n".join(_unlinked(_escape_line(line)) for line in text.split("\n"))


def escape_streamlit(text: str) -> str:
    """`escape_markdown` plus the colon, which starts Streamlit's `:color[...]`, `:icon:` syntax."""
    return escape_markdown(text).replace(":", "\\:")


def _unlinked(line: str) -> str:
    """The line with a word joiner inside every autolink trigger (see the module's docstring)."""
    return _MAIL_AT.sub(WORD_JOINER, _LINK_SCHEME.sub(rf"\1{WORD_JOINER}", line))


def _escape_line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    match = _LINE_START.match(escaped)
    if match:
        lead, marker = match.group(1), match.group(2)
        rest = escaped[match.end() :]
        if marker.isdigit():
            return f"{lead}{marker}\\{rest}"
        return f"{lead}\\{marker}{rest}"
    return escaped


def escape_inline(text: str) -> str:
    """One line for a table cell or a list item: line breaks become spaces, then escaped."""
    return escape_markdown(" ".join(text.split()))


def fenced(text: str, info: str = "text") -> str:
    """A code block longer-fenced than any backtick run inside, so the text cannot close it."""
    longest = max((len(run) for run in _FENCE.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text}\n{fence}"
