"""`export crm`: the batch's output lines (`{"id", "record", "report"}`) as an import-ready CSV.

Rows follow the target's rules (knowledge/crm.py `RULES`): a header of API names, UTF-8 without a
byte-order mark, comma-separated, LF line ends, a field quoted when it holds a comma, a quote or a
line break (a quote doubled), never spaces around quotes. A line the batch could not qualify, or
one without a valid record id, is not written and is named on stderr; the other rows are written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import ValidationError

from assistant.crm.values import RowProblem, cell, record_ids, report_value
from assistant.knowledge.crm import RULES, CrmTarget
from assistant.qualify.schemas import QualificationReport


@dataclass(frozen=True)
class Skipped:
    """A line of the results that gave no row, and why."""

    number: int
    id: str
    problem: str


def export_rows(lines: Iterable[str], target: str, crm: CrmTarget) -> Iterator[list[str] | Skipped]:
    """The header, then a row per record id of each result line, or why a line gave none."""
    yield [item.column for item in crm.fields]
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            yield from _line_rows(number, raw, target, crm)


def _line_rows(number: int, raw: str, target: str, crm: CrmTarget) -> Iterator[list[str] | Skipped]:
    try:
        line = json.loads(raw)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        yield Skipped(number, f"line-{number}", f"not a JSON line of qualify-batch output ({exc})")
        return
    if not isinstance(line, dict):
        yield Skipped(number, f"line-{number}", "not a JSON object of qualify-batch output")
        return
    line_id = str(line.get("id") or f"line-{number}")[:200]
    if "report" not in line:
        yield Skipped(
            number, line_id, f"the batch could not qualify it: {str(line.get('error', 'no report'))[:300]}"
        )
        return
    try:
        report = QualificationReport.model_validate(line["report"])
        record = {str(k): str(v) for k, v in (line.get("record") or {}).items()}
        yield from _rows(report, line_id, record, target, crm)
    except ValidationError as exc:
        yield Skipped(number, line_id, f"the report is not one qualify wrote ({exc.errors()[0]['msg']})")
    except (RowProblem, AttributeError) as exc:
        yield Skipped(number, line_id, str(exc))


def _rows(
    report: QualificationReport, line_id: str, record: dict[str, str], target: str, crm: CrmTarget
) -> Iterator[list[str]]:
    """One row per record id (a note associated with two contacts updates both)."""
    rules = RULES[target]
    values = [report_value(report, line_id, record, item.value) for item in crm.fields]
    cells = [
        cell(value, item, rules) if item.type != "id" else ""
        for value, item in zip(values, crm.fields, strict=True)
    ]
    id_columns = [index for index, item in enumerate(crm.fields) if item.type == "id"]
    first = id_columns[0]
    for found in record_ids(values[first], rules, crm.fields[first].column):
        row = list(cells)
        row[first] = found
        for index in id_columns[1:]:
            ids = record_ids(values[index], rules, crm.fields[index].column) if values[index] else []
            row[index] = ids[0] if ids else rules.empty
        yield row


def write_csv(rows: Iterable[list[str]]) -> bytes:
    """The rows as the CRMs read CSV: UTF-8, no BOM, commas, LF, minimal quoting."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
