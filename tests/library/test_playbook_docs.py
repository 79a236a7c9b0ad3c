"""Playbook files become self-contained chunks with flat metadata and stable content-hash ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.library.documents import (
    MAX_CHUNK_CHARS,
    PlaybookDocError,
    expand_path,
    flag_key,
    load_document,
    load_many,
    parse_document,
    pruned_sources,
    source_for,
    split_long_text,
    where_filter,
)
from assistant.settings import PROJECT_ROOT

DISCOVERY = """---
title: Discovery questions by criterion
kind: Discovery
stage: qualification
industries: [healthcare, Financial services]
products: core_platform, analytics
---

Read this before the first call.

# Discovery questions by criterion

## Budget

- Is money set aside for this project this fiscal year?
- Who approves spend of this size?

## Timeline

### Contract end dates

Ask when the current vendor contract ends.

```python
# not a heading inside a code fence
```
"""


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_markdown_is_chunked_by_heading_with_standalone_text() -> None:
    doc = parse_document("playbooks/discovery.md", DISCOVERY.encode())
    sections = [chunk.metadata["section"] for chunk in doc.chunks]
    assert sections == ["", "Budget", "Contract end dates"]
    budget = doc.chunks[1].text
    assert budget.startswith("Discovery questions by criterion — Budget\n\n- Is money set aside")
    nested = doc.chunks[2].text
    assert nested.startswith("Discovery questions by criterion — Timeline — Contract end dates\n\n")
    assert "# not a heading inside a code fence" in nested
    assert [chunk.metadata["chunk_index"] for chunk in doc.chunks] == [0, 1, 2]


def test_front_matter_becomes_flat_filterable_metadata() -> None:
    meta = parse_document("playbooks/discovery.md", DISCOVERY.encode()).chunks[1].metadata
    assert meta["title"] == "Discovery questions by criterion"
    assert meta["kind"] == "discovery"
    assert meta["stage"] == "qualification"
    assert meta["industries"] == "healthcare, Financial services"
    assert meta["products"] == "core_platform, analytics"
    assert meta["industry_healthcare"] is True
    assert meta["industry_financial_services"] is True
    assert meta["product_analytics"] is True
    assert meta["source"] == "playbooks/discovery.md"
    assert all(isinstance(value, (str, int, float, bool)) for value in meta.values())


def test_title_falls_back_to_first_h1_then_file_name() -> None:
    from_h1 = parse_document("x/notes.md", b"# Renewal basics\n\nStart early.\n")
    assert from_h1.title == "Renewal basics"
    assert from_h1.chunks[0].text.startswith("Renewal basics\n\nStart early.")
    from_stem = parse_document("x/partner-tiers.txt", b"Silver, Gold, Platinum.", markdown=False)
    assert from_stem.title == "Partner tiers"


def test_ids_are_content_hashes_stable_across_runs_and_local_to_their_section() -> None:
    first = parse_document("playbooks/discovery.md", DISCOVERY.encode())
    again = parse_document("playbooks/discovery.md", DISCOVERY.encode())
    assert [c.id for c in first.chunks] == [c.id for c in again.chunks]
    assert first.doc_hash == again.doc_hash
    edited = parse_document(
        "playbooks/discovery.md", DISCOVERY.replace("current vendor", "incumbent").encode()
    )
    assert edited.doc_hash != first.doc_hash
    assert edited.chunks[1].id == first.chunks[1].id  # Budget untouched
    assert edited.chunks[2].id != first.chunks[2].id
    elsewhere = parse_document("other/discovery.md", DISCOVERY.encode())
    assert elsewhere.chunks[1].id != first.chunks[1].id


def test_long_sections_split_on_paragraph_boundaries() -> None:
    paragraphs = [f"Paragraph {i}. " + "Ask about the budget owner. " * 12 for i in range(12)]
    doc = parse_document("p.md", ("## Budget\n\n" + "\n\n".join(paragraphs)).encode())
    assert len(doc.chunks) > 1
    for chunk in doc.chunks:
        body = chunk.text.split("\n\n", 1)[1]
        assert len(body) <= MAX_CHUNK_CHARS
        assert chunk.metadata["section"] == "Budget"
        assert body.startswith("Paragraph ")  # pieces start at a paragraph boundary
    rejoined = "\n\n".join(chunk.text.split("\n\n", 1)[1] for chunk in doc.chunks)
    assert rejoined == "\n\n".join(p.strip() for p in paragraphs)


def test_a_single_huge_paragraph_is_still_split_within_the_limit() -> None:
    pieces = split_long_text("word " * 2_000)
    assert len(pieces) > 1
    assert all(len(piece) <= MAX_CHUNK_CHARS for piece in pieces)


def test_plain_text_chunks_by_paragraph_groups() -> None:
    text = "\n\n".join(f"Note {i}: " + "renewal risk " * 30 for i in range(10))
    doc = parse_document("notes/renewals.txt", text.encode(), markdown=False)
    assert len(doc.chunks) > 1
    assert {chunk.metadata["section"] for chunk in doc.chunks} == {""}
    assert doc.chunks[0].text.startswith("Renewals\n\nNote 0:")


def test_binary_file_is_rejected_with_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "deck.md", b"%PDF-1.7\x00\x01\x02binary")
    with pytest.raises(PlaybookDocError, match=r"deck\.md.*binary"):
        load_document(path)


def test_non_utf8_file_is_rejected_with_a_fix(tmp_path: Path) -> None:
    path = _write(tmp_path / "latin.md", "# Presupuesto\n\nAño fiscal".encode("latin-1"))
    with pytest.raises(PlaybookDocError, match=r"latin\.md.*not UTF-8.*re-save it as UTF-8"):
        load_document(path)


def test_malformed_front_matter_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.md", "---\ntitle: [unclosed\nkind: x\n---\n\n# Body\n\ntext\n")
    with pytest.raises(PlaybookDocError, match=r"bad\.md.*malformed front matter"):
        load_document(path)


def test_front_matter_list_where_text_belongs_is_an_error() -> None:
    with pytest.raises(PlaybookDocError, match="'kind' must be text"):
        parse_document("k.md", b"---\nkind: [a, b]\n---\n\nBody\n")


def test_folders_are_recursive_sorted_and_skip_unsupported_or_hidden(tmp_path: Path) -> None:
    _write(tmp_path / "b.md", "# B\n\nb")
    _write(tmp_path / "a" / "z.markdown", "# Z\n\nz")
    _write(tmp_path / "a" / "notes.txt", "plain")
    _write(tmp_path / "deck.pptx", b"PK\x03\x04")
    _write(tmp_path / ".drafts" / "wip.md", "# WIP\n\nwip")
    names = [p.relative_to(tmp_path).as_posix() for p in expand_path(tmp_path)]
    assert names == ["a/notes.txt", "a/z.markdown", "b.md"]


def test_unsupported_file_given_explicitly_is_an_error(tmp_path: Path) -> None:
    deck = _write(tmp_path / "deck.pptx", b"PK\x03\x04")
    with pytest.raises(PlaybookDocError, match=r"deck\.pptx.*unsupported file type '\.pptx'"):
        expand_path(deck)
    with pytest.raises(PlaybookDocError, match="no such file"):
        expand_path(tmp_path / "missing.md")


def test_load_many_collects_errors_and_keeps_going(tmp_path: Path) -> None:
    _write(tmp_path / "good.md", "# Good\n\nfine")
    _write(tmp_path / "broken.md", b"\xff\xfe\x00\x00")
    result = load_many([tmp_path, tmp_path / "deck.pptx"])
    assert [doc.title for doc in result.documents] == ["Good"]
    assert len(result.errors) == 2
    assert result.failed_sources == {source_for(tmp_path / "broken.md")}


def test_source_is_project_relative_inside_the_project_else_absolute(tmp_path: Path) -> None:
    assert source_for(PROJECT_ROOT / "playbooks" / "x.md") == "playbooks/x.md"
    assert source_for(tmp_path / "x.md") == (tmp_path / "x.md").as_posix()


def test_where_filter_combines_kind_industry_and_product() -> None:
    assert where_filter() is None
    assert where_filter(kind=" Discovery ") == {"kind": "discovery"}
    industry = {"$or": [{"industry_financial_services": True}, {"industry_all": True}]}
    assert where_filter(industry="Financial services") == industry
    combined = where_filter(kind="industry", industry="financial_services", product="analytics")
    assert combined is not None and len(combined["$and"]) == 3
    assert flag_key("product", "Compliance & Security") == "product_compliance_security"


def test_pruned_sources_only_touches_the_given_folders(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    inside, outside = f"{folder.as_posix()}/gone.md", f"{tmp_path.as_posix()}/library/other.md"
    assert pruned_sources([folder], [inside, outside]) == [inside]
