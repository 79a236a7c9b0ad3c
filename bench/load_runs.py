"""Concurrent qualify-and-save runs for bench_load.py: threads of one process, or separate processes.

Each unit of work is what the UI does for one rep: qualify a note (offline engine, playbook
retrieval) and save the report to the account history. Threads share one Assistant and one
history, as Streamlit sessions share the `st.cache_resource` objects of one server process;
processes each open their own, as CLI runs or several app servers on one data directory do.
Workers start together at a barrier and are timed from the first start to the last finish.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from notes_corpus import NoteCase

ACCOUNTS = 24  # reps save under a few dozen accounts: some saves create one, most add to one


@dataclass
class RunResult:
    """One timed run: every qualification's latency and its save's share (seconds), and the wall time."""

    latencies: list[float]
    saves: list[float]
    wall_s: float

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.wall_s

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class LevelResult:
    """All repeats of one (mode, N), plus how long each process took to become ready."""

    mode: str
    clients: int
    runs: list[RunResult]
    ready_s: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Medians over repeats: throughput, median latency, p95 latency (ms)."""
        return {
            "mode": self.mode,
            "clients": self.clients,
            "repeats": len(self.runs),
            "qualifications_per_run": len(self.runs[0].latencies),
            "throughput_per_s": statistics.median(run.throughput for run in self.runs),
            "median_ms": statistics.median(run.percentile(0.5) for run in self.runs) * 1e3,
            "p95_ms": statistics.median(run.percentile(0.95) for run in self.runs) * 1e3,
            "save_median_ms": statistics.median(statistics.median(run.saves) for run in self.runs) * 1e3,
            "process_ready_s": statistics.median(self.ready_s) if self.ready_s else None,
            "runs_per_s": [round(run.throughput, 2) for run in self.runs],
        }


def shares(cases: Sequence[NoteCase], clients: int) -> list[list[tuple[int, NoteCase]]]:
    """Deal the notes round-robin, keeping each note's index (it names the account)."""
    return [[(i, case) for i, case in enumerate(cases) if i % clients == worker] for worker in range(clients)]


def qualify_and_save(assistant: Any, history: Any, index: int, case: NoteCase) -> tuple[float, float]:
    """What one rep's click costs: the report, then the saved record; (total, save) in seconds."""
    start = time.perf_counter()
    report = assistant.qualify(case.notes, case.call_date)
    saving = time.perf_counter()
    history.save(
        f"Load Test Account {index % ACCOUNTS:02d}",
        "qualification",
        report,
        title=f"Qualification: {report.verdict}",
        engine=report.engine,
        source_text=case.notes,
    )
    end = time.perf_counter()
    return end - start, end - saving


def _run_result(timings: list[tuple[float, float]], wall_s: float) -> RunResult:
    return RunResult([total for total, _ in timings], [save for _, save in timings], wall_s)


def open_assistant(settings_kwargs: dict[str, Any]) -> tuple[Any, Any]:
    """An Assistant with its playbook library open, and the account history, for these settings."""
    from assistant.history import AccountHistory
    from assistant.runtime import Assistant
    from assistant.settings import Settings

    settings = Settings(**settings_kwargs)
    assistant = Assistant(settings)
    _ = assistant.library
    return assistant, AccountHistory.from_settings(settings)


def run_threads(
    assistant: Any, history: Any, cases: Sequence[NoteCase], clients: int, repeats: int
) -> LevelResult:
    """N threads over one shared (warm) Assistant and history, `repeats` timed runs."""
    return LevelResult(
        "threads", clients, [_thread_run(assistant, history, cases, clients) for _ in range(repeats)]
    )


def _thread_run(assistant: Any, history: Any, cases: Sequence[NoteCase], clients: int) -> RunResult:
    """One timed run: the threads start together at a barrier."""
    timings: list[tuple[float, float]] = []
    spans: list[tuple[float, float]] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def work(share: list[tuple[int, NoteCase]]) -> None:
        barrier.wait()
        begun = time.monotonic()
        mine = [qualify_and_save(assistant, history, index, case) for index, case in share]
        with lock:
            timings.extend(mine)
            spans.append((begun, time.monotonic()))

    threads = [threading.Thread(target=work, args=(share,)) for share in shares(cases, clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return _run_result(timings, max(end for _, end in spans) - min(start for start, _ in spans))


def _process_worker(
    settings_kwargs: dict[str, Any],
    share: list[tuple[int, NoteCase]],
    repeats: int,
    barrier: Any,
    results: Any,
    spawned: float,
) -> None:
    """One client process: open everything, warm up on one note, then run at each barrier."""
    try:
        assistant, history = open_assistant(settings_kwargs)
        assistant.qualify(share[0][1].notes, share[0][1].call_date)
        results.put(("ready", time.monotonic() - spawned))
        for repeat in range(repeats):
            barrier.wait()
            begun = time.monotonic()
            timings = [qualify_and_save(assistant, history, index, case) for index, case in share]
            results.put(("run", (repeat, timings, begun, time.monotonic())))
        history.close()
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        barrier.abort()
        raise


def run_processes(
    settings_kwargs: dict[str, Any], cases: Sequence[NoteCase], clients: int, repeats: int
) -> LevelResult:
    """N spawned processes on the same data directory, kept alive across `repeats` timed runs."""
    context = mp.get_context("spawn")
    barrier, results = context.Barrier(clients), context.Queue()
    spawned = time.monotonic()
    workers = [
        context.Process(
            target=_process_worker, args=(settings_kwargs, share, repeats, barrier, results, spawned)
        )
        for share in shares(cases, clients)
    ]
    for worker in workers:
        worker.start()
    ready: list[float] = []
    by_repeat: list[list[tuple[list[tuple[float, float]], float, float]]] = [[] for _ in range(repeats)]
    for _ in range(clients * (repeats + 1)):
        kind, payload = results.get(timeout=600)
        if kind == "error":
            raise RuntimeError(f"a client process failed: {payload}")
        if kind == "ready":
            ready.append(payload)
        else:
            repeat, timings, begun, ended = payload
            by_repeat[repeat].append((timings, begun, ended))
    for worker in workers:
        worker.join(timeout=60)
    runs = [
        _run_result(
            [x for timings, _, _ in got for x in timings],
            max(end for _, _, end in got) - min(begun for _, begun, _ in got),
        )
        for got in by_repeat
    ]
    return LevelResult("processes", clients, runs, ready)
