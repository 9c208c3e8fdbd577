"""The read model's event handlers: each event type turns into changes of one row.

A row is the record as lists and reports show it (the aggregate's ``summary()``), kept
as a plain dict. A creation event makes the row; every later event changes it in place.
Handlers take the event's state decoded straight from its JSON (dates and times as ISO
text, UUIDs as text), so the projection neither rebuilds aggregates nor reads back what
it wrote: that is what lets catch-up and ``store rebuild`` run near the speed of
reading the events (bench/read_side.py).

A test (tests/core/test_read_model.py) checks every row against the aggregate's own
``summary()`` after random commands, and that every event type has a handler here.
"""

import json
from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import orjson

from domain.flags import CORRECTION_SOURCE, not_among, raised, settled, source_label
from domain.model.activity_fields import FIELDS as ACTIVITY_FIELDS
from domain.model.values import Place

Row = dict[str, Any]
Handler = Callable[[Row, dict[str, Any]], None]

# Which table a record type's rows go to.
TABLE_OF = {
    "Operation": "humas_operations",
    "Activity": "humas_activities",
    "CoverageItem": "humas_coverage",
    "Incident": "humas_incidents",
}


def _unwrap(value: dict[str, Any]) -> Any:
    """The JSON transcoder writes dates, times and UUIDs as {"_type_", "_data_"}."""
    kind = value.get("_type_")
    if kind is None:
        return value
    data = value["_data_"]
    if kind == "uuid_hex":  # the canonical text of a UUID, without making one
        return f"{data[:8]}-{data[8:12]}-{data[12:16]}-{data[16:20]}-{data[20:]}"
    return data  # date_iso, datetime_iso, decimal_str: their text is what rows show


decode_json = json.JSONDecoder(object_hook=_unwrap).decode


def _loads(text: bytes) -> Any:
    # orjson decodes several times faster than json; json takes what it refuses (text
    # holding a lone surrogate), as the library's transcoder wrote it.
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def decode_state(topic: str, data: bytes) -> dict[str, Any]:
    """An event's stored JSON as plain values. An activity's events hold typed values
    only at the top, in ``fields`` and in ``changes``: those are unwrapped where they
    are, sparing the decoder a call for every object (the bulk of a rebuild's work). A
    Logged event's only typed values are its time, day and operation (version 1 kept its
    fields in one dict, version 2 declares them)."""
    if not topic.startswith("humas:Activity."):
        state: dict[str, Any] = decode_json(data.decode())
        return state
    state = _loads(data)
    if topic == "humas:Activity.Logged":  # unwrapped in place: a rebuild's hot path
        state["timestamp"] = state["timestamp"]["_data_"]
        fields = state.get("fields")
        held = fields if type(fields) is dict else state
        day = held.get("occurred_on")
        if type(day) is dict:
            held["occurred_on"] = day["_data_"]
        operation = held.get("operation_id")
        if type(operation) is dict:
            held["operation_id"] = _unwrap(operation)
        return state
    _unwrap_values(state)
    changes = state.get("changes")
    if type(changes) is dict:
        _unwrap_values(changes)
    return state


def _unwrap_values(values: dict[str, Any]) -> None:
    for key, value in values.items():
        if type(value) is dict and "_type_" in value:
            values[key] = _unwrap(value)


def _stamp(row: Row, state: dict[str, Any], version: int) -> None:
    row["version"] = version
    if "updated_at" in row:
        row["updated_at"] = state["timestamp"]


# Activities -------------------------------------------------------------------


def activity_logged(oid: str, version: int, state: dict[str, Any]) -> Row:
    # A typed event declares each field; the older one holds them in ``fields``.
    fields = state.get("fields") or state
    row = {"id": oid, **{name: fields.get(name) for name in ACTIVITY_FIELDS}}
    row.update(
        status=state["status"],
        review=state["review"],
        review_reason=None,
        merged_into=None,
        source=state.get("source") or {},
        coverage_ids=list(state.get("coverage_ids") or []),
        flags=list(state.get("flags") or []),
        flag_entries=raised([], state.get("flags") or [], source_label(state.get("source"))),
        evidence=dict(state.get("evidence") or {}),
        version=version,
        recorded_at=state["timestamp"],
        updated_at=state["timestamp"],
    )
    return row


# The columns of an activity's row, in the read model's order: what lists and reports
# filter on, then SHOWN_COLUMNS.
ACTIVITY_COLUMNS = (
    "kind", "occurred_on", "status", "review", "operation_id", "organiser", "recorded_at",
    "title", "audience_size", "personnel",
)  # fmt: skip
# The title and the figures a report prints of an activity, kept as plain values beside
# its document and read from there (over the document), so that what a report prints
# stands in the read model as it is: an auditor reads it there, and `audit verify`
# compares it with what the events give. With a key they are None (the document,
# encrypted, holds them).
SHOWN_COLUMNS = ("title", "audience_size", "personnel")


