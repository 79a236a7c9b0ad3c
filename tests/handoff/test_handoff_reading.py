"""The offline deal reader through the handoff graph: every line cited, nothing invented.

Varied deal notes (headed Markdown, one paragraph of prose, Spanish, a single line) check that
facts land in the right sections with verbatim sources and that what the notes do not say
becomes a question, never a line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.handoff import OfflineDealReader
from assistant.handoff.context import HandoffContext
from assistant.handoff.graph import build_brief
from assistant.handoff.schemas import SECTIONS, Section, SourceDocument, TransitionBrief
from assistant.knowledge.load import Knowledge
from assistant.settings import Settings
from tests.handoff_support import AS_OF, DEAL_NOTES, assert_every_line_sourced, deal, halvorsen_sources

SPANISH = """Notas de cierre — Grupo Hotelero Brisa (Cancún, México)
AE: Santiago Herrera. Contrato firmado el 2026-11-12.

Acuerdo:
- Productos: Core Platform y el módulo de analítica.
- Precio: USD 95.000 anuales, contrato a 3 años.
- 120 usuarios en recepción y reservas de los 4 hoteles de Cancún; las otras 9 propiedades del grupo quedan fuera por ahora.

Compromisos:
- Nos comprometimos a integrar Opera PMS antes del 15 de marzo de 2027.
- Capacitación para 20 administradores incluida sin costo.
- Descuento del 10% si amplían a las otras propiedades el próximo año.

Contactos:
- Lucía Gómez, Directora de Operaciones — patrocinadora; firmó el contrato.
- Andrés Pineda, Gerente de TI — contacto técnico; lleva la integración con Opera.
- Marta Ruiz, Directora Financiera — escéptica, prefería seguir con hojas de cálculo.

Por qué compraron:
- Las reservas se cargan a mano y pierden unas 40 horas por semana en conciliaciones.

Riesgos:
- La temporada alta empieza en diciembre; el arranque no puede retrasarse.

