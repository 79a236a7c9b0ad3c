"""Start-up cost of the console script: what `qualify` pays before it reads a note.

    python bench/bench_startup.py [--repeats 7] [--root CHECKOUT] [--json]

Measures, each as the median of --repeats fresh processes (offline engine, hashing embedding, a
temporary ASSISTANT_DATA_DIR whose index is built by one untimed warm-up run):

1. `from assistant.cli import main`: wall and CPU time, how many modules it loads, and whether any
   of the integration packages (mcp, fastapi, uvicorn, sse_starlette) is among them; the `mcp` and
   `serve` commands import those inside the command, so `qualify` must not pay for them;
2. `sales-assistant qualify examples/halvorsen-discovery-call.txt --as-of 2026-11-10`, whole
   command, wall and CPU time (user + system of the child process).

CPU time is the steadier figure on a machine shared with other jobs: waiting for a core adds to
wall time only.

`--root` measures another checkout (e.g. `git archive` of an older commit), so a before/after pair
runs on one machine in one session. The machine may be shared and noisy: read medians.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTEGRATIONS = ("mcp", "fastapi", "uvicorn", "sse_starlette")
PROBE = (
    "import sys, time, json; t, c = time.perf_counter(), time.process_time(); from assistant.cli import main; "
    "elapsed, cpu = time.perf_counter() - t, time.process_time() - c; "
    f"found = sorted({{m.split('.')[0] for m in sys.modules}} & set({INTEGRATIONS!r})); "
    "print(json.dumps({'seconds': elapsed, 'cpu': cpu, 'modules': len(sys.modules), 'integrations': found}))"
)


def _env(data_dir: str, root: Path) -> dict[str, str]:
    """A clean offline environment: hashing embedding so no model load blurs the figures."""
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(root),
        ASSISTANT_DATA_DIR=data_dir,
        ASSISTANT_EMBEDDING="hashing",
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def _qualify_seconds(env: dict[str, str], root: Path) -> tuple[float, float]:
    """Wall time of one whole `qualify` command of the demo note."""
    command = [
        sys.executable,
        "-c",
        "from assistant.cli import main; main()",
        "qualify",
        str(root / "examples" / "halvorsen-discovery-call.txt"),
        "--as-of",
        "2026-11-10",
    ]
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, cwd=root, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.perf_counter() - start, cpu


def measure(repeats: int, root: Path = ROOT) -> dict[str, object]:
    """Medians of the import probe and the qualify command over fresh processes of `root`."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = _env(data_dir, root)
        _qualify_seconds(env, root)  # builds the index: not part of start-up
        probes = [
            json.loads(
                subprocess.run(
                    [sys.executable, "-c", PROBE],
                    env=env,
                    cwd=root,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            for _ in range(repeats)
        ]
        qualify = [_qualify_seconds(env, root) for _ in range(repeats)]
    return {
        "import_s": round(statistics.median(p["seconds"] for p in probes), 3),
        "import_cpu_s": round(statistics.median(p["cpu"] for p in probes), 3),
        "modules": statistics.median(p["modules"] for p in probes),
        "integrations_loaded": sorted({name for p in probes for name in p["integrations"]}),
        "qualify_s": round(statistics.median(wall for wall, _ in qualify), 3),
        "qualify_cpu_s": round(statistics.median(cpu for _, cpu in qualify), 3),
        "repeats": repeats,
    }


def main() -> None:
    """Print the medians as a line per measure, or as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--root", type=Path, default=ROOT, help="Checkout to measure (default this one).")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.repeats, args.root.resolve())
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
