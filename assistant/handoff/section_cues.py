"""Cues (English and Spanish) that place a sentence of the deal notes in a section of the brief.

Patterns are matched on accent-folded, lower-cased text as whole words (see extract.cues).
Headings and "Label:" prefixes are read with the same vocabulary as section names.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.extract.cues import terms
from assistant.handoff.schemas import Section
from assistant.text.fold import fold

Topic = Section | Literal["stakeholders"]
"""What a heading can name: a section of lines, or the stakeholder list."""

HEADINGS: dict[Topic, str] = {
    "why_they_bought": r"why( (they|the customer|customer) (bought|buy|chose|signed))?|business case|pain( points)?|"
    r"problems?|drivers?|needs?|challenges?|por que( (compraron|nos eligieron))?|motivos?|problemas?|dolor|"
    r"caso de negocio|timeline|timing|plazo",
    "stakeholders": r"contacts?|stakeholders?|people|who'?s who|buying (group|committee)|contactos?|"
    r"interlocutores|personas|actores|champion|decision[- ]maker|economic buyer|sponsor|detractors?|"
    r"campeon|decisor(a)?|patrocinador(a)?",
    "sold": r"deal(?! notes)( terms)?|commercial( terms)?|what (was|we) sold|products?( bought)?|pricing|price|order|"
    r"term|seats|licen[cs]es|premium services|services|contract|acuerdo|comercial|productos?|precio|"
    r"licencias|servicios|contrato|lo que (se )?vendi(o|mos)",
    "commitments": r"commitments?|promises?|what we promised|concessions?|compromisos?|promesas?|concesiones",
    "success_criteria": r"success( criteria| metrics| plan)?|kpis?|metrics|goals|outcomes|"
    r"criterios de exito|exito|metas|objetivos|indicadores",
    "first_90_days": r"first (30|60|90|ninety) days|(30|60|90)[- ]day plan|onboarding( plan)?|kick-?off|"
    r"rollout plan|primeros (30|60|90|noventa) dias|plan de (arranque|incorporacion|implementacion|despliegue)",
    "technical_context": r"technical( context| notes| details)?|tech|integrations?|security( review)?|it|"
    r"architecture|sso|tecnic[oa]s?|contexto tecnico|integraciones|seguridad|arquitectura",
    "risks": r"risks?( and churn signals)?|churn signals?|concerns|watch[- ]outs?|red flags|riesgos?|"
    r"preocupaciones|alertas",
    "open_items": r"open (items?|questions?|points?)|pending|next steps|to ?-?dos?|follow[- ]ups?|action items|"
    r"pendientes?|proximos pasos|temas abiertos|seguimiento",
    "snapshot": r"account( snapshot| overview)?|company|customer|overview|summary|cuenta|empresa|cliente|resumen",
}
_HEADING_PATTERNS = {
    key: re.compile(rf"^(?:the |our |los |las |el |la )?(?:{body})\b") for key, body in HEADINGS.items()
}


def heading_section(text: str) -> Topic | None:
    """The section a heading or label names ('Commitments made during the sale' -> commitments)."""
    folded = fold(re.sub(r"[*_#`]+", "", text)).strip(" :-—–\t")
    return next((key for key, pattern in _HEADING_PATTERNS.items() if pattern.match(folded)), None)


COMMITMENT = terms(
    "promised",
    "promise",
    "committed",
    "commitment",
    "we commit",
    "agreed (to|that|on)",
    "we agreed",
    "we will",
    "we'll",
    "we are going to",
    "guarantee(d)?",
    "included at no (extra |additional )?(cost|charge)",
    "at no (extra |additional )?(cost|charge)",
    "free of charge",
    "for free",
    "complimentary",
    "price (lock|locked|protection|cap|hold)",
    "locked (price|pricing|for)",
    "(uplift|increase)s? (cap|capped)",
    "capped at",
    "slas?",
    "uptime",
    "custom (feature|field|report|connector|integration|build|development)",
    "roadmap commitment",
    "named csm",
    "dedicated (csm|support|engineer)",
    "prometimos",
    "prometio",
    "promesa",
    "nos comprometimos",
    "compromiso",
    "acordamos",
    "se acordo",
    "garantiza(mos)?",
    "sin (costo|cargo)",
    "gratis",
    "gratuit[oa]s?",
    "precio congelado",
    "vamos a",
)
RISK = terms(
    "risks?",
    "at risk",
    "concerns?",
    "concerned",
    "worr(y|ied|ies)",
    "churn",
    "competitors?",
    "still (talking|evaluating|speaking)",
    "tight (go-?live|timeline|deadline|schedule)",
    "tight",
    "delay(s|ed)?",
    "slip(s|ped)?",
    "budget (cut|freeze|pressure)s?",
    "re-?org(anisation|anization)?",
    "layoffs?",
    "merger",
    "acquisition",
    "lukewarm",
    "unhappy",
    "frustrat(ed|ion)",
    "escalat(ed|ion)",
    "objections?",
    "unresolved",
    "push-?back",
    "hesitant",
    "could (slow|block|stall|derail)",
    "might (slow|block|churn|leave|stall)",
    "riesgos?",
    "preocupa(cion|do|da)?",
    "competidor(es)?",
    "competencia",
    "retrasos?",
    "ajustad[oa]",
    "recortes?",
    "fusion",
    "no esta convencid[oa]",
    "objecion(es)?",
)
OPEN_ITEM = terms(
    "pending",
    "tbd",
    "tbc",
    "to be (determined|confirmed|decided|agreed|scheduled)",
    "still (need|needs|waiting|to|missing|open)",
    "follow[- ]?up( on| with)?",
    "waiting (on|for)",
    "awaiting",
    "outstanding",
    "open (item|question|point)s?",
    "not yet (signed|received|done|agreed|decided|confirmed|scheduled)",
    "to confirm",
    "need to (confirm|send|schedule|check|get|agree|decide|finali[sz]e)",
    "action items?",
    "pendientes?",
    "por (definir|confirmar|decidir)",
    "faltan?",
    "queda(n)? pendiente",
    "seguimiento",
    "a confirmar",
    "todavia no",
    "aun no",
    "hay que (confirmar|enviar|definir|agendar)",
)
SUCCESS = terms(
    "success (criteria|criterion|metrics?|looks like|measures?)",
    "kpis?",
    "targets? (is|are|of)",
    "goals?",
    "measured by",
    "metrics?",
    "from [0-9]+ [a-z]+ to",
    "under [0-9]+",
    "below [0-9]+",
    "at least [0-9]+",
    "[0-9]+ ?%",
    "criterios? de exito",
    "exito",
    "metas?",
    "objetivos?",
    "indicador(es)?",
    "de [0-9]+ (dias|horas) a",
)
FIRST_90 = terms(
    "first (90|ninety|30|thirty|60|sixty) days",
    "(day|week|month) (1|one|30|60|90)",
    "by day [0-9]+",
    "kick-?off",
    "go-?live",
    "launch",
    "onboarding (plan|starts|kick-?off)",
    "first (month|quarter|phase|wave)",
    "primeros (90|noventa|30|60) dias",
    "arranque",
    "lanzamiento",
    "puesta en marcha",
    "salida en vivo",
    "primera (fase|ola)",
)
WHY = terms(
    "because",
    "due to",
    "driven by",
    "the reason",
    "reasons?",
    "pain",
    "problems?",
    "business case",
    "why they bought",
    "lost (two|three|[0-9]+|several|a|an|major|key)",
    "takes? [0-9a-z ]{1,12} (days|weeks|hours)",
    "by hand",
    "manual(ly)?",
    "examiners?",
    "auditors?",
    "fines?",
    "porque",
    "debido a",
    "el motivo",
    "razon(es)?",
    "dolor",
    "problemas?",
    "nos eligieron",
    "eligieron",
    "a mano",
    "perdieron",
    "tardan?",
)
