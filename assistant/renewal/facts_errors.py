"""Validation errors of a facts file in plain words: which field, what was expected, what was given."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

WHY_NEEDED = {
    "contract_end": "the renewal timeline counts back from it",
    "contract_start": "the term and the first agreement's length come from it",
    "arr": "expansion plays and the second agreement are sized from it",
    "seats_purchased": "utilisation is active seats over purchased seats",
    "seats_active": "utilisation is active seats over purchased seats",
    "name": "every stakeholder and usage metric needs a name",
    "value": "a usage metric needs its figure",
}
_BOUNDS = {
    "greater_than_equal": ("at least", "ge"),
    "greater_than": ("more than", "gt"),
    "less_than_equal": ("at most", "le"),
    "less_than": ("less than", "lt"),
}
_PLAIN = {
    "int_parsing": "expected a whole number",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "string_type": "expected text",
    "list_type": "expected a list",
    "dict_type": "expected a mapping of fields",
    "model_type": "expected a mapping of fields",
    "model_attributes_type": "expected a mapping of fields",
    "bool_parsing": "expected true or false",
    "string_too_short": "must not be empty",
}


class FactsError(Exception):
    """A facts file that cannot be planned from; each problem names its field."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _where(loc: tuple[int | str, ...], data: Any) -> str:
    """`stakeholders item 2 (Tom Becker): change` rather than `stakeholders.1.change`."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            label = node.get("name") if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]} item {part + 1}" + (f" ({label})" if isinstance(label, str) else "")
            continue
        node = node.get(part) if isinstance(node, dict) else None
        parts.append(str(part))
    return ": ".join(parts)


def _explain(error: ErrorDetails) -> str:
    kind, got, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "")
    if kind == "missing":
        why = WHY_NEEDED.get(field)
        return "missing" + (f" ({why})" if why else "")
    if kind in _PLAIN:
        return f"{_PLAIN[kind]}, got {_shown(got)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"expected a date as YYYY-MM-DD, got {_shown(got)}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected', '?')}, got {_shown(got)}"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"must be {words} {ctx.get(key)}, got {_shown(got)}"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against the facts schema)"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return error["msg"]


def describe_errors(error: ValidationError, data: Any) -> list[str]:
    """One plain line per problem, field first; cross-field problems name their own fields."""
    lines = []
    for item in error.errors(include_url=False):
        where = _where(tuple(item["loc"]), data)
        lines.append(f"{where}: {_explain(item)}" if where else _explain(item))
    return list(dict.fromkeys(lines))
