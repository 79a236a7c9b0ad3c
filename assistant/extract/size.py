"""The size criterion: company headcount, read from how people write it."""

from __future__ import annotations

import re

from assistant.domain import CriterionFinding
from assistant.extract.cues import terms
from assistant.extract.document import Clause, NoteDocument, fold
from assistant.extract.numbers import Quantity, find_quantities

_EMPLOYEE_NOUN = re.compile(
    r"^[\s)~+]*(?:-\s*)?(?:\+\s*)?(?:(?:full[- ]time|total|global|worldwide|in total|strong)\s+)?"
    r"(?:employees?|staff|people|persons?|personas|empleados|trabajadores|colaboradores|"
    r"workers|associates|headcount|team members|fte employees|mitarbeiter|salariés|salaries|funcionarios)\b"
    r"|^\s*-\s*(?:person|people|employee|staff)\b"
)
_HEADCOUNT_BEFORE = re.compile(
    r"(?:headcount|workforce|staff|plantilla|employees|empleados)\s*(?:of|is|de|:|=|around|about|~)?\s*"
    r"(?:about|around|roughly|approx\.?|~|unos|unas|cerca de|más de|over)?\s*$"
)
# "4 FTEs spend...", "30 people in finance", "a team of 12": departments, not the company.
_DEPARTMENT_AFTER = re.compile(
    r"^[\s\w-]{0,25}?\b(?:in|on|en)\s+(?:the\s+|their\s+|our\s+|su\s+|el\s+)?"
    r"(?:team|department|dept|it|finance|ops|operations|accounting|sales|support|marketing|"
    r"equipo|departamento|área|area)\b"
)
_TEAM_BEFORE = re.compile(r"\b(?:team|equipo|department|departamento|squad) (?:of|de)\s*$")
_LARGE_COMPANY = terms("fortune (500|1000)", "global 2000", "ftse 100", "multinational", "multinacional")


def _headcounts(clause: Clause) -> list[Quantity]:
    """Quantities in a clause that count the company's employees."""
    folded = fold(clause.text)
    counts = []
    for quantity in find_quantities(clause.text):
        if quantity.kind not in ("number",) or quantity.value < 1:
            continue
        after = folded[quantity.end :]
        before = folded[: quantity.start]
        is_headcount = bool(_EMPLOYEE_NOUN.match(after) or _HEADCOUNT_BEFORE.search(before))
        if not is_headcount or _DEPARTMENT_AFTER.match(after) or _TEAM_BEFORE.search(before):
            continue
        if re.match(r"^\s*ftes?\b", after):
            continue
        counts.append(quantity)
    return counts


def read_size(doc: NoteDocument) -> CriterionFinding:
    """The largest company-level headcount named; the rubric applies the thresholds."""
    best: tuple[Quantity, Clause] | None = None
    for clause in doc.prospect_clauses:
        for quantity in _headcounts(clause):
            if best is None or quantity.value > best[0].value:
                best = (quantity, clause)
    if best is not None:
        quantity, clause = best
        employees = round(quantity.value)
        approx = "about " if quantity.approximate or quantity.value_max else ""
        return CriterionFinding(
            criterion="size", value=employees, employees=employees, evidence=[clause.text],
            confidence=0.8 if approx else 0.9, reason=f"{approx}{employees:,} employees",
        )
    for clause in doc.prospect_clauses:
        if _LARGE_COMPANY.search(fold(clause.text)):
            return CriterionFinding(
                criterion="size", proposed="met", evidence=[clause.text], confidence=0.6,
                reason="a large enterprise, headcount not stated",
            )
    return CriterionFinding(
        criterion="size", proposed="missing", confidence=0.6, reason="no headcount in the notes"
    )
