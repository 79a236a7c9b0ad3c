"""Damaged Word and PDF files, built in the run: broken XML, more than 256 nesting levels, PDFs of
deeply nested arrays (a RecursionError in pypdf), archives cut short. Each is one named, per-file
error: `qualify FILE` refuses it with exit 2, `playbooks ingest DIR` skips and reports it and
indexes the rest, first-run indexing survives it, and an upload is refused."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.library.admin import PlaybookAdmin
from assistant.library.documents import load_many
from assistant.library.playbook_library import PlaybookLibrary
from assistant.runtime import Assistant
from assistant.text.decoding import InputError
from assistant.text.files import read_notes_file
from tests.bad_input.conftest import CALL
from tests.bad_input.faults import Env
from tests.bad_input.samples import GOOD
from tests.document_samples import make_docx, make_pdf, nested_document_xml, pdf_with_content, with_part

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-10"]


@cache
def good_docx() -> bytes:
    return make_docx([("Budget", ["Who signs the order form?"])], title="Pricing")


@cache
def good_pdf() -> bytes:
    return make_pdf([["Who signs the order form?"]], title="Pricing")


@dataclass(frozen=True)
class Damaged:
    name: str
    build: Callable[[], bytes]
    refused: str

    def data(self) -> bytes:
        return self.build()


WORD = r"is damaged or not a readable Word document"
PDF = r"is damaged or not a readable PDF"
DAMAGED = [
    Damaged(
        "broken-xml.docx",
        lambda: with_part(good_docx(), "word/document.xml", b"<w:document><w:body><w:p>unclosed"),
        WORD,
    ),
    Damaged(
        "nested-300.docx", lambda: with_part(good_docx(), "word/document.xml", nested_document_xml(300)), WORD
    ),
    Damaged(
        "nested-20000.docx",
        lambda: with_part(good_docx(), "word/document.xml", nested_document_xml(20_000)),
        WORD,
    ),
    Damaged("core-props.docx", lambda: with_part(good_docx(), "docProps/core.xml", b"<<<not xml"), WORD),
    Damaged("styles.docx", lambda: with_part(good_docx(), "word/styles.xml", b"<w:styles"), WORD),
    Damaged("cut-short.docx", lambda: good_docx()[: len(good_docx()) // 2], WORD + r".*cut short"),
    Damaged(
        "nested-content.pdf",
        lambda: pdf_with_content(b"BT " + b"[" * 5000 + b"]" * 5000 + b" TJ ET"),
        PDF + r".*nested too deeply",
    ),
    Damaged(
        "nested-font.pdf",
        lambda: pdf_with_content(b"BT (x) Tj ET", font=b" /W " + b"[" * 100_000 + b"]" * 100_000),
        PDF,
    ),
    Damaged("cut-short.pdf", lambda: good_pdf()[: len(good_pdf()) // 3], PDF),
    Damaged(
        "garbage-xref.pdf", lambda: good_pdf().replace(b"xref", b"xr\xffef").replace(b"/Root", b"/R"), PDF
    ),
]
IDS = [case.name for case in DAMAGED]


def refusal_of(case: Damaged, message: str) -> None:
    """The message names the file and says it is damaged, in one sentence."""
    flat = " ".join(message.split())
    assert case.name in flat, flat
    assert re.search(case.refused, flat, re.IGNORECASE), flat


@pytest.mark.parametrize("case", DAMAGED, ids=IDS)
def test_reading_a_damaged_file_is_a_named_input_error(case: Damaged, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.data())
    with pytest.raises(InputError) as refused:
        read_notes_file(path)
    refusal_of(case, str(refused.value))


@pytest.mark.parametrize("case", DAMAGED, ids=IDS)
def test_qualify_file_refuses_a_damaged_file_with_exit_2(case: Damaged, env: Env) -> None:
    path = env.files / case.name
    path.write_bytes(case.data())
    result = runner.invoke(app, ["qualify", str(path), "--json", *AS_OF])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.stdout == ""
    refusal_of(case, result.stderr.removeprefix("error:"))


def folder_with(env: Env, case: Damaged) -> Path:
    """A folder of two good playbooks and the damaged file."""
    folder = env.files / "library"
    folder.mkdir()
    (folder / "a-discovery.md").write_text("# Discovery\n\nAsk who signs.\n", encoding="utf-8")
    (folder / "z-pricing.docx").write_bytes(good_docx())
    (folder / case.name).write_bytes(case.data())
    return folder


@pytest.mark.parametrize("case", DAMAGED, ids=IDS)
def test_loading_a_folder_skips_only_the_damaged_file(case: Damaged, env: Env) -> None:
    loaded = load_many([folder_with(env, case)])
    assert sorted(Path(doc.source).name for doc in loaded.documents) == ["a-discovery.md", "z-pricing.docx"]
    assert len(loaded.errors) == 1
    refusal_of(case, loaded.errors[0])


@pytest.mark.parametrize("case", DAMAGED[::3], ids=IDS[::3])
def test_playbooks_ingest_reports_the_file_and_indexes_the_rest(case: Damaged, env: Env) -> None:
    result = runner.invoke(app, ["playbooks", "ingest", str(folder_with(env, case))])
    assert result.exit_code == 1, result.output  # 1: some file was skipped; the others are indexed
    assert "Traceback" not in result.output
    assert result.stdout.startswith("2 documents"), result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(skipped) == 1
    refusal_of(case, " ".join(result.stderr.split()))
    listed = {Path(doc.source).name for doc in PlaybookLibrary(env.settings()).documents()}
    assert listed == {"a-discovery.md", "z-pricing.docx"}


@pytest.mark.parametrize("case", DAMAGED[1::4], ids=IDS[1::4])
def test_first_run_indexing_survives_a_damaged_playbook(case: Damaged, env: Env) -> None:
    (env.playbooks / case.name).write_bytes(case.data())
    notes = env.files / "good.txt"
    notes.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["qualify", str(notes), "--json", *AS_OF])
    assert result.exit_code == 0, result.output
    assert '"verdict"' in result.stdout
    assert "skipped:" in result.stderr
    refusal_of(case, result.stderr.split("skipped:", 1)[1])
    library = PlaybookLibrary(env.settings())
    assert library.count() > 0 and case.name not in {Path(d.source).name for d in library.documents()}
    assert Assistant(env.settings()).qualify(GOOD, CALL).citations, "the other playbooks still answer"


@pytest.mark.parametrize("case", DAMAGED[2::3], ids=IDS[2::3])
def test_uploading_a_damaged_playbook_is_refused(case: Damaged, env: Env) -> None:
    assistant = Assistant(env.settings())
    admin = PlaybookAdmin(env.settings(), assistant.library, assistant.knowledge)
    before = admin.documents()
    with pytest.raises(InputError) as refused:
        admin.upload(case.name, case.data())
    refusal_of(case, str(refused.value))
    assert admin.documents() == before and not (env.playbooks / case.name).exists()


@pytest.mark.parametrize(
    "sidecar",
    [b"title: " + b"[" * 50_000 + b"]" * 50_000, b"title: [unclosed\n", b"\xff\xfe\x00bad"],
    ids=["nested", "malformed", "binary"],
)
def test_a_damaged_sidecar_is_that_files_error(sidecar: bytes, env: Env) -> None:
    folder = env.files / "library"
    folder.mkdir()
    (folder / "a-discovery.md").write_text("# Discovery\n\nAsk who signs.\n", encoding="utf-8")
    (folder / "pricing.docx").write_bytes(good_docx())
    (folder / "pricing.docx.meta.yaml").write_bytes(sidecar)
    loaded = load_many([folder])
    assert [Path(doc.source).name for doc in loaded.documents] == ["a-discovery.md"]
    assert len(loaded.errors) == 1 and "pricing.docx" in loaded.errors[0], loaded.errors


@pytest.mark.parametrize(
    "failure",
    [RuntimeError("boom"), MemoryError(), RecursionError("deep")],
    ids=["runtime", "memory", "recursion"],
)
def test_a_reader_failure_no_check_foresaw_stays_with_its_file(
    failure: Exception, env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last net: whatever a reader raises, the folder's other files are still loaded."""
    folder = folder_with(env, DAMAGED[0])

    def fails(name: str, data: bytes, max_bytes: int) -> object:
        raise failure

    monkeypatch.setattr("assistant.library.documents.read_document", fails)
    loaded = load_many([folder])
    assert [Path(doc.source).name for doc in loaded.documents] == ["a-discovery.md"]
    assert len(loaded.errors) == 2 and all("cannot be read" in error for error in loaded.errors), (
        loaded.errors
    )
