"""What a run of news items has made and not yet saved.

Items are saved many to a transaction (a commit per item was most of an ingest's time).
Until that save, the store does not know them, so every look-up an item makes (is this
text already kept? is this activity already recorded?) asks the store and then this
list. An item the rules refuse is taken back alone: the records it touched return to
how they were before it, so nothing of it is half-written with the others.
"""

from copy import deepcopy
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.model.values import Review


class PendingIntake:
    def __init__(self, repository: Any) -> None:
        self._repository = repository
        self.aggregates: dict[UUID, Aggregate] = {}  # in the order they were first touched
        # rows shaped like the read model's, for the look-ups
        self._coverage: list[dict[str, Any]] = []
        self._activities: list[dict[str, Any]] = []
        self._incidents: list[dict[str, Any]] = []
        self._before: dict[UUID, Aggregate | None] = {}
        self._marks = (0, 0, 0)

    # one item at a time ------------------------------------------------------------

    def begin(self) -> None:
        """An item starts: what it changes can be taken back until the next one."""
        self._before = {}
        self._marks = (len(self._coverage), len(self._activities), len(self._incidents))

    def take_back(self) -> None:
        """The item was refused: forget what it made, restore what it changed."""
        for id_, before in self._before.items():
            if before is None:
                del self.aggregates[id_]
            else:
                self.aggregates[id_] = before
        self._before = {}
        coverage, activities, incidents = self._marks
        del self._coverage[coverage:], self._activities[activities:], self._incidents[incidents:]

    # records -----------------------------------------------------------------------

    def get(self, id_: UUID) -> Any:
        """A record to change: the one this run already holds, else the stored one."""
        held = self.aggregates.get(id_)
        if held is None:
            held = self._repository.get(id_)
            self._before.setdefault(id_, None)
            self.aggregates[id_] = held
        elif id_ not in self._before:
            # changed by an earlier item of the run: copied, so this item can be undone
            self._before[id_] = deepcopy(held)
        return held

    def peek(self, id_: UUID) -> Any:
        """A record to read, not to change."""
        return self.aggregates.get(id_) or self._repository.get(id_)

    def add(self, aggregate: Aggregate) -> None:
        """A record the item made."""
        self._before.setdefault(aggregate.id, None)
        self.aggregates[aggregate.id] = aggregate

    def __contains__(self, id_: UUID) -> bool:
        return id_ in self.aggregates

    # look-ups beside the store's -------------------------------------------------------

    def keep_coverage(self, row: dict[str, Any]) -> None:
        self._coverage.append(row)

    def coverage_matching(self, content_hash: str, url: str | None) -> dict[str, Any] | None:
        """The first item of the run with this content or this address."""
        return next(
            (
                row
                for row in self._coverage
                if row["content_hash"] == content_hash or (url and row.get("url") == url)
            ),
            None,
        )

    def keep_activity(self, row: dict[str, Any]) -> None:
        self._activities.append(row)

    def activities(self, kind: str, day: date) -> list[dict[str, Any]]:
        return [row for row in self._activities if row["kind"] == kind and row["day"] == day]

    def keep_incident(self, row: dict[str, Any]) -> None:
        self._incidents.append(row)

    def incidents(self, day: date) -> list[dict[str, Any]]:
        return [row for row in self._incidents if row["day"] == day]


def proposed_row(record_id: UUID, kind: str, day: date, **values: Any) -> dict[str, Any]:
    """A record the run proposed, as the read model's row would show it to a look-up."""
    return {"id": str(record_id), "kind": kind, "day": day, "review": Review.PROPOSED, **values}
