"""One rule for caching what readers compute from a clause's text.

Several readers ask the same questions of the same clause (its fold, its numbers, its dates,
its language), and a batch repeats clauses across notes, so the answers are worth keeping; a
huge text is computed afresh instead, so a batch of huge notes cannot fill memory.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Concatenate, ParamSpec, TypeVar

CACHED_CHARS = 4_096
P = ParamSpec("P")
R = TypeVar("R")


def clause_cache(
    maxsize: int,
) -> Callable[[Callable[Concatenate[str, P], R]], Callable[Concatenate[str, P], R]]:
    """Cache `function(text, ...)` for texts of at most CACHED_CHARS characters (arguments hashable)."""

    def decorate(function: Callable[Concatenate[str, P], R]) -> Callable[Concatenate[str, P], R]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(text: str, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if len(text) > CACHED_CHARS:
                return function(text, *args, **kwargs)
            return cached(text, *args, **kwargs)  # type: ignore[arg-type]  # hashable by contract

        return call

    return decorate
