"""Cues (English and Spanish) that pick deal facts (products, price, term, seats, dates) out of a sentence.

Patterns are matched on accent-folded, lower-cased text as whole words (see extract.cues), except
those compiled with re.IGNORECASE, which run on the original text.
"""

from __future__ import annotations

import re

from assistant.extract.cues import terms

CONTRACT_DATE = terms(
    "signed",
    "closed(-won)?",
    "closed won",
    "clos(e|ed|ing) date",
    "contract (start|starts|end|ends)",
    "start date",
    "starts? on",
    "renewal (date|on|due)",
    "renews?",
    "expires?",
    "end date",
    "firmad[oa]",
    "firmo",
    "firmamos",
    "cierre",
    "cerramos",
    "cerrad[oa]",
    "inicio",
    "arranca",
    "renovacion",
    "vence",
    "vencimiento",
)
BOUGHT = terms(
    "products?",
    "bought",
    "purchased",
    "buys",
    "signed (for|up for)",
    "selected",
    "chose",
    "licen[cs]ed",
    "subscription",
    "compraron",
    "contrataron",
    "adquirieron",
    "productos?",
    "licencias",
    "suscripcion",
)
DEFERRED = terms(
    "declined",
    "deferred",
    "not (now|yet|included|bought|purchased|in scope|this year)",
    "later",
    "next year",
    "year (two|2)",
    "phase (two|2)",
    "revisit",
    "postponed",
    "pushed (to|out)",
    "out of scope",
    "passed on",
    "dropped",
    "rechaza(ron|do)",
    "mas adelante",
    "el proximo ano",
    "por ahora no",
    "pospuesto",
    "no (lo )?compraron",
    "no incluid[oa]",
    "descartad[oa]",
    "fuera de alcance",
    "segunda fase",
    "ano dos",
)
PRICE = terms(
    "price",
    "pricing",
    "priced",
    "acv",
    "arr",
    "tcv",
    "contract value",
    "per (year|month|annum)",
    "a year",
    "annual(ly)?",
    "yearly",
    "subscription",
    "fee",
    "total",
    "precio",
    "al ano",
    "por ano",
    "anual(es)?",
    "mensual(es)?",
    "valor del contrato",
    "cuota",
)
NOT_PRICE = terms("budget", "presupuesto", "lost", "cost (them|us)", "penalt(y|ies)", "pierden", "perdieron")
PERIOD_AFTER = re.compile(
    r"^\s*(?:/\s*(?:yr|year|mo|month)|per (?:year|month|annum)|a (?:year|month)|annually|yearly|monthly|"
    r"(?:ARR|ACV|TCV)\b|"
    r"al (?:año|mes)|por (?:año|mes)|anuales?|mensuales?)",
    re.IGNORECASE,
)
TERM_CUE = terms(
    "term",
    "contract",
    "agreement",
    "subscription",
    "deal",
    "commitment",
    "plazo",
    "contrato",
    "acuerdo",
    "suscripcion",
)
TERM_YEARS = re.compile(
    r"(?<!\w)(\d{1,2}|one|two|three|four|five|uno|un|dos|tres|cuatro|cinco)[- ](?:year|yr|ano)s?(?!\w)"
)
TERM_NOUN_AFTER = re.compile(r"\s+(?:term|contract|agreement|subscription|deal|commitment)\b", re.IGNORECASE)
TERM_MONTHS = re.compile(r"(?<!\w)(\d{1,2})[- ](?:month|mo|mes)(?:es|s)?(?!\w)")
SEATS = re.compile(
    r"(?<![\w.,])(\d[\d.,]*)\s+(?:named |active |paid |user |end[- ]user )?"
    r"(?:seats|users|licen[cs]es|usuarios|licencias|puestos)(?!\w)"
)
EXPANSION = terms(
    "expand(s|ed|ing)?",
    "expansion",
    "upsell",
    "cross-sell",
    "land and expand",
    "next phase",
    "phase (2|two)",
    "second phase",
    "year two",
    "next year",
    "rest of the (bank|company|organi[sz]ation|group|business)",
    "other (branches|divisions|departments|business units|subsidiaries|regions|teams|sites|plants|properties|hotels|stores|countries)",
    "not in scope yet",
    "wider rollout",
    "(enterprise|company)-wide",
    "ampliar",
    "ampliacion",
    "expansion",
    "segunda fase",
    "resto de la (empresa|organizacion|compania)",
    "otras (areas|divisiones|filiales|sucursales|plantas|propiedades|sedes|tiendas|unidades|regiones)",
    "otros (hoteles|equipos|departamentos|paises|sitios)",
    "ampl[ií](a|an|e|en|ar|aran)",
    "a toda la (empresa|organizacion)",
)
FOOTHOLD = terms(
    "first (division|department|business unit|region|subsidiary|plant)",
    "single (department|division|team|plant)",
    "one (department|division|business unit|plant)",
    "pilot (division|department|business unit)",
    "only (the )?[a-z]+( [a-z]+)? (team|department|division|unit|plant)",
    "not in scope yet",
    "out of scope for now",
    "quedan? fuera( por ahora)?",
    "fuera (del alcance )?por ahora",
    "primera (division|area|filial|planta)",
    "solo (el|la) [a-z]+( [a-z]+)? (area|departamento|division|planta|equipo)",
)
COMMERCIAL = terms(
    "[0-9]+(\\.[0-9]+)? ?% off",
    "[0-9]+(\\.[0-9]+)? percent off",
    "discount(ed|s)?",
    "gave (them )?[a-z0-9 %$]{1,20} off",
    "payment terms?",
    "net ?(15|30|45|60|90)",
    "invoiced (annually|quarterly|monthly|upfront|in advance|yearly)",
    "billed (annually|quarterly|monthly|upfront|in advance|yearly)",
    "paid (annually|quarterly|monthly|upfront|in advance)",
    "prepa(id|y)",
    "upfront",
    "price (lock|locked|protection|cap|hold)",
    "(uplift|increase)s? (cap|capped)",
    "descuento",
    "[0-9]+ ?% de descuento",
    "condiciones de pago",
    "pago (anual|trimestral|mensual|por adelantado)",
    "factura(do|cion) (anual|trimestral|mensual)",
)
"""Commercial terms (discounts, payment terms, price protection): part of the deal, never a success metric."""
ROADMAP = terms(
    "(on|in) (our|the) (product )?roadmap",
    "roadmap (item|ask|request|feature)s?",
    "not (yet )?committed",
    "no commitment",
    "uncommitted",
    "feature requests?",
    "future release",
    "(en|dentro de) (nuestro|el) roadmap",
    "(en|dentro de) (nuestra|la) hoja de ruta",
    "sin compromiso",
    "no comprometid[oa]",
)
"""A roadmap ask: something the customer wants that we have not committed to (a risk, not a promise)."""
DISCOUNT = re.compile(
    r"(?<![\w.])(\d{1,2}(?:\.\d)?\s?%)\s*(?:off|discount|de descuento)\b"
    r"|\bdiscount(?:ed)? (?:of |by )?(\d{1,2}(?:\.\d)?\s?%)"
    r"|\bdescuento (?:del? )?(\d{1,2}(?:\.\d)?\s?%)",
    re.IGNORECASE,
)
PROMISE = terms(
    "promised",
    "promise",
    "committed to",
    "agreed to",
    "we will",
    "we'll",
    "will (give|get|honou?r|extend|apply)",
    "prometimos",
    "nos comprometimos",
    "acordamos",
    "vamos a",
)
"""A commercial term still to be delivered ("promised a 15% discount if they expand") is a commitment."""
CONDITIONAL = terms("if", "when", "should they", "provided", "si", "cuando", "siempre que")
PAYMENT = re.compile(
    r"\b(?:net ?(?:15|30|45|60|90)|(?:invoiced|billed|paid) (?:annually|quarterly|monthly|yearly|upfront|"
    r"in advance)|prepaid(?: annually)?|(?:annual|quarterly|monthly) (?:invoicing|billing)|"
    r"pago (?:anual|trimestral|mensual|por adelantado)|facturaci[oó]n (?:anual|trimestral|mensual))\b",
    re.IGNORECASE,
)
SHORT_PRODUCT_NAMES: dict[str, tuple[str, ...]] = {
    "core_platform": ("platform", "plataforma"),
}
"""Names reps shorten a product to ("Platform + Analytics"), read only in a sentence about the deal."""
