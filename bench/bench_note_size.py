"""Seconds per KB of notes, ordinary and adversarial, from 1 KB to 1 MB: flat means linear.

    python bench/bench_note_size.py [--sizes 1,10,100,1000] [--repeats 3] [--json]

Each note is read by the document reader and the six offline readers (no retrieval, no
rubric I/O), in-process, so the figure is the reading itself. Adversarial shapes repeat one
phrase that every reader reacts to (dates, headcounts, money, speaker turns) in one long
clause or many lines: the kinds of input that once made a reader quadratic. Medians of
--repeats runs; the last column is ms per KB at each size over ms per KB at the smallest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time

from assistant.extract.document import read_notes
from assistant.knowledge.load import load_knowledge
from assistant.qualify.engine import OfflineEngine
from assistant.settings import PROJECT_ROOT

CALL = dt.date(2026, 11, 10)
SHAPES = {
    "ordinary (the demo call, repeated)": (
        PROJECT_ROOT / "examples" / "halvorsen-discovery-call.txt"
    ).read_text(),
    "dates in one clause": "by end of Q1 2027 before March 2027 until June 2028 next spring, ",
    "headcounts in one clause": "500 employees ",
    "money in one clause": "$150k approved budget ",
    "speaker turns": "Lena Fischer: Do you have budget?\nMarco Bianchi: We are 350 people, decide by March.\n",
    "one long word run": "word ",
}


def note_of(unit: str, kb: int) -> str:
    """`unit` repeated to exactly `kb` kilobytes."""
    size = kb * 1024
    return (unit * (size // len(unit) + 1))[:size]


def seconds(text: str, repeats: int) -> float:
    """Median seconds to read one note with every offline reader."""
    knowledge, engine = load_knowledge(PROJECT_ROOT / "knowledge"), OfflineEngine()
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        engine.extract(read_notes(text), CALL, knowledge, [])
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="note sizes in KB")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    rows = []
    for shape, unit in SHAPES.items():
        per_kb = [seconds(note_of(unit, kb), args.repeats if kb < 500 else 1) / kb * 1000 for kb in sizes]
        rows.append({"shape": shape, "ms_per_kb": dict(zip(sizes, per_kb, strict=True))})
        if not args.json:
            cells = "  ".join(
                f"{kb:>5} KB {ms:6.2f} ms/KB ({ms / per_kb[0]:4.2f}x)"
                for kb, ms in zip(sizes, per_kb, strict=True)
            )
            print(f"{shape:<36} {cells}", flush=True)
    if args.json:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
