"""Library management on a real folder and a real Chroma index (hashing embedding, temp dirs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.knowledge.load import Knowledge
from assistant.library.admin import LibraryAdminError, PlaybookAdmin
from assistant.library.front_matter import sidecar_path
from assistant.library.playbook_library import PlaybookLibrary
from assistant.settings import Settings
from assistant.text.decoding import InputError
from tests.document_samples import make_docx, make_pdf

PLAY = b"---\ntitle: Hospital budgets\nkind: industry\nindustries: [healthcare]\n---\n\n## Budget\n\nAsk which committee approves capital spend.\n"


@pytest.fixture
def admin(tmp_path: Path, knowledge: Knowledge) -> PlaybookAdmin:
    folder = tmp_path / "playbooks"
    folder.mkdir()
    (folder / "discovery.md").write_text(
        "---\nkind: discovery\n---\n# Discovery\n\n## Timeline\n\nWhen must it be live?\n"
    )
    settings = Settings(
        data_dir=tmp_path / "data", embedding="hashing", playbooks_dir=folder, max_upload_bytes=50_000
    )
    library = PlaybookLibrary(settings)
    library.ingest([folder])
    return PlaybookAdmin(settings, library, knowledge)


def listed(admin: PlaybookAdmin) -> dict[str, int]:
    return {doc.name: doc.chunks for doc in admin.documents()}


def test_upload_markdown_docx_and_pdf_then_they_are_listed_and_found(admin: PlaybookAdmin) -> None:
    admin.upload("hospital.md", PLAY)
    admin.upload("guide.docx", make_docx([("Budget", ["Who signs the purchase order?"])], title="Docx guide"))
    result = admin.upload("faq.pdf", make_pdf([["Pricing FAQ"], []]))
    assert result.warnings == ["faq.pdf: page(s) 2 have no text layer (scanned?) and were skipped"]
    assert listed(admin) == {"discovery.md": 1, "faq.pdf": 1, "guide.docx": 1, "hospital.md": 1}
    hits = admin.preview("committee approves capital spend", k=1, industry="healthcare")
    assert hits[0].source.endswith("hospital.md") and hits[0].section == "Budget"
    assert {hit.source.rsplit("/", 1)[-1] for hit in admin.preview("live", k=5, kind="discovery")} == {
        "discovery.md"
    }


def test_existing_file_is_replaced_only_when_asked(admin: PlaybookAdmin) -> None:
    admin.upload("hospital.md", PLAY)
    with pytest.raises(LibraryAdminError, match=r"hospital\.md already exists: choose 'Replace'"):
        admin.upload("hospital.md", PLAY + b"\n## Timeline\n\nBefore the fiscal year ends.\n")
    assert listed(admin)["hospital.md"] == 1
    result = admin.upload(
        "hospital.md", PLAY + b"\n## Timeline\n\nBefore the fiscal year ends.\n", replace=True
    )
    assert result.replaced and result.chunks == 2 and listed(admin)["hospital.md"] == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../escape.md", "not a safe file name"),
        ("sub/dir.md", "not a safe file name"),
        (".hidden.md", "not a safe file name"),
        ("C:\\evil.md", "not a safe file name"),
        ("run.sh", "unsupported file type"),
        ("notes.vtt", "unsupported file type"),
    ],
)
def test_unsafe_or_unsupported_names_are_refused(admin: PlaybookAdmin, name: str, message: str) -> None:
    with pytest.raises(LibraryAdminError, match=message):
        admin.upload(name, PLAY)
    assert sorted(p.name for p in admin.folder.iterdir()) == ["discovery.md"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("fake.pdf", b"hello, I am text", "is named as a PDF but its content is plain text"),
        ("bad-front.md", b"---\nkind: [a, b]\n---\nBody\n", "'kind' must be text"),
        ("latin.md", "Año".encode("latin-1"), "not UTF-8"),
        ("huge.md", b"# Big\n\n" + b"x" * 60_000, "ASSISTANT_MAX_UPLOAD_BYTES"),
    ],
)
def test_bad_content_is_refused_and_nothing_is_written(
    admin: PlaybookAdmin, name: str, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        admin.upload(name, data)
    assert not (admin.folder / name).exists()
    assert set(listed(admin)) == {"discovery.md"}


def test_delete_removes_file_sidecar_and_passages(admin: PlaybookAdmin) -> None:
    admin.upload("faq.pdf", make_pdf([["Pricing FAQ"]]))
    source = next(doc.source for doc in admin.documents() if doc.name == "faq.pdf")
    admin.update_front_matter(source, {"kind": "pricing"})
    assert sidecar_path(admin.folder / "faq.pdf").exists()
    assert admin.delete(source) == 1
    assert not (admin.folder / "faq.pdf").exists() and not sidecar_path(admin.folder / "faq.pdf").exists()
    assert set(listed(admin)) == {"discovery.md"}
    assert admin.preview("Pricing FAQ", k=5, kind="pricing") == []


def test_front_matter_edit_is_validated_written_and_reindexed(admin: PlaybookAdmin) -> None:
    source = admin.documents()[0].source
    admin.update_front_matter(
        source, {"title": "Discovery", "kind": "discovery", "industries": ["manufacturing"]}
    )
    assert "industries: [manufacturing]" in (admin.folder / "discovery.md").read_text()
    assert admin.preview("live", industry="manufacturing")[0].metadata["industries"] == "manufacturing"
    with pytest.raises(LibraryAdminError, match=r"field industries: unknown 'shipbuilding'"):
        admin.update_front_matter(source, {"industries": ["shipbuilding"]})
    assert admin.front_matter(source).industries == ["manufacturing"]


def test_reindex_reports_progress_per_document_and_prunes_removed_files(admin: PlaybookAdmin) -> None:
    admin.upload("hospital.md", PLAY)
    (admin.folder / "hospital.md").unlink()
    (admin.folder / "new.md").write_text("# New\n\nA new play.\n")
    seen: list[tuple[int, int, str]] = []
    report = admin.reindex(progress=lambda done, total, name: seen.append((done, total, name)))
    assert seen == [(0, 2, "discovery.md"), (1, 2, "new.md"), (2, 2, "")]
    assert (report.documents, report.added, report.unchanged, report.removed) == (2, 1, 1, 1)
    assert listed(admin) == {"discovery.md": 1, "new.md": 1}


def test_files_not_yet_indexed_are_listed_with_no_passages(admin: PlaybookAdmin) -> None:
    (admin.folder / "draft.md").write_text("# Draft\n\nNot indexed yet.\n")
    docs = {doc.name: doc for doc in admin.documents()}
    assert docs["draft.md"].chunks == 0 and not docs["draft.md"].indexed
    options = admin.filter_options()
    assert (
        "discovery" in options.kinds
        and "healthcare" in options.industries
        and "all" not in options.industries
    )


def test_rebuild_drops_every_passage_and_indexes_the_folder_again(admin: PlaybookAdmin) -> None:
    admin.upload("hospital.md", PLAY)
    report = admin.reindex(rebuild=True)
    assert (report.documents, report.added, report.unchanged) == (2, 2, 0)
    assert listed(admin) == {"discovery.md": 1, "hospital.md": 1}
