"""Benchmark the playbook library at scale: ingest, list, search and a one-file re-ingest.

    python bench/bench_scale.py [--passages 100000] [--repeats 3] [--queries 200] [--embedding hashing]

Writes a synthetic library of N passages (10 per Markdown file, like bench_retrieval.py) to a
temporary folder and times, with the library's own code (in process, as the UI and the batch
use it) and with the CLI (a fresh process, as a user meets it):

- the first ingest of the folder (once: it is the long part);
- `sales-assistant playbooks list` as a command, and `PlaybookLibrary.documents()` in process;
- searches with new queries (no query cache), unfiltered and filtered by kind and by industry;
- re-ingesting the folder after one file changed (a different file each repeat), in process and
  as `sales-assistant playbooks ingest DIR`.

Every figure but the first ingest is the median of `--repeats` runs (searches: median and p95
over `--queries` queries).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.library.playbook_library import PlaybookLibrary
from assistant.settings import PROJECT_ROOT, EmbeddingName, Settings
from bench.bench_retrieval import QUERY_TEMPLATES, SECTIONS_PER_FILE, _fill, write_library


def _seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _median(samples: Sequence[float]) -> str:
    return f"{statistics.median(samples):.2f} s" + (f" (runs: {', '.join(f'{s:.2f}' for s in samples)})")


def _cli(settings: Settings, *args: str) -> float:
    """Seconds one `sales-assistant` command takes in a fresh process (exit 0 required)."""
    env = {
        **os.environ,
        "ASSISTANT_DATA_DIR": str(settings.data_dir),
        "ASSISTANT_EMBEDDING": settings.embedding,
        "ASSISTANT_PLAYBOOKS_DIR": str(settings.playbooks_dir),
        "PYTHONPATH": str(PROJECT_ROOT),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", "from assistant.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def _change_one(folder: Path, repeat: int) -> Path:
    """Add a section to one file (a different one each repeat)."""
    files = sorted(folder.glob("*.md"))
    path = files[(repeat * 7919) % len(files)]
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n## Added in repeat {repeat}\n\nA new note about budget owners, repeat {repeat}.\n")
    return path


def _searches(library: PlaybookLibrary, queries: int, rng: random.Random) -> None:
    """Median and p95 of new-query searches, unfiltered and filtered."""
    fresh = iter([_fill(rng.choice(QUERY_TEMPLATES), rng) + f" scale {i}" for i in range(queries * 3)])
    library.search("warm-up query about budget")
    for label, filters in (
        ("search, new query", {}),
        ("search, kind filter", {"kind": "renewal"}),
        ("search, industry filter", {"industry": "healthcare"}),
    ):
        samples = sorted(_seconds(lambda f=filters: library.search(next(fresh), **f)) for _ in range(queries))
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        print(
            f"{label + ':':32} median {statistics.median(samples) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"
        )


def run(passages: int, repeats: int, queries: int, embedding: EmbeddingName) -> None:
    """Build the library, then print each figure as it is measured."""
    rng = random.Random(7)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"passages={passages} files={-(-passages // SECTIONS_PER_FILE)} embedding={embedding} "
        f"cpus={os.cpu_count()} load={load:.1f}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "playbooks"
        folder.mkdir()
        write_library(folder, passages, rng)
        settings = Settings(data_dir=Path(tmp) / "data", embedding=embedding, playbooks_dir=folder)
        library = PlaybookLibrary(settings)
        elapsed = _seconds(lambda: library.ingest([folder]))
        print(f"{'ingest:':32} {elapsed:.1f} s = {passages / elapsed:,.0f} passages/s")
        print(f"{'re-ingest, nothing changed:':32} {_median([_seconds(lambda: library.ingest([folder]))])}")
        print(
            f"{'documents() in process:':32} {_median([_seconds(library.documents) for _ in range(repeats)])}"
        )
        print(
            f"{'`playbooks list` command:':32} {_median([_cli(settings, 'playbooks', 'list') for _ in range(repeats)])}"
        )
        _searches(library, queries, rng)
        in_process = []
        for repeat in range(repeats):
            _change_one(folder, repeat)
            in_process.append(_seconds(lambda: library.ingest([folder])))
        print(f"{'re-ingest, 1 file changed:':32} {_median(in_process)}")
        commands = []
        for repeat in range(repeats, 2 * repeats):
            _change_one(folder, repeat)
            commands.append(_cli(settings, "playbooks", "ingest", str(folder)))
        print(f"{'`playbooks ingest DIR`, 1 changed:':32} {_median(commands)}")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--embedding", choices=["hashing", "minilm"], default="hashing")
    args = parser.parse_args(argv)
    run(args.passages, args.repeats, args.queries, cast(EmbeddingName, args.embedding))


if __name__ == "__main__":
    main()
