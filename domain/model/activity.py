"""Activity (kegiatan): one thing the police did, kept as its own event stream."""

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from domain.flags import CORRECTION_SOURCE, StoredFlag, not_among, raised, source_label
from domain.model.activity_fields import (
    FIELDS,
    PLAIN,
    ActivityFields,
    check_fields,
    check_scenario,
    spread_fields,
    stored,
    texts_of,
)
from domain.model.errors import InvalidValue, Refused
from domain.model.policies import organiser_of
from domain.model.provenance import Provenance
from domain.model.reviewed import FlagSettling, Rejection, Reviewed, Verification
from domain.model.snapshots import TypedSnapshot
from domain.model.values import (
    ActivityKind,
    DatePrecision,
    Lifecycle,
    Review,
    member_of,
)

_LIFECYCLE, _REVIEW = member_of(Lifecycle), member_of(Review)


class Activity(ActivityFields, Reviewed, Aggregate):
    TOPIC = "humas:Activity"
    NOUN = "activity"
    Snapshot = TypedSnapshot  # restores enums, places and tuples as they were
    id: UUID  # given when created (the library then expects it), not drawn at random

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Activity.Event"
        class_version = 1  # raised with an upcaster when the shape changes (README)

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Activity.Created"

    @classmethod
    def log(
        cls,
        *,
        status: Lifecycle,
        review: Review,
        id: UUID | None = None,  # a field report's id makes its import idempotent
        source: dict[str, Any] | None = None,
        coverage_id: UUID | None = None,
        flags: list[StoredFlag] | None = None,
        evidence: dict[str, str] | None = None,
        **values: Any,
    ) -> "Activity":
        """A new activity. ``source`` says where it came from (a field report's id and
        line, a news item's coverage id); ``flags`` and ``evidence`` keep the doubts and
        the sentences behind facts proposed by the machine."""
        check_fields(values)
        for required in ("kind", "title", "occurred_on"):
            if values.get(required) is None:
                raise InvalidValue(f"{required.replace('_', '-')}-missing", field=required)
        values["organiser"] = organiser_of(values.get("organiser"), texts_of(values.get("units")))
        if values.get("date_precision") is None:
            values["date_precision"] = DatePrecision.DAY
        check_scenario(ActivityKind(values["kind"]), values)
        fields = {name: plain(values.get(name)) for name, plain in PLAIN.items()}
        return cls(  # type: ignore[call-arg]  # the library's metaclass takes ``id``
            id=id or uuid4(),
            **fields,
            status=status.value,
            review=review.value,
            source=source or {},
            coverage_ids=[str(coverage_id)] if coverage_id else [],
            flags=list(flags or []),
            evidence=dict(evidence or {}),
        )

    class Logged(Created):
        """An activity is recorded: every field, plain (text, numbers, lists, dates).

        Version 2 declares each field; version 1 kept them in one ``fields`` dict."""

        TOPIC = "humas:Activity.Logged"
        class_version = 2
        kind: str
        title: str
        occurred_on: date
        occurred_at: str | None
        date_precision: str
        place: dict[str, str | None] | None
        organiser: str | None
        units: list[str]
        personnel: int | None
        stakeholders: list[str]
        audience: str | None
        audience_size: int | None
        channel: str | None
        messages: list[str]
        operation_id: UUID | None
        notes: str | None
        scenario_setting: str | None
        scenario_steps: list[str]
        status: str
        review: str
        source: dict[str, Any] | None
        coverage_ids: list[str] | None
        flags: list[Any] | None
        evidence: dict[str, str] | None

        upcast_v1_v2 = staticmethod(spread_fields)

    @event(Logged)
    def __init__(
        self,
        *,
        kind: str,
        title: str,
        occurred_on: date,
        occurred_at: str | None,
        date_precision: str,
        place: dict[str, str | None] | None,
        organiser: str | None,
        units: list[str],
        personnel: int | None,
        stakeholders: list[str],
        audience: str | None,
        audience_size: int | None,
        channel: str | None,
        messages: list[str],
        operation_id: UUID | None,
        notes: str | None,
        scenario_setting: str | None,
        scenario_steps: list[str],
        status: str,
        review: str,
        source: dict[str, Any] | None = None,
        coverage_ids: list[str] | None = None,
        flags: list[Any] | None = None,
        evidence: dict[str, str] | None = None,
    ) -> None:
        given = locals()  # the fields, by the names FIELDS gives them
        vars(self).update({name: converter(given[name]) for name, converter in FIELDS.items()})
        self.status = _LIFECYCLE(status)
        self.review = _REVIEW(review)
        self.source = dict(source or {})
        self.coverage_ids: list[str] = list(coverage_ids or [])
        self.flags: list[StoredFlag] = list(flags or [])
        self.flag_entries = raised([], self.flags, source_label(self.source)) if flags else []
        self.evidence: dict[str, str] = dict(evidence or {})
        self.merged_into: str | None = None
        self.review_reason: str | None = None

    # Corrections -------------------------------------------------------------

    def correct(
        self, changes: dict[str, Any], reason: str, flags: list[StoredFlag] | None = None
    ) -> None:
        """Change any fields, keeping what they were, for a stated reason; ``flags``: the
        doubts the new values raise (a day moved outside the activity's operation)."""
        self._refuse_if_cancelled("corrected")
        if not reason.strip():
            raise InvalidValue("correction-needs-reason", field="reason")
        check_fields(changes)
        if isinstance(changes.get("place"), dict) and self.place:
            # A correction of one part of the place keeps the parts not mentioned.
            given = {key: value for key, value in changes["place"].items() if value}
            changes = {**changes, "place": {**self.place.as_dict(), **given}}
        new = {name: stored(name, value) for name, value in changes.items()}
        old = {name: stored(name, getattr(self, name)) for name in new}
        changed = {name: value for name, value in new.items() if value != old[name]}
        if not changed:
            raise InvalidValue("nothing-to-correct")
        kind = ActivityKind(changed.get("kind", self.kind))
        check_scenario(kind, {name: getattr(self, name) for name in FIELDS} | changes)
        self._correct(
            changes=changed,
            previous={name: old[name] for name in changed},
            reason=reason,
            flags=not_among(flags or [], self.flags),
        )

    class Corrected(Event):
        """Fields changed for a reason. Version 2 carries the flags the change raised."""

        TOPIC = "humas:Activity.Corrected"
        class_version = 2
        changes: dict[str, Any]
        previous: dict[str, Any]
        reason: str
        flags: list[StoredFlag]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["flags"] = []  # corrections raised no flags before version 2

    @event(Corrected)
    def _correct(
        self,
        changes: dict[str, Any],
        previous: dict[str, Any],
        reason: str,
        flags: list[StoredFlag],
    ) -> None:
        for name, value in changes.items():
            setattr(self, name, FIELDS[name](value))
        if flags:
            self._raise_flags(flags, CORRECTION_SOURCE)

    # Lifecycle ---------------------------------------------------------------

    def mark_conducted(self) -> None:
        self._refuse_if_cancelled("marked as conducted")
        if self.status is Lifecycle.CONDUCTED:
            raise Refused("already-conducted")
        self._mark_conducted()

    @event("Conducted", topic="humas:Activity.Conducted")
    def _mark_conducted(self) -> None:
        self.status = Lifecycle.CONDUCTED

    def cancel(self, reason: str) -> None:
        self._refuse_if_cancelled("cancelled")
        if not reason.strip():
            raise InvalidValue("cancellation-needs-reason", field="reason")
        self._cancel(reason=reason)

    @event("Cancelled", topic="humas:Activity.Cancelled")
    def _cancel(self, reason: str) -> None:
        self.status = Lifecycle.CANCELLED

    def _refuse_if_cancelled(self, what: str) -> None:
        if self.status is Lifecycle.CANCELLED:
            raise Refused("activity-cancelled", id=str(self.id)[:8], what=what)
        self._refuse_if_merged(what)

    def _refuse_if_merged(self, what: str) -> None:
        if self.review is Review.MERGED:
            raise Refused(
                "activity-merged", id=str(self.id)[:8], into=str(self.merged_into)[:8], what=what
            )

    # Coverage ----------------------------------------------------------------

    def link_coverage(self, coverage_id: UUID, flags: list[StoredFlag] | None = None) -> None:
        """Another news item reports this activity: keep it, and its doubts, beside it."""
        self._refuse_if_merged("linked to coverage")
        if str(coverage_id) in self.coverage_ids:
            raise Refused("coverage-already-linked", id=str(coverage_id)[:8])
        # Every flag the item raises goes with it, so a settled one raised again reopens.
        self._link_coverage(coverage_id=str(coverage_id), flags=list(flags or []))

    @event("CoverageLinked", topic="humas:Activity.CoverageLinked")
    def _link_coverage(self, coverage_id: str, flags: list[StoredFlag]) -> None:
        self.coverage_ids.append(coverage_id)
        self._raise_flags(flags, f"coverage:{coverage_id}")

    # Review (verify, reject and settling flags: domain/model/reviewed.py) -----

    class Verified(Verification, Event):
        TOPIC = "humas:Activity.Verified"

    class Rejected(Rejection, Event):
        TOPIC = "humas:Activity.Rejected"

    class FlagResolved(FlagSettling, Event):
        TOPIC = "humas:Activity.FlagResolved"

    def _fix(
        self, fixes: dict[str, Any], reason: str, flags: list[StoredFlag] | None = None
    ) -> None:
        self.correct(fixes, reason=reason, flags=flags)

    def merge_into(self, survivor: "Activity", reason: str) -> None:
        """This record and ``survivor`` describe one activity: this one steps aside,
        pointing at the survivor, which takes over its coverage items."""
        if survivor.id == self.id:
            raise Refused("merge-into-itself")
        self._refuse_if_merged("merged")
        survivor._refuse_if_merged("merged into")
        if self.review is Review.REJECTED or survivor.review is Review.REJECTED:
            raise Refused("merge-rejected")
        if self.kind is not survivor.kind:
            raise Refused("merge-other-kind", kind=self.kind.value, other=survivor.kind.value)
        moved = [item for item in self.coverage_ids if item not in survivor.coverage_ids]
        self._merge_into(survivor_id=str(survivor.id), coverage_ids=moved, reason=reason)
        survivor._absorb(
            merged_id=str(self.id),
            coverage_ids=moved,
            flags=not_among(self.flags, survivor.flags),
            reason=reason,
        )

    @event("MergedInto", topic="humas:Activity.MergedInto")
    def _merge_into(self, survivor_id: str, coverage_ids: list[str], reason: str) -> None:
        self.review = Review.MERGED
        self.merged_into = survivor_id
        self.coverage_ids = [item for item in self.coverage_ids if item not in coverage_ids]

    @event("Absorbed", topic="humas:Activity.Absorbed")
    def _absorb(
        self, merged_id: str, coverage_ids: list[str], flags: list[StoredFlag], reason: str
    ) -> None:
        self.coverage_ids.extend(coverage_ids)
        self._raise_flags(flags, f"activity:{merged_id}")

    # Reading -----------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """The activity as plain values: what lists, reports and ``--json`` show."""
        return _summary(self)


def _summary(activity: Activity) -> dict[str, Any]:
    values = {name: stored(name, getattr(activity, name)) for name in FIELDS}
    values["occurred_on"] = activity.occurred_on.isoformat()
    values["operation_id"] = str(activity.operation_id) if activity.operation_id else None
    return {
        "id": str(activity.id),
        **values,
        "status": activity.status.value,
        "review": activity.review.value,
        "review_reason": activity.review_reason,
        "merged_into": activity.merged_into,
        "source": activity.source,
        "coverage_ids": list(activity.coverage_ids),
        "flags": list(activity.flags),
        "flag_entries": activity._flag_entries(),
        "evidence": dict(activity.evidence),
        "version": activity.version,
        "recorded_at": activity.created_on.isoformat(),
        "updated_at": activity.modified_on.isoformat(),
    }
