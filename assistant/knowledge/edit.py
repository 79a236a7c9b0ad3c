"""Edit rubric.yaml and roster.yaml safely: validate the whole edit first, then write it, comments kept.

An edit is applied to the file's own YAML tree (ruamel.yaml round trip), so comments, key
order and quoting survive and only changed values are rewritten. The one visible change a
first save makes: long flow-style lists (industry keywords) are written one item per line,
because ruamel cannot keep hand-made line breaks inside `[...]` lists. The edited text is
validated with the same models and cross-file checks as loading (`parse_model`), and only
then replaces the file, atomically.
"""

from __future__ import annotations

import dataclasses
import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from assistant.knowledge.load import KnowledgeError, check_references, load_knowledge, parse_model
from assistant.knowledge.schemas import Roster, Rubric
from assistant.text.files import atomic_write

ModelT = TypeVar("ModelT", bound=BaseModel)

RUBRIC_FILE = "rubric.yaml"
ROSTER_FILE = "roster.yaml"
FLOW_LIMIT = 100  # longer flow lists are written in block style
_IDENTITY_KEYS = ("key", "name")  # how list entries (industries, people) are matched across an edit


def _yaml() -> YAML:
    """A round-trip YAML that keeps comments and quotes and never folds a long pattern."""
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def load_tree(folder: Path, name: str) -> Any:
    """A knowledge file as its round-trip tree (a dict-like with comments)."""
    path = folder / name
    try:
        return _yaml().load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path}: file not found") from exc
    except Exception as exc:  # ruamel raises its own parser and scanner errors
        raise KnowledgeError(f"{path}: malformed YAML: {' '.join(str(exc).split())[:300]}") from exc


