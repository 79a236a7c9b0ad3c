"""Uploaded files become text, or a message that names the file and says what to do."""

from __future__ import annotations

import pytest

from assistant.text.decoding import InputError
from assistant.text.documents import extract_text, read_document, sniff_format
from tests.document_samples import encrypt_pdf, make_docx, make_pdf

LIMIT = 1_000_000


def test_text_markdown_and_transcripts_are_decoded() -> None:
    text, warnings = extract_text("notes.txt", "Budget: 90.000 € aprobado".encode(), LIMIT)
    assert text == "Budget: 90.000 € aprobado" and warnings == []
    text, warnings = extract_text(
        "call.vtt", "WEBVTT\n\n00:01.000 --> 00:04.000\nAño fiscal".encode("cp1252"), LIMIT
    )
    assert "Año fiscal" in text and "Windows-1252" in warnings[0]
    assert read_document("play.md", b"# Title\n\nBody", LIMIT).markdown


def test_docx_keeps_headings_lists_and_tables_in_order() -> None:
    data = make_docx(
        [
            ("Budget", ["Ask who approves spend.", "- Is money set aside?"]),
            ("Timeline", ["When must it be live?"]),
        ],
        title="Discovery guide",
        table=[["Criterion", "Question"], ["Size", "How many employees?"]],
    )
    document = read_document("guide.docx", data, LIMIT)
    assert document.title == "Discovery guide"
    lines = document.text.splitlines()
    assert lines[0] == "# Discovery guide"
    assert lines.index("## Budget") < lines.index("- Is money set aside?") < lines.index("## Timeline")
    assert "| Size | How many employees? |" in lines


def test_pdf_text_layer_title_and_scanned_pages_are_reported() -> None:
    data = make_pdf([["Budget questions", "Who approves spend (and when)?"], [], ["Timeline"]], title="Guide")
    document = read_document("guide.pdf", data, LIMIT)
    assert "Who approves spend (and when)?" in document.text and "Timeline" in document.text
    assert document.title == "Guide"
    assert document.warnings == ["guide.pdf: page(s) 2 have no text layer (scanned?) and were skipped"]


def test_pdf_with_no_text_at_all_asks_for_ocr() -> None:
    with pytest.raises(InputError, match=r"scan\.pdf: has no text layer .*OCR"):
        read_document("scan.pdf", make_pdf([[], []]), LIMIT)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "deck.pdf",
            b"just some text pretending",
            r"deck\.pdf: is named as a PDF but its content is plain text",
        ),
        (
            "notes.md",
            make_pdf([["x"]]),
            r"notes\.md: is named as text but its content is a PDF \(rename it \.pdf\)",
        ),
        (
            "guide.docx",
            make_pdf([["x"]]),
            r"guide\.docx: is named as a Word \.docx file but its content is a PDF",
        ),
        ("archive.docx", b"PK\x03\x04not really a zip", r"archive\.docx: .* a ZIP archive"),
        ("old.md", b"\xd0\xcf\x11\xe0" + b"\0" * 64, r"legacy Word/Office file: save it as \.docx or PDF"),
        (
            "broken.pdf",
            b"%PDF-1.4\ngarbage with no objects",
            r"broken\.pdf: is damaged or not a readable PDF",
        ),
        ("slides.pptx", b"PK\x03\x04", r"unsupported file type '\.pptx'"),
        ("empty.txt", b"  \n", r"empty\.txt: is empty"),
    ],
)
def test_content_is_checked_by_its_bytes_not_its_name(name: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_document(name, data, LIMIT)


def test_password_protected_pdf_is_refused_with_what_to_do() -> None:
    locked = encrypt_pdf(make_pdf([["Secret pricing"]]), "s3cret")
    with pytest.raises(
        InputError, match=r"locked\.pdf: is password-protected: save a copy without a password"
    ):
        read_document("locked.pdf", locked, LIMIT)


def test_pdf_encrypted_without_a_password_is_read_with_a_warning() -> None:
    document = read_document("open.pdf", encrypt_pdf(make_pdf([["Open pricing"]]), ""), LIMIT)
    assert "Open pricing" in document.text
    assert "encrypted without a password" in document.warnings[0]


def test_size_limit_names_the_setting() -> None:
    with pytest.raises(
        InputError, match=r"big\.txt: is 2 KB; files over 1 KB are refused \(ASSISTANT_MAX_UPLOAD_BYTES\)"
    ):
        read_document("big.txt", b"x" * 2_000, 1_000)


def test_sniffing_tells_formats_apart() -> None:
    assert sniff_format(make_pdf([["x"]])) == "pdf"
    assert sniff_format(make_docx([("A", ["b"])])) == "docx"
    assert sniff_format(b"plain words") == "text"
