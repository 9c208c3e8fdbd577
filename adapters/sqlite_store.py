"""SQLite specifics: an event recorder that lets the read model write in its transaction.

The library's recorder stores a command's events in one transaction. This one hands
that transaction's cursor, the events and the positions they got to ``projection``
(the read model's ``project_saved``) before committing, so the rows the events change
are written, and reach the disk, with them: one commit per command, and a failure at
any point leaves neither.
"""

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

Projection = Callable[[Any, Sequence[StoredEvent], Sequence[int]], None]


class ProjectingSQLiteRecorder(SQLiteApplicationRecorder):
    projection: Projection | None = None

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        with self.datastore.transaction(commit=True) as cursor:
            ids = self._insert_events(cursor, stored_events, **kwargs)
            if self.projection is not None and ids:
                self.projection(cursor, stored_events, ids)
            return ids
