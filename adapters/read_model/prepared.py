"""A big rebuild's events read and turned into rows' values by processes of their own.

Most of a rebuild's time is reading the events and decoding their JSON; writing the rows
is a third of it. On a SQLite store without a key, processes of their own (one a core)
each read a range of positions from the file and make the rows of the activities that
their ``Logged`` event made and nothing changed since (``Projecting.lazy_rows``: most
rows of any store), while the rebuilding process writes the rows of the ranges before.
A range comes back as (last position, events read, the other events, the rows made);
the rebuilding process applies the other events itself, as it always does.
"""

import os
import sqlite3
from collections import deque
from collections.abc import Generator
from itertools import islice
from typing import Any

from adapters.read_model.projecting import Note, events_after
from adapters.read_model.schema import BATCH

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
    from adapters.read_model import SqlReadModel

    connection = _connections.get(location)
    if connection is None:
        connection = _connections[location] = sqlite3.connect(location, uri=True)
    notes = events_after(connection, events_table, after, stop, None)
    fresh, rest = SqlReadModel.handlers_only().lazy_rows(notes)
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
    starts = iter(range(0, last, BATCH))
    try:
        pool = ProcessPoolExecutor(max_workers=2, mp_context=context)
    except OSError:
        return
    try:
        pending: deque[Future[Prepared]] = deque()

        def submit(start: int) -> None:
            pending.append(pool.submit(prepare, location, events_table, start, min(start + BATCH, last)))  # fmt: skip

        for first in islice(starts, AHEAD):
            submit(first)
        while pending:
            try:
                result: Prepared | None = pending.popleft().result()
            except Exception:  # an event the handlers alone cannot project, a lost process
                result = None
            yield result
            if result is None:
                return
            following = next(starts, None)
            if following is not None:
                try:
                    submit(following)
                except Exception:  # no process left: the caller's catch-up does the rest
                    starts = iter(())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
