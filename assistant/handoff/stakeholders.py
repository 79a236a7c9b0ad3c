"""Customer contacts: names, titles and their part in the deal, read from the notes.

A contact is a capitalised name followed by a title ("Karen Lund, Head of Compliance") or, at
the start of a sentence, by a role cue ("Tom Becker — champion"). Roles come only from what the
notes say (or an IT or security title); our own people on the roster are never stakeholders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.extract.cues import compile_terms, is_negated, terms
from assistant.handoff.schemas import Stakeholder, StakeholderRole
from assistant.handoff.statements import Statement
from assistant.knowledge.load import Knowledge
from assistant.text.fold import fold

_WORD = r"[A-ZÁÉÍÓÚÑÄÖÜÅØÆ][a-záéíóúñäöüåøæß'’-]+"
_NAME = re.compile(rf"(?<![\w&])({_WORD}(?:\s+(?:(?:de la|de|del|van|von|da|di|le)\s+)?{_WORD}){{1,2}})")
_SEPARATOR = re.compile(r"^\s*(?:,|—|–|-|\(|:)\s*")
_TITLE_END = re.compile(
    r"\s+(?:at|of the company|en|para|from|de la empresa)\s+[A-Z]|\s+[-—–]\s+|[;()—–,.]|\s+\b(?:who|que)\b"
)
_NOT_NAMES = frozenset(
    {
        "call",
        "meeting",
        "notes",
        "deal",
        "products",
        "price",
        "contacts",
        "risks",
        "security",
        "azure",
        "core",
        "platform",
        "analytics",
        "compliance",
        "premium",
        "services",
        "open",
        "items",
        "success",
        "criteria",
        "first",
        "technical",
        "why",
        "won",
        "the",
        "our",
        "their",
        "customer",
        "account",
        "regional",
        "bank",
    }
)
_TECH_TITLE = terms(
    "it",
    "cto",
    "cio",
    "ciso",
    "security",
    "architect",
    "engineer(ing)?",
    "infrastructure",
    "systems",
    "ti",
    "sistemas",
    "tecnolog[ií]a",
    "seguridad",
    "arquitect[oa]",
    "ingenier[oa]",
)
ROLE_CUES: dict[StakeholderRole, tuple[str, ...]] = {
    "decision_maker": (
        "decision[- ]?maker",
        "final (say|decision|sign-?off)",
        "signed (the )?(order( form)?|contract|deal|agreement|po|purchase order)",
        "signed off",
        "signatory",
        "signer",
        "firmante",
        "quien firm[oó]",
        "firm[oó] (el|la) (contrato|orden|acuerdo|pedido)",
        "decisor(a)?",
        "toma la decisi[oó]n",
        "tiene la [uú]ltima palabra",
    ),
    "economic_buyer": (
        "economic buyer",
        "approved the budget",
        "budget (holder|owner|approval)",
        "owns the budget",
        "controls the budget",
        "aprob[oó] el presupuesto",
        "due[nñ][oa] del presupuesto",
        "comprador(a)? econ[oó]mic[oa]",
    ),
    "sponsor": ("(executive )?sponsor", "patrocinador(a)?( ejecutiv[oa])?"),
    "champion": (
        "champion",
        "internal advocate",
        "advocate",
        "pushed for us",
        "sold it internally",
        "campe[oó]n(a)?",
        "promotor(a)?",
        "impulsor(a)?",
        "defensor(a)?",
    ),
    "project_lead": (
        "project lead",
        "project manager",
        "day-to-day (contact|lead|owner|project lead)",
        "(runs|will run|to run) the (project|rollout)",
        "day to day",
        "jef[ea] de proyecto",
        "l[ií]der del proyecto",
        "responsable del proyecto",
    ),
    "technical": (
        "technical (lead|contact|owner|evaluator)",
        "tech lead",
        "it (lead|contact|owner)",
        "security lead",
        "integration owner",
        "responsable t[eé]cnic[oa]",
        "contacto t[eé]cnico",
        "l[ií]der t[eé]cnic[oa]",
    ),
    "user": ("end user", "power user", "super ?user", "key user", "usuari[oa] clave"),
    "detractor": (
        "sceptic(al)?",
        "skeptic(al)?",
        "detractor(a)?",
        "opposed",
        "against (the|us|it|this)",
        "blocker",
        "blocking",
        "resistant",
        "pushed back",
        "unconvinced",
        "not convinced",
        "lukewarm",
        "prefer(s|red)? (the )?(incumbent|current|existing|extending|to keep)",
        "esc[eé]ptic[oa]",
        "en contra",
        "se opone",
        "opositor(a)?",
        "bloque(a|ador|adora)",
        "reticente",
        "no est[aá] convencid[oa]",
    ),
}
_ROLE_PATTERNS = {role: terms(*cues) for role, cues in ROLE_CUES.items()}


@dataclass(frozen=True)
class _Mention:
    name: str
    title: str
    start: int
    end: int


_TECH_TITLES = ("it", "cto", "cio", "ciso", "security", "architect", "ti", "sistemas", "seguridad")
_SIGNED_BEFORE = re.compile(
    r"(?:\bsigned by|\bsigner|\bsignatory|\bfirmad[oa] por|\bfirmante|\bfirm[oó])\s*[:\-—–]?\s*$",
    re.IGNORECASE,
)
"""A signature named before the contact ("Signed by Dana Ruiz", "Signer: Dana Ruiz")."""


def _title_patterns(knowledge: Knowledge) -> re.Pattern[str]:
    titles = knowledge.rubric.titles
    return compile_terms((*titles.met, *titles.partial, "lead", "sponsor"))


_SHORT_TECH_TITLE = compile_terms(_TECH_TITLES)
"""A bare department as a title ("Karen Lund (IT)"), read only when it is all the title says."""


def _title_after(text: str, end: int, titles: re.Pattern[str]) -> str:
    """The title written after a name ("…, Head of Compliance — sceptical"), or ''."""
    separator = _SEPARATOR.match(text[end:])
    if separator is None:
        return ""
    rest = text[end + separator.end() :]
    stop = _TITLE_END.search(rest)
    segment = rest[: stop.start() if stop else len(rest)].strip()
    if not segment or len(segment) > 60:
        return ""
    short_tech = len(segment.split()) <= 2 and _SHORT_TECH_TITLE.search(fold(segment)) is not None
    return segment if short_tech or titles.search(fold(segment)) is not None else ""


_CHUNK_BEFORE = re.compile(r"([^,;:()—–]{1,60}?)\s*,\s*$")
_INSIDE_TITLE = re.compile(r"\b(?:of|for|at|de|del|en|para)\s+$", re.IGNORECASE)
_ARTICLE = re.compile(
    r"\b(?:the|their|our|his|her|its|su|sus|el|la|los|las|nuestro|nuestra)\s+", re.IGNORECASE
)


def _title_before(text: str, start: int, titles: re.Pattern[str]) -> str:
    """A title written before a name ("Their IT architect, Petra Lang"), or ''."""
    chunk = _CHUNK_BEFORE.search(text[:start])
    if chunk is None:
        return ""
    words = chunk.group(1).strip()
    articles = list(_ARTICLE.finditer(words))
    if articles:
        words = words[articles[-1].end() :]
    elif len(words.split()) > 3:
        return ""
    if not words or len(words.split()) > 4 or titles.search(fold(words)) is None:
        return ""
    return words.strip()


def _mentions(statement: Statement, titles: re.Pattern[str], ours: set[str]) -> list[_Mention]:
    text = statement.quote
    found: list[_Mention] = []
    for match in _NAME.finditer(text):
        name = match.group(1)
        words = fold(name).split()
        if (
            any(word in _NOT_NAMES for word in words)
            or fold(name) in ours
            or _INSIDE_TITLE.search(text[: match.start()])
        ):
            continue
        title = _title_after(text, match.end(), titles) or _title_before(text, match.start(), titles)
        if title or (
            _opens(statement, match.start()) and any(p.search(fold(text)) for p in _ROLE_PATTERNS.values())
        ):
            found.append(_Mention(name, title, match.start(), match.end()))
    return found


def _opens(statement: Statement, start: int) -> bool:
    """Whether a name opens its statement (after a bullet or a "Champion:" label)."""
    before = statement.quote[:start]
    return not before.strip(" -*•:") or (statement.label is not None and start <= len(statement.label) + 3)


def _roles(segment: str, title: str, label: str | None, before: str = "") -> list[StakeholderRole]:
    """Roles the text around one contact states (negations such as 'not the decision maker' drop)."""
    folded = fold(" ".join(filter(None, [label, segment])))
    roles: list[StakeholderRole] = ["decision_maker"] if _SIGNED_BEFORE.search(before) else []
    for role, pattern in _ROLE_PATTERNS.items():
        if role not in roles and any(not is_negated(folded, m.start()) for m in pattern.finditer(folded)):
            roles.append(role)
    if "technical" not in roles and title and _TECH_TITLE.search(fold(title)):
        roles.append("technical")
    return roles


def read_stakeholders(
    statements: list[Statement], knowledge: Knowledge
) -> tuple[list[Stakeholder], set[int]]:
    """Contacts merged by name across sources, and the statements that introduced them."""
    titles = _title_patterns(knowledge)
    ours = {fold(person.name) for person in knowledge.roster.people}
    people: dict[str, Stakeholder] = {}
    used: set[int] = set()
    for index, statement in enumerate(statements):
        if statement.ours:
            continue
        mentions = _mentions(statement, titles, ours)
        for position, mention in enumerate(mentions):
            following = mentions[position + 1].start if position + 1 < len(mentions) else len(statement.quote)
            segment = statement.quote[mention.end : following]
            before = statement.quote[mentions[position - 1].end if position else 0 : mention.start]
            roles = _roles(segment, mention.title, statement.label, before)
            _merge(people, mention, roles, statement)
            used.add(index)
    return list(people.values()), used


def _merge(
    people: dict[str, Stakeholder], mention: _Mention, roles: list[StakeholderRole], statement: Statement
) -> None:
    key = fold(mention.name)
    ref = statement.ref()
    known = people.get(key)
    if known is None:
        people[key] = Stakeholder(name=mention.name, title=mention.title, roles=roles, sources=[ref])
        return
    known.title = known.title or mention.title
    known.roles = [*known.roles, *(role for role in roles if role not in known.roles)]
    if ref not in known.sources:
        known.sources.append(ref)
