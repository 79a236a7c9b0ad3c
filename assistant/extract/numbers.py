"""Numbers and money as people write them: "~2k", "1.200 personas", "EUR 400k", "$60-80k".

Text is split into tokens (digits, words, symbols); times, dates and quarters are masked first;
a small grammar then reads approximate markers, currencies, multipliers and ranges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from assistant.extract import numbers_lexicon as lx
from assistant.extract.dates_lexicon import MONTHS
from assistant.extract.numbers_tokens import (
    Tok,
    match_phrase,
    parse_digits,
    phrase_index,
    read_words,
    tokenize,
)
from assistant.text.clause_cache import clause_cache

QuantityKind = Literal["number", "year", "percent", "ordinal"]


SCAN_CACHE_SIZE = 4_096


@dataclass(frozen=True)
class Quantity:
    """A number expression in the text; start/end are offsets, so text[start:end] == self.text."""

    value: float
    value_max: float | None
    approximate: bool
    start: int
    end: int
    text: str
    kind: QuantityKind = "number"


@dataclass(frozen=True)
class MoneyMention(Quantity):
    """An amount with its ISO 4217 currency (None when only a k/M multiplier says money)."""

    currency: str | None = None


class _Val(NamedTuple):
    value: float
    base: float  # the value before its trailing multiplier ("80" in "80k")
    mult: float
    end: int  # index of the token after the value
    kind: QuantityKind
    approx: bool


class _Expr(NamedTuple):
    outer: int  # where an approximate marker or range opener starts
    start: int
    end: int
    value: float
    value_max: float | None
    approximate: bool
    kind: QuantityKind
    currency: str | None
    scaled: bool  # a thousand-or-more multiplier ("k", "mil", "million") was written
    next_tok: int


_APPROX_BEFORE = phrase_index((p, True) for p in lx.APPROX_PREFIXES.split("|"))
_APPROX_AFTER = phrase_index((p, True) for p in lx.APPROX_SUFFIXES.split("|"))
_PERCENT = phrase_index((p, True) for p in lx.PERCENT_WORDS.split("|"))
_CURRENCY_WORDS = phrase_index(lx.CURRENCY_WORDS)


def parse_number(token: str) -> float | None:
    """Read one number as written ("1.200", "2,5", "twenty-five", "1.2M"); None if it is not one."""
    stripped = token.strip()
    exprs, _ = _scan(stripped)
    if len(exprs) != 1 or exprs[0].value_max is not None:
        return None
    expr = exprs[0]
    return expr.value if expr.outer == 0 and expr.end == len(stripped) else None


def _currency_code(tok: Tok) -> str | None:
    if tok.kind != "word":
        return None
    if tok.raw in lx.CURRENCY_CODES:
        return tok.raw
    return tok.norm.upper() if tok.norm in lx.LOWER_CODES else lx.CODE_ALIASES.get(tok.norm)


def _currency_prefix(toks: list[Tok], j: int) -> tuple[str | None, int]:
    """A currency written before the amount: "$", "US$", "R$", "EUR", "Ksh"."""
    if j >= len(toks):
        return None, j
    tok = toks[j]
    if tok.kind == "sym" and tok.raw in lx.CURRENCY_SYMBOLS:
        return lx.CURRENCY_SYMBOLS[tok.raw], j + 1
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if nxt is not None and nxt.raw == "$" and nxt.start == tok.end and tok.norm in lx.DOLLAR_PREFIXES:
        return lx.DOLLAR_PREFIXES[tok.norm], j + 2
    code = _currency_code(tok)
    if code is None:
        return None, j
    dotted = nxt is not None and nxt.raw == "." and nxt.start == tok.end and tok.norm in lx.CODE_ALIASES
    return code, j + (2 if dotted else 1)


def _currency_suffix(toks: list[Tok], j: int) -> tuple[str | None, int]:
    """A currency written after the amount: "€", "USD", "euros", "de dólares", "pesos colombianos"."""
    if j >= len(toks):
        return None, j
    tok = toks[j]
    if (
        tok.kind == "sym"
        and tok.raw in lx.CURRENCY_SYMBOLS
        and (tok.raw != "$" or tok.start == toks[j - 1].end)
    ):
        return lx.CURRENCY_SYMBOLS[tok.raw], j + 1
    k = j + 1 if tok.norm in ("de", "of") else j
    hit = match_phrase(toks, k, _CURRENCY_WORDS)
    if hit is not None:
        return hit
    code = _currency_code(toks[k]) if k < len(toks) else None
    return (code, k + 1) if code else (None, j)


def _glued(toks: list[Tok], j: int) -> bool:
    """Digits glued to a name ("B2B", "S/4", "COVID-19", "#1") are not a quantity."""
    prev = toks[j - 1] if j else None
    if prev is None or prev.end != toks[j].start:
        return False
    if prev.kind == "word":
        return _currency_code(prev) is None
    if prev.raw in ("#", "/", "_", "@"):
        return True
    before = toks[j - 2] if j >= 2 else None
    return (
        prev.raw == "-"
        and before is not None
        and before.kind == "word"
        and before.end == prev.start
        and before.norm not in lx.YEAR_BEFORE
    )


def _scale_run(toks: list[Tok], j: int, mult: float) -> tuple[float, int]:
    """Multiplier words after digits: "250 mil", "1.2 million", "3 mil millones", "2 K"."""
    last = mult
    while j < len(toks) and toks[j].kind == "word":
        tok = toks[j]
        scale = lx.SCALES.get(tok.norm) or lx.MULTIPLYING.get(tok.norm) or lx.SPACED_MULT.get(tok.raw)
        if scale is None or scale <= last:
            break
        mult, last, j = mult * scale, scale, j + 1
    return mult, j


def _digit_value(toks: list[Tok], j: int) -> _Val | None:
    tok = toks[j]
    base = parse_digits(tok.digits)
    if base is None or _glued(toks, j):
        return None
    if tok.suffix in lx.ORDINAL_SUFFIXES and tok.digits.isdigit():
        return _Val(base, base, 1.0, j + 1, "ordinal", False)
    mult = lx.LETTER_MULT.get(tok.suffix) or lx.SCALES.get(tok.suffix) or 1.0
    if tok.suffix and mult == 1.0 and tok.suffix != "ish" and tok.suffix not in lx.UNIT_SUFFIXES:
        return None
    mult, end = _scale_run(toks, j + 1, mult)
    return _Val(base * mult, base, mult, end, "number", tok.suffix == "ish")


def _word_value(toks: list[Tok], j: int) -> _Val | None:
    read = read_words(toks, j)
    if read is None:
        return None
    value, mult, end = read
    return _Val(value, value / mult, mult, end, "number", False)


def _value(toks: list[Tok], j: int) -> _Val | None:
    if j >= len(toks):
        return None
    kind = toks[j].kind
    val = _digit_value(toks, j) if kind == "num" else _word_value(toks, j) if kind == "word" else None
    if val is None or val.kind == "ordinal":
        return val
    hit = match_phrase(toks, val.end, _PERCENT)
    return val._replace(end=hit[1], kind="percent") if hit else val


def _range_end(toks: list[Tok], low: _Val, closers: frozenset[str]) -> tuple[float, _Val, str | None] | None:
    """Low value, high end and currency of "5-6", "60-80k", "$60k-$80k", "between 50 and 80"."""
    j = low.end
    if j >= len(toks) or toks[j].kind in ("skip", "num") or toks[j].norm not in closers:
        return None
    currency, k = _currency_prefix(toks, j + 1)
    high = _value(toks, k)
    if high is None or high.kind == "ordinal":
        return None
    shared = low.mult == 1 and high.mult > 1 and low.base <= high.base  # "60-80k"
    low_value = low.base * high.mult if shared else low.value
    return (low_value, high, currency) if low_value < high.value else None


def _approx_after(toks: list[Tok], j: int) -> int:
    hit = match_phrase(toks, j, _APPROX_AFTER)
    if hit is None or (toks[j].raw == "+" and toks[j].start != toks[j - 1].end):
        return j
    return hit[1]


def _parse_at(toks: list[Tok], i: int) -> _Expr | None:
    """One number expression starting at token i, or None."""
    approx_hit = match_phrase(toks, i, _APPROX_BEFORE)
    j = approx_hit[1] if approx_hit else i
    opener = j < len(toks) and toks[j].kind == "word" and toks[j].norm in lx.RANGE_OPENERS
    closers = lx.RANGE_OPENERS[toks[j].norm] if opener else lx.RANGE_CONNECTORS
    j += 1 if opener else 0
    currency, k = _currency_prefix(toks, j)
    low = _value(toks, k)
    if low is None or low.kind == "ordinal":
        return None if low is None or opener else _ordinal(toks, i, k, low)
    ranged = _range_end(toks, low, closers)
    if opener and ranged is None:
        return None
    low_value, last, range_currency = ranged if ranged else (low.value, low, None)
    end = _approx_after(toks, last.end)
    suffix_currency, after_currency = _currency_suffix(toks, end)
    after = _approx_after(toks, after_currency)
    currency = currency or range_currency or suffix_currency
    approx = bool(approx_hit) or low.approx or last.approx or end > last.end or after > after_currency
    kind: QuantityKind = "percent" if "percent" in (low.kind, last.kind) else "number"
    if kind == "number" and ranged is None and currency is None and _is_year(toks, k, low):
        kind = "year"
    high = last.value if ranged else None
    start, stop = toks[j].start, toks[after - 1].end
    return _Expr(toks[i].start, start, stop, low_value, high, approx, kind, currency, last.mult >= 1e3, after)


def _ordinal(toks: list[Tok], i: int, k: int, val: _Val) -> _Expr:
    tok = toks[k]
    return _Expr(toks[i].start, tok.start, tok.end, val.value, None, False, "ordinal", None, False, k + 1)


def _is_year(toks: list[Tok], k: int, val: _Val) -> bool:
    """ "2027" after "in", a month, "mid-", "end of": a year, not a count."""
    tok = toks[k]
    if not (tok.digits.isdigit() and len(tok.digits) == 4 and val.mult == 1 and 1900 <= val.value < 2100):
        return False
    j = k - 1
    while j >= 0 and toks[j].kind == "sym" and toks[j].raw in ",-'’(":
        j -= 1
    prev = toks[j] if j >= 0 else None
    if prev is not None and (prev.kind == "skip" or prev.norm in MONTHS or prev.norm in lx.YEAR_BEFORE):
        return True
    if prev is not None and prev.norm in ("of", "de") and j > 0:
        before = toks[j - 1]
        if before.kind == "skip" or before.norm in MONTHS or before.norm in lx.PERIOD_BEFORE_OF:
            return True
    return val.end < len(toks) and toks[val.end].norm in lx.YEAR_AFTER


@clause_cache(maxsize=SCAN_CACHE_SIZE)
def _scan(text: str) -> tuple[tuple[_Expr, ...], tuple[Tok, ...]]:
    """Number expressions and tokens of a text. Cached (`clause_cache`): several readers (size,
    budget, timeline, the document reader) ask about the same clause, scanned 17 times a note."""
    toks = tokenize(text)
    found: list[_Expr] = []
    i = 0
    while i < len(toks):
        expr = _parse_at(toks, i) if toks[i].kind != "skip" else None
        if expr is None:
            i += 1
            continue
        found.append(expr)
        i = expr.next_tok
    return tuple(found), tuple(toks)


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in order, ranges and multipliers resolved, kinds marked."""
    exprs, _ = _scan(text)
    return [
        Quantity(e.value, e.value_max, e.approximate, e.start, e.end, text[e.start : e.end], e.kind)
        for e in exprs
    ]


def _counts_things(toks: Sequence[Tok], j: int) -> bool:
    return any(tok.norm in lx.COUNT_NOUNS for tok in toks[j : j + 2])


def find_money(text: str) -> list[MoneyMention]:
    """Amounts with a currency, or with a thousand-or-more multiplier and no count noun after."""
    exprs, toks = _scan(text)
    return [
        MoneyMention(
            e.value, e.value_max, e.approximate, e.start, e.end, text[e.start : e.end], e.kind, e.currency
        )
        for e in exprs
        if e.kind == "number" and (e.currency or (e.scaled and not _counts_things(toks, e.next_tok)))
    ]
