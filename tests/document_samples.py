"""Small DOCX and PDF files built in the test run, so no binary fixtures live in the repository."""

from __future__ import annotations

import io


def make_docx(
    sections: list[tuple[str, list[str]]],
    *,
    title: str | None = None,
    table: list[list[str]] | None = None,
) -> bytes:
    """A Word document: an optional Title paragraph, then (Heading 2, paragraphs) per section."""
    from docx import Document

    document = Document()
    if title:
        document.core_properties.title = title
        document.add_paragraph(title, style="Title")
    for heading, paragraphs in sections:
        document.add_heading(heading, level=2)
        for text in paragraphs:
            style = "List Bullet" if text.startswith("- ") else None
            document.add_paragraph(text.removeprefix("- "), style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A minimal valid PDF with a Helvetica text layer; an empty page list entry is a 'scan'."""
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for index, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * index, 4 + 2 * index
        kids.append(f"{page_id} 0 R")
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        ops += [f"({_escape(line)}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info = f"<< /Title ({_escape(title)}) >>".encode() if title else b"<< >>"
    objects.append(info)
    header = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    return _assemble([*header, *objects])


def _assemble(objects: list[bytes]) -> bytes:
    """Number the objects, write the cross-reference table and the trailer (last object is Info)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypt_pdf(data: bytes, password: str) -> bytes:
    """The same PDF locked with a user password (RC4, which pypdf writes without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def with_part(docx: bytes, part: str, content: bytes) -> bytes:
    """The same Word file with one part (`word/document.xml`, `docProps/core.xml` ...) replaced."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info, content if info.filename == part else source.read(info.filename))
    return buffer.getvalue()


WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def nested_document_xml(depth: int) -> bytes:
    """A Word body with `depth` nested elements: lxml refuses more than 256 levels."""
    body = b"<w:p>" * depth + b"<w:r><w:t>deep</w:t></w:r>" + b"</w:p>" * depth
    return (
        f'<?xml version="1.0"?><w:document xmlns:w="{WORD_NAMESPACE}"><w:body>'.encode()
        + body
        + b"</w:body></w:document>"
    )


def pdf_with_content(stream: bytes, *, font: bytes = b"") -> bytes:
    """A one-page PDF whose content stream (and font dictionary tail) are given as raw bytes."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
    return _assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page + b"/Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + font + b" >>",
            b"<< >>",
        ]
    )
