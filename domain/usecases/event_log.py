"""The raw event log: every stored record in the order it was recorded.

The one place in domain/ that reads the recorder directly. Auditors' use cases read
from here, never from the read model, so they answer the same on a store opened
read-only and on one whose read model is behind.
"""

from collections.abc import Callable, Iterator, Sequence
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
        try:
            return list(
                self.recorder.select_notifications(
                    start=start, stop=stop, limit=limit, inclusive_of_start=inclusive_of_start
                )
            )
        except (ValueError, TypeError):
            # A record changed by hand into what the library cannot read (an id that is no
            # id, a NULL state): the rows as stored, which the auditors' commands name as
            # unreadable instead of failing.
            reader = getattr(self.recorder, "rows", None)
            if reader is None:
                raise
            after = None if start is None else start - 1 if inclusive_of_start else start
            rows = reader(after, limit)
            return [
                Notification(
                    id=row[0],
                    originator_id=row[1],
                    originator_version=row[2],
                    topic=row[3],
                    state=row[4],
                )
                for row in rows
                if stop is None or row[0] <= stop
            ]

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

    def version_at(self, stream: UUID, position: int) -> int | None:
        """The version a record had when the log stood at ``position`` (None: it was not
        recorded yet). Reads the record's own events and the log's entries of their
        types only, not the whole log."""
        events = self.events_of(stream)
        topics = sorted({event.topic for event in events})
        if not topics:
            return None
        found = self.recorder.select_notifications(
            start=None, limit=len(events), stop=position, topics=topics
        )
        versions = [n.originator_version for n in found if n.originator_id == stream]
        return max(versions) if versions else None

    def rows(self, after: int | None, stop: int | None = None) -> Iterator[tuple[Any, ...]]:
        """Raw stored rows after ``after`` up to ``stop``, each as (position, stream,
        version, topic, state, digest): every column as the database holds it, however
        a hand-made change left it, beside the digest humas recorded when it saved the
        row ("" when it has none; None when the store keeps no digests)."""
        for batch in self.row_batches(after, stop):
            yield from batch

    def row_batches(
        self, after: int | None, stop: int | None = None, size: int = BATCH
    ) -> Iterator[list[tuple[Any, ...]]]:
        """:meth:`rows` ``size`` at a time (a check reads millions)."""
        reader = getattr(self.recorder, "rows", None)
        if reader is None:  # a store without digests (in memory): the notifications
            yield [
                (n.id, n.originator_id, n.originator_version, n.topic, n.state, None)
                for n in self.read(after, stop)
            ]
            return
        while True:
            batch = reader(after, size)
            if stop is not None and batch and batch[-1][0] > stop:
                yield [row for row in batch if row[0] <= stop]
                return
            yield batch
            if len(batch) < size:
                return
            after = batch[-1][0]

    def unmatched_digests(self) -> list[tuple[str, int]]:
        """(stream, version) of records humas saved that are no longer stored."""
        reader = getattr(self.recorder, "unmatched_digests", None)
        return list(reader()) if reader else []

    def map_spans(
        self, fn: Callable[..., Any], spans: Sequence[tuple[int | None, int, Any]], *args: Any
    ) -> list[Any] | None:
        """``fn(arg, batches, *args)`` for each span (after, stop, arg) of the log, where
        ``batches`` yields the span's rows (as :meth:`rows` gives them) a batch at a
        time, computed in processes of their own on several cores; ``fn`` must be pure
        and importable. None when the store cannot be read so (the caller then reads
        the rows itself); a span that failed gives None."""
        reader = getattr(self.recorder, "map_spans", None)
        return reader(fn, spans, *args) if reader else None

    def digest_count(self) -> int:
        """How many digests of saved records humas keeps (0: none, or no digests)."""
        reader = getattr(self.recorder, "digest_count", None)
        return int(reader()) if reader else 0

    def keyed_digests(self) -> bool:
        """Whether humas's digests were made with a seal key (HUMAS_SEAL_KEY)."""
        reader = getattr(self.recorder, "keyed_digests", None)
        return bool(reader and reader())

    @property
    def seal_key(self) -> bytes | None:
        """The key humas's digests of saved records are made with (None: plain SHA-256)."""
        key: bytes | None = getattr(self.recorder, "seal_key", None)
        return key

    def latest_event(self, stream: UUID, lte: int | None = None) -> StoredEvent | None:
        """A record's latest stored event (up to version ``lte``)."""
        found = self.recorder.select_events(stream, lte=lte, desc=True, limit=1)
        return found[0] if found else None

    def latest_version(self, stream: UUID) -> int | None:
        latest = self.recorder.select_events(stream, desc=True, limit=1)
        return latest[0].originator_version if latest else None

    def decode(self, stored: StoredEvent) -> Any:
        """The domain event a stored record holds (raises when it cannot be read)."""
        return self.mapper.to_domain_event(stored)
