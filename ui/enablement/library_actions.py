"""The playbook library page's callbacks and table rows; the work itself is `PlaybookAdmin`'s."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from assistant.library.admin import LibraryDocument, PlaybookAdmin
from assistant.library.documents import WILDCARD
from assistant.library.playbook_library import PlaybookHit
from assistant.text.instructions import suspicious_lines
from assistant.text.markdown import escape_streamlit
from ui.enablement.shared import bump_version, flash, get_admin, guarded

PAGE = "library"
UPLOAD_VERSION = "library_upload_version"
FRONT_FIELDS = ("title", "kind", "stage", "industries", "products")
FRONT_KEYS = {name: f"library_fm_{name}" for name in FRONT_FIELDS}
FRONT_SOURCE = "library_fm_source"


def passages(count: int) -> str:
    """'1 passage', '3 passages'."""
    return f"{count} passage{'' if count == 1 else 's'}"


def upload_key() -> str:
    """The uploader's key; it changes after a successful upload so the picked files are cleared."""
    return f"library_upload_{st.session_state.get(UPLOAD_VERSION, 0)}"


def document_rows(documents: Sequence[LibraryDocument]) -> list[dict[str, Any]]:
    """The documents table: one row per document, plain values only."""
    return [
        {
            "File": doc.name or doc.source,
            "Title": doc.title,
            "Kind": doc.kind,
            "Stage": doc.stage,
            "Industries": doc.industries,
            "Products": doc.products,
            "Passages": doc.chunks,
            "Size (KB)": round(doc.size_bytes / 1024, 1) if doc.size_bytes is not None else None,
        }
        for doc in documents
    ]


def hit_rows(hits: Sequence[PlaybookHit]) -> list[dict[str, Any]]:
    """The retrieval preview table."""
    return [
        {
            "Score": round(hit.score, 3),
            "Title": str(hit.metadata.get("title", "")),
            "Section": hit.section,
            "Kind": str(hit.metadata.get("kind", "")),
            "Industries": str(hit.metadata.get("industries", "")),
            "Source": hit.source,
            "Flag": "reads as an instruction or credential request" if suspicious_lines(hit.text, 1) else "",
        }
        for hit in hits
    ]


def upload_files() -> None:
    """Save and index each picked file; the picker is cleared only when every file went in."""
    files = st.session_state.get(upload_key()) or []
    if not files:
        flash(PAGE, "info", "Pick one or more files first.")
        return
    replace = bool(st.session_state.get("library_replace"))
    admin = get_admin()
    added = [
        guarded(PAGE, f"Adding {file.name}", partial(_upload_one, admin, file.name, file.getvalue(), replace))
        for file in files
    ]
    if all(added):
        bump_version(UPLOAD_VERSION)


def _upload_one(admin: PlaybookAdmin, name: str, data: bytes, replace: bool) -> None:
    result = admin.upload(name, data, replace=replace)
    verb = "Replaced" if result.replaced else "Added"
    flash(PAGE, "success", f"{verb} {result.name}: {passages(result.chunks)} indexed.")
    for warning in result.warnings:
        flash(PAGE, "warning", warning)


def forget_front_matter_form() -> None:
    """Another document was chosen: its own front matter loads on the next run."""
    for key in [*FRONT_KEYS.values(), FRONT_SOURCE, "library_confirm_delete"]:
        st.session_state.pop(key, None)


def seed_front_matter_form(admin: PlaybookAdmin, source: str) -> None:
    """Fill the form from the file once per chosen document (edits in progress are kept)."""
    if st.session_state.get(FRONT_SOURCE) == source:
        return
    front = admin.front_matter(source)
    for name, key in FRONT_KEYS.items():
        st.session_state[key] = getattr(front, name)
    st.session_state[FRONT_SOURCE] = source


def choices(known: Sequence[str], key: str) -> list[str]:
    """Multiselect options: the known keys, `all`, and whatever the file already lists."""
    chosen = st.session_state.get(key) or []
    return list(dict.fromkeys([WILDCARD, *known, *chosen]))


def save_front_matter(source: str) -> None:
    """Validate and write the edited front matter, then re-index that file."""
    fields = {name: st.session_state.get(key) for name, key in FRONT_KEYS.items()}
    fields = {name: value if value is not None else "" for name, value in fields.items()}

    def save() -> None:
        report = get_admin().update_front_matter(source, fields)
        flash(PAGE, "success", f"Front matter saved; {passages(report.chunks)} re-indexed.")

    guarded(PAGE, "Saving the front matter", save)


def delete_document(source: str) -> None:
    """Delete the chosen document, its sidecar and its passages."""

    def delete() -> None:
        removed = get_admin().delete(source)
        flash(PAGE, "success", f"Deleted {Path(source).name} and its {passages(removed)}.")
        st.session_state["library_document"] = None
        forget_front_matter_form()

    guarded(PAGE, f"Deleting {source}", delete)


def reindex(admin: PlaybookAdmin, bar: DeltaGenerator, *, rebuild: bool) -> None:
    """Re-index the folder with a progress bar per document, then report what changed."""

    def progress(done: int, total: int, name: str) -> None:
        text = f"Indexing {escape_streamlit(name)} ({done + 1} of {total})" if name else "Done"
        bar.progress(done / total if total else 1.0, text=text)

    report = admin.reindex(rebuild=rebuild, progress=progress)
    flash(
        PAGE,
        "success",
        f"Re-indexed {report.documents} documents: {report.added} passages added, {report.unchanged} "
        f"unchanged, {report.removed} removed.",
    )
    for error in report.errors:
        flash(PAGE, "warning", error)
