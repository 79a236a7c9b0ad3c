"""Benchmark playbook retrieval: ingestion throughput and query latency on a synthetic library.

    python bench/bench_retrieval.py [--embedding minilm|hashing] [--chunks 10000] [--queries 200]

Builds a temporary store of N realistic playbook sections (10 per Markdown file), ingests it
through `PlaybookLibrary.ingest`, then times single searches and `search_many` batches of 4 over
distinct queries (cold query cache), and repeated queries (warm cache). Prints medians and p95.
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

from assistant.library.embeddings import get_embedder
from assistant.library.playbook_library import PlaybookLibrary
from assistant.settings import EmbeddingName, Settings

SECTIONS_PER_FILE = 10
INDUSTRIES = ["healthcare", "financial services", "manufacturing", "retail", "education", "logistics"]
PRODUCTS = ["core platform", "analytics add-on", "compliance add-on", "premium services"]
ROLES = ["VP Operations", "CFO", "Head of IT", "procurement lead", "clinical director", "plant manager"]
TOPICS = {
    "Budget": "Ask whether {amount} is allocated for {product} this fiscal year and who approves it. "
    "A {role} in {industry} usually signs off; if the money sits in next year's plan, mark it partial.",
    "Timeline": "Ask when the {industry} team must decide and what event drives the date. A go-live "
    "within {months} months is met; a contract with the incumbent ending later pushes it out.",
    "Authority": "Find out whether the {role} can sign or only influence. Ask who else joins the "
    "decision for {product} and invite them to the next call.",
    "Pain": "Ask what the current process costs {industry} teams each month. A {role} who quotes "
    "{amount} in overtime or lost revenue has a concrete problem worth solving now.",
    "Security review": "Bring the sales engineer when the {industry} buyer sends a security "
    "questionnaire, asks for SSO or EU-only hosting, or wants the API documentation for {product}.",
    "Renewal": "Involve the renewal rep {months} months before the end date. Review usage of "
    "{product} with the {role} and propose premium training to deepen adoption.",
    "Partner": "When the {industry} customer buys through a reseller or cooperative contract, "
    "loop in the channel AE early so the partner earns its margin on {product}.",
    "Handoff": "After signature the AE runs an internal transition meeting with the CSM, then an "
    "intro call where the {role} meets customer success; share every promise made about {product}.",
}
QUERY_TEMPLATES = [
    "who approves {amount} for {product} in {industry}",
    "how soon must a {industry} buyer decide",
    "what to do when the {role} asks for a security questionnaire",
    "when to involve the renewal rep for {product}",
    "{industry} customer buying through a reseller",
    "what does the manual process cost the {role}",
    "handoff to customer success after signature for {industry}",
    "can the {role} sign the contract",
]


def _fill(template: str, rng: random.Random) -> str:
    """One realistic variation of a template."""
    return template.format(
        amount=f"${rng.randint(20, 400)}k",
        product=rng.choice(PRODUCTS),
        role=rng.choice(ROLES),
        industry=rng.choice(INDUSTRIES),
        months=rng.randint(2, 14),
    )


def write_library(folder: Path, chunks: int, rng: random.Random) -> None:
    """Markdown playbooks totalling `chunks` sections, with front matter like the shipped ones."""
    topics = list(TOPICS.items())
    for file_index in range(0, chunks, SECTIONS_PER_FILE):
        industry = rng.choice(INDUSTRIES)
        lines = [
            "---",
            f"title: Playbook {file_index // SECTIONS_PER_FILE} for {industry}",
            f"kind: {rng.choice(['discovery', 'industry', 'renewal', 'handoff'])}",
            f"industries: [{industry.replace(' ', '_')}]",
            f"products: [{rng.choice(PRODUCTS).replace(' ', '_')}]",
            "---",
            "",
        ]
        for section in range(min(SECTIONS_PER_FILE, chunks - file_index)):
            heading, template = topics[(file_index + section) % len(topics)]
            body = " ".join(_fill(template, rng) for _ in range(rng.randint(2, 4)))
            lines += [f"## {heading} {section + 1}", "", body, ""]
        (folder / f"playbook-{file_index:06d}.md").write_text("\n".join(lines), encoding="utf-8")


def _percentiles(samples: Sequence[float]) -> str:
    """Median and p95 in milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def _timed(call: Callable[[], object], repeats: int) -> list[float]:
    """Wall time of each call."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def minilm_cold_load() -> float:
    """Seconds a fresh process needs to import sentence-transformers and load MiniLM."""
    code = (
        "import time; t = time.perf_counter(); from assistant.library.embeddings import load_minilm; "
        "load_minilm(); print(time.perf_counter() - t)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(embedding: EmbeddingName, chunks: int, queries: int, seed: int) -> None:
    """Build, ingest and query one store, printing the figures."""
    rng = random.Random(seed)
    print(f"embedding={embedding} chunks={chunks} queries={queries} cpus={os.cpu_count()}")
    if embedding == "minilm":
        print(f"MiniLM cold load (fresh process, import + weights): {minilm_cold_load():.2f} s")
    embedder = get_embedder(embedding)
    embedder.embed(["warm-up"])
    one = [_fill(rng.choice(QUERY_TEMPLATES), rng) + f" #{i}" for i in range(queries)]
    per_query = _timed(lambda: embedder.embed([one.pop()]), min(queries, 100))
    print(f"embed one query (no cache):            {_percentiles(per_query)}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "playbooks"
        folder.mkdir()
        write_library(folder, chunks, rng)
        settings = Settings(data_dir=Path(tmp) / "data", embedding=embedding, playbooks_dir=folder)
        library = PlaybookLibrary(settings)
        step = max(1, chunks // 10)
        shown = {"next": step}

        def progress(done: int, total: int) -> None:
            if done >= shown["next"] or done == total:
                print(f"  ingested {done}/{total}", flush=True)
                shown["next"] = done + step

        start = time.perf_counter()
        report = library.ingest([folder], progress=progress)
        elapsed = time.perf_counter() - start
        print(f"ingest: {report.added} chunks in {elapsed:.1f} s = {report.added / elapsed:,.0f} chunks/s")
        start = time.perf_counter()
        again = library.ingest([folder])
        print(f"re-ingest unchanged: added={again.added} in {time.perf_counter() - start:.2f} s")
        _query_latencies(library, queries, rng)


def _query_latencies(library: PlaybookLibrary, queries: int, rng: random.Random) -> None:
    """Single-query and batch-of-4 latencies over distinct queries, then over repeats."""
    fresh = [_fill(rng.choice(QUERY_TEMPLATES), rng) + f" case {i}" for i in range(queries * 5)]
    library.search("warm-up query about budget")
    singles = iter(fresh[:queries])
    single = _timed(lambda: library.search(next(singles)), queries)
    print(f"search, 1 query (k=4, cold cache):     {_percentiles(single)}")
    batches = iter(fresh[queries:])
    many = _timed(lambda: library.search_many([next(batches) for _ in range(4)]), queries)
    print(f"search_many, 4 queries (cold cache):   {_percentiles(many)}")
    repeated = fresh[:20]
    warm = _timed(lambda: library.search(rng.choice(repeated)), queries)
    print(f"search, 1 repeated query (warm cache): {_percentiles(warm)}")
    filtered = _timed(lambda: library.search(rng.choice(repeated), industry="healthcare"), queries)
    print(f"search with industry filter (warm):    {_percentiles(filtered)}")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse arguments and run the benchmark."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--embedding", choices=["minilm", "hashing"], default="hashing")
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    run(cast(EmbeddingName, args.embedding), args.chunks, args.queries, args.seed)


if __name__ == "__main__":
    main()
