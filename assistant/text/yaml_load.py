"""YAML as people write it, read strictly: a key given twice is an error, not a silent overwrite.

PyYAML keeps the last of two equal keys, so a rubric with `met_min` twice quietly uses the
second and enablement never learns the first was ignored. Knowledge files and renewal facts
load through `load_yaml`, which raises a `yaml.YAMLError` carrying the line of the repeat.
PyYAML also crashes with a bare ValueError on a date that does not exist (2027-02-30); here
such a value stays text, and the schema's validation names the field.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

_MERGE_TAG = "tag:yaml.org,2002:merge"
# libyaml's parser when PyYAML was built with it (the wheels are): the knowledge files parse
# about ten times faster, which a cold `qualify` felt (0.28 s of it went to YAML). The
# constructors below stay Python, so the rules and the error marks are the same.
_BASE: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BASE):  # type: ignore[valid-type,misc]
    """SafeLoader that refuses a mapping with the same key twice (`<<` merges may still override)."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key_node.value!r} appears twice (the second would silently replace the first)",
                    key_node.start_mark,
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping

    def construct_yaml_timestamp(self, node: ScalarNode) -> object:
        """A date that does not exist (2027-02-30) stays text, so validation names its field."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return str(node.value)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


def load_yaml(text: str) -> Any:
    """Parse one YAML document safely; duplicate keys raise `yaml.YAMLError` with their line."""
    return yaml.load(text, Loader=_UniqueKeyLoader)
