"""Account names as people type them, reduced to one key so the same company always meets itself.

"Halvorsen Regional Bank", "halvorsen regional bank inc." and "The Halvorsen Regional Bank, Inc"
are one account: the key is casefolded, unicode-normalised (NFKC; accents on Latin letters
dropped, other scripts kept whole), punctuation-free, whitespace-collapsed, without a leading
"the" and without trailing legal-form suffixes (Inc, LLC, GmbH, S.A., Pty Ltd, ...).
"""

from __future__ import annotations

import unicodedata

# Trailing legal forms; dots are removed before matching, so "S.A." is "sa" and "Co." is "co".
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "kg",
        "se",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "plc",
        "bv",
        "nv",
        "pty",
        "pte",
        "sl",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "bhd",
        "sdn",
    }
)
LEADING_ARTICLES: frozenset[str] = frozenset({"the"})
_JOINERS = {".", "'", "’", "`"}  # removed without a gap: "S.A." -> "sa", "O'Neil" -> "oneil"


def normalise_account_name(name: str) -> str:
    """The key an account is stored under; empty when the name has no letters or digits."""
    words = _plain_words(name)
    if len(words) > 1 and words[0] in LEADING_ARTICLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def display_name(name: str) -> str:
    """The name as typed, trimmed and with runs of whitespace made single spaces."""
    return " ".join(name.split())


def _plain_words(name: str) -> list[str]:
    """Casefolded words with Latin accents and punctuation removed."""
    text = _strip_latin_accents(unicodedata.normalize("NFKC", name).casefold())
    kept = []
    for char in text:
        if char in _JOINERS:
            continue
        category = unicodedata.category(char)
        kept.append(char if category[0] in "LN" or category in {"Mn", "Mc"} else " ")
    return "".join(kept).split()


def _strip_latin_accents(text: str) -> str:
    """'Müller' -> 'muller', but Japanese voiced marks and the like stay, they change the word."""
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and _is_latin(kept[-1]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")
