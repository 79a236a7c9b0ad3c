"""Playbook front matter as enablement edits it: one validated model, read and written per format.

Markdown and text playbooks keep their front matter at the top of the file. PDF and DOCX files
cannot hold it, so theirs lives in a sidecar beside them, `<file name>.meta.yaml` (for example
`pricing.pdf.meta.yaml`); the indexer reads the sidecar, so editing it re-indexes the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.library.folder_scan import link_problem
from assistant.text.decoding import InputError
from assistant.text.files import atomic_write
from assistant.text.yaml_load import load_yaml

SIDECAR_SUFFIX = ".meta.yaml"
BINARY_SUFFIXES = frozenset({".pdf", ".docx"})
EDITED_FIELDS = ("title", "kind", "stage", "industries", "products")

_YAML_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class FrontMatterError(InputError):
    """Front matter that cannot be read, validated or written; the message names the file and field."""


class PlaybookFrontMatter(BaseModel):
    """The metadata retrieval filters on; keys are lower-case names such as `healthcare`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(default="", max_length=200, description="Empty: the first heading or file name.")
    kind: str = Field(default="", max_length=60, description="e.g. discovery, industry, renewal.")
    stage: str = Field(default="", max_length=60, description="e.g. qualification, handoff.")
    industries: list[str] = Field(default_factory=list, description="Rubric industry keys, or `all`.")
    products: list[str] = Field(default_factory=list, description="Product line keys, or `all`.")

    @field_validator("kind", "stage")
    @classmethod
    def _one_name(cls, value: str) -> str:
        value = value.lower()
        if value and not _NAME.match(value):
            raise ValueError(f"{value!r} must be one lower-case word (letters, digits, - or _)")
        return value

    @field_validator("industries", "products", mode="before")
    @classmethod
    def _names(cls, value: object) -> object:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            return value
        names = [str(item).strip().lower() for item in items if item is not None and str(item).strip()]
        bad = [name for name in names if not _NAME.match(name)]
        if bad:
            raise ValueError(f"{', '.join(map(repr, bad))}: use keys such as financial_services or all")
        return list(dict.fromkeys(names))

    def fields(self) -> dict[str, Any]:
        """The non-empty fields, in a stable order, as written to YAML."""
        return {name: value for name, value in self.model_dump().items() if value}


def sidecar_path(path: Path) -> Path:
    """Where a PDF or DOCX playbook's front matter lives."""
    return path.with_name(path.name + SIDECAR_SUFFIX)


def has_sidecar(path: Path) -> bool:
    """Whether this playbook's front matter lives beside it rather than inside it."""
    return path.suffix.lower() in BINARY_SUFFIXES


def read_sidecar(path: Path) -> dict[str, object]:
    """A PDF or DOCX playbook's front matter fields; {} when it has no sidecar yet."""
    sidecar = sidecar_path(path)
    if sidecar.is_symlink() and (problem := link_problem(sidecar, sidecar.parent)):
        raise FrontMatterError(f"{sidecar.name}: {problem}")
    if not sidecar.exists():
        return {}
    try:
        data = load_yaml(sidecar.read_text(encoding="utf-8"))  # strict: repeated keys, impossible dates
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:  # deep nesting
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise FrontMatterError(f"{sidecar.name}: cannot read the metadata ({detail})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"{sidecar.name}: expected a mapping of field: value")
    return data


def read_fields(path: Path) -> dict[str, object]:
    """All front matter fields of a playbook file, whatever its format."""
    if has_sidecar(path):
        return read_sidecar(path)
    try:
        fields, _ = frontmatter.parse(path.read_text(encoding="utf-8-sig"))
    except Exception as exc:  # yaml, toml and json handlers raise their own error types
        detail = " ".join(str(exc).split())[:200]
        raise FrontMatterError(f"{path.name}: malformed front matter ({detail})") from exc
    return dict(fields)


def read_front_matter(path: Path) -> PlaybookFrontMatter:
    """The editable front matter of a playbook (other fields in the file are kept, not shown)."""
    fields = read_fields(path)
    return validate_front_matter(path.name, {k: v for k, v in fields.items() if k in EDITED_FIELDS})


def validate_front_matter(name: str, fields: dict[str, object]) -> PlaybookFrontMatter:
    """Validate edited fields, naming the file and field on error."""
    try:
        return PlaybookFrontMatter.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"field {'.'.join(str(p) for p in item['loc']) or '(top level)'}: {item['msg'].removeprefix('Value error, ')}"
            for item in exc.errors()[:6]
        )
        raise FrontMatterError(f"{name}: {problems}") from exc


def write_front_matter(path: Path, front: PlaybookFrontMatter) -> None:
    """Write the edited fields back, keeping the body and any other front matter fields."""
    kept = {k: v for k, v in read_fields(path).items() if k not in EDITED_FIELDS}
    fields = {**front.fields(), **kept}
    block = yaml.dump(
        fields, Dumper=_FrontMatterDumper, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    if has_sidecar(path):
        atomic_write(sidecar_path(path), block.encode("utf-8"))
        return
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith(("+++", "{")):
        raise FrontMatterError(f"{path.name}: TOML or JSON front matter; edit this file by hand")
    body = _YAML_BOUNDARY.split(text, 2)[2] if _YAML_BOUNDARY.match(text) else "\n\n" + text
    atomic_write(path, f"---\n{block}---{body}".encode())


class _FrontMatterDumper(yaml.SafeDumper):
    """Block mappings with flow lists, as the shipped playbooks write them: `industries: [all]`."""


def _flow_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_FrontMatterDumper.add_representer(list, _flow_list)
