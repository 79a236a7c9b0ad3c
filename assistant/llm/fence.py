"""The one fence every prompt puts around untrusted text (notes, sources, passages, account notes).

A prompt tells the model that what lies between `<notes>` and `</notes>` is data. That only holds
while the data cannot close the fence itself, so every fenced text is neutralised first: any
opening or closing tag of ANY prompt's fence loses its `<` (it becomes `‹`). Matching is done on a
normalised view of the text (case, spaces, fullwidth and look-alike letters, zero-width and
Unicode TAG characters, `&lt;` entities), because a model reads `</ NOTES >`, `＜/notes＞` and
`</no\u200btes>` as the tag. Unicode TAG characters (invisible ASCII) are dropped outright.
The scan is one pass over the text: linear in its length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

FENCE_TAGS = ("notes", "passages", "source", "account_notes")
SAFE_OPENER = "‹"

_INVISIBLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF, 0xFFA0),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
    ]
)
_TAG_CHARACTERS = range(0xE0000, 0xE0080)
_LOOKALIKES = str.maketrans("аеорсхуіѕԁјӏАЕОРСХУІЅВКМНТ", "aeopcxyisdjlAEOPCXYISBKMHT")
_OPENER = r"(?P<opener><|&lt;?|&#0*60;?|&#x0*3c;?)"
_TAG = re.compile(
    _OPENER + r"\s*/?\s*(?:" + "|".join(sorted(FENCE_TAGS, key=len, reverse=True)) + r")(?![a-z0-9_])",
    re.IGNORECASE,
)


def _normalised(text: str) -> tuple[str, list[int]]:
    """A folded view of `text` for matching, and for each of its characters the original index."""
    view: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        code = ord(char)
        if code in _INVISIBLE or code in _TAG_CHARACTERS:
            continue
        folded = unicodedata.normalize("NFKC", char).translate(_LOOKALIKES) if not char.isascii() else char
        for piece in folded:
            view.append(piece)
            origin.append(index)
    return "".join(view), origin


def neutralise(text: str) -> str:
    """`text` that can neither open nor close any prompt fence, whatever its case or disguise."""
    cleaned = "".join(char for char in text if ord(char) not in _TAG_CHARACTERS)
    if "<" not in cleaned and "&" not in cleaned and cleaned.isascii():
        return cleaned
    view, origin = _normalised(cleaned)
    openers: dict[int, int] = {}
    for match in _TAG.finditer(view):
        openers[origin[match.start()]] = origin[match.end("opener") - 1] + 1
    if not openers:
        return cleaned
    out: list[str] = []
    cursor = 0
    for start in sorted(openers):
        out.append(cleaned[cursor:start])
        out.append(SAFE_OPENER)
        cursor = openers[start]
    out.append(cleaned[cursor:])
    return "".join(out)


def fence(tag: str, text: str, attributes: Mapping[str, str] | None = None) -> str:
    """`text` as data between `<tag ...>` and `</tag>`, neutralised so it cannot leave the fence."""
    if tag not in FENCE_TAGS:
        raise ValueError(f"unknown fence tag {tag!r}: add it to FENCE_TAGS so every fence neutralises it")
    attrs = "".join(
        f' {name}="{neutralise(value).replace(chr(34), chr(39))}"'
        for name, value in (attributes or {}).items()
    )
    return f"<{tag}{attrs}>\n{neutralise(text)}\n</{tag}>"