def plain(tree: Any) -> Any:
    """A round-trip tree as plain dicts and lists (what the form shows and validation reads)."""
    if isinstance(tree, Mapping):
        return {str(key): plain(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [plain(item) for item in tree]
    return tree


def preview_rubric(folder: Path, edits: Mapping[str, Any]) -> Rubric:
    """The rubric with `edits` applied, validated like a load; KnowledgeError names file and field."""
    return _edited(folder, RUBRIC_FILE, Rubric, edits)[0]


def preview_roster(folder: Path, edits: Mapping[str, Any]) -> Roster:
    """The roster with `edits` applied, validated like a load (industries and products must exist)."""
    return _edited(folder, ROSTER_FILE, Roster, edits)[0]


def save_rubric(folder: Path, edits: Mapping[str, Any]) -> Rubric:
    """Validate and write an edited rubric.yaml; nothing is written if any check fails."""
    rubric, text = _edited(folder, RUBRIC_FILE, Rubric, edits)
    atomic_write(folder / RUBRIC_FILE, text.encode("utf-8"))
    return rubric


def save_roster(folder: Path, edits: Mapping[str, Any]) -> Roster:
    """Validate and write an edited roster.yaml; nothing is written if any check fails."""
    roster, text = _edited(folder, ROSTER_FILE, Roster, edits)
    atomic_write(folder / ROSTER_FILE, text.encode("utf-8"))
    return roster


def _edited(folder: Path, name: str, model: type[ModelT], edits: Mapping[str, Any]) -> tuple[ModelT, str]:
    """Apply edits to the file's tree, dump it, and validate the text exactly as loading would."""
    tree = load_tree(folder, name)
    if not isinstance(tree, CommentedMap):
        raise KnowledgeError(f"{folder / name}: expected a mapping of fields at the top level")
    for key, value in edits.items():
        tree[key] = merge(tree[key], value) if key in tree else value
    _block_long_flows(tree)
    buffer = io.StringIO()
    _yaml().dump(tree, buffer)
    text = buffer.getvalue()
    try:
        parsed = parse_model(folder / name, model, text=text)
    except KnowledgeError as exc:  # pydantic's "Value error, " prefix says nothing to a reader
        raise KnowledgeError(str(exc).replace("Value error, ", "")) from exc
    _check_with_other_files(folder, name, parsed)
    return parsed, text


def _check_with_other_files(folder: Path, name: str, parsed: BaseModel) -> None:
    """Cross-file checks: the roster may only name industries and product lines that exist."""
    knowledge = load_knowledge(folder)
    if isinstance(parsed, Rubric):
        knowledge = dataclasses.replace(knowledge, rubric=parsed)
    elif isinstance(parsed, Roster):
        knowledge = dataclasses.replace(knowledge, roster=parsed)
    check_references(knowledge)


def merge(old: Any, new: Any) -> Any:
    """`new` written into `old` in place where possible, so untouched nodes keep their comments."""
    if isinstance(old, CommentedMap) and isinstance(new, Mapping):
        for key in [key for key in old if key not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else fresh(value)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, Sequence) and not isinstance(new, str):
        return _merge_list(old, new)
    return old if _same(old, new) else _scalar(new)


def _merge_list(old: CommentedSeq, new: Sequence[Any]) -> CommentedSeq:
    """Entries matched by `key` or `name` keep their comments; scalar lists are replaced if changed."""
    if _same(plain(old), new):
        return old
    identity = next((k for k in _IDENTITY_KEYS if all(isinstance(i, Mapping) and k in i for i in new)), None)
    if identity is None:
        replaced = CommentedSeq(fresh(item) for item in new)
        if old.fa.flow_style():
            replaced.fa.set_flow_style()
        return replaced
    ids = [str(item.get(identity)) if isinstance(item, CommentedMap) else "" for item in old]
    existing = {key: item for key, item in zip(ids, old, strict=True) if key}
    merged = [
        merge(existing[str(item[identity])], item) if str(item[identity]) in existing else fresh(item)
        for item in new
    ]
    comments = _comments_by_identity(old, ids, {str(item[identity]) for item in new})
    del old[:]
    old.extend(merged)
    old.ca.items.clear()
    for index, item in enumerate(new):
        if (comment := comments.get(str(item[identity]))) is not None:
            old.ca.items[index] = comment
    return old


def _comments_by_identity(old: CommentedSeq, ids: list[str], kept: set[str]) -> dict[str, Any]:
    """The comment above each entry, keyed by identity; a removed entry's passes to the next kept one."""
    comments: dict[str, Any] = {}
    pending = None
    for index, key in enumerate(ids):
        comment = old.ca.items.get(index, pending)
        if key in kept:
            comments[key], pending = comment, None
        else:
            pending = comment
    return comments


def fresh(value: Any) -> Any:
    """A new value in the file's style: mappings in block style, lists of names as `[a, b]`."""
    if isinstance(value, Mapping):
        return CommentedMap((key, fresh(item)) for key, item in value.items())
    if isinstance(value, Sequence) and not isinstance(value, str):
        items = CommentedSeq(fresh(item) for item in value)
        if all(not isinstance(item, (Mapping, list)) for item in items):
            items.fa.set_flow_style()
        return items
    return _scalar(value)


def _same(old: Any, new: Any) -> bool:
    """Equal as data (20 and 20.0 are the same weight)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, Sequence) and not isinstance(new, str):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _scalar(value: Any) -> Any:
    """Whole floats written as integers (a weight of 25, not 25.0)."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _block_long_flows(node: Any) -> None:
    """Switch flow-style lists longer than FLOW_LIMIT characters to one item per line."""
    if isinstance(node, CommentedMap):
        for value in node.values():
            _block_long_flows(value)
    elif isinstance(node, CommentedSeq):
        if node.fa.flow_style() and len(", ".join(map(str, node))) > FLOW_LIMIT:
            node.fa.set_block_style()
        for item in node:
            _block_long_flows(item)


PERSON_TEXT_FIELDS = ("name", "role", "title", "email")
PERSON_LIST_FIELDS = ("regions", "industries", "product_lines", "specialties", "languages")
INDUSTRY_COLUMNS = ("key", "label", "tier", "keywords")


def industries_from_table(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Industry entries from an edited table; blank rows (added and left empty) are dropped."""
    entries = []
    for row in rows:
        entry = {
            "key": cell_text(row.get("key")),
            "label": cell_text(row.get("label")),
            "tier": cell_text(row.get("tier")),
            "keywords": cell_list(row.get("keywords")),
        }
        if any(entry.values()):
            entries.append(entry)
    return entries


def people_from_table(
    rows: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Roster entries from an edited table: empty fields are left out unless the file had them."""
    had = {str(person.get("name", "")): set(person) for person in current}
    people = []
    for row in rows:
        person: dict[str, Any] = {name: cell_text(row.get(name)) for name in PERSON_TEXT_FIELDS}
        person.update({name: cell_list(row.get(name)) for name in PERSON_LIST_FIELDS})
        if not any(person.values()):
            continue
        kept = had.get(person["name"], set()) | {"name", "role"}
        if row.get("languages") is not None:  # an emptied list must be written, or the default comes back
            kept.add("languages")
        if person["languages"] == ["en"] and "languages" not in had.get(person["name"], set()):
            kept.discard("languages")
            person["languages"] = []  # the default: left out
        people.append({k: v for k, v in person.items() if v or k in kept})
    return people


def cell_text(value: Any) -> str:
    """A table cell as text: None and NaN (an emptied cell) are ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def cell_list(value: Any) -> list[str]:
    """A list cell as names: lists, arrays and comma-separated text all work; blanks dropped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif hasattr(value, "tolist"):
        items = list(value.tolist())
    else:
        items = list(value)
    return [text for item in items if (text := cell_text(item))]
