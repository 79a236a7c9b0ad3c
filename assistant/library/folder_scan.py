"""Which files under a playbooks folder may be indexed: nothing a link or a hidden name brings in.

Playbook passages are searched, cited and sent to a model, so a link in the folder to
`/etc/passwd` or to `.env` would publish that file. A folder is walked without following
folder links; a file link is indexed only when its target lies inside the folder being ingested
and is not hidden itself (and once: a target the walk finds itself is not indexed again); hidden files and folders (a name starting with '.') are never indexed,
and neither are FIFOs or devices (reading one would block). Every link or special file passed
over is reported by name, so nobody wonders where a playbook went.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

LINK_ADVICE = "links that leave the folder are not indexed: copy the file in instead"


@dataclass
class Scan:
    """The files to index, and (path, reason) for each one passed over that someone should hear about."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    refused_targets: set[Path] = field(default_factory=set)
    """Where the refused links point: passages indexed from them before are pruned."""


def hidden(path: Path, root: Path) -> bool:
    """Whether any part of `path` below `root` starts with '.' (`.env`, `.git/x.md`)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = (path.name,)
    return any(part.startswith(".") for part in parts)


def link_problem(path: Path, folder: Path) -> str | None:
    """Why a link may not be indexed from `folder` (outside it, hidden, broken, a folder), or None."""
    target = Path(os.path.realpath(path))
    root = Path(os.path.realpath(folder))
    if not target.exists():
        return f"is a broken link (to {target})"
    if target.is_dir():
        return f"is a link to a folder ({target}); folder links are not followed"
    try:
        target.relative_to(root)
    except ValueError:
        return f"is a link to {target}, outside {folder}; {LINK_ADVICE}"
    if hidden(target, root):
        return f"is a link to the hidden file {target}; hidden files are never indexed"
    return None


def scan_folder(folder: Path, suffixes: Iterable[str]) -> Scan:
    """Supported files under `folder`, sorted, with the links and special files passed over."""
    wanted = frozenset(suffixes)
    scan = Scan()
    for top, dirs, names in os.walk(folder, followlinks=False):
        here = Path(top)
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in [*dirs, *names]:
            path = here / name
            if path.is_symlink() and not name.startswith("."):
                _consider_link(scan, path, folder, wanted)
        for name in names:
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in wanted or path.is_symlink():
                continue
            if path.is_file():
                scan.files.append(path)
            else:
                scan.skipped.append((path, "is not a regular file (a FIFO or device?); it was not read"))
    scan.files.sort(key=Path.as_posix)
    return scan


def _consider_link(scan: Scan, path: Path, folder: Path, wanted: frozenset[str]) -> None:
    """Index a link whose target stays inside the folder; report any other link of a playbook type."""
    if not path.is_dir() and path.suffix.lower() not in wanted:
        return  # a link to some other kind of file would not be indexed anyway
    problem = link_problem(path, folder)
    if problem is None:
        if Path(os.path.realpath(path)).suffix.lower() not in wanted:
            scan.files.append(path)  # else the walk finds the target itself: index it once
        return
    scan.skipped.append((path, problem))
    if path.is_file():
        scan.refused_targets.add(Path(os.path.realpath(path)))
