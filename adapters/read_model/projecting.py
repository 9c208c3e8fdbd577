"""Writing the read model: events in, rows out, by the handlers of adapters/projection.py."""

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Self
from uuid import UUID

import orjson
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
from adapters.read_model.schema import (
    ANALYZE_AFTER,
    BATCH,
    COLUMNS,
    LAZY_CREATORS,
    PRIVATE_COLUMNS,
    SHOWN,
    Run,
    _class_version,
    _runner,
    _unit_key,
    canonical_id,
)
from adapters.read_model.unit_days import UnitDays
from domain.usecases.base import cycle_collection_paused

# An event as the projection reads it: (position, id, version, topic, state).
Note = tuple[int, str, int, str, bytes]


def events_after(
    connection: sqlite3.Connection, table: str, after: int, until: int | None, limit: int | None
) -> list[Note]:
    """The events of a SQLite store after position ``after`` (up to ``until``; at most
    ``limit`` of them), read with one plain query, ids in their canonical text."""
    stop = "" if until is None else f" AND rowid <= {int(until)}"
    most = "" if limit is None else f" LIMIT {int(limit)}"
    rows: list[Note] = connection.execute(
        f"SELECT rowid, {canonical_id('originator_id')}, originator_version, topic, state "
        f"FROM {table} WHERE rowid > ?{stop} ORDER BY rowid{most}",
        (after,),
    ).fetchall()
    return rows


