"""Text folded for comparison: the one place notes, quotes and sources are normalised before matching.

`fold` keeps one character for one, so an offset into the folded text is an offset into the
original: readers match lexicons on folded text and quote the original slice.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


CACHED_CHARS = 4_096


def fold(text: str) -> str:
    """Lower-case, accents stripped, typographic quotes and dashes as ASCII: one character for one.

    Cached for clause-sized texts: every reader folds the same clauses, and a batch repeats many
    of them. Whole long notes are folded afresh, so a batch of huge notes cannot fill memory.
    """
    return _fold_cached(text) if len(text) <= CACHED_CHARS else _fold(text)


@lru_cache(maxsize=16_384)
def _fold_cached(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)
