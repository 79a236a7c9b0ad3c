"""The problem criterion: a concrete business pain with impact, vague interest, or no need."""

from __future__ import annotations

import re

from assistant.domain import CriterionFinding
from assistant.extract.cues import Hit, clauses_labelled, find_hits, has, is_negated, terms, unique
from assistant.extract.document import Clause, NoteDocument
from assistant.text.fold import fold

NO_NEED = terms(
    "not a priority",
    "no priority",
    "low priority",
    "not (currently |really )?looking(?! to (change|switch|move|replace)[a-z ]{0,20} (before|until))(?! until)",
    "not in the market",
    "happy with (their|our|the|its) (current|existing)",
    "(happy|satisfied|content) with [a-z0-9 ]{1,30}",
    "no (real )?need",
    "(don't|do not|doesn't|does not) need (it|this|anything|a tool)",
    "no pain",
    "not interested",
    "no interest",
    "blog post",
    "(an |for an |writing an )article",
    "take (me|us|them|him|her) off (your|the) (list|mailing list|calling list)",
    "stop (calling|emailing|contacting)",
    "unsubscribe",
    "do not (call|contact)",
    "don'?t (call|contact|email) (me|us) again",
    "remove (me|us) from",
    "(put|add|list) (it|this|that) on (his|her|my|their) (cv|resume|linkedin)",
    "for (his|her|my) (cv|resume)",
    "no (me|nos) interesa",
    "no (me|nos) (vuelvan a )?llam(en|e)",
    "works fine",
    "working fine",
    "thesis",
    "dissertation",
    "research for (a|an|my|his|her) (paper|class|course|thesis|book|blog)",
    "school project",
    "class project",
    "no es (una )?prioridad",
    "no (lo )?necesitan",
    "no tienen necesidad",
    "(contentos|satisfechos) con",
    "no (estan|están) buscando",
    "no les interesa",
    "para un art[ií]culo",
)
VAGUE = terms(
    "interested",
    "curious",
    "curiosity",
    "exploring",
    "explore",
    "looking around",
    "just looking",
    "just browsing",
    "nice[- ]to[- ]have",
    "side project",
    "general interest",
    "keep(ing)? an eye",
    "early research",
    "learn more",
    "heard about (us|you|the product)",
    "wanted to see",
    "no project",
    "someday",
    "eventually",
    "interesad[oa]s?",
    "curiosidad",
    "explorando",
    "something nicer",
    "nicer",
    "would be nice",
    "nothing (is|was) broken",
    "not broken",
    "nothing urgent",
    "les gustar[ií]a",
    "ser[ií]a bueno",
    "por curiosidad",
    "sin proyecto",
)
PAIN = terms(
    "manual(ly)?",
    "by hand",
    "a mano",
    "re-?(enter|key|type)(s|ed|ing)?",
    "(dropped|fell|declined|slipped) (by )?[0-9]+",
    "wr(o|i)te[- ]?offs?",
    "wrote off",
    "written off",
    "(is|are) a mess",
    "chaotic",
    "miss(es|ed|ing)? (our |the )?slas?",
    "turnover",
    "no-?shows?",
    "ausencias",
    "takes? ([a-z]+ ){0,3}(two|three|four|five|six|seven|eight|nine|ten|several|a few|[0-9]+) (days|weeks|hours)",
    "spreadsheets?",
    "excel",
    "errors?",
    "mistakes?",
    "fail(s|ed|ing|ures?)?",
    "broken",
    "breaks",
    "behind",
    "delay(s|ed)?",
    "slow",
    "backlog",
    "lost",
    "los(e|ing)",
    "complain(s|ts?|ing)?",
    "churn(ing)?",
    "late fees",
    "fines?",
    "penalt(y|ies)",
    "overtime",
    "hours (a|per|each|every) (day|week|month)",
    "ftes?",
    "cost(s|ing)? (us|them|the company|about|an estimated)",
    "waste(s|d)?",
    "pain( point)?s?",
    "struggl(e|es|ing)",
    "frustrat(ed|ing|ion)",
    "bottlenecks?",
    "outages?",
    "downtime",
    "stockouts?",
    "no visibility",
    "lack of visibility",
    "can'?t (see|track|report|keep)",
    "cannot (see|track|report|keep)",
    "unable to",
    "inconsistent",
    "duplicat(e|ed|es)",
    "audit findings?",
    "compliance gaps?",
    "rework",
    "bottleneck",
    "siloed",
    "silos",
    "disconnected",
    "out of sync",
    "needs? (?!to (?:talk|check|ask|think|discuss|run|get back|see|speak|consult|loop|review))[a-z]+",
    "evaluating (two|three|several|other|a few|[0-9]+) (vendors|competitors|tools|solutions|options|platforms)",
    "must (replace|fix|reduce|automate|consolidate)",
    "(wants?|looking|trying|plan(s|ning)?) to (replace|automate|unify|consolidate|reduce|eliminate|streamline|fix|cut|speed up|modernize|modernise|centralize|centralise|get rid of)",
    "problem",
    "problems",
    "issues?",
    "challenges?",
    "risk",
    "urgent",
    "the board wants",
    "eat(s|ing)? (up )?",
    "takes? (too long|forever|weeks|days)",
    "takes? [0-9a-z ]{1,12} (days|weeks|hours)",
    "(days|hours) a (week|month)",
    "time[- ]consuming",
    "tedious",
    "painful",
    "headaches?",
    "nightmare",
    "drowning",
    "chasing",
    "fined",
    "incomplete",
    "non-?compliant",
    "penali[sz]ed",
    "gaps? in",
    "digiti[sz]e",
    "digitalizar",
    "(quieren|buscan|necesitan) (automatizar|reemplazar|modernizar|centralizar|unificar|integrar)",
    "workarounds?",
    "crash(es|ed|ing)?",
    "(replacing|replace|replacement of|moving off|migrating off) (a|an|the|their|our|its)",
    "legacy",
    "outdated",
    "end[- ]of[- ]life",
    "unreliable",
    "hard to",
    "difficult to",
    "too (slow|long|expensive|manual)",
    "manuales?",
    "manualmente",
    "hojas de c[aá]lculo",
    "errores",
    "fallan?",
    "falla",
    "retras(o|os|ados?)",
    "pierden",
    "perdieron",
    "p[eé]rdidas?",
    "se quejan",
    "quejas",
    "multas",
    "no tienen visibilidad",
    "no pueden",
    "lento",
    "cuello de botella",
    "necesitan",
    "tienen que",
    "problemas?",
)
IMPACT = terms(
    "\\$ ?[0-9]",
    "€ ?[0-9]",
    "£ ?[0-9]",
    "[0-9]+ ?%",
    "per cent",
    "percent",
    "revenue",
    "fees",
    "fines?",
    "hours",
    "ftes?",
    "lost (two|three|[0-9]+|several|a|an|major|big|key)",
    "customers? (complain|are leaving|left)",
    "the board",
    "auditors?",
    "regulators?",
    "deadline",
    "urgent",
    "every (day|week|month)",
    "accounts",
    "cuentas",
    "clientes",
    "ingresos",
    "horas",
)
_PROBLEM_LABELS = (
    "problem",
    "problema",
    "pain",
    "challenge",
    "challenges",
    "need",
    "needs",
    "issue",
    "dolor",
)


