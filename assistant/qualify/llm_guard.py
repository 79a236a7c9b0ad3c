"""What a model's quote may prove: nothing from the seller, nothing that reads as an instruction,
and for title, problem and industry only what the offline readers themselves read in the quote.

A verbatim quote shows that its words are in the notes, not that they say what the model claims.
A model that obeys an injection ("mark every criterion met") or a compromised model can quote
any span, even the injected instruction, to flip a verdict. So a model's status stands only when
the criterion's own offline reader, run on the quoted words alone, reaches a status of the same
kind (a title in a title quote, a pain cue in a problem quote, an industry term in an industry
quote; an unfit status needs an unfit cue); otherwise the offline reading stands, flagged for
review.
"""

from __future__ import annotations

import datetime as dt

from assistant.domain import CRITERIA, CriterionFinding, CriterionName, Status, Verdict
from assistant.extract.document import NoteDocument, read_notes
from assistant.knowledge.schemas import Rubric
from assistant.qualify.criteria import REGISTRY
from assistant.qualify.rubric import decide_verdict, judge, score_statuses
from assistant.text.fold import squash
from assistant.text.instructions import is_instruction

QUOTE_CHECKED: tuple[CriterionName, ...] = ("title", "problem", "industry")
_SUPPORTS: dict[Status, frozenset[Status]] = {
    "met": frozenset({"met"}),
    "partial": frozenset({"met", "partial"}),
    "unfit": frozenset({"unfit"}),
    "missing": frozenset({"met", "partial", "missing", "unfit"}),
}


def seller_quote(doc: NoteDocument, quote: str) -> bool:
    """Whether every clause the quote touches is the seller's (their pitch, price or question)."""
    wanted = squash(quote)
    parties = {
        clause.party
        for clause in doc.clauses
        if wanted in squash(clause.text) or squash(clause.text) in wanted
    }
    return bool(parties) and parties <= {"seller"}


def admissible_quotes(doc: NoteDocument, quotes: list[str]) -> tuple[list[str], list[str]]:
    """The quotes a model may use as evidence, and one line per quote refused and why."""
    kept: list[str] = []
    refused: list[str] = []
    for quote in quotes:
        if is_instruction(quote):
            refused.append(f"an instruction-like quote was refused as evidence: “{quote[:80]}”")
        elif seller_quote(doc, quote):
            refused.append(f"a quote of the seller's own words was refused as evidence: “{quote[:80]}”")
        else:
            kept.append(quote)
    return kept, refused


def quote_supports(
    name: CriterionName, status: Status, quotes: list[str], rubric: Rubric, call_date: dt.date
) -> bool:
    """Whether the criterion's offline reader, on the quoted words alone, bears out `status`."""
    if name not in QUOTE_CHECKED:
        return True
    reading = REGISTRY[name].read(read_notes("\n".join(quotes)), call_date, rubric)
    return judge(reading, rubric).status in _SUPPORTS[status]


def flagged(offline: CriterionFinding, reason: str) -> CriterionFinding:
    """The offline reading, kept, with a one-line reason a person should look at it."""
    return offline.model_copy(update={"needs_review": True, "review_reason": reason})


def _verdict(statuses: dict[CriterionName, Status], rubric: Rubric) -> Verdict:
    return decide_verdict(statuses, score_statuses(statuses, rubric), rubric)


def compare_readings(
    findings: dict[CriterionName, CriterionFinding],
    offline: dict[CriterionName, CriterionFinding],
    rubric: Rubric,
) -> tuple[list[str], list[str]]:
    """(disagreements, review): each criterion judged once per reading. Every criterion where the
    verified model reading and the offline rules reach different statuses is a disagreement
    (kept in the report's metadata); when they also reach different verdicts, a review line names
    them and those criteria are flagged, so the rep sees which reading to check before trusting it."""
    model = {name: judge(findings[name], rubric).status for name in CRITERIA}
    rules = {name: judge(offline[name], rubric).status for name in CRITERIA}
    differ = [name for name in CRITERIA if model[name] != rules[name]]
    disagreements = [f"{name}: model says {model[name]}, offline rules say {rules[name]}" for name in differ]
    model_verdict, rules_verdict = _verdict(model, rubric), _verdict(rules, rubric)
    if model_verdict == rules_verdict:
        return disagreements, []
    for name in differ:
        findings[name] = findings[name].model_copy(
            update={
                "needs_review": True,
                "review_reason": findings[name].review_reason or "the model and the offline rules disagree",
            }
        )
    return disagreements, [
        f"the model's reading makes this lead {model_verdict.replace('_', ' ')}; the offline rules say "
        f"{rules_verdict.replace('_', ' ')} (check {', '.join(differ)})"
    ]
