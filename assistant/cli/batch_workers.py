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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from itertools import islice

from assistant.qualify.batch import BatchItem, run_item
from assistant.qualify.schemas import QualificationReport
from assistant.runtime import Assistant
from assistant.settings import Settings

MIN_ITEMS_PER_WORKER = 32
READ_AHEAD = 256  # items read from the file ahead of the output: a stream, never the whole file
CHUNK_ITEMS = 8
_WORKER: tuple[Assistant, dt.date | None] | None = None
Row = dict[str, object]


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def planned_workers(requested: int | None, items_seen: int, settings: Settings) -> int:
    """Processes to start: none with a model (threads wait on it) or for a small batch (one
    whose lines all fit in the first read-ahead and are too few to share)."""
    if settings.model:
        return 1
    wanted = requested if requested is not None else default_workers()
    if items_seen >= READ_AHEAD:
        return max(1, wanted)
    return max(1, min(wanted, items_seen // MIN_ITEMS_PER_WORKER or 1))


def qualify_rows(
    items: Iterable[BatchItem], assistant: Assistant, default_date: dt.date | None, requested: int | None
) -> Iterator[tuple[BatchItem, Row]]:
    """(item, output row) per item, in input order, reading the items as it goes. Worker
    processes start here, before the caller starts a progress display (whose thread must not be
    running when they fork); the next read-ahead is queued while the current one is written."""
    stream = iter(items)
    first = list(islice(stream, READ_AHEAD))
    processes = planned_workers(requested, len(first), assistant.settings)
    pool: Executor
    if processes > 1:
        _preload()
        start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        pool = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context(start),
            initializer=_start_worker,
            initargs=(assistant.settings, default_date),
        )
        run: Callable[[BatchItem], Row] = _worker_row
    else:
        pool = ThreadPoolExecutor(assistant.settings.llm_concurrency if assistant.settings.model else 1)
        run = partial(_row, assistant, default_date)
    pending = (first, pool.map(run, first, chunksize=CHUNK_ITEMS))
    return _in_order(pool, run, pending, stream)


def _in_order(
    pool: Executor,
    run: Callable[[BatchItem], Row],
    pending: tuple[list[BatchItem], Iterator[Row]],
    stream: Iterator[BatchItem],
) -> Iterator[tuple[BatchItem, Row]]:
    with pool:
        while True:
            following = list(islice(stream, READ_AHEAD))
            queued = (following, pool.map(run, following, chunksize=CHUNK_ITEMS)) if following else None
            yield from zip(*pending, strict=True)
            if queued is None:
                return
            pending = queued


def _preload() -> None:
    """Import, in the parent, what every worker needs before its first line (the library, Chroma's
    client, NumPy): forked workers inherit the modules instead of each importing them again."""
    from assistant.library import playbook_library  # noqa: F401
    from assistant.library.store import preload_client_library

    preload_client_library()


def _start_worker(settings: Settings, default_date: dt.date | None) -> None:
    global _WORKER
    _WORKER = (Assistant(settings), default_date)


def _worker_row(item: BatchItem) -> Row:
    assert _WORKER is not None, "the pool's initializer builds the worker's assistant"
    return _row(*_WORKER, item)


def _row(assistant: Assistant, default_date: dt.date | None, item: BatchItem) -> Row:
    def qualify(one: BatchItem) -> QualificationReport:
        assert one.line is not None
        return assistant.qualify(one.line.notes, one.line.call_date or default_date)

    return run_item(item, qualify)
