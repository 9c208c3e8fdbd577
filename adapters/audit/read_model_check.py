"""The read model checked against the events: the figures of every report come from it.

Every record's events are projected again with the handlers humas itself uses
(``adapters/projection.py``), up to the position the stored read model says it has
reached, into the values its row would be stored with; every stored row is compared with
them, field by field where they differ (documents decoded). Nothing stored is trusted
and nothing is written: ``humas store rebuild`` repairs what differs.

Memory stays flat: the events are read in the order of their records' ids (the events
table's own index), each table's rows in the same order, and the two are walked side by
side, one record at a time. On a big store the ids are split in two halves, each
checked by a process of its own (one a core), as the seal check does on SQLite.
"""

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from uuid import UUID

import orjson

from adapters.cli.i18n import N_
from adapters.projection import TABLE_OF, apply, handles, record_type_of
from adapters.read_model import SqlReadModel
from adapters.read_model.schema import (
    COLUMNS,
    LAYOUT_MARK,
    LAZY_CREATORS,
    _uuid_text,
)
from adapters.read_model.unit_days import first_day_of, lower_first_day
from adapters.sqlite_store import readable_location
from domain.model.seal import Problem
from domain.usecases.titles import first_line

REFS = "humas_refs"
ACTIVITIES = "humas_activities"
POSITION = "humas_position"
# Tables of rows derived from other rows, compared as sets.
DERIVED = {REFS: "ref, record_type, id", "humas_unit_days": "organiser, operation_key, first_day"}
# What is said of a table's row made by no event, of a row the events make that is
# missing, and of a row that differs from what the events give.
SAID = {
    "humas_operations": (
        N_("operation {id}: no event made this row"),
        N_("operation {id}: missing; the events make one"),
        N_("operation {id}: {field} {stored}, events say {given}"),
    ),
    ACTIVITIES: (
        N_("activity {id}: no event made this row"),
        N_("activity {id}: missing; the events make one"),
        N_("activity {id}: {field} {stored}, events say {given}"),
    ),
    "humas_coverage": (
        N_("coverage item {id}: no event made this row"),
        N_("coverage item {id}: missing; the events make one"),
        N_("coverage item {id}: {field} {stored}, events say {given}"),
    ),
    "humas_incidents": (
        N_("incident {id}: no event made this row"),
        N_("incident {id}: missing; the events make one"),
        N_("incident {id}: {field} {stored}, events say {given}"),
    ),
}
# The same of the rows derived from others.
DERIVED_SAID = {
    REFS: (
        N_("humas_refs: {row}: a reference no event made"),
        N_("humas_refs: {row}: a reference the events make is missing"),
    ),
    "humas_unit_days": (
        N_("humas_unit_days: {row}: a first day of a unit no event made"),
        N_("humas_unit_days: {row}: a first day of a unit the events make is missing"),
    ),
}
# From this many events on, a store's records are checked in two processes.
APART_FROM = 200_000
# Events or rows read a statement (PostgreSQL) or a fetch (SQLite).
BATCH = 10_000

Row = tuple[Any, ...]
# An event as the check reads it: (position, id as 32 hex digits or a UUID, version,
# topic, state).
Event = tuple[Any, str, int, str, Any]


@dataclass
class Part:
    """What the check of one range of ids found: rows that differ (table, id, stored
    row or None, row the events give or None), what the rows derived from others should
    hold (references, units' first days), the events read (how many, the last
    position), and the records it left to the main process (table, id, events, stored
    row)."""

    differing: list[tuple[str, str, Row | None, Row | None]] = field(default_factory=list)
    refs: set[Row] = field(default_factory=set)
    first_days: dict[tuple[str, str], str] = field(default_factory=dict)
    events: int = 0
    last: int = 0
    left: list[tuple[str, str, list[Event], Row | None]] = field(default_factory=list)

    def met(
        self, table: str, oid: str, kept: Row | None, given: Row, refs: set[Row] | None
    ) -> None:
        """A record's stored row and the row its events give."""
        if kept != given:
            self.differing.append((table, oid, kept, given))
        if refs:
            self.refs |= refs
        if table == ACTIVITIES:
            counted = first_day_of(given)
            if counted is not None:
                lower_first_day(self.first_days, *counted)

    def add(self, other: "Part") -> None:
        self.differing += other.differing
        self.refs |= other.refs
        for unit, day in other.first_days.items():
            lower_first_day(self.first_days, unit, day)
        self.events += other.events
        self.last = max(self.last, other.last)


