"""The table of bad input: one named kind per row, each run through every surface it applies to.

A kind is what arrives (typed `text`, a file's `data` under `name`, or a `fault` in the
environment: knowledge files, the index, the history) and what must happen: `refused` (a
regex the one clear message must match) or read with a `warns` regex, and nothing else broken.
The surface tests (library, CLI, batch, UI) take the rows whose `surfaces` name them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pytest

from tests.bad_input import samples as s

Target = Literal["notes", "batch_file", "knowledge", "store", "save", "facts", "playbook"]
Surface = Literal["library", "cli", "batch", "ui"]
EVERYWHERE: tuple[Surface, ...] = ("library", "cli", "batch", "ui")
FILES: tuple[Surface, ...] = ("library", "cli", "ui")
DIRECTORY, MISSING = b"<a folder>", b"<no such file>"


@dataclass(frozen=True)
class Kind:
    """One kind of bad input and the outcome every surface must show."""

    id: str
    target: Target
    surfaces: tuple[Surface, ...]
    text: str | Callable[[], str] | None = None
    data: bytes | Callable[[], bytes] | None = None
    name: str = "notes.txt"
    refused: str | None = None
    warns: str | None = None
    same_as: str | None = None
    """Notes whose verdict and statuses this input must reproduce (injection changes nothing)."""
    fault: str | None = None
    settings: dict[str, str] = field(default_factory=dict)
    finds: str | None = None
    """A phrase the report's evidence must contain (the text was decoded right)."""
    rows: tuple[tuple[str, str], ...] = ()
    """A batch file's output: (id, "report" or a regex of the line's error), in input order."""

    def typed(self) -> str | None:
        return self.text() if callable(self.text) else self.text

    def file_bytes(self) -> bytes | None:
        return self.data() if callable(self.data) else self.data

    def refusal(self, message: str) -> None:
        """The message is the one this kind expects (regex, case-insensitive)."""
        assert self.refused is not None
        assert re.search(self.refused, message, re.IGNORECASE | re.DOTALL), f"{message!r} !~ {self.refused!r}"

    def warned(self, warnings: list[str]) -> None:
        if self.warns is not None:
            assert any(re.search(self.warns, w, re.IGNORECASE) for w in warnings), (
                f"{warnings} !~ {self.warns!r}"
            )


def notes(id: str, surfaces: tuple[Surface, ...] = EVERYWHERE, **given: object) -> Kind:
    return Kind(id, "notes", surfaces, **given)  # type: ignore[arg-type]


def env(id: str, target: Target, surfaces: tuple[Surface, ...], refused: str, **given: object) -> Kind:
    return Kind(id, target, surfaces, fault=id, refused=refused, **given)  # type: ignore[arg-type]


