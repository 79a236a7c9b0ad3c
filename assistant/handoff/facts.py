"""The deal's hard facts, read by code: products, price, term, seats, company size, team, region.

Numbers come from the extract/ readers (money, numbers, sizes), never from a model, and each
fact keeps the statement it was read from so the brief can cite it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.domain import Money
from assistant.extract.cues import compile_terms, has, is_negated
from assistant.extract.document import read_notes
from assistant.extract.industry import read_industry
from assistant.extract.language import Language, detect_language
from assistant.extract.numbers import MoneyMention, find_money, parse_number
from assistant.extract.size import read_size
from assistant.handoff import fact_cues
from assistant.handoff.commercial import about_the_deal, discount_of, payment_terms_of
from assistant.handoff.schemas import SourceDocument, SourceRef
from assistant.handoff.statements import Statement
from assistant.knowledge.load import Knowledge
from assistant.knowledge.schemas import Person, PersonRole, ProductLine
from assistant.qualify.recommend import buyer_region
from assistant.text.fold import fold

_SPANISH_NAMES: dict[str, tuple[str, ...]] = {
    "core_platform": ("plataforma (core|principal|base|central)",),
    "analytics": ("anal[ií]tica", "m[oó]dulo de anal[ií]tica"),
    "compliance_security": ("cumplimiento y seguridad", "m[oó]dulo de cumplimiento"),
    "premium_services": (
        "servicios premium",
        "paquete de (despliegue|implementaci[oó]n|capacitaci[oó]n|formaci[oó]n)",
    ),
}
_NUMBER_WORDS = dict(
    zip(("one", "two", "three", "four", "five"), range(1, 6), strict=True),
    **dict(zip(("uno", "dos", "tres", "cuatro", "cinco"), range(1, 6), strict=True)),
    un=1,
)
_SUBCLAUSE = re.compile(r";|,\s+(?:but|and|pero|y)\s+|\bbut\b|\bpero\b")


@dataclass(frozen=True)
class Fact:
    """A value read from the notes, shown as `text`, cited by `ref`."""

    text: str
    ref: SourceRef


@dataclass
class DealFacts:
    """What code could read for certain; `None` or empty means the notes do not say."""

    bought: dict[str, Fact] = field(default_factory=dict)
    deferred: dict[str, Fact] = field(default_factory=dict)
    addon_needs: dict[str, Fact] = field(default_factory=dict)
    price: Fact | None = None
    price_money: Money | None = None
    term: Fact | None = None
    term_months: int | None = None
    seats: Fact | None = None
    seat_count: int | None = None
    discount: Fact | None = None
    payment_terms: Fact | None = None
    employees: Fact | None = None
    employee_count: int | None = None
    industry: Fact | None = None
    industry_key: str | None = None
    contract_dates: list[Fact] = field(default_factory=list)
    team: dict[PersonRole, tuple[Person, Fact]] = field(default_factory=dict)
    csm_needs: dict[str, SourceRef] = field(default_factory=dict)
    expansion: list[Fact] = field(default_factory=list)
    foothold: list[Fact] = field(default_factory=list)
    region: str | None = None
    region_named: bool = False
    language: Language = "en"
    product_statements: set[int] = field(default_factory=set)

    @property
    def contract_refs(self) -> set[SourceRef]:
        """The sentences read as contract dates (signature, start, renewal)."""
        return {fact.ref for fact in self.contract_dates}


def product_pattern(product: ProductLine, short: bool = False) -> re.Pattern[str]:
    """A product's name as people write it: '&' or 'and', with or without 'add-on' (and, with `short`,
    the shortened names reps use in a sentence about the deal: "Platform + Analytics")."""
    name = re.escape(fold(product.name)).replace(r"\&", "(?:&|and|y)").replace(r"\ ", " ")
    name = re.sub(r"\s*add\\-on$", "", name)
    patterns = [name + r"(?: add-?on)?", *_SPANISH_NAMES.get(product.key, ())]
    if product.kind == "services":
        patterns += product.signals
    if short:
        patterns += fact_cues.SHORT_PRODUCT_NAMES.get(product.key, ())
    return compile_terms(tuple(patterns))


def _parts(text: str) -> list[str]:
    """Sub-clauses of a statement ("Core bought, but analytics declined" -> two parts)."""
    return _SUBCLAUSE.split(text)


def read_products(statements: list[Statement], knowledge: Knowledge, facts: DealFacts) -> None:
    """Products bought and deferred (deal notes), and add-on needs the notes point to."""
    for index, statement in enumerate(statements):
        deal = statement.source.kind == "deal_notes"
        terse = about_the_deal(statement)
        buying = deal and (statement.topic == "sold" or has(fact_cues.BOUGHT, statement.quote) or terse)
        for product in knowledge.products.products:
            pattern = product_pattern(product, short=terse)
            for part in _parts(statement.quote):
                match = pattern.search(fold(part))
                if match is None:
                    continue
                fact = Fact(product.name, statement.ref())
                if deal and (has(fact_cues.DEFERRED, part) or is_negated(fold(part), match.start())):
                    facts.deferred.setdefault(product.key, fact)
                    facts.product_statements.add(index)
                elif buying:
                    facts.bought.setdefault(product.key, fact)
                    facts.product_statements.add(index)
        _addon_needs(statement, knowledge, facts)
    for key in facts.bought:
        facts.deferred.pop(key, None)
        facts.addon_needs.pop(key, None)


def _addon_needs(statement: Statement, knowledge: Knowledge, facts: DealFacts) -> None:
    if statement.ours:
        return
    for product in knowledge.products.products:
        if (
            product.kind == "add_on"
            and product.signals
            and has(compile_terms(tuple(product.signals)), statement.quote)
        ):
            facts.addon_needs.setdefault(product.key, Fact(product.name, statement.ref()))


def _price_mention(statement: Statement) -> MoneyMention | None:
    """The contract price: an amount in a sentence about price, or one written with its period ("$60k/yr")."""
    if statement.source.kind != "deal_notes" or has(fact_cues.NOT_PRICE, statement.quote):
        return None
    cued = has(fact_cues.PRICE, statement.quote) or bool(
        statement.label and has(fact_cues.PRICE, statement.label)
    )
    quote = statement.quote
    return next((m for m in find_money(quote) if cued or fact_cues.PERIOD_AFTER.match(quote[m.end :])), None)


def read_price_and_term(statements: list[Statement], facts: DealFacts) -> None:
    """The contract price (with its period, as written) and the term in months."""
    for statement in statements:
        mention = _price_mention(statement) if facts.price is None else None
        if mention is not None:
            period = fact_cues.PERIOD_AFTER.match(statement.quote[mention.end :])
            shown = statement.quote[mention.start : mention.end + (period.end() if period else 0)]
            facts.price = Fact(shown, statement.ref())
            facts.price_money = Money(
                amount=mention.value, currency=mention.currency, amount_max=mention.value_max
            )
        if facts.term is None and statement.source.kind == "deal_notes":
            term = _term(statement.quote, about_the_deal(statement))
            if term is not None:
                facts.term, facts.term_months = Fact(term[0], statement.ref()), term[1]


def _term(text: str, deal: bool = False) -> tuple[str, int] | None:
    """The term as written ("3-year term", "36 meses", "2-yr") and in months; only in a sentence about the
    contract or, in terse notes, beside the price ("$84k ARR, 2-yr")."""
    if not (deal or has(fact_cues.TERM_CUE, text)):
        return None
    folded = fold(text)
    years = fact_cues.TERM_YEARS.search(folded)
    if years:
        token = years.group(1)
        count = int(token) if token.isdigit() else _NUMBER_WORDS[token]
        return (_term_text(text, years), count * 12) if 0 < count <= 10 else None
    months = fact_cues.TERM_MONTHS.search(folded)
    if months and 6 <= int(months.group(1)) <= 120:
        return _term_text(text, months), int(months.group(1))
    return None


def _term_text(text: str, match: re.Match[str]) -> str:
    """The matched span, with the noun after it when it says what the span measures ("3-year term")."""
    noun = fact_cues.TERM_NOUN_AFTER.match(text[match.end() :])
    return text[match.start() : match.end() + (noun.end() if noun else 0)]


def read_seats(statements: list[Statement], facts: DealFacts) -> None:
    """Seats, users or licences bought (deal notes only)."""
    for statement in statements:
        if statement.source.kind != "deal_notes":
            continue
        match = fact_cues.SEATS.search(fold(statement.quote))
        value = parse_number(match.group(1)) if match else None
        if match and value and value >= 1:
            facts.seats = Fact(statement.quote[match.start() : match.end()], statement.ref())
            facts.seat_count = int(value)
            return


def read_commercial(statements: list[Statement], facts: DealFacts) -> None:
    """The discount given and the payment terms, each from the first deal-notes sentence that states it."""
    for statement in statements:
        discount = discount_of(statement) if facts.discount is None else None
        if discount:
            facts.discount = Fact(discount, statement.ref())
        payment = payment_terms_of(statement) if facts.payment_terms is None else None
        if payment:
            facts.payment_terms = Fact(payment, statement.ref())


def read_company(sources: list[SourceDocument], knowledge: Knowledge, facts: DealFacts) -> None:
    """Company size and industry from the notes (a qualification report last), with the sentence that says so."""
    for source in sorted(sources, key=lambda item: item.kind == "qualification"):
        doc = read_notes(source.text)
        size = read_size(doc)
        if facts.employees is None and size.employees and size.evidence:
            facts.employees = Fact(
                f"{size.employees:,} employees", SourceRef(source_id=source.id, quote=size.evidence[0])
            )
            facts.employee_count = size.employees
        industry = read_industry(doc, knowledge.rubric)
        if (
            facts.industry is None
            and industry.industry_key
            and industry.evidence
            and industry.proposed != "missing"
        ):
            label = str(industry.value or industry.industry_key)
            facts.industry = Fact(label, SourceRef(source_id=source.id, quote=industry.evidence[0]))
            facts.industry_key = industry.industry_key


def read_team(statements: list[Statement], knowledge: Knowledge, facts: DealFacts) -> None:
    """Our own people the notes name: the AE who owns the account, a CSM or renewal rep already chosen."""
    for person in knowledge.roster.people:
        if person.role not in ("ae", "csm", "renewal_rep") or person.role in facts.team:
            continue
        name = compile_terms((re.escape(fold(person.name)),))
        for statement in statements:
            if statement.source.kind != "qualification" and has(name, statement.quote):
                facts.team[person.role] = (person, Fact(person.name, statement.ref()))
                break


def read_csm_needs(statements: list[Statement], knowledge: Knowledge, facts: DealFacts) -> None:
    """CSM specialties the deal calls for (pilot, rollout, training...), with the sentence that shows it."""
    for topic in knowledge.signals.topics:
        if topic.role != "csm":
            continue
        pattern = compile_terms(tuple(topic.patterns))
        hit = next((s for s in statements if s.source.kind == "deal_notes" and has(pattern, s.quote)), None)
        if hit is not None:
            facts.csm_needs[topic.key] = hit.ref()


def read_signals(statements: list[Statement], facts: DealFacts) -> None:
    """Contract dates and the expansion signals behind the holdout advice."""
    for statement in statements:
        if statement.source.kind != "deal_notes":
            continue
        if has(fact_cues.CONTRACT_DATE, statement.quote) and re.search(r"\d", statement.quote):
            facts.contract_dates.append(Fact(statement.text, statement.ref()))
        if has(fact_cues.EXPANSION, statement.quote):
            facts.expansion.append(Fact(statement.text, statement.ref()))
        if has(fact_cues.FOOTHOLD, statement.quote):
            facts.foothold.append(Fact(statement.text, statement.ref()))


def read_facts(sources: list[SourceDocument], statements: list[Statement], knowledge: Knowledge) -> DealFacts:
    """Every hard fact the brief, the assignments and the holdout advice rely on."""
    facts = DealFacts()
    read_products(statements, knowledge, facts)
    read_price_and_term(statements, facts)
    read_seats(statements, facts)
    read_commercial(statements, facts)
    read_company(sources, knowledge, facts)
    read_team(statements, knowledge, facts)
    read_csm_needs(statements, knowledge, facts)
    read_signals(statements, facts)
    notes = "\n".join(s.text for s in sources if s.kind != "qualification")
    doc = read_notes(notes)
    facts.language = detect_language(notes) if notes.strip() else "en"
    region = buyer_region(doc, knowledge)
    facts.region_named = region is not None
    facts.region = region or (None if facts.language == "es" else knowledge.roster.default_region or None)
    return facts
