"""The timeline criterion: when they would decide or buy, counted from the call date.

Candidates are ranked: a decision, selection, signature or purchase date beats a go-live, which
beats any other date; meeting dates, follow-ups, action items, headcount plans and the prospect's
own sales cycle are never candidates. "Before spring" counts from the start of spring.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.domain import CriterionFinding
from assistant.extract.cues import before, clauses_labelled, has, is_negated
from assistant.extract.dates import TimeMention, find_timeframes, months_between
from assistant.extract.document import Clause, NoteDocument
from assistant.extract.timeline_lexicon import (
    BEFORE_PHRASE,
    BLOCKER_CUE,
    BUDGETING,
    DECIDE,
    DECISION_CUE,
    GO_LIVE,
    NAMES_A_PLAN,
    NO_TIMELINE,
    NOT_A_WINDOW,
)
from assistant.text.fold import fold

_LONG_PERIOD_MONTHS = 3.2
_UNFIT_MONTHS = 12.0


@dataclass(frozen=True)
class _Dated:
    mention: TimeMention
    clause: Clause
    target: dt.date
    rank: int


def _target(mention: TimeMention, folded: str, call_date: dt.date) -> dt.date:
    """The date that counts: a deadline's end, "before X" the start of X, a long period's middle."""
    if BEFORE_PHRASE.search(folded[max(0, mention.start - 25) : mention.start]):
        return max(mention.earliest, call_date)
    if mention.relation in ("by", "until", "after"):
        return mention.latest
    earliest = max(mention.earliest, call_date)
    if months_between(earliest, mention.latest) > _LONG_PERIOD_MONTHS:
        return earliest + (mention.latest - earliest) / 2
    return earliest


def _sub_clause(folded: str, position: int) -> str:
    """The words of the same sub-clause before a position (after the last comma or semicolon)."""
    return re.split(r"[,;]|\bso\b|\bbut\b|\by\b", before(folded, position))[-1]


def _rank(folded: str, mention: TimeMention, clause: Clause, labelled: set[int]) -> int:
    before = _sub_clause(folded, mention.start)
    if has(DECIDE, before) or (not before.strip() and has(DECIDE, fold(clause.asked))):
        return 0
    if has(GO_LIVE, before):
        return 1
    if clause.start in labelled or has(DECISION_CUE, folded) or has(DECISION_CUE, fold(clause.asked)):
        return 2
    return 3


def _mentions(doc: NoteDocument, call_date: dt.date) -> list[_Dated]:
    labelled = {c.start for c in clauses_labelled(doc, "timeline", "timing", "plazo", "fecha", "when")}
    budget_only = {c.start for c in clauses_labelled(doc, "budget", "presupuesto")}
    dated = []
    for clause in doc.timeline_clauses:
        folded = fold(clause.text)
        if clause.start in budget_only and not (has(DECIDE, folded) or has(GO_LIVE, folded)):
            continue  # "Budget: approved for FY27" names a budget period; "... Decision by March" does not
        for mention in find_timeframes(clause.text, call_date)[:8]:
            if mention.latest < call_date or not _counts(mention, folded):
                continue
            if has(NOT_A_WINDOW, folded[max(0, mention.start - 40) : mention.end + 15]):
                continue
            if NAMES_A_PLAN.match(folded, mention.end):
                continue  # "the FY28 planning round" names a plan; its own date may follow
            rank = 3 if has(BUDGETING, folded) else _rank(folded, mention, clause, labelled)
            dated.append(_Dated(mention, clause, _target(mention, folded, call_date), rank))
    return dated


def _counts(mention: TimeMention, folded: str) -> bool:
    """Skip 'not a priority this year' and spans of work ('a pilot for 3 months');
    keep 'not before March' and contract terms ('renewed for 3 years'), which are blockers."""
    if mention.relation in ("after", "until"):
        return True
    if fold(mention.text).startswith(("for ", "por ")):
        return has(BLOCKER_CUE, folded)
    if has(BLOCKER_CUE, before(folded, mention.start)):
        return True  # "not looking until the contract ends in 2028" is negated on purpose
    return not is_negated(folded, mention.start, window=8)


def _is_blocker(item: _Dated) -> bool:
    """'Locked in until 2028' blocks; 'rollout through 2028' is the length of the work, not a wall."""
    if item.mention.relation in ("until", "after") and item.rank > 1:
        return True
    ahead = before(fold(item.clause.text), item.mention.start)
    return item.rank > 0 and has(BLOCKER_CUE, ahead)


def read_timeline(doc: NoteDocument, call_date: dt.date) -> CriterionFinding:
    """Pick the best-ranked window; a blocker pushes it out unless a decision date is stated."""
    dated = _mentions(doc, call_date)
    blockers = [d for d in dated if _is_blocker(d)]
    blocking = {id(d) for d in blockers}  # by identity: a list lookup was quadratic on long notes
    targets = sorted((d for d in dated if id(d) not in blocking), key=lambda d: d.rank)
    chosen = targets[0] if targets else None
    explicit_none = _no_timeline(doc)
    if chosen is not None and chosen.rank == 3 and explicit_none is not None:
        chosen = None
    blocker = max(blockers, key=lambda d: d.target, default=None)
    if blocker is not None and (chosen is None or blocker.target > chosen.target):
        decided = chosen is not None and chosen.rank == 0
        if not decided or months_between(call_date, blocker.target) > _UNFIT_MONTHS:
            return _dated_finding(
                blocker, call_date, [chosen] if chosen else [], blocked=True, review=decided
            )
    if chosen is not None:
        return _dated_finding(chosen, call_date, [], blocked=False, review=_conflict(targets, chosen))
    if explicit_none is not None:
        return CriterionFinding(
            criterion="timeline",
            proposed="missing",
            evidence=[explicit_none.text],
            confidence=0.7,
            reason="no timeline yet",
        )
    return CriterionFinding(
        criterion="timeline", proposed="missing", confidence=0.6, reason="no timeline discussed"
    )


def _no_timeline(doc: NoteDocument) -> Clause | None:
    return next((c for c in doc.prospect_clauses if has(NO_TIMELINE, c.text)), None)


def _conflict(targets: list[_Dated], chosen: _Dated) -> bool:
    """Two decision dates of the same rank more than a month apart: the reading needs a person."""
    same = [d for d in targets if d.rank == chosen.rank]
    return any(abs((d.target - chosen.target).days) > 31 for d in same)


def _dated_finding(
    item: _Dated, call_date: dt.date, also: list[_Dated], *, blocked: bool, review: bool = False
) -> CriterionFinding:
    months = round(months_between(call_date, item.target), 1)
    evidence = list(dict.fromkeys([a.clause.text for a in also] + [item.clause.text]))
    why = "not before" if blocked else "decision around"
    return CriterionFinding(
        criterion="timeline",
        value=item.target.isoformat(),
        months=months,
        evidence=evidence,
        confidence=0.7 if blocked else 0.8 if item.rank < 3 else 0.6,
        reason=f"{why} {item.target.isoformat()} ({months:g} months after the call)",
        needs_review=review,
        review_reason="conflicting dates in the notes" if review else "",
    )
