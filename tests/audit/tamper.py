"""Someone with write access to the database, changing stored events behind humas's back.

Works on the SQLite file (table ``stored_events``, positions are rowids) and on the
PostgreSQL tables (``humas_events`` in the store's schema, positions are
``notification_id``), the way the eventsourcing library lays them out.
"""

import sqlite3
from dataclasses import dataclass
from typing import Any
from uuid import UUID


@dataclass(frozen=True)
class Row:
    position: int
    stream: UUID
    version: int
    topic: str
    state: bytes


def log_outreach(app: Any, officer: Any, count: int) -> list[Any]:
    """``count`` outreach activities on 23 October 2023, "Sosialisasi desa N" with an
    audience of 40 + N: the records the audit tests seal and tamper with."""
    from datetime import date

    return [
        app.log_activity(
            officer,
            kind="outreach",
            title=f"Sosialisasi desa {n}",
            occurred_on=date(2023, 10, 23),
            audience_size=40 + n,
        )
        for n in range(count)
    ]


class Tamperer:
    def __init__(self, store: str) -> None:
        self.postgres = store.startswith("postgresql://")
        if self.postgres:
            import psycopg

            server, _, schema = store.partition("?schema=")
            self.connection: Any = psycopg.connect(server, autocommit=True)
            self.table = f'"{schema}".humas_events'
            self.position = "notification_id"
        else:
            self.connection = sqlite3.connect(store, isolation_level=None)
            self.table = "stored_events"
            self.position = "rowid"

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "Tamperer":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _run(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        if self.postgres:
            cursor = self.connection.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []
        return self.connection.execute(statement, params).fetchall()

    def _id(self, stream: UUID) -> Any:
        return stream if self.postgres else stream.hex

    def rows(self) -> list[Row]:
        found = self._run(
            f"SELECT {self.position}, originator_id, originator_version, topic, state "
            f"FROM {self.table} ORDER BY {self.position}"
        )
        return [Row(p, UUID(str(i)), v, t, bytes(s)) for p, i, v, t, s in found]

    def row(self, position: int) -> Row:
        return next(row for row in self.rows() if row.position == position)

    def replace_in_state(self, position: int, old: bytes, new: bytes) -> None:
        state = self.row(position).state
        assert old in state
        self._run(
            f"UPDATE {self.table} SET state = ? WHERE {self.position} = ?",
            (state.replace(old, new), position),
        )

    def delete(self, position: int) -> None:
        self._run(f"DELETE FROM {self.table} WHERE {self.position} = ?", (position,))

    def insert(self, position: int, row: Row) -> None:
        self._run(
            f"INSERT INTO {self.table} ({self.position}, originator_id, originator_version, "
            "topic, state) VALUES (?, ?, ?, ?, ?)",
            (position, self._id(row.stream), row.version, row.topic, row.state),
        )

    def drop_digests(self) -> None:
        """Drop the table of the digests humas keeps of what it saved."""
        schema = self.table.rpartition(".")[0]  # '"schema"' on PostgreSQL, '' on SQLite
        self._run(f"DROP TABLE {schema + '.' if schema else ''}humas_saved")

    def swap_versions(self, stream: UUID, first: int, second: int) -> None:
        """Give two events of one stream each other's version (the key allows it in steps)."""
        for old, new in ((first, -1), (second, first), (-1, second)):
            self._run(
                f"UPDATE {self.table} SET originator_version = ? "
                "WHERE originator_id = ? AND originator_version = ?",
                (new, self._id(stream), old),
            )


def forge_read_model_row(store: str, record_id: str, field: str, value: Any) -> Any:
    """Write an activity's read-model row by hand with ``field`` set to ``value`` (its
    document as JSON, whether the row held JSON or pointed at the event that made it,
    and the column of that name, where the row keeps one: what lists and reports read);
    returns the value it had."""
    import json

    from adapters.bootstrap import close_application, open_application
    from adapters.projection import SHOWN_COLUMNS
    from adapters.store import parse_store

    app = open_application(parse_store(store))
    try:
        [(text,)] = app.read_model._query("SELECT doc FROM {prefix}humas_activities WHERE id = ?".replace("{prefix}", app.read_model.prefix), (record_id,))  # type: ignore[attr-defined]  # fmt: skip
        [doc] = app.read_model._docs([text])  # type: ignore[attr-defined]
    finally:
        close_application(app)
    was, doc[field] = doc.get(field), value
    with Tamperer(store) as db:
        table = "humas_activities"
        if db.postgres:
            table = f'"{store.partition("?schema=")[2]}".{table}'
        db._run(f"UPDATE {table} SET doc = ? WHERE id = ?", (json.dumps(doc), record_id))
        if field in SHOWN_COLUMNS:
            db._run(f"UPDATE {table} SET {field} = ? WHERE id = ?", (value, record_id))
    return was
