"""Where `qualify-batch` runs its lines: worker processes for the offline engine, threads for a model.

The offline engine is CPU-bound Python, so one process uses one core however many threads it
has; a pool of processes uses them all. Workers are forked after the imports and before any
index is opened (no Chroma handle or thread crosses a fork), each builds its own Assistant
once, and lines go out in chunks and come back in input order. A model's engine waits on the
network instead, so it keeps a bounded thread pool in this process. Small batches stay in
this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from assistant.qualify.batch import BatchItem, run_item
from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.settings import Settings

MIN_ITEMS_PER_WORKER = 32
CHUNK_ITEMS = 8
_WORKER: tuple[Assistant, dt.date | None] | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def planned_workers(requested: int | None, items: int, settings: Settings) -> int:
    """Processes to start: none with a model (threads wait on it) or for a small batch."""
    if settings.model:
        return 1
    wanted = requested if requested is not None else default_workers()
    return max(1, min(wanted, items // MIN_ITEMS_PER_WORKER or 1))


def qualify_rows(
    items: list[BatchItem], assistant: Assistant, default_date: dt.date | None, processes: int
) -> Iterator[dict[str, object]]:
    """One output row per item, in input order."""
    if processes > 1:
        yield from _in_processes(items, assistant.settings, default_date, processes)
        return
    threads = assistant.settings.llm_concurrency if assistant.settings.model else 1
    with ThreadPoolExecutor(threads) as pool:
        yield from pool.map(lambda item: _row(assistant, default_date, item), items)


def _in_processes(
    items: list[BatchItem], settings: Settings, default_date: dt.date | None, processes: int
) -> Iterator[dict[str, object]]:
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    pool: Executor = ProcessPoolExecutor(
        processes, mp_context=context, initializer=_start_worker, initargs=(settings, default_date)
    )
    with pool:
        yield from pool.map(_worker_row, items, chunksize=CHUNK_ITEMS)


def _start_worker(settings: Settings, default_date: dt.date | None) -> None:
    global _WORKER
    _WORKER = (Assistant(settings), default_date)


def _worker_row(item: BatchItem) -> dict[str, object]:
    assert _WORKER is not None, "the pool's initializer builds the worker's assistant"
    return _row(*_WORKER, item)


def _row(assistant: Assistant, default_date: dt.date | None, item: BatchItem) -> dict[str, object]:
    def qualify(one: BatchItem) -> QualificationReport:
        assert one.line is not None
        return assistant.qualify(one.line.notes, one.line.call_date or default_date)

    return run_item(item, qualify)
