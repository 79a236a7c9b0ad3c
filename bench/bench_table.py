"""Every speed figure the README states, in one command, before and after a change.

    python bench/bench_table.py [--repeats 5] [--before CHECKOUT] [--batch 5000] [--json]

Each row runs in fresh processes of the checkout under test (`PYTHONPATH` set to it, its own
console-script code), offline, MiniLM retrieval, shipped knowledge and playbooks, a temporary
data directory. With `--before DIR` (e.g. a `git worktree` of an older commit) every row is
measured for both checkouts, alternating run by run so both see the same machine load; the
table shows both medians and after/before. The machine's load average is printed with it:
on a shared 2-core machine, read medians and ratios, never one run.

Rows: first run on an empty data directory (indexes the shipped playbooks, then qualifies);
cold `qualify --json` with the index built; warm per note in one process (200 generated notes,
after a warm-up pass); `qualify-batch` of 200 and of --batch notes, whole command (notes/s and
cores busy = CPU seconds / wall seconds); first `handoff` and `renewal` in a new process
against a second run; peak memory of the cold qualify.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.notes_corpus import write_jsonl  # noqa: E402

EXAMPLE = ROOT / "examples" / "halvorsen-discovery-call.txt"
DEAL_NOTES = ROOT / "examples" / "halvorsen-won-deal-notes.md"
FACTS = ROOT / "examples" / "halvorsen-renewal-facts.yaml"
WARM_PROBE = """
import json, statistics, sys, time
sys.path.append({root!r})
from bench.notes_corpus import generate
from assistant.runtime import Assistant
from assistant.settings import Settings
cases = generate(200)
assistant = Assistant(Settings())
for case in cases:
    assistant.qualify(case.notes, case.call_date)
times = []
for case in cases:
    start = time.perf_counter()
    assistant.qualify(case.notes, case.call_date)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps(statistics.median(times)))
"""
Measure = Callable[[Path], dict[str, float]]


def _run(root: Path, args: list[str], data_dir: Path) -> dict[str, float]:
    """One CLI command of `root` in a fresh process: wall s, CPU s, peak MiB."""
    env = {**_clean_env(), "ASSISTANT_DATA_DIR": str(data_dir), "PYTHONPATH": str(root)}
    command = [sys.executable, "-c", "from assistant.cli.main import main; main()", *args]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(
            f"{args[0]} failed in {root}: {process.stderr.read().decode()[-500:] if process.stderr else ''}"
        )
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mib": usage.ru_maxrss / 1024}


def _clean_env() -> dict[str, str]:
    """This environment without ASSISTANT_* settings, so every run measures the defaults."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")} | {"HF_HUB_OFFLINE": "1"}


def _built_index(root: Path) -> Path:
    data_dir = Path(tempfile.mkdtemp(prefix="bench-table-"))
    _run(root, ["playbooks", "ingest"], data_dir)
    return data_dir


def first_run(root: Path) -> dict[str, float]:
    return _run(root, ["qualify", str(EXAMPLE), "--json"], Path(tempfile.mkdtemp(prefix="bench-table-")))


def cold_qualify(root: Path) -> dict[str, float]:
    data_dir = _built_index(root)
    _run(root, ["qualify", str(EXAMPLE), "--json"], data_dir)  # query vectors stored, as after any use
    return _run(root, ["qualify", str(EXAMPLE), "--json"], data_dir)


def warm_note(root: Path) -> dict[str, float]:
    env = {**_clean_env(), "ASSISTANT_DATA_DIR": str(_built_index(root)), "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", WARM_PROBE.format(root=str(ROOT))],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return {"ms": float(done.stdout.strip().splitlines()[-1])}


def batch(notes: int) -> Measure:
    def measure(root: Path) -> dict[str, float]:
        source = Path(tempfile.mkdtemp(prefix="bench-table-")) / "notes.jsonl"
        write_jsonl(source, notes)
        run = _run(root, ["qualify-batch", str(source)], _built_index(root))
        return {"notes_s": notes / run["wall"], "cores": run["cpu"] / run["wall"], "wall": run["wall"]}

    return measure


