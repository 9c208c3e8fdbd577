"""Any record's history, and what the store holds."""

from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.model.errors import StoreReadOnly
from domain.model.provenance import Recorder
from domain.usecases.roster import RosterUseCases


class RecordUseCases(RosterUseCases):
    def history(self, ref: str) -> list[dict[str, Any]]:
        """Every event of one record, oldest first, as an auditor reads it."""
        record_id = UUID(self.resolve(ref)[1])
        return [describe_event(event) for event in self.events.get(record_id)]  # type: ignore[arg-type]  # stored events are Aggregate.Events

    def store_info(self) -> dict[str, int]:
        """How much the store holds, and how many people are on its roster (none: every
        actor may write)."""
        self.read_model.catch_up()
        return {**self.read_model.counts(), "roster": len(self.roster())}

    def rebuild_read_model(self, by: Recorder) -> dict[str, int]:
        """Remake the read model's tables from the events alone: a write, so not for an
        auditor, nor on a store opened read-only."""
        if self.read_only:
            raise StoreReadOnly("rebuild-read-only")
        self._require(by, "rebuild")
        self.read_model.rebuild()
        return self.read_model.counts()


_BOOKKEEPING = {"originator_id", "originator_version", "timestamp", "originator_topic"}


_PROVENANCE = {"actor", "via", "reason", "previous", "source"}


def describe_event(event: Aggregate.Event) -> dict[str, Any]:
    """One stored event as plain values: who, when, through which channel, what changed."""
    values = {
        field.name: getattr(event, field.name)
        for field in dataclass_fields(event)  # type: ignore[arg-type]
        if field.name not in _BOOKKEEPING | _PROVENANCE
    }
    if "changes" in values:
        previous = getattr(event, "previous", {})
        values = {
            name: {"from": previous.get(name), "to": new} for name, new in values["changes"].items()
        }
    return {
        "version": event.originator_version,
        "type": type(event).__name__,
        "recorded_at": event.timestamp.isoformat(),
        "actor": getattr(event, "actor", None),
        "channel": getattr(event, "via", None),
        "changes": _plain(values),
        "reason": getattr(event, "reason", None),
        # where a record came from: a field report, a news item (None: typed by the actor)
        "source": _plain(getattr(event, "source", None)) or None,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date | UUID):
        return str(value)
    return value
