"""Review: what waits for a supervisor, and the supervisor's decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.model.activity import Activity
from domain.model.errors import InvalidValue, NotFound
from domain.model.provenance import Recorder, recording_as
from domain.model.values import AWAITING_REVIEW
from domain.ports import ActivityFilter
from domain.usecases.activities import ActivityUseCases

if TYPE_CHECKING:  # loaded with the records that need them (domain/model/topics.py)
    from domain.model.coverage import CoverageItem
    from domain.model.incident import Incident


class ReviewUseCases(ActivityUseCases):
    def review_queue(
        self, status: str | None = None, operation: str | None = None
    ) -> list[dict[str, Any]]:
        """What waits for a supervisor, oldest first, with where each came from."""
        if status and status not in AWAITING_REVIEW:
            waiting = ", ".join(AWAITING_REVIEW)
            raise InvalidValue("not-awaiting-review", "status", got=repr(status), waiting=waiting)
        self.read_model.catch_up()
        operation_id = self.operation_id(operation, "operation") if operation else None
        statuses = [status] if status else list(AWAITING_REVIEW)
        rows = [
            {**row, "record_type": "Activity"}
            for wanted in statuses
            for row in self.read_model.activities(ActivityFilter(operation_id, status=wanted))
            if row["review"] == wanted
        ]
        rows += [
            {**row, "record_type": "Incident", "kind": "incident"}
            for row in self.read_model.incidents()
            if row["review"] in statuses
            and (operation_id is None or row["operation_id"] == operation_id)
        ]
        return self._with_operation_slugs(
            sorted(rows, key=lambda row: (row["recorded_at"], row["id"]))
        )

    def accept(
        self,
        by: Recorder,
        ref: str,
        fixes: dict[str, Any] | None = None,
        reason: str | None = None,
    ) -> Activity | Incident:
        """Verify a record, fixing fields in the same step; ``reason`` is kept with the
        verification (and is the fixes' reason)."""
        record_type, record_id = self._reviewable(ref)
        if record_type != "Activity":
            return self._change(by, record_id, lambda r: r.verify(fixes, reason), action="review")
        fixes = self._with_operation_id(dict(fixes or {}))

        def verify(activity: Activity) -> None:
            activity.verify(fixes, reason, self._flags_of_correction(activity, fixes))

        return self._change(by, record_id, verify, action="review")

    def reject(self, by: Recorder, ref: str, reason: str) -> Activity | Incident:
        _, record_id = self._reviewable(ref)
        return self._change(by, record_id, lambda r: r.reject(reason), action="review")

    def _reviewable(self, ref: str) -> tuple[str, str]:
        record_type, record_id = self.resolve(ref)
        if record_type not in ("Activity", "Incident"):
            raise NotFound("not-activity-or-incident", field="ref", ref=repr(ref))
        return record_type, record_id

    def merge(self, by: Recorder, ref: str, into: str, reason: str | None = None) -> Activity:
        """Two records of one activity become one: ``ref`` stays in history, pointing at
        ``into``, which takes its coverage items (each moved by an event)."""
        self._require(by, "review")
        merged_id, survivor_id = self.activity_id(ref), self.activity_id(into)
        why = reason or f"merged into {survivor_id[:8]} on review"

        def merge() -> Activity:
            merged: Activity = self.repository.get(UUID(merged_id))
            survivor: Activity = self.repository.get(UUID(survivor_id))
            moving = [item for item in merged.coverage_ids if item not in survivor.coverage_ids]
            items: list[CoverageItem] = [self.repository.get(UUID(item)) for item in moving]
            with recording_as(by):
                merged.merge_into(survivor, why)
                for item in items:
                    item.move_to(survivor.id, why)
            self._save(merged, survivor, *items)
            return survivor

        return self._retrying(merge)
