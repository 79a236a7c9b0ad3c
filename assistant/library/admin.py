"""What enablement does to the playbook library: list, upload, replace, delete, tag, re-index, preview.

Files live in the playbooks folder (`ASSISTANT_PLAYBOOKS_DIR`), which stays the source of
truth: every change writes the file first and then brings the index in line with it, so a
re-index from the folder always reproduces what the UI shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.errors import os_problem
from assistant.knowledge.load import Knowledge
from assistant.library.documents import (
    SUPPORTED_SUFFIXES,
    WILDCARD,
    PlaybookDocError,
    expand_path,
    scan_path,
    source_for,
)
from assistant.library.folder_scan import Scan
from assistant.library.front_matter import (
    PlaybookFrontMatter,
    read_front_matter,
    sidecar_path,
    validate_front_matter,
    write_front_matter,
)
from assistant.library.playbook_library import DocumentInfo, IngestReport, PlaybookHit, PlaybookLibrary
from assistant.library.upload_checks import LibraryAdminError, check_known_keys, check_upload, known_keys
from assistant.settings import PROJECT_ROOT, Settings
from assistant.text.files import atomic_write

DocumentProgress = Callable[[int, int, str], None]
"""progress(documents done, documents in all, name of the one being indexed)."""

MAX_NAME_CHARS = 120
_SAFE_NAME = re.compile(r"^\w[\w .()-]*$")


class LibraryDocument(BaseModel):
    """One playbook as the library page lists it: its file, its front matter and its chunks."""

    name: str = Field(description="File name in the playbooks folder; '' for files indexed from elsewhere.")
    source: str
    title: str
    kind: str = ""
    stage: str = ""
    industries: str = ""
    products: str = ""
    chunks: int = 0
    size_bytes: int | None = None

    @property
    def indexed(self) -> bool:
        """Whether any passage of this document is in the index."""
        return self.chunks > 0


class UploadResult(BaseModel):
    """What an upload did."""

    name: str
    replaced: bool
    chunks: int
    warnings: list[str] = Field(default_factory=list)


class FilterOptions(BaseModel):
    """Values the retrieval preview can filter on."""

    kinds: list[str]
    industries: list[str]
    products: list[str]


class PlaybookAdmin:
    """Library management over one playbooks folder and its index."""

    def __init__(
        self, settings: Settings, library: PlaybookLibrary, knowledge: Knowledge | None = None
    ) -> None:
        self.settings = settings
        self.library = library
        self.knowledge = knowledge
        self.folder = settings.playbooks_dir

    def documents(self) -> list[LibraryDocument]:
        """Every indexed document and every playbook file in the folder, indexed or not."""
        listed: dict[str, LibraryDocument] = {}
        for info in self.library.documents():
            meta = info.metadata
            path = self._managed(info.source)
            listed[info.source] = LibraryDocument(
                name=path.name if path else "",
                source=info.source,
                title=info.title,
                kind=info.kind,
                stage=str(meta.get("stage", "")),
                industries=str(meta.get("industries", "")),
                products=str(meta.get("products", "")),
                chunks=info.chunks,
                size_bytes=path.stat().st_size if path and path.exists() else None,
            )
        for path in self._files():
            source = source_for(path)
            if source not in listed:
                listed[source] = LibraryDocument(
                    name=path.name, source=source, title=path.stem, size_bytes=path.stat().st_size
                )
        return sorted(listed.values(), key=lambda doc: (doc.name or "~", doc.source))

    def upload(self, name: str, data: bytes, *, replace: bool = False) -> UploadResult:
        """Check, save and index an uploaded playbook; an existing file is replaced only when asked."""
        target = self._target(name)
        existed = target.exists()
        if existed and not replace:
            raise LibraryAdminError(f"{target.name} already exists: choose 'Replace' to overwrite it")
        warnings = check_upload(target, data, self.settings.max_upload_bytes)
        previous = target.read_bytes() if existed else None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(target, data)  # a failed write leaves the old file as it was
        except OSError as exc:
            raise LibraryAdminError(
                f"{target.name} was not saved: {os_problem(exc)}; the library is unchanged"
            ) from exc
        try:
            report = self.library.ingest([target], prune=False)
            if report.errors:
                raise LibraryAdminError("; ".join(report.errors))
        except Exception:
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                atomic_write(target, previous)
            raise
        return UploadResult(name=target.name, replaced=existed, chunks=report.chunks, warnings=warnings)

    def delete(self, source: str) -> int:
        """Remove a document's passages, and its file (and metadata sidecar) if it is in the folder."""
        removed = self.library.delete_document(source)
        path = self._managed(source)
        if path is not None:
            path.unlink(missing_ok=True)
            sidecar_path(path).unlink(missing_ok=True)
        return removed

    def front_matter(self, source: str) -> PlaybookFrontMatter:
        """The editable front matter of a playbook in the folder."""
        return read_front_matter(self._editable(source))

    def update_front_matter(self, source: str, fields: Mapping[str, object]) -> IngestReport:
        """Validate edited front matter, write it to the file (or its sidecar), and re-index the file."""
        path = self._editable(source)
        front = validate_front_matter(path.name, dict(fields))
        check_known_keys(path.name, front, self.knowledge)
        write_front_matter(path, front)
        return self.library.ingest([path], prune=False)

    def reindex(self, *, rebuild: bool = False, progress: DocumentProgress | None = None) -> IngestReport:
        """Bring the index in line with the folder one document at a time; unchanged files are no-ops."""
        if rebuild:
            self.library.ingest([], rebuild=True)
        scan = scan_path(self.folder) if self.folder.is_dir() else Scan()
        files = scan.files
        skipped = [str(PlaybookDocError(path, problem)) for path, problem in scan.skipped]
        totals = IngestReport(documents=0, chunks=0, added=0, unchanged=0, removed=0, errors=skipped)
        for done, path in enumerate(files):
            if progress:
                progress(done, len(files), path.name)
            totals = _add(totals, self.library.ingest([path], prune=False))
        present = {source_for(path) for path in files}
        refused = {source_for(target) for target in scan.refused_targets}  # indexed through a link before
        for info in self.library.documents():
            managed = self._managed(info.source, must_exist=False)
            if info.source not in present and (managed or info.source in refused):
                totals.removed += self.library.delete_document(info.source)
        if progress:
            progress(len(files), len(files), "")
        return totals

    def preview(
        self,
        query: str,
        *,
        k: int = 5,
        kind: str | None = None,
        industry: str | None = None,
        product: str | None = None,
    ) -> list[PlaybookHit]:
        """What the assistant would read for this query: passages, best first, with scores."""
        if not query.strip():
            return []
        return self.library.search(
            query, k=k, kind=kind or None, industry=industry or None, product=product or None
        )

    def filter_options(self) -> FilterOptions:
        """Kinds, industries and products in use, plus the rubric's industries and product lines."""
        documents = self.library.documents()
        kinds = {doc.kind for doc in documents if doc.kind}
        industries = {*_listed(documents, "industries"), *known_keys(self.knowledge, "industries")} - {
            WILDCARD
        }
        products = {*_listed(documents, "products"), *known_keys(self.knowledge, "products")} - {WILDCARD}
        return FilterOptions(kinds=sorted(kinds), industries=sorted(industries), products=sorted(products))

    def _files(self) -> list[Path]:
        """Playbook files in the folder (none when the folder does not exist yet)."""
        return expand_path(self.folder) if self.folder.is_dir() else []

    def _managed(self, source: str, *, must_exist: bool = True) -> Path | None:
        """The file behind an indexed source when it lies inside the playbooks folder."""
        path = Path(source) if Path(source).is_absolute() else PROJECT_ROOT / source
        try:
            path.resolve().relative_to(self.folder.resolve())
        except ValueError:
            return None
        return path if path.exists() or not must_exist else None

    def _editable(self, source: str) -> Path:
        path = self._managed(source)
        if path is None:
            raise LibraryAdminError(f"{source} is not a file in {self.folder}; only those can be edited here")
        return path

    def _target(self, name: str) -> Path:
        """Where an upload goes; refuses names that could escape the folder or hide the file."""
        name = name.strip()
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
            raise LibraryAdminError(
                f"{name or '(no name)'}: unsupported file type; playbooks may be {supported}"
            )
        if len(name) > MAX_NAME_CHARS or ".." in name or not _SAFE_NAME.match(name):
            raise LibraryAdminError(
                f"{name!r} is not a safe file name: use letters, digits, spaces, '.', '_', '-', '(' or ')',"
                f" at most {MAX_NAME_CHARS} characters, no folders"
            )
        target = self.folder / name
        if target.resolve().parent != self.folder.resolve():
            raise LibraryAdminError(f"{name!r} would be saved outside {self.folder}")
        return target


def _listed(documents: list[DocumentInfo], field: str) -> set[str]:
    """Keys listed in a metadata field of indexed documents (stored as ', '-joined text)."""
    keys: set[str] = set()
    for doc in documents:
        text = str(doc.metadata.get(field, ""))
        keys.update(part.strip() for part in text.split(",") if part.strip())
    return keys


def _add(total: IngestReport, report: IngestReport) -> IngestReport:
    """Two ingest reports as one."""
    return IngestReport(
        documents=total.documents + report.documents,
        chunks=total.chunks + report.chunks,
        added=total.added + report.added,
        unchanged=total.unchanged + report.unchanged,
        removed=total.removed + report.removed,
        errors=total.errors + report.errors,
    )


__all__ = [
    "DocumentProgress",
    "FilterOptions",
    "LibraryAdminError",
    "LibraryDocument",
    "PlaybookAdmin",
    "UploadResult",
]
