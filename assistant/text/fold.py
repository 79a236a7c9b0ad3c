"""Text folded for comparison: the one place notes, quotes and sources are normalised before matching.

`fold` keeps one character for one, so an offset into the folded text is an offset into the
original: readers match lexicons on folded text and quote the original slice.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from assistant.text.clause_cache import clause_cache

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace-normalised, lower-cased text: a quote matches its source however it was wrapped."""
    return _SPACES.sub(" ", text).strip().lower()


# Typographic quotes and dashes read as their ASCII forms; ordinal indicators as letters.
_PUNCTUATION = {"’": "'", "‘": "'", "–": "-", "—": "-", "‑": "-", "º": "o", "ª": "a"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    base = unicodedata.normalize("NFKD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


@clause_cache(maxsize=16_384)
def fold(text: str) -> str:
    """Lower-case, accents stripped, typographic quotes and dashes as ASCII: one character for one.

    Cached for clause-sized texts (`clause_cache`): every reader folds the same clauses.
    """
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)
