"""Turn playbook files (Markdown, text, PDF, DOCX) into self-contained, content-addressed chunks.

Chroma metadata values must be scalars, so metadata is flat: `title`, `kind`, `stage` (the last
two lower-cased so filters match); `industries`, `products` as ", "-joined display strings; and
one boolean flag per listed value, `industry_<slug>` / `product_<slug>` (see `flag_key`), so
"playbooks for healthcare" is an exact-match filter on `industry_healthcare` (or `industry_all`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from assistant.library.chunking import MAX_CHUNK_CHARS as MAX_CHUNK_CHARS
from assistant.library.chunking import markdown_sections
from assistant.library.chunking import split_long_text as split_long_text
from assistant.library.folder_scan import Scan, link_problem, scan_folder
from assistant.library.front_matter import BINARY_SUFFIXES, FrontMatterError, read_sidecar
from assistant.settings import PROJECT_ROOT
from assistant.text.decoding import utf16_text
from assistant.text.documents import DocumentError, read_document

SUPPORTED_SUFFIXES = frozenset({".md", ".markdown", ".txt", *BINARY_SUFFIXES})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
CHUNK_ID_CHARS = 32
MAX_PLAYBOOK_BYTES = 50_000_000
# Bump when chunking changes, so unchanged files are re-chunked on the next ingest.
CHUNKER_VERSION = "1"
LIST_FIELDS = {"industries": "industry", "products": "product"}
TEXT_FIELDS = ("kind", "stage")
WILDCARD = "all"  # `industries: [all]` marks a playbook that applies to every industry

MetadataValue = str | int | float | bool

_SLUG = re.compile(r"[^a-z0-9]+")


class PlaybookDocError(Exception):
    """A playbook file that cannot be indexed; the message names the file and the fix."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class PlaybookChunk:
    """One retrievable passage; `text` starts with the title and heading so it stands alone."""

    id: str
    text: str
    metadata: dict[str, MetadataValue]


@dataclass
class LoadResult:
    """What a batch load produced; failed files are named so their old chunks are kept."""

    documents: list[PlaybookDocument] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_sources: set[str] = field(default_factory=set)
    refused_sources: set[str] = field(default_factory=set)
    """Targets of links refused in a folder: passages indexed from them by an older version are pruned."""


@dataclass(frozen=True)
class PlaybookDocument:
    """A parsed playbook file: its identity, hash and chunks."""

    source: str
    doc_hash: str
    title: str
    chunks: tuple[PlaybookChunk, ...]


def source_for(path: Path, root: Path = PROJECT_ROOT) -> str:
    """Stable name of a file in the index: project-relative POSIX path, else absolute path."""
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_posix()


def flag_key(prefix: str, value: str) -> str:
    """Metadata key of an industry or product flag: ("industry", "Financial services") -> ..."""
    return f"{prefix}_{_SLUG.sub('_', value.strip().lower()).strip('_')}"


def expand_path(path: Path) -> list[Path]:
    """Files to ingest for one given path: supported files of a folder, recursively and sorted."""
    return scan_path(path).files


def scan_path(path: Path) -> Scan:
    """Files to ingest for one given path, and the links passed over (see `folder_scan`).

    A file named explicitly is refused when hidden, or when it is a link that leaves its folder.
    """
    if path.is_dir():
        return scan_folder(path, SUPPORTED_SUFFIXES)
    if path.name.startswith("."):
        raise PlaybookDocError(
            path, "is a hidden file (its name starts with '.'); hidden files are never indexed"
        )
    if path.is_symlink() and (problem := link_problem(path, path.parent)):
        raise PlaybookDocError(path, problem)
    if not path.exists():
        raise PlaybookDocError(path, "no such file or folder")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise PlaybookDocError(
            path, f"unsupported file type {path.suffix or '(none)'!r}; supported: {supported}"
        )
    return Scan(files=[path])


