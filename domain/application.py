"""The use cases of humas, one method each, on top of the eventsourcing Application."""

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding

from domain.activity import Activity
from domain.audit import AuditUseCases
from domain.coverage import (
    PREPARATION_CATEGORIES,
    CoverageItem,
    NewsItem,
    activity_values,
    coverage_id,
    place_of,
    reports_same_activity,
)
from domain.errors import (
    Conflict,
    DomainError,
    InvalidValue,
    NotFound,
    RecordsRefused,
    Refused,
)
from domain.incident import Incident
from domain.operation import PREPARATION_DAYS, Operation, slugify
from domain.ports import ActivityFilter, ReadModel
from domain.provenance import Recorder, recording_as
from domain.roster import ROSTER_ID, Roster
from domain.seal import Seal
from domain.values import AWAITING_REVIEW, Lifecycle, Review

A = TypeVar("A", bound=Aggregate)
T = TypeVar("T")

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


class HumasApplication(AuditUseCases, Application):
    """Operations and activities of a Humas unit, kept as event streams."""

    name = "humas"
    # A seal's snapshot saves reading every earlier seal's record list.
    snapshotting_intervals = {Operation: 50, Activity: 50, Roster: 50, Seal: 1}  # noqa: RUF012

    read_model: ReadModel
    _cached_roster: Roster | None = None

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def attach(self, read_model: ReadModel) -> None:
        self.read_model = read_model

    # Operations --------------------------------------------------------------

    def plan_operation(self, by: Recorder, **values: Any) -> Operation:
        self._require(by, "write")
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
        self._require(by, "write")
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
            try:
                values["operation_id"] = UUID(self.operation_id(operation))
            except NotFound as error:
                raise NotFound(error.message, field="operation") from None
        if status is None:
            occurred_on = values.get("occurred_on")
            later = isinstance(occurred_on, date) and occurred_on > (today or date.today())
            status = Lifecycle.PLANNED if later else Lifecycle.CONDUCTED
        with recording_as(by):
            return Activity.log(status=status, review=review, **values)

    def log_activities(self, by: Recorder, records: list[dict[str, Any]]) -> list[Activity]:
        """Record many activities at once: every one is checked first, then all are saved
        in one transaction, so a bad record or a crash leaves none of them stored."""
        self._require(by, "write")
        activities = [self._new_activity(by, **record) for record in records]
        self._save(*activities)
        return activities

    def correct_activity(
        self, by: Recorder, ref: str, changes: dict[str, Any], reason: str
    ) -> Activity:
        changes = self._with_operation_id(changes)
        return self._change(by, self.activity_id(ref), lambda a: a.correct(changes, reason))

    def _with_operation_id(self, changes: dict[str, Any]) -> dict[str, Any]:
        if "operation" in changes:
            operation = changes.pop("operation")
            changes["operation_id"] = UUID(self.operation_id(operation)) if operation else None
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
        operation_id = self.operation_id(operation_ref) if operation_ref else None
        return self.read_model.units_active_before(day, operation_id)

    # News --------------------------------------------------------------------

    def ingest_news(
        self, by: Recorder, item: NewsItem, operation: str | None = None, dry_run: bool = False
    ) -> dict[str, Any]:
        """Keep a news item as a coverage item and link it to what it reports.

        A new activity (or incident) is proposed for a person to review, unless one
        already recorded is the same thing (same kind and day, same unit or place): then
        the item is linked to it. The same text or address again is a duplicate.
        """
        self._require(by, "write")
        return self._retrying(lambda: self._ingest_news(by, item, operation, dry_run))

    def _ingest_news(
        self, by: Recorder, item: NewsItem, operation_ref: str | None, dry_run: bool
    ) -> dict[str, Any]:
        # Checked on every attempt: a concurrent ingest of the same item is a duplicate.
        self.read_model.catch_up()
        known = self.read_model.coverage_matching(item.content_hash, item.url)
        if known:
            return {
                "outcome": "duplicate",
                "coverage_id": known["id"],
                "duplicate_of": known["id"],
                "record_type": known["record_type"],  # what the earlier copy reports
                "record_id": known["record_id"],
            }
        facts = dict(item.facts)
        flags = list(facts.get("flags") or [])
        operation = self._operation_of(item, operation_ref, flags)
        with recording_as(Recorder(by.actor, "news")):
            # The record first, so the item keeps every flag (figures the store disagrees with).
            reported = self._record_reported_by(
                item, coverage_id(item.content_hash), operation, flags
            )
            facts["flags"] = flags
            coverage = CoverageItem.receive(replace(item, facts=facts))
            record, how = reported or (None, None)
            if reported:
                coverage.link_to(type(reported[0]).__name__, reported[0].id, reported[1])
        outcome = {
            "outcome": "linked" if how == "matched" else "ingested",
            "coverage_id": str(coverage.id),
            "record_type": type(record).__name__ if record else None,
            "record_id": str(record.id) if record else None,
            "operation": operation.slug if operation else None,
            "flags": flags,
        }
        if not dry_run:
            self._save(*([coverage, record] if record else [coverage]))
        return outcome

    def _operation_of(self, item: NewsItem, ref: str | None, flags: list[str]) -> Operation | None:
        """The stored operation the item belongs to: the one named on the command line,
        else the one the article names. An item after the operation's end, or before its
        start (beyond a preparation drill or parade, see PREPARATION_DAYS), is not."""
        if ref:
            operation = self.get_operation(ref)
        else:
            named = item.facts.get("operation") or {}
            found = self._operation_ids({name for name in named.values() if name})
            matches = [value for value in found.values() if isinstance(value, UUID)]
            if not matches:
                return None
            operation = self.repository.get(matches[0])
        day = item.occurred_on
        lead = operation.days_before_start(day) if day else 0
        preparation = item.facts.get("category") in PREPARATION_CATEGORIES
        if lead and lead <= PREPARATION_DAYS and preparation:
            if not any(flag.startswith("before-operation-start") for flag in flags):
                flags.append(
                    f"before-operation-start: {day} is {lead} days before {operation.slug} "
                    f"starts ({operation.start.isoformat()})"
                )
        elif day and not operation.start <= day <= operation.end:
            flags.append(
                f"outside-operation: {day.isoformat()} is outside {operation.slug} "
                f"({operation.start.isoformat()} to {operation.end.isoformat()})"
            )
            return None
        stated = item.stated_days
        if stated and operation.stated_days and stated != operation.stated_days:
            flags.append(
                f"store-conflict: the item says {stated} days, the store holds "
                f"{operation.stated_days} for {operation.slug}"
            )
        return operation

    def _record_reported_by(
        self,
        item: NewsItem,
        coverage: UUID,
        operation: Operation | None,
        flags: list[str],
    ) -> tuple[Activity | Incident, str] | None:
        """The record the item reports and how: ``created`` or ``matched``; None when it
        reports nothing the unit tracks, or has no date to place it."""
        category = item.facts.get("category")
        day = item.occurred_on
        if category == "unrelated" or day is None:
            return None
        operation_id = operation.id if operation else None
        if category == "incident":
            return self._incident_reported_by(item, day, coverage, operation_id, flags)
        values = activity_values(item)
        same_day = self.read_model.activities(
            ActivityFilter(kind=values["kind"].value, date_from=day, date_to=day)
        )
        for row in same_day:
            if row["review"] in (Review.REJECTED, Review.MERGED):
                continue
            if reports_same_activity(row, values):
                activity: Activity = self.repository.get(UUID(row["id"]))
                _refuse_if_stored_meanwhile(coverage, activity.coverage_ids)
                flags += _figure_conflicts(activity, values)
                activity.link_coverage(coverage, list(flags))
                return activity, "matched"
        later = day > date.today()
        return Activity.log(
            status=Lifecycle.PLANNED if later else Lifecycle.CONDUCTED,
            review=Review.PROPOSED,
            source={"coverage_id": str(coverage), "file": item.source},
            coverage_id=coverage,
            flags=list(flags),
            evidence={
                key: text for key, text in (item.facts.get("evidence") or {}).items() if text
            },
            operation_id=operation_id,
            **values,
        ), "created"

    def _incident_reported_by(
        self,
        item: NewsItem,
        day: date,
        coverage: UUID,
        operation_id: UUID | None,
        flags: list[str],
    ) -> tuple[Incident, str]:
        place = place_of(item.facts)
        for row in self.read_model.incidents(date_from=day, date_to=day):
            if row["review"] == Review.REJECTED:
                continue
            district = row["place"].get("district")
            if district and district.lower() == (place.get("district") or "").lower():
                incident: Incident = self.repository.get(UUID(row["id"]))
                _refuse_if_stored_meanwhile(coverage, incident.coverage_ids)
                incident.link_coverage(str(coverage))
                return incident, "matched"
        facts = item.facts
        return Incident(
            title=facts.get("title") or item.source,
            occurred_on=day,
            date_precision=facts.get("date_precision") or "day",
            place=place,
            what_happened=(facts.get("evidence") or {}).get("category"),
            actors=[*(facts.get("stakeholders") or []), *(facts.get("units") or [])],
            police_intervened=item.police_intervened,
            operation_id=str(operation_id) if operation_id else None,
            coverage_ids=[str(coverage)],
            flags=list(flags),
            review=Review.PROPOSED.value,
            source={"coverage_id": str(coverage), "file": item.source},
        ), "created"

    def coverage_of(self, record_id: str) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.coverage(record_id=record_id)

    def list_coverage(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.coverage(date_from=date_from, date_to=date_to)

    def list_incidents(
        self, date_from: date | None = None, date_to: date | None = None
    ) -> list[dict[str, Any]]:
        self.read_model.catch_up()
        return self.read_model.incidents(date_from=date_from, date_to=date_to)

    # Field reports -----------------------------------------------------------

    def import_field_reports(
        self, by: Recorder, reports: list[dict[str, Any]], dry_run: bool = False
    ) -> dict[str, list[str]]:
        """Import the activities of one file of field reports, all or nothing.

        Each report is a dict of activity values plus ``report_id`` and ``source``. The
        activity's id comes from the report id, so the same report again is already
        imported, not imported twice. When another import saved some of the same reports
        first, this one starts again and finds them already imported."""
        self._require(by, "write")
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
        activities, already = [], []
        problems: list[tuple[int, str | None, str]] = []
        first: dict[UUID, int] = {}
        for index, (report, activity_id) in enumerate(zip(reports, ids, strict=True)):
            if str(activity_id) in done:
                already.append(report["report_id"])
                continue
            earlier = first.setdefault(activity_id, index)
            if earlier != index:
                problems.append((index, "report_id", f"the same report as record {earlier + 1}"))
                continue
            values = {key: value for key, value in report.items() if key != "report_id"}
            operation = operations.get(values.pop("operation", None))
            if isinstance(operation, DomainError):
                problems.append((index, "operation", operation.message))
                continue
            values["operation_id"] = operation
            try:
                activities.append(
                    self._new_activity(
                        field_reporter, id=activity_id, review=Review.REPORTED, **values
                    )
                )
            except DomainError as error:
                problems.append((index, error.field, error.message))
        if problems:
            raise RecordsRefused(problems)
        if not dry_run:
            self._save(*activities)
        return {
            "imported": [activity.source["report_id"] for activity in activities],
            "activity_ids": [str(activity.id) for activity in activities],
            "already_imported": already,
        }

    def _operation_ids(self, refs: set[str | None]) -> dict[str | None, UUID | DomainError]:
        """The operation each reference means, or why it means none: a slug, alias or id,
        else the operation's name or an alias with or without a leading "Operasi" or "Ops"
        (how news items and field reports write it)."""
        names: dict[str, str] = {}
        for row in self.read_model.operations():
            for name in (row["name"], *row["aliases"]):
                names.setdefault(_bare_name(name), row["id"])
        found: dict[str | None, UUID | DomainError] = {}
        for ref in refs:
            if not ref:
                continue
            try:
                found[ref] = UUID(self.operation_id(ref))
            except NotFound as error:
                named = names.get(_bare_name(ref))
                found[ref] = UUID(named) if named else error
        return found

    # Review ------------------------------------------------------------------

    def review_queue(
        self, status: str | None = None, operation: str | None = None
    ) -> list[dict[str, Any]]:
        """What waits for a supervisor, oldest first, with where each came from."""
        if status and status not in AWAITING_REVIEW:
            waiting = ", ".join(AWAITING_REVIEW)
            raise InvalidValue(f"{status!r} does not wait for review; use {waiting}", "status")
        self.read_model.catch_up()
        operation_id = self.operation_id(operation) if operation else None
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
        self, by: Recorder, ref: str, fixes: dict[str, Any] | None = None
    ) -> Activity | Incident:
        record_type, record_id = self._reviewable(ref)
        if record_type == "Incident":
            if fixes:
                raise InvalidValue("an incident is accepted as it is; reject it if it is wrong")
            return self._change(by, record_id, lambda i: i.verify(), action="review")
        fixes = self._with_operation_id(dict(fixes or {}))
        return self._change(by, record_id, lambda a: a.verify(fixes), action="review")

    def reject(self, by: Recorder, ref: str, reason: str) -> Activity | Incident:
        _, record_id = self._reviewable(ref)
        return self._change(by, record_id, lambda r: r.reject(reason), action="review")

    def _reviewable(self, ref: str) -> tuple[str, str]:
        record_type, record_id = self.resolve(ref)
        if record_type not in ("Activity", "Incident"):
            raise NotFound(f"{ref!r} is not an activity or an incident", field="ref")
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

    # History and the store ---------------------------------------------------

    def history(self, ref: str) -> list[dict[str, Any]]:
        """Every event of one record, oldest first, as an auditor reads it."""
        record_id = UUID(self.resolve(ref)[1])
        return [describe_event(event) for event in self.events.get(record_id)]  # type: ignore[arg-type]  # stored events are Aggregate.Events

    def store_info(self) -> dict[str, int]:
        """How much the store holds, and how many people are on its roster (none: every
        actor may write)."""
        self.read_model.catch_up()
        return {**self.read_model.counts(), "roster": len(self.roster())}

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
        recordings = self.save(*aggregates)
        positions = [recording.notification.id for recording in recordings]
        self.read_model.catch_up(fresh=aggregates, recorded=positions)

    def _change(
        self,
        by: Recorder,
        record_id: str,
        change: Callable[[A], None],
        action: str = "write",
    ) -> A:
        """Apply a change; if another officer saved first, re-read and apply it again.

        The change itself refuses what no longer makes sense (e.g. the activity was
        cancelled meanwhile), so a retry never overrides a newer decision.
        """
        self._require(by, action)
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

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Run a use case that saves several records again if another process saved
        one of them first."""
        for _ in range(MAX_ATTEMPTS):
            try:
                return attempt()
            except IntegrityError:
                continue
        raise Conflict("the records kept changing under us; try again")

    # Roles -------------------------------------------------------------------

    def _roster(self) -> Roster | None:
        """The roster as stored now. Every write asks, so the check is one small query
        for the roster's latest version; the roster is rebuilt only when it changed."""
        latest = self.recorder.select_events(ROSTER_ID, desc=True, limit=1)
        if not latest:
            return None
        cached = self._cached_roster
        if cached is None or cached.version != latest[0].originator_version:
            try:
                cached = self.repository.get(ROSTER_ID)
            except AggregateNotFoundError:
                return None
            self._cached_roster = cached
        return cached  # for reading only: changes start from a fresh copy (see add_to_roster)

    def _require(self, by: Recorder, action: str) -> None:
        """Refuse, before anything is written, what the actor's role does not allow."""
        roster = self._roster()
        if roster is not None:
            roster.check(by.actor, action)

    def add_to_roster(self, by: Recorder, name: str, role: str) -> Roster:
        def add() -> Roster:
            try:
                roster: Roster = self.repository.get(ROSTER_ID)
            except AggregateNotFoundError:
                roster = Roster.start()
            with recording_as(by):
                roster.add(by.actor, name, role)
            self._save(roster)
            return roster

        return self._retrying(add)

    def remove_from_roster(self, by: Recorder, name: str, reason: str) -> Roster:
        roster = self._roster()
        if roster is None:
            raise Refused(f"{name} is not on the roster: the roster is empty")
        return self._change(
            by, str(ROSTER_ID), lambda r: r.remove(by.actor, name, reason), action="roster"
        )

    def roster(self) -> list[dict[str, Any]]:
        roster = self._roster()
        return roster.summary() if roster else []

    def role_of(self, actor: str) -> str | None:
        roster = self._roster()
        return roster.role_of(actor) if roster else None


