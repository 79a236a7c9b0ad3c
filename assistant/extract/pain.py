"""The problem criterion: a concrete business pain with impact, vague interest, or no need."""

from __future__ import annotations

from assistant.domain import CriterionFinding
from assistant.extract.cues import Hit, clauses_labelled, find_hits, has, terms, unique
from assistant.extract.document import Clause, NoteDocument

NO_NEED = terms(
    "not a priority", "no priority", "low priority",
    "not (currently |really )?looking(?! to (change|switch|move|replace)[a-z ]{0,20} (before|until))(?! until)",
    "not in the market", "happy with (their|our|the|its) (current|existing)",
    "(happy|satisfied|content) with [a-z0-9 ]{1,30}", "no (real )?need", "(don't|do not|doesn't|does not) need (it|this|anything|a tool)",
    "no pain", "not interested", "no interest", "blog post", "(an |for an |writing an )article",
    "thesis", "dissertation", "research for (a|an|my|his|her) (paper|class|course|thesis|book|blog)",
    "school project", "class project", "no es (una )?prioridad", "no (lo )?necesitan", "no tienen necesidad",
    "(contentos|satisfechos) con", "no (estan|están) buscando", "no les interesa", "para un art[ií]culo",
)
VAGUE = terms(
    "interested", "curious", "curiosity", "exploring", "explore", "looking around", "just looking",
    "just browsing", "nice[- ]to[- ]have", "side project", "general interest", "keep(ing)? an eye",
    "early research", "learn more", "heard about (us|you|the product)", "wanted to see",
    "no project", "someday", "eventually", "interesad[oa]s?", "curiosidad", "explorando",
    "les gustar[ií]a", "ser[ií]a bueno", "por curiosidad", "sin proyecto",
)
PAIN = terms(
    "manual(ly)?", "by hand", "a mano", "spreadsheets?", "excel", "errors?", "mistakes?", "fail(s|ed|ing|ures?)?",
    "broken", "breaks", "behind", "delay(s|ed)?", "slow", "backlog", "lost", "los(e|ing)",
    "complain(s|ts?|ing)?", "churn(ing)?", "late fees", "fines?", "penalt(y|ies)", "overtime",
    "hours (a|per|each|every) (day|week|month)", "ftes?", "cost(s|ing)? (us|them|the company|about|an estimated)",
    "waste(s|d)?", "pain( point)?s?", "struggl(e|es|ing)", "frustrat(ed|ing|ion)", "bottlenecks?",
    "outages?", "downtime", "stockouts?", "no visibility", "lack of visibility", "can'?t (see|track|report|keep)",
    "cannot (see|track|report|keep)", "unable to", "inconsistent", "duplicat(e|ed|es)", "audit findings?",
    "compliance gaps?", "rework", "bottleneck", "siloed", "silos", "disconnected", "out of sync",
    "needs? (?!to (?:talk|check|ask|think|discuss|run|get back|see|speak|consult|loop|review))[a-z]+",
    "evaluating (two|three|several|other|a few|[0-9]+) (vendors|competitors|tools|solutions|options|platforms)", "must (replace|fix|reduce|automate|consolidate)",
    "(wants?|looking|trying|plan(s|ning)?) to (replace|automate|unify|consolidate|reduce|eliminate|streamline|fix|cut|speed up|modernize|modernise|centralize|centralise|get rid of)",
    "problem", "problems", "issues?", "challenges?", "risk", "urgent", "the board wants",
    "eat(s|ing)? (up )?", "takes? (too long|forever|weeks|days)", "takes? [0-9a-z ]{1,12} (days|weeks|hours)", "(days|hours) a (week|month)",
    "time[- ]consuming", "tedious", "painful", "headaches?", "nightmare", "drowning", "chasing",
    "fined", "incomplete", "non-?compliant", "penali[sz]ed", "gaps? in", "digiti[sz]e", "digitalizar",
    "(quieren|buscan|necesitan) (automatizar|reemplazar|modernizar|centralizar|unificar|integrar)",
    "workarounds?", "crash(es|ed|ing)?", "(replacing|replace|replacement of|moving off|migrating off) (a|an|the|their|our|its)",
    "legacy", "outdated", "end[- ]of[- ]life", "unreliable", "hard to", "difficult to", "too (slow|long|expensive|manual)",
    "manuales?", "manualmente", "hojas de c[aá]lculo", "errores", "fallan?", "falla", "retras(o|os|ados?)",
    "pierden", "perdieron", "p[eé]rdidas?", "se quejan", "quejas", "multas", "no tienen visibilidad",
    "no pueden", "lento", "cuello de botella", "necesitan", "tienen que", "problemas?",
)
IMPACT = terms(
    "\\$ ?[0-9]", "€ ?[0-9]", "£ ?[0-9]", "[0-9]+ ?%", "per cent", "percent", "revenue", "fees", "fines?",
    "hours", "ftes?", "lost (two|three|[0-9]+|several|a|an|major|big|key)", "customers? (complain|are leaving|left)",
    "the board", "auditors?", "regulators?", "deadline", "urgent", "every (day|week|month)",
    "accounts", "cuentas", "clientes", "ingresos", "horas",
)
_PROBLEM_LABELS = ("problem", "problema", "pain", "challenge", "challenges", "need", "needs", "issue", "dolor")


def _pain_hits(doc: NoteDocument) -> list[Hit]:
    """Pain statements said by the prospect (not our rep), not negated."""
    clauses = [c for c in doc.prospect_clauses if not c.text.endswith("?") or c.speaker is None]
    return list(find_hits(PAIN, clauses, skip_negated=True))


def _impact(clauses: list[Clause]) -> bool:
    return any(has(IMPACT, clause.text) for clause in clauses)


def read_problem(doc: NoteDocument) -> CriterionFinding:
    """Read the pain: no-need signals win, then concrete pain, then vague interest."""
    no_need = list(find_hits(NO_NEED, doc.prospect_clauses, skip_negated=True))
    if no_need:
        clause = no_need[0].clause
        return CriterionFinding(
            criterion="problem", proposed="unfit", value=clause.text, evidence=[clause.text],
            confidence=0.8, reason="the prospect states there is no need",
        )
    labelled = clauses_labelled(doc, *_PROBLEM_LABELS)
    pain_clauses = unique(labelled + [hit.clause for hit in _pain_hits(doc)], limit=3)
    if pain_clauses:
        strong = _impact(pain_clauses) or bool(labelled)
        return CriterionFinding(
            criterion="problem", proposed="met", value=_summary(pain_clauses[0]),
            evidence=[c.text for c in pain_clauses], confidence=0.85 if strong else 0.65,
            reason="a concrete business problem" + (" with impact or urgency" if strong else ""),
        )
    vague = list(find_hits(VAGUE, doc.prospect_clauses, skip_negated=True))
    if vague:
        clause = vague[0].clause
        return CriterionFinding(
            criterion="problem", proposed="partial", value=clause.text, evidence=[clause.text],
            confidence=0.6, reason="interest without a concrete problem",
        )
    return CriterionFinding(
        criterion="problem", proposed="missing", confidence=0.6, reason="no problem stated"
    )


def _summary(clause: Clause) -> str:
    """A short value: the first pain clause, cut at a word boundary."""
    text = clause.text
    return text if len(text) <= 140 else text[:140].rsplit(" ", 1)[0] + "…"
