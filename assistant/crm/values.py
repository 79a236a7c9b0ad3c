"""One report value per mapped column, written as the CRM's import accepts it.

Text is cut at a word to the field's limit (with an ellipsis), picklist values are the map's exact
CRM values, numbers carry no thousands separators, dates are YYYY-MM-DD, booleans true/false, and
an empty value is what the CRM reads as empty (Salesforce's `#N/A` clears a field on update).
"""

from __future__ import annotations

import re

from assistant.knowledge.crm import CrmField, TargetRules
from assistant.qualify.schemas import QualificationReport

Value = str | float | bool | list[str] | None
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ELLIPSIS = "…"


class RowProblem(ValueError):
    """A report that cannot become a row (no valid record id): the row is skipped and named."""


def report_value(report: QualificationReport, line_id: str, record: dict[str, str], source: str) -> Value:
    """The value a map entry names, from the report, the batch line's id or its CRM ids."""
    if source == "id":
        return line_id
    if source.startswith("record."):
        return record.get(source.removeprefix("record."))
    if "." in source:
        name, part = source.split(".", 1)
        result = report.criteria.get(name)  # type: ignore[call-overload]
        if result is None:
            return None
        parts: dict[str, Value] = {
            "status": result.status,
            "evidence": list(result.evidence),
            "value": result.value,
        }
        return parts[part]
    if source == "call_date":
        return (
            report.metadata.call_date.isoformat() if report.metadata and report.metadata.call_date else None
        )
    if source == "recommendations":
        return [
            f"{item.name} ({item.role.replace('_', ' ')}): {item.reason}" for item in report.recommendations
        ]
    found: Value = getattr(report, source)
    return list(found) if isinstance(found, list) else found


def cell(value: Value, field: CrmField, rules: TargetRules) -> str:
    """The value as the column's cell; RowProblem when a picklist value has no CRM value."""
    if value is None or value == "" or value == []:
        return rules.empty
    if field.type in ("picklist", "multi_picklist"):
        items = value if isinstance(value, list) else [_plain(value)]
        try:
            chosen = [field.choices[str(item)] for item in items]
        except KeyError as exc:
            raise RowProblem(
                f"{field.column}: {exc.args[0]!r} has no CRM value in knowledge/crm.yaml"
            ) from exc
        return rules.multi_separator.join(chosen) if field.type == "multi_picklist" else chosen[0]
    if field.type == "boolean" or isinstance(value, bool):
        return "true" if value else "false"
    if field.type == "number" and isinstance(value, (int, float)):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    text = field.join.join(value) if isinstance(value, list) else _plain(value)
    limit = rules.long_text_max if field.type == "long_text" else rules.text_max
    return cut(
        _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")),
        min(field.max_length or limit, limit),
    )


def _plain(value: object) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word with an ellipsis when longer."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip() + _ELLIPSIS


def record_ids(value: Value, rules: TargetRules, column: str) -> list[str]:
    """The record ids a row updates (HubSpot's associated ids may be several, `;`-separated)."""
    given = value if isinstance(value, list) else [str(value)] if value not in (None, "") else []
    ids = [part.strip() for item in given for part in item.split(";") if part.strip()]
    if not ids:
        raise RowProblem(f"no {column}: this report came from a file without {rules.label} record ids")
    for found in ids:
        if not rules.record_id.match(found):
            raise RowProblem(f"{column} {found[:40]!r} is not a {rules.label} record id")
    return ids