def check_read_model(app: Any) -> list[Problem]:
    """Every difference between the stored read model and what the events give."""
    with _stored(app) as stored:
        try:
            kept = stored.query(f"SELECT position, events, id FROM {{prefix}}{POSITION}")
        except Exception:
            return []  # no read model stored (a store opened only read-only so far)
        if not stored.of_this_layout():
            # rows of an older layout: the first write (or `store rebuild`) makes them anew
            # by today's handlers; until then there is nothing of today's kind to compare
            return []
        if len(kept) != 1:
            return [_said(N_("it keeps {count} positions, not one"), count=str(len(kept)))]
        position, events, row = kept[0]
        if str(row) != "1":
            return [_said(N_("its position row is numbered {row}, not 1"), row=str(row))]
        # Its handlers, upcasting and documents ("!N": the event that made the row) are
        # the projection's own; its in-memory tables stay empty.
        projector = SqlReadModel(app, in_memory=True, until=_int(position))
        projector._events_source = stored.events_source
        if stored.events_source != "postgres":
            projector._events_table = app.recorder.events_table_name
        try:
            try:
                part = _check_all(stored, projector, _int(position), _int(events) or 0)
            except Exception as error:  # events changed by hand may not replay at all
                said = N_("the events cannot be projected again ({error})")
                return [_said(said, error=first_line(error))]
            return _problems(stored, projector, part, position, events)
        finally:
            projector.close()


def _check_all(stored: "Stored", projector: SqlReadModel, until: int | None, size: int) -> Part:
    """Every record checked: by two processes on a big store without a key
    (``size``: about how many events), else here; what a process could not project is
    projected here."""
    parts = None
    if stored.location and projector._cipher is None and projector._compressor is None:
        parts = _apart(stored, until, size)
    if parts is None:
        return check_range(stored, projector, None, None, until)
    whole = Part()
    for part in parts:
        whole.add(part)
        for table, oid, events, kept in part.left:
            whole.met(table, oid, kept, *_expected(projector, table, oid, events))
    return whole


def check_range(
    stored: "Stored", projector: Any, low: str | None, high: str | None, until: int | None
) -> Part:
    """The records whose ids are from ``low`` (included) to ``high`` (excluded), as 32
    hex digits (None: no bound), each projected again and compared with its row. A
    projector without the application (a process of its own) leaves the records it
    cannot project to the caller."""
    try:
        return _walk(stored, projector, low, high, until)
    except sqlite3.OperationalError:  # text that is no UTF-8: read again, leniently
        if not isinstance(stored, SQLiteStored) or stored.lenient:
            raise
        stored.leniently()
        return _walk(stored, projector, low, high, until)


def _walk(
    stored: "Stored", projector: Any, low: str | None, high: str | None, until: int | None
) -> Part:
    part = Part()
    cursors = {table: _Rows(stored.rows(table, low, high), table, part.differing) for table in COLUMNS}  # fmt: skip
    alone = projector.app is None
    for oid, events in _records(stored.events(low, high, until), part):
        table = _table(events[0][3])
        if table is None:
            continue  # the roster, seals: no rows
        kept = cursors[table].take(oid)
        try:
            given, refs = _expected(projector, table, oid, events)
        except Exception:
            if not alone:
                raise
            part.left.append((table, oid, events, kept))
            continue
        part.met(table, oid, kept, given, refs)
    for cursor in cursors.values():
        cursor.rest()
    return part


@cache
def _table(topic: str) -> str | None:
    return TABLE_OF.get(record_type_of(topic))


