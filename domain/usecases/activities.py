"""Activities (kegiatan): log, correct, conduct, cancel, list, describe."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.flags import StoredFlag
from domain.model.activity import Activity
from domain.model.policies import PREPARATION_CATEGORIES, lifecycle_on
from domain.model.provenance import Recorder, recording_as
from domain.model.values import Lifecycle, Review
from domain.ports import ActivityFilter
from domain.usecases.base import cycle_collection_paused
from domain.usecases.operations import OperationUseCases

if TYPE_CHECKING:
    from domain.model.coverage import CoverageItem
    from domain.model.incident import Incident
    from domain.model.operation import Operation


class ActivityUseCases(OperationUseCases):
    def log_activity(self, by: Recorder, **values: Any) -> Activity:
        """Record what the unit did (or will do: a date after today is ``planned``).

        Takes the keywords of :meth:`_new_activity`."""
        with self._required_at_save(by, "write"):
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
        operations: dict[UUID, Operation] | None = None,
        **values: Any,
    ) -> Activity:
        """A new activity, checked. ``operations`` caches the operations a batch names."""
        if operation:
            values["operation_id"] = UUID(self.operation_id(operation, "operation"))
        occurred_on = values.get("occurred_on")
        day = occurred_on if isinstance(occurred_on, date) else None
        if status is None:
            status = lifecycle_on(day, today or self.clock())
        flags = list(values.pop("flags", None) or [])
        flag = self._window_flag(values.get("operation_id"), day, values.get("kind"), operations)
        if flag:
            flags.append(flag)
        with recording_as(by):
            return Activity.log(status=status, review=review, flags=flags, **values)

    def _window_flag(
        self,
        operation_id: object,
        day: date | None,
        kind: object,
        operations: dict[UUID, Operation] | None = None,
    ) -> StoredFlag | None:
        """The same operation-window rule as for the news (Operation.window_flag): an
        officer's word keeps the link, but the doubt is shown to the supervisor."""
        if not operation_id or day is None:
            return None
        operation_id = UUID(str(operation_id))
        cache = operations if operations is not None else {}
        if operation_id not in cache:
            cache[operation_id] = self.repository.get(operation_id)
        preparation = str(getattr(kind, "value", kind)) in PREPARATION_CATEGORIES
        return cache[operation_id].window_flag(day, preparation)

    def _flags_of_correction(self, activity: Activity, changes: dict[str, Any]) -> list[StoredFlag]:
        """The window flag an activity gets when a correction moves its day, kind or
        operation: the rule of a new record, checked again on the new values."""
        if not changes.keys() & {"occurred_on", "kind", "operation_id"}:
            return []
        day = changes.get("occurred_on", activity.occurred_on)
        flag = self._window_flag(
            changes.get("operation_id", activity.operation_id),
            day if isinstance(day, date) else None,
            changes.get("kind", activity.kind),
        )
        return [flag] if flag else []

    def log_activities(self, by: Recorder, records: list[dict[str, Any]]) -> list[Activity]:
        """Record many activities at once: every one is checked first, then all are saved
        in one transaction, so a bad record or a crash leaves none of them stored."""
        today = self.clock()
        operations: dict[UUID, Operation] = {}  # the batch's operations, each read once
        with self._required_at_save(by, "write"), cycle_collection_paused():
            activities = [
                self._new_activity(by, today=today, operations=operations, **record)
                for record in records
            ]
            self._save(*activities)
        return activities

    def correct_activity(
        self, by: Recorder, ref: str, changes: dict[str, Any], reason: str
    ) -> Activity:
        changes = self._with_operation_id(changes)

        def correct(activity: Activity) -> None:
            activity.correct(changes, reason, self._flags_of_correction(activity, changes))

        return self._change(by, self.activity_id(ref), correct)

    def _with_operation_id(self, changes: dict[str, Any]) -> dict[str, Any]:
        if "operation" in changes:
            operation = changes.pop("operation")
            changes["operation_id"] = (
                UUID(self.operation_id(operation, "operation")) if operation else None
            )
        return changes

    def mark_conducted(self, by: Recorder, ref: str) -> Activity:
        return self._change(by, self.activity_id(ref), lambda a: a.mark_conducted())

    def cancel_activity(self, by: Recorder, ref: str, reason: str) -> Activity:
        return self._change(by, self.activity_id(ref), lambda a: a.cancel(reason))

    def get_activity(self, ref: str) -> Activity:
        return self.repository.get(UUID(self.activity_id(ref)))

    def describe_activity(self, ref: str | Activity) -> dict[str, Any]:
        """One activity as plain values, with its operation's slug."""
        activity = ref if isinstance(ref, Activity) else self.get_activity(ref)
        summary = self._with_operation_slugs([activity.summary()])[0]
        summary["coverage"] = [
            {key: item.get(key) for key in _COVERAGE_BRIEF}
            for item in self.read_model.coverage(record_id=str(activity.id))
        ]
        return summary

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
        operation_id = self.operation_id(operation_ref, "operation") if operation_ref else None
        return self.read_model.units_active_before(day, operation_id)

    def list_incidents(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.incidents(date_from=date_from, date_to=date_to)

    def describe_incident(self, ref: str) -> dict[str, Any]:
        """One incident as plain values, with its operation's slug and its news items."""
        _, record_id = self.resolve(ref, "Incident")
        incident: Incident = self.repository.get(UUID(record_id))
        summary = incident.summary()
        slugs = {row["id"]: row["slug"] for row in self.read_model.operations()}
        summary["operation"] = slugs.get(summary.get("operation_id") or "")
        summary["coverage"] = self.read_model.coverage(record_id=record_id)
        return summary

    def coverage_of(self, record_id: str) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.coverage(record_id=record_id)

    def list_coverage(
        self,
        date_from: date | None = None,
        date_to: date | None = None,
        outlet: str | None = None,
        category: str | None = None,
    ) -> list[dict[str, Any]]:
        """Coverage items published (else dated) in a period, of one outlet (case does not
        matter) and one category when given."""
        self.read_model.catch_up()
        rows = self.read_model.coverage(date_from=date_from, date_to=date_to)
        if outlet:
            rows = [r for r in rows if (r.get("outlet") or "").casefold() == outlet.casefold()]
        if category:
            rows = [r for r in rows if r.get("category") == category]
        return rows

    def describe_coverage(self, ref: str) -> dict[str, Any]:
        """One coverage item as stored: its facts, flags, evidence and cleaned body."""
        _, found = self.resolve(ref, "CoverageItem")
        item: CoverageItem = self.repository.get(UUID(found))
        return dict(item.summary())


# What ``activity show`` tells of each news item behind an activity.
_COVERAGE_BRIEF = ("id", "outlet", "title", "url", "source", "published_on", "link", "flags")
