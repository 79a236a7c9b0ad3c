"""knowledge/crm.yaml: how a report becomes columns of a Salesforce or HubSpot import file.

Enablement maps each column to a value of the report (`verdict`, `budget.status`, `gaps`,
`record.WhoId` ...) with the target's field type. The target's own rules (column names, text
limits, picklist values, what a record id looks like) are checked here when the file loads, so a
map the CRM would reject fails `sales-assistant check`, not an import at midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.domain import CRITERIA

CRM_FILE = "crm.yaml"
Target = Literal["salesforce", "hubspot"]
FieldType = Literal["text", "long_text", "picklist", "multi_picklist", "number", "boolean", "date", "id"]


@dataclass(frozen=True)
class TargetRules:
    """What an import into one CRM accepts (Salesforce Bulk API 2.0 / Data Loader; HubSpot import)."""

    label: str
    column: re.Pattern[str]
    text_max: int
    long_text_max: int
    record_id: re.Pattern[str]
    empty: str
    """What an empty value is written as: Salesforce sets a field to null only for `#N/A` (an empty
    cell leaves the old value); HubSpot leaves the value alone for an empty cell."""
    max_columns: int
    picklist_max: int = 255
    multi_separator: str = ";"


RULES: dict[str, TargetRules] = {
    "salesforce": TargetRules(
        label="Salesforce",
        column=re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,79}(?:\.[A-Za-z][A-Za-z0-9_]{0,79})?$"),
        text_max=255,
        long_text_max=131_072,
        record_id=re.compile(r"^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$"),
        empty="#N/A",
        max_columns=5000,
    ),
    "hubspot": TargetRules(
        label="HubSpot",
        column=re.compile(r"^[a-z][a-z0-9_]{0,99}$"),
        text_max=65_536,
        long_text_max=65_536,
        record_id=re.compile(r"^[0-9]{1,20}$"),
        empty="",
        max_columns=999,
    ),
}
_CRITERION_PARTS = ("status", "evidence", "value")
REPORT_VALUES = frozenset(
    {
        "id",
        "verdict",
        "score",
        "needs_review",
        "summary",
        "call_date",
        "gaps",
        "next_questions",
        "recommendations",
    }
    | {f"{name}.{part}" for name in CRITERIA for part in _CRITERION_PARTS}
)
CHOICES_OF = {
    "verdict": ("sales_qualified", "nurture", "disqualified"),
    **{f"{name}.status": ("met", "partial", "missing", "unfit") for name in CRITERIA},
    "gaps": tuple(CRITERIA),
    "needs_review": ("true", "false"),
}


class CrmField(BaseModel):
    """One column of the import file and the report value it holds."""

    model_config = ConfigDict(extra="forbid")

    column: str = Field(min_length=1)
    value: str = Field(description="A report value (verdict, budget.status, gaps ...) or record.<CRM id>.")
    type: FieldType = "text"
    max_length: int | None = Field(default=None, ge=1, description="The field's own length, under the CRM's.")
    choices: dict[str, str] = Field(
        default_factory=dict, description="Report value -> the CRM's exact value."
    )
    join: str = Field(default="\n", description="Between the items of a list in a text field.")
    required: bool = Field(default=False, description="A row without this value is not written.")

    @model_validator(mode="after")
    def _known_value(self) -> CrmField:
        if self.value not in REPORT_VALUES and not re.fullmatch(r"record\.[\w .-]{1,100}", self.value):
            known = ", ".join(sorted(REPORT_VALUES))
            raise ValueError(f"value {self.value!r} is not a report value ({known}) or record.<id column>")
        if self.type in ("picklist", "multi_picklist"):
            missing = [v for v in CHOICES_OF.get(self.value, ()) if v not in self.choices]
            if self.value not in CHOICES_OF:
                raise ValueError(f"a picklist needs a value with fixed choices ({', '.join(CHOICES_OF)})")
            if missing:
                raise ValueError(f"choices has no CRM value for {', '.join(missing)}: every value needs one")
        return self


class CrmTarget(BaseModel):
    """The import file for one CRM: the object it updates and its columns, in order."""

    model_config = ConfigDict(extra="forbid")

    object: str = Field(min_length=1, description="The object the rows update (Lead, contacts ...).")
    fields: list[CrmField] = Field(min_length=1)


class CrmMap(BaseModel):
    """knowledge/crm.yaml: one target per CRM, each checked against that CRM's rules."""

    model_config = ConfigDict(extra="forbid")

    version: str
    salesforce: CrmTarget | None = None
    hubspot: CrmTarget | None = None

    @model_validator(mode="after")
    def _follows_target_rules(self) -> CrmMap:
        for name in ("salesforce", "hubspot"):
            target: CrmTarget | None = getattr(self, name)
            if target is not None:
                check_target(name, target)
        return self


def check_target(name: str, target: CrmTarget) -> None:
    """Refuse a map the CRM's import would reject: names, duplicates, limits, picklist values."""
    rules = RULES[name]
    columns = [item.column for item in target.fields]
    if len(columns) > rules.max_columns:
        raise ValueError(
            f"{name}: {len(columns)} columns; a {rules.label} import takes at most {rules.max_columns}"
        )
    repeated = sorted({column for column in columns if columns.count(column) > 1})
    if repeated:
        raise ValueError(f"{name}: the column {repeated[0]!r} is mapped twice")
    if not any(item.type == "id" and item.required for item in target.fields):
        raise ValueError(
            f"{name}: no required id column: {rules.label} needs the record id to update a record"
        )
    for index, item in enumerate(target.fields):
        _check_field(name, index, item, rules)


def _check_field(name: str, index: int, item: CrmField, rules: TargetRules) -> None:
    where = f"{name}.fields.{index} ({item.column})"
    if not rules.column.match(item.column):
        raise ValueError(f"{where}: not a {rules.label} field name (pattern {rules.column.pattern})")
    limit = rules.long_text_max if item.type == "long_text" else rules.text_max
    if item.max_length is not None and item.type in ("text", "long_text") and item.max_length > limit:
        raise ValueError(
            f"{where}: max_length {item.max_length} is over {rules.label}'s {limit} for {item.type}"
        )
    if item.type == "id" and not (item.value.startswith("record.") or item.value == "id"):
        raise ValueError(f"{where}: an id column takes record.<CRM id column> or id")
    for ours, theirs in item.choices.items():
        if (
            not theirs.strip()
            or theirs != theirs.strip()
            or "\n" in theirs
            or rules.multi_separator in theirs
        ):
            raise ValueError(f"{where}: choice {ours!r} -> {theirs!r} is not a value {rules.label} can store")
        if len(theirs) > rules.picklist_max:
            raise ValueError(f"{where}: choice {theirs[:20]!r}... is over {rules.picklist_max} characters")


def crm_map_path(folder: Path) -> Path:
    return folder / CRM_FILE