KINDS: list[Kind] = [
    # notes as typed, pasted or uploaded
    notes("empty", text="", data=b"", refused=r"empty"),
    notes("whitespace_only", text="  \n\t \r\n  ", data=b"  \n\t \r\n  ", refused=r"empty"),
    notes("only_a_number", text="42", data=b"42\n", refused=r"no words, only '42'"),
    notes("only_emoji", text="🚀🔥👍 💯", refused=r"no words"),
    notes(
        "one_megabyte",
        ("library", "ui"),
        text=s.ONE_MB,
        warns=r"truncated to the first .* ASSISTANT_MAX_NOTE_CHARS=1,000,000",
    ),
    notes(
        "huge_paste_19mb",
        ("library", "cli", "batch"),
        text=s.huge_paste,
        warns=r"truncated .* of 19,4\d\d,\d{3} ",
        settings={"ASSISTANT_MAX_NOTE_CHARS": "100000"},
    ),
    notes(
        "twenty_megabyte_file", FILES, data=s.twenty_mb_file, refused=r"21\.0 MB.*over 20\.0 MB.*MAX_UPLOAD"
    ),
    notes("binary_png", FILES, data=s.PNG, refused=r"binary"),
    notes("latin1_file", FILES, data=s.SPANISH.encode("latin-1"), warns=r"not UTF-8", finds="Núñez"),
    notes("utf16_with_bom", FILES, data=s.utf16_bom, finds="Núñez"),
    notes("utf16_without_bom", FILES, data=s.utf16_no_bom, finds="Núñez"),
    notes("utf8_bom", FILES, data=s.utf8_bom, finds="José Núñez"),
    notes(
        "nul_bytes",
        text=s.GOOD.replace("CFO", "CFO\x00"),
        data=s.GOOD.replace("CFO", "CFO\x00").encode(),
        warns=r"control characters were replaced",
    ),
    notes("lone_surrogate", ("library", "batch"), text=s.GOOD + " \ud800", warns=r"unreadable"),
    notes(
        "crlf_newlines",
        text=s.LEAD.replace("\n", "\r\n"),
        data=s.LEAD.replace("\n", "\r\n").encode(),
        same_as=s.LEAD,
    ),
    notes(
        "utf8_with_a_broken_byte",
        FILES,
        data=s.SPANISH.encode().replace(b"500", b"500 \xff"),
        warns=r"a few bytes are not UTF-8",
        finds="Núñez",
    ),
    notes(
        "cr_only_newlines",
        text=s.LEAD.replace("\n", "\r"),
        data=s.LEAD.replace("\n", "\r").encode(),
        same_as=s.LEAD,
    ),
    notes(
        "mixed_scripts_and_emoji",
        text="🚀 " + s.GOOD.replace("Jo Kim", "李雷 (Lǐ Léi) 🤝 Jo Kim") + " ✅",
        finds="李雷",
    ),
    notes(
        "unexpected_language",
        text="Gespräch mit Herrn Müller, Geschäftsführer der Bauer GmbH. Sie haben "
        "fünfhundert Mitarbeiter und möchten bis Ende des Quartals entscheiden.",
        warns=r"English or Spanish",
    ),
    notes("html_injection", text=s.HTML, same_as=s.LEAD),
    notes("markdown_injection", text=s.MARKDOWN, same_as=s.LEAD),
    notes("prompt_injection_in_notes", text=s.LEAD + s.NOTES_INJECTION, same_as=s.LEAD),
    notes("a_folder_not_a_file", ("library", "cli"), data=DIRECTORY, refused=r"is a folder"),
    notes("missing_file", ("library", "cli"), data=MISSING, refused=r"no such file"),
    notes(
        "pdf_that_is_text",
        FILES,
        data=s.GOOD.encode(),
        name="notes.pdf",
        refused=r"named as a PDF.*plain text",
    ),
    notes("zip_named_docx", FILES, data=s.zip_named_docx, name="notes.docx", refused=r"ZIP archive"),
    notes(
        "docx_zip_bomb",
        FILES,
        data=s.docx_bomb,
        name="notes.docx",
        refused=r"zip bomb",
        settings={"ASSISTANT_MAX_UPLOAD_BYTES": "1000000"},
    ),
    notes("real_docx", FILES, data=s.real_docx, name="notes.docx", finds="Núñez"),
    # batch files (JSONL or CSV) for qualify-batch
    Kind(
        "jsonl_broken_lines",
        "batch_file",
        ("library", "batch"),
        data=s.broken_jsonl,
        name="leads.jsonl",
        rows=s.BROKEN_JSONL_ROWS,
    ),
    Kind(
        "jsonl_10k_lines_one_broken",
        "batch_file",
        ("library", "batch"),
        data=s.ten_thousand_lines,
        name="leads.jsonl",
        rows=s.ten_thousand_rows(),
    ),
    Kind(
        "jsonl_utf16",
        "batch_file",
        ("library", "batch"),
        data=s.utf16_jsonl,
        name="leads.jsonl",
        rows=(("es", "report"),),
        finds="Núñez",
    ),
    Kind(
        "jsonl_latin1",
        "batch_file",
        ("library", "batch"),
        data=s.latin1_jsonl,
        name="leads.jsonl",
        rows=(("es", "report"),),
        finds="Núñez",
    ),
    Kind(
        "csv_without_header",
        "batch_file",
        ("library", "batch"),
        data=b"a,hello\nb,world\n",
        name="leads.csv",
        refused=r"header row with at least the columns id and notes",
    ),
    Kind(
        "batch_file_empty",
        "batch_file",
        ("library", "batch"),
        data=b"\n \n",
        name="leads.jsonl",
        refused=r"empty",
    ),
    Kind(
        "batch_file_binary",
        "batch_file",
        ("library", "batch"),
        data=s.PNG,
        name="leads.jsonl",
        refused=r"binary",
    ),
    # knowledge/ files enablement edits
    env("rubric_malformed_yaml", "knowledge", EVERYWHERE, r"rubric\.yaml: malformed YAML at line \d+"),
    env("rubric_wrong_type", "knowledge", EVERYWHERE, r"rubric\.yaml: invalid content.*size\.met_min"),
    env(
        "rubric_duplicate_key",
        "knowledge",
        EVERYWHERE,
        r"rubric\.yaml: malformed YAML at line \d+.*'size' appears twice",
    ),
    env("rubric_negative_weight", "knowledge", EVERYWHERE, r"rubric\.yaml.*weights must not be negative"),
    env("roster_unknown_role", "knowledge", EVERYWHERE, r"roster\.yaml.*people\.0\.role"),
    env("roster_not_utf8", "knowledge", EVERYWHERE, r"roster\.yaml: is not UTF-8 text"),
    env("signals_missing", "knowledge", EVERYWHERE, r"signals\.yaml: file not found"),
    env("products_is_a_list", "knowledge", EVERYWHERE, r"products\.yaml: expected a mapping"),
    # the playbook index
    env(
        "corrupt_chroma",
        "store",
        EVERYWHERE,
        r"playbook index at .*chroma is corrupt.*--rebuild.*delete the folder",
    ),
    # saving to the account history
    env("locked_history", "save", FILES, r"is locked by another program"),
    env("disk_full_on_save", "save", FILES, r"disk .*is full.*nothing was saved"),
    env("sqlite_disk_full", "save", ("library",), r"disk holding the history database .* is full"),
    env("history_not_a_database", "save", FILES, r"cannot be read .*ASSISTANT_DATABASE_URL"),
    # renewal facts
    env(
        "facts_impossible_date",
        "facts",
        ("library", "cli"),
        r"contract_end: expected a date as YYYY-MM-DD, got '31/02/2027'",
    ),
    env("facts_february_30", "facts", ("library", "cli"), r"contract_end: expected a date .*2027-02-30"),
    env(
        "facts_duplicate_key", "facts", ("library", "cli"), r"malformed YAML at line \d+.*'arr' appears twice"
    ),
    env(
        "facts_wrong_type",
        "facts",
        ("library", "cli"),
        r"seats_purchased: expected a whole number, got 'many'",
    ),
    env("facts_binary", "facts", ("library", "cli"), r"is not UTF-8 text"),
    # uploaded playbooks
    Kind("playbook_binary", "playbook", FILES, data=s.PNG, name="evil.md", refused=r"binary"),
    Kind(
        "playbook_pdf_that_is_text",
        "playbook",
        FILES,
        data=b"# Plain\n\ntext",
        name="guide.pdf",
        refused=r"named as a PDF",
    ),
    Kind(
        "playbook_oversize",
        "playbook",
        ("library", "ui"),
        data=b"# Big\n\n" + b"word " * 3000,
        name="big.md",
        refused=r"over 0\.0 MB|files over",
        settings={"ASSISTANT_MAX_UPLOAD_BYTES": "5000"},
    ),
    Kind(
        "playbook_docx_zip_bomb",
        "playbook",
        ("library", "ui"),
        data=s.docx_bomb,
        name="bomb.docx",
        refused=r"zip bomb",
        settings={"ASSISTANT_MAX_UPLOAD_BYTES": "1000000"},
    ),
    Kind(
        "playbook_unsafe_name",
        "playbook",
        ("library",),
        data=b"# x\n\ny",
        name="../../escape.md",
        refused=r"not a safe file name",
    ),
    Kind("playbook_empty", "playbook", ("library", "ui"), data=b"", name="empty.md", refused=r"empty"),
    Kind(
        "playbook_utf16",
        "playbook",
        FILES,
        data=lambda: "# Guía\n\n## Presupuesto\n\n- ¿Quién aprueba?\n".encode("utf-16"),
        name="guia.md",
    ),
    Kind(
        "playbook_prompt_injection",
        "playbook",
        FILES,
        data=s.PLAYBOOK_INJECTION,
        name="override.md",
        same_as=s.LEAD,
    ),
    Kind(
        "playbook_disk_full",
        "playbook",
        ("library", "ui"),
        data=b"# New\n\n## Budget\n\n- Who signs?\n",
        name="discovery-questions.md",
        fault="playbook_disk_full",
        refused=r"was not saved: the disk is full",
    ),
]


def cases(surface: Surface, *targets: Target) -> list[object]:
    """pytest params of the kinds run through `surface` (optionally only some targets)."""
    return [
        pytest.param(kind, id=kind.id)
        for kind in KINDS
        if surface in kind.surfaces and (not targets or kind.target in targets)
    ]
