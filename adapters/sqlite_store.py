"""SQLite specifics: an event recorder that lets the read model write in its transaction.

The library's recorder stores a command's events in one transaction. This one hands
that transaction's cursor, the events and the positions they got to ``projection``
(the read model's ``project_saved``) before committing, so the rows the events change
are written, and reach the disk, with them: one commit per command, and a failure at
any point leaves neither. Before that, ``guard`` (the application's roster check, see
``SaveGuard`` in domain/ports.py) may refuse the save, which then leaves nothing.
"""

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

from domain.ports import SaveGuard

Projection = Callable[[Any, Sequence[StoredEvent], Sequence[int]], None]


def readable_location(db_name: object) -> str | None:
    """Where another connection, or a process of its own, opens the store's file: a URI
    (read-only unless the store was given as a URI itself); None for a database in
    memory, which nothing else can open."""
    location = str(db_name)
    if ":memory:" in location or "mode=memory" in location:
        return None
    return location if location.startswith("file:") else f"file:{quote(location)}?mode=ro"


class ProjectingSQLiteRecorder(SQLiteApplicationRecorder):
    projection: Projection | None = None
    guard: SaveGuard | None = None

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        with self.datastore.transaction(commit=True) as cursor:
            ids = self._insert_events(cursor, stored_events, **kwargs)
            if self.guard is not None:
                # after the inserts: the store's write lock is held, so what it reads
                # cannot change before the commit
                self.guard(lambda stream: self._latest_version(cursor, stream), stored_events)
            if self.projection is not None and ids:
                self.projection(cursor, stored_events, ids)
            return ids

    def _latest_version(self, cursor: Any, stream: UUID) -> int | None:
        cursor.execute(
            f"SELECT MAX(originator_version) FROM {self.events_table_name} WHERE originator_id = ?",
            (stream.hex,),
        )
        version = cursor.fetchone()[0]
        return None if version is None else int(version)