def _expected(
    projector: Any, table: str, oid: str, events: list[Event]
) -> tuple[Row, set[Row] | None]:
    """The values the record's row is stored with, as the projection makes them, and the
    references it gives (operations)."""
    if len(events) == 1 and events[0][3] in LAZY_CREATORS:
        # made by its first event and nothing since: the row keeps that event (see
        # SqlReadModel._docs), as the stored one does
        position, _, version, topic, data = events[0]
        state = projector._state(oid, version, topic, data)
        return tuple(projector._lazy_values(oid, position, state)), None
    row: dict[str, Any] | None = None
    for _, _, version, topic, data in events:
        if handles(topic):
            row = apply(row, oid, version, topic, projector._state(oid, version, topic, data))
        else:
            row = projector._summary(oid, version, table)
    assert row is not None
    refs = set(projector._refs(oid, row)) if table == "humas_operations" else None
    return tuple(projector._values(table, row)), refs


def _records(events: Iterable[Event], part: Part) -> Iterator[tuple[str, list[Event]]]:
    """(id, its events) for each record, from events in the order of their ids (their
    number and the last position noted in ``part``)."""
    current: Any = None
    held: list[Event] = []
    count, last = 0, 0
    for event in events:
        count += 1
        if event[0] > last:
            last = event[0]
        if event[1] != current:
            if held:
                yield _uuid_text(str(current).replace("-", "")), held
            current, held = event[1], [event]
        else:
            held.append(event)
    if held:
        yield _uuid_text(str(current).replace("-", "")), held
    part.events, part.last = count, last


class _Rows:
    """A table's stored rows in the order of their ids, taken one id at a time; every
    row passed over (no record of its id) is noted as made by no event."""

    def __init__(self, rows: Iterator[Row], table: str, differing: list[Any]) -> None:
        self.rows, self.table, self.differing = rows, table, differing
        self.head = next(rows, None)

    def take(self, oid: str) -> Row | None:
        head = self.head
        while head is not None and str(head[0]) < oid:
            self.differing.append((self.table, str(head[0]), head, None))
            head = next(self.rows, None)
        if head is not None and head[0] == oid:
            self.head = next(self.rows, None)
            return head
        self.head = head
        return None

    def rest(self) -> None:
        while self.head is not None:
            self.differing.append((self.table, str(self.head[0]), self.head, None))
            self.head = next(self.rows, None)


def _problems(
    stored: "Stored", projector: SqlReadModel, part: Part, position: Any, events: Any
) -> list[Problem]:
    problems: list[Problem] = []
    if (position, events) != (part.last, part.events):
        problems.append(_said(
            N_("position {position} after {events} events; the event log has {given_events} "
               "events up to position {given_position}"), position=str(position),
            events=str(events), given_events=str(part.events), given_position=str(part.last),
        ))  # fmt: skip
    for table, record_id, kept, given in sorted(
        part.differing, key=lambda found: (list(SAID).index(found[0]), found[1])
    ):
        stray, missing, differing = SAID[table]
        if given is None:
            problems.append(_said(stray, id=record_id[:6]))
        elif kept is None:
            problems.append(_said(missing, id=record_id[:6]))
        else:
            found = _first_difference(projector, table, kept, given)
            if found:
                problems.append(_said(
                    differing, id=record_id[:6], field=found[0], stored=_shown(found[1]),
                    given=_shown(found[2]),
                ))  # fmt: skip
    given_sets: dict[str, set[tuple[str, ...]]] = {
        REFS: {tuple(map(str, row)) for row in part.refs},
        "humas_unit_days": {(*unit, day) for unit, day in part.first_days.items()},
    }
    for table, listed in DERIVED.items():
        kept_rows = {tuple(map(str, row)) for row in stored.query(f"SELECT {listed} FROM {{prefix}}{table}")}  # fmt: skip
        given_rows = given_sets[table]
        stray, missing = DERIVED_SAID[table]
        for row in sorted(kept_rows - given_rows):
            problems.append(_said(stray, row=", ".join(row)))
        for row in sorted(given_rows - kept_rows):
            problems.append(_said(missing, row=", ".join(row)))
    return problems


