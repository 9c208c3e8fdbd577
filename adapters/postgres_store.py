"""PostgreSQL specifics: an event recorder whose big saves cannot hang, and the
library's persistence with every transaction read-only (for auditors).

Imported only when a PostgreSQL store is opened (the library loads it by topic), so
commands on a SQLite store do not pay for importing psycopg.

The recorder, with big saves that cannot hang:

The eventsourcing library sends each save through psycopg's pipeline mode. With
psycopg's pure-Python implementation (the one installed without a compiler), a
pipeline whose single statement outgrows the socket buffer is never sent in full:
the pipeline stops flushing once its queue is empty and waits for an answer the
server cannot give (it waits for the rest of the statement). A field-report file
of 10,000 rows is such a statement, and the import then hangs for ever.

This recorder runs the same statements (lock the events table, notify, insert all
events with one ``unnest``) in an ordinary transaction, where psycopg sends every
byte before it waits. One transaction, the same table lock, the same order of
notification ids as the library's own recorder: only the way of sending differs.
"""

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory
from eventsourcing.utils import Environment, retry

from domain.ports import SaveGuard


class UnpipelinedPostgresRecorder(PostgresApplicationRecorder):
    # The read model's ``project_saved``: the rows a save changes go in with its events
    # (see adapters/sqlite_store.py).
    projection: Callable[[Any, Sequence[StoredEvent], Sequence[int]], None] | None = None
    guard: SaveGuard | None = None  # the application's roster check (domain/ports.py)

    def _record_beside(self, cursor: Any, stored_events: Sequence[StoredEvent]) -> None:
        """What a subclass records in the events' own transaction (humas's digests)."""

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        if not stored_events:
            return None
        with (
            self.datastore.get_connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            # Locks the table, notifies listeners, inserts (the library's own steps).
            self._insert_stored_events(cursor, stored_events, **kwargs)
            ids = self._fetch_ids_after_insert_events(cursor, stored_events, **kwargs)
            self._record_beside(cursor, stored_events)
            if self.guard is not None:  # the events table is locked until the commit
                self.guard(lambda stream: self._latest_version(cursor, stream), stored_events)
            if self.projection is not None and ids:
                self.projection(cursor, stored_events, ids)
            return ids

    def _latest_version(self, cursor: Any, stream: UUID) -> int | None:
        schema = self.datastore.schema or "public"
        cursor.execute(
            f'SELECT MAX(originator_version) AS version FROM "{schema}".{self.events_table_name} '
            "WHERE originator_id = %s",
            (stream,),
        )
        row = cursor.fetchone()
        version = row["version"] if isinstance(row, dict) else row[0]
        return None if version is None else int(version)


class ReadOnlyPostgresFactory(PostgresFactory):
    """The library's PostgreSQL persistence, with every transaction read-only."""

    def __init__(self, env: Environment) -> None:
        super().__init__(env)
        # libpq passes this to the server at connection time; the library's pool has
        # no setting for it, and no connection is made before the first query.
        settings = self.datastore.pool.kwargs
        assert isinstance(settings, dict)
        settings["options"] = "-c default_transaction_read_only=on"


def missing_tables(connection: Any, schema: str, names: list[str]) -> list[str]:
    """Which of these tables (or indexes) a PostgreSQL schema lacks; takes no lock."""
    rows = connection.execute(
        "SELECT name FROM unnest(%s::text[]) AS wanted(name) "
        "WHERE to_regclass(quote_ident(%s) || '.' || quote_ident(name)) IS NULL",
        (names, schema),
    ).fetchall()
    return [row["name"] if isinstance(row, dict) else row[0] for row in rows]