def load_document(path: Path) -> PlaybookDocument:
    """Read and chunk one playbook file, raising PlaybookDocError with a fix when it is bad."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PlaybookDocError(path, f"cannot be read ({exc.strerror or exc})") from exc
    if path.suffix.lower() in BINARY_SUFFIXES:
        raw, markdown = converted_playbook(path, raw)
        return parse_document(source_for(path), raw, markdown=markdown)
    return parse_document(source_for(path), raw, markdown=path.suffix.lower() in MARKDOWN_SUFFIXES)


def converted_playbook(path: Path, raw: bytes) -> tuple[bytes, bool]:
    """A PDF or DOCX as text with front matter from its sidecar (title from its metadata if unset)."""
    try:
        document = read_document(path.name, raw, MAX_PLAYBOOK_BYTES)
        fields = read_sidecar(path)
    except DocumentError as exc:
        raise PlaybookDocError(path, exc.problem) from exc
    except FrontMatterError as exc:
        raise PlaybookDocError(path, str(exc)) from exc
    if document.title and not fields.get("title"):
        fields = {**fields, "title": document.title}
    block = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True) if fields else "{}\n"
    text = f"---\n{block}---\n\n{document.text}"  # always a block, so body text is never read as one
    return text.encode("utf-8"), document.markdown


def parse_document(source: str, raw: bytes, *, markdown: bool = True) -> PlaybookDocument:
    """Chunk file contents; pure, so tests and uploads need no file on disk."""
    text = _decode(source, raw)
    fields, body = _split_front_matter(source, text)
    title = _title(fields, body, markdown, source)
    doc_hash = hashlib.sha256(CHUNKER_VERSION.encode() + b"\0" + raw).hexdigest()[:CHUNK_ID_CHARS]
    base = {"source": source, "doc_hash": doc_hash, **_doc_metadata(source, fields, title)}
    sections = markdown_sections(body) if markdown else [([], body)]
    chunks: list[PlaybookChunk] = []
    seen: set[str] = set()
    for path, section_body in sections:
        section = path[-1][1] if path else ""
        header = " — ".join([title, *[h for _, h in path if h != title]])
        for part in split_long_text(section_body.strip()):
            chunk_text = f"{header}\n\n{part}"
            key = f"{source}\x1f{section}\x1f{chunk_text}".encode()
            chunk_id = hashlib.sha256(key).hexdigest()[:CHUNK_ID_CHARS]
            if chunk_id in seen:
                continue  # an identical passage repeated in one section adds nothing
            seen.add(chunk_id)
            meta = {**base, "section": section, "chunk_index": len(chunks)}
            chunks.append(PlaybookChunk(id=chunk_id, text=chunk_text, metadata=meta))
    return PlaybookDocument(source=source, doc_hash=doc_hash, title=title, chunks=tuple(chunks))


def _decode(source: str, raw: bytes) -> str:
    """UTF-8 (or UTF-16) text, or a PlaybookDocError that says how to fix the file."""
    if (text := utf16_text(raw)) is not None:  # Windows tools save text so; its NULs are not binary
        return text
    if b"\0" in raw[:8192]:
        raise PlaybookDocError(source, "is a binary file, not text; export it as .md or .txt")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = f"is not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8"
        raise PlaybookDocError(source, problem) from exc


def _split_front_matter(source: str, text: str) -> tuple[dict[str, object], str]:
    """Front matter fields and body; malformed YAML is an error, not a silent default."""
    try:
        fields, body = frontmatter.parse(text)
    except Exception as exc:  # yaml, toml and json handlers raise their own error types
        detail = " ".join(str(exc).split())[:200]
        raise PlaybookDocError(source, f"malformed front matter: {detail}") from exc
    if not isinstance(fields, dict):
        raise PlaybookDocError(source, "front matter must be a mapping of field: value")
    return fields, str(body)


def _doc_metadata(source: str, fields: dict[str, object], title: str) -> dict[str, MetadataValue]:
    """Flatten the front matter into scalar metadata plus one flag per industry and product."""
    meta: dict[str, MetadataValue] = {"title": title}
    for name in TEXT_FIELDS:
        meta[name] = _scalar_text(source, name, fields.get(name)).lower()
    for name, prefix in LIST_FIELDS.items():
        values = _text_list(source, name, fields.get(name))
        meta[name] = ", ".join(values)
        meta.update({flag_key(prefix, value): True for value in values})
    return meta


def _scalar_text(source: str, name: str, value: object) -> str:
    """A front-matter field that must be a single value."""
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    raise PlaybookDocError(source, f"front matter field {name!r} must be text, got {value!r}")


def _text_list(source: str, name: str, value: object) -> list[str]:
    """A front-matter field given as a YAML list or a comma-separated string."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, (str, int, float)) for i in items):
        raise PlaybookDocError(source, f"front matter field {name!r} must be a list of names")
    return [str(item).strip() for item in items if str(item).strip()]


