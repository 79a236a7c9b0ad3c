"""Benchmark end-to-end qualification: CLI cold start, warm per-note latency, batch throughput.

    python bench/bench_qualify.py [--notes 200] [--repeats 5] [--embedding minilm|hashing] [--json]

Everything runs with the offline engine, the shipped knowledge and playbooks, and a fresh
temporary ASSISTANT_DATA_DIR (so the first run builds the playbook index):

1. cold start: `sales-assistant qualify examples/halvorsen-discovery-call.txt --json` as a
   subprocess. The first run (which also indexes the playbooks) is reported on its own as
   "first run incl. indexing"; then the median of --repeats runs against the built index.
   `sales-assistant --help` is timed the same way, as the floor of process start and imports.
2. warm latency: one in-process `Assistant`; the first call (model load, store open) is timed
   alone, every note of the corpus (bench/notes_corpus.py) is qualified once as warm-up, then
   each is timed once more. Median and p95, for the warm-up pass (query cache cold) and the
   timed pass (the embedder's query cache has seen these queries, as in a batch).
3. batch throughput: `sales-assistant qualify-batch` over a JSONL of the same notes as a
   subprocess (whole wall time: process start, model load, all notes), and the same notes
   through the warm in-process `Assistant`, in notes/s.

The machine may be shared and noisy: read medians and ratios, not single runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notes_corpus import DEFAULT_SEED, NoteCase, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(1, str(ROOT))
EXAMPLE = ROOT / "examples" / "halvorsen-discovery-call.txt"


def _cli() -> str:
    """The console script of the interpreter running this benchmark (the project's venv)."""
    beside = Path(sys.executable).parent / "sales-assistant"
    found = str(beside) if beside.exists() else shutil.which("sales-assistant")
    if not found:
        raise SystemExit("sales-assistant is not installed: pip install -e . in this interpreter's venv")
    return found


def bench_env(data_dir: Path, embedding: str) -> dict[str, str]:
    """The process environment with only our ASSISTANT_* settings: offline engine, temp data dir."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_DATA_DIR=str(data_dir),
        ASSISTANT_EMBEDDING=embedding,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    return env


def _run(args: Sequence[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall time of one subprocess; a non-zero exit stops the benchmark with its stderr."""
    start = time.perf_counter()
    done = subprocess.run(list(args), env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return elapsed, done


def _stats_ms(samples: Sequence[float]) -> dict[str, float]:
    """Median, p95, mean, min and max of seconds, in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": statistics.median(ordered) * 1e3,
        "p95_ms": p95 * 1e3,
        "mean_ms": statistics.fmean(ordered) * 1e3,
        "min_ms": ordered[0] * 1e3,
        "max_ms": ordered[-1] * 1e3,
        "n": len(ordered),
    }


def _stats_s(samples: Sequence[float]) -> dict[str, Any]:
    """Median, min and max of seconds, with every sample."""
    return {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "runs_s": [round(s, 3) for s in samples],
    }


def cold_start(env: dict[str, str], repeats: int) -> dict[str, Any]:
    """First run (builds the index), then `repeats` runs on the built index, and `--help`."""
    cli = _cli()
    command = [cli, "qualify", str(EXAMPLE.relative_to(ROOT)), "--json"]
    first, done = _run(command, env)
    report = json.loads(done.stdout)
    runs = [_run(command, env)[0] for _ in range(repeats)]
    helps = [_run([cli, "--help"], env)[0] for _ in range(repeats)]
    return {
        "first_run_incl_indexing_s": first,
        "first_run_stderr": done.stderr.strip(),
        "qualify": _stats_s(runs),
        "help": _stats_s(helps),
        "verdict": report.get("verdict"),
    }


def in_process(settings_env: dict[str, str], cases: Sequence[NoteCase]) -> dict[str, Any]:
    """One warm Assistant: first call, warm-up pass, timed pass, then a throughput loop."""
    os.environ.update(settings_env)
    for key in [k for k in os.environ if k.startswith("ASSISTANT_") and k not in settings_env]:
        del os.environ[key]
    start = time.perf_counter()
    from assistant.runtime import Assistant
    from assistant.settings import load_settings

    assistant = Assistant(load_settings())
    construct = time.perf_counter() - start
    example = EXAMPLE.read_text(encoding="utf-8")
    start = time.perf_counter()
    assistant.qualify(example)
    first_call = time.perf_counter() - start

    def one(case: NoteCase) -> float:
        t0 = time.perf_counter()
        assistant.qualify(case.notes, case.call_date)
        return time.perf_counter() - t0

    warmup = [one(case) for case in cases]
    timed = [one(case) for case in cases]
    verdicts: dict[str, int] = {}
    start = time.perf_counter()
    for case in cases:
        verdict = assistant.qualify(case.notes, case.call_date).verdict
        verdicts[str(verdict)] = verdicts.get(str(verdict), 0) + 1
    loop = time.perf_counter() - start
    by_kind: dict[str, list[float]] = {}
    for case, seconds in zip(cases, timed, strict=True):
        by_kind.setdefault(f"{case.language}/{case.format}", []).append(seconds)
    return {
        "import_and_construct_s": construct,
        "first_call_s": first_call,
        "warmup_pass": _stats_ms(warmup),
        "timed_pass": _stats_ms(timed),
        "timed_by_kind_median_ms": {k: statistics.median(v) * 1e3 for k, v in sorted(by_kind.items())},
        "slowest": sorted(((s * 1e3, c.id) for s, c in zip(timed, cases, strict=True)), reverse=True)[:3],
        "throughput": {"notes": len(cases), "wall_s": loop, "notes_per_s": len(cases) / loop},
        "verdicts": verdicts,
    }


def batch(env: dict[str, str], jsonl: Path, out: Path, notes: int) -> dict[str, Any]:
    """`qualify-batch` over the JSONL as one subprocess: whole wall time and notes/s."""
    elapsed, done = _run([_cli(), "qualify-batch", str(jsonl), "--out", str(out)], env)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    errors = [row for row in rows if "error" in row]
    return {
        "notes": notes,
        "wall_s": elapsed,
        "notes_per_s": notes / elapsed,
        "rows": len(rows),
        "errors": len(errors),
        "first_errors": errors[:3],
        "summary": done.stderr.strip().splitlines()[-1:],
    }


def run(embedding: str, notes: int, repeats: int, seed: int) -> dict[str, Any]:
    """All three measurements in one fresh data dir."""
    with tempfile.TemporaryDirectory(prefix="bench-qualify-") as tmp:
        env = bench_env(Path(tmp) / "data", embedding)
        jsonl = Path(tmp) / "notes.jsonl"
        cases = write_jsonl(jsonl, notes, seed)
        cold = cold_start(env, repeats)
        batch_result = batch(env, jsonl, Path(tmp) / "reports.jsonl", notes)
        settings_env = {k: v for k, v in env.items() if k.startswith("ASSISTANT_") or k.endswith("_OFFLINE")}
        warm = in_process(settings_env, cases)
    return {
        "embedding": embedding,
        "notes": notes,
        "repeats": repeats,
        "seed": seed,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "date": dt.date.today().isoformat(),
        },
        "cold_start": cold,
        "warm": warm,
        "batch_subprocess": batch_result,
        "ratios": {
            "cold_start_over_warm_median": cold["qualify"]["median_s"]
            * 1e3
            / warm["timed_pass"]["median_ms"],
            "cold_start_minus_help_s": cold["qualify"]["median_s"] - cold["help"]["median_s"],
            "in_process_over_subprocess_batch_throughput": warm["throughput"]["notes_per_s"]
            / batch_result["notes_per_s"],
        },
    }


def print_table(result: dict[str, Any]) -> None:
    """The figures as a small aligned table."""
    cold, warm, sub = result["cold_start"], result["warm"], result["batch_subprocess"]
    rows = [
        ("CLI first run incl. indexing", f"{cold['first_run_incl_indexing_s']:.2f} s"),
        (
            f"CLI qualify --json, index built (median of {result['repeats']})",
            f"{cold['qualify']['median_s']:.2f} s  (min {cold['qualify']['min_s']:.2f}, max {cold['qualify']['max_s']:.2f})",
        ),
        ("CLI --help (process + import floor)", f"{cold['help']['median_s']:.2f} s"),
        ("in-process import + Assistant()", f"{warm['import_and_construct_s']:.2f} s"),
        ("in-process first qualify (loads model/store)", f"{warm['first_call_s']:.2f} s"),
        (
            "warm-up pass per note (query cache cold)",
            f"median {warm['warmup_pass']['median_ms']:.1f} ms  p95 {warm['warmup_pass']['p95_ms']:.1f} ms",
        ),
        (
            "warm per note (timed pass)",
            f"median {warm['timed_pass']['median_ms']:.1f} ms  p95 {warm['timed_pass']['p95_ms']:.1f} ms",
        ),
        (
            f"qualify-batch subprocess, {sub['notes']} notes",
            f"{sub['wall_s']:.2f} s = {sub['notes_per_s']:.1f} notes/s  ({sub['errors']} errors)",
        ),
        (
            f"in-process batch, {warm['throughput']['notes']} notes",
            f"{warm['throughput']['wall_s']:.2f} s = {warm['throughput']['notes_per_s']:.1f} notes/s",
        ),
        ("ratio cold start / warm median", f"{result['ratios']['cold_start_over_warm_median']:.0f}x"),
        (
            "ratio in-process / subprocess batch",
            f"{result['ratios']['in_process_over_subprocess_batch_throughput']:.2f}x",
        ),
    ]
    width = max(len(label) for label, _ in rows)
    print(
        f"embedding={result['embedding']} notes={result['notes']} cpus={result['machine']['cpus']} "
        f"python={result['machine']['python']}"
    )
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    kinds = "  ".join(f"{k} {v:.1f}" for k, v in warm["timed_by_kind_median_ms"].items())
    print(f"  warm median by kind (ms): {kinds}")
    print(f"  verdicts: {warm['verdicts']}")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--notes", type=int, default=200, help="Corpus size for warm latency and batch.")
    parser.add_argument("--repeats", type=int, default=5, help="Cold-start runs after the first.")
    parser.add_argument(
        "--embedding", choices=["minilm", "hashing"], default=os.environ.get("ASSISTANT_EMBEDDING", "minilm")
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="Print one JSON object instead of the table.")
    args = parser.parse_args(argv)
    if args.notes < 1 or args.repeats < 1:
        parser.error("--notes and --repeats must be at least 1")
    result = run(args.embedding, args.notes, args.repeats, args.seed)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
