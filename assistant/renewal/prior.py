"""What earlier records about the account add to a renewal plan.

History arrives as plain dicts (the latest qualification report and transition brief payloads
as saved), so this module reads them defensively: a missing or reshaped key adds nothing and
never fails the plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.knowledge.schemas import Rubric
from assistant.renewal.schemas import InvolvedPerson, TimelineEntry

History = Mapping[str, Any]
CRITERIA_KEYS = ("success_criteria", "success_metrics", "outcomes")
MAX_DEPTH, MAX_CRITERIA = 3, 4
PRESALE_ROLES = ("sales_engineer", "industry_expert", "specialist_ae")


def records_used(history: History | None) -> list[str]:
    """Names of the records that were given (e.g. 'qualification', 'transition')."""
    return [name for name, value in (history or {}).items() if isinstance(value, Mapping) and value]


def _find_list(node: Any, keys: tuple[str, ...], depth: int = 0) -> list[Any]:
    if not isinstance(node, Mapping) or depth > MAX_DEPTH:
        return []
    for key in keys:
        if isinstance(node.get(key), list):
            return list(node[key])
    for value in node.values():
        found = _find_list(value, keys, depth + 1)
        if found:
            return found
    return []


def _as_text(item: Any) -> str:
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, Mapping):
        for key in ("text", "criterion", "metric", "description", "name"):
            if isinstance(item.get(key), str):
                return str(item[key]).strip()
    return ""


def success_criteria(history: History | None) -> list[str]:
    """Success criteria agreed at the AE to CSM transition, if the brief recorded any."""
    brief = (history or {}).get("transition")
    found = [_as_text(item) for item in _find_list(brief, CRITERIA_KEYS)]
    return [text for text in found if text][:MAX_CRITERIA]


def with_success_criteria(timeline: list[TimelineEntry], criteria: list[str]) -> list[TimelineEntry]:
    """The business review presents outcomes against the criteria agreed at onboarding: name them."""
    if not criteria:
        return timeline
    note = "present outcomes against: " + "; ".join(criteria)
    return [
        e.model_copy(update={"note": f"{e.note}; {note}" if e.note else note})
        if e.key == "executive_business_review"
        else e
        for e in timeline
    ]


def industry_from_history(history: History | None, rubric: Rubric) -> str | None:
    """The industry key the qualification found, matched by its label."""
    report = (history or {}).get("qualification")
    if not isinstance(report, Mapping):
        return None
    criteria = report.get("criteria")
    industry = criteria.get("industry") if isinstance(criteria, Mapping) else None
    value = industry.get("value") if isinstance(industry, Mapping) else None
    if not isinstance(value, str):
        return None
    folded = value.strip().lower()
    return next((i.key for i in rubric.industries if folded in (i.key, i.label.lower())), None)


def presale_people(history: History | None, present: list[InvolvedPerson]) -> list[InvolvedPerson]:
    """Specialists who worked the deal before signature, for roles the plan does not already fill."""
    report = (history or {}).get("qualification")
    recommendations = report.get("recommendations") if isinstance(report, Mapping) else None
    taken = {p.role for p in present if p.side == "ours"} | {p.name for p in present if p.name}
    found = []
    for item in recommendations if isinstance(recommendations, list) else []:
        if not isinstance(item, Mapping):
            continue
        role, name = item.get("role"), item.get("name")
        if role in PRESALE_ROLES and isinstance(name, str) and role not in taken and name not in taken:
            taken |= {role, name}
            reason = str(item.get("reason", ""))[:160]
            found.append(
                InvolvedPerson(
                    side="ours",
                    role=str(role),
                    name=name,
                    when="as needed",
                    why=f"worked the deal before signature: {reason}".rstrip(": "),
                )
            )
    return found
