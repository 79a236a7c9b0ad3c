"""Next questions: costliest gap first, only gaps, only what fits the prospect, in the notes' language,
never what the notes answer, links taken out, and asked again after an override."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from assistant.domain import CRITERIA, CriterionName, Status
from assistant.knowledge.load import Knowledge
from assistant.qualify.overrides import apply_overrides
from assistant.qualify.questions import Asking, choose_questions, clean_question, fits, ranked_gaps
from assistant.qualify.schemas import Override, QualificationReport
from assistant.runtime import Assistant
from assistant.settings import PROJECT_ROOT, Settings

CALL = dt.date(2026, 11, 10)
EVAL_DIR = PROJECT_ROOT.parent / "shared" / "eval"
HALVORSEN = (PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt").read_text(encoding="utf-8")
HOTEL = (
    "Call with Hannah Lowe, GM at Seabright Hotels, a hotel chain (8 hotels, ~650 staff).\n"
    "They lose corporate bookings because rates are updated by hand.\n"
)
SPANISH = (
    "Llamada con Andrés Mejía, analista de compras en Textiles del Valle (fábrica textil).\n"
    "Problema: los pedidos se pierden entre dos sistemas.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding="hashing"))


def statuses(**given: Status) -> dict[CriterionName, Status]:
    return {name: given.get(name, "met") for name in CRITERIA}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, []),
        (
            {name: "missing" for name in CRITERIA},
            ["problem", "title", "size", "budget", "timeline", "industry"],
        ),
        (
            {"problem": "partial", "budget": "missing", "industry": "missing"},
            ["budget", "problem", "industry"],
        ),
        ({"title": "partial", "industry": "missing"}, ["title", "industry"]),
        ({"size": "unfit", "timeline": "partial"}, ["timeline"]),
    ],
    ids=[
        "no gaps",
        "all missing",
        "missing beats a lighter partial",
        "a tie keeps rubric order",
        "unfit is no gap",
    ],
)
def test_gaps_rank_by_weight_times_distance_from_met(
    knowledge: Knowledge, given: dict[CriterionName, Status], expected: list[CriterionName]
) -> None:
    assert ranked_gaps(statuses(**given), knowledge.rubric) == expected


def eval_cases() -> list[dict[str, Any]]:
    """Every labelled case, when the shared evaluation folder is there."""
    cases: list[dict[str, Any]] = []
    for name in ("dev.yaml", "dev-formats.yaml"):
        path = EVAL_DIR / name
        if path.exists():
            cases += yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return cases


CASES = eval_cases()


@pytest.mark.skipif(not CASES, reason="no shared evaluation cases here")
def test_every_question_asks_about_a_gap_in_every_labelled_case(assistant: Assistant) -> None:
    bank = assistant.knowledge.questions
    for case in CASES:
        report = assistant.qualify(case["notes"], case["call_date"])
        for question in report.next_questions:
            criterion = bank.criterion_of(question)
            assert criterion in report.gaps, (case["id"], question, criterion, report.gaps)
            status = report.criteria[criterion].status
            assert status in ("missing", "partial"), (case["id"], question, status)


def test_the_costliest_gap_is_asked_first(assistant: Assistant) -> None:
    report = assistant.qualify("Voicemail from someone at Harbor, no name. Call back.", CALL)
    bank = assistant.knowledge.questions
    asked = [bank.criterion_of(q) for q in report.next_questions]
    assert asked[:2] == ["problem", "problem"] and asked[2:4] == ["title", "title"]


def test_a_hotel_chain_is_not_asked_about_regulators(assistant: Assistant) -> None:
    report = assistant.qualify(HOTEL, CALL)
    assert "industry" in report.gaps
    assert report.next_questions
    assert not any("regulat" in q.lower() or "examin" in q.lower() for q in report.next_questions)


def test_spanish_notes_get_spanish_questions(assistant: Assistant) -> None:
    report = assistant.qualify(SPANISH, CALL)
    assert report.metadata is not None and report.metadata.language == "es"
    assert report.next_questions and all(q.startswith("¿") for q in report.next_questions)
    spanish = {e.text for lang, _n, e in assistant.knowledge.questions.entries() if lang == "es"}
    assert set(report.next_questions) <= spanish


@pytest.mark.parametrize(
    ("question", "criterion", "industry", "known", "asked"),
    [
        (
            "Which regulators, auditors or industry standards govern the processes we are discussing?",
            "industry",
            "hospitality",
            set(),
            False,
        ),
        (
            "Which regulators, auditors or industry standards govern the processes we are discussing?",
            "industry",
            "healthcare",
            set(),
            True,
        ),
        ("Which regulators review your lending?", "industry", "hospitality", set(), False),
        (
            "Roughly how many employees does the company have across all locations?",
            "size",
            None,
            {"size"},
            False,
        ),
        ("Roughly how many employees does the company have across all locations?", "size", None, set(), True),
        (
            "How many plants or sites would use the platform, and would one site go first?",
            "size",
            "manufacturing",
            set(),
            True,
        ),
        (
            "How many plants or sites would use the platform, and would one site go first?",
            "size",
            "healthcare",
            set(),
            False,
        ),
        ("Is there a budget set aside for solving this problem this year?", "timeline", None, set(), False),
        ("A question the bank does not know about the budget?", "budget", None, set(), True),
    ],
    ids=[
        "regulators for a hotel",
        "regulators for a hospital",
        "untagged regulator question",
        "answered size",
        "unknown size",
        "plants for a factory",
        "plants for a hospital",
        "filed under another criterion",
        "unknown question",
    ],
)
def test_a_question_is_asked_only_where_it_fits(
    knowledge: Knowledge,
    question: str,
    criterion: CriterionName,
    industry: str | None,
    known: set[str],
    asked: bool,
) -> None:
    asking = Asking(statuses(), frozenset(known), industry, "en")  # type: ignore[arg-type]
    assert fits(question, criterion, asking, knowledge.questions) is asked


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Who signs off? See https://wiki.example/signoff", "Who signs off?"),
        ("Who signs off on this (see https://wiki.example/signoff)?", "Who signs off on this?"),
        (
            "Have you read [our ROI guide](https://example.com/roi) before the call?",
            "Have you read our ROI guide before the call?",
        ),
        ("Which systems (www.example.com) do you use today?", "Which systems do you use today?"),
        ("What is your admin password for the portal?", None),
        ("Can you share the login details for your Okta tenant?", None),
        ("Could you send the API key for your sandbox so we can test?", None),
        ("Would you confirm the one-time code we just sent?", None),
        ("¿Nos puedes dar la contraseña del portal de compras?", None),
        (
            "How do you manage passwords across the plants today?",
            "How do you manage passwords across the plants today?",
        ),
        ("Who owns the budget for operations tooling?", "Who owns the budget for operations tooling?"),
    ],
)
def test_links_are_taken_out_of_playbook_questions(raw: str, clean: str | None) -> None:
    assert clean_question(raw) == clean


def test_model_questions_are_kept_only_for_gaps_and_in_the_notes_language(knowledge: Knowledge) -> None:
    asking = Asking(statuses(title="partial"), frozenset({"title"}), None, "en")
    model = ["Who else signs the order?", "What is your budget?", "¿Quién firma la compra?"]
    chosen = choose_questions(asking, knowledge.questions, knowledge.rubric, 6, model=model)
    assert chosen[0] == "Who else signs the order?"
    assert "What is your budget?" not in chosen and "¿Quién firma la compra?" not in chosen
    assert len(chosen) == 2


@pytest.fixture(scope="module")
def qualified(assistant: Assistant) -> QualificationReport:
    report = assistant.qualify(HALVORSEN, CALL)
    assert report.gaps == [] and report.next_questions == []
    return report


@pytest.mark.parametrize(
    ("override", "gap"),
    [
        (Override(criterion="budget", status="missing", reason="the money went elsewhere"), "budget"),
        (Override(criterion="budget", value="120000 USD", reason="not approved after all"), "budget"),
        (Override(criterion="title", status="partial", reason="she only evaluates"), "title"),
        (Override(criterion="industry", value="Hospitality", reason="it is their hotel arm"), "industry"),
    ],
)
def test_an_override_asks_again_for_its_gaps(
    qualified: QualificationReport, knowledge: Knowledge, override: Override, gap: CriterionName
) -> None:
    report = apply_overrides(qualified, [override], knowledge.rubric, knowledge.questions, 6)
    assert report.gaps == [gap]
    bank = knowledge.questions
    assert report.next_questions and {bank.criterion_of(q) for q in report.next_questions} == {gap}
    assert any(
        w.startswith("Override: the next questions follow the overridden gaps") for w in report.warnings
    )
    if override.value is None:
        answered = [e.text for _l, n, e in bank.entries() if n == gap and e.asks_value]
        assert not set(report.next_questions) & set(answered) or override.status == "missing"
    withdrawn = apply_overrides(report, [], knowledge.rubric, knowledge.questions, 6)
    assert withdrawn.next_questions == [] and withdrawn.gaps == []


def test_an_override_that_keeps_the_gaps_keeps_the_questions(
    assistant: Assistant, knowledge: Knowledge
) -> None:
    report = assistant.qualify(HOTEL, CALL)
    override = Override(criterion="problem", status="met", reason="confirmed the cost")
    after = apply_overrides(report, [override], knowledge.rubric, knowledge.questions, 6)
    if set(after.gaps) == set(report.gaps) and all(
        after.criteria[g].status == report.criteria[g].status for g in report.gaps
    ):
        assert after.next_questions == report.next_questions
