"""The read model: tables beside the events, in the same store, for listing and lookup.

Rows are made by event handlers (adapters/projection.py): each event changes one row.
A command's events and the rows they change are written in ONE transaction: the store's
event recorder calls :meth:`SqlReadModel.project_saved` inside its own transaction, so
a failure leaves neither events nor rows, and SQLite waits for the disk once. The read
model's position (the last event it holds) moves in that same transaction.

Events recorded by other means (an older humas, a store whose read model was rebuilt)
are caught up by :meth:`SqlReadModel.catch_up`, in batches: decode, apply, write many
rows to a statement, move the position, commit.

A read-only store (auditors, ``--read-only``) reads the stored rows as they are; only
when events were recorded after the read model's position does it copy the rows into a
private in-memory database and apply those later events there.
"""

import gc
import hmac
import json
import sqlite3
from base64 import b64decode, b64encode
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import resolve_topic

from adapters.projection import (
    ACTIVITY_COLUMNS,
    CREATORS,
    TABLE_OF,
    activity_logged_columns,
    apply,
    decode_json,
    decode_state,
    handles,
    record_type_of,
)
from domain.model.policies import counted_sql, counts_in_figures
from domain.ports import ActivityFilter

# Events read and applied per transaction while catching up.
BATCH = 10_000
# Rows in one PostgreSQL INSERT (SQLite takes them one statement each, in C).
ROWS_PER_STATEMENT = 500
# Bumped whenever the tables or indexes change: a store holding another layout has its
# read model made again (rows forgotten, caught up from the events) when next opened.
LAYOUT = 2
# After catching up this many events the planner's statistics are brought up to date.
ANALYZE_AFTER = 10_000

# Each table and the row keys it keeps as indexed columns.
COLUMNS: dict[str, tuple[str, ...]] = {
    "humas_operations": ("slug", "name", "start", "end", "status"),
    "humas_activities": ACTIVITY_COLUMNS,
    "humas_coverage": ("url", "content_hash", "record_id", "category", "day", "recorded_at"),
    "humas_incidents": ("occurred_on", "review", "operation_id", "recorded_at"),
}  # fmt: skip

# Indexed columns holding text that names a record; with a key they hold a keyed hash.
PRIVATE_COLUMNS = {"slug", "name", "url"}

