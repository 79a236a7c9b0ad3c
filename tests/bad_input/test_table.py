"""The table itself: enough kinds, unique names, one expected outcome each, and every row run."""

from __future__ import annotations

from tests.bad_input.cases import KINDS

RUN_BY = {
    ("library", "notes"),
    ("library", "batch_file"),
    ("library", "knowledge"),
    ("library", "store"),
    ("library", "save"),
    ("library", "facts"),
    ("library", "playbook"),
    ("cli", "notes"),
    ("cli", "knowledge"),
    ("cli", "store"),
    ("cli", "save"),
    ("cli", "facts"),
    ("cli", "playbook"),
    ("batch", "notes"),
    ("batch", "batch_file"),
    ("batch", "knowledge"),
    ("batch", "store"),
    ("ui", "notes"),
    ("ui", "knowledge"),
    ("ui", "store"),
    ("ui", "save"),
    ("ui", "playbook"),
}
"""(surface, target) pairs that a test in this package runs; see test_library, test_cli, test_batch, test_ui."""


def test_at_least_thirty_named_kinds() -> None:
    ids = [kind.id for kind in KINDS]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)


def test_each_kind_says_what_must_happen_and_where() -> None:
    for kind in KINDS:
        assert kind.surfaces, kind.id
        assert kind.typed() is not None or kind.file_bytes() is not None or kind.fault, kind.id
        assert not (kind.refused and kind.warns), f"{kind.id}: refused or read, not both"


def test_every_row_is_run_on_every_surface_it_names() -> None:
    missing = [
        (kind.id, surface)
        for kind in KINDS
        for surface in kind.surfaces
        if (surface, kind.target) not in RUN_BY
    ]
    assert not missing


def test_most_kinds_reach_more_than_one_surface() -> None:
    assert sum(len(kind.surfaces) > 1 for kind in KINDS) >= 0.8 * len(KINDS)
