"""Read uploaded documents (text, Markdown, WebVTT, DOCX, PDF) into text, or say clearly why not.

The type comes from the bytes, not the name alone: a `.pdf` that is not a PDF, or a `.md`
that is really a Word file, is refused with a message that says what it is and what to do.
DOCX headings become Markdown headings so that the playbook chunker keeps the sections.

python-docx, lxml, zipfile and pypdf raise dozens of unrelated types on a damaged file (an
`XMLSyntaxError` on broken XML or past lxml's 256 nesting levels, a `RecursionError` on a PDF
of deeply nested arrays): every failure inside a reader becomes a `DocumentError` naming the
file (`damaged`), so one bad file is one per-file error and never a crash of the whole job.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, NoReturn

from assistant.text.decoding import InputError, decode_bytes, human_size

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from pypdf import PdfReader

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".vtt"})
DOCX_SUFFIX = ".docx"
PDF_SUFFIX = ".pdf"
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {DOCX_SUFFIX, PDF_SUFFIX}
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .doc/.xls
MAX_HEADING_LEVEL = 3  # the chunker splits on #, ## and ###
UNPACKED_FACTOR = 5
MIN_UNPACKED_BYTES = 50_000_000
"""A .docx may unpack to 5 times the upload limit (at least 50 MB); more is damaged or a zip bomb."""

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s*(bullet|number|paragraph)", re.IGNORECASE)


class DocumentError(InputError):
    """A document that cannot be read; `problem` says why without repeating the file name."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")


@dataclass(frozen=True)
class ExtractedDocument:
    """A document's text, the title its metadata gives (if any), and what the reader noticed."""

    text: str
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    markdown: bool = False


def extract_text(name: str, data: bytes, max_bytes: int) -> tuple[str, list[str]]:
    """The text of an uploaded file and any warnings; InputError when it cannot be read."""
    document = read_document(name, data, max_bytes)
    return document.text, document.warnings


def read_document(name: str, data: bytes, max_bytes: int) -> ExtractedDocument:
    """Check size and type from the bytes, then read the file with the reader for its format."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise DocumentError(name, f"unsupported file type {suffix or '(none)'!r}; supported: {supported}")
    if len(data) > max_bytes:
        raise DocumentError(
            name,
            f"is {human_size(len(data))}; files over {human_size(max_bytes)} are refused (ASSISTANT_MAX_UPLOAD_BYTES)",
        )
    if not data.strip():
        raise DocumentError(name, "is empty")
    actual = sniff_format(data)
    if suffix == PDF_SUFFIX:
        return _read_pdf(name, data) if actual == "pdf" else _mismatch(name, "a PDF", actual)
    if suffix == DOCX_SUFFIX:
        if actual == "broken":
            raise damaged(name, "Word document", ValueError("it is a ZIP archive cut short or broken"))
        if actual != "docx":
            _mismatch(name, "a Word .docx file", actual)
        _check_unpacked_size(name, data, max(max_bytes * UNPACKED_FACTOR, MIN_UNPACKED_BYTES))
        return _read_docx(name, data)
    if actual != "text":
        return _mismatch(name, "text", actual)
    decoded = decode_bytes(data, name)
    return ExtractedDocument(decoded.text, warnings=decoded.warnings, markdown=suffix in {".md", ".markdown"})


def sniff_format(data: bytes) -> str:
    """What the bytes are: 'pdf', 'docx', 'zip', 'broken' (a ZIP that cannot be opened), 'doc' or 'text'."""
    if PDF_MAGIC in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else "zip"
        except Exception:  # any damage to the archive's directory (a file cut short)
            return "broken"
    if data.startswith(OLE_MAGIC):
        return "doc"
    return "text"


_DESCRIBED = {
    "pdf": "a PDF (rename it .pdf)",
    "docx": "a Word document (rename it .docx)",
    "zip": "a ZIP archive, not a document",
    "broken": "a damaged ZIP archive (a Word file cut short?), not a document",
    "doc": "a legacy Word/Office file: save it as .docx or PDF",
    "text": "plain text (rename it .txt or .md)",
}


def damaged(name: str, what: str, exc: BaseException) -> DocumentError:
    """The one message for a reader's failure on a damaged file, whatever the library raised."""
    if isinstance(exc, RecursionError):
        detail = "its structure is nested too deeply to read"
    else:
        detail = " ".join(str(exc).split())[:160] or type(exc).__name__
    return DocumentError(name, f"is damaged or not a readable {what} ({detail}); save it again, or export it")


