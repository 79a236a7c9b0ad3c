"""Text folded for comparison: the one place quotes and sources are normalised before matching."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace-normalised, lower-cased text: a quote matches its source however it was wrapped."""
    return _SPACES.sub(" ", text).strip().lower()
