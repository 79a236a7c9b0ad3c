"""The title criterion: whether the contact can decide, or reach the person who does."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain import CriterionFinding, Status
from assistant.extract.cues import Hit, compile_terms, find_hits, terms, unique
from assistant.extract.document import NoteDocument
from assistant.knowledge.schemas import Rubric
from assistant.text.fold import fold

_TIERS: tuple[Status, ...] = ("unfit", "met", "partial")
_RANK: dict[Status, int] = {"met": 3, "partial": 2, "unfit": 1, "missing": 0}

# Someone other than the contact: "my boss, the CFO", "reports to the VP", "the CIO approved".
_OTHER_PERSON = re.compile(
    r"\b(?:my|our|his|her|their|your|mi|su|sus|boss|jefe|jefa|reports? to|reporting to|"
    r"approval from|sign-?off from|bring (?:it|her|him|them) to|loop in|introduce (?:us|me) to)"
    r"(?:\s*,?\s*(?:the|el|la))?\s*,?\s*(?:(?:[a-z&-]+ ){1,2}(?=$))?$"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:the|el|la|los|las|del|al)\s*$")
_THIRD_PARTY_AFTER = re.compile(
    r"^\s*(?:'s|has to|must|needs to|will (?:need to )?(?:sign|approve|decide)|signs?|approved|"
    r"approves|decides|owns the budget|aprob[oó]|aprueba|firma|decide)\b"
)
_CONTACT_CUE = re.compile(
    r"\b(?:i'?m|i am|soy|as|with|to|con|w/|met|meet|meeting|called|interviewed)\s+(?:the\s+|their\s+|a\s+|an\s+|el\s+|la\s+|su\s+)?$"
)
_JUNIOR = terms("junior", "jr", "assistant to", "asistente", "trainee", "associate")
_NOT_DM = terms(
    "not (the|a) decision[- ]maker",
    "no decision (power|authority)",
    "can't sign",
    "cannot sign",
    "doesn't (own|control|have) (the )?budget",
    "no (es|soy) quien decide",
    "no decide",
    "not the buyer",
    "no authority",
)
_IS_DM = terms(
    "(is|am|i'm) the decision[- ]maker",
    "final (say|decision|sign-?off)",
    "signs off on",
    "owns the budget",
    "budget holder",
    "toma la decisi[oó]n",
    "tiene la [uú]ltima palabra",
)


@dataclass(frozen=True)
class _TitleHit:
    hit: Hit
    tier: Status
    contact: bool


_TITLE_TAIL = re.compile(
    r"(?:\s+(?:of|for|de|del|de la|of the)\s+(?:[A-ZÁÉÍÓÚ&][\w&/-]*|and|y|&)(?:\s+(?:[A-ZÁÉÍÓÚ&][\w&/-]*|and|y|&))*"
    r"|(?:\s+[A-ZÁÉÍÓÚ][\w&/-]*){1,3})"
)
_OBJECT_TAIL = re.compile(r"\s+[^\W\d_]+(?:\s+(?:y|e|and|&)\s+[^\W\d_]+)?")
# "student records", "intern program": the word describes a thing, not the contact.
_NOT_A_PERSON_AFTER = re.compile(
    r"^\s*(?:records?|data|information|success|loans?|enrollments?|portal|systems?|housing|services|"
    r"experience|body|population|athletes?|accounts?|affairs|outcomes|registrations?|programs?|"
    r"programmes?|datos|registros|expedientes|servicios|aid|fees|tracking|support)\b"
)
_COMPLETE_TITLE = re.compile(
    r"(?:^c[a-z]o$|officer$|general$|owner$|founder$|president$|presidente$|partner at$|^gm$)"
)
_ROLE_PHRASE = re.compile(r"[^,;(]{0,60}?(?=\s+(?:at|en|in|for|para)\b|[,;(]|$)")


_DEPARTMENT_BEFORE = re.compile(
    r"(?:\b(?:it|hr|qa|finance|operations|ops|sales|marketing|engineering|procurement|data|security|"
    r"product|project|program|compliance|analytics|supply chain|logistics|clinical|regional|plant|"
    r"store|office|facilities|purchasing|treasury|risk|digital|revenue|customer service|payroll|"
    r"accounting|billing|claims|underwriting|fleet|warehouse)\s+)+$",
    re.IGNORECASE,
)


def title_text(item_text: str, clause_text: str, end: int) -> str:
    """The whole title as written: 'VP' grows to 'VP of Finance', 'I lead' to 'I lead the analytics team'."""
    rest = clause_text[end:]
    if _COMPLETE_TITLE.search(fold(item_text)):
        return item_text
    if fold(item_text).endswith((" de", " of")):
        obj = _OBJECT_TAIL.match(rest)
        return (item_text + (obj.group(0) if obj else "")).strip()
    if fold(item_text).startswith(("i lead", "leads the", "i run", "runs the")):
        match = _ROLE_PHRASE.match(rest)
    else:
        match = _TITLE_TAIL.match(rest)
    tail = match.group(0) if match else ""
    return (item_text + tail).strip().rstrip(".")


def _tier_patterns(rubric: Rubric) -> list[tuple[Status, re.Pattern[str]]]:
    tiers = rubric.titles
    lists = {"met": tiers.met, "partial": tiers.partial, "unfit": tiers.unfit}
    return [(tier, compile_terms(tuple(lists[tier]))) for tier in _TIERS]


def _is_contact(hit: Hit) -> bool:
    """Judge whether a title belongs to the contact rather than someone they mention."""
    folded = fold(hit.clause.text)
    before = folded[max(0, hit.start - 40) : hit.start]
    after = folded[hit.end : hit.end + 30]
    if _OTHER_PERSON.search(before):
        return False
    if _CONTACT_CUE.search(before):
        return True
    return not (_ARTICLE_BEFORE.search(before) or _THIRD_PARTY_AFTER.search(after))


def _collect(doc: NoteDocument, rubric: Rubric) -> list[_TitleHit]:
    """All title mentions, longest match winning where tiers overlap."""
    found: list[_TitleHit] = []
    for tier, pattern in _tier_patterns(rubric):
        for hit in find_hits(pattern, doc.prospect_clauses):
            found.append(_TitleHit(hit, tier, _is_contact(hit)))
    found.sort(key=lambda item: (item.hit.clause.start + item.hit.start, -len(item.hit.text)))
    kept: list[_TitleHit] = []
    for item in found:
        begin = item.hit.clause.start + item.hit.start
        if kept and begin < kept[-1].hit.clause.start + kept[-1].hit.end:
            continue
        kept.append(item)
    return kept


def _about_a_person(item: _TitleHit) -> bool:
    after = fold(item.hit.clause.text)[item.hit.end :]
    return not _NOT_A_PERSON_AFTER.match(after)


def _contact_tier(item: _TitleHit) -> Status:
    """A title's tier, lowered for junior variants ("junior analyst", "assistant director")."""
    window = fold(item.hit.clause.text)[max(0, item.hit.start - 12) : item.hit.start]
    if item.tier == "met" and _JUNIOR.search(window):
        return "partial"
    return item.tier