def _title(fields: dict[str, object], body: str, markdown: bool, source: str) -> str:
    """Front-matter title, else the first `#` heading, else the file name."""
    given = _scalar_text(source, "title", fields.get("title"))
    if given:
        return given
    h1 = [p[0][1] for p, _ in markdown_sections(body) if p and p[0][0] == 1] if markdown else []
    if h1:
        return h1[0]
    stem = Path(source).stem.replace("-", " ").replace("_", " ").strip()
    return stem[:1].upper() + stem[1:]


def load_many(paths: Sequence[Path], unchanged: Callable[[Path], bool] | None = None) -> LoadResult:
    """Load every file under `paths`, collecting errors instead of stopping at the first; a file
    `unchanged` says is as the index holds it is passed over unread."""
    result = LoadResult()
    for given in paths:
        try:
            scan = scan_path(given)
        except PlaybookDocError as exc:
            result.errors.append(str(exc))
            continue
        result.errors.extend(str(PlaybookDocError(path, problem)) for path, problem in scan.skipped)
        result.refused_sources.update(source_for(target) for target in scan.refused_targets)
        for file in scan.files:
            if unchanged is not None and unchanged(file):
                continue
            try:
                result.documents.append(load_document(file))
            except PlaybookDocError as exc:
                result.errors.append(str(exc))
                result.failed_sources.add(source_for(file))
            except Exception as exc:  # a reader failure no check foresaw: this file only, never the folder
                result.errors.append(str(PlaybookDocError(file, unreadable(exc))))
                result.failed_sources.add(source_for(file))
    return result


def unreadable(exc: BaseException) -> str:
    """Why a file could not be read, when the failure came from no check of ours."""
    if isinstance(exc, RecursionError):
        return "cannot be read: its structure is nested too deeply (a damaged file?)"
    detail = " ".join(str(exc).split())[:160]
    return f"cannot be read ({type(exc).__name__}{': ' + detail if detail else ''}); save it again"


def where_filter(
    *, kind: str | None = None, industry: str | None = None, product: str | None = None
) -> dict[str, Any] | None:
    """Chroma `where` clause for kind, industry and product; `all`-tagged playbooks always match."""
    clauses: list[dict[str, Any]] = [{"kind": kind.strip().lower()}] if kind else []
    for prefix, value in (("industry", industry), ("product", product)):
        if value:
            flags = [{flag_key(prefix, value): True}, {flag_key(prefix, WILDCARD): True}]
            clauses.append({"$or": flags})
    return {"$and": clauses} if len(clauses) > 1 else (clauses[0] if clauses else None)


def pruned_sources(paths: Sequence[Path], candidates: Iterable[str]) -> list[str]:
    """Indexed sources under the given folders (or given as files) that a run did not see."""
    prefixes = [source_for(p).rstrip("/") + "/" for p in paths if p.is_dir()]
    explicit = {source_for(p) for p in paths if not p.is_dir()}
    return sorted(s for s in candidates if s in explicit or any(s.startswith(x) for x in prefixes))
