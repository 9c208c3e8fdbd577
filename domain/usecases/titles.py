"""Naming records in the event log: each record's type and its title as of an event,
read from the events themselves (never from the read model)."""

from typing import Any
from uuid import UUID

from domain.usecases.base import HumasCore
from domain.usecases.records import describe_event


class Titles:
    """The title of each record as of each event: an operation's name, an activity's or
    incident's title, a news item's headline, read from the events themselves."""

    def __init__(self, app: HumasCore, lookup: bool = True, remember: bool = True) -> None:
        """``lookup``: read a record's earlier events for its title when the event has
        none; ``remember``: keep titles seen (an export keeps nothing, for flat memory)."""
        self.app = app
        self.lookup = lookup
        self.remember = remember
        self.known: dict[UUID, str | None] = {}

    def of_event(
        self, stream: UUID, version: int, record_type: str, described: dict[str, Any]
    ) -> str | None:
        if record_type == "Seal":
            number = described["changes"].get("number")
            return f"seal #{number}" if number else "seals"
        if record_type == "Roster":
            return "roster"
        here = title_in(described)
        if here and self.remember:
            self.known[stream] = here
        elif stream not in self.known and self.lookup:
            self.known[stream] = self._before(stream, version)
        return here or self.known.get(stream)

    def of_stream(self, stream: UUID) -> tuple[str | None, str | None]:
        """A record's type and latest readable title, for naming it in a check."""
        return self._read(stream, None)

    def _before(self, stream: UUID, version: int) -> str | None:
        return self._read(stream, version - 1)[1]

    def _read(self, stream: UUID, last: int | None) -> tuple[str | None, str | None]:
        """The type and the latest title of a record's events up to version ``last``
        (all of them when None); damaged events are passed over."""
        record_type, title = None, None
        try:
            for stored in self.app.event_log.events_of(stream, lte=last):
                record_type = record_type_of(stored.topic)
                try:
                    event: Any = self.app.event_log.decode(stored)
                    title = title_in(describe_event(event)) or title
                except Exception:
                    continue
        except Exception:
            pass
        return record_type, title


def title_in(described: dict[str, Any]) -> str | None:
    changes = described.get("changes") or {}
    for key in ("title", "name"):
        value = changes.get(key)
        if isinstance(value, dict):
            value = value.get("to")
        if isinstance(value, str) and value:
            return value
    facts = changes.get("facts")
    if isinstance(facts, dict) and isinstance(facts.get("title"), str):
        return str(facts["title"])
    return None


def record_type_of(topic: str) -> str:
    """``humas:Activity.Corrected`` is an event of an Activity ("" for a topic that is
    no text: a row changed by hand, which `audit verify` names)."""
    if not isinstance(topic, str):
        return ""
    return topic.partition(":")[2].partition(".")[0] or topic


def uuid_of(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


def stream_of(value: object) -> UUID | None:
    """A stored record's id, or None when a hand left something else in its column."""
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
