"""Who said what: the seller's side found without literal tags, so their words are never evidence.

A transcript names its speakers however the tool or the rep liked ("Lena Fischer:", "Alex (SDR):",
"Speaker 1"); a debrief mixes the rep's own pitch ("I mentioned our package starts at $30k") with
notes about the prospect. This module decides each speaker's party from brackets, attendee lists,
self-introductions ("Lena from Tallyworks here"), pitch language and who asks the questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from assistant.extract.formats_segments import Segment
from assistant.text.fold import fold

Party = Literal["prospect", "seller", "note", "unknown"]

SELLER_TAGS = frozenset(
    {
        "sdr",
        "bdr",
        "ae",
        "rep",
        "me",
        "us",
        "sales",
        "seller",
        "interviewer",
        "agent",
        "bot",
        "host",
        "q",
        "p",
        "yo",
        "nosotros",
        "vendor",
    }
)
PROSPECT_TAGS = frozenset(
    {"a", "r", "visitor", "customer", "prospect", "client", "cliente", "caller", "lead"}
)
SELLER_META = re.compile(
    r"\b(?:us|our|ours|we|nosotros|nuestr[oa]s?|sales|ventas|comercial|sdr|bdr|ae|account executive|"
    r"account manager|sales (?:rep|engineer|director|manager|lead)|business development|solutions? "
    r"(?:engineer|consultant)|ejecutiv[oa] de (?:cuentas|ventas)|representante de ventas|vendor|seller)\b"
)
SELF_INTRO = re.compile(
    r"\b(?:this is|it'?s|i'?m|i am|me llamo|my name is|les habla|te habla)\s+(?!the\b|a\b|an\b|just\b|not\b|so\b)"
    r"[a-z]+(?: [a-z]+)?,?\s+(?:from|with|de|con)\s+(?P<org>[a-z][\w&.-]*)"
    r"|(?:^|[,.!]\s+)(?!i\b|we\b|and\b)(?:[a-z]+ ){0,1}[a-z]+ (?:from|with|de) (?P<org2>[a-z][\w&.-]*)"
    r"(?: here)?\s*[,.!]"
)
THANKS = re.compile(
    r"\bthanks? (?:you )?for (?:making|taking|hopping|joining|jumping|your time|the time|having)|"
    r"\bgracias por (?:tu|su) tiempo|\bappreciate you (?:making|taking)|\bthanks for joining"
)
PITCH = re.compile(
    r"\bour (?:platform|solution|dashboards?|pricing|package|add-?ons?|api|pilot|customers (?:typically|usually|see))\b|"
    r"\bwe (?:typically|usually|often|generally) (?:see|help|save)|\bmost (?:of our )?customers\b|"
    r"\b(?:nosotros )?ayudamos a\b|\bwe help\b|\bwe build\b|\bwe can (?:run|offer|set up|do a)\b|"
    r"\bnuestr[oa]s? (?:plataforma|soluci[oó]n|paquete|precios?)\b|\bwho we are\b|\bcan i send you\b"
)
SELLER_SELF = re.compile(
    r"\b(?:i'?m|i am|soy) (?:the |a |an |your |el |la |tu |su )?(?:account executive|account manager|sdr|bdr|"
    r"sales|solutions? (?:engineer|consultant)|business development|ejecutiv[oa] de cuentas)"
)
PROSPECT_SELF = re.compile(
    r"\b(?:i'?m|i am|soy) (?:the |a |an |el |la )?[a-z]+ (?:manager|director|lead|officer|head|analyst|"
    r"engineer|owner|founder|gerente|director[a]?|analista)\b|\b(?:i'?m|i am) (?:the )?(?:vp|head|cfo|ceo|cto|coo|cio|"
    r"owner|founder)\b|\bwe'?re (?:about |around |roughly |like )?\d|\bsomos (?:unas?|como|cerca de)?\s*\d|"
    r"\bour (?:board|ceo|cfo|coo|cto|budget|current)\b|\bi run\b"
)
DEBRIEF_SELLER = re.compile(
    r"^(?:(?:so|then|also|and|afterwards),?\s+)?(?:i|we)\s+(?:also\s+|then\s+|briefly\s+|quickly\s+)?"
    r"(?:walked|mentioned|pitched|showed|demoed|demo'?d|presented|explained|offered|quoted|shared|proposed|"
    r"positioned|highlighted|went (?:over|through)|ran (?:him|her|them) through|gave (?:him|her|them)|"
    r"told (?:him|her|them)|sent (?:him|her|them)|recommended|introduced)\b"
    r"|^(?:le|les) (?:mostr[eé]|present[eé]|coment[eé]|expliqu[eé]|ense[nñ][eé]|envi[eé]|ofrec[ií])\b"
    r"|\bour (?:usual |standard |list |entry[- ]level |base |starter )?(?:package|pricing|price|list price|quote|"
    r"offer|discount|plans?|tiers?)\b|\bnuestr[oa] (?:paquete|precio|oferta|tarifa)\b"
)
QUESTION_START = re.compile(
    r"^(?:and |so |but |ok |okay )*(?:what|how|when|where|who|why|which|do you|does|did you|are you|is there|"
    r"is it|can i|could you|would you|have you|qu[eé]|c[oó]mo|cu[aá]ndo|tienen|hay)\b"
)


@dataclass
class _Profile:
    """What a speaker says and how they are named, for deciding their side."""

    name: str
    meta: str | None = None
    turns: list[str] = field(default_factory=list)


def seller_orgs(texts: Iterable[str]) -> set[str]:
    """Company names the seller introduces themselves with ("Chris from Arcwise, thanks for the time")."""
    orgs: set[str] = set()
    for text in texts:
        opening = fold(text)[:300]
        match = SELF_INTRO.search(opening)
        if match and THANKS.search(opening):
            orgs.add(match["org"] or match["org2"])
    return orgs


def _hard_party(profile: _Profile, attendees: dict[str, Party], orgs: set[str]) -> Party | None:
    """A speaker's side from their tag, brackets or attendee line, when the notes say it outright."""
    tag = fold(profile.name)
    if tag in SELLER_TAGS:
        return "seller"
    if tag in PROSPECT_TAGS:
        return "prospect"
    if profile.meta:
        meta = fold(profile.meta)
        if SELLER_META.search(meta) or any(org in meta for org in orgs):
            return "seller"
        return "prospect"
    first = tag.split()[0] if tag.split() else tag
    for person, party in attendees.items():
        if tag == person or first == person.split()[0]:
            return party
    return None