def _said(said: str, **values: str) -> Problem:
    """A problem of the read model: ``said`` in English, with ``{names}`` for values,
    which the command line says in the reader's language. The values are text as
    shown, a number as stored (10122, not 10,122)."""
    return Problem("read model", None, said, values=values)


def _first_difference(
    projector: SqlReadModel, table: str, kept: Row, given: Row
) -> tuple[str, Any, Any] | None:
    """The first field that differs: in the document (decoded) first, then a column."""
    columns = ["id", *COLUMNS[table], "doc"]
    row_kept, row_given = dict(zip(columns, kept, strict=False)), dict(zip(columns, given, strict=False))  # fmt: skip
    if row_kept.get("doc") != row_given.get("doc"):
        try:
            [doc_kept] = projector._docs([str(row_kept["doc"])])
        except Exception:
            doc_kept = None
        if not isinstance(doc_kept, dict):  # changed into no document at all
            return ("its document", "unreadable", "a readable one")
        [doc_given] = projector._docs([str(row_given["doc"])])
        for key in sorted(set(doc_kept) | set(doc_given)):
            if key not in doc_kept or key not in doc_given or doc_kept[key] != doc_given[key]:
                return key, doc_kept.get(key, "(none)"), doc_given.get(key, "(none)")
    for column in columns:
        if column != "doc" and _same(row_kept.get(column)) != _same(row_given.get(column)):
            return column, row_kept.get(column), row_given.get(column)
    return None


def _same(value: Any) -> Any:
    """A column's value as both stores give it (PostgreSQL's BIGINT, SQLite's INTEGER)."""
    return str(value) if value is not None else None


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Reading the stored side -------------------------------------------------------


class Stored:
    """The stored read model and events, read-only: ``query`` (``{prefix}``: the read
    model's schema), the events of a range of ids and a table's rows in id order."""

    events_source: Any
    location: str | None = None  # a SQLite file, which processes of their own can open

    def query(self, statement: str) -> list[Row]:
        raise NotImplementedError

    def of_this_layout(self) -> bool:
        raise NotImplementedError

    def events(self, low: str | None, high: str | None, until: int | None) -> Iterator[Event]:
        raise NotImplementedError

    def rows(self, table: str, low: str | None, high: str | None) -> Iterator[Row]:
        raise NotImplementedError


def _range(column: str, low: Any, high: Any) -> tuple[str, list[Any]]:
    conditions, params = [], []
    if low is not None:
        conditions.append(f"{column} >= ?")
        params.append(low)
    if high is not None:
        conditions.append(f"{column} < ?")
        params.append(high)
    return "".join(f" AND {condition}" for condition in conditions), params