_SOMEONE_ELSE = re.compile(r"\b(?:who|whose|which|boss|jefe|jefa|c[a-z]o|vp|director|manager)\W{0,3}$")


def _contact_decides(folded: str) -> bool:
    """'She signs off on purchases' counts; 'reports to the CIO, who owns the budget' does not."""
    for match in _IS_DM.finditer(folded):
        before = folded[max(0, match.start() - 25) : match.start()]
        if not _SOMEONE_ELSE.search(before):
            return True
    return False


def read_title(doc: NoteDocument, rubric: Rubric) -> CriterionFinding:
    """Best contact title, capped by explicit authority statements and unfit signals."""
    hits = _collect(doc, rubric)
    unfit = [item for item in hits if item.tier == "unfit" and _about_a_person(item)]
    contact = [item for item in hits if item.contact and item.tier != "unfit"]
    if unfit:
        finding = _finding("unfit", unfit[0], "the contact has no influence or path to a decision")
        if contact:
            finding.value = f"{_value(contact[0])} ({unfit[0].hit.text})"
            finding.evidence = unique([contact[0].hit.clause.text, unfit[0].hit.clause.text])
        return finding
    best = max(contact, key=lambda item: _RANK[_contact_tier(item)], default=None)
    full_text = fold(doc.raw)
    if best is not None:
        tier = _contact_tier(best)
        if tier == "met" and _NOT_DM.search(full_text):
            return _finding("partial", best, "senior title but not the decision maker", 0.7)
        if tier == "partial" and _contact_decides(full_text):
            return _finding("met", best, "holds the budget or the final say", 0.75)
        reason = {
            "met": "decision maker or budget holder engaged",
            "partial": "influencer or evaluator who can reach the decision maker",
        }.get(tier, "")
        return _finding(tier, best, reason, 0.85 if tier == "met" else 0.75)
    others = [item for item in hits if not item.contact]
    if others:
        return _finding("partial", others[0], "a decision maker is named, but not as the contact", 0.5)
    return CriterionFinding(
        criterion="title", proposed="missing", confidence=0.6, reason="no contact title in the notes"
    )


def _finding(status: Status, item: _TitleHit, reason: str, confidence: float = 0.8) -> CriterionFinding:
    return CriterionFinding(
        criterion="title",
        proposed=status,
        value=_value(item),
        evidence=unique([item.hit.clause.text]),
        confidence=confidence,
        reason=reason,
    )


def _value(item: _TitleHit) -> str:
    hit = item.hit
    before = _DEPARTMENT_BEFORE.search(hit.clause.text[max(0, hit.start - 30) : hit.start])
    prefix = before.group(0) if before else ""
    return prefix + title_text(hit.text, hit.clause.text, hit.end)
