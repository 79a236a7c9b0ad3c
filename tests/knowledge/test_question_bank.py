"""The question bank (knowledge/questions.yaml): validated with the rest of knowledge/, optional."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.domain import CRITERIA
from assistant.knowledge.load import KnowledgeError, load_knowledge
from assistant.knowledge.questions import QuestionBank
from tests.knowledge.test_knowledge import copy_knowledge, edit_yaml


def test_the_shipped_bank_asks_about_every_criterion_in_english_and_spanish() -> None:
    bank = load_knowledge(Path(__file__).parents[2] / "knowledge").questions
    for language in ("en", "es"):
        by_criterion = bank.for_language(language)
        assert all(len(by_criterion[name]) >= 3 for name in CRITERIA), language
    spanish = [entry.text for lang, _name, entry in bank.entries() if lang == "es"]
    assert all(text.startswith("¿") and text.endswith("?") for text in spanish)


def test_a_knowledge_folder_without_a_bank_still_loads(tmp_path: Path) -> None:
    folder = copy_knowledge(tmp_path)
    (folder / "questions.yaml").unlink()
    assert load_knowledge(folder).questions == QuestionBank()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"questions.en.size": [{"text": "How many people work there?", "topic": "weather"}]},
            "unknown topic 'weather'",
        ),
        (
            {"questions.en.size": [{"text": "How many people work there?", "industries": ["spaceflight"]}]},
            "unknown industry",
        ),
        ({"questions.en.size": ["Tell me your headcount."]}, "a question ends with '?'"),
        ({"topics.regulation.cues": ["(unclosed"]}, "invalid pattern"),
        ({"criterion_cues.budget": ["[a-"]}, "invalid pattern"),
    ],
)
def test_a_bad_bank_names_the_file_and_the_problem(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    folder = copy_knowledge(tmp_path)
    edit_yaml(folder / "questions.yaml", change)
    with pytest.raises(KnowledgeError, match=r"questions\.yaml") as error:
        load_knowledge(folder)
    assert message in str(error.value)
