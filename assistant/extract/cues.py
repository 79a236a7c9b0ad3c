"""Shared matching helpers: term lists to regexes, negation and third-party context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from assistant.extract.document import Clause, NoteDocument
from assistant.text.fold import fold

ItemT = TypeVar("ItemT")

_NEGATORS = re.compile(
    r"\b(?:no|not|nothing|never|without|none|nor|neither|cannot|can't|cant|don't|dont|doesn't|doesnt|"
    r"didn't|didnt|isn't|isnt|aren't|arent|won't|wont|sin|ni|nunca|ningun|ninguna|tampoco)\b"
    r"|n't\b"
)
CONTEXT_CHARS = 200  # how far before or after a mention any reader looks: keeps every reader linear
MAX_MENTIONS = 64  # numbers, amounts or dates read per clause: a pasted table cannot make it quadratic
_CLAUSE_BREAK = re.compile(r"[,;:()]|\bbut\b|\bpero\b|\band\b|\by\b")


@lru_cache(maxsize=256)
def compile_terms(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive whole-word regex over accent-folded text for a list of patterns."""
    folded = sorted({fold_pattern(pattern) for pattern in patterns}, key=len, reverse=True)
    body = "|".join(f"(?:{pattern})" for pattern in folded)
    return re.compile(rf"(?<!\w)(?:{body})(?![\w])", re.IGNORECASE)


def fold_pattern(pattern: str) -> str:
    """Strip accents from a pattern without touching regex escapes such as \\S or \\W."""
    return "".join(fold(char) if char.isalpha() and not char.isascii() else char for char in pattern)


def terms(*patterns: str) -> re.Pattern[str]:
    """Convenience for code-level lexicons."""
    return compile_terms(tuple(patterns))


@dataclass(frozen=True)
class Hit:
    """A lexicon match inside one clause."""

    clause: Clause
    start: int
    end: int
    text: str


def find_hits(
    pattern: re.Pattern[str], clauses: Iterable[Clause], *, skip_negated: bool = False
) -> Iterator[Hit]:
    """Every match of `pattern` in the clauses, optionally dropping negated ones."""
    for clause in clauses:
        folded = fold(clause.text)
        for match in pattern.finditer(folded):
            if skip_negated and (is_negated(folded, match.start()) or is_negated_after(folded, match.end())):
                continue
            yield Hit(clause, match.start(), match.end(), clause.text[match.start() : match.end()])


def is_negated(folded: str, position: int, window: int = 4) -> bool:
    """True when a negator sits within a few words before `position`, in the same sub-clause."""
    before = folded[max(0, position - CONTEXT_CHARS) : position]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = before.split()[-window:]
    return bool(_NEGATORS.search(" ".join(words)))


_NEGATED_AFTER = re.compile(
    r"^\W{0,3}(?:is |are |was )?(?:(?:not|isn'?t|aren'?t|wasn'?t)\s+(?:needed|required|necessary|a requirement|"
    r"relevant|in scope|a priority|a concern)|out of scope)|^\W{0,3}(?:no es|no son) (?:necesari|requerid)"
)


def is_negated_after(folded: str, end: int) -> bool:
    """True when the words right after a match deny it: "SSO is not needed", "API isn't required"."""
    return bool(_NEGATED_AFTER.match(folded[end : end + 40]))


def has(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the folded text matches."""
    return pattern.search(fold(text)) is not None


def unique(items: Sequence[ItemT], limit: int = 3) -> list[ItemT]:
    """Keep order, drop repeats, cap the count (evidence lists stay readable).

    Stops at `limit`: a 1 MB note has tens of thousands of hits, and comparing each with every
    one kept before took seconds.
    """
    seen: list[ItemT] = []
    for item in items:
        if len(seen) >= limit:
            break
        if item not in seen:
            seen.append(item)
    return seen


def clauses_labelled(doc: NoteDocument, *labels: str) -> list[Clause]:
    """Prospect clauses under a 'Budget:'-style label."""
    wanted = {fold(label) for label in labels}
    return [c for c in doc.prospect_clauses if c.label and fold(c.label) in wanted]


def before(folded: str, position: int) -> str:
    """The text just before a position, at most CONTEXT_CHARS: what a cue before a mention may use."""
    return folded[max(0, position - CONTEXT_CHARS) : position]


def after(folded: str, position: int) -> str:
    """The text just after a position, at most CONTEXT_CHARS."""
    return folded[position : position + CONTEXT_CHARS]
