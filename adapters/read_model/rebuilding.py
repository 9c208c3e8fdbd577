"""Rebuilding the read model: every row forgotten and made again from the events.

Most of a big rebuild's time is reading the events and decoding their JSON; writing the
rows is a third of it. On a SQLite store without a key, processes of their own (one a
core) each read a range of positions from the file and make the rows of the activities
that their ``Logged`` event made and nothing changed since (``Projecting.lazy_rows``:
most rows of any store), while the rebuilding process writes the rows of the ranges
before. A range comes back as (last position, events read, the other events, the rows
made); the rebuilding process writes the rows and applies the other events itself, as
it always does.
"""

import os
import sqlite3
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import closing
from typing import Any

from adapters.read_model.projecting import Note, Projecting, events_after
from adapters.read_model.schema import BATCH, INDEXES, ROW_TABLES, SCHEMA
from adapters.sqlite_store import readable_location

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


class Rebuilding(Projecting):
    def rebuild(self) -> int:
        """Forget every row and make them again from the events: rows are written without
        their indexes, which are made afterwards in one pass each (far quicker than
        keeping them up to date row by row), and so are the units' first days (one
        statement over all activities, instead of lowering them row by row; made before
        the indexes, as a scan of the rows' table is about twice as quick as following
        an index to each row)."""
        if not self.is_postgres:
            # one checkpoint of the log at the end, not one every 4 MB written (nor one
            # when the old rows are forgotten)
            self._sqlite.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            with self._transaction(lock=True) as run:
                for index in INDEXES:  # first: then the rows are forgotten without them
                    run(f"DROP INDEX IF EXISTS {self.prefix}{index}")
                for table in ROW_TABLES:
                    run(f"DELETE FROM {self.prefix}{table}")
                run(f"UPDATE {self.prefix}humas_position SET position = 0, events = 0")
            self._bulk = True
            self._last_position = self._rows_made_apart()  # 0 when made here alone
            position = self.catch_up()
        finally:
            self._bulk = False
            with self._transaction(lock=True) as run:
                self._write_all_unit_days(run)
                for statement in SCHEMA:
                    run(statement.format(prefix=self.prefix))
            if not self.is_postgres:
                self._sqlite.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
                self._sqlite.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._analyze()
        return position

    def _rows_made_apart(self) -> int:
        """The rows of a big SQLite store's events, written here (a rebuild that has just
        emptied its tables) as processes of their own make them; the position reached
        (0 where they cannot help: a store with a key, in memory, on PostgreSQL, a small
        one). The rebuild's catch-up does the rest, and a range the processes could not
        make."""
        datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
        location = None if self.is_postgres else readable_location(datastore.pool.db_name)
        if location is None or self._cipher is not None or self._compressor is not None:
            return 0
        last = int(self.app.recorder.max_notification_id() or 0)  # type: ignore[attr-defined]
        position = applied = 0
        with closing(prepared_ranges(location, str(self._events_table), last)) as ranges:
            for prepared in ranges:
                if prepared is None:
                    break
                end, count, rest, fresh = prepared
                if end is None:
                    continue  # no event in that range
                if self._apply(position, rest, end, count, fresh) is not None:
                    break  # another process wrote rows meanwhile: the catch-up carries on
                position = end
                applied += count
                if self.on_progress:
                    self.on_progress(applied, position)
        return position
