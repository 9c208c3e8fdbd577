"""Snapshots that give back the aggregate they were taken of, value types and all.

The library's snapshot keeps an aggregate's attributes as they are and lets the JSON
transcoder write them. JSON has no enums, no tuples, no dataclasses: an activity's
``Lifecycle.CONDUCTED`` (a ``str`` subclass) comes back as the plain text
``"conducted"``, a ``Place`` cannot be written at all, and the aggregate restored
from such a snapshot is not the one its events give.

A typed snapshot writes each value that JSON would lose as a small tagged object
(the value's type, by topic, and its plain content) and rebuilds it on the way back.
Dates, times and UUIDs are left to the transcoder, which already round-trips them.
"""

from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.domain import Snapshot
from eventsourcing.utils import get_topic, register_topic, resolve_topic

from domain.model import values

# The key of a tagged value; an aggregate's own dict holding this key is tagged too,
# so its contents can never be mistaken for a tag.
TAG = "__humas_type__"

# The domain's value types go by a name of their own, so that a snapshot outlives the
# module they are defined in; any other type goes by the library's topic.
VALUE_TYPES: dict[type, str] = {
    kind: f"humas:{kind.__name__}"
    for kind in vars(values).values()
    if isinstance(kind, type)
    and kind.__module__ == values.__name__
    and (issubclass(kind, Enum) or is_dataclass(kind))
}
for _kind, _name in VALUE_TYPES.items():
    register_topic(_name, _kind)


def _topic(kind: type) -> str:
    return VALUE_TYPES.get(kind) or get_topic(kind)


# Values the transcoder writes and reads back unchanged.
_PLAIN = (str, int, bool, float, type(None), date, datetime, UUID)


def freeze(value: Any) -> Any:
    """``value`` in a form the JSON transcoder round-trips exactly."""
    if isinstance(value, Enum):
        return {TAG: _topic(type(value)), "value": freeze(value.value)}
    if type(value) in _PLAIN:
        return value
    if type(value) is list:
        return [freeze(item) for item in value]
    if type(value) is dict:
        if all(type(key) is str for key in value) and TAG not in value:
            return {key: freeze(item) for key, item in value.items()}
        return {TAG: "dict", "items": [[freeze(k), freeze(v)] for k, v in value.items()]}
    if type(value) is tuple:
        return {TAG: "tuple", "items": [freeze(item) for item in value]}
    if type(value) in (set, frozenset):
        return {TAG: type(value).__name__, "items": [freeze(item) for item in value]}
    if is_dataclass(value) and not isinstance(value, type):
        return {
            TAG: _topic(type(value)),
            "fields": {field.name: freeze(getattr(value, field.name)) for field in fields(value)},
        }
    raise TypeError(f"a snapshot cannot keep a {type(value).__name__}: {value!r}")


def thaw(value: Any) -> Any:
    """The value :func:`freeze` was given."""
    if type(value) is list:
        return [thaw(item) for item in value]
    if type(value) is not dict:
        return value
    tag = value.get(TAG)
    if tag is None:
        return {key: thaw(item) for key, item in value.items()}
    if tag == "dict":
        return {thaw(key): thaw(item) for key, item in value["items"]}
    if tag == "tuple":
        return tuple(thaw(item) for item in value["items"])
    if tag in ("set", "frozenset"):
        return {"set": set, "frozenset": frozenset}[tag](thaw(item) for item in value["items"])
    kind = resolve_topic(tag)
    if "fields" in value:
        return kind(**{name: thaw(item) for name, item in value["fields"].items()})
    return kind(thaw(value["value"]))


@dataclass(frozen=True)
class TypedSnapshot(Snapshot):
    """A snapshot whose state keeps its value types (see the module's note)."""

    TOPIC = "humas:Snapshot"

    @classmethod
    def take(cls, aggregate: Any) -> "TypedSnapshot":
        taken = super().take(aggregate)
        return cls(  # type: ignore[call-arg]  # the library's dataclass takes these
            originator_id=taken.originator_id,
            originator_version=taken.originator_version,
            timestamp=taken.timestamp,
            topic=taken.topic,
            state=freeze(taken.state),
        )

    def mutate(self, _: None) -> Any:
        restored = Snapshot(  # type: ignore[call-arg]
            originator_id=self.originator_id,
            originator_version=self.originator_version,
            timestamp=self.timestamp,
            topic=self.topic,
            state=thaw(self.state),
        )
        return restored.mutate(None)


register_topic(TypedSnapshot.TOPIC, TypedSnapshot)