_FIELD_LABEL = re.compile(r"^\s*[\w ]{1,20}:\s*")


def _content_hits(clauses: list[Clause] | tuple[Clause, ...]) -> list[Hit]:
    """Pain words past a field label: the 'Pain' of 'Pain: ...' is not itself a pain."""
    hits = []
    for hit in find_hits(PAIN, clauses, skip_negated=True):
        label = _FIELD_LABEL.match(hit.clause.text)
        if not label or hit.start >= label.end():
            hits.append(hit)
    return hits


def _pain_hits(doc: NoteDocument) -> list[Hit]:
    """Pain statements said by the prospect (not our rep), not negated."""
    clauses = [c for c in doc.prospect_clauses if c.kind != "question" or c.speaker is None]
    return _content_hits(clauses)


def _negated(hit: Hit) -> bool:
    """Negated only close by: "I don't remember, we're not looking" still says no need."""
    return is_negated(fold(hit.clause.text), hit.start, window=2)


def _only_vague(clause: Clause) -> bool:
    """A 'Pain:' line that only says they want something nicer is interest, not pain."""
    return has(VAGUE, clause.text) and not _content_hits([clause])


def _impact(clauses: list[Clause]) -> bool:
    return any(has(IMPACT, clause.text) for clause in clauses)


def read_problem(doc: NoteDocument) -> CriterionFinding:
    """Read the pain: no-need signals win, then concrete pain, then vague interest."""
    no_need = [hit for hit in find_hits(NO_NEED, doc.prospect_clauses) if not _negated(hit)]
    if no_need:
        clause = no_need[0].clause
        return CriterionFinding(
            criterion="problem",
            proposed="unfit",
            value=clause.text,
            evidence=[clause.text],
            confidence=0.8,
            reason="the prospect states there is no need",
        )
    labelled = [c for c in clauses_labelled(doc, *_PROBLEM_LABELS) if not _only_vague(c)]
    pain_clauses = unique(labelled + [hit.clause for hit in _pain_hits(doc)], limit=3)
    if pain_clauses:
        strong = _impact(pain_clauses) or bool(labelled)
        return CriterionFinding(
            criterion="problem",
            proposed="met",
            value=_summary(pain_clauses[0]),
            evidence=[c.text for c in pain_clauses],
            confidence=0.85 if strong else 0.65,
            reason="a concrete business problem" + (" with impact or urgency" if strong else ""),
        )
    vague = list(find_hits(VAGUE, doc.prospect_clauses, skip_negated=True))
    if vague:
        clause = vague[0].clause
        return CriterionFinding(
            criterion="problem",
            proposed="partial",
            value=clause.text,
            evidence=[clause.text],
            confidence=0.6,
            reason="interest without a concrete problem",
        )
    return CriterionFinding(
        criterion="problem", proposed="missing", confidence=0.6, reason="no problem stated"
    )


def _summary(clause: Clause) -> str:
    """A short value: the first pain clause, cut at a word boundary."""
    text = clause.text
    return text if len(text) <= 140 else text[:140].rsplit(" ", 1)[0] + "…"
