"""The size criterion: company headcount, read from how people write it."""

from __future__ import annotations

import re

from assistant.domain import CriterionFinding, Status
from assistant.extract.cues import MAX_MENTIONS, after, before, terms
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.numbers import Quantity, find_quantities
from assistant.text.fold import fold

_EMPLOYEE_NOUN = re.compile(
    r"^[\s)~+]*(?:-\s*)?(?:\+\s*)?(?:(?:full[- ]time|total|global|worldwide|in total|strong)\s+)?"
    r"(?:employees?|staff|people|persons?|personas|empleados|trabajadores|colaboradores|"
    r"workers|associates|headcount|team members|fte employees|mitarbeiter|salariés|salaries|funcionarios|"
    r"guys|folks|ppl|heads|of us|de nosotros)\b"
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
_TEAM_BEFORE = re.compile(
    r"\b(?:team|equipo|department|departamento|dept|squad|crew|shift|unit|division|office|branch|store|plant)"
    r"\s+(?:is|are|has|have|of|de|es|tiene|includes?|numbers?|:)?\s*(?:about|around|roughly|only|just|~|unas?|como)?\s*$"
)
_TEAM_AFTER = re.compile(
    r"^[\s-]*(?:person|people|member|strong|personas)\s+(?:team|department|dept|group|squad|crew|unit|equipo)"
)
# "120 field technicians", "30 sales reps": part of the staff, so only a lower bound on the company.
_ROLE_AFTER = re.compile(
    r"^\s+(?:[a-z-]+\s+)?(?:technicians|techs|reps|agents|drivers|nurses|engineers|analysts|teachers|developers|"
    r"salespeople|sellers|consultants|doctors|physicians|accountants|adjusters|dispatchers|cashiers|pharmacists|"
    r"caregivers|clinicians|underwriters|recruiters|installers|mechanics|operators|tecnicos|agentes|conductores|"
    r"enfermer[oa]s|vendedores|comerciales|medicos|profesores|ingenieros)\b"
)
_PART_WORDS = re.compile(
    r"team|department|dept|squad|crew|shift|unit|division|office|branch|store|plant|equipo|person|people|member|"
    r"technicians|techs|reps|agents|drivers|nurses|engineers|analysts|teachers|developers|salespeople|sellers|"
    r"consultants|doctors|physicians|accountants|adjusters|dispatchers|cashiers|pharmacists|caregivers|clinicians|"
    r"underwriters|recruiters|installers|mechanics|operators|tecnicos|agentes|conductores|enfermer|vendedores|"
    r"comerciales|medicos|profesores|ingenieros|staff|employees|personas"
)
# "120 people by end of 2027", "hiring 50 engineers": plans, not today's headcount.
_PLAN_AROUND = re.compile(
    r"\b(?:grow(?:ing)? to|hire|hiring|add(?:ing)?|double|reach|plan(?:s|ning)? to|will (?:be|have)|expect)\b"
)
_PLAN_AFTER = re.compile(
    r"^[^,;.]{0,25}\b(?:by|in|next|within|para|en)\s+(?:the\s+)?(?:end of\s+)?(?:20\d\d|next|q[1-4]|fy)"
)
_SAYS_NOTHING_BELOW = 50
_MET_FROM_PART = 200
_LARGE_COMPANY = terms("fortune (500|1000)", "global 2000", "ftse 100", "multinational", "multinacional")


def _part_of_staff(ahead: str, behind: str) -> bool:
    """A team, department or role count ("her team is 12 people", "120 technicians")."""
    return bool(
        _DEPARTMENT_AFTER.match(behind)
        or _TEAM_BEFORE.search(ahead)
        or _TEAM_AFTER.match(behind)
        or _ROLE_AFTER.match(behind)
    )


def _planned(ahead: str, behind: str) -> bool:
    return bool(_PLAN_AROUND.search(ahead[-30:]) or _PLAN_AFTER.match(behind))


def _part_counts(clause: Clause) -> list[Quantity]:
    """Counts of part of the staff: lower bounds on the company's headcount."""
    folded = fold(clause.text)
    if not _PART_WORDS.search(folded):
        return []  # most clauses count no staff: skip the number scan
    found = []
    for quantity in find_quantities(clause.text)[:12]:
        if quantity.kind != "number" or quantity.value < 1:
            continue
        ahead, behind = before(folded, quantity.start), after(folded, quantity.end)
        if _planned(ahead, behind):
            continue
        role = _ROLE_AFTER.match(behind) or _TEAM_AFTER.match(behind)
        team = _EMPLOYEE_NOUN.match(behind) and (
            _TEAM_BEFORE.search(ahead) or _DEPARTMENT_AFTER.match(behind)
        )
        if role or team:
            found.append(quantity)
    return found


def _headcounts(clause: Clause) -> list[Quantity]:
    """Quantities in a clause that count the company's employees."""
    folded = fold(clause.text)
    counts = []
    for quantity in find_quantities(clause.text)[:MAX_MENTIONS]:
        if quantity.kind not in ("number",) or quantity.value < 1:
            continue
        behind = after(folded, quantity.end)
        ahead = before(folded, quantity.start)
        is_headcount = bool(_EMPLOYEE_NOUN.match(behind) or _HEADCOUNT_BEFORE.search(ahead))
        if not is_headcount or _part_of_staff(ahead, behind) or _planned(ahead, behind):
            continue
        if re.match(r"^\s*ftes?\b", behind):
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
            criterion="size",
            value=employees,
            employees=employees,
            evidence=[clause.text],
            confidence=0.8 if approx else 0.9,
            reason=f"{approx}{employees:,} employees",
        )
    part = _lower_bound(doc)
    if part is not None:
        return part
    for clause in doc.prospect_clauses:
        if _LARGE_COMPANY.search(fold(clause.text)):
            return CriterionFinding(
                criterion="size",
                proposed="met",
                evidence=[clause.text],
                confidence=0.6,
                reason="a large enterprise, headcount not stated",
            )
    return CriterionFinding(
        criterion="size", proposed="missing", confidence=0.6, reason="no headcount in the notes"
    )


def _lower_bound(doc: NoteDocument) -> CriterionFinding | None:
    """The largest count of part of the staff: 120 technicians means at least 120 employees.

    Below the partial threshold it says nothing about the company (a 12-person team is no size).
    """
    best: tuple[Quantity, Clause] | None = None
    for clause in doc.prospect_clauses:
        for quantity in _part_counts(clause):
            if best is None or quantity.value > best[0].value:
                best = (quantity, clause)
    if best is None or best[0].value < _SAYS_NOTHING_BELOW:
        return None
    quantity, clause = best
    status: Status = "met" if quantity.value >= _MET_FROM_PART else "partial"
    count = round(quantity.value)
    return CriterionFinding(
        criterion="size",
        proposed=status,
        value=count,
        evidence=[clause.text],
        confidence=0.6,
        reason=f"at least {count:,} employees (a count of part of the staff)",
        needs_review=True,
        review_reason="only part of the staff was counted",
    )
