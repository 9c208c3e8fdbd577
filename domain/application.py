"""The use cases of humas, one method each, on top of the eventsourcing Application."""

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from domain.activity import Activity
from domain.errors import Conflict, NotFound
from domain.operation import Operation
from domain.ports import ActivityFilter, ReadModel
from domain.provenance import Recorder, recording_as
from domain.values import Lifecycle, Review

A = TypeVar("A", bound=Aggregate)

# A change that loses the race re-reads the record and applies itself again;
# past this many rounds something is wrong and a person should look.
MAX_ATTEMPTS = 20


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class HumasApplication(Application):
    """Operations and activities of a Humas unit, kept as event streams."""

    name = "humas"
    snapshotting_intervals = {Operation: 50, Activity: 50}  # noqa: RUF012

    read_model: ReadModel

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def attach(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    # Operations --------------------------------------------------------------

    def plan_operation(self, by: Recorder, **values: Any) -> Operation:
        with recording_as(by):
            operation = Operation.plan(**values)
        for ref in operation.refs():
            if self.read_model.ids_matching(ref):
                raise Conflict(f"{ref!r} already names an operation", field="alias")
        try:
            self._save(operation)
        except IntegrityError:
            raise Conflict(f"an operation with slug {operation.slug!r} exists", "slug") from None
        return operation

    def revise_operation(self, by: Recorder, ref: str, **values: Any) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.revise_period(**values))

    def add_operation_stakeholder(self, by: Recorder, ref: str, organisation: str) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.add_stakeholder(organisation))

    def add_operation_alias(self, by: Recorder, ref: str, alias: str) -> Operation:
        if self.read_model.ids_matching(alias):
            raise Conflict(f"{alias!r} already names a record", field="alias")
        return self._change(by, self.operation_id(ref), lambda op: op.add_alias(alias))

    def close_operation(self, by: Recorder, ref: str, reason: str | None = None) -> Operation:
        return self._change(by, self.operation_id(ref), lambda op: op.close(reason))

    def get_operation(self, ref: str) -> Operation:
        return self.repository.get(UUID(self.operation_id(ref)))

    def list_operations(self) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.operations()

    # Activities --------------------------------------------------------------

    def log_activity(self, by: Recorder, **values: Any) -> Activity:
        """Record what the unit did (or will do: a date after today is ``planned``).

        Takes the keywords of :meth:`_new_activity`."""
        activity = self._new_activity(by, **values)
        self._save(activity)
        return activity

    def _new_activity(
        self,
        by: Recorder,
        *,
        operation: str | None = None,
        status: Lifecycle | None = None,
        review: Review = Review.REPORTED,
        today: date | None = None,
        **values: Any,
    ) -> Activity:
        if operation:
            values["operation_id"] = UUID(self.operation_id(operation))
        if status is None:
            occurred_on = values.get("occurred_on")
            later = isinstance(occurred_on, date) and occurred_on > (today or date.today())
            status = Lifecycle.PLANNED if later else Lifecycle.CONDUCTED
        with recording_as(by):
            return Activity.log(status=status, review=review, **values)

    def log_activities(self, by: Recorder, records: list[dict[str, Any]]) -> list[Activity]:
        """Record many activities at once: every one is checked first, then all are saved
        in one transaction, so a bad record or a crash leaves none of them stored."""
        activities = [self._new_activity(by, **record) for record in records]
        self._save(*activities)
        return activities

    def correct_activity(
        self, by: Recorder, ref: str, changes: dict[str, Any], reason: str
    ) -> Activity:
        if "operation" in changes:
            operation = changes.pop("operation")
            changes["operation_id"] = UUID(self.operation_id(operation)) if operation else None
        return self._change(by, self.activity_id(ref), lambda a: a.correct(changes, reason))

    def mark_conducted(self, by: Recorder, ref: str) -> Activity:
        return self._change(by, self.activity_id(ref), lambda a: a.mark_conducted())

    def cancel_activity(self, by: Recorder, ref: str, reason: str) -> Activity:
        return self._change(by, self.activity_id(ref), lambda a: a.cancel(reason))

    def get_activity(self, ref: str) -> Activity:
        return self.repository.get(UUID(self.activity_id(ref)))

    def describe_activity(self, ref: str | Activity) -> dict[str, Any]:
        """One activity as plain values, with its operation's slug."""
        activity = ref if isinstance(ref, Activity) else self.get_activity(ref)
        return self._with_operation_slugs([activity.summary()])[0]

    def list_activities(self, where: ActivityFilter) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self._with_operation_slugs(self.read_model.activities(where))

    def _with_operation_slugs(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        slugs = {operation["id"]: operation["slug"] for operation in self.read_model.operations()}
        for row in rows:
            row["operation"] = slugs.get(row["operation_id"])
        return rows

    def units_active_before(self, day: date, operation_ref: str | None = None) -> list[str]:
        self.read_model.catch_up()
        operation_id = self.operation_id(operation_ref) if operation_ref else None
        return self.read_model.units_active_before(day, operation_id)

    # History and the store ---------------------------------------------------

    def history(self, ref: str) -> list[dict[str, Any]]:
        """Every event of one record, oldest first, as an auditor reads it."""
        record_id = UUID(self.resolve(ref)[1])
        return [describe_event(event) for event in self.events.get(record_id)]

    def store_info(self) -> dict[str, int]:
        self.read_model.catch_up()
        return self.read_model.counts()

    def rebuild_read_model(self) -> dict[str, int]:
        self.read_model.rebuild()
        return self.read_model.counts()

    # References --------------------------------------------------------------

    def resolve(self, ref: str, record_type: str | None = None) -> tuple[str, str]:
        """The (type, id) a reference means: full id, id prefix of 6+, slug or alias."""
        text = ref.strip()
        if not text:
            raise NotFound("an empty reference matches nothing", field="ref")
        self.read_model.catch_up()
        matches = self.read_model.ids_matching(text)
        if record_type:
            matches = [match for match in matches if match[0] == record_type]
        what = (record_type or "record").lower()
        if not matches:
            raise NotFound(f"no {what} matches {ref!r}", field="ref")
        if len(set(matches)) > 1:
            raise NotFound(f"{ref!r} matches {len(matches)} records; type more of the id", "ref")
        return matches[0]

    def operation_id(self, ref: str) -> str:
        return self.resolve(ref, "Operation")[1]

    def activity_id(self, ref: str) -> str:
        return self.resolve(ref, "Activity")[1]

    # Saving ------------------------------------------------------------------

    def _save(self, *aggregates: Aggregate) -> None:
        self.save(*aggregates)
        self.read_model.catch_up(fresh=aggregates)

    def _change(self, by: Recorder, record_id: str, change: Callable[[A], None]) -> A:
        """Apply a change; if another officer saved first, re-read and apply it again.

        The change itself refuses what no longer makes sense (e.g. the activity was
        cancelled meanwhile), so a retry never overrides a newer decision.
        """
        for _ in range(MAX_ATTEMPTS):
            aggregate: A = self.repository.get(UUID(record_id))
            with recording_as(by):
                change(aggregate)
            try:
                self._save(aggregate)
            except IntegrityError:
                continue
            return aggregate
        raise Conflict(f"record {record_id[:8]} kept changing under us; try again")


_BOOKKEEPING = {"originator_id", "originator_version", "timestamp", "originator_topic"}
_PROVENANCE = {"actor", "via", "reason", "previous"}


def describe_event(event: Aggregate.Event) -> dict[str, Any]:
    """One stored event as plain values: who, when, through which channel, what changed."""
    values = {
        field.name: getattr(event, field.name)
        for field in dataclass_fields(event)  # type: ignore[arg-type]
        if field.name not in _BOOKKEEPING | _PROVENANCE
    }
    if "fields" in values:  # a creation event carries every field at once
        values = {**values.pop("fields"), **values}
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
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date | UUID):
        return str(value)
    return value