def _mismatch(name: str, expected: str, actual: str) -> NoReturn:
    """Refuse a file whose bytes are not what its extension claims."""
    raise DocumentError(name, f"is named as {expected} but its content is {_DESCRIBED[actual]}")


def _read_pdf(name: str, data: bytes) -> ExtractedDocument:
    """Page text through pypdf; pages without a text layer (scans) are named in a warning."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every repaired xref
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            _unlock(name, reader, warnings)
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types on damage, RecursionError on deep nesting
        raise damaged(name, "PDF", exc) from exc
    blank = [str(number) for number, text in enumerate(pages, start=1) if not text]
    if len(blank) == len(pages):
        raise DocumentError(
            name, "has no text layer (a scanned image?): run OCR on it, or upload the source document"
        )
    if blank:
        warnings.append(f"{name}: page(s) {', '.join(blank)} have no text layer (scanned?) and were skipped")
    text = "\n\n".join(page for page in pages if page)
    return ExtractedDocument(text, title=_clean_title(title), warnings=warnings)


def _unlock(name: str, reader: PdfReader, warnings: list[str]) -> None:
    """Open a PDF locked only by an owner password; a user password cannot be guessed."""
    from pypdf.errors import DependencyError

    try:
        unlocked = reader.decrypt("")
    except (DependencyError, NotImplementedError) as exc:
        raise DocumentError(
            name, "is encrypted with a cipher this install cannot open; save an unencrypted copy"
        ) from exc
    if not unlocked:
        raise DocumentError(
            name, "is password-protected: save a copy without a password (e.g. print to PDF) and upload that"
        )
    warnings.append(f"{name}: the PDF is encrypted without a password; its text was read anyway")


def _check_unpacked_size(name: str, data: bytes, limit: int) -> None:
    """Refuse a Word file whose parts unpack to more than `limit` bytes, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # a directory damaged past what sniff_format noticed
        raise damaged(name, "Word document", exc) from exc
    if unpacked > limit:
        raise DocumentError(
            name,
            f"unpacks to {human_size(unpacked)}, over the {human_size(limit)} a Word file may hold "
            f"({UNPACKED_FACTOR} x ASSISTANT_MAX_UPLOAD_BYTES, at least {human_size(MIN_UNPACKED_BYTES)}): "
            "it is damaged or a zip bomb; save it again, or export it as PDF",
        )


def _read_docx(name: str, data: bytes) -> ExtractedDocument:
    """Paragraphs and tables in document order; Heading styles become Markdown headings."""
    from docx import Document
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
        blocks = [
            _table_text(item) if isinstance(item, Table) else _paragraph_text(item)
            for item in document.iter_inner_content()
        ]
        title = document.core_properties.title
    except Exception as exc:  # lxml's XMLSyntaxError, zipfile, python-docx, RecursionError ...
        raise damaged(name, "Word document", exc) from exc
    text = "\n\n".join(block for block in blocks if block)
    if not text.strip():
        raise DocumentError(name, "has no text (only images or empty pages?)")
    return ExtractedDocument(text, title=_clean_title(title), markdown=True)


def _paragraph_text(paragraph: Paragraph) -> str:
    """One paragraph as Markdown: headings and list items keep their shape."""
    text = " ".join(paragraph.text.split())
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if not text:
        return ""
    if style.lower() == "title":
        return f"# {text}"
    if heading := _HEADING_STYLE.match(style):
        return f"{'#' * min(int(heading.group(1)), MAX_HEADING_LEVEL)} {text}"
    if _LIST_STYLE.match(style):
        return f"- {text}"
    return text


def _table_text(table: Table) -> str:
    """A table as Markdown-style rows, merged cells written once."""
    rows = []
    for row in table.rows:
        cells = list(dict.fromkeys(" ".join(cell.text.split()) for cell in row.cells))
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _clean_title(title: str | None) -> str | None:
    """A metadata title worth showing, or None (many tools write 'Untitled' or 'Microsoft Word - x')."""
    if not title:
        return None
    cleaned = " ".join(str(title).split())
    cleaned = re.sub(r"^microsoft word\s*-\s*", "", cleaned, flags=re.IGNORECASE)
    return None if not cleaned or cleaned.lower() in {"untitled", "title"} else cleaned
