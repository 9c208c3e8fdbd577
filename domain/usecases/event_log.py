"""The raw event log: every stored record in the order it was recorded.

The one place in domain/ that reads the recorder directly. Auditors' use cases read
from here, never from the read model, so they answer the same on a store opened
read-only and on one whose read model is behind.
"""

from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Mapper, Notification, StoredEvent

BATCH = 2000


class EventLog:
    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper[UUID]) -> None:
        self.recorder = recorder
        self.mapper = mapper

    def last_position(self) -> int | None:
        """The position of the latest stored record (None: the store is empty)."""
        return self.recorder.max_notification_id()

    def page(
        self,
        start: int | None,
        stop: int | None = None,
        limit: int = BATCH,
        inclusive_of_start: bool = True,
    ) -> list[Notification]:
        """Up to ``limit`` records from position ``start`` (None: the first) to ``stop``."""
        return list(
            self.recorder.select_notifications(
                start=start, stop=stop, limit=limit, inclusive_of_start=inclusive_of_start
            )
        )

    def read(self, after: int | None, stop: int | None) -> Iterator[Notification]:
        """Stored records after position ``after`` (None: from the very first, even one
        forged at position 0 or below) up to ``stop``, in batches."""
        start, inclusive = after, after is None
        while True:
            batch = self.page(start, stop, BATCH, inclusive)
            yield from batch
            if len(batch) < BATCH:
                return
            start, inclusive = batch[-1].id, False

    def events_of(
        self, stream: UUID, gt: int | None = None, lte: int | None = None, limit: int | None = None
    ) -> list[StoredEvent]:
        """The stored events of one record, oldest first."""
        return list(self.recorder.select_events(stream, gt=gt, lte=lte, limit=limit))

    def latest_version(self, stream: UUID) -> int | None:
        latest = self.recorder.select_events(stream, desc=True, limit=1)
        return latest[0].originator_version if latest else None

    def decode(self, stored: StoredEvent) -> Any:
        """The domain event a stored record holds (raises when it cannot be read)."""
        return self.mapper.to_domain_event(stored)
