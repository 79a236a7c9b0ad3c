"""Load test: N concurrent qualify-and-save clients on one data directory, N = 1, 4, 16.

    python bench/bench_load.py [--levels 1,4,16] [--notes 64] [--repeats 3] [--modes threads,processes]
                               [--setup single|postgres|chroma-server|team|all ...] [--database-url URL]
                               [--embedding minilm|hashing] [--json]

Every client qualifies notes from bench/notes_corpus.py with the offline engine (shipped
knowledge and playbooks, MiniLM by default) and saves each report to the account history, as
the UI's "Save to history" does. Two ways to be concurrent (bench/load_runs.py):

- threads: N threads over one Assistant and one history, like N browser sessions of one
  `sales-assistant ui` server (Streamlit runs sessions as threads of one process);
- processes: N processes, each with its own Assistant and history on the same data
  directory, like CLI runs or several app servers; started and warmed up first (their
  start-up is reported apart), then timed.

Setups: `single` is the default install (SQLite history and the embedded Chroma store under
the data directory); `postgres` keeps the history in PostgreSQL (a throwaway database created
on the server that --database-url or ASSISTANT_TEST_DATABASE_URL names, dropped afterwards);
`chroma-server` queries a `chroma run` server this script starts on loopback; `team` is both.
Each level runs --repeats times over the same --notes notes; the table shows medians over the
repeats of throughput (qualifications per second), median and p95 latency of one
qualification plus its save. The machine may be shared and noisy: compare medians and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_runs import open_assistant, run_processes, run_threads
from notes_corpus import NoteCase, generate

SETUPS = {
    "single": ("SQLite + embedded Chroma (default)", False, False),
    "postgres": ("PostgreSQL + embedded Chroma", True, False),
    "chroma-server": ("SQLite + Chroma server", False, True),
    "team": ("PostgreSQL + Chroma server", True, True),
}


@contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """`chroma run` on a free loopback port, its data in `folder`; stopped on exit."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"the Chroma server at {url} did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def throwaway_database(server_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database on `server_url`'s server, dropped on exit."""
    import sqlalchemy as sa

    from assistant.history.database import parse_url

    admin_url = parse_url(server_url)
    name = f"bench_load_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def run_setup(
    setup: str, args: argparse.Namespace, cases: Sequence[NoteCase], database_server: str | None
) -> list[dict[str, Any]]:
    """Build the index once, then every (mode, N) of one setup; a summary row per level."""
    label, wants_postgres, wants_server = SETUPS[setup]
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-")))
        settings: dict[str, Any] = {"data_dir": root / "data", "embedding": args.embedding}
        if wants_postgres:
            if not database_server:
                raise SystemExit(f"setup {setup!r} needs --database-url or ASSISTANT_TEST_DATABASE_URL")
            settings["database_url"] = stack.enter_context(throwaway_database(database_server))
        if wants_server:
            settings["chroma_url"] = stack.enter_context(chroma_server(root / "chroma-server"))
        assistant, history = open_assistant(settings)  # builds the index; warm-up fills the query cache
        for case in cases:
            assistant.qualify(case.notes, case.call_date)
        rows = []
        for mode in args.modes:
            for clients in args.levels:
                if mode == "threads":
                    level = run_threads(assistant, history, cases, clients, args.repeats)
                else:
                    level = run_processes(settings, cases, clients, args.repeats)
                rows.append({"setup": label, **level.summary()})
                print(_row(rows[-1]), file=sys.stderr, flush=True)
        history.close()
        return rows


def _row(row: dict[str, Any]) -> str:
    ready = f"{row['process_ready_s']:.1f}" if row["process_ready_s"] is not None else "–"
    return (
        f"| {row['setup']} | {row['mode']} | {row['clients']} | {row['throughput_per_s']:.1f} | "
        f"{row['median_ms']:.0f} | {row['p95_ms']:.0f} | {row['save_median_ms']:.1f} | {ready} |"
    )


def markdown(rows: Sequence[dict[str, Any]]) -> str:
    """The results table as README and docs/deploy.md show it."""
    head = (
        "| setup | clients as | N | qualifications/s | median ms | p95 ms | of which save, median ms "
        "| process ready s |\n|---|---|---|---|---|---|---|---|"
    )
    return "\n".join([head, *(_row(row) for row in rows)])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="1,4,16", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--notes", type=int, default=64, help="qualifications per run, split across clients")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--modes", default="threads,processes", type=lambda s: s.split(","))
    parser.add_argument("--setup", action="append", choices=[*SETUPS, "all"], help="default: single")
    parser.add_argument("--database-url", default=os.environ.get("ASSISTANT_TEST_DATABASE_URL"))
    parser.add_argument("--embedding", choices=["minilm", "hashing"], default="minilm")
    parser.add_argument("--json", action="store_true", help="print every figure as JSON")
    args = parser.parse_args(argv)
    chosen = args.setup or ["single"]
    args.setups = list(SETUPS) if "all" in chosen else chosen
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    database_server = args.database_url
    for key in [key for key in os.environ if key.startswith("ASSISTANT_")]:
        del os.environ[key]  # the settings come from this script only
    os.environ.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    cases = generate(args.notes)
    rows = [row for setup in args.setups for row in run_setup(setup, args, cases, database_server)]
    if args.json:
        machine = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        }
        print(json.dumps({"machine": machine, "notes": args.notes, "rows": rows}, indent=2))
    else:
        print(
            f"\n{len(cases)} qualifications per run, medians of {args.repeats} runs, "
            f"{os.cpu_count()} CPUs, embedding {args.embedding}\n"
        )
        print(markdown(rows))


if __name__ == "__main__":
    main()
