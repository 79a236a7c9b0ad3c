"""A deterministic corpus of realistic discovery-call notes for benchmarks.

    python bench/notes_corpus.py [--notes 200] [--seed 11] [--out notes.jsonl] [--show 3]

`generate(n, seed)` builds N varied notes from templates: English and Spanish; prose, bullet
notes and transcripts with `[mm:ss]` speaker tags; varied titles (decision makers, influencers,
students and journalists), industries (target, neutral and excluded ones), headcounts, budgets
("$60-80k", "EUR 400k", "90.000 euros", "no budget yet"), timelines ("end of Q1 2027",
"en tres meses", "next year") and technical, partner, pilot and reference asks. Every field is
drawn from `random.Random(seed)`, so the same (n, seed) always gives the same notes.
`write_jsonl(path, n)` writes them as `qualify-batch` input: `{"id", "notes", "call_date"}`.

The people and companies are invented here; none is taken from the shared development cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_SEED = 11
FORMATS = ("prose", "bullets", "transcript")

FIRST_NAMES_EN = [
    "Priya",
    "Marcus",
    "Leonie",
    "Tomasz",
    "Aisha",
    "Declan",
    "Hiroko",
    "Samuel",
    "Freya",
    "Olumide",
    "Caroline",
    "Rafael",
    "Ines",
    "Viktor",
    "Nadia",
    "Gareth",
    "Mei",
    "Kwame",
]
LAST_NAMES_EN = [
    "Okafor",
    "Lindqvist",
    "Brennan",
    "Sato",
    "Delacroix",
    "Mwangi",
    "Fischer",
    "Novak",
    "Castellano",
    "Pemberton",
    "Rasmussen",
    "Achterberg",
    "Quinlan",
    "Tanaka",
    "Haddad",
]
FIRST_NAMES_ES = [
    "Lucía",
    "Mateo",
    "Valentina",
    "Andrés",
    "Camila",
    "Diego",
    "Ximena",
    "Rodrigo",
    "Paula",
    "Joaquín",
    "Renata",
    "Esteban",
    "Marisol",
    "Gonzalo",
]
LAST_NAMES_ES = [
    "Restrepo",
    "Iturbide",
    "Quiroga",
    "Benavides",
    "Zamudio",
    "Echeverría",
    "Palacios",
    "Cifuentes",
    "Arriaga",
    "Montalvo",
    "Villalobos",
    "Saavedra",
]

TITLES_EN = {
    "met": [
        "VP of Operations",
        "Chief Financial Officer",
        "CIO",
        "Head of Procurement",
        "Director of IT",
        "COO",
        "Managing Director",
        "Founder and CEO",
        "General Manager",
        "SVP Customer Experience",
        "Head of Compliance",
        "Controller",
    ],
    "partial": [
        "IT manager",
        "operations analyst",
        "procurement specialist",
        "data engineer",
        "project manager",
        "solutions architect",
        "finance lead",
        "program manager",
    ],
    "unfit": ["graduate student", "journalist", "summer intern", "freelance blogger"],
}
TITLES_ES = {
    "met": [
        "Director de Operaciones",
        "Directora Financiera",
        "Gerente General",
        "Jefa de Sistemas",
        "Director General",
        "Responsable de Compras",
        "fundador",
        "Vicepresidente Comercial",
    ],
    "partial": [
        "analista de datos",
        "coordinadora de proyectos",
        "ingeniero de sistemas",
        "gerente de TI",
        "encargado de compras",
    ],
    "unfit": ["estudiante de maestría", "periodista", "becaria"],
}


@dataclass(frozen=True)
class Industry:
    """A sector with how people describe it in each language and what hurts there."""

    en: tuple[str, ...]
    es: tuple[str, ...]
    company_en: tuple[str, ...]
    company_es: tuple[str, ...]
    pains_en: tuple[str, ...]
    pains_es: tuple[str, ...]
    systems: tuple[str, ...]


INDUSTRIES = [
    Industry(
        en=("regional banking", "a credit union", "commercial lending", "wealth management"),
        es=("banca regional", "cooperativa de ahorro", "servicios financieros"),
        company_en=("Savings Bank", "Federal Credit Union", "Capital Partners", "Trust Company"),
        company_es=("Banco", "Financiera", "Caja Popular"),
        pains_en=(
            "loan files are reconciled by hand in spreadsheets and approvals take {n} days",
            "KYC reviews are backlogged by {n} weeks and the regulator asked for a remediation plan",
            "they lost {k} commercial clients this year to lenders that onboard faster",
        ),
        pains_es=(
            "la conciliación de créditos se hace a mano y cada aprobación tarda {n} días",
            "tienen {n} semanas de atraso en revisiones de cumplimiento",
        ),
        systems=("Temenos", "Fiserv", "nCino", "Salesforce Financial Services Cloud"),
    ),
    Industry(
        en=("a hospital network", "outpatient clinics", "a regional health system", "home health care"),
        es=("hospitales privados", "una red de clínicas", "salud"),
        company_en=("Health", "Medical Center", "Care Partners", "Clinics"),
        company_es=("Clínica", "Hospital", "Grupo Médico"),
        pains_en=(
            "discharge paperwork is re-keyed into three systems and nurses lose {n} hours a week",
            "patient referrals fall through the cracks; about {n}% never get scheduled",
            "prior authorizations take {n} days and denials doubled this year",
        ),
        pains_es=(
            "las referencias de pacientes se pierden entre clínicas y {n}% nunca se agenda",
            "el personal de enfermería pierde {n} horas por semana capturando datos dos veces",
        ),
        systems=("Epic", "Cerner", "Meditech", "athenahealth"),
    ),
    Industry(
        en=("industrial manufacturing", "auto parts manufacturing", "food processing", "packaging plants"),
        es=("manufactura", "fabricación de autopartes", "una planta de alimentos"),
        company_en=("Fabrication", "Industries", "Components", "Precision Works"),
        company_es=("Manufacturas", "Industrias", "Metalúrgica"),
        pains_en=(
            "unplanned downtime on the line costs them roughly ${k}k a month",
            "quality checks are on paper and a recall last year cost {k} lost accounts",
            "production planning lives in one planner's spreadsheet and overtime is up {n}%",
        ),
        pains_es=(
            "las paradas no planificadas de la línea les cuestan unos {k}0 mil dólares al mes",
            "la planificación de producción vive en una hoja de cálculo y las horas extra subieron {n}%",
        ),
        systems=("SAP S/4HANA", "Oracle NetSuite", "Infor CloudSuite", "Epicor"),
    ),
    Industry(
        en=("a public school district", "higher education", "a state agency", "municipal government"),
        es=("una universidad pública", "gobierno municipal", "educación"),
        company_en=("Unified School District", "State University", "County", "Department of Transit"),
        company_es=("Universidad", "Municipio de", "Secretaría de"),
        pains_en=(
            "enrollment requests are handled by email and {n}% get lost before the term starts",
            "permit applications wait {n} weeks and residents complain to the council",
        ),
        pains_es=(
            "las solicitudes de inscripción llegan por correo y {n}% se pierden",
            "los trámites de permisos tardan {n} semanas y los ciudadanos se quejan",
        ),
        systems=("Workday Student", "Tyler Munis", "Banner", "Ellucian Colleague"),
    ),
    Industry(
        en=("specialty retail", "e-commerce", "grocery retail", "consumer electronics stores"),
        es=("comercio minorista", "tiendas de conveniencia", "comercio electrónico"),
        company_en=("Outfitters", "Market", "Home Goods", "Supply Co"),
        company_es=("Tiendas", "Almacenes", "Comercializadora"),
        pains_en=(
            "store inventory drifts from the ERP and stockouts cost about {n}% of sales",
            "returns are processed by hand and take {n} days to refund",
        ),
        pains_es=(
            "el inventario de tiendas no cuadra con el ERP y los quiebres de stock cuestan {n}% de ventas",
        ),
        systems=("Shopify Plus", "Microsoft Dynamics", "Manhattan Associates", "Lightspeed"),
    ),
    Industry(
        en=("freight and logistics", "third-party logistics", "last-mile delivery", "cold-chain trucking"),
        es=("logística", "transporte de carga", "paquetería"),
        company_en=("Freight", "Logistics", "Haulage", "Carriers"),
        company_es=("Transportes", "Logística", "Fletes"),
        pains_en=(
            "dispatchers track {n} trucks on whiteboards and customers have no ETA visibility",
            "detention fees hit ${k}k last quarter because dock schedules are on paper",
        ),
        pains_es=(
            "no tienen visibilidad de {n} unidades en ruta y los clientes llaman todo el día",
            "las multas por demoras en andén sumaron {k}0 mil pesos el último trimestre",
        ),
        systems=("Oracle TMS", "MercuryGate", "Samsara", "Descartes"),
    ),
    Industry(
        en=("a marketing agency", "a design studio", "a boutique consultancy"),
        es=("una agencia de publicidad", "un despacho de diseño"),
        company_en=("Creative", "Studio", "Collective"),
        company_es=("Estudio", "Agencia"),
        pains_en=("project status reporting takes each account lead {n} hours a week",),
        pains_es=("los reportes de avance le toman {n} horas por semana a cada líder de cuenta",),
        systems=("HubSpot", "Asana", "Monday.com"),
    ),
    Industry(
        en=("online sports betting", "a casino group", "tobacco distribution"),
        es=("apuestas en línea", "casinos"),
        company_en=("Gaming", "Resorts", "Wagers"),
        company_es=("Casinos", "Apuestas"),
        pains_en=("player loyalty data sits in {k} separate systems",),
        pains_es=("los datos de lealtad están en {k} sistemas distintos",),
        systems=("IGT Advantage", "Konami Synkros"),
    ),
]

COMPANY_ROOTS = [
    "Northwind",
    "Bluestem",
    "Cedar Ridge",
    "Ironbridge",
    "Lakeshore",
    "Sunfield",
    "Granite Bay",
    "Westmarch",
    "Silverline",
    "Redfern",
    "Alder",
    "Pinecrest",
    "Tidewater",
    "Marlow",
    "Kestrel",
    "Copperleaf",
    "Fairhaven",
    "Stonegate",
    "Juniper",
    "Ashcombe",
]
COMPANY_ROOTS_ES = [
    "del Valle",
    "Sierra Alta",
    "Los Pinos",
    "Río Claro",
    "Monteverde",
    "La Estrella",
    "Altamira",
    "San Telmo",
    "Bahía Azul",
    "Puerta Norte",
]
CITIES_ES = [
    "Guadalajara",
    "Bogotá",
    "Medellín",
    "Santiago",
    "Lima",
    "Valencia",
    "Sevilla",
    "Puebla",
    "Quito",
]


def _headcount_en(rng: random.Random) -> str:
    n = rng.choice([18, 35, 60, 120, 240, 450, 800, 1200, 2500, 6000, 14000])
    return rng.choice(
        [
            f"~{n:,} employees",
            f"about {n:,} staff",
            f"{n:,} people",
            f"roughly {n:,} FTEs",
            f"a {n}-person company" if n < 1000 else f"{n / 1000:g}k employees",
            f"{max(2, n // 150)} sites, {n:,} employees in total",
        ]
    )


def _headcount_es(rng: random.Random) -> str:
    n = rng.choice([25, 70, 150, 300, 650, 1200, 3400, 9000])
    text = f"{n:,}".replace(",", ".")
    return rng.choice(
        [
            f"unas {text} personas",
            f"{text} empleados",
            f"cerca de {text} colaboradores",
            f"alrededor de {text} trabajadores",
        ]
    )


def _budget_en(rng: random.Random) -> str:
    low = rng.choice([20, 40, 60, 90, 150])
    return rng.choice(
        [
            f"${low}-{low + 20}k",
            f"${low * 2}k approved for next fiscal year",
            "EUR 400k in the FY27 plan",
            f"about {low}k, CFO signed off in principle",
            "no budget yet",
            "no budget line yet, would need to request one",
            f"${low * 3},000 earmarked for automation",
            f"GBP {low}k but final number pending",
            "depends on the board meeting in March",
            f"${rng.choice([5, 8])}k at most",
        ]
    )


def _budget_es(rng: random.Random) -> str:
    return rng.choice(
        [
            "90.000 euros aprobados",
            "unos 250 mil dólares asignados",
            "todavía no hay presupuesto",
            f"{rng.choice([40, 60, 120])}.000 dólares, falta la firma del director",
            "EUR 400k para el próximo año",
            "1,5 millones de pesos aprobados",
            "presupuesto por definir",
        ]
    )


def _timeline_en(rng: random.Random) -> str:
    return rng.choice(
        [
            "end of Q1 2027",
            "wants to sign before the end of the year",
            "next year",
            "within 90 days",
            "go-live by next summer",
            "not before their current contract ends in 2028",
            "this quarter if possible",
            "decision in April, pilot in January",
            "sometime in the second half of 2027",
            "no rush, just exploring",
            "within six weeks, before open enrollment",
        ]
    )


def _timeline_es(rng: random.Random) -> str:
    return rng.choice(
        [
            "en tres meses",
            "antes de fin de año",
            "el próximo año",
            "para el segundo trimestre de 2027",
            "en cuanto se apruebe, idealmente en enero",
            "sin prisa, están evaluando opciones",
        ]
    )


def _asks_en(rng: random.Random, ind: Industry) -> list[str]:
    system = rng.choice(ind.systems)
    pool = [
        f"Asked how we integrate with {system} and whether there is a REST API.",
        "Wants SSO through Okta and SCIM provisioning.",
        "Their security team will send a vendor risk questionnaire; they need the SOC 2 report.",
        "Data has to stay in the EU; asked about EU-only hosting.",
        "They buy through their reseller, a regional systems integrator.",
        "Asked for a two-month pilot at one site with our team's help.",
        "Wants references from similar customers and a case study.",
        "Asked about training packages for about 40 users.",
        f"Needs to migrate {rng.randint(3, 12)} years of historical data from {system}.",
        "Asked about dashboards and reporting for the leadership team.",
        "Mentioned an audit finding; compliance wants every approval logged.",
        "Would renew yearly and asked what the renewal terms look like.",
    ]
    return rng.sample(pool, rng.randint(0, 3))


def _asks_es(rng: random.Random, ind: Industry) -> list[str]:
    system = rng.choice(ind.systems)
    pool = [
        f"Preguntó cómo es la integración con {system}.",
        "Necesitan inicio de sesión único con Azure AD.",
        "Compran a través de su integrador de confianza en " + rng.choice(CITIES_ES) + ".",
        "Quieren un piloto de seis semanas en una sucursal.",
        "Pidieron referencias de clientes similares.",
        "Su equipo de seguridad enviará un cuestionario de seguridad.",
        "Los datos deben quedarse en servidores propios.",
        "Preguntaron por capacitación para los usuarios.",
    ]
    return rng.sample(pool, rng.randint(0, 3))


CONTEXT_EN = [
    "They looked at a competitor last year but the rollout stalled.",
    "Their CFO and the head of IT would both join the next call.",
    "Currently on spreadsheets plus a homegrown Access database.",
    "Next step: send a recap and book a demo for the wider team.",
    "Friendly call, good energy; they had clearly read our pricing page.",
    "Procurement requires three quotes for anything over $50k.",
]
CONTEXT_ES = [
    "El año pasado evaluaron a un competidor pero no avanzó.",
    "Siguiente paso: enviar propuesta y agendar demo con el equipo.",
    "Hoy trabajan con hojas de cálculo y correos.",
    "Compras pide tres cotizaciones para montos grandes.",
]


def _context(lead: Lead, rng: random.Random) -> list[str]:
    """Zero to two lines of colour that qualify nothing, so note lengths vary."""
    return rng.sample(CONTEXT_ES if lead.spanish else CONTEXT_EN, rng.choice([0, 0, 1, 2]))


@dataclass(frozen=True)
class Lead:
    """Everything one note says, in one language."""

    spanish: bool
    first: str
    last: str
    title: str
    company: str
    industry: str
    headcount: str
    pain: str
    budget: str
    timeline: str
    asks: list[str]


def _lead(rng: random.Random) -> Lead:
    spanish = rng.random() < 0.3
    ind = rng.choices(INDUSTRIES, weights=[5, 5, 5, 3, 4, 4, 2, 1])[0]
    tier = rng.choices(["met", "partial", "unfit"], weights=[6, 3, 1])[0]
    fill: dict[str, int] = {"n": rng.randint(3, 25), "k": rng.randint(2, 9)}
    if spanish:
        root = rng.choice(COMPANY_ROOTS_ES)
        return Lead(
            True,
            rng.choice(FIRST_NAMES_ES),
            rng.choice(LAST_NAMES_ES),
            rng.choice(TITLES_ES[tier]),
            f"{rng.choice(ind.company_es)} {root}",
            rng.choice(ind.es),
            _headcount_es(rng),
            rng.choice(ind.pains_es).format(**fill),
            _budget_es(rng),
            _timeline_es(rng),
            _asks_es(rng, ind),
        )
    return Lead(
        False,
        rng.choice(FIRST_NAMES_EN),
        rng.choice(LAST_NAMES_EN),
        rng.choice(TITLES_EN[tier]),
        f"{rng.choice(COMPANY_ROOTS)} {rng.choice(ind.company_en)}",
        rng.choice(ind.en),
        _headcount_en(rng),
        rng.choice(ind.pains_en).format(**fill),
        _budget_en(rng),
        _timeline_en(rng),
        _asks_en(rng, ind),
    )


def _prose(lead: Lead, rng: random.Random) -> str:
    if lead.spanish:
        lines = [
            f"Llamada con {lead.first} {lead.last}, {lead.title} en {lead.company} "
            f"({lead.industry}, {lead.headcount}).",
            f"Nos contó que {lead.pain}.",
            f"Sobre presupuesto: {lead.budget}. En cuanto a tiempos, {lead.timeline}.",
        ]
    else:
        opener = rng.choice(["Spoke with", "Call with", "Intro call w/", "Follow-up with"])
        lines = [
            f"{opener} {lead.first} {lead.last}, {lead.title} at {lead.company} "
            f"({lead.industry}, {lead.headcount}).",
            f"Main problem: {lead.pain}.",
            f"Budget is {lead.budget}; timeline: {lead.timeline}.",
        ]
    lines += lead.asks
    lines += _context(lead, rng)
    joiner = " " if rng.random() < 0.4 else "\n"
    return joiner.join(lines)


def _bullets(lead: Lead, rng: random.Random) -> str:
    mark = rng.choice(["-", "*", "•"])
    if lead.spanish:
        rows = [
            f"Contacto: {lead.first} {lead.last}, {lead.title}, {lead.company}",
            f"Sector: {lead.industry}; tamaño: {lead.headcount}",
            f"Problema: {lead.pain}",
            f"Presupuesto: {lead.budget}",
            f"Plazo: {lead.timeline}",
        ]
        head = f"Notas de descubrimiento — {lead.company}"
    else:
        rows = [
            f"Contact: {lead.first} {lead.last}, {lead.title}, {lead.company}",
            f"Industry: {lead.industry}; size: {lead.headcount}",
            f"Problem: {lead.pain}",
            f"Budget: {lead.budget}",
            f"Timeline: {lead.timeline}",
        ]
        head = f"Discovery notes — {lead.company}"
    rng.shuffle(rows[2:])
    rows += lead.asks + _context(lead, rng)
    return "\n".join([head, *(f"{mark} {row}" for row in rows)])


def _transcript(lead: Lead, rng: random.Random) -> str:
    rep = rng.choice(["SDR", "Rep", "Alex (us)"])
    who = f"{lead.first} {lead.last}"
    if lead.spanish:
        turns = [
            (rep, f"Hola {lead.first}, gracias por tu tiempo."),
            (who, f"Con gusto. Soy {lead.title} en {lead.company}, {lead.industry}, somos {lead.headcount}."),
            (rep, "¿Qué problema quieren resolver?"),
            (who, f"Pues {lead.pain}."),
            (rep, "¿Tienen presupuesto asignado?"),
            (who, f"{lead.budget.capitalize()}."),
            (rep, "¿Y para cuándo lo necesitan?"),
            (who, f"{lead.timeline.capitalize()}."),
        ]
    else:
        turns = [
            (rep, f"Hi {lead.first}, thanks for making the time."),
            (who, f"Sure. I'm {lead.title} at {lead.company}; we're {lead.industry}, {lead.headcount}."),
            (rep, "What prompted the call?"),
            (who, f"Honestly, {lead.pain}."),
            (rep, "Is there budget set aside for this?"),
            (who, f"{lead.budget.capitalize()}."),
            (rep, "And when would you want this in place?"),
            (who, f"{lead.timeline.capitalize()}."),
        ]
    turns += [(who, ask) for ask in lead.asks]
    turns += [(rep, line) for line in _context(lead, rng)[:1]]
    seconds, lines = 0, []
    for speaker, text in turns:
        lines.append(f"[{seconds // 60:02d}:{seconds % 60:02d}] {speaker}: {text}")
        seconds += rng.randint(4, 45)
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[Lead, random.Random], str]] = {
    "prose": _prose,
    "bullets": _bullets,
    "transcript": _transcript,
}


@dataclass(frozen=True)
class NoteCase:
    """One generated note with the date relative dates count from."""

    id: str
    notes: str
    call_date: dt.date
    language: str
    format: str

    def as_batch_line(self) -> dict[str, str]:
        """The `qualify-batch` JSONL row."""
        return {"id": self.id, "notes": self.notes, "call_date": self.call_date.isoformat()}


def generate(n: int, seed: int = DEFAULT_SEED) -> list[NoteCase]:
    """N notes, always the same for the same (n, seed); a prefix of a longer corpus is the shorter one."""
    rng = random.Random(seed)
    start = dt.date(2026, 9, 1)
    cases = []
    for index in range(n):
        lead = _lead(rng)
        form = rng.choices(FORMATS, weights=[4, 4, 3])[0]
        text = RENDERERS[form](lead, rng)
        cases.append(
            NoteCase(
                f"bench-{index:04d}",
                text,
                start + dt.timedelta(days=rng.randint(0, 120)),
                "es" if lead.spanish else "en",
                form,
            )
        )
    return cases


def write_jsonl(path: Path | str, n: int, seed: int = DEFAULT_SEED) -> list[NoteCase]:
    """Write N notes as `qualify-batch` JSONL input and return them."""
    cases = generate(n, seed)
    with Path(path).open("w", encoding="utf-8") as sink:
        for case in cases:
            sink.write(json.dumps(case.as_batch_line(), ensure_ascii=False) + "\n")
    return cases


def dev_overlap(cases: Sequence[NoteCase], dev_yaml: Path) -> list[str]:
    """Lines of the generated notes that also appear verbatim in the development cases' notes."""
    import yaml

    dev = yaml.safe_load(dev_yaml.read_text(encoding="utf-8"))
    dev_lines = {
        line.strip().lower()
        for case in dev["cases"]
        for line in case["notes"].splitlines()
        if len(line.strip()) > 20
    }
    return sorted(
        {
            line.strip()
            for case in cases
            for line in case.notes.splitlines()
            if line.strip().lower() in dev_lines
        }
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Write or show a corpus, and check it shares no line with the development cases."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="Write JSONL here.")
    parser.add_argument("--show", type=int, default=3, help="Print this many notes.")
    args = parser.parse_args(argv)
    cases = write_jsonl(args.out, args.notes, args.seed) if args.out else generate(args.notes, args.seed)
    for case in cases[: args.show]:
        print(f"--- {case.id} ({case.language}, {case.format}, call {case.call_date})\n{case.notes}\n")
    mix: dict[str, int] = {}
    for case in cases:
        mix[f"{case.language}/{case.format}"] = mix.get(f"{case.language}/{case.format}", 0) + 1
    print("mix:", ", ".join(f"{key} {count}" for key, count in sorted(mix.items())))
    print(f"distinct notes: {len({c.notes for c in cases})}/{len(cases)}")
    dev_yaml = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.yaml"
    if dev_yaml.exists():
        shared = dev_overlap(cases, dev_yaml)
        print(f"lines shared with {dev_yaml.name}: {len(shared)}", *shared, sep="\n  " if shared else "")


if __name__ == "__main__":
    main()
