"""What humas saved: a digest of every stored record, written in the same transaction
as the record, so that a row put into the event table by anything but humas is known.

The digest (:func:`domain.model.seal.saved_digest`) is an HMAC-SHA256 under
``HUMAS_SEAL_KEY`` when it is set, a plain SHA-256 otherwise. Someone who can write to
the database but does not have the seal key cannot make a digest for a row of their own;
without a seal key the digests still catch every row added by hand that was not given
one too.

The recorders also read the raw rows for a check (:meth:`rows`): every column as the
database holds it, whatever a hand-made change put there, beside the digest humas
saved for the row's stream and version ("" when there is none, None when the store has
no digests at all).

Each recorder is the eventsourcing library's own, with the digests added to its insert
(PostgreSQL's is in ``adapters/audit/postgres_digests.py``, imported only for PostgreSQL).
"""

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import OperationalError, StoredEvent
from eventsourcing.sqlite import SQLiteDatastore

from adapters.sqlite_store import ProjectingSQLiteRecorder, readable_location
from domain.model.seal import SEAL_ID, saved_digest

SEAL_KEY_VARIABLE = "HUMAS_SEAL_KEY"
TABLE = "humas_saved"
# In a Sealed event's stored state, the field seals carry since humas keeps digests.
ACCEPTED_KEY = '"accepted":'

Row = tuple[int, Any, Any, Any, Any, str | None]


def seal_key() -> bytes | None:
    key = os.environ.get(SEAL_KEY_VARIABLE, "")
    return key.encode() if key else None


def _digests(stored_events: Sequence[StoredEvent], key: bytes | None) -> list[tuple[str, int, str]]:
    rows = []
    for stored in stored_events:
        given = stored.originator_id
        stream = given if type(given) is UUID else UUID(str(given))
        state_hash = hashlib.sha256(stored.state).hexdigest()
        digest = saved_digest(str(stream), stored.originator_version, stored.topic, state_hash, key)
        rows.append((stream.hex, stored.originator_version, digest))
    return rows


def _value(data: Any, kind: str) -> Any:
    """A column read as bytes, as SQLite would give it (text decoded without failing)."""
    if kind == "blob":
        return data
    if kind == "null":
        return None
    text = data.decode("utf-8", "surrogateescape")
    return int(text) if kind == "integer" else float(text) if kind == "real" else text


_ROW_COLUMNS = "e.rowid, e.originator_id, e.originator_version, e.topic, e.state"


def _row_source(events_table: str, saved: bool, table: bool = True) -> tuple[str, str]:
    """The digest column and the table a check's rows are read from: the events, beside
    the digest humas saved for each (when the store keeps digests; "" for every row when
    the store should keep them but their table is gone)."""
    if not saved:
        return "NULL", f"{events_table} e"
    if not table:
        return "''", f"{events_table} e"
    join = f"LEFT JOIN {TABLE} d ON d.stream = e.originator_id AND d.version = e.originator_version"  # fmt: skip
    return "d.digest", f"{events_table} e {join}"


def _as_rows(found: Sequence[Any], saved: bool) -> list[Row]:
    """Rows as a check reads them: the digest "" when there is none, as text whatever a
    hand left (None for every row of a store without digests)."""
    if not saved:
        return [(*row[:5], None) for row in found]
    return [
        row if type(row[5]) is str else (*row[:5], "" if row[5] is None else str(row[5]))
        for row in found
    ]


def _of_span(
    location: str, events_table: str, saved: tuple[bool, bool], after: int | None, stop: int,
    fn: Callable[..., Any], arg: Any, args: tuple[Any, ...],
) -> Any:  # fmt: skip
    """In a process of its own (``map_spans``): ``fn`` over the rows of one span."""
    connection = sqlite3.connect(location, uri=True)
    try:
        digest, table = _row_source(events_table, *saved)
        cursor = connection.execute(
            f"SELECT {_ROW_COLUMNS}, {digest} FROM {table} "
            "WHERE e.rowid > ? AND e.rowid <= ? ORDER BY e.rowid",
            (-(2**63) if after is None else after, stop),
        )

        def batches() -> Iterator[list[Row]]:
            while batch := cursor.fetchmany(10_000):
                yield _as_rows(batch, saved[0])

        return fn(arg, batches(), *args)
    finally:
        connection.close()


