"""What the application needs from the outside world, as protocols.

The read model lives in the same store as the events; its tables and SQL are an
adapter's business. The application only asks it to catch up and to answer.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate


@dataclass(frozen=True)
class ActivityFilter:
    operation_id: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None  # a lifecycle status or a review status


# What a store's recorder runs inside a save's transaction, after writing its events and
# before the commit: given the latest version of a stream as the transaction sees it and
# the records being saved, it may refuse the save by raising (nothing is then stored).
SaveGuard = Callable[[Callable[[UUID], int | None], Sequence[Any]], None]


class ReadModel(Protocol):
    def catch_up(self, fresh: Sequence[Aggregate] = (), recorded: Sequence[int] = ()) -> int:
        """Apply every event recorded since the last call; return the new position.

        ``fresh`` are aggregates the caller has just saved, so their state need not
        be read back from the store; ``recorded`` are the positions their events got.
        """

    def rebuild(self) -> int:
        """Forget every row and rebuild from the events alone."""

    def frozen_at(self, position: int) -> "ReadModel":
        """A private read model that answers as the store stood at ``position``."""

    def close(self) -> None: ...

    def position(self) -> int: ...

    def counts(self) -> dict[str, int]:
        """How many operations, activities and events the read model has seen."""

    def operations(self) -> list[dict[str, Any]]: ...

    def activities(self, where: ActivityFilter) -> list[dict[str, Any]]: ...

    def units_active_before(self, day: date, operation_id: str | None = None) -> list[str]: ...

    def coverage(
        self,
        record_id: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> list[dict[str, Any]]: ...

    def coverage_matching(self, content_hash: str, url: str | None) -> dict[str, Any] | None:
        """The coverage item (as listed) with this content or address, if any."""

    def incidents(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]: ...

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these activity ids are already recorded."""

    def ids_matching(self, ref: str) -> list[tuple[str, str]]:
        """(record type, id) of every record that ``ref`` may mean: an id, an id prefix,
        an operation's slug or alias."""

    # Record types the read model answers for: Operation, Activity, Incident, CoverageItem.
