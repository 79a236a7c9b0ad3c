"""The problem criterion: a concrete business pain with impact, vague interest, or no need."""

from __future__ import annotations

from assistant.domain import CriterionFinding
from assistant.extract.cues import Hit, clauses_labelled, find_hits, has, is_negated, unique
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.pain_lexicon import FIELD_LABEL, IMPACT, NO_NEED, PAIN, PROBLEM_LABELS, VAGUE
from assistant.text.fold import fold


def _content_hits(clauses: list[Clause] | tuple[Clause, ...]) -> list[Hit]:
    """Pain words past a field label: the 'Pain' of 'Pain: ...' is not itself a pain."""
    hits = []
    for hit in find_hits(PAIN, clauses, skip_negated=True):
        label = FIELD_LABEL.match(hit.clause.text)
        if not label or hit.start >= label.end():
            hits.append(hit)
    return hits


def _pain_hits(doc: NoteDocument) -> list[Hit]:
    """Pain statements said by the prospect (not our rep), not negated."""
    clauses = [c for c in doc.prospect_clauses if c.kind != "question" or c.speaker is None]
    return _content_hits(clauses)


def _negated(hit: Hit) -> bool:
    """Negated only close by: "I don't remember, we're not looking" still says no need."""
    return is_negated(fold(hit.clause.text), hit.start, window=2)


def _only_vague(clause: Clause) -> bool:
    """A 'Pain:' line that only says they want something nicer is interest, not pain."""
    return has(VAGUE, clause.text) and not _content_hits([clause])


def _impact(clauses: list[Clause]) -> bool:
    return any(has(IMPACT, clause.text) for clause in clauses)


def read_problem(doc: NoteDocument) -> CriterionFinding:
    """Read the pain: no-need signals win, then concrete pain, then vague interest."""
    no_need = [hit for hit in find_hits(NO_NEED, doc.prospect_clauses) if not _negated(hit)]
    if no_need:
        clause = no_need[0].clause
        return CriterionFinding(
            criterion="problem",
            proposed="unfit",
            value=clause.text,
            evidence=[clause.text],
            confidence=0.8,
            reason="the prospect states there is no need",
        )
    labelled = [c for c in clauses_labelled(doc, *PROBLEM_LABELS) if not _only_vague(c)]
    pain_clauses = unique(labelled + [hit.clause for hit in _pain_hits(doc)], limit=3)
    if pain_clauses:
        strong = _impact(pain_clauses) or bool(labelled)
        return CriterionFinding(
            criterion="problem",
            proposed="met",
            value=_summary(pain_clauses[0]),
            evidence=[c.text for c in pain_clauses],
            confidence=0.85 if strong else 0.65,
            reason="a concrete business problem" + (" with impact or urgency" if strong else ""),
        )
    vague = list(find_hits(VAGUE, doc.prospect_clauses, skip_negated=True))
    if vague:
        clause = vague[0].clause
        return CriterionFinding(
            criterion="problem",
            proposed="partial",
            value=clause.text,
            evidence=[clause.text],
            confidence=0.6,
            reason="interest without a concrete problem",
        )
    return CriterionFinding(
        criterion="problem", proposed="missing", confidence=0.6, reason="no problem stated"
    )


def _summary(clause: Clause) -> str:
    """A short value: the first pain clause, cut at a word boundary."""
    text = clause.text
    return text if len(text) <= 140 else text[:140].rsplit(" ", 1)[0] + "…"
