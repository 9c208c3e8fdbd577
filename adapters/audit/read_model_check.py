"""The read model checked against the events: the figures of every report come from it.

The events are projected again, into a private in-memory read model caught up to the
position the stored one says it has reached, with the projection humas itself uses
(``adapters/read_model.py``); then every stored row is compared with the row the events
give, field by field, documents decoded. Nothing is written: ``humas store rebuild``
repairs what differs.
"""

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

from adapters.read_model import SqlReadModel
from adapters.read_model.schema import COLUMNS, LAYOUT_MARK
from domain.model.seal import Problem
from domain.usecases.titles import first_line

REFS = "humas_refs"
POSITION = "humas_position"
# Tables of rows derived from other rows, compared as sets.
DERIVED = {REFS: "ref, record_type, id", "humas_unit_days": "organiser, operation_key, first_day"}
# Each table of records, and the record as a person names it.
NAMES = {
    table: table.removeprefix("humas_").replace("activities", "activity").rstrip("s")
    .replace("coverage", "coverage item")
    for table in COLUMNS
}  # fmt: skip


def check_read_model(app: Any) -> list[Problem]:
    """Every difference between the stored read model and what the events give."""
    with _stored(app) as stored:
        try:
            kept = stored(f"SELECT position, events, id FROM {{prefix}}{POSITION}")
        except Exception:
            return []  # no read model stored (a store opened only read-only so far)
        if not stored.of_this_layout():
            # rows of an older layout: the first write (or `store rebuild`) makes them anew
            # by today's handlers; until then there is nothing of today's kind to compare
            return []
        if len(kept) != 1:
            return [Problem("read model", None, f"it keeps {len(kept)} positions, not one")]
        position, events, row = kept[0]
        if str(row) != "1":
            return [Problem("read model", None, f"its position row is numbered {row}, not 1")]
        fresh = SqlReadModel(app, in_memory=True, until=_int(position))
        # The events are read from the store, and a row an activity's first event made
        # keeps that event as its document ("!N"), as the stored rows do: an untouched
        # activity's row is then the same text on both sides, compared at once.
        fresh._events_source = stored.events_source
        if stored.events_source != "postgres":
            fresh._events_table = app.recorder.events_table_name
        try:
            try:
                fresh.catch_up()
            except Exception as error:  # events changed by hand may not replay at all
                detail = f"the events cannot be projected again ({first_line(error)})"
                return [Problem("read model", None, detail)]
            found = _compare(stored, fresh, position, events)
        finally:
            fresh.close()
    return found


def _compare(stored: Any, fresh: SqlReadModel, position: Any, events: Any) -> list[Problem]:
    problems: list[Problem] = []

    def differs(detail: str) -> None:
        problems.append(Problem("read model", None, detail))

    expected = fresh._query(f"SELECT position, events FROM {POSITION}")[0]
    if (position, events) != tuple(expected):
        differs(
            f"position {position} after {events} events; the event log has {expected[1]} "
            f"events up to position {expected[0]}"
        )
    for table, name in NAMES.items():
        columns = _columns(fresh, table)
        # both sides in the order of their ids, side by side: memory stays flat
        stored_side = stored.by_id(f"SELECT * FROM {{prefix}}{table} ORDER BY id")
        events_side = fresh._sqlite.execute(f"SELECT * FROM {table} ORDER BY id")
        for record_id, kept, given in _side_by_side(stored_side, events_side):
            short = record_id[:6]
            if given is None:
                differs(f"{name} {short}: no event made this row")
            elif kept is None:
                differs(f"{name} {short}: missing; the events make one")
            elif kept != given:
                field = _first_difference(fresh, columns, kept, given)
                if field:
                    differs(f"{name} {short}: {field[0]} {_shown(field[1])}, events say {_shown(field[2])}")  # fmt: skip
    for table, listed in DERIVED.items():
        kept_rows = {tuple(map(str, row)) for row in _rows(stored, f"SELECT {listed} FROM {{prefix}}{table}")}  # fmt: skip
        given_rows = {tuple(map(str, row)) for row in fresh._query(f"SELECT {listed} FROM {table}")}  # fmt: skip
        what = "reference" if table == REFS else "first day of a unit"
        for row in sorted(kept_rows - given_rows):
            differs(f"{table}: {', '.join(row)}: a {what} no event made")
        for row in sorted(given_rows - kept_rows):
            differs(f"{table}: {', '.join(row)}: a {what} the events make is missing")
    return problems


