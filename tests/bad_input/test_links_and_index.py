"""Links and hidden files in the playbooks folder: nothing outside the folder being ingested, and no
hidden file (`.env`), is indexed, searched, cited or sent to a model; each link passed over is
reported by name; passages an older version indexed through such a link are pruned."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.library.admin import PlaybookAdmin
from assistant.library.documents import load_many
from assistant.library.playbook_library import PlaybookLibrary
from assistant.runtime import Assistant
from tests.bad_input.conftest import CALL
from tests.bad_input.faults import Env
from tests.bad_input.samples import GOOD

runner = CliRunner()
SECRET = "OPENAI_API_KEY=sk-live-0123456789abcdefSECRETSECRET"


@dataclass(frozen=True)
class Planted:
    """Something planted in the folder `folder` that must not be indexed; `outside` holds secrets."""

    name: str
    plant: Callable[[Path, Path], Path]
    reported: str | None
    """A regex of the line that reports it (None: passed over silently, as hidden files are)."""


def _secret_file(outside: Path, name: str = "secret.md") -> Path:
    path = outside / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# Credentials\n\n{SECRET}\n", encoding="utf-8")
    return path


def _link(link: Path, target: Path | str) -> Path:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    return link


def _hidden_env(folder: Path) -> Path:
    (folder / ".env").write_text(SECRET + "\n", encoding="utf-8")
    return folder / ".env"


PLANTED = [
    Planted(
        "absolute-link-out",
        lambda folder, outside: _link(folder / "passwd.md", _secret_file(outside)),
        r"passwd\.md: is a link to .*secret\.md, outside",
    ),
    Planted(
        "relative-link-out",
        lambda folder, outside: _link(
            folder / "sub" / "up.md", Path(os.path.relpath(_secret_file(outside), folder / "sub"))
        ),
        r"up\.md: is a link to .*secret\.md, outside",
    ),
    Planted(
        "link-to-etc-passwd",
        lambda folder, _: _link(folder / "users.txt", "/etc/passwd"),
        r"users\.txt: is a link to /etc/passwd",
    ),
    Planted(
        "link-to-dot-env-inside",
        lambda folder, _: _link(folder / "env.md", _hidden_env(folder)),
        r"env\.md: is a link to the hidden file .*\.env",
    ),
    Planted(
        "link-into-a-hidden-folder",
        lambda folder, _: _link(folder / "config.md", _secret_file(folder / ".git", "config.md")),
        r"config\.md: is a link to the hidden file",
    ),
    Planted(
        "folder-link-out",
        lambda folder, outside: _link(folder / "more", _secret_file(outside).parent),
        r"more: is a link to a folder",
    ),
    Planted(
        "broken-link",
        lambda folder, _: _link(folder / "gone.md", folder / "nowhere.md"),
        r"gone\.md: is a broken link",
    ),
    Planted("dot-env-md", lambda folder, _: _secret_file(folder, ".env.md"), None),
    Planted("hidden-folder", lambda folder, _: _secret_file(folder / ".private"), None),
]
IDS = [case.name for case in PLANTED]


def planted_folder(env: Env, case: Planted) -> Path:
    """A small library (one good playbook, one link inside it to it) with the case planted."""
    folder = env.files / "library"
    folder.mkdir()
    (folder / "discovery.md").write_text("# Discovery\n\nAsk who signs the order form.\n", encoding="utf-8")
    _link(folder / "discovery-again.md", "discovery.md")  # a link that stays inside is fine
    case.plant(folder, env.files / "outside")
    return folder


def assert_nothing_secret(library: PlaybookLibrary) -> None:
    texts = [hit.text for hit in library.search(SECRET, k=20)]
    assert texts and not any("SECRET" in text for text in texts), texts
    assert all("secret" not in doc.source and "passwd" not in doc.source for doc in library.documents())


def assert_reported(case: Planted, errors: list[str]) -> None:
    if case.reported is None:
        assert errors == [], errors
    else:
        assert len(errors) == 1, errors
        assert re.search(case.reported, " ".join(errors[0].split())), errors


@pytest.mark.parametrize("case", PLANTED, ids=IDS)
def test_loading_the_folder_passes_over_and_reports_what_leaves_it(case: Planted, env: Env) -> None:
    loaded = load_many([planted_folder(env, case)])
    assert sorted({Path(doc.source).name for doc in loaded.documents}) == ["discovery.md"]
    assert not any(SECRET in chunk.text for doc in loaded.documents for chunk in doc.chunks)
    assert_reported(case, loaded.errors)


@pytest.mark.parametrize("case", PLANTED, ids=IDS)
def test_playbooks_ingest_reports_each_link_and_indexes_nothing_from_outside(case: Planted, env: Env) -> None:
    folder = planted_folder(env, case)
    result = runner.invoke(app, ["playbooks", "ingest", str(folder)])
    assert "Traceback" not in result.output
    assert result.exit_code == (0 if case.reported is None else 1), result.output
    assert_reported(case, [line.removeprefix("skipped: ") for line in result.stderr.splitlines() if line])
    assert_nothing_secret(PlaybookLibrary(env.settings()))


@pytest.mark.parametrize("case", PLANTED[::2], ids=IDS[::2])
def test_first_run_indexing_and_the_report_never_see_the_linked_file(case: Planted, env: Env) -> None:
    case.plant(env.playbooks, env.files / "outside")
    notes: list[str] = []
    assistant = Assistant(env.settings(), notify=notes.append)
    report = assistant.qualify(GOOD, CALL)
    assert SECRET not in report.model_dump_json()
    assert_nothing_secret(assistant.library)
    assert_reported(case, [n.removeprefix("skipped: ") for n in notes if n.startswith("skipped: ")])


@pytest.mark.parametrize("case", PLANTED[1::2], ids=IDS[1::2])
def test_the_library_page_reindex_reports_each_link(case: Planted, env: Env) -> None:
    case.plant(env.playbooks, env.files / "outside")
    assistant = Assistant(env.settings())
    totals = PlaybookAdmin(env.settings(), assistant.library, assistant.knowledge).reindex()
    assert_reported(case, totals.errors)
    assert_nothing_secret(assistant.library)


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_passages_indexed_through_a_link_before_are_pruned(how: str, env: Env) -> None:
    """What an older version indexed through the link (here: the secret file itself) goes at the next ingest."""
    secret = _secret_file(env.files / "outside")
    folder = env.files / "library"
    folder.mkdir()
    (folder / "discovery.md").write_text("# Discovery\n\nAsk who signs.\n", encoding="utf-8")
    _link(folder / "creds.md", secret if how == "absolute" else Path(os.path.relpath(secret, folder)))
    library = PlaybookLibrary(env.settings())
    library.ingest([secret], prune=False)
    assert any(SECRET in hit.text for hit in library.search(SECRET, k=5))
    report = library.ingest([folder])
    assert report.removed >= 1 and any("creds.md" in error for error in report.errors)
    assert_nothing_secret(library)


@pytest.mark.parametrize(
    ("name", "make", "refused"),
    [
        (".env.md", lambda folder: _secret_file(folder, ".env.md"), r"\.env\.md: is a hidden file"),
        (
            "link.md",
            lambda folder: _link(folder / "link.md", "/etc/hostname"),
            r"link\.md: is a link to /etc/hostname",
        ),
        ("gone.md", lambda folder: _link(folder / "gone.md", folder / "x.md"), r"gone\.md: is a broken link"),
    ],
    ids=["hidden", "link-out", "broken"],
)
def test_a_file_named_on_the_command_line_is_refused_too(
    name: str, make: Callable[[Path], Path], refused: str, env: Env
) -> None:
    make(env.files)
    result = runner.invoke(app, ["playbooks", "ingest", str(env.files / name)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(refused, " ".join(result.stderr.split())), result.stderr


@pytest.mark.parametrize("target", ["outside", "hidden"])
def test_a_sidecar_that_is_a_link_out_is_that_files_error(target: str, env: Env) -> None:
    from tests.document_samples import make_pdf

    folder = env.files / "library"
    folder.mkdir()
    (folder / "deck.pdf").write_bytes(make_pdf([["Pricing questions"]]))
    meta = env.files / "outside" / "meta.yaml" if target == "outside" else folder / ".meta.yaml"
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text("title: Stolen\n", encoding="utf-8")
    _link(folder / "deck.pdf.meta.yaml", meta)
    loaded = load_many([folder])
    assert loaded.documents == [] and len(loaded.errors) == 1
    assert "deck.pdf.meta.yaml: is a link to" in loaded.errors[0]
