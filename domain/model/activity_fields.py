"""An activity's fields: what each holds, how a stored value becomes the attribute's
value, and the rules every activity's values obey (checked before any event is made)."""

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from domain.model import rules
from domain.model.errors import InvalidValue
from domain.model.values import ActivityKind, DatePrecision, Place, member_of


def text_of(value: Any) -> str | None:
    return (str(value).strip() or None) if value is not None else None


def texts_of(values: Any) -> list[str]:
    """Each text once, stripped, in order; blanks dropped. (A plain loop: this runs for
    three lists of every activity logged, twice.)"""
    kept: dict[str, None] = {}
    for value in values or ():
        if value is not None and (text := str(value).strip()):
            kept[text] = None
    return list(kept)


def _uuid(value: Any) -> UUID | None:
    return value if value is None or isinstance(value, UUID) else UUID(str(value))


def _place(value: Any) -> Place | None:
    if value is None or isinstance(value, Place):
        return value
    return Place.from_dict(value) if any(value.values()) else None


# Every field an activity has, and how a stored value becomes the attribute's value.
# Events carry plain values (text, numbers, lists, dates); these rebuild the types.
_KIND, _PRECISION = member_of(ActivityKind), member_of(DatePrecision)

FIELDS: dict[str, Callable[[Any], Any]] = {
    "kind": _KIND,
    "title": text_of,
    "occurred_on": lambda value: value,
    "occurred_at": text_of,
    "date_precision": _PRECISION,
    "place": _place,
    "organiser": text_of,
    "units": texts_of,
    "personnel": lambda value: value,
    "stakeholders": texts_of,
    "audience": text_of,
    "audience_size": lambda value: value,
    "channel": text_of,
    "messages": texts_of,
    "operation_id": _uuid,
    "notes": text_of,
    "scenario_setting": text_of,
    "scenario_steps": lambda values: [step.strip() for step in values or [] if step.strip()],
}


def _plain_place(value: Any) -> dict[str, Any] | None:
    place = _place(value)
    return place.as_dict() if place is not None else None


# The plain form of each field's value, as it goes into an event: FIELDS' conversion,
# with enums as their values and the place as a dict (one function a field, looked up
# once, instead of testing every converted value's type).
PLAIN: dict[str, Callable[[Any], Any]] = {
    **FIELDS,
    "kind": lambda value: _KIND(value).value,
    "date_precision": lambda value: _PRECISION(value).value,
    "place": _plain_place,
}


def stored(field: str, value: Any) -> Any:
    """The plain form of a value, as it goes into an event."""
    return PLAIN[field](value)


class ActivityFields:
    """The fields every activity has, set from FIELDS when it is logged; declared here
    for type checkers."""

    kind: ActivityKind
    title: str
    occurred_on: date
    occurred_at: str | None
    date_precision: DatePrecision
    place: Place | None
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


def spread_fields(state: dict[str, Any]) -> None:
    """Upcast a version-1 ``Logged`` event: its one ``fields`` dict becomes a field each."""
    fields = state.pop("fields")
    state.update({name: fields.get(name) for name in FIELDS})


def check_fields(values: dict[str, Any]) -> None:
    """The rules every activity obeys, checked before any event is made."""
    unknown = values.keys() - FIELDS.keys()
    if unknown:
        raise InvalidValue("unknown-field", field=sorted(unknown)[0], name=sorted(unknown)[0])
    if "title" in values and not text_of(values["title"]):
        raise InvalidValue("title-empty", field="title")
    if "occurred_on" in values and not isinstance(values["occurred_on"], date):
        raise InvalidValue("date-missing", field="occurred_on")
    # The value rules of every channel (domain/model/rules.py).
    if "title" in values:
        rules.check_title(values["title"])
    if values.get("occurred_on") is not None:
        rules.check_day(values["occurred_on"], "occurred_on")
    for count in ("personnel", "audience_size"):
        if values.get(count) is not None:
            rules.check_count(values[count], count)
    if values.get("occurred_at"):
        rules.check_time_of_day(values["occurred_at"])
    for name, kind, converter in (
        ("kind", ActivityKind, _KIND),
        ("date_precision", DatePrecision, _PRECISION),
    ):
        if values.get(name) is not None:
            try:
                converter(values[name])
            except ValueError:
                choices = ", ".join(member.value for member in kind)
                raise InvalidValue(
                    "not-one-of", field=name, got=repr(values[name]), choices=choices
                ) from None


def check_scenario(kind: ActivityKind, values: dict[str, Any]) -> None:
    if kind is not ActivityKind.SIMULATION:
        for name in ("scenario_setting", "scenario_steps"):
            if values.get(name):
                raise InvalidValue("scenario-only-simulation", field=name)