Pendientes:
- Falta definir quién aprueba los informes mensuales.
"""
PROSE = (
    "Won Nordlicht Logistics (Hamburg, Germany; 900 employees). Signed on 2026-10-30 by Jonas Weber, COO, "
    "who is the decision maker. They bought the Core Platform only, 500 seats, EUR 140k per year on a 2-year "
    "term. We agreed to deliver the SAP connector by end of January 2027 and to run two training sessions for "
    "their dispatch team. Their IT architect, Petra Lang, ran the security review; it passed with no findings. "
    "Klaus Meier, Head of Finance, is sceptical about the ROI and pushed back on the price. Success means "
    "cutting dispatch planning time by 30% within six months. Kickoff is planned for 12 January 2027. The DPA "
    "is still pending with their legal team. Risk: their SAP upgrade may delay the connector."
)
THIN = "Closed the Acme Tools deal today. Ana Ruiz was happy with the demo."
UNDECIDED = """Deal notes — Pine Street Credit Union
- Products: Core Platform.
- Price: not agreed yet, TBD with their procurement team.
- Karen Lund, Head of Compliance — not a blocker any more; she supports the rollout now.
"""

BriefOf = Callable[..., TransitionBrief]


@pytest.fixture
def brief_of(tmp_path: Path, knowledge: Knowledge) -> BriefOf:
    """Run the real graph over deal notes (no playbook library: these tests are about the reading)."""
    context = HandoffContext(knowledge, OfflineDealReader(), Settings(data_dir=tmp_path, embedding="hashing"))

    def run(sources: list[SourceDocument], account: str = "Account") -> TransitionBrief:
        return build_brief(account, sources, context=context, as_of=AS_OF)

    return run


def _texts(brief: TransitionBrief, section: Section) -> str:
    return " | ".join(line.text for line in brief.section(section))


@pytest.mark.parametrize(
    "notes",
    [DEAL_NOTES, SPANISH, PROSE, THIN, UNDECIDED],
    ids=["example", "spanish", "prose", "thin", "undecided"],
)
def test_no_line_lacks_a_verbatim_source(brief_of: BriefOf, notes: str) -> None:
    sources = [deal(notes)]
    brief = brief_of(sources)
    checked = assert_every_line_sourced(brief, sources)
    assert checked > 0 or notes == THIN


def test_example_with_its_discovery_call(brief_of: BriefOf) -> None:
    sources = halvorsen_sources()
    brief = brief_of(sources, "Halvorsen Regional Bank")
    assert assert_every_line_sourced(brief, sources) > 30
    assert all(brief.section(name) for name in SECTIONS), "the example covers every section"
    snapshot = _texts(brief, "snapshot")
    for fact in (
        "Price: $172,000 per year",
        "Term: 3-year term",
        "Seats: 350 users",
        "Company size: 1,200 employees",
        "Account executive: Hannah Whitfield",
        "Not bought (declined or deferred): Analytics Add-on",
    ):
        assert fact in snapshot
    assert "Core Platform" in snapshot and "Compliance & Security Add-on" in snapshot
    jack_henry = next(line for line in brief.commitments if "Jack Henry" in line.text)
    assert jack_henry.due == dt.date(2027, 3, 31)
    assert any("15% discount" in line.text for line in brief.commitments)
    roadmap = "customer-managed encryption keys, which is on our roadmap, not committed"
    assert any(roadmap in line.text for line in brief.risks), "a roadmap ask is a risk"
    assert not any(roadmap in line.text for line in brief.technical_context + brief.commitments)
    assert any("Jack Henry SilverLake (core banking)" in line.text for line in brief.technical_context)
    assert any("nCino" in line.text for line in brief.risks)
    assert any("TBD" in line.text for line in brief.open_items)
    call_lines = [line for line in brief.why_they_bought if line.sources[0].source_id == "call-notes-1"]
    assert call_lines, "the discovery call's pain is part of why they bought"


def test_stakeholder_roles_come_from_the_notes(brief_of: BriefOf) -> None:
    people = {p.name: p for p in brief_of(halvorsen_sources()).stakeholders}
    assert set(people) == {"Ingrid Halvorsen", "Martin Olsen", "Tom Becker", "Priya Shah", "Karen Lund"}
    assert {"decision_maker", "sponsor"} <= set(people["Ingrid Halvorsen"].roles)
    assert people["Ingrid Halvorsen"].title == "SVP Operations"
    assert people["Martin Olsen"].roles == ["economic_buyer"]
    assert {"champion", "project_lead"} <= set(people["Tom Becker"].roles)
    assert "technical" in people["Priya Shah"].roles
    assert people["Karen Lund"].roles == ["detractor"]
    assert "Aisha Bello" not in people, "our own sales engineer is not a customer stakeholder"
    assert {ref.source_id for ref in people["Ingrid Halvorsen"].sources} == {"deal-notes-1", "call-notes-1"}


def test_spanish_notes(brief_of: BriefOf) -> None:
    brief = brief_of([deal(SPANISH)])
    snapshot = _texts(brief, "snapshot")
    assert "Price: USD 95.000 anuales" in snapshot and "Term: 3 años" in snapshot
    assert "Core Platform, Analytics Add-on" in snapshot and "Seats: 120 usuarios" in snapshot
    people = {p.name: p for p in brief.stakeholders}
    assert {"decision_maker", "sponsor"} <= set(people["Lucía Gómez"].roles)
    assert "technical" in people["Andrés Pineda"].roles
    assert "detractor" in people["Marta Ruiz"].roles
    assert next(line for line in brief.commitments if "Opera" in line.text).due == dt.date(2027, 3, 15)
    assert any("Marta Ruiz" in line.text for line in brief.risks), "a detractor is a churn risk"
    assert brief.open_items and brief.why_they_bought
    assert not brief.success_criteria and any("metrics" in q for q in brief.open_questions)


def test_prose_notes_without_headings(brief_of: BriefOf) -> None:
    brief = brief_of([deal(PROSE)])
    people = {p.name: p for p in brief.stakeholders}
    assert people["Jonas Weber"].roles == ["decision_maker"] and people["Jonas Weber"].title == "COO"
    assert people["Petra Lang"].title == "IT architect" and "technical" in people["Petra Lang"].roles
    assert "detractor" in people["Klaus Meier"].roles
    assert any(
        "SAP connector" in line.text and line.due == dt.date(2027, 1, 31) for line in brief.commitments
    )
    assert any("30%" in line.text for line in brief.success_criteria)
    assert any("Kickoff" in line.text for line in brief.first_90_days)
    assert any("security review" in line.text for line in brief.technical_context)
    assert any("DPA" in line.text for line in brief.open_items)
    assert "Price: EUR 140k per year" in _texts(brief, "snapshot")


def test_thin_notes_become_questions_not_facts(brief_of: BriefOf) -> None:
    brief = brief_of([deal(THIN)], "Acme Tools")
    assert all(not brief.section(name) for name in SECTIONS)
    assert brief.stakeholders == [], "a name without a title or a role is not a stakeholder"
    questions = " ".join(brief.open_questions)
    for topic in (
        "price",
        "term",
        "seats",
        "products",
        "contacts",
        "Why did they buy",
        "promised",
        "account executive",
    ):
        assert topic in questions
    assert not any(a.role == "account_executive" for a in brief.assignments), "the owner is never guessed"


def test_absent_price_is_a_question_and_negated_roles_drop(brief_of: BriefOf) -> None:
    brief = brief_of([deal(UNDECIDED)])
    assert not any(line.text.startswith("Price:") for line in brief.snapshot)
    assert any("contract price" in q for q in brief.open_questions)
    assert any("TBD" in line.text for line in brief.open_items)
    karen = next(p for p in brief.stakeholders if p.name == "Karen Lund")
    assert "detractor" not in karen.roles
    assert "$" not in render_text(brief)


def render_text(brief: TransitionBrief) -> str:
    return " ".join(line.text for name in SECTIONS for line in brief.section(name))