Row = tuple[Any, ...]


def _side_by_side(
    kept: Iterable[Row], given: Iterable[Row]
) -> Iterator[tuple[str, Row | None, Row | None]]:
    """(id, stored row, row the events give) for every id of either, both read in the
    order of their ids; a row one side lacks is None."""
    kept_rows, given_rows = iter(kept), iter(given)
    one, other = next(kept_rows, None), next(given_rows, None)
    while one is not None or other is not None:
        if other is None or (one is not None and str(one[0]) < str(other[0])):
            yield str(one[0]), one, None  # type: ignore[index]
            one = next(kept_rows, None)
        elif one is None or str(other[0]) < str(one[0]):
            yield str(other[0]), None, other
            other = next(given_rows, None)
        else:
            yield str(one[0]), one, other
            one, other = next(kept_rows, None), next(given_rows, None)


def _first_difference(
    fresh: SqlReadModel, columns: list[str], kept: tuple[Any, ...], given: tuple[Any, ...]
) -> tuple[str, Any, Any] | None:
    """The first field that differs: in the document (decoded) first, then a column."""
    row_kept, row_given = dict(zip(columns, kept, strict=False)), dict(zip(columns, given, strict=False))  # fmt: skip
    if "doc" in columns and row_kept.get("doc") != row_given.get("doc"):
        try:
            [doc_kept] = fresh._docs([str(row_kept["doc"])])
        except Exception:
            doc_kept = None
        if not isinstance(doc_kept, dict):  # changed into no document at all
            return ("its document", "unreadable", "a readable one")
        [doc_given] = fresh._docs([str(row_given["doc"])])
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


def _columns(fresh: SqlReadModel, table: str) -> list[str]:
    cursor = fresh._sqlite.execute(f"SELECT * FROM {table} LIMIT 0")
    return [description[0] for description in cursor.description]


def _rows(stored: Any, statement: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in stored(statement)]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@contextmanager
def _stored(app: Any) -> Iterator[Any]:
    """``query(statement)`` on the stored read model (``{prefix}``: its schema), read-only."""
    datastore = app.recorder.datastore
    if hasattr(datastore, "schema"):
        prefix = f'"{datastore.schema}".'

        def query_pg(statement: str) -> list[Any]:
            with datastore.transaction(commit=False) as cursor:
                cursor.execute(statement.replace("{prefix}", prefix))
                return [tuple(row.values()) for row in cursor.fetchall()]

        query_pg.events_source = "postgres"  # type: ignore[attr-defined]
        # ids in the order SQLite gives them (its text's bytes), which PostgreSQL's
        # collation may not follow
        query_pg.by_id = lambda statement: sorted(  # type: ignore[attr-defined]
            query_pg(statement), key=lambda row: str(row[0])
        )
        query_pg.of_this_layout = lambda: bool(  # type: ignore[attr-defined]
            query_pg(f"SELECT to_regclass('{prefix}{LAYOUT_MARK}') IS NOT NULL")[0][0]
        )
        yield query_pg
        return
    location = str(datastore.pool.db_name)
    if not location.startswith("file:"):
        location = f"file:{quote(location)}?mode=ro"
    connection = sqlite3.connect(location, uri=True)
    # a text column changed by hand may hold bytes that are no UTF-8
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    try:

        def query_sqlite(statement: str) -> list[Any]:
            return connection.execute(statement.replace("{prefix}", "")).fetchall()

        query_sqlite.events_source = connection  # type: ignore[attr-defined]
        query_sqlite.by_id = lambda statement: connection.execute(  # type: ignore[attr-defined]
            statement.replace("{prefix}", "")
        )
        query_sqlite.of_this_layout = lambda: bool(  # type: ignore[attr-defined]
            query_sqlite(f"SELECT 1 FROM sqlite_master WHERE name = '{LAYOUT_MARK}'")
        )
        yield query_sqlite
    finally:
        connection.close()
