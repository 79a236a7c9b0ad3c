"""Facts files: valid forms are read, bad ones get one plain message per field, naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.knowledge.load import Knowledge
from assistant.renewal.checks import check_against_knowledge
from assistant.renewal.facts import FactsError, load_facts
from tests.renewal_support import HALVORSEN, facts_data, make_facts


def write(tmp_path: Path, data: object, name: str = "renewal.yaml") -> Path:
    path = tmp_path / name
    text = json.dumps(data) if name.endswith(".json") else yaml.safe_dump(data)
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, data: object, name: str = "renewal.yaml") -> str:
    with pytest.raises(FactsError) as caught:
        load_facts(write(tmp_path, data, name))
    return str(caught.value)


def test_demo_account_facts_load(knowledge: Knowledge) -> None:
    facts = load_facts(HALVORSEN)
    check_against_knowledge(facts, knowledge)
    assert facts.account == "Halvorsen Regional Bank"
    assert facts.renewal == facts.contract_end
    assert facts.arr.amount == 172_000 and facts.arr.currency == "USD"
    assert set(facts.products) == {"core_platform", "compliance_security"}


@pytest.mark.parametrize(
    ("arr", "extra", "amount", "currency"),
    [
        ("USD 240k", {}, 240_000, "USD"),
        ("€95.000", {}, 95_000, "EUR"),
        (240000, {"currency": "gbp"}, 240_000, "GBP"),
        ({"amount": 1500, "currency": "usd"}, {}, 1500, "USD"),
    ],
)
def test_arr_as_people_write_it(arr: object, extra: dict[str, object], amount: float, currency: str) -> None:
    facts = make_facts(arr=arr, **extra)
    assert (facts.arr.amount, facts.arr.currency) == (amount, currency)


def test_json_facts_and_the_sev1_alias(tmp_path: Path) -> None:
    facts = load_facts(write(tmp_path, facts_data(support={"sev1": 2, "open": 4}), "facts.json"))
    assert facts.support.critical == 2 and facts.support.open == 4


def test_wrong_types_are_named_in_plain_words(tmp_path: Path) -> None:
    message = problems(
        tmp_path,
        facts_data(
            seats_active="lots",
            usage=[{"name": "API calls", "value": 10, "trend": "sideways"}],
            stakeholders=[{"name": "Tom", "change": "gone"}],
        ),
    )
    assert "renewal.yaml: seats_active: expected a whole number, got 'lots'" in message
    assert (
        "usage item 1 (API calls): trend: expected one of 'up', 'flat' or 'down', got 'sideways'" in message
    )
    assert "stakeholders item 1 (Tom): change: expected one of 'joined', 'left' or 'none'" in message
    assert "pydantic" not in message.lower() and "https://" not in message


def test_missing_dates_say_why_they_matter(tmp_path: Path) -> None:
    message = problems(tmp_path, facts_data(contract_end=None))
    assert message.endswith("/renewal.yaml: contract_end: missing (the renewal timeline counts back from it)")
    assert message.count("\n") == 0, "one problem, one line"


def test_a_date_that_is_not_a_date(tmp_path: Path) -> None:
    message = problems(tmp_path, facts_data(contract_start="last spring"))
    assert "contract_start: expected a date as YYYY-MM-DD, got 'last spring'" in message


def test_end_before_start(tmp_path: Path) -> None:
    message = problems(tmp_path, facts_data(contract_start="2026-06-01", contract_end="2025-06-01"))
    assert "contract_end (2025-06-01) is not after contract_start (2026-06-01)" in message


def test_active_seats_far_above_purchased(tmp_path: Path) -> None:
    message = problems(tmp_path, facts_data(seats_active=900))
    assert "seats_active (900) is more than twice seats_purchased (200): check the numbers" in message


def test_arr_without_a_currency(tmp_path: Path) -> None:
    assert "arr: no currency" in problems(tmp_path, facts_data(arr=100000))


def test_unknown_field_and_malformed_yaml(tmp_path: Path) -> None:
    assert "seat_count: unknown field" in problems(tmp_path, facts_data(seat_count=3))
    path = tmp_path / "broken.yaml"
    path.write_text("contract_start: [2025-01-01\n", encoding="utf-8")
    with pytest.raises(FactsError, match=r"broken\.yaml: malformed YAML at line"):
        load_facts(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match=r"nowhere\.yaml: file not found"):
        load_facts(tmp_path / "nowhere.yaml")


def test_unknown_product_is_caught_against_the_catalog(knowledge: Knowledge) -> None:
    facts = make_facts(products=["core_platform", "analytix"])
    with pytest.raises(FactsError) as caught:
        check_against_knowledge(facts, knowledge)
    message = str(caught.value)
    assert message.startswith("facts.yaml: products: unknown product line 'analytix'")
    assert "analytics" in message, "the message lists the product lines that exist"


def test_unknown_region_and_milestone(knowledge: Knowledge) -> None:
    facts = make_facts(region="MARS", completed_milestones=["kickoff"])
    with pytest.raises(FactsError) as caught:
        check_against_knowledge(facts, knowledge)
    assert caught.value.problems[0].startswith("completed_milestones: unknown milestone 'kickoff'")
    assert caught.value.problems[1].startswith("region: unknown region 'MARS'")