_BOOKKEEPING = {"originator_id", "originator_version", "timestamp", "originator_topic"}
_PROVENANCE = {"actor", "via", "reason", "previous", "source"}


# What ``activity show`` tells of each news item behind an activity.
_COVERAGE_BRIEF = ("id", "outlet", "title", "url", "source", "published_on", "link", "flags")


def field_report_activity_id(report_id: str) -> UUID:
    """The activity a field report becomes: the same report id, the same activity."""
    return uuid5(_FIELD_REPORTS, report_id)


_FIELD_REPORTS = uuid5(NAMESPACE_URL, "humas:field-report")


def _bare_name(name: str) -> str:
    """An operation's name as reports write it: "Mantap Brata 2023-2024" for
    "Operasi Mantap Brata 2023-2024" (and "Ops Mantap Brata 2023-2024")."""
    slug = slugify(name)
    for word in ("operasi-", "ops-"):
        slug = slug.removeprefix(word)
    return slug


def _refuse_if_stored_meanwhile(coverage: UUID, linked: list[str]) -> None:
    """The record already holds this item: another ingest of the same item saved it
    after we looked. Raised as the store's own conflict, so the attempt is retried and
    finds the item as a duplicate."""
    if str(coverage) in linked:
        raise IntegrityError(f"coverage item {str(coverage)[:8]} was stored meanwhile")


def _figure_conflicts(activity: Activity, values: dict[str, Any]) -> list[str]:
    """Figures in the item that disagree with what the store holds for the activity."""
    conflicts = []
    for name in ("personnel", "audience_size"):
        held, given = getattr(activity, name), values.get(name)
        if held is not None and given is not None and held != given:
            conflicts.append(f"store-conflict: {name} {given} in this item, {held} recorded")
    return conflicts


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
