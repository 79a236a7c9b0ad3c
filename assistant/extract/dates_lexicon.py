"""Month, season, quarter and relation words (EN/ES) and the patterns the timeframe reader uses.

Patterns run over accent-folded lower-case text (text.fold keeps offsets).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, TypeVar

Relation = Literal["in", "by", "after", "until"]
Modifier = Literal["early", "mid", "late", "end"]

_MONTH_NAMES = [
    "january jan enero ene",
    "february feb febrero",
    "march mar marzo",
    "april apr abril abr",
    "may mayo",
    "june jun junio",
    "july jul julio",
    "august aug agosto ago",
    "september sep sept septiembre setiembre",
    "october oct octubre",
    "november nov noviembre",
    "december dec diciembre dic",
]
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()
}
# Month words that are also common words: "Jan" (a name), "mar" (sea), "ago" (three weeks ago)
# need a relation, a modifier, a day or a year; "may" and "march" may also stand capitalised.
AMBIGUOUS_STRICT = frozenset({"jan", "mar", "ago"})
AMBIGUOUS_CAPS = frozenset({"may", "march"})
ABBREVIATIONS = frozenset(
    [
        "jan",
        "ene",
        "feb",
        "mar",
        "apr",
        "abr",
        "jun",
        "jul",
        "aug",
        "ago",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "dic",
    ]
)
# For the number reader's masks, over the original text: ambiguous words only capitalised.
MONTH_MASK = "(?i:{})|May|March|Mar|Jan|Ago".format(
    "|".join(sorted(set(MONTHS) - AMBIGUOUS_STRICT - AMBIGUOUS_CAPS, key=len, reverse=True))
)

# Astronomical seasons, northern hemisphere: (start month, day), (end month, day).
SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "spring": ((3, 20), (6, 20)),
    "primavera": ((3, 20), (6, 20)),
    "summer": ((6, 21), (9, 22)),
    "verano": ((6, 21), (9, 22)),
    "fall": ((9, 23), (12, 20)),
    "autumn": ((9, 23), (12, 20)),
    "otono": ((9, 23), (12, 20)),
    "winter": ((12, 21), (3, 19)),
    "invierno": ((12, 21), (3, 19)),
}
QUARTER_WORDS = {
    "first": 1,
    "1st": 1,
    "primer": 1,
    "primero": 1,
    "1er": 1,
    "1o": 1,
    "second": 2,
    "2nd": 2,
    "segundo": 2,
    "2do": 2,
    "2o": 2,
    "third": 3,
    "3rd": 3,
    "tercer": 3,
    "tercero": 3,
    "3er": 3,
    "3o": 3,
    "fourth": 4,
    "4th": 4,
    "cuarto": 4,
    "4to": 4,
    "4o": 4,
}
# A bare season followed by these is a kind of thing, not a time ("summer intern").
SEASON_NOUNS = frozenset(
    [
        "intern",
        "interns",
        "internship",
        "school",
        "camp",
        "job",
        "jobs",
        "sale",
        "sales",
        "collection",
        "break",
        "olympics",
    ]
)
NEXT_WORDS = frozenset({"next", "coming", "following", "proximo", "proxima", "siguiente", "entrante"})
NEXT_WORDS |= {"el proximo", "la proxima", "que viene"}

V = TypeVar("V")


def _phrases(spec: dict[V, str]) -> dict[str, V]:
    """Invert {value: "phrase|phrase|..."} into {phrase: value}."""
    return {phrase: value for value, phrases in spec.items() for phrase in phrases.split("|")}


_BY = (
    "no later than|not later than|antes de|antes del|a mas tardar en|a mas tardar para|prior to|"
    "ahead of|before|by|para|para el|para la|deadline|deadline is|due|due by|fecha limite"
)
_AFTER = (
    "no earlier than|not earlier than|not before|not until|no antes de|no antes del|despues de|"
    "despues del|a partir de|a partir del|after|once|starting|starting in|from|desde"
)
RELATIONS: dict[str, Relation] = _phrases(
    {
        "by": _BY,
        "after": _AFTER,
        "until": "until|till|through|thru|hasta|hasta el|hasta la",
        "in": "in|during|en|en el|en la|durante|durante el|durante la|around|sometime in",
    }
)
MODIFIERS: dict[str, Modifier] = _phrases(
    {
        "early": (
            "early|earlier in|beginning of|start of|principios de|principios del|inicios de|"
            "inicios del|comienzos de|comienzos del|principio de|principio del|inicio de|"
            "inicio del|comienzo de|comienzo del"
        ),
        "mid": "mid|middle of|mediados de|mediados del|mitad de|mitad del",
        "late": "late|later in|finales de|finales del|fines de|fines del",
        "end": "end of|close of|fin de|fin del|final de|final del|cierre de|cierre del",
    }
)


def _alt(words: Iterable[str], longest_first: bool = True) -> str:
    """A regex alternation of literal phrases; longest first unless the rest of the pattern decides."""
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=longest_first))


# Shortest first: "para el próximo año" keeps "el próximo año" whole; "en el segundo semestre" backtracks.
REL = rf"(?:(?P<rel>{_alt(RELATIONS, longest_first=False)})\s*:?\s+)?"
LEAD = r"(?:(?P<lead>the|el|la|los|las|a|al)\s+)??"
MOD = rf"(?:(?P<mod>{_alt(MODIFIERS)})(?:\s+|-)(?:(?:the|el|la|este|esta)\s+(?=\w))??)?"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
YEARQ = (
    r"(?:[^\S\n]*,?[^\S\n]*(?:of\s+|in\s+|de\s+|del\s+)?(?:(?:the|el)\s+)?"
    r"(?:(?P<y4>(?:19|20)\d{2})(?!\d)|'(?P<y2>\d{2})(?!\d)|fy\s?'?(?P<yf>\d{4}|\d{2})(?!\d)"
    r"|(?P<yn>next[\s-]year|following year|ano que viene|ano proximo|ano siguiente|ano entrante"
    r"|proximo ano|siguiente ano)|(?P<yt>this year|current year|este ano|ano en curso)"
    r"|(?P<yb>year|ano)(?!\w)))?"
)
_MON = rf"(?:(?P<mon>{_alt(set(MONTHS) - ABBREVIATIONS)})(?!\w)|(?P<abbr>{_alt(ABBREVIATIONS)})(?!\w)\.?)"
_Q = rf"(?:{_alt(QUARTER_WORDS)})"
_NEXT = (
    r"(?:the\s+|el\s+|la\s+)?(?P<nx>this|current|next|coming|following|este|esta|proximo|proxima|siguiente)"
)
CORES: dict[str, str] = {
    "iso": r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?![\d-])",
    "month_day": rf"{_MON}\s+(?P<day>{DAY})(?:st|nd|rd|th)?(?![\d:.,/]\d){YEARQ}",
    "day_month": rf"(?<![\d:.,/])(?P<day>{DAY})(?:st|nd|rd|th|o)?\s+(?:of\s+|de\s+)?{_MON}{YEARQ}",
    "month": rf"{_MON}{YEARQ}",
    "quarter": (
        rf"(?:q(?P<q>[1-4])|(?P<qt>[1-4])t|(?P<qw>{_Q})\s+(?:fiscal\s+)?(?:quarter|trimestre)(?:\s+fiscal)?"
        rf"|{_NEXT}\s+(?:fiscal\s+)?(?:quarter|trimestre)"
        r"|(?:el\s+)?trimestre\s+(?P<nx2>que viene|proximo|siguiente|entrante|actual|en curso)"
        rf"|(?P<bare>quarter|trimestre|eoq))(?!\w){YEARQ}"
    ),
    "half": (
        r"(?:h(?P<h>[12])|(?P<hw>first|second|1st|2nd|primer|primera|segundo|segunda)\s+"
        rf"(?:half|semestre|mitad)|{_NEXT}\s+(?:half|semestre)|(?P<bare>half|semestre))(?!\w){YEARQ}"
    ),
    "year": (
        r"(?:fy\s?'?(?P<fy>\d{4}|\d{2})(?!\d)|(?<![\d$€£.,:/])(?P<yr>(?:19|20)\d{2})(?![\d%]|[.,/-]\d)"
        r"|(?:(?:the|el)\s+)?(?P<yn>next|coming|following|proximo|siguiente)[\s-]+"
        r"(?:fiscal\s+|calendar\s+)?(?:year|ano)(?:\s+fiscal)?"
        r"|(?:el\s+)?ano\s+(?:fiscal\s+)?(?P<yn2>que viene|proximo|siguiente|entrante)"
        r"|(?P<yt>this|current|este)\s+(?:fiscal\s+|calendar\s+)?(?:year|ano)(?:\s+fiscal)?"
        r"|(?P<ye>eoy|eofy|fye|end-of-year|(?:fiscal\s+)?year[\s-]?end)"
        r"|(?P<bare>(?:fiscal\s+|calendar\s+)?year|fy|ano(?:\s+fiscal)?))(?!\w)"
    ),
    "season": (
        r"(?:(?P<sq>this|next|coming|este|esta|el proximo|la proxima|proximo|proxima)\s+)?"
        rf"(?P<season>{_alt(SEASONS)})(?:\s+(?P<sq2>que viene|proximo|proxima|siguiente|entrante))?(?!\w){YEARQ}"
    ),
    "near": (
        rf"(?:{_NEXT}\s+(?P<unit>month|week|mes|semana)"
        r"|(?:el\s+|la\s+)?(?P<unit2>mes|semana)\s+(?P<nx2>que viene|proximo|proxima|siguiente|entrante)"
        r"|(?P<bare>month|week|mes|semana|eom))"
    ),
}
PATTERNS = {name: re.compile(rf"\b{REL}{LEAD}(?P<body>{MOD}{core})(?![\w])") for name, core in CORES.items()}

UNITS = r"business days|days?|weeks?|months?|years?|quarters?|dias|semanas?|meses|mes|anos?|trimestres?"
_WINDOW = (
    "within|within the next|in the next|over the next|in the coming|the next|next|"
    "dentro de los proximos|dentro de las proximas|en los proximos|en las proximas|los proximos|"
    "las proximas|proximos|proximas|en un plazo de|no later than"
)
# Words before a span that make it a timeframe ("in 3 months"): the relation, and whether the span
# is a window from the call date ("within 90 days") rather than a point after it ("in 90 days").
DURATION_LEADS: dict[str, tuple[Relation, bool]] = _phrases(
    {
        ("by", True): _WINDOW,
        ("in", False): "in|en|dentro de|de aqui a|for|por",
        ("after", False): "after|despues de|not before|no antes de|no earlier than",
    }
)
DURATION_LEAD = re.compile(
    rf"(?:^|(?<=[^\w]))(?P<lead>{_alt(DURATION_LEADS)})\s+"
    r"(?:(?:about|around|roughly|approximately|maybe|like|unos|unas|aproximadamente|cerca de)\s+)?$"
)
DURATION_LABEL = re.compile(
    r"(?:timeline|timeframe|time frame|horizon|horizonte|plazo)(?:\s+(?:is|of|de|es))?\s*:?\s*$"
)
DURATION_UNIT = re.compile(
    rf"(?P<sep>\s*-\s*|\s+)(?:more\s+|mas\s+)?(?P<unit>{UNITS})(?!\w)"
    r"(?P<tail>\s+(?:out|from now|from today|away|de ahora|desde ahora|desde hoy|a partir de hoy))?"
)
VAGUE_COUNTS = {
    "a couple of": (2.0, 2.0),
    "couple of": (2.0, 2.0),
    "a couple": (2.0, 2.0),
    "un par de": (2.0, 2.0),
    "a few": (2.0, 4.0),
    "few": (2.0, 4.0),
    "unos pocos": (2.0, 4.0),
    "unas pocas": (2.0, 4.0),
    "unos cuantos": (2.0, 4.0),
    "unas cuantas": (2.0, 4.0),
    "unos": (2.0, 4.0),
    "unas": (2.0, 4.0),
    "algunos": (2.0, 4.0),
    "algunas": (2.0, 4.0),
    "several": (3.0, 5.0),
    "varios": (3.0, 5.0),
    "varias": (3.0, 5.0),
    "half a": (0.5, 0.5),
    "medio": (0.5, 0.5),
    "media": (0.5, 0.5),
    "a": (1.0, 1.0),
    "an": (1.0, 1.0),
    "un": (1.0, 1.0),
    "una": (1.0, 1.0),
}
VAGUE_DURATION = re.compile(
    rf"\b(?:(?P<lead>{_alt(DURATION_LEADS)})\s+)?(?P<count>{_alt(VAGUE_COUNTS)})\s+"
    rf"(?:more\s+|mas\s+)?(?P<unit>{UNITS})(?!\w)"
    r"(?P<tail>\s+(?:out|from now|from today|away|de ahora|desde ahora|desde hoy|a partir de hoy))?"
)
SOON = re.compile(
    r"\b(?:asap|a\.s\.a\.p\b\.?|immediately|right away|urgent|urgently|cuanto antes|lo antes posible"
    r"|lo mas pronto posible|de inmediato|inmediatamente|urgente|ya mismo)(?!\w)"
)
NEGATED = re.compile(r"\b(?:not|no|nothing|never|isn't|isnt|nada|sin|nunca)\b[\w\s']{0,12}$")
