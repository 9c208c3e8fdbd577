"""Incident (kejadian): a real public-order event, which is not the unit's activity.

A real protest at a KPU office is kept for the public-order context of reports, never
counted as something the unit did, and never confused with a drill that looks like one.
"""

from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, event

from domain.flags import StoredFlag, raised, source_label
from domain.model.errors import Refused
from domain.model.provenance import Provenance
from domain.model.reviewed import FlagSettling, Rejection, Reviewed, Verification
from domain.model.snapshots import TypedSnapshot
from domain.model.values import Place, Review


class Incident(Reviewed, Aggregate):
    TOPIC = "humas:Incident"
    NOUN = "incident"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Incident.Event"
        class_version = 1  # raise it with an upcaster when the shape changes (see activity.py)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Incident.Created"

    @event("Recorded", topic="humas:Incident.Recorded")
    def __init__(
        self,
        title: str,
        occurred_on: date,
        date_precision: str,
        place: dict[str, Any],
        what_happened: str | None,
        actors: list[str],
        police_intervened: bool | None,
        operation_id: str | None,
        coverage_ids: list[str],
        flags: list[StoredFlag],
        review: str,
        source: dict[str, Any],
    ) -> None:
        self.title = title
        self.occurred_on = occurred_on
        self.date_precision = date_precision
        self.place = Place.from_dict(place)
        self.what_happened = what_happened
        self.actors = list(actors)
        self.police_intervened = police_intervened
        self.operation_id = operation_id
        self.coverage_ids = list(coverage_ids)
        self.flags = list(flags)
        self.flag_entries = raised([], self.flags, source_label(source))
        self.review = Review(review)
        self.source = dict(source)
        self.review_reason: str | None = None

    def link_coverage(self, coverage_id: str) -> None:
        if coverage_id in self.coverage_ids:
            raise Refused("coverage-already-linked", id=coverage_id[:8])
        self._link_coverage(coverage_id=coverage_id)

    @event("CoverageLinked", topic="humas:Incident.CoverageLinked")
    def _link_coverage(self, coverage_id: str) -> None:
        self.coverage_ids.append(coverage_id)

    # Review (verify, reject and settling flags: domain/model/reviewed.py) -----

    class Verified(Verification, Event):
        TOPIC = "humas:Incident.Verified"

    class Rejected(Rejection, Event):
        TOPIC = "humas:Incident.Rejected"

    class FlagResolved(FlagSettling, Event):
        TOPIC = "humas:Incident.FlagResolved"

    def summary(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "title": self.title,
            "occurred_on": self.occurred_on.isoformat(),
            "date_precision": self.date_precision,
            "place": self.place.as_dict(),
            "what_happened": self.what_happened,
            "actors": self.actors,
            "police_intervened": self.police_intervened,
            "operation_id": self.operation_id,
            "coverage_ids": self.coverage_ids,
            "flags": self.flags,
            "flag_entries": self._flag_entries(),
            "review": self.review.value,
            "review_reason": self.review_reason,
            "source": self.source,
            "version": self.version,
            "recorded_at": self.created_on.isoformat(),
        }