class DigestQueries:
    """What the recorders of both stores answer from the digests they saved. Each names
    its tables (``digests_table``, ``events_table``) and says whether the digests' table
    exists and how a statement's rows are read."""

    digests_table: str
    events_table: str

    def has_digests(self) -> bool:
        """Whether the store keeps digests: their table is there, or a seal says it was
        (a table dropped by hand must not turn the store into one from before digests,
        whose records the next write would vouch for, forged ones included)."""
        return self.has_digests_table() or self.sealed_with_digests()

    def has_digests_table(self) -> bool:
        raise NotImplementedError

    def sealed_with_digests(self) -> bool:
        """Whether a humas that keeps digests sealed this store: its ``Sealed`` events
        carry ``accepted`` (the rows sealed though humas never saved them), which came
        with the digests. Seals are stored in clear, whatever the store's key."""
        raise NotImplementedError

    def _fetch(self, statement: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def unmatched_digests(self) -> list[tuple[str, int]]:
        """(stream, version) of each digest humas saved whose record is no longer stored."""
        if not self.has_digests_table():
            return []
        found = self._fetch(
            f"SELECT d.stream, d.version FROM {self.digests_table} d "
            f"LEFT JOIN {self.events_table} e ON e.originator_id = d.stream "
            "AND e.originator_version = d.version WHERE e.originator_id IS NULL "
            "ORDER BY d.stream, d.version"
        )
        return [(str(stream), version) for stream, version in found]

    def digest_count(self) -> int:
        """How many digests humas keeps (a check compares it with the records it met)."""
        if not self.has_digests_table():
            return 0
        return int(self._fetch(f"SELECT COUNT(*) FROM {self.digests_table}")[0][0])

    def keyed_digests(self) -> bool:
        """Whether the digests were made under a seal key (HMAC) rather than plain."""
        return self.has_digests_table() and bool(
            self._fetch(
                f"SELECT 1 FROM {self.digests_table} WHERE substr(digest, 1, 4) = 'hmac' LIMIT 1"
            )
        )


class SQLiteSavedRecorder(DigestQueries, ProjectingSQLiteRecorder):
    """The SQLite recorder (the read model writes in its transaction); each insert also
    records the rows' digests, in the same transaction."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self.seal_key = seal_key()
        self.digests_table, self.events_table = TABLE, events_table_name

    def create_table(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,))
            new = c.fetchone() is None
        super().create_table()
        vouch = new and not self.sealed_with_digests()
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                f"CREATE TABLE IF NOT EXISTS {TABLE} (stream TEXT NOT NULL, "
                "version INTEGER NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (stream, version)) "
                "WITHOUT ROWID"  # one lookup a record when a check joins it
            )
            if vouch:
                # A store from before the digests: humas vouches once for what it holds.
                c.execute(f"SELECT originator_id, originator_version, topic, state FROM {self.events_table_name}")  # fmt: skip
                held = [StoredEvent(UUID(r[0]), r[1], r[2], r[3]) for r in c.fetchall()]
                c.executemany(f"INSERT OR IGNORE INTO {TABLE} VALUES (?, ?, ?)", _digests(held, self.seal_key))  # fmt: skip

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._insert_events(c, stored_events, **kwargs)
        c.executemany(f"INSERT INTO {TABLE} VALUES (?, ?, ?)", _digests(stored_events, self.seal_key))  # fmt: skip
        return ids

    def has_digests_table(self) -> bool:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,))
            return c.fetchone() is not None

    def sealed_with_digests(self) -> bool:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT 1 FROM {self.events_table_name} WHERE originator_id = ? "
                "AND instr(CAST(state AS BLOB), CAST(? AS BLOB)) > 0 LIMIT 1",
                (SEAL_ID.hex, ACCEPTED_KEY),
            )
            return c.fetchone() is not None

    def _fetch(self, statement: str) -> list[tuple[Any, ...]]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement)
            return [tuple(row) for row in c.fetchall()]

    def rows(self, after: int | None, limit: int) -> list[Row]:
        """Raw rows after position ``after`` (None: from the very first, even one forged
        at position 0 or below), any column of any type (a TEXT state as text)."""
        saved, kept = self.has_digests(), self.has_digests_table()
        digest, table = _row_source(self.events_table_name, saved, kept)
        table += " WHERE e.rowid > ? ORDER BY e.rowid LIMIT ?"
        params = (-(2**63) if after is None else after, limit)
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(f"SELECT {_ROW_COLUMNS}, {digest} FROM {table}", params)
                found = c.fetchall()
        except (sqlite3.OperationalError, OperationalError):  # text that is no UTF-8
            found = self._rows_as_bytes(digest, table, params)
        return _as_rows(found, saved)

    def map_spans(
        self, fn: Callable[..., Any], spans: Sequence[tuple[int | None, int, Any]], *args: Any
    ) -> list[Any] | None:
        """``fn(arg, batches, *args)`` for each span (after, stop, arg) of the log, its
        rows (as :meth:`rows` gives them) read a batch at a time, in processes of their
        own, one a core (at most two): a check of millions of records. None when the
        store is no file or the machine has one core; a span whose process failed
        gives None."""
        location = readable_location(self.datastore.pool.db_name)
        if location is None or (os.cpu_count() or 1) < 2:
            return None
        # Imported here: every write opens this recorder, and these cost a write's start-up.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        saved = (self.has_digests(), self.has_digests_table())
        context = multiprocessing.get_context("spawn")  # never fork a process holding SQLite
        try:
            with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
                table = self.events_table_name
                futures = [
                    pool.submit(_of_span, location, table, saved, after, stop, fn, arg, args)
                    for after, stop, arg in spans
                ]
                return [None if f.exception() else f.result() for f in futures]
        except (OSError, BrokenProcessPool):  # no process to be had: the caller reads alone
            return None

    def _rows_as_bytes(self, digest: str, table: str, params: tuple[int, int]) -> list[Any]:
        """The rows with every text column read as bytes and decoded without failing."""
        columns = ["e.originator_id", "e.originator_version", "e.topic", "e.state", digest]
        casts = ", ".join(f"CAST({c} AS BLOB), typeof({c})" for c in columns)
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT e.rowid, {casts} FROM {table}", params)
            found = c.fetchall()
        return [(row[0], *(_value(row[i], row[i + 1]) for i in range(1, 11, 2))) for row in found]
