"""The brief's five-line TL;DR: the deal, why they bought, what was promised, the risks, what happens next.

Built from the brief's own lines, so every fact line cites what it summarises; a line the sources
cannot fill says so rather than guessing. Counts and names of our team are the brief's own.
"""

from __future__ import annotations

from assistant.handoff.reading import DealReading
from assistant.handoff.schemas import Assignment, BriefLine, SourceRef, SummaryLine
from assistant.text.wording import counted

MAX_CHARS = 180
DEAL_LABELS = ("Products bought", "Price", "Term", "Seats", "Signed by")


def _short(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .;,")
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"


def _refs(lines: list[BriefLine]) -> list[SourceRef]:
    return list(dict.fromkeys(ref for line in lines for ref in line.sources))[:4]


def _deal(reading: DealReading) -> SummaryLine:
    terms = [line for line in reading.section("snapshot") if line.text.split(":")[0] in DEAL_LABELS]
    if not terms:
        return SummaryLine(
            text="Deal: products, price and term are not in the notes (see the open questions)"
        )
    values = []
    for line in terms:
        label, value = line.text.split(": ", 1)
        values.append(f"signed by {value}" if label == "Signed by" else value)
    return SummaryLine(text=f"Deal: {_short('; '.join(values))}", sources=_refs(terms))


def _why(reading: DealReading) -> SummaryLine:
    why = reading.section("why_they_bought")
    if not why:
        return SummaryLine(text="Why they bought: not in the notes (ask the AE)")
    return SummaryLine(text=f"Why they bought: {_short(why[0].text)}", sources=_refs(why[:1]))


def _promised(reading: DealReading) -> SummaryLine:
    promised = reading.section("commitments")
    if not promised:
        return SummaryLine(text="Promised: no commitment recorded (confirm with the AE)")
    dated = sorted((line for line in promised if line.due), key=lambda line: line.due or 0)
    first = dated[0] if dated else promised[0]
    due = f", the first due {first.due.isoformat()}" if first.due else ""
    return SummaryLine(
        text=f"Promised: {counted(len(promised), 'commitment')}{due}: {_short(first.text)}",
        sources=_refs([first]),
    )


def _risks(reading: DealReading) -> SummaryLine:
    risks = reading.section("risks")
    if not risks:
        return SummaryLine(text="Risks: none in the notes")
    shown = "; ".join(_short(line.text) for line in risks[:2])
    more = f" (and {len(risks) - 2} more)" if len(risks) > 2 else ""
    return SummaryLine(text=f"Risks: {_short(shown)}{more}", sources=_refs(risks[:2]))


def _next(assignments: list[Assignment], questions: list[str]) -> SummaryLine:
    names = {a.role: a.name for a in assignments}
    team = ", ".join(
        f"{label} {names[role]}"
        for role, label in (("csm", "CSM"), ("renewal_rep", "renewal rep"))
        if role in names
    )
    asked = f"{counted(len(questions), 'open question')} for the AE" if questions else "no open question"
    return SummaryLine(
        text=f"Next: {team or 'assign a CSM and a renewal rep'}; {asked} before the intro call"
    )


def tldr_lines(
    reading: DealReading, assignments: list[Assignment], questions: list[str]
) -> list[SummaryLine]:
    """Five lines, always in this order, so a reader knows where to look."""
    return [_deal(reading), _why(reading), _promised(reading), _risks(reading), _next(assignments, questions)]
