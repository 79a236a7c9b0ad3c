"""Load knowledge/ YAML into validated models, with errors that name the file and the field."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.knowledge.questions import QUESTIONS_FILE, QuestionBank
from assistant.knowledge.renewal_policy import RenewalPolicy, unknown_products
from assistant.knowledge.schemas import (
    PartnerProgram,
    ProductCatalog,
    Roster,
    Rubric,
    SignalBook,
)
from assistant.text.yaml_load import load_yaml

ModelT = TypeVar("ModelT", bound=BaseModel)

KNOWLEDGE_FILES: dict[str, type[BaseModel]] = {
    "rubric.yaml": Rubric,
    "roster.yaml": Roster,
    "products.yaml": ProductCatalog,
    "partners.yaml": PartnerProgram,
    "signals.yaml": SignalBook,
    "renewal.yaml": RenewalPolicy,
}


class KnowledgeError(Exception):
    """A knowledge file is missing, unreadable or invalid; the message names file and field."""


@dataclass(frozen=True)
class Knowledge:
    """Everything enablement curates, validated together."""

    rubric: Rubric
    roster: Roster
    products: ProductCatalog
    partners: PartnerProgram
    signals: SignalBook
    folder: Path
    renewal: RenewalPolicy
    questions: QuestionBank = field(default_factory=QuestionBank)
    """Optional (a knowledge folder from before it existed still loads): without it the report's
    questions come from the playbooks alone, in English."""


def _describe(error: ValidationError) -> str:
    lines = []
    for item in error.errors()[:8]:
        field = ".".join(str(part) for part in item["loc"]) or "(top level)"
        lines.append(f"  field {field}: {item['msg']}")
    return "\n".join(lines)


def parse_model(path: Path, model: type[ModelT], text: str | None = None) -> ModelT:
    """Parse one YAML document into `model`; `text` lets the UI validate an edit before saving."""
    try:
        raw = path.read_text(encoding="utf-8") if text is None else text
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: file not found") from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError(
            f"{path}: is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    try:
        data = load_yaml(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise KnowledgeError(f"{path}: malformed YAML{where}: {getattr(exc, 'problem', exc)}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a mapping of fields at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(f"{path}: invalid content\n{_describe(exc)}") from exc


def check_references(knowledge: Knowledge) -> None:
    """Cross-file checks: roster industries and product lines must exist."""
    industries = {item.key for item in knowledge.rubric.industries}
    products = {item.key for item in knowledge.products.products}
    roster_path = knowledge.folder / "roster.yaml"
    for index, person in enumerate(knowledge.roster.people):
        for key in person.industries:
            if key not in industries:
                raise KnowledgeError(
                    f"{roster_path}: field people.{index}.industries: unknown industry {key!r}"
                    f" (rubric.yaml defines {', '.join(sorted(industries))})"
                )
        for key in person.product_lines:
            if key not in products:
                raise KnowledgeError(
                    f"{roster_path}: field people.{index}.product_lines: unknown product {key!r}"
                )
    unknown = sorted(knowledge.questions.industry_keys() - industries)
    if unknown:
        raise KnowledgeError(
            f"{knowledge.folder / QUESTIONS_FILE}: unknown industry {unknown[0]!r}"
            f" (rubric.yaml defines {', '.join(sorted(industries))})"
        )
    unpriced = unknown_products(knowledge.renewal, products)
    if unpriced:
        raise KnowledgeError(
            f"{knowledge.folder / 'renewal.yaml'}: field add_ons: unknown product {unpriced[0]!r}"
        )


def load_knowledge(folder: Path) -> Knowledge:
    """Load and validate every knowledge file in `folder`."""
    parsed = {name: parse_model(folder / name, model) for name, model in KNOWLEDGE_FILES.items()}
    knowledge = Knowledge(
        rubric=parsed["rubric.yaml"],  # type: ignore[arg-type]
        roster=parsed["roster.yaml"],  # type: ignore[arg-type]
        products=parsed["products.yaml"],  # type: ignore[arg-type]
        partners=parsed["partners.yaml"],  # type: ignore[arg-type]
        signals=parsed["signals.yaml"],  # type: ignore[arg-type]
        folder=folder,
        renewal=parsed["renewal.yaml"],  # type: ignore[arg-type]
        questions=_question_bank(folder),
    )
    check_references(knowledge)
    return knowledge


def _question_bank(folder: Path) -> QuestionBank:
    path = folder / QUESTIONS_FILE
    return parse_model(path, QuestionBank) if path.exists() else QuestionBank()


@lru_cache(maxsize=8)
def _cached(folder: Path, stamp: tuple[float, ...]) -> Knowledge:
    return load_knowledge(folder)


def cached_knowledge(folder: Path) -> Knowledge:
    """Load once per process, reloading when any file changes (the UI edits them live)."""
    stamp = tuple(
        (folder / name).stat().st_mtime if (folder / name).exists() else -1.0
        for name in (*KNOWLEDGE_FILES, QUESTIONS_FILE)
    )
    return _cached(folder.resolve(), stamp)