class SQLiteStored(Stored):
    lenient = False

    def __init__(self, location: str, events_table: str) -> None:
        self.location, self.events_table = location, events_table
        self.connection = sqlite3.connect(location, uri=True)
        self.events_source = self.connection

    def leniently(self) -> None:
        """Text read from now on decoded whatever its bytes (a text column changed by
        hand may hold bytes that are no UTF-8): slower, for a second reading."""
        self.connection.text_factory = lambda data: data.decode("utf-8", "replace")
        self.lenient = True

    def query(self, statement: str) -> list[Row]:
        try:
            return self.connection.execute(statement.replace("{prefix}", "")).fetchall()
        except sqlite3.OperationalError:
            if self.lenient:
                raise
            self.leniently()
            return self.query(statement)

    def of_this_layout(self) -> bool:
        return bool(self.query(f"SELECT 1 FROM sqlite_master WHERE name = '{LAYOUT_MARK}'"))

    def events(self, low: str | None, high: str | None, until: int | None) -> Iterator[Event]:
        ids, params = _range("originator_id", low, high)
        stop = "" if until is None else f" AND rowid <= {int(until)}"
        cursor = self.connection.execute(
            "SELECT rowid, originator_id, originator_version, topic, state "
            f"FROM {self.events_table} WHERE 1{ids}{stop} ORDER BY originator_id, originator_version",
            params,
        )
        while batch := cursor.fetchmany(BATCH):
            yield from batch

    def rows(self, table: str, low: str | None, high: str | None) -> Iterator[Row]:
        ids, params = _range("id", *(None if v is None else _uuid_text(v) for v in (low, high)))
        names = ", ".join(["id", *(f'"{column}"' for column in COLUMNS[table]), "doc"])
        cursor = self.connection.execute(
            f"SELECT {names} FROM {table} WHERE 1{ids} ORDER BY id", params
        )
        while batch := cursor.fetchmany(BATCH):
            yield from batch

    def middle(self, size: int) -> str | None:
        """The id (32 hex digits) that splits the ``size`` events in two halves."""
        found = self.query(
            f"SELECT originator_id FROM {self.events_table} ORDER BY originator_id "
            f"LIMIT 1 OFFSET {int(size) // 2}"
        )
        middle = str(found[0][0]) if found else ""
        return middle if len(middle) == 32 and middle.isalnum() else None

    def close(self) -> None:
        self.connection.close()


class PostgresStored(Stored):
    events_source = "postgres"

    def __init__(
        self, schema: str, events_table: str, cursor: Callable[[], AbstractContextManager[Any]]
    ) -> None:
        """``cursor()``: a cursor giving rows as dicts, in a transaction of its own."""
        self.schema, self.events_table_name, self.cursor = schema, events_table, cursor
        self.prefix = f'"{schema}".'
        self.events_table = f"{self.prefix}{events_table}"

    def query(self, statement: str, params: Iterable[Any] = (), binary: bool = False) -> list[Row]:
        """``binary``: values sent as the server keeps them, not as text (bytea unescaped
        by psycopg's pure-Python implementation costs several µs a value)."""
        statement = statement.replace("{prefix}", self.prefix).replace("?", "%s")
        with self.cursor() as cursor:
            cursor.execute(statement, list(params), binary=binary)
            return [tuple(row.values()) for row in cursor.fetchall()]

    def of_this_layout(self) -> bool:
        return bool(self.query(f"SELECT to_regclass('{self.prefix}{LAYOUT_MARK}') IS NOT NULL")[0][0])  # fmt: skip

    def events(self, low: str | None, high: str | None, until: int | None) -> Iterator[Event]:
        ids, bounds = _range("originator_id", *(None if v is None else UUID(v) for v in (low, high)))  # fmt: skip
        stop = "" if until is None else f" AND notification_id <= {int(until)}"
        after: tuple[Any, int] | None = None
        while True:
            since = "" if after is None else " AND (originator_id, originator_version) > (?, ?)"
            batch = self.query(
                "SELECT notification_id, originator_id, originator_version, topic, state "
                f"FROM {self.events_table} WHERE true{ids}{stop}{since} "
                f"ORDER BY originator_id, originator_version LIMIT {BATCH}",
                [*bounds, *(after or ())],
                binary=True,
            )
            yield from ((p, str(i), v, t, bytes(s)) for p, i, v, t, s in batch)
            if len(batch) < BATCH:
                return
            after = (batch[-1][1], batch[-1][2])

    def rows(self, table: str, low: str | None, high: str | None) -> Iterator[Row]:
        # ids in the order SQLite and Python give them (their text's bytes), which the
        # database's own collation may not follow
        # and a row's columns as one JSON array: psycopg's pure-Python implementation
        # takes a few µs for each value it is given
        columns = ", ".join(f'"{column}"' for column in COLUMNS[table])
        ids, bounds = _range('id COLLATE "C"', *(None if v is None else _uuid_text(v) for v in (low, high)))  # fmt: skip
        after: str | None = None
        while True:
            since = "" if after is None else ' AND id COLLATE "C" > ?'
            order = f'ORDER BY id COLLATE "C" LIMIT {BATCH}'
            batch = self.query(
                f"SELECT id, json_build_array({columns})::text, doc "
                f"FROM {self.prefix}{table} WHERE true{ids}{since} {order}",
                [*bounds, *(() if after is None else (after,))],
            )
            loads = orjson.loads
            yield from ((key, *loads(values), doc) for key, values, doc in batch)
            if len(batch) < BATCH:
                return
            after = batch[-1][0]

    def middle(self, size: int) -> str | None:
        """The id (32 hex digits) that splits the ``size`` events in two halves."""
        found = self.query(
            f"SELECT replace(originator_id::text, '-', '') FROM {self.events_table} "
            f"ORDER BY originator_id LIMIT 1 OFFSET {int(size) // 2}"
        )
        return str(found[0][0]) if found else None


