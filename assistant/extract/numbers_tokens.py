"""Tokens for the number reader: digits, words and symbols with offsets, and number words.

Split from numbers.py: the tokenizer (times, dates and quarters masked), lexicon phrase matching,
digit separators as people type them, and numbers written in English or Spanish words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from assistant.extract import numbers_lexicon as lx
from assistant.text.fold import fold

T = TypeVar("T")
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)(?P<suf>[^\W\d_]+)?|[^\W\d_]+|[^\w\s]")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+")


class Tok(NamedTuple):
    """One token of the text, with its offsets and its folded form."""

    kind: str  # "num", "word", "sym", or "skip" inside a time, date or quarter
    start: int
    end: int
    raw: str
    norm: str  # folded: lower-case, no accents
    digits: str  # the digits of a "num" token
    suffix: str  # letters glued to a number, folded ("k" in "180k")


PhraseIndex = dict[str, list[tuple[tuple[str, ...], T]]]


def phrase_index(pairs: Iterable[tuple[str, T]]) -> PhraseIndex[T]:
    """Lexicon phrases keyed by their first word, longest first, for token-level matching."""
    index: PhraseIndex[T] = {}
    for phrase, value in pairs:
        words = tuple(phrase.split())
        index.setdefault(words[0], []).append((words, value))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


_FOLLOWS: dict[str, frozenset[str]] = {
    "": frozenset({"unit", "teen", "tens_en", "tens_es", "hundreds", "scale", "article", "half"}),
    "unit": frozenset({"times", "scale"}),
    "teen": frozenset({"times", "scale"}),
    "tens_en": frozenset({"unit", "scale"}),
    "tens_es": frozenset({"unit", "scale"}),
    "hundreds": frozenset({"unit", "teen", "tens_en", "tens_es", "scale"}),
    "times": frozenset({"unit", "teen", "tens_en", "scale"}),
    "scale": frozenset({"unit", "teen", "tens_en", "tens_es", "hundreds", "scale"}),
    "article": frozenset({"times", "scale"}),
    "half": frozenset({"scale"}),
}
_JOINERS = {"-": "tens_en", "y": "tens_es", "and": "times", "a": "half", "an": "half"}


def tokenize(text: str) -> list[Tok]:
    """Digits, words and symbols with offsets; those inside times, dates and quarters are "skip"."""
    folded = fold(text)
    masks = [m.span() for m in lx.NOT_QUANTITY.finditer(text)]
    mask_starts = [start for start, _ in masks]
    tokens = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        k = bisect_right(mask_starts, end - 1) - 1
        if k >= 0 and masks[k][1] > start:
            kind = "skip"
        else:
            kind = "num" if m.group("num") else "word" if m.group(0)[0].isalpha() else "sym"
        suffix = folded[m.start("suf") : end] if m.group("suf") else ""
        tokens.append(Tok(kind, start, end, m.group(0), folded[start:end], m.group("num") or "", suffix))
    return tokens


def match_phrase(toks: list[Tok], j: int, index: PhraseIndex[T]) -> tuple[T, int] | None:
    """The longest lexicon phrase starting at token j, with the index after it."""
    if j >= len(toks) or toks[j].kind == "skip":
        return None
    for words, value in index.get(toks[j].norm, ()):
        end = j + len(words)
        if end <= len(toks) and all(
            toks[j + n].norm == word and toks[j + n].kind != "skip" for n, word in enumerate(words)
        ):
            return value, end
    return None


def parse_digits(digits: str) -> float | None:
    """Digits with either separator convention: "1,500", "1.200", "2,5", "1.234,56"."""
    if digits.isdigit():
        return float(digits)
    if _THOUSANDS.fullmatch(digits) and digits[0] != "0":
        return float(re.sub(r"[.,]", "", digits))  # "1.200", "90.000", "1,234,567"
    point = digits[max(digits.rfind("."), digits.rfind(","))]
    whole, frac = digits.rsplit(point, 1)
    if point in whole or not (whole.isdigit() or _THOUSANDS.fullmatch(whole)):
        return None
    return float(re.sub(r"[.,]", "", whole) + "." + frac)


@dataclass
class _Words:
    """Running total of a number written in words ("dos mil quinientos", "half a million")."""

    total: float = 0.0
    cur: float = 0.0
    scale: float = 0.0
    mult: float = 1.0
    prev: str = ""

    def add(self, cls: str, value: float) -> bool:
        """Fold one number word in; False when it cannot continue this number."""
        if cls not in _FOLLOWS[self.prev] or (cls == "scale" and not self._scale_fits(value)):
            return False
        if cls in ("unit", "teen", "tens_en", "tens_es", "hundreds"):
            self.cur += value
        elif cls in ("article", "half"):
            self.cur = value
        elif cls == "times":
            self.cur = (self.cur or 1.0) * value
        elif value >= 1e6 and self.prev == "scale":
            self.total *= value  # "mil millones"
        else:
            self.total, self.cur = self.total + (self.cur or 1.0) * value, 0.0
        self.scale = value if cls == "scale" else self.scale
        self.mult = value if cls in ("scale", "times") else 1.0
        self.prev = cls
        return True

    def _scale_fits(self, value: float) -> bool:
        if self.prev == "":
            return value == 1e3  # "mil euros", "thousand"
        if self.prev == "scale":
            return value > self.scale
        return self.scale == 0 or value < self.scale


def _word_class(toks: list[Tok], j: int) -> tuple[str, float] | None:
    norm = toks[j].norm
    if toks[j].kind != "word":
        return None
    if norm == "once":  # English "once legal signs off"; Spanish eleven before a count noun
        follows = j + 1 < len(toks) and toks[j + 1].norm in lx.ONCE_NOUNS
        return ("teen", 11.0) if follows else None
    for cls, table in (
        ("unit", lx.UNITS),
        ("teen", lx.TEENS),
        ("tens_en", lx.TENS_EN),
        ("tens_es", lx.TENS_ES),
        ("hundreds", lx.HUNDREDS_ES),
        ("times", lx.MULTIPLYING),
        ("scale", lx.SCALES),
    ):
        if norm in table:
            return cls, table[norm]
    if norm in lx.ARTICLES:
        return "article", 1.0
    return ("half", 0.5) if norm in lx.HALVES else None


def read_words(toks: list[Tok], j: int) -> tuple[float, float, int] | None:
    """A number in words at token j: (value, trailing multiplier, index after it)."""
    words, k, end = _Words(), j, j
    while k < len(toks):
        tok = toks[k]
        joiner = _JOINERS.get(tok.norm) == words.prev and (tok.raw != "-" or tok.start == toks[k - 1].end)
        hit = _word_class(toks, k + 1 if joiner else k)
        if hit is None or not words.add(*hit):
            break
        k += 2 if joiner else 1
        end = k
    if end == j or words.prev in ("article", "half"):
        return None
    value = words.total + words.cur
    return value, words.mult, end
