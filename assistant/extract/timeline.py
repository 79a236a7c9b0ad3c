"""The timeline criterion: when they would decide or buy, counted from the call date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.domain import CriterionFinding
from assistant.extract.cues import clauses_labelled, has, is_negated, terms
from assistant.extract.dates import TimeMention, find_timeframes, months_between
from assistant.extract.document import Clause, NoteDocument, fold

DECISION_CUE = terms(
    "sign", "signature", "buy", "purchase", "decide", "decision", "go[- ]live", "launch", "live",
    "implement(ed|ation)?", "roll ?out", "start", "kick ?off", "deploy", "contract", "running",
    "look at this", "revisit", "evaluate", "pilot", "budget cycle", "timeline", "timing", "timeframe",
    "project", "thing", "firmar", "comprar", "decidir", "decisi[oó]n", "arrancar", "empezar",
    "implementar", "funcionando", "lanzar", "plazo", "contratar", "iniciar", "wants?", "quieren?",
    "plan(s|ning)? to", "need(s|ed)? (it|this)", "by", "before", "antes de", "para",
)
BLOCKER_CUE = terms(
    "until", "after", "once", "not before", "no earlier than", "locked (in|into)", "contract (ends|expires|runs|renews)",
    "renewal (is|in)", "mid-", "in the middle of", "hasta", "despu[eé]s de", "contrato (vence|termina)",
    "not (until|before)", "renew(ed|s)?", "signed (a|an)", "multi-?year", "renov(ó|o|aron)",
)
NO_TIMELINE = terms(
    "no (timeline|timeframe|time frame|rush|urgency|date|deadline)", "not (sure|certain) when",
    "timing (is )?(tbd|unclear|unknown)", "timeline (tbd|unclear|unknown)", "no set date",
    "sin (fecha|plazo|prisa|urgencia)", "no tienen (prisa|fecha|plazo)", "someday", "some day", "algún día",
)
STRONG_DECISION = terms(
    "sign", "signature", "buy", "purchase", "decide", "decision", "contract", "go[- ]live",
    "firmar", "comprar", "decidir", "decisi[oó]n", "contratar",
)
_LONG_PERIOD_MONTHS = 3.2


@dataclass(frozen=True)
class _Dated:
    mention: TimeMention
    clause: Clause
    target: dt.date


def _target(mention: TimeMention, call_date: dt.date) -> dt.date:
    """The date that counts: a deadline's end, a short period's start, a long period's middle."""
    if mention.relation in ("by", "until", "after"):
        return mention.latest
    earliest = max(mention.earliest, call_date)
    if months_between(earliest, mention.latest) > _LONG_PERIOD_MONTHS:
        return earliest + (mention.latest - earliest) / 2
    return earliest


def _mentions(doc: NoteDocument, call_date: dt.date) -> list[_Dated]:
    dated = []
    for clause in doc.prospect_clauses:
        folded = fold(clause.text)
        for mention in find_timeframes(clause.text, call_date):
            if mention.latest >= call_date and _counts(mention, folded):
                dated.append(_Dated(mention, clause, _target(mention, call_date)))
    return dated


def _counts(mention: TimeMention, folded: str) -> bool:
    """Skip 'not a priority this year' and spans of work ('a pilot for 3 months');
    keep 'not before March' and contract terms ('renewed for 3 years'), which are blockers."""
    if mention.relation in ("after", "until"):
        return True
    if fold(mention.text).startswith(("for ", "por ")):
        return has(BLOCKER_CUE, folded)
    return not is_negated(folded, mention.start, window=4)


def _is_blocker(item: _Dated) -> bool:
    if item.mention.relation in ("until", "after"):
        return True
    before = fold(item.clause.text)[: item.mention.start]
    return has(BLOCKER_CUE, before)


def _strongly_decided(item: _Dated) -> bool:
    """A decision or signature word in the same sub-clause, just before the date."""
    before = fold(item.clause.text)[: item.mention.start]
    return has(STRONG_DECISION, re.split(r"[,;]", before)[-1])


def read_timeline(doc: NoteDocument, call_date: dt.date) -> CriterionFinding:
    """Pick the decision date from labelled or decision-worded clauses; blockers push it out."""
    dated = _mentions(doc, call_date)
    budget_only = {c.start for c in clauses_labelled(doc, "budget", "presupuesto")}
    labelled = {c.start for c in clauses_labelled(doc, "timeline", "timing", "plazo", "fecha", "when")}
    candidates = [d for d in dated if d.clause.start not in budget_only]
    blockers = [d for d in candidates if _is_blocker(d)]
    blocking = {id(d) for d in blockers}  # by identity: a list lookup was quadratic on long notes
    targets = [d for d in candidates if id(d) not in blocking]
    preferred = [d for d in targets if d.clause.start in labelled or has(DECISION_CUE, d.clause.text)]
    strong = [d for d in preferred if _strongly_decided(d)]
    chosen = next(iter(strong or preferred or targets), None)
    blocker = max(blockers, key=lambda d: d.target, default=None)
    if blocker is not None and (chosen is None or blocker.target > chosen.target):
        return _dated_finding(blocker, call_date, [chosen] if chosen else [], blocked=True)
    if chosen is not None:
        return _dated_finding(chosen, call_date, [], blocked=False)
    for clause in doc.prospect_clauses:
        if has(NO_TIMELINE, clause.text):
            return CriterionFinding(
                criterion="timeline", proposed="missing", evidence=[clause.text],
                confidence=0.7, reason="no timeline yet",
            )
    return CriterionFinding(
        criterion="timeline", proposed="missing", confidence=0.6, reason="no timeline discussed"
    )


def _dated_finding(
    item: _Dated, call_date: dt.date, also: list[_Dated], *, blocked: bool
) -> CriterionFinding:
    months = round(months_between(call_date, item.target), 1)
    evidence = list(dict.fromkeys([a.clause.text for a in also] + [item.clause.text]))
    why = "not before" if blocked else "decision around"
    return CriterionFinding(
        criterion="timeline", value=item.target.isoformat(), months=months, evidence=evidence,
        confidence=0.7 if blocked else 0.8,
        reason=f"{why} {item.target.isoformat()} ({months:g} months after the call)",
    )