def _conninfo(datastore: Any) -> str | None:
    """Where a process of its own connects to the store's PostgreSQL server: the
    parameters the library's pool connects with (None when they cannot be had)."""
    from psycopg.conninfo import make_conninfo

    given = getattr(getattr(datastore, "pool", None), "kwargs", None) or {}
    wanted = ("dbname", "host", "port", "user", "password")
    return make_conninfo(**{k: str(given[k]) for k in wanted if given.get(k)}) if given else None


@contextmanager
def _stored(app: Any) -> Iterator[Stored]:
    datastore = app.recorder.datastore
    if hasattr(datastore, "schema"):
        postgres = PostgresStored(
            datastore.schema,
            app.recorder.events_table_name,
            lambda: datastore.transaction(commit=False),
        )
        postgres.location = _conninfo(datastore)
        yield postgres
        return
    location = readable_location(datastore.pool.db_name)
    # a database in memory is read through the store's own connection's URI
    stored = SQLiteStored(location or str(datastore.pool.db_name), app.recorder.events_table_name)
    stored.location = location  # None: no other process can open it
    try:
        yield stored
    finally:
        stored.close()


# Two processes ------------------------------------------------------------------


def _apart(stored: Stored, until: int | None, size: int) -> list[Part] | None:
    """Each half of the ids checked in a process of its own; None where that is not to
    be had (a small store, one core, no process)."""
    if not isinstance(stored, SQLiteStored | PostgresStored) or (os.cpu_count() or 1) < 2:
        return None
    if size < APART_FROM:
        return None
    middle = stored.middle(size)
    if middle is None:
        return None
    # Imported here: only a check of a big store needs them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # never fork a process holding SQLite
    where = _where(stored)
    try:
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            futures = [
                pool.submit(_check_half, where, low, high, until)
                for low, high in ((None, middle), (middle, None))
            ]
            return [future.result() for future in futures]
    except Exception:  # no process (or connection) to be had, or one failed: the caller
        return None  # checks alone, and names what it finds


def _where(stored: "SQLiteStored | PostgresStored") -> tuple[str, str, str, str]:
    """What a process of its own needs to open the store: its kind, location, schema
    and events table."""
    if isinstance(stored, PostgresStored):
        return ("postgres", str(stored.location), stored.schema, stored.events_table_name)
    return ("sqlite", str(stored.location), "", stored.events_table)


def _check_half(
    where: tuple[str, str, str, str], low: str | None, high: str | None, until: int | None
) -> Part:
    """In a process of its own: the records of one range of ids, projected by the
    projection's handlers without the application (a store without a key); a record
    that needs the application (an event no handler knows, an upcast that needs typed
    values) is left to the main process. ``where``: the kind of store, its location
    (a SQLite file, a PostgreSQL server's address), its schema and events table."""
    kind, location, schema, events_table = where
    projector = SqlReadModel.handlers_only()
    if kind == "sqlite":
        stored = SQLiteStored(location, events_table)
        try:
            return check_range(stored, projector, low, high, until)
        finally:
            stored.close()
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(location, autocommit=True, row_factory=dict_row) as connection:
        return check_range(
            PostgresStored(schema, events_table, connection.cursor), projector, low, high, until
        )