def first_job(args: list[str]) -> Measure:
    def measure(root: Path) -> dict[str, float]:
        data_dir = _built_index(root)
        first = _run(root, args, data_dir)["wall"]
        again = _run(root, args, data_dir)["wall"]
        return {"first": first, "warm": again, "ratio": first / again}

    return measure


ROWS: list[tuple[str, Measure, str, str]] = [
    ("first run on an empty data dir (index shipped playbooks + qualify)", first_run, "wall", "s"),
    ("peak memory of that first run", first_run, "mib", "MiB"),
    ("cold `qualify --json`, index built", cold_qualify, "wall", "s"),
    ("peak memory of a cold qualify", cold_qualify, "mib", "MiB"),
    ("warm per note, in process (median of 200)", warm_note, "ms", "ms"),
    ("`qualify-batch` of 200 notes, whole command", batch(200), "notes_s", "notes/s"),
]
HANDOFF = ["handoff", "Halvorsen Bank", "--notes", str(DEAL_NOTES), "--no-save"]
RENEWAL = ["renewal", "Halvorsen Bank", "--facts", str(FACTS), "--no-save"]


def rows(batch_notes: int) -> list[tuple[str, Measure, str, str]]:
    big = batch(batch_notes)
    return [
        *ROWS,
        (f"`qualify-batch` of {batch_notes:,} notes, whole command", big, "notes_s", "notes/s"),
        (f"cores busy during the {batch_notes:,}-note batch", big, "cores", "cores"),
        ("first `handoff` in a new process / a second run", first_job(HANDOFF), "ratio", "x"),
        ("first `renewal` in a new process / a second run", first_job(RENEWAL), "ratio", "x"),
    ]


def measure_all(
    roots: dict[str, Path], repeats: int, batch_notes: int, only: str | None = None
) -> list[dict[str, object]]:
    """Each row's median per checkout, runs alternating between checkouts."""
    cache: dict[tuple[str, int, str], dict[str, float]] = {}
    table = []
    for label, measure, field, unit in rows(batch_notes):
        if only and not any(word in label for word in only.split(",")):
            continue
        values: dict[str, list[float]] = {name: [] for name in roots}
        for repeat in range(repeats):
            for name, root in roots.items():
                key = (name, repeat, f"{id(measure)}")
                if key not in cache:
                    cache[key] = measure(root)
                values[name].append(cache[key][field])
        table.append(
            {"row": label, "unit": unit} | {name: statistics.median(v) for name, v in values.items()}
        )
        print(f"  measured: {label}", file=sys.stderr)
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--before", type=Path, help="Another checkout to measure alongside this one.")
    parser.add_argument("--batch", type=int, default=5000, help="Notes in the large batch.")
    parser.add_argument("--only", help="Rows whose label holds one of these comma-separated words.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    roots = {"before": args.before.resolve()} if args.before else {}
    roots["after"] = ROOT
    load_before = os.getloadavg()
    table = measure_all(roots, args.repeats, args.batch, args.only)
    load_after = os.getloadavg()
    if args.json:
        print(json.dumps({"load": [load_before, load_after], "rows": table}, indent=2))
        return
    print(
        f"{os.cpu_count()} cores; load average {load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end; medians of {args.repeats}"
    )
    names = list(roots)
    print("| figure | " + " | ".join(names) + (" | after/before |" if len(names) == 2 else " |"))
    print("|---" * (len(names) + 1 + (len(names) == 2)) + "|")
    for row in table:
        cells = [f"{row[name]:.3g} {row['unit']}" for name in names]
        ratio = [f"{row['after'] / row['before']:.2f}x"] if len(names) == 2 and row["before"] else []
        print(f"| {row['row']} | " + " | ".join(cells + ratio) + " |")


if __name__ == "__main__":
    main()
