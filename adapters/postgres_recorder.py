"""The PostgreSQL event recorder, with big saves that cannot hang.

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

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.utils import retry


class UnpipelinedPostgresRecorder(PostgresApplicationRecorder):
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
            return self._fetch_ids_after_insert_events(cursor, stored_events, **kwargs)
