"""Which language the notes are in: the offline engine reads English and Spanish."""

from __future__ import annotations

import re
from typing import Literal

from assistant.text.clause_cache import clause_cache
from assistant.text.fold import fold

Language = Literal["en", "es", "other"]

_ENGLISH = re.compile(
    r"\b(?:the|and|of|to|in|is|are|for|with|they|we|on|at|by|this|that|from|have|has|their|our|wants?)\b"
)
_SPANISH = re.compile(
    r"\b(?:el|la|los|las|de|del|que|en|con|para|por|una|unos|unas|tienen|quieren|estan|son|muy|pero|y)\b"
)
_MIN_WORDS = 12


@clause_cache(maxsize=4_096)
def detect_language(text: str) -> Language:
    """'en' or 'es' by function words; 'other' when a longer text has too few of either.
    Cached (`clause_cache`): the readers ask about the same clauses several times."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) >= 20 and sum(ord(char) < 0x250 for char in letters) / len(letters) < 0.5:
        return "other"
    folded = fold(text)
    words = max(1, len(re.findall(r"\w+", folded)))
    english = len(_ENGLISH.findall(folded)) / words
    spanish = len(_SPANISH.findall(folded)) / words
    if words >= _MIN_WORDS and max(english, spanish) < 0.06:
        return "other"
    return "es" if spanish > english else "en"


def language_warning(text: str) -> str | None:
    """A warning for notes the offline rules cannot read well."""
    if detect_language(text) == "other":
        return (
            "the notes do not look like English or Spanish; the offline engine reads those two, "
            "so most criteria may show as missing (configure an LLM model for other languages)"
        )
    return None
