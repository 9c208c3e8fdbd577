"""A big rebuild's events read and turned into rows' values by processes of their own.

Most of a rebuild's time is reading the events and decoding their JSON; writing the rows
is a third of it. On a SQLite store without a key, processes of their own (one a core)
each read a range of positions from the file and make the rows of the activities that
their ``Logged`` event made and nothing changed since (``Projecting.lazy_rows``: most
rows of any store), while the rebuilding process writes the rows of the ranges before.
A range comes back as (last position, events read, the other events, the rows made);
the rebuilding process (``rebuild_apart``) writes the rows and applies the other events
itself, as it always does.
"""

import os
import sqlite3
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import closing
from typing import Any

from adapters.read_model.projecting import Note, Projecting, events_after
from adapters.read_model.schema import BATCH
from adapters.sqlite_store import readable_location
from domain.usecases.base import cycle_collection_paused

# Below this many events, starting the processes costs more than they save.
APART_FROM = 50_000
# Ranges made ahead of the one being written: enough to keep the processes busy, few
# enough that memory stays flat on any store.
AHEAD = 4

Prepared = tuple[int | None, int, list[Note], list[list[Any]]]

_connections: dict[str, sqlite3.Connection] = {}


def prepare(location: str, events_table: str, after: int, stop: int) -> Prepared:
    """In a process of its own: the events after position ``after`` up to ``stop``,
    as (last position or None, how many, the events not made into rows, the rows)."""
    connection = _connections.get(location)
    if connection is None:
        connection = _connections[location] = sqlite3.connect(location, uri=True)
    notes = events_after(connection, events_table, after, stop, None)
    fresh, rest = Projecting.handlers_only().lazy_rows(notes)
    return (notes[-1][0] if notes else None, len(notes), rest, fresh)


def prepared_ranges(
    location: str, events_table: str, last: int
) -> Generator[Prepared | None, None, None]:
    """Each range of ``BATCH`` positions up to ``last``, in order, prepared by processes
    of their own; None for a range whose process failed (the caller does it itself and
    the rest too). Nothing (an empty iterator) where no process can be had."""
    if (os.cpu_count() or 1) < 2 or last < APART_FROM:
        return
    # Imported here: only a big rebuild needs them.
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # never fork a process holding SQLite
    starts: Iterator[int] = iter(range(0, last, BATCH))
    try:
        pool = ProcessPoolExecutor(max_workers=2, mp_context=context)
    except OSError:
        return
    pending: deque[Future[Prepared]] = deque()

    def submit() -> None:
        """The next range to a process, while any is left and a process can be had."""
        nonlocal starts
        start = next(starts, None)
        if start is None:
            return
        try:
            pending.append(pool.submit(prepare, location, events_table, start, min(start + BATCH, last)))  # fmt: skip
        except Exception:  # no process to be had: the caller's catch-up does the rest
            starts = iter(())

    try:
        for _ in range(AHEAD):
            submit()
        while pending:
            try:
                result: Prepared | None = pending.popleft().result()
            except Exception:  # an event the handlers alone cannot project, a lost process
                result = None
            yield result
            if result is None:
                return
            submit()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def rebuild_apart(model: Projecting) -> int:
    """The rows of a big SQLite store's events, written by ``model`` (a rebuild that has
    just emptied its tables) as processes of their own make them; the position reached
    (0 where they cannot help: a store with a key, in memory, on PostgreSQL, a small
    one). The rebuild's catch-up does the rest, and a range the processes could not make.
    """
    datastore = model.app.recorder.datastore  # type: ignore[attr-defined]
    location = None if model.is_postgres else readable_location(datastore.pool.db_name)
    if location is None or model._cipher is not None or model._compressor is not None:
        return 0
    last = int(model.app.recorder.max_notification_id() or 0)  # type: ignore[attr-defined]
    position = applied = 0
    with closing(prepared_ranges(location, str(model._events_table), last)) as ranges:
        for prepared in ranges:
            if prepared is None:
                break
            end, count, rest, fresh = prepared
            if end is None:
                continue  # no event in that range
            with model._transaction(lock=True) as run, cycle_collection_paused():
                current = int(run(f"SELECT position FROM {model.prefix}humas_position")[0][0])
                if current != position:
                    break  # another process wrote rows meanwhile: the catch-up carries on
                model._project(run, rest, fresh)
                run(
                    f"UPDATE {model.prefix}humas_position SET position = ?, events = events + ?",
                    (end, count),
                )
            position = end
            applied += count
            if model.on_progress:
                model.on_progress(applied, position)
    return position
