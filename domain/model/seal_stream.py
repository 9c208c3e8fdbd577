"""The store's seals as one stream with a fixed id, one ``Sealed`` event per seal.

Apart from domain/model/seal.py (digests, spans and what a check reads) so that a
command that never seals, such as ``humas log``, does not define its event classes.
"""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.model.provenance import Provenance
from domain.model.seal import GENESIS, SEAL_ID, Span
from domain.model.snapshots import TypedSnapshot


class Seal(Aggregate):
    """The store's seals: one stream with a fixed id, one ``Sealed`` event per seal."""

    TOPIC = "humas:Seal"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were
    id: UUID  # given when created (the library then expects it), not drawn at random

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Seal.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Seal.Created"

    @classmethod
    def start(cls) -> "Seal":
        return cls(id=SEAL_ID)  # type: ignore[call-arg]

    @event("Started", topic="humas:Seal.Started")
    def __init__(self) -> None:
        self.number = 0
        self.position: int | None = None
        self.hash = GENESIS

    def close(self, span: Span, accepted: Sequence[int] = (), reason: str | None = None) -> None:
        """Seal the records of ``span``, which must run on from this seal's hash.

        ``accepted``: positions of records in the span that humas never saved, which a
        supervisor lets this seal cover, for ``reason``."""
        if not span.count or span.position is None:
            raise ValueError("a seal needs at least one record")
        self._seal(
            number=self.number + 1,
            start=self.position,
            position=span.position,
            count=span.count,
            previous=self.hash,
            hash=span.chain,
            manifest=span.manifest(),
            accepted=list(accepted),
            reason=reason,
        )

    @event("Sealed", topic="humas:Seal.Sealed")
    def _seal(
        self,
        number: int,
        start: int | None,
        position: int,
        count: int,
        previous: str,
        hash: str,
        manifest: str,
        accepted: list[int] | None = None,  # absent from seals made before it existed
        reason: str | None = None,
    ) -> None:
        self.number, self.position, self.hash = number, position, hash

    def summary(self) -> dict[str, Any] | None:
        if not self.number:
            return None
        return {
            "number": self.number,
            "position": self.position,
            "hash": self.hash,
            "sealed_at": self.modified_on.isoformat(),
        }