class Projecting(UnitDays):
    @classmethod
    def handlers_only(cls) -> Self:
        """The handlers without a store or an application, for a process of its own
        (``audit verify``, a big rebuild; no key). An event that needs the application
        (no handler, an upcast of typed values) fails, and is left to the command."""
        projector = cls.__new__(cls)
        projector.__dict__.update(app=None, _cipher=None, _compressor=None)  # no store
        return projector

    def project_saved(self, cursor: Any, stored: Sequence[StoredEvent], ids: Sequence[int]) -> None:
        """Called by the event recorder inside the transaction that stores ``stored``
        (given positions ``ids``): the rows they change go in with them. When the read
        model is not right behind them, nothing is written here: a catch-up after the
        commit applies them with whatever came between."""
        if not ids or list(ids) != list(range(ids[0], ids[0] + len(ids))):
            return
        if any(TABLE_OF.get(record_type_of(e.topic)) and not handles(e.topic) for e in stored):
            return  # an event no handler knows: a catch-up makes its row (see _project)
        run = _runner(cursor, self.is_postgres)
        # The position moves only from right before these events (one statement that
        # checks and moves it, and holds its row until the commit).
        if not run(
            f"UPDATE {self.prefix}humas_position SET position = ?, events = events + ? "
            "WHERE position = ? RETURNING position",
            (ids[-1], len(ids), ids[0] - 1),
        ):
            return
        notes = [
            (position, str(event.originator_id), event.originator_version, event.topic, event.state)
            for position, event in zip(ids, stored, strict=True)
        ]
        self._project(run, notes)
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
            moved = self._apply(position, notes, notes[-1][0], len(notes))
            if moved is None:
                applied += len(notes)
            position = notes[-1][0] if moved is None else moved
            if self.on_progress:
                self.on_progress(applied, position)
        if applied >= ANALYZE_AFTER and not self._bulk:  # a rebuild analyzes at its end
            self._analyze()
        self._last_position = position
        return position

    def _apply(
        self, position: int, notes: Sequence[Note], end: int, count: int,
        fresh: list[list[Any]] | None = None,
    ) -> int | None:  # fmt: skip
        """Apply ``count`` events that follow ``position`` (``notes``, and ``fresh``: see
        _project) in one transaction, the position moved to ``end``; None when done. When
        another process moved the position first, nothing is written: where it stands."""
        with self._transaction(lock=True) as run, cycle_collection_paused():
            current = int(
                run(f"SELECT position FROM {self.prefix}humas_position{self._for_update}")[0][0]
            )
            if current != position:
                return current
            self._project(run, notes, fresh)
            run(
                f"UPDATE {self.prefix}humas_position SET position = ?, events = events + ?",
                (end, count),
            )
        return None

    def _notifications(self, position: int) -> list[Note]:
        """The next events after ``position``: (position, id, version, topic, state).
        On a SQLite store they are read with one plain query, not through the library's
        notification objects (a rebuild reads every event), also by rows in memory made
        from a SQLite store (its connection is their events' source)."""
        source = self._events_source if self._in_memory else getattr(self, "_sqlite", None)
        if self._events_table and isinstance(source, sqlite3.Connection):
            return events_after(source, self._events_table, position, self.until, BATCH)
        notifications = self.app.recorder.select_notifications(
            start=position, limit=BATCH, stop=self.until, inclusive_of_start=False
        )
        return [
            (n.id, str(n.originator_id), n.originator_version, n.topic, n.state)
            for n in notifications
        ]

    def lazy_rows(self, notes: Sequence[Note]) -> tuple[list[list[Any]], list[Note]]:
        """The rows of the activities these events make by their ``Logged`` event with
        nothing after it among them, as stored (see ``_lazy_values``), and the other
        events. Pure: a rebuild runs it in processes of its own (rebuilding.py)."""
        later = {note[1] for note in notes if note[3] not in CREATORS}
        fresh: list[list[Any]] = []
        rest: list[Note] = []
        for note in notes:
            position, oid, version, topic, data = note
            if topic in LAZY_CREATORS and oid not in later:
                fresh.append(self._lazy_values(oid, position, self._state(oid, version, topic, data)))  # fmt: skip
            else:
                rest.append(note)
        return fresh, rest

    def _project(
        self, run: "Run", notes: Sequence[Note], fresh: list[list[Any]] | None = None
    ) -> None:
        """Apply these events to their rows and write the rows; an event no handler knows
        (only a catch-up meets one: ``project_saved`` leaves those to it) gets its
        aggregate's ``summary()`` as its row. ``fresh``: the lazy rows of these events
        when ``lazy_rows`` was already run (``notes`` are then the rest)."""
        # A row made by its creation event and nothing since keeps that event as its
        # document, read when the row is (see _docs): only its columns are made now.
        if fresh is None:
            fresh = []
            if self._events_source is not None:
                fresh, notes = self.lazy_rows(notes)
        decoded: list[tuple[str, str, int, str, dict[str, Any] | None]] = []
        needed: dict[str, set[str]] = defaultdict(set)
        created: set[str] = set()
        for _, oid, version, topic, data in notes:
            table = TABLE_OF.get(record_type_of(topic))
            if table is None:
                continue  # the roster, seals: no rows
            state: dict[str, Any] | None = None
            if handles(topic):
                state = self._state(oid, version, topic, data)
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
        if self._bulk:
            return  # the units' first days are made at the end (rebuild)
        if fresh:
            self._lower_unit_days(run, fresh)
        if rows.get("humas_activities"):
            units |= {_unit_key(row) for row in rows["humas_activities"].values()}
            self._write_unit_days(run, {unit for unit in units if unit[0]})

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

    def _lazy_values(self, oid: str, position: int, state: dict[str, Any]) -> list[Any]:
        """The stored values [id, *columns, doc] of the row an activity's ``Logged`` event
        at ``position`` makes, the event kept as its document ("!N")."""
        columns = activity_logged_columns(oid, state)
        if self._cipher is not None:
            columns = (oid, *map(self._column, ACTIVITY_COLUMNS, columns[1:]))
        return [*columns, f"!{position}"]

    def _upsert(self, run: "Run", table: str, rows: list[dict[str, Any]]) -> None:
        self._write(run, table, [self._values(table, row) for row in rows])

    def _values(self, table: str, row: dict[str, Any]) -> list[Any]:
        """A row as ``table`` stores it: [id, *its columns, doc]."""
        columns = COLUMNS[table]
        if table == "humas_coverage":
            row["day"] = row.get("published_on") or row.get("occurred_on")
        doc = self._doc_text({key: value for key, value in row.items() if key != "refs"})
        if self._cipher is not None and not (PRIVATE_COLUMNS | SHOWN).isdisjoint(columns):
            return [row["id"], *(self._column(c, row.get(c)) for c in columns), doc]
        return [row["id"], *map(row.get, columns), doc]

    def _write(self, run: "Run", table: str, values: list[list[Any]]) -> None:
        """Insert or replace rows given as [id, *columns, doc]: on SQLite one statement a
        row (executemany, in C); on PostgreSQL all of them in one statement that takes the
        rows as one JSON document, so its text stays the same whatever their number (a
        statement of 500 rows' placeholders took psycopg and the server about 0.2 ms a row
        to take apart and plan, more than the rest of a save)."""
        columns = COLUMNS[table]
        names = ", ".join(["id", *(f'"{column}"' for column in columns), "doc"])
        updates = ", ".join(f'"{column}" = excluded."{column}"' for column in [*columns, "doc"])
        conflict = f"ON CONFLICT (id) DO UPDATE SET {updates}"
        if not self.is_postgres:
            marks = ", ".join("?" * (len(columns) + 2))
            run.many(
                f"INSERT INTO {self.prefix}{table} ({names}) VALUES ({marks}) {conflict}", values
            )
            return
        keys = ["id", *columns, "doc"]
        rows = orjson.dumps([dict(zip(keys, row, strict=True)) for row in values]).decode()
        run(
            f"INSERT INTO {self.prefix}{table} ({names}) SELECT {names} FROM "
            f"json_populate_recordset(NULL::{self.prefix}{table}, ?::json) {conflict}",
            (rows,),
        )

    def _write_refs(self, run: "Run", operations: dict[str, dict[str, Any]]) -> None:
        for oid, row in operations.items():
            run(f"DELETE FROM {self.prefix}humas_refs WHERE id = ?", (oid,))
            for values in self._refs(oid, row):
                run(
                    f"INSERT INTO {self.prefix}humas_refs (ref, record_type, id) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    values,
                )

    def _refs(self, oid: str, row: dict[str, Any]) -> list[tuple[Any, str, str]]:
        """The rows of humas_refs an operation's row gives: (ref, "Operation", id)."""
        return [(self._private(ref.lower()), "Operation", oid) for ref in row.get("refs") or []]
