"""Malformed lines of a `qualify-batch` file are each that line's `{"id", "error"}` row and the batch
goes on: JSON nested 100,000 deep, 5,000-digit numbers, ids that are objects, repeated ids,
impossible call dates, CSV rows with a stray quote or the wrong number of fields. `--out` naming
the input is refused before anything is written."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant.cli.main import app
from assistant.qualify.batch import read_batch
from assistant.runtime import Assistant
from assistant.text.decoding import InputError
from tests.bad_input.faults import Env
from tests.bad_input.samples import GOOD, LEAD

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]
DEEP = 100_000
PLAIN = "Call with Tom Reyes (IT manager) at Brightline Retail; no budget yet."
"""One line, no comma, no quote: a CSV field as is."""

JSONL_LINES: list[tuple[str, str, str]] = [
    # (the line, the id its row must have, "report" or a regex of its error)
    ("[" * DEEP + "]" * DEEP, "line-{n}", r"nested too deeply"),
    ('{"a":' * DEEP + "1" + "}" * DEEP, "line-{n}", r"nested too deeply"),
    (
        json.dumps({"id": "deep-extra", "notes": GOOD})[:-1] + ', "x": ' + "[" * DEEP + "]" * DEEP + "}",
        "line-{n}",
        r"nested too deeply",
    ),
    ('{"id": ' + "9" * 5000 + ', "notes": "' + GOOD + '"}', "line-{n}", r"more than 4,300 digits"),
    (
        '{"id": "big-number", "seats": ' + "7" * 5000 + ', "notes": "' + GOOD + '"}',
        "line-{n}",
        r"more than 4,300 digits",
    ),
    (
        json.dumps({"id": {"nested": ["object"]}, "notes": GOOD}),
        "line-{n}",
        r"id: must be text or a whole number, not an object",
    ),
    (json.dumps({"id": ["a", "list"], "notes": GOOD}), "line-{n}", r"id: .* not a list"),
    (json.dumps({"id": True, "notes": GOOD}), "line-{n}", r"id: .* not true or false"),
    (json.dumps({"id": 1.5, "notes": GOOD}), "line-{n}", r"id: .* fraction"),
    (json.dumps({"id": "x" * 300, "notes": GOOD}), "line-{n}", r"id: String should have at most 200"),
    (json.dumps({"id": "twice", "notes": GOOD}), "twice", "report"),
    (json.dumps({"id": "twice", "notes": LEAD}), "twice", r"the id 'twice' is also on line \d+"),
    (json.dumps({"id": 7, "notes": GOOD}), "7", "report"),
    (json.dumps({"id": "7", "notes": LEAD}), "7", r"also on line"),
    (
        json.dumps({"id": "far-future", "notes": GOOD, "call_date": "9999-12-31"}),
        "far-future",
        r"call date 9999-12-31 is outside 1990-01-01",
    ),
    (
        json.dumps({"id": "year-one", "notes": GOOD, "call_date": "0001-01-01"}),
        "year-one",
        r"call date 0001-01-01 is outside",
    ),
    (
        json.dumps({"id": "before-1990", "notes": GOOD, "call_date": "1989-12-31"}),
        "before-1990",
        r"is outside 1990-01-01 to 2100-12-31",
    ),
    (json.dumps({"id": "first-day", "notes": GOOD, "call_date": "1990-01-01"}), "first-day", "report"),
    (
        json.dumps({"id": "line-sep", "notes": GOOD + "\u2028More notes.\u2029"}, ensure_ascii=False),
        "line-sep",
        "report",
    ),
]


def jsonl_file(env: Env) -> tuple[Path, list[tuple[str, str]]]:
    """Every malformed line between good ones; returns the rows wanted, in order."""
    lines, wanted = [], []
    for index, (line, ident, outcome) in enumerate(JSONL_LINES):
        lines.append(json.dumps({"id": f"good-{index}", "notes": GOOD}))
        wanted.append((f"good-{index}", "report"))
        lines.append(line)
        wanted.append((ident.format(n=len(lines)), outcome))
    path = env.files / "leads.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, wanted


def check_rows(rows: list[dict[str, object]], wanted: list[tuple[str, str]]) -> None:
    assert [row["id"] for row in rows] == [ident for ident, _ in wanted]
    for row, (ident, outcome) in zip(rows, wanted, strict=True):
        if outcome == "report":
            assert "report" in row, (ident, row.get("error"))
        else:
            assert set(row) == {"id", "error"} and re.search(outcome, str(row["error"])), (ident, row)


def cli_rows(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("case", JSONL_LINES, ids=[f"jsonl-{i}" for i in range(len(JSONL_LINES))])
def test_each_malformed_jsonl_line_is_its_own_error(case: tuple[str, str, str], env: Env) -> None:
    line, ident, outcome = case
    path = env.files / "one.jsonl"
    path.write_text(json.dumps({"id": "first", "notes": GOOD}) + "\n" + line + "\n", encoding="utf-8")
    items = read_batch(path)
    assert [item.number for item in items] == [1, 2]
    assert items[0].line is not None, items[0].error
    if outcome == "report" or "also on line" in outcome:
        return  # these need their pair (checked through the CLI below)
    assert items[1].line is None and items[1].id == ident.format(n=2)
    assert items[1].error is not None and re.search(outcome, items[1].error), items[1].error


def test_a_jsonl_batch_of_every_malformed_line_runs_to_the_end(env: Env) -> None:
    path, wanted = jsonl_file(env)
    result = runner.invoke(app, ["qualify-batch", str(path), *AS_OF])
    check_rows(cli_rows(result), wanted)
    failed = sum(outcome != "report" for _, outcome in wanted)
    assert f"{len(wanted) - failed} qualified, {failed} skipped" in result.stderr


CSV_FILES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "unterminated-quote",
        f'id,notes\na,{PLAIN}\nb,"{PLAIN}\nc,{PLAIN}\nd,{PLAIN}\n',
        [
            ("a", "report"),
            ("b", r"quote opened on this line is never closed.*2 lines after it"),
            ("c", "report"),
            ("d", "report"),
        ],
    ),
    (
        "unterminated-quote-on-the-last-row",
        f'id,notes\na,{PLAIN}\nb,"{PLAIN}\n',
        [("a", "report"), ("b", r"never closed, so the 0 lines after it")],
    ),
    (
        "quote-inside-a-quoted-field",
        f'id,notes\na,"{PLAIN} He said "yes" twice."\nb,{PLAIN}\n',
        [("a", r'a quote inside a quoted field must be written as two \(""\)'), ("b", "report")],
    ),
    (
        "too-many-fields",
        f"id,notes\na,Call with Jo Kim, CFO at Delta Bank\nb,{GOOD.replace(',', ';')}\n",
        [("a", r"line 2 has 3 fields but the header has 2 \(id, notes\)"), ("b", "report")],
    ),
    (
        "too-few-fields",
        f"id,notes,call_date\na,{PLAIN}\nb,{PLAIN},2026-11-10\n",
        [("a", r"line 2 has 2 fields but the header has 3"), ("b", "report")],
    ),
    (
        "a-note-over-csvs-128-kb-field-limit",
        'id,notes\nlong,"' + (GOOD.replace('"', "") + "\n") * 1500 + '"\nafter,"' + GOOD + '"\n',
        [("long", "report"), ("after", "report")],
    ),
    (
        "header-in-capitals-and-crlf",
        f'ID,Notes\r\na,"{GOOD}"\r\nb,"{LEAD}"\r\nc,{PLAIN}\r\n',
        [("a", "report"), ("b", "report"), ("c", "report")],
    ),
    (
        "repeated-id",
        f'id,notes\na,"{GOOD}"\na,"{LEAD}"\n',
        [("a", "report"), ("a", r"the id 'a' is also on line 2")],
    ),
    (
        "impossible-call-date",
        f'id,notes,call_date\na,"{GOOD}",9999-12-31\nb,"{GOOD}",1985-06-01\nc,"{GOOD}",2026-11-10\n',
        [("a", r"9999-12-31 is outside"), ("b", r"1985-06-01 is outside"), ("c", "report")],
    ),
]


@pytest.mark.parametrize("case", CSV_FILES, ids=[name for name, _, _ in CSV_FILES])
def test_csv_structure_problems_are_each_rows_error(
    case: tuple[str, str, list[tuple[str, str]]], env: Env
) -> None:
    name, text, wanted = case
    path = env.files / f"{name}.csv"
    path.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["qualify-batch", str(path), *AS_OF])
    check_rows(cli_rows(result), wanted)
    assert f"{sum(o != 'report' for _, o in wanted)} skipped" in result.stderr


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("id,notes,notes\na,x,y\n", r"header names 'notes' twice"),
        ('id,"notes\na,x\n', r"header \(line 1\) cannot be read"),
        ("name,text\na,hello\n", r"header row with at least the columns id and notes"),
    ],
    ids=["repeated-column", "broken-header", "no-id-column"],
)
def test_a_csv_header_that_cannot_be_used_refuses_the_file(text: str, refused: str, env: Env) -> None:
    path = env.files / "leads.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=refused):
        read_batch(path)
    result = runner.invoke(app, ["qualify-batch", str(path)])
    assert result.exit_code == 2 and result.stdout == "" and re.search(refused, result.stderr)


def hard_link(path: Path, link: Path) -> None:
    os.link(path, link)


def symlink(path: Path, link: Path) -> None:
    link.symlink_to(path)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("how", ["same-path", "dot-path", "symlink", "hard-link"])
def test_out_naming_the_input_is_refused_before_anything_is_written(suffix: str, how: str, env: Env) -> None:
    source = env.files / f"leads{suffix}"
    text = json.dumps({"id": "a", "notes": GOOD}) + "\n" if suffix == ".jsonl" else f'id,notes\na,"{GOOD}"\n'
    source.write_text(text, encoding="utf-8")
    target = {"same-path": source, "dot-path": env.files / "." / source.name}.get(
        how, env.files / f"out{suffix}"
    )
    if how == "symlink":
        symlink(source, target)
    elif how == "hard-link":
        hard_link(source, target)
    result = runner.invoke(app, ["qualify-batch", str(source), "--out", str(target)])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert "is the input file" in result.stderr and "choose another output file" in result.stderr
    assert source.read_text(encoding="utf-8") == text, "the input was overwritten"
    assert result.stdout == ""


def test_out_to_another_file_still_works(env: Env) -> None:
    source = env.files / "leads.jsonl"
    source.write_text(json.dumps({"id": "a", "notes": GOOD}) + "\n", encoding="utf-8")
    target = env.files / "out.jsonl"
    result = runner.invoke(app, ["qualify-batch", str(source), "--out", str(target), *AS_OF])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "a"


@pytest.mark.parametrize("day", ["9999-12-31", "1989-12-31", "0001-01-01", "2101-01-01"])
def test_an_impossible_call_date_is_refused_everywhere(day: str, env: Env) -> None:
    with pytest.raises(InputError, match=rf"call date {day} is outside 1990-01-01 to 2100-12-31"):
        Assistant(env.settings()).qualify(GOOD, dt.date.fromisoformat(day))
    result = runner.invoke(app, ["qualify", "-", "--as-of", day], input=GOOD)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"call date {day} is outside" in result.stderr
