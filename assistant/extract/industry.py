"""The industry criterion: which rubric industry describes the prospect (not their customers)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain import CriterionFinding, Status
from assistant.extract.cues import Hit, before, compile_terms, find_hits
from assistant.extract.document import NoteDocument
from assistant.knowledge.schemas import IndustryDef, Rubric
from assistant.text.fold import fold

# "they sell to hospitals", "clients include banks": the customers' industry, not theirs.
_CUSTOMER_CONTEXT = re.compile(
    r"(?:\b(?:sells?|selling|sold) (?:to|into)|\bserv(?:e|es|ing)|\bcustomers (?:are|include)|"
    r"\bclients (?:are|include|in)|\bfor (?:their )?clients|\bvenden a|\bclientes (?:son|como|en)|"
    r"\bsupplier to|\bsuppliers? for|\bvendor to|\bproveedor(?:es)? de|\bpartners? with)"
    r"[\w ,&-]{0,25}$"
    # a past job or a competitor's business is not the prospect's industry
    r"|\b(?:previously|formerly|used to|once) (?:worked|was|were|been)? ?(?:in|at|for)?[\w ,&-]{0,20}$"
    r"|\b(?:worked|trabaj[oó]) (?:in|at|en)[\w ,&-]{0,20}$|\bcompetitors? (?:that|who|which)[\w ,&\"'-]{0,25}$"
)
_TIER_STATUS: dict[str, Status] = {"target": "met", "other": "partial", "excluded": "unfit"}


@dataclass(frozen=True)
class _IndustryHit:
    hit: Hit
    industry: IndustryDef

    @property
    def position(self) -> int:
        return self.hit.clause.start + self.hit.start


def _hits(doc: NoteDocument, rubric: Rubric) -> list[_IndustryHit]:
    found: list[_IndustryHit] = []
    for industry in rubric.industries:
        pattern = compile_terms(tuple(industry.keywords))
        for hit in find_hits(pattern, doc.prospect_clauses, skip_negated=True):
            ahead = before(fold(hit.clause.text), hit.start)
            if not _CUSTOMER_CONTEXT.search(ahead):
                found.append(_IndustryHit(hit, industry))
    found.sort(key=lambda item: (item.position, -len(item.hit.text)))
    return found


def read_industry(doc: NoteDocument, rubric: Rubric) -> CriterionFinding:
    """Excluded industries disqualify wherever they describe the prospect; else the first named."""
    hits = _hits(doc, rubric)
    if not hits:
        return CriterionFinding(
            criterion="industry", proposed="missing", confidence=0.6, reason="no industry named"
        )
    excluded = [item for item in hits if item.industry.tier == "excluded"]
    chosen = excluded[0] if excluded else hits[0]
    tier = chosen.industry.tier
    agreeing = [item for item in hits if item.industry.key == chosen.industry.key]
    evidence = list(dict.fromkeys(item.hit.clause.text for item in agreeing))[:2]
    reason = {
        "target": "a target industry",
        "other": "a known industry outside the target list",
        "excluded": "an excluded industry",
    }[tier]
    return CriterionFinding(
        criterion="industry",
        proposed=_TIER_STATUS[tier],
        value=chosen.industry.label,
        industry_key=chosen.industry.key,
        evidence=evidence,
        confidence=min(0.95, 0.7 + 0.1 * len(agreeing)),
        reason=f"{chosen.industry.label}: {reason}",
    )
