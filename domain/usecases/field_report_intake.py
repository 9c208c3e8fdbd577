"""Intake of field reports: one file's activities, all or nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import NAMESPACE_URL, UUID, uuid5

from domain.model.errors import DomainError, InvalidValue, RecordsRefused
from domain.model.provenance import Recorder
from domain.model.values import Review
from domain.usecases.activities import ActivityUseCases
from domain.usecases.base import cycle_collection_paused

if TYPE_CHECKING:  # loaded when a record needs it (domain/model/topics.py)
    from domain.model.activity import Activity
    from domain.model.operation import Operation


class FieldReportIntake(ActivityUseCases):
    def import_field_reports(
        self, by: Recorder, reports: list[dict[str, Any]], dry_run: bool = False
    ) -> dict[str, list[str]]:
        """Import the activities of one file of field reports, all or nothing.

        Each report is a dict of activity values plus ``report_id`` and ``source``. The
        activity's id comes from the report id, so the same report again is already
        imported, not imported twice. When another import saved some of the same reports
        first, this one starts again and finds them already imported."""
        self._require(by, "write")
        with cycle_collection_paused():
            return self._retrying(lambda: self._import_field_reports(by, reports, dry_run))

    def _import_field_reports(
        self, by: Recorder, reports: list[dict[str, Any]], dry_run: bool
    ) -> dict[str, list[str]]:
        self.read_model.catch_up()
        ids = [field_report_activity_id(report["report_id"]) for report in reports]
        done = self.read_model.known_ids([str(activity_id) for activity_id in ids])
        field_reporter = Recorder(by.actor, "field-report")
        # A file names a handful of operations over thousands of rows: look each up once.
        operations = self._operation_ids({report.get("operation") for report in reports})
        activities, already, changed = [], [], []
        loaded_operations: dict[UUID, Operation] = {}
        problems: list[tuple[int, str | None, DomainError]] = []
        first: dict[UUID, int] = {}
        for index, (report, activity_id) in enumerate(zip(reports, ids, strict=True)):
            if str(activity_id) in done:
                already.append(report["report_id"])
                if self._sent_otherwise(activity_id, report):
                    changed.append(report["report_id"])
                continue
            earlier = first.setdefault(activity_id, index)
            if earlier != index:
                problems.append(
                    (index, "report_id", InvalidValue("same-report", record=earlier + 1))
                )
                continue
            values = {key: value for key, value in report.items() if key != "report_id"}
            operation = operations.get(values.pop("operation", None))
            if isinstance(operation, DomainError):
                problems.append((index, "operation", operation))
                continue
            values["operation_id"] = operation
            try:
                activities.append(
                    self._new_activity(
                        field_reporter,
                        id=activity_id,
                        review=Review.REPORTED,
                        operations=loaded_operations,
                        **values,
                    )
                )
            except DomainError as error:
                problems.append((index, error.field, error))
        if problems:
            raise RecordsRefused(problems)
        if not dry_run:
            self._save(*activities)
        return {
            "imported": [activity.source["report_id"] for activity in activities],
            "activity_ids": [str(activity.id) for activity in activities],
            "already_imported": already,
            "changed_since_import": changed,
        }

    def _sent_otherwise(self, activity_id: UUID, report: dict[str, Any]) -> bool:
        """The report was imported before with other content: the import keeps what came
        first (an activity changes by correction, with a reason), and says so. Reports
        imported before their content was kept cannot tell."""
        said = (report.get("source") or {}).get("content_sha256")
        stored: Activity = self.repository.get(activity_id)
        first = (stored.source or {}).get("content_sha256")
        return bool(said and first and said != first)


def field_report_activity_id(report_id: str) -> UUID:
    """The activity a field report becomes: the same report id, the same activity."""
    return uuid5(_FIELD_REPORTS, report_id)


_FIELD_REPORTS = uuid5(NAMESPACE_URL, "humas:field-report")