def _soft_score(profile: _Profile) -> int:
    """Evidence that an untagged speaker is the seller: self-introduction, pitch, asking the questions."""
    opening = fold(" ".join(profile.turns[:2]))[:400]
    text = fold(" ".join(profile.turns))[:4000]
    score = 2 if SELF_INTRO.search(opening) else 0
    score += 2 if THANKS.search(opening) else 0
    score += 3 if SELLER_SELF.search(text) else 0
    score += min(3, len(PITCH.findall(text)))
    questions = sum(1 for turn in profile.turns if turn.rstrip().endswith("?"))
    if questions >= 2 and questions * 2 >= len(profile.turns):
        score += 1
    score -= min(2, len(PROSPECT_SELF.findall(text)))
    return score


def speaker_parties(raw: str, segments: list[Segment]) -> dict[str, Party]:
    """Each speaker's side; 'unknown' where the notes do not say and the signals disagree."""
    profiles: dict[str, _Profile] = {}
    attendees: dict[str, Party] = {}
    for segment in segments:
        if segment.kind == "attendee" and segment.person:
            meta = fold(segment.meta or "")
            attendees[fold(segment.person)] = "seller" if SELLER_META.search(meta) else "prospect"
        if segment.speaker and segment.speaker != "speech":
            profile = profiles.setdefault(segment.speaker, _Profile(segment.speaker, segment.meta))
            profile.meta = profile.meta or segment.meta
            if len(profile.turns) < 40:
                profile.turns.append(raw[segment.start : segment.end])
    return _decide(profiles, attendees)


def _decide(profiles: dict[str, _Profile], attendees: dict[str, Party]) -> dict[str, Party]:
    """Outright tags first, then the soft score; one seller found makes the rest the prospect."""
    orgs = seller_orgs(" ".join(p.turns[:2]) for p in profiles.values())
    parties: dict[str, Party] = {}
    for name, profile in profiles.items():
        hard = _hard_party(profile, attendees, orgs)
        if hard:
            parties[name] = hard
    scores = {name: _soft_score(p) for name, p in profiles.items() if name not in parties}
    for name, score in scores.items():
        if score >= 3:
            parties[name] = "seller"
    rest = [name for name in profiles if name not in parties]
    if "seller" in parties.values():
        return parties | dict.fromkeys(rest, "prospect")
    if len(profiles) == 2 and len(rest) == 1 and scores[rest[0]] >= 1:
        return parties | {rest[0]: "seller"}
    ranked = sorted(rest, key=lambda name: -scores[name])
    if len(ranked) == 2 and scores[ranked[0]] >= 2 and scores[ranked[1]] <= 0:
        return parties | {ranked[0]: "seller", ranked[1]: "prospect"}
    if len(profiles) == 1:  # one voice and no sign of a seller: the prospect's own words
        return parties | dict.fromkeys(rest, "prospect")
    return parties | {name: "prospect" if scores[name] < 0 else "unknown" for name in rest}


def note_party(folded: str) -> Party:
    """A clause of prose notes: the rep's own pitch or price is the seller's; the rest is a note."""
    return "seller" if DEBRIEF_SELLER.search(folded) else "note"


def speech_party(folded: str) -> Party:
    """A chunk of raw speech: introductions, pitches and questions are the caller's (the seller)."""
    if SELF_INTRO.search(folded) or THANKS.search(folded) or PITCH.search(folded):
        return "seller"
    if QUESTION_START.match(folded.strip()):
        return "seller"
    return "unknown"