def activity_logged_columns(oid: str, state: dict[str, Any]) -> tuple[Any, ...]:
    """The id and ``ACTIVITY_COLUMNS`` of the row ``activity_logged`` makes, without
    making it (a rebuild's rows keep the event as their document: read_model._docs)."""
    fields = state.get("fields") or state
    return (
        oid,
        fields.get("kind"),
        fields.get("occurred_on"),
        state["status"],
        state["review"],
        fields.get("operation_id"),
        fields.get("organiser"),
        state["timestamp"],
        *map(fields.get, SHOWN_COLUMNS),
    )


def _corrected(row: Row, state: dict[str, Any]) -> None:
    row.update(state["changes"])
    flags = state.get("flags") or []  # version 1 raised none
    if flags:
        _raise_flags(row, flags, CORRECTION_SOURCE)


def _status(value: str) -> Handler:
    def handle(row: Row, state: dict[str, Any]) -> None:
        row["status"] = value

    return handle


def _review(value: str) -> Handler:
    def handle(row: Row, state: dict[str, Any]) -> None:
        row["review"] = value
        if value == "rejected":
            row["review_reason"] = state.get("reason")

    return handle


def _activity_coverage_linked(row: Row, state: dict[str, Any]) -> None:
    row["coverage_ids"].append(state["coverage_id"])
    _raise_flags(row, state.get("flags") or [], f"coverage:{state['coverage_id']}")


def _raise_flags(row: Row, flags: list[Any], source: str) -> None:
    """As the record does (``Reviewed._raise_flags``): each flag once, its entry naming
    the source."""
    row["flags"].extend(not_among(flags, row["flags"]))
    row["flag_entries"] = raised(_entries(row), flags, source)


def _entries(row: Row) -> list[dict[str, Any]]:
    # A row written before flags could be settled has the flags only.
    return row.get("flag_entries") or raised([], row.get("flags") or [], None)


def _flag_resolved(row: Row, state: dict[str, Any]) -> None:
    row["flag_entries"] = settled(
        _entries(row), state["code"], state["by"], state["reason"], state["at"]
    )


def _merged_into(row: Row, state: dict[str, Any]) -> None:
    moved = set(state["coverage_ids"])
    row["review"] = "merged"
    row["merged_into"] = state["survivor_id"]
    row["coverage_ids"] = [item for item in row["coverage_ids"] if item not in moved]


def _absorbed(row: Row, state: dict[str, Any]) -> None:
    row["coverage_ids"].extend(state["coverage_ids"])
    _raise_flags(row, state["flags"], f"activity:{state['merged_id']}")


# Operations: their summary has rules (the period's length, a duration conflict), so the
# row is made by the domain's own ``summary()`` of an operation holding the row's values.


def operation_row(oid: str, version: int, values: dict[str, Any]) -> Row:
    from domain.model.operation import Operation  # loaded with the first operation

    operation = object.__new__(Operation)
    operation.__dict__.update(
        _id=UUID(oid),
        _version=version,
        slug=values["slug"],
        name=values["name"],
        start=date.fromisoformat(values["start"]),
        end=date.fromisoformat(values["end"]),
        stated_days=values.get("stated_days"),
        objective=values.get("objective"),
        lead_unit=values.get("lead_unit"),
        stakeholders=list(values.get("stakeholders") or []),
        aliases=list(values.get("aliases") or []),
        closed=values.get("status") == "closed",
        flag_resolutions=list(values.get("flag_resolutions") or []),
    )
    row = operation.summary()
    row["refs"] = operation.refs()  # kept for humas_refs, not shown
    return row


def operation_planned(oid: str, version: int, state: dict[str, Any]) -> Row:
    return operation_row(oid, version, state)


def _operation_change(change: Callable[[Row, dict[str, Any]], None]) -> Handler:
    def handle(row: Row, state: dict[str, Any]) -> None:
        change(row, state)
        row.update(operation_row(row["id"], row["version"], row))

    return handle


def _period_revised(row: Row, state: dict[str, Any]) -> None:
    row.update(start=state["start"], end=state["end"], stated_days=state["stated_days"])


def _stakeholder_added(row: Row, state: dict[str, Any]) -> None:
    row["stakeholders"].append(state["organisation"])


def _alias_added(row: Row, state: dict[str, Any]) -> None:
    row["aliases"].append(state["alias"])