# What reports count (the nil-returns section): not cancelled, reported or verified.
COUNTED = counted_sql()

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS {prefix}humas_position (
        id INTEGER PRIMARY KEY, position BIGINT NOT NULL, events BIGINT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_operations (
        id TEXT PRIMARY KEY, slug TEXT, name TEXT, start TEXT, "end" TEXT, status TEXT,
        doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_refs (
        ref TEXT NOT NULL, record_type TEXT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (ref, id))""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_activities (
        id TEXT PRIMARY KEY, kind TEXT, occurred_on TEXT, status TEXT, review TEXT,
        operation_id TEXT, organiser TEXT, recorded_at TEXT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_coverage (
        id TEXT PRIMARY KEY, url TEXT, content_hash TEXT, record_id TEXT, category TEXT,
        day TEXT, recorded_at TEXT, doc TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {prefix}humas_incidents (
        id TEXT PRIMARY KEY, occurred_on TEXT, review TEXT, operation_id TEXT,
        recorded_at TEXT, doc TEXT NOT NULL)""",
    # Each unit's first counted day (per operation, '' for none): the nil-returns section
    # asks which units were active before a period, and this answers without history.
    """CREATE TABLE IF NOT EXISTS {prefix}humas_unit_days (
        organiser TEXT NOT NULL, operation_key TEXT NOT NULL, first_day TEXT NOT NULL,
        PRIMARY KEY (organiser, operation_key))""",
    "CREATE INDEX IF NOT EXISTS humas_activities_day ON {prefix}humas_activities (occurred_on)",
    # a period of one operation: its days only, however long the operation's history
    "CREATE INDEX IF NOT EXISTS humas_activities_op_day "
    "ON {prefix}humas_activities (operation_id, occurred_on)",
    # a unit's first counted day, found at the start of its index range
    "CREATE INDEX IF NOT EXISTS humas_activities_unit_day "
    "ON {prefix}humas_activities (organiser, operation_id, occurred_on)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_url ON {prefix}humas_coverage (url)",
    # every ingested item looks for its content first: without it, ingest slows with the store
    "CREATE INDEX IF NOT EXISTS humas_coverage_hash ON {prefix}humas_coverage (content_hash)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_record ON {prefix}humas_coverage (record_id)",
    "CREATE INDEX IF NOT EXISTS humas_coverage_day ON {prefix}humas_coverage (day)",
    "CREATE INDEX IF NOT EXISTS humas_incidents_day ON {prefix}humas_incidents (occurred_on)",
    # replaced by humas_activities_op_day, which serves its queries too
    "DROP INDEX IF EXISTS {prefix}humas_activities_op",
]
# Rows whose document may stay the event that made them (see SqlReadModel._docs).
LAZY_CREATORS = {"humas:Activity.Logged"}
# The indexes (a rebuild drops them and makes them again at the end).
INDEXES = [statement.split()[5] for statement in SCHEMA if statement.startswith("CREATE INDEX")]
# Its presence says the tables hold this layout (asked without taking any lock).
LAYOUT_MARK = f"humas_layout_{LAYOUT}"


class SqlReadModel:
    """The read model on SQLite or PostgreSQL; only placeholders and locking differ."""

    def __init__(self, app: Application, in_memory: bool = False, until: int | None = None) -> None:
        """``in_memory``: the rows live in a private in-memory SQLite database, caught up
        from the events (the store is never written). ``until``: catch up no further
        than this position (the store as it stood then). A store opened read-only reads
        its stored rows (see the module's note)."""
        self.app = app
        self.until = until
        self.read_only = bool(getattr(app, "read_only", False)) or in_memory
        datastore = getattr(app.recorder, "datastore", None)
        self.is_postgres = hasattr(datastore, "schema") and not in_memory
        self.prefix = f'"{datastore.schema}".' if self.is_postgres else ""  # type: ignore[union-attr]
        self._cipher = app.mapper.cipher  # the rows' documents are encrypted with the events
        self._compressor = app.mapper.compressor
        self._last_position: int | None = None
        self._saved_up_to: int | None = None
        self._in_memory = in_memory or datastore is None
        self._events_table: str | None = None  # read directly on SQLite (see _notifications)
        # Where the events behind "!N" documents are read: the store's own connection on
        # SQLite, "postgres", or None when rows are made in memory (documents are JSON).
        self._events_source: Any = None
        self._bulk = False  # during a rebuild: indexes and units' first days made at the end
        self._touched: set[tuple[str, str]] = set()
        self.on_progress: Callable[[int, int], None] | None = None
        if self._in_memory:
            self._use_memory()
        else:
            if not self.is_postgres:
                # Our own connection, for reading and for catching up.
                self._sqlite = sqlite3.connect(
                    datastore.pool.db_name,  # type: ignore[union-attr]
                    uri=True, isolation_level=None, timeout=30, check_same_thread=False,
                )  # fmt: skip
                # Rows written by a catch-up can always be made again from the events, so
                # its commits need not wait for the disk (a command's rows go in with its
                # events, at their full sync).
                self._sqlite.execute("PRAGMA synchronous = NORMAL")
                # a rebuild's inserts land all over the rows' key index: keep it in memory
                self._sqlite.execute("PRAGMA cache_size = -65536")
                self._events_table = getattr(app.recorder, "events_table_name", None)
                self._events_source = self._sqlite
            else:
                self._events_source = "postgres"
            if self.read_only:
                if not self._layout_ready():
                    # an old store: its rows cannot be read as they are; make them in memory
                    self.close()
                    self._events_source = None
                    self._use_memory()
            else:
                self._create_tables()
                if hasattr(app.recorder, "projection"):
                    app.recorder.projection = self.project_saved

    # Writing -----------------------------------------------------------------

    def project_saved(self, cursor: Any, stored: Sequence[StoredEvent], ids: Sequence[int]) -> None:
        """Called by the event recorder inside the transaction that stores ``stored``
        (given positions ``ids``): the rows they change go in with them. When the read
        model is not right behind them, nothing is written here: a catch-up after the
        commit applies them with whatever came between."""
        if not ids or list(ids) != list(range(ids[0], ids[0] + len(ids))):
            return
        run = _runner(cursor, self.is_postgres)
        current = run(f"SELECT position FROM {self.prefix}humas_position{self._for_update}")
        if int(current[0][0]) != ids[0] - 1:
            return
        notes = [
            (position, str(event.originator_id), event.originator_version, event.topic, event.state)
            for position, event in zip(ids, stored, strict=True)
        ]
        if not self._project(run, notes, fallback=False):
            return
        run(
            f"UPDATE {self.prefix}humas_position SET position = ?, events = events + ?",
            (ids[-1], len(ids)),
        )
        self._saved_up_to = ids[-1]

    def catch_up(self, fresh: Sequence[Aggregate] = (), recorded: Sequence[int] = ()) -> int:
        if recorded and self._saved_up_to == recorded[-1]:
            # the rows went in with the events (project_saved), and that save succeeded
            self._last_position = max(self._last_position or 0, recorded[-1])
        if recorded and self._last_position is not None and self._last_position >= recorded[-1]:
            return self._last_position
        position = self._last_position if self._last_position is not None else self.position()
        applied = 0
        while True:
            notes = self._notifications(position)
            if not notes:
                break
            if self.read_only and not self._in_memory:
                self._copy_to_memory()  # later events than the stored rows: see module note
            end = notes[-1][0]
            with self._transaction(lock=True) as run, _no_cycle_collection():
                current = int(
                    run(f"SELECT position FROM {self.prefix}humas_position{self._for_update}")[0][0]
                )
                if current == position:
                    self._project(run, notes, fallback=True)
                    run(
                        f"UPDATE {self.prefix}humas_position SET position = ?, events = events + ?",
                        (end, len(notes)),
                    )
                    applied += len(notes)
                else:
                    end = current  # another process applied these; carry on from there
            position = end
            if self.on_progress:
                self.on_progress(applied, position)
        if applied >= ANALYZE_AFTER and not self._bulk:  # a rebuild analyzes at its end
            self._analyze()
        self._last_position = position
        return position

    def frozen_at(self, position: int) -> "SqlReadModel":
        """A private read model of the store as it stood at ``position``."""
        return SqlReadModel(self.app, in_memory=True, until=position)

    def rebuild(self) -> int:
        """Forget every row and make them again from the events: rows are written without
        their indexes, which are made afterwards in one pass each (far quicker than
        keeping them up to date row by row), and so are the units' first days."""
        with self._transaction(lock=True) as run:
            for table in ("humas_refs", "humas_unit_days", *COLUMNS):
                run(f"DELETE FROM {self.prefix}{table}")
            run(f"UPDATE {self.prefix}humas_position SET position = 0, events = 0")
            for index in INDEXES:
                run(f"DROP INDEX IF EXISTS {self.prefix}{index}")
        self._last_position = 0
        self._bulk, self._touched = True, set()
        if not self.is_postgres:
            # one checkpoint of the log at the end, not one every 4 MB written
            self._sqlite.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            position = self.catch_up()
        finally:
            self._bulk = False
            with self._transaction(lock=True) as run:
                for statement in SCHEMA:
                    run(statement.format(prefix=self.prefix))
                # new activities lowered their units' first days as they came; the units of
                # activities changed later (a cancellation, a correction) are asked again
                self._write_unit_days(run, self._touched)
            if not self.is_postgres:
                self._sqlite.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default
                self._sqlite.execute("PRAGMA wal_checkpoint(PASSIVE)")
        self._analyze()
        return position

    def _notifications(self, position: int) -> list[tuple[int, str, int, str, bytes]]:
        """The next events after ``position``: (position, id, version, topic, state).
        On a SQLite store they are read with one plain query, not through the library's
        notification objects (a rebuild reads every event)."""
        if self._events_table and not self._in_memory:
            stop = "" if self.until is None else f" AND rowid <= {int(self.until)}"
            # the id's canonical text made by SQLite from its 32 stored hex digits
            uuid = "||'-'||".join(
                f"substr(originator_id, {start}, {length})"
                for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
            )
            rows: list[tuple[int, str, int, str, bytes]] = self._sqlite.execute(
                f"SELECT rowid, {uuid}, originator_version, topic, state "
                f"FROM {self._events_table} WHERE rowid > ?{stop} ORDER BY rowid LIMIT ?",
                (position, BATCH),
            ).fetchall()
            return rows
        notifications = self.app.recorder.select_notifications(
            start=position, limit=BATCH, stop=self.until, inclusive_of_start=False
        )
        return [
            (n.id, str(n.originator_id), n.originator_version, n.topic, n.state)
            for n in notifications
        ]

    def _project(self, run: "Run", notes: Sequence[tuple[int, str, int, str, bytes]], fallback: bool) -> bool:  # fmt: skip
        """Apply these events to their rows and write the rows. Without ``fallback``
        (inside the recorder's transaction) an event without a handler makes it give up
        (False); with it, such an event's row is its aggregate's ``summary()``."""
        # A row made by its creation event and nothing since keeps that event as its
        # document, read when the row is (see _docs): only its columns are made now.
        later = {note[1] for note in notes if note[3] not in CREATORS}
        lazy = self._events_source is not None
        fresh: list[list[Any]] = []
        decoded: list[tuple[str, str, int, str, dict[str, Any] | None]] = []
        needed: dict[str, set[str]] = defaultdict(set)
        created: set[str] = set()
        for position, oid, version, topic, data in notes:
            if lazy and topic in LAZY_CREATORS and oid not in later:
                made = self._state(oid, version, topic, data)
                fresh.append([*activity_logged_columns(oid, made), f"!{position}"])
                continue
            table = TABLE_OF.get(record_type_of(topic))
            if table is None:
                continue  # the roster, seals: no rows
            state: dict[str, Any] | None = None
            if handles(topic):
                state = self._state(oid, version, topic, data)
            elif not fallback:
                return False
            decoded.append((table, oid, version, topic, state))
            if state is not None and topic in CREATORS:
                created.add(oid)
            elif oid not in created:
                needed[table].add(oid)
        rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for table, ids in needed.items():
            rows[table].update(self._rows(run, table, sorted(ids)))
        units = {_unit_key(row) for row in rows["humas_activities"].values()}
        for table, oid, version, topic, state in decoded:
            if state is None:
                rows[table][oid] = self._summary(oid, version, table)
            else:
                rows[table][oid] = apply(rows[table].get(oid), oid, version, topic, state)
        if fresh:
            self._write(run, "humas_activities", fresh)
        for table, changed in rows.items():
            if changed:
                self._upsert(run, table, list(changed.values()))
        if rows.get("humas_operations"):
            self._write_refs(run, rows["humas_operations"])
        if fresh:
            self._lower_unit_days(run, fresh)
        if rows.get("humas_activities"):
            units |= {_unit_key(row) for row in rows["humas_activities"].values()}
            units = {unit for unit in units if unit[0]}
            if self._bulk:
                self._touched |= units  # their first days are asked once the indexes exist
            else:
                self._write_unit_days(run, units)
        return True

    def _state(self, oid: str, version: int, topic: str, data: bytes) -> dict[str, Any]:
        """An event's state as plain values, upcast if it was stored by an older class."""
        stored = data
        if self._cipher is not None:
            data = self._cipher.decrypt(data)
        if self._compressor is not None:
            data = self._compressor.decompress(data)
        state = decode_state(topic, data)
        was, now = state.get("class_version", 1), _class_version(topic)
        if was >= now:
            return state
        try:
            # The event class's upcasters move and rename values; here they see dates and
            # UUIDs as text, which is what the handlers want anyway.
            event_class = resolve_topic(topic)
            state.pop("class_version", None)
            for step in range(was, now):
                getattr(event_class, f"upcast_v{step}_v{step + 1}")(state)
            return state
        except Exception:  # an upcaster that needs the typed values: the library's way
            event = self.app.mapper.to_domain_event(
                StoredEvent(
                    originator_id=oid, originator_version=version, topic=topic, state=stored
                )  # type: ignore[arg-type]
            )
            upcast: dict[str, Any] = decode_json(
                self.app.mapper.transcoder.encode(vars(event)).decode()
            )
            return upcast

    def _summary(self, oid: str, version: int, table: str) -> dict[str, Any]:
        """A row made by the aggregate itself, for an event no handler knows."""
        record: Any = self.app.repository.get(UUID(oid), version=version)
        row: dict[str, Any] = record.summary()
        if table == "humas_operations":
            row["refs"] = record.refs()
        return row

    def _rows(self, run: "Run", table: str, ids: list[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = run(f"SELECT id, doc FROM {self.prefix}{table} WHERE id IN ({marks})", chunk)
            docs = self._docs([row[1] for row in rows], run)
            found.update((row[0], doc) for row, doc in zip(rows, docs, strict=True))
        return found

    def _upsert(self, run: "Run", table: str, rows: list[dict[str, Any]]) -> None:
        columns = COLUMNS[table]
        private = self._cipher is not None and not PRIVATE_COLUMNS.isdisjoint(columns)
        values = []
        for row in rows:
            if table == "humas_coverage":
                row["day"] = row.get("published_on") or row.get("occurred_on")
            doc = self._doc_text({key: value for key, value in row.items() if key != "refs"})
            if private:
                values.append([row["id"], *(self._column(c, row.get(c)) for c in columns), doc])
            else:
                values.append([row["id"], *map(row.get, columns), doc])
        self._write(run, table, values)

    def _write(self, run: "Run", table: str, values: list[list[Any]]) -> None:
        """Insert or replace rows given as [id, *columns, doc], many to a statement."""
        columns = COLUMNS[table]
        names = ", ".join(["id", *(f'"{column}"' for column in columns), "doc"])
        updates = ", ".join(f'"{column}" = excluded."{column}"' for column in [*columns, "doc"])
        one_row = f"({', '.join('?' * (len(columns) + 2))})"
        statement = f"INSERT INTO {self.prefix}{table} ({names}) VALUES {{rows}} ON CONFLICT (id) DO UPDATE SET {updates}"  # fmt: skip
        if not self.is_postgres:
            run.many(statement.format(rows=one_row), values)
            return
        for start in range(0, len(values), ROWS_PER_STATEMENT):
            chunk = values[start : start + ROWS_PER_STATEMENT]
            run(
                statement.format(rows=", ".join([one_row] * len(chunk))),
                [value for row in chunk for value in row],
            )

    def _write_refs(self, run: "Run", operations: dict[str, dict[str, Any]]) -> None:
        for oid, row in operations.items():
            run(f"DELETE FROM {self.prefix}humas_refs WHERE id = ?", (oid,))
            for ref in row.get("refs") or []:
                run(
                    f"INSERT INTO {self.prefix}humas_refs (ref, record_type, id) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (self._private(ref.lower()), "Operation", oid),
                )

    def _lower_unit_days(self, run: "Run", fresh: list[list[Any]]) -> None:
        """New activities can only bring a unit's first counted day earlier: no need to
        look at the unit's other activities (one statement, whatever the history)."""
        first: dict[tuple[str, str], str] = {}
        for _, _, day, status, review, operation, organiser, *_ in fresh:
            if organiser and counts_in_figures(status, review):
                key = (organiser, operation or "")
                first[key] = min(day, first.get(key, day))
        if first:
            run.many(
                f"INSERT INTO {self.prefix}humas_unit_days AS unit (organiser, operation_key, "
                "first_day) VALUES (?, ?, ?) ON CONFLICT (organiser, operation_key) DO UPDATE "
                "SET first_day = CASE WHEN excluded.first_day < unit.first_day "
                "THEN excluded.first_day ELSE unit.first_day END",
                [(*key, day) for key, day in first.items()],
            )

    def _write_unit_days(self, run: "Run", units: set[tuple[str, str]]) -> None:
        """Each unit's first counted day, asked of the activities' index where it starts."""
        for organiser, operation_key in sorted(units):
            operation = "operation_id = ?" if operation_key else "operation_id IS NULL"
            params = (organiser, operation_key) if operation_key else (organiser,)
            first = run(
                f"SELECT MIN(occurred_on) FROM {self.prefix}humas_activities "
                f"WHERE organiser = ? AND {operation} AND {COUNTED}",
                params,
            )[0][0]
            if first is None:
                run(
                    f"DELETE FROM {self.prefix}humas_unit_days "
                    "WHERE organiser = ? AND operation_key = ?",
                    (organiser, operation_key),
                )
            else:
                run(
                    f"INSERT INTO {self.prefix}humas_unit_days (organiser, operation_key, first_day) "
                    "VALUES (?, ?, ?) ON CONFLICT (organiser, operation_key) "
                    "DO UPDATE SET first_day = excluded.first_day",
                    (organiser, operation_key, first),
                )

    # Reading -----------------------------------------------------------------

    def position(self) -> int:
        return self._position_and_events()[0]

    def counts(self) -> dict[str, int]:
        position, events = self._position_and_events()
        rows = self._query(
            f"SELECT (SELECT COUNT(*) FROM {self.prefix}humas_operations) AS operations, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_activities) AS activities, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_coverage) AS coverage, "
            f"(SELECT COUNT(*) FROM {self.prefix}humas_incidents) AS incidents"
        )
        operations, activities, coverage, incidents = rows[0]
        return {
            "operations": operations,
            "activities": activities,
            "coverage_items": coverage,
            "incidents": incidents,
            "events": events,
            "position": position,
        }

    def operations(self) -> list[dict[str, Any]]:
        rows = self._query(f"SELECT doc FROM {self.prefix}humas_operations ORDER BY start, slug")
        return self._docs([row[0] for row in rows])

    def activities(self, where: ActivityFilter) -> list[dict[str, Any]]:
        statement, params = self.activities_query(where)
        return self._docs([row[0] for row in self._query(statement, params)])

    def activities_query(self, where: ActivityFilter) -> tuple[str, list[Any]]:
        """The statement that lists activities (apart, so that its plan can be checked)."""
        status = where.status and (where.status, where.status)
        condition, params = self._where(
            ("operation_id = ?", where.operation_id),
            ("kind = ?", where.kind),
            ("occurred_on >= ?", where.date_from and where.date_from.isoformat()),
            ("occurred_on <= ?", where.date_to and where.date_to.isoformat()),
            ("(status = ? OR review = ?)", status),
        )
        return (
            f"SELECT doc FROM {self.prefix}humas_activities {condition} "
            "ORDER BY occurred_on, recorded_at, id",
            params,
        )

    def coverage(
        self,
        record_id: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> list[dict[str, Any]]:
        """Coverage items of one record, or published (else dated) within a period."""
        condition, params = self._where(
            ("record_id = ?", record_id),
            ("day >= ?", date_from and date_from.isoformat()),
            ("day <= ?", date_to and date_to.isoformat()),
        )
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_coverage {condition} ORDER BY day, recorded_at, id",
            params,
        )
        return self._docs([row[0] for row in rows])

    def coverage_matching(self, content_hash: str, url: str | None) -> dict[str, Any] | None:
        """The coverage item with this content or this address, if one is stored."""
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_coverage WHERE content_hash = ? OR url = ? "
            "ORDER BY recorded_at LIMIT 1",
            (content_hash, self._private(url or "")),
        )
        return self._docs([rows[0][0]])[0] if rows else None

    def incidents(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]:
        condition, params = self._where(
            ("occurred_on >= ?", date_from and date_from.isoformat()),
            ("occurred_on <= ?", date_to and date_to.isoformat()),
        )
        rows = self._query(
            f"SELECT doc FROM {self.prefix}humas_incidents {condition} "
            "ORDER BY occurred_on, recorded_at, id",
            params,
        )
        return self._docs([row[0] for row in rows])

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these activity ids are already recorded."""
        known: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._query(
                f"SELECT id FROM {self.prefix}humas_activities WHERE id IN ({marks})", chunk
            )
            known.update(row[0] for row in rows)
        return known

    @staticmethod
    def _where(*clauses: tuple[str, Any]) -> tuple[str, list[Any]]:
        given = [(clause, value) for clause, value in clauses if value is not None]
        condition = f"WHERE {' AND '.join(clause for clause, _ in given)}" if given else ""
        # a tuple value fills several placeholders
        params = [
            item for _, value in given for item in (value if isinstance(value, tuple) else (value,))
        ]
        return condition, params

    def units_active_before(self, day: date, operation_id: str | None = None) -> list[str]:
        """Organising units with a counted activity before ``day`` (for nil returns):
        read from each unit's first counted day, not from the activities."""
        condition = "first_day < ?"
        params: list[Any] = [day.isoformat()]
        if operation_id:
            condition += " AND operation_key = ?"
            params.append(operation_id)
        rows = self._query(
            f"SELECT DISTINCT organiser FROM {self.prefix}humas_unit_days WHERE {condition} "
            "ORDER BY organiser",
            params,
        )
        return [row[0] for row in rows]

    def ids_matching(self, ref: str) -> list[tuple[str, str]]:
        text = ref.strip().lower()
        rows = self._query(
            f"SELECT record_type, id FROM {self.prefix}humas_refs WHERE ref = ?",
            (self._private(text),),
        )
        if not rows and len(text.replace("-", "")) >= 6:
            pattern = text + "%"
            rows = self._query(
                f"SELECT 'Operation' AS record_type, id FROM {self.prefix}humas_operations WHERE id LIKE ? "
                f"UNION ALL SELECT 'Activity', id FROM {self.prefix}humas_activities "
                "WHERE id LIKE ? "
                f"UNION ALL SELECT 'Incident', id FROM {self.prefix}humas_incidents "
                "WHERE id LIKE ? "
                f"UNION ALL SELECT 'CoverageItem', id FROM {self.prefix}humas_coverage "
                "WHERE id LIKE ?",
                (pattern,) * 4,
            )
        return sorted({(row[0], row[1]) for row in rows})

    def plan(self, statement: str, params: Sequence[Any] = ()) -> str:
        """Which indexes serve a statement, as the database's plan in one text. On
        PostgreSQL sequential scans are ruled out first: on a small table the planner
        rightly prefers one, and the question is whether an index can serve."""
        with self._transaction() as run:
            if self.is_postgres:
                run("SET LOCAL enable_seqscan = off")
                rows = run(f"EXPLAIN {statement}", params)
            else:
                rows = run(f"EXPLAIN QUERY PLAN {statement}", params)
        return "\n".join(str(row[-1]) for row in rows)

    def units_query(self) -> str:
        """The statement that finds a unit's first counted day (for its plan)."""
        return (
            f"SELECT MIN(occurred_on) FROM {self.prefix}humas_activities "
            f"WHERE organiser = ? AND operation_id = ? AND {COUNTED}"
        )

    # Plumbing ----------------------------------------------------------------

    def _doc_text(self, summary: dict[str, Any]) -> str:
        text = _dumps(summary)
        if self._cipher is None:
            return text
        return b64encode(self._cipher.encrypt(text.encode())).decode("ascii")

    def _docs(self, texts: list[str], run: "Run | None" = None) -> list[dict[str, Any]]:
        """The rows' documents. A document "!N" is the event at position N, which made
        the row and is all it holds: the event is read and its handler makes the row
        (a rebuild then writes no JSON, and a command lists few rows)."""
        positions = [int(text[1:]) for text in texts if text.startswith("!")]
        events = self._events_at(positions, run) if positions else {}
        docs = []
        for text in texts:
            if text.startswith("!"):
                oid, version, topic, data = events[int(text[1:])]
                docs.append(
                    apply(None, oid, version, topic, self._state(oid, version, topic, data))
                )
            else:
                docs.append(self._doc(text))
        return docs

    def _events_at(self, positions: list[int], run: "Run | None") -> dict[int, tuple[str, int, str, bytes]]:  # fmt: skip
        """The stored events at these positions: (id, version, topic, state)."""
        found: dict[int, tuple[str, int, str, bytes]] = {}
        source = self._events_source
        table = self.app.recorder.events_table_name  # type: ignore[attr-defined]
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            if self.is_postgres or source == "postgres":
                schema = f'"{self.app.recorder.datastore.schema}".'  # type: ignore[attr-defined]
                statement = (
                    "SELECT notification_id, originator_id, originator_version, topic, state "
                    f"FROM {schema}{table} WHERE notification_id IN ({marks})"
                )
                if run is not None and self.is_postgres:
                    rows = run(statement, chunk)
                else:
                    with self.app.recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
                        rows = _runner(cursor, postgres=True)(statement, chunk)
            else:
                statement = (
                    "SELECT rowid, originator_id, originator_version, topic, state "
                    f"FROM {table} WHERE rowid IN ({marks})"
                )
                rows = (run if run is not None and not self._in_memory else _runner(source, False))(statement, chunk)  # fmt: skip
            for row in rows:
                found[int(row[0])] = (
                    _uuid_text(str(row[1]).replace("-", "")),
                    int(row[2]),
                    row[3],
                    bytes(row[4]),
                )
        return found

    def _doc(self, text: str) -> dict[str, Any]:
        if self._cipher is not None:
            text = self._cipher.decrypt(b64decode(text)).decode()
        result: dict[str, Any] = json.loads(text)
        return result

    def _column(self, column: str, value: Any) -> Any:
        return self._private(value) if column in PRIVATE_COLUMNS else value

    def _private(self, value: Any) -> Any:
        """With a key, a keyed hash stands in for text that would give a title away (an
        operation's name or slug, an alias, a news item's address); equal texts give
        equal hashes, so lookups by equality still work."""
        if self._cipher is None or not isinstance(value, str):
            return value
        key: bytes = self._cipher.key  # type: ignore[attr-defined]
        return hmac.new(key, value.encode(), "sha256").hexdigest()

    @property
    def _for_update(self) -> str:
        return " FOR UPDATE" if self.is_postgres else ""

    def _position_and_events(self) -> tuple[int, int]:
        rows = self._query(f"SELECT position, events FROM {self.prefix}humas_position")
        return int(rows[0][0]), int(rows[0][1])

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._transaction() as run:
            return run(statement, params)

    @contextmanager
    def _transaction(self, lock: bool = False) -> Iterator["Run"]:
        """Yield ``run(statement, params) -> rows`` inside one transaction."""
        if self.is_postgres:
            with self.app.recorder.datastore.transaction(commit=True) as cursor:  # type: ignore[attr-defined]
                yield _runner(cursor, postgres=True)
            return
        connection = self._sqlite
        connection.execute("BEGIN IMMEDIATE" if lock else "BEGIN")
        try:
            yield _runner(connection, postgres=False)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _layout_ready(self) -> bool:
        """Whether the tables of this layout exist; asked without taking any lock."""
        names = ["humas_position", "humas_unit_days", LAYOUT_MARK]
        if self.is_postgres:
            from adapters.bootstrap import missing_tables

            datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
            with datastore.get_connection() as connection:
                return not missing_tables(connection, datastore.schema, names)
        marks = ", ".join("?" * len(names))
        rows = self._sqlite.execute(
            f"SELECT COUNT(*) FROM sqlite_master WHERE name IN ({marks})", names
        ).fetchall()
        return bool(rows[0][0] == len(names))

    def _create_tables(self) -> None:
        """Make the tables when missing (or of an older layout), under a lock taken only
        then: the store's write lock on SQLite, a lock of this store on PostgreSQL."""
        if self._layout_ready():
            return
        with self._transaction(lock=True) as run:
            if self.is_postgres:
                run("SELECT pg_advisory_xact_lock(hashtext(?))", (self.prefix,))
            for statement in SCHEMA:
                run(statement.format(prefix=self.prefix))
            if not run(f"SELECT 1 FROM {self.prefix}humas_position"):
                run(
                    f"INSERT INTO {self.prefix}humas_position (id, position, events) VALUES (1, 0, 0)"
                )
            elif not self._marked(run):
                # rows of an older layout: forget them; catching up makes them again
                for table in ("humas_refs", "humas_unit_days", *COLUMNS):
                    run(f"DELETE FROM {self.prefix}{table}")
                run(f"UPDATE {self.prefix}humas_position SET position = 0, events = 0")
            run(f"CREATE INDEX IF NOT EXISTS {LAYOUT_MARK} ON {self.prefix}humas_position (id)")

    def _marked(self, run: "Run") -> bool:
        if self.is_postgres:
            rows = run("SELECT to_regclass(?) IS NOT NULL", (f"{self.prefix}{LAYOUT_MARK}",))
            return bool(rows[0][0])
        return bool(run("SELECT 1 FROM sqlite_master WHERE name = ?", (LAYOUT_MARK,)))

    def _use_memory(self) -> None:
        """Rows in a private in-memory database, made from the events."""
        if self._events_source is None:
            self._events_table = None  # events come through the library
        self._in_memory = True
        self.is_postgres = False
        self.prefix = ""
        self._sqlite = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        with self._transaction(lock=True) as run:
            for statement in SCHEMA:
                run(statement.format(prefix=""))
            run("INSERT INTO humas_position (id, position, events) VALUES (1, 0, 0)")
        self._last_position = 0

    def _copy_to_memory(self) -> None:
        """The stored rows, copied into a private in-memory database (read-only stores
        with events after the read model's position: those are applied to the copy)."""
        tables = ["humas_position", "humas_refs", "humas_unit_days", *COLUMNS]
        copied: dict[str, list[Any]] = {}
        for table in tables:
            copied[table] = self._query(f"SELECT * FROM {self.prefix}{table}")
        self._use_memory()  # the store's connection stays open: "!N" documents read from it
        with self._transaction(lock=True) as run:
            run("DELETE FROM humas_position")
            for table, rows in copied.items():
                if rows:
                    marks = ", ".join("?" * len(rows[0]))
                    run.many(f"INSERT INTO {table} VALUES ({marks})", [tuple(row) for row in rows])
        self._last_position = None

    def _analyze(self) -> None:
        """Bring the planner's statistics up to date after many rows changed."""
        if self._in_memory:
            return
        if self.is_postgres:
            with self._transaction() as run:
                for table in ("humas_unit_days", *COLUMNS):
                    run(f"ANALYZE {self.prefix}{table}")
            return
        self._sqlite.execute("PRAGMA analysis_limit = 2000")
        self._sqlite.execute("ANALYZE")

    def close(self) -> None:
        if getattr(self.app.recorder, "projection", None) == self.project_saved:
            self.app.recorder.projection = None  # type: ignore[attr-defined]
        if not self.is_postgres and hasattr(self, "_sqlite"):
            self._sqlite.close()
        if isinstance(
            self._events_source, sqlite3.Connection
        ) and self._events_source is not getattr(self, "_sqlite", None):
            self._events_source.close()


class Run:
    """``run(statement, params) -> rows`` and ``run.many(statement, rows)``, the same on
    both databases and on any connection or cursor (``?`` placeholders)."""

    def __init__(self, target: Any, postgres: bool) -> None:
        self.target = target
        self.postgres = postgres

    def __call__(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        if self.postgres:
            cursor = self.target
            cursor.execute(statement.replace("?", "%s"), params)
            if not cursor.description:
                return []
            return [
                tuple(row.values()) if isinstance(row, dict) else row for row in cursor.fetchall()
            ]
        return self.target.execute(statement, params).fetchall()

    def many(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if self.postgres:
            self.target.executemany(statement.replace("?", "%s"), rows)
        else:
            self.target.executemany(statement, rows)


def _runner(target: Any, postgres: bool) -> Run:
    # The library's SQLite cursor wraps the sqlite3 cursor that does the work.
    return Run(getattr(target, "sqlite_cursor", target), postgres)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """A batch makes tens of thousands of small dicts that all live until it is written;
    the cycle collector would walk them again and again (it holds no cycles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _creates(topic: str) -> bool:
    return topic in CREATORS


def _uuid_text(value: str) -> str:
    """The canonical text of a UUID stored as 32 hex digits (SQLite's events table)."""
    if len(value) != 32:
        return str(UUID(value))
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"


@cache
def _class_version(topic: str) -> int:
    return int(getattr(resolve_topic(topic), "class_version", 1))


def _unit_key(row: dict[str, Any]) -> tuple[str, str]:
    return (row.get("organiser") or "", row.get("operation_id") or "")


def _dumps(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str)
