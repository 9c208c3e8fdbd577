"""What the application needs from the outside world, as protocols.

The read model lives in the same store as the events; its tables and SQL are an
adapter's business. The application only asks it to catch up and to answer.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from eventsourcing.domain import Aggregate


@dataclass(frozen=True)
class ActivityFilter:
    operation_id: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None  # a lifecycle status or a review status


class ReadModel(Protocol):
    def catch_up(self, fresh: Sequence[Aggregate] = ()) -> int:
        """Apply every event recorded since the last call; return the new position.

        ``fresh`` are aggregates the caller has just saved, so their state need not
        be read back from the store.
        """

    def rebuild(self) -> int:
        """Forget every row and rebuild from the events alone."""

    def position(self) -> int: ...

    def counts(self) -> dict[str, int]:
        """How many operations, activities and events the read model has seen."""

    def operations(self) -> list[dict[str, Any]]: ...

    def activities(self, where: ActivityFilter) -> list[dict[str, Any]]: ...

    def units_active_before(self, day: date, operation_id: str | None = None) -> list[str]: ...

    def ids_matching(self, ref: str) -> list[tuple[str, str]]:
        """(record type, id) of every record that ``ref`` may mean: an id, an id prefix,
        an operation's slug or alias."""