def _closed(row: Row, state: dict[str, Any]) -> None:
    row["status"] = "closed"


def _operation_flag_resolved(row: Row, state: dict[str, Any]) -> None:
    resolved = {"by": state["by"], "reason": state["reason"], "at": state["at"]}
    row["flag_resolutions"] = [
        *row.get("flag_resolutions", []),
        {"flag": state["flag"], "resolved": resolved},
    ]


# Coverage items and incidents --------------------------------------------------


def coverage_received(oid: str, version: int, state: dict[str, Any]) -> Row:
    facts = state.get("facts") or {}
    return {
        "id": oid,
        "source": state["source"],
        "url": state.get("url"),
        "content_hash": state["content_hash"],
        **{key: value for key, value in facts.items() if key not in ("source", "url")},
        "record_type": None,
        "record_id": None,
        "link": None,
        "version": version,
        "recorded_at": state["timestamp"],
    }


def _coverage_linked(row: Row, state: dict[str, Any]) -> None:
    row.update(record_type=state["record_type"], record_id=state["record_id"], link=state["how"])


def _coverage_moved(row: Row, state: dict[str, Any]) -> None:
    row["record_id"] = state["to_id"]


def incident_recorded(oid: str, version: int, state: dict[str, Any]) -> Row:
    return {
        "id": oid,
        "title": state["title"],
        "occurred_on": state["occurred_on"],
        "date_precision": state["date_precision"],
        "place": Place.from_dict(state.get("place") or {}).as_dict(),
        "what_happened": state.get("what_happened"),
        "actors": list(state.get("actors") or []),
        "police_intervened": state.get("police_intervened"),
        "operation_id": state.get("operation_id"),
        "coverage_ids": list(state.get("coverage_ids") or []),
        "flags": list(state.get("flags") or []),
        "flag_entries": raised([], state.get("flags") or [], source_label(state.get("source"))),
        "review": state["review"],
        "review_reason": None,
        "source": dict(state.get("source") or {}),
        "version": version,
        "recorded_at": state["timestamp"],
    }


def _incident_coverage_linked(row: Row, state: dict[str, Any]) -> None:
    row["coverage_ids"].append(state["coverage_id"])


# The handlers, by event topic ---------------------------------------------------

CREATORS: dict[str, Callable[[str, int, dict[str, Any]], Row]] = {
    "humas:Activity.Logged": activity_logged,
    "humas:Operation.Planned": operation_planned,
    "humas:CoverageItem.Received": coverage_received,
    "humas:Incident.Recorded": incident_recorded,
}

CHANGERS: dict[str, Handler] = {
    "humas:Activity.Corrected": _corrected,
    "humas:Activity.Conducted": _status("conducted"),
    "humas:Activity.Cancelled": _status("cancelled"),
    "humas:Activity.CoverageLinked": _activity_coverage_linked,
    "humas:Activity.Verified": _review("verified"),
    "humas:Activity.Rejected": _review("rejected"),
    "humas:Activity.MergedInto": _merged_into,
    "humas:Activity.Absorbed": _absorbed,
    "humas:Activity.FlagResolved": _flag_resolved,
    "humas:Operation.FlagResolved": _operation_change(_operation_flag_resolved),
    "humas:Incident.FlagResolved": _flag_resolved,
    "humas:Operation.PeriodRevised": _operation_change(_period_revised),
    "humas:Operation.StakeholderAdded": _operation_change(_stakeholder_added),
    "humas:Operation.AliasAdded": _operation_change(_alias_added),
    "humas:Operation.Closed": _operation_change(_closed),
    "humas:CoverageItem.Linked": _coverage_linked,
    "humas:CoverageItem.Moved": _coverage_moved,
    "humas:Incident.CoverageLinked": _incident_coverage_linked,
    "humas:Incident.Verified": _review("verified"),
    "humas:Incident.Rejected": _review("rejected"),
}


def record_type_of(topic: str) -> str:
    """``humas:Activity.Logged`` -> ``Activity``."""
    return topic.partition(":")[2].partition(".")[0]


def apply(row: Row | None, oid: str, version: int, topic: str, state: dict[str, Any]) -> Row:
    """The row after this event; ``row`` is the row before it (None before creation)."""
    creator = CREATORS.get(topic)
    if creator is not None:
        return creator(oid, version, state)
    if row is None:
        raise LookupError(f"no row for {record_type_of(topic)} {oid[:8]} before {topic}")
    CHANGERS[topic](row, state)
    _stamp(row, state, version)
    return row


def handles(topic: str) -> bool:
    return topic in CREATORS or topic in CHANGERS
