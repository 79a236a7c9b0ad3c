"""Words and shapes that say how a note is laid out: labels, speaker prefixes, headers, signatures.

Kept apart from the scanner so enablement-style edits (a new CRM field, a new closing) touch a
list, not the logic.
"""

from __future__ import annotations

import re

TIMESTAMP = re.compile(r"\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*(?:-->\s*\S+\s*)?")
BULLET = re.compile(r"\s*(?:[-*•·–—]+|\d{1,2}[.)])\s+")
VTT_SKIP = re.compile(r"^\s*(?:WEBVTT\b.*|NOTE\b.*|\d{1,5}|[\d:.,]+\s*-->.*)\s*$")
VOICE = re.compile(r"\s*<v(?:\.[\w.-]+)*\s+([^>\n]{1,60})>")
VOICE_END = re.compile(r"</v>\s*$")
_NAME = r"[A-ZÁÉÍÓÚÑ][\w.'’-]*(?:[ \t][A-ZÁÉÍÓÚÑ][\w.'’-]*){0,3}"
# "Name:", "Name (Company|Role):", "**Q (us):**", "Speaker 2:".
SPEAKER = re.compile(
    rf"(?:\*\*|__)?(?P<name>{_NAME}|[A-Za-z]+ \d{{1,2}})[ \t]*(?:\((?P<meta>[^()\n]{{1,80}})\))?"
    r"[ \t]*(?:\*\*|__)?:(?:\*\*|__)?(?:[ \t]+|$)"
)
# Otter: "Speaker 1  0:02" or "Nadia Shah  1:05" alone on a line; the words follow on the next lines.
OTTER = re.compile(rf"^\s*(?P<name>Speaker\s+\d{{1,2}}|{_NAME})\s+(?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}}\s*$")
LABEL = re.compile(r"([A-Za-zÁÉÍÓÚáéíóúñÑ][\w /&()'-]{0,30}?)\s*:(?:\s+|$)")
FRONT_MATTER = re.compile(r"^\s*---\s*$")
EMAIL_HEADER = re.compile(r"^\s*(from|to|cc|bcc|subject|date|sent|de|para|asunto|enviado|fecha)\s*:", re.I)
QUOTED = re.compile(r"^\s*>")
WROTE = re.compile(r"^\s*(?:on .{4,80} wrote|el .{4,80} escribi[oó])\s*:\s*$", re.I)
CLOSING = re.compile(
    r"^\s*(?:best|thanks|thank you|many thanks|regards|best regards|kind regards|warm regards|cheers|"
    r"sincerely|saludos|un saludo|atentamente|gracias|--)\s*[,!.]?\s*$",
    re.I,
)
PIPE = re.compile(r"\s+\|\s+")
SENTENCE_PUNCT = re.compile(r"[.!?¿¡]")
# Words people say but rarely write in notes: raw speech-to-text has many of them.
SPOKEN = re.compile(
    r"\b(?:yeah|yep|um+|uh+|hi|hello|hey|you|i'?m|okay|ok|like|bye|thanks|gonna|hola|vale|bueno)\b", re.I
)


def _words(text: str) -> frozenset[str]:
    """A word list written as one block of text, so it reads like a paragraph."""
    return frozenset(text.split())


# Lines whose "Word:" prefix is a field label, never a speaker.
LABELS = _words(
    """budget problem pain pains timeline timing contact title company industry size notes note next
    steps summary needs need decision authority call meeting date time duration attendees attendee
    participants present overview agenda subject from to cc bcc sent owner account stage lead source
    employees headcount revenue location region website phone email status priority outcome result
    action items todo follow up followup comments comment description details context background
    objections risks champion competition competitors use case requirements quick cold inbound outbound
    presupuesto problema plazo contacto empresa industria tamaño notas fecha asistentes participantes
    reunión reunion llamada resumen asunto acciones cargo sector empleados dolor necesidad decisión
    created updated modified opportunity close competitor pricing product products tool tools stack
    current incumbent goal goals challenge challenges objection risk pilot trial users integration
    integrations security compliance why where when who what"""
)
METADATA_LABELS = _words(
    """date fecha time hora duration duración duracion created created_at updated modified owner stage
    opportunity_stage next_step_date close_date subject asunto from to cc bcc sent enviado de para
    meeting reunión reunion lead_source source id record"""
) | {"lead source", "call date", "call type", "meeting date", "opportunity stage", "next step date"}
ATTENDEE_LABELS = frozenset(
    {
        "attendees",
        "attendee",
        "participants",
        "present",
        "asistentes",
        "participantes",
        "presentes",
        "on the call",
    }
)
ACTION_LABELS = frozenset(
    {
        "action items",
        "action item",
        "next steps",
        "next step",
        "follow up",
        "follow-up",
        "follow-ups",
        "followup",
        "to do",
        "todo",
        "to-dos",
        "acciones",
        "próximos pasos",
        "proximos pasos",
        "siguientes pasos",
        "tareas",
        "pendientes",
        "seguimiento",
    }
)
# Speaker prefixes that name a side of the call ("AE:", "Q:", "Cliente:"), not a field label.
SPEAKER_TAGS = _words(
    """sdr bdr ae rep me us sales seller interviewer agent bot host q p a r visitor customer prospect
    client cliente caller lead yo nosotros"""
)
SECTION_ENDS = frozenset({"overview", "summary", "notes", "resumen", "notas", "discussion", "key points"})

# Raw speech-to-text: where one speaker likely stops and the other starts.
SPEECH_BREAK = re.compile(
    r"\s+(?=(?:yeah|yep|yes|ok|okay|um+|uh+|hmm+|honestly|alright|sure|bye|great|perfect|cool|vale|bueno|"
    r"i run|i'?m|i am|i work|we'?re|we are|we have|somos|tenemos|"
    r"(?:and |so |but )?(?:what|how|when|where|who|why|which|do you|does your|did you|are you|is there|is it|"
    r"can i|could you|would you|have you|qu[eé]|c[oó]mo|cu[aá]ndo|tienen|hay))\b)",
    re.I,
)
# A lone connective before a speech break ("so what", "and how"): the break joins, not cuts.
LONE_CONNECTIVE = re.compile(r"^(?:(?:so|and|but|um)\s*)*(?:what|how|when|where|who|why|which)?$")
# Field labels of notes ('Budget: $150k'): the clause is what follows the label.
CONTENT_LABELS = frozenset(
    [
        "budget",
        "problem",
        "pain",
        "timeline",
        "timing",
        "contact",
        "title",
        "company",
        "industry",
        "size",
        "notes",
        "note",
        "next",
        "steps",
        "next step",
        "next steps",
        "presupuesto",
        "problema",
        "plazo",
        "contacto",
        "empresa",
        "industria",
        "tamaño",
        "notas",
        "call",
        "summary",
        "needs",
        "need",
        "decision",
        "authority",
        "follow up",
        "action items",
        "próximos pasos",
    ]
)
