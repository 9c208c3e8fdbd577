"""Activity (kegiatan): one thing the police did, kept as its own event stream."""

import re
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import InvalidValue, Refused
from domain.provenance import Provenance
from domain.values import ActivityKind, DatePrecision, Lifecycle, Place, Review

_TIME_OF_DAY = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _text(value: Any) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def _texts(values: Any) -> list[str]:
    return list(dict.fromkeys(text for text in (_text(v) for v in values or []) if text))


def _uuid(value: Any) -> UUID | None:
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


def _place(value: Any) -> Place | None:
    if value is None or isinstance(value, Place):
        return value
    return Place.from_dict(value) if any(value.values()) else None


# Every field an activity has, and how a stored value becomes the attribute's value.
# Events carry plain values (text, numbers, lists, dates); these rebuild the types.
FIELDS: dict[str, Callable[[Any], Any]] = {
    "kind": ActivityKind,
    "title": _text,
    "occurred_on": lambda value: value,
    "occurred_at": _text,
    "date_precision": DatePrecision,
    "place": _place,
    "organiser": _text,
    "units": _texts,
    "personnel": lambda value: value,
    "stakeholders": _texts,
    "audience": _text,
    "audience_size": lambda value: value,
    "channel": _text,
    "messages": _texts,
    "operation_id": _uuid,
    "notes": _text,
    "scenario_setting": _text,
    "scenario_steps": lambda values: [step.strip() for step in values or [] if step.strip()],
}


def _stored(field: str, value: Any) -> Any:
    """The plain form of a value, as it goes into an event."""
    value = FIELDS[field](value)
    if isinstance(value, Place):
        return value.as_dict()
    if isinstance(value, ActivityKind | DatePrecision):
        return value.value
    return value


def check_fields(values: dict[str, Any]) -> None:
    """The rules every activity obeys, checked before any event is made."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise InvalidValue(f"unknown field {sorted(unknown)[0]}", field=sorted(unknown)[0])
    if "title" in values and not _text(values["title"]):
        raise InvalidValue("the title must not be empty", field="title")
    if "occurred_on" in values and not isinstance(values["occurred_on"], date):
        raise InvalidValue("the date is missing", field="occurred_on")
    for count in ("personnel", "audience_size"):
        value = values.get(count)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise InvalidValue("must be a whole number, zero or more", field=count)
    time_of_day = values.get("occurred_at")
    if time_of_day and not _TIME_OF_DAY.match(time_of_day):
        raise InvalidValue(f"{time_of_day!r} is not a time of day HH:MM", field="occurred_at")
    for name, converter in (("kind", ActivityKind), ("date_precision", DatePrecision)):
        if values.get(name) is not None:
            try:
                converter(values[name])
            except ValueError:
                choices = ", ".join(member.value for member in converter)
                raise InvalidValue(
                    f"{values[name]!r} is not one of {choices}", field=name
                ) from None


class Activity(Aggregate):
    TOPIC = "humas:Activity"

    class Event(Provenance, Aggregate.Event):
        TOPIC = "humas:Activity.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "humas:Activity.Created"

    @classmethod
    def log(cls, *, status: Lifecycle, review: Review, **values: Any) -> "Activity":
        check_fields(values)
        for required in ("kind", "title", "occurred_on"):
            if values.get(required) is None:
                raise InvalidValue(f"the {required.replace('_', ' ')} is missing", field=required)
        if not values.get("organiser") and values.get("units"):
            # Officers list the organising unit first; it is the unit the activity counts for.
            values["organiser"] = values["units"][0]
        if values.get("date_precision") is None:
            values["date_precision"] = DatePrecision.DAY
        _check_scenario(ActivityKind(values["kind"]), values)
        fields = {name: _stored(name, values.get(name)) for name in FIELDS}
        return cls(fields=fields, status=status.value, review=review.value)

    @event("Logged", topic="humas:Activity.Logged")
    def __init__(self, fields: dict[str, Any], status: str, review: str) -> None:
        for name, converter in FIELDS.items():
            setattr(self, name, converter(fields.get(name)))
        self.status = Lifecycle(status)
        self.review = Review(review)

    # Corrections -------------------------------------------------------------

    def correct(self, changes: dict[str, Any], reason: str) -> None:
        """Change any fields, keeping what they were, for a stated reason."""
        self._refuse_if_cancelled("corrected")
        if not reason.strip():
            raise InvalidValue("a correction needs a reason", field="reason")
        check_fields(changes)
        if isinstance(changes.get("place"), dict) and self.place:
            # A correction of one part of the place keeps the parts not mentioned.
            given = {key: value for key, value in changes["place"].items() if value}
            changes = {**changes, "place": {**self.place.as_dict(), **given}}
        new = {name: _stored(name, value) for name, value in changes.items()}
        old = {name: _stored(name, getattr(self, name)) for name in new}
        changed = {name: value for name, value in new.items() if value != old[name]}
        if not changed:
            raise InvalidValue("nothing to correct: every value given is already recorded")
        kind = ActivityKind(changed.get("kind", self.kind))
        _check_scenario(kind, {name: getattr(self, name) for name in FIELDS} | changes)
        self._correct(
            changes=changed, previous={name: old[name] for name in changed}, reason=reason
        )

    @event("Corrected", topic="humas:Activity.Corrected")
    def _correct(self, changes: dict[str, Any], previous: dict[str, Any], reason: str) -> None:
        for name, value in changes.items():
            setattr(self, name, FIELDS[name](value))

    # Lifecycle ---------------------------------------------------------------

    def mark_conducted(self) -> None:
        self._refuse_if_cancelled("marked as conducted")
        if self.status is Lifecycle.CONDUCTED:
            raise Refused("the activity is already recorded as conducted")
        self._mark_conducted()

    @event("Conducted", topic="humas:Activity.Conducted")
    def _mark_conducted(self) -> None:
        self.status = Lifecycle.CONDUCTED

    def cancel(self, reason: str) -> None:
        self._refuse_if_cancelled("cancelled")
        if not reason.strip():
            raise InvalidValue("a cancellation needs a reason", field="reason")
        self._cancel(reason=reason)

    @event("Cancelled", topic="humas:Activity.Cancelled")
    def _cancel(self, reason: str) -> None:
        self.status = Lifecycle.CANCELLED

    def _refuse_if_cancelled(self, what: str) -> None:
        if self.status is Lifecycle.CANCELLED:
            raise Refused(f"activity {str(self.id)[:8]} was cancelled, so it cannot be {what}")

    # Reading -----------------------------------------------------------------

    def summary(self) -> dict[str, Any]:
        """The activity as plain values: what lists, reports and ``--json`` show."""
        values = {name: _stored(name, getattr(self, name)) for name in FIELDS}
        values["occurred_on"] = self.occurred_on.isoformat()
        values["operation_id"] = str(self.operation_id) if self.operation_id else None
        return {
            "id": str(self.id),
            **values,
            "status": self.status.value,
            "review": self.review.value,
            "coverage_ids": [],
            "flags": [],
            "version": self.version,
            "recorded_at": self.created_on.isoformat(),
            "updated_at": self.modified_on.isoformat(),
        }


def _check_scenario(kind: ActivityKind, values: dict[str, Any]) -> None:
    if kind is not ActivityKind.SIMULATION:
        for name in ("scenario_setting", "scenario_steps"):
            if values.get(name):
                raise InvalidValue("only a simulation has a scenario", field=name)
