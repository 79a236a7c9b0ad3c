"""Precision before recall: findings whose evidence comes from an unattributed speaker get reviewed.

A lead is only handed to an AE as sales-qualified when the title and the problem were said by the
prospect (or noted about them); where the notes do not say who spoke, the reading is capped and
flagged rather than trusted.
"""

from __future__ import annotations

from assistant.domain import CriterionFinding, CriterionName
from assistant.extract.document import NoteDocument

_MUST_BE_PROSPECT: tuple[CriterionName, ...] = ("title", "problem")


def _unattributed(doc: NoteDocument, finding: CriterionFinding) -> bool:
    parties = [doc.party_of(quote) for quote in finding.evidence]
    return bool(parties) and all(party in ("unknown", None) for party in parties)


def review_findings(doc: NoteDocument, findings: dict[CriterionName, CriterionFinding]) -> None:
    """Flag every finding read from unattributed speech; cap title and problem below 'met'."""
    for name, finding in findings.items():
        if not finding.evidence or not _unattributed(doc, finding):
            continue
        finding.needs_review = True
        finding.review_reason = finding.review_reason or "the notes do not say who said this"
        if name in _MUST_BE_PROSPECT and finding.proposed == "met":
            finding.proposed = "partial"
            finding.reason = f"{finding.reason} (speaker unclear, capped until reviewed)"
