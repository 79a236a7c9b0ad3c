"""PDF and DOCX playbooks are chunked like Markdown; front matter is edited in the file or its sidecar."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.library.documents import PlaybookDocError, expand_path, load_document
from assistant.library.front_matter import (
    FrontMatterError,
    read_front_matter,
    sidecar_path,
    validate_front_matter,
    write_front_matter,
)
from tests.document_samples import make_docx, make_pdf


def test_docx_playbook_is_chunked_by_its_headings_with_its_metadata_title(tmp_path: Path) -> None:
    path = tmp_path / "guide.docx"
    path.write_bytes(
        make_docx([("Budget", ["Who signs off?"]), ("Timeline", ["When is go-live?"])], title="Guide")
    )
    document = load_document(path)
    assert document.title == "Guide"
    assert [chunk.metadata["section"] for chunk in document.chunks] == ["Budget", "Timeline"]
    assert document.chunks[0].text == "Guide — Budget\n\nWho signs off?"
    assert expand_path(tmp_path) == [path]


def test_pdf_playbook_without_sidecar_gets_default_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "pricing-faq.pdf"
    path.write_bytes(make_pdf([["--- not front matter", "Discounts need VP approval."]]))
    document = load_document(path)
    assert document.title == "Pricing faq"
    meta = document.chunks[0].metadata
    assert meta["kind"] == "" and meta["industries"] == ""
    assert "Discounts need VP approval." in document.chunks[0].text


def test_sidecar_front_matter_tags_a_pdf_and_changes_its_hash(tmp_path: Path) -> None:
    path = tmp_path / "bank-play.pdf"
    path.write_bytes(make_pdf([["Examiners ask for audit trails."]], title="Bank play"))
    before = load_document(path)
    write_front_matter(
        path, validate_front_matter(path.name, {"kind": "Industry", "industries": "financial_services"})
    )
    assert (
        sidecar_path(path).read_text(encoding="utf-8") == "kind: industry\nindustries: [financial_services]\n"
    )
    after = load_document(path)
    assert after.doc_hash != before.doc_hash
    assert after.title == "Bank play"  # the PDF's own title when the sidecar sets none
    assert after.chunks[0].metadata["industry_financial_services"] is True


def test_broken_pdf_playbook_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deck.pdf"
    path.write_bytes(b"not a pdf at all")
    with pytest.raises(PlaybookDocError, match=r"deck\.pdf: is named as a PDF but its content is plain text"):
        load_document(path)


def test_markdown_front_matter_is_rewritten_and_the_body_and_other_fields_kept(tmp_path: Path) -> None:
    path = tmp_path / "play.md"
    body = "\n# Play\n\nKeep   this  spacing.\n"
    path.write_text(f"---\ntitle: Old\nowner: enablement\nkind: discovery\n---{body}", encoding="utf-8")
    front = validate_front_matter(
        "play.md", {"title": "New: title", "kind": "industry", "industries": ["healthcare"]}
    )
    write_front_matter(path, front)
    text = path.read_text(encoding="utf-8")
    assert text.endswith(f"---{body}")
    assert read_front_matter(path).model_dump() == {
        "title": "New: title",
        "kind": "industry",
        "stage": "",
        "industries": ["healthcare"],
        "products": [],
    }
    assert "owner: enablement" in text


def test_front_matter_is_added_to_a_file_without_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Plain playbook text.\n", encoding="utf-8")
    write_front_matter(path, validate_front_matter(path.name, {"stage": "renewal"}))
    assert path.read_text(encoding="utf-8") == "---\nstage: renewal\n---\n\nPlain playbook text.\n"
    assert load_document(path).chunks[0].metadata["stage"] == "renewal"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "two words"}, r"play\.md: field kind: 'two words' must be one lower-case word"),
        ({"industries": ["Financial Services!"]}, r"field industries: 'financial services!'"),
        ({"color": "red"}, r"field color: Extra inputs are not permitted"),
    ],
)
def test_invalid_front_matter_names_the_file_and_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(FrontMatterError, match=message):
        validate_front_matter("play.md", fields)
